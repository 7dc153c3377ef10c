/** The window-wide listeners lessons need: presenter keys, and lesson files dropped on the page. */
import { useEffect } from 'react';
import type { LessonsController } from './controller';
import { presenterAction, type PresenterAction } from './keys';

export function usePresenterKeys(controller: LessonsController): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { presenter, graphOnly } = controller.store.getState();
      const action = presenterAction(e, presenter, graphOnly);
      if (!action) return;
      e.preventDefault();
      void perform(controller, action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);
}

function perform(c: LessonsController, action: PresenterAction): Promise<void> | void {
  switch (action) {
    case 'togglePresenter':
      return c.togglePresenter();
    case 'next':
      return c.next();
    case 'previous':
      return c.previous();
    case 'triggerEvents':
      return c.triggerEvents();
    case 'togglePause':
      return c.togglePause();
    case 'skipAhead':
      return c.skipAhead();
    case 'toggleGraph':
    case 'exitGraph':
      return c.toggleGraphOnly();
    case 'resetStep':
      return c.resetStep();
  }
}

/** A `.md` or `.lesson.json` dropped anywhere on the page opens as a lesson. */
export function useLessonDrop(controller: LessonsController): void {
  useEffect(() => {
    const isLessonFile = (f: File) => /\.(md|json)$/i.test(f.name);
    const onDragOver = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      const file = [...(e.dataTransfer?.files ?? [])].find(isLessonFile);
      if (!file) return;
      e.preventDefault();
      controller.togglePane(true);
      void controller.openFile(file);
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [controller]);
}
