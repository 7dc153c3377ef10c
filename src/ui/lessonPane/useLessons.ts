/** The app's one LessonsController: created once, attached whenever the Worker is (re)started. */
import { useEffect, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { useApp, useServices } from '../app/context';
import { LessonsController } from './controller';
import { useLessonDrop, usePresenterKeys } from './useLessonKeys';

export function useLessons(): LessonsController {
  const services = useServices();
  const controller = useMemo(() => new LessonsController(services, () => import('./builtIn').then((m) => m.builtInLessons())), [services]);
  const phase = useApp((s) => s.worker.phase);
  useEffect(() => {
    if (phase !== 'ready') return;
    void controller.attach();
    return () => controller.detach();
  }, [controller, phase]);
  usePresenterKeys(controller);
  useLessonDrop(controller);
  useRefitGraph(controller);
  return controller;
}

/** The graph keeps its zoom when its pane changes size; presenter layouts want it fitted anew. */
function useRefitGraph(controller: LessonsController): void {
  const { presenter, graphOnly } = useStore(controller.store);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) return void (first.current = false);
    // After the layout has settled and the graph has seen its new size (it observes resizes).
    const t = setTimeout(() => document.querySelector<HTMLButtonElement>('.graph-pane button[aria-label="Fit graph to view"]')?.click(), 120);
    return () => clearTimeout(t);
  }, [presenter, graphOnly]);
}
