/**
 * Presenter mode's keyboard: which key does what, as a pure function of the key event and where
 * it was typed — never while someone types in the terminal, the editor or a form field.
 */
export type PresenterAction = 'togglePresenter' | 'next' | 'previous' | 'triggerEvents' | 'togglePause' | 'skipAhead' | 'toggleGraph' | 'resetStep' | 'exitGraph';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

/** Where typing happens: xterm's and Monaco's hidden text areas, inputs, editable elements. */
const TYPING = '.xterm, .monaco-editor, input, textarea, select, [contenteditable=""], [contenteditable="true"]';

export function isTyping(target: EventTarget | null): boolean {
  const el = target as Element | null;
  return !!el && typeof el.closest === 'function' && el.closest(TYPING) !== null;
}

export function presenterAction(e: KeyLike, presenter: boolean, graphOnly: boolean): PresenterAction | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return undefined;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (key === 'p') return 'togglePresenter';
  if (!presenter) return undefined;
  switch (key) {
    case 'ArrowRight':
    case 'PageDown':
      return 'next';
    case 'ArrowLeft':
    case 'PageUp':
      return 'previous';
    case 'e':
      return 'triggerEvents';
    case ' ':
      return 'togglePause';
    case 's':
      return 'skipAhead';
    case 'g':
      return 'toggleGraph';
    case 'r':
      return 'resetStep';
    case 'Escape':
      return graphOnly ? 'exitGraph' : undefined;
  }
  return undefined;
}
