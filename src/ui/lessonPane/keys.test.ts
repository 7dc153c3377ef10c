// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { presenterAction, type KeyLike } from './keys';

const key = (k: string, target: EventTarget | null = document.body, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, target, ...mods });

function inside(className: string): HTMLElement {
  const host = document.createElement('div');
  host.className = className;
  const area = document.createElement('textarea');
  host.appendChild(area);
  document.body.appendChild(host);
  return area;
}

describe('presenter keys', () => {
  it('drive the lesson in presenter mode', () => {
    expect(['ArrowRight', 'PageDown', 'ArrowLeft', 'PageUp', 'e', 'E', ' ', 's', 'g', 'r'].map((k) => presenterAction(key(k), true, false))).toEqual([
      'next', 'next', 'previous', 'previous', 'triggerEvents', 'triggerEvents', 'togglePause', 'skipAhead', 'toggleGraph', 'resetStep',
    ]);
    expect(presenterAction(key('Escape'), true, true)).toBe('exitGraph');
    expect(presenterAction(key('Escape'), true, false)).toBeUndefined();
  });

  it('only P works outside presenter mode', () => {
    expect(presenterAction(key('p'), false, false)).toBe('togglePresenter');
    expect(presenterAction(key('ArrowRight'), false, false)).toBeUndefined();
  });

  it('never fire while typing in the terminal, the editor or a field, or with a modifier', () => {
    expect(presenterAction(key('ArrowRight', inside('xterm')), true, false)).toBeUndefined();
    expect(presenterAction(key('s', inside('monaco-editor')), true, false)).toBeUndefined();
    expect(presenterAction(key('p', document.createElement('input')), true, false)).toBeUndefined();
    expect(presenterAction(key('r', document.body, { ctrlKey: true }), true, false)).toBeUndefined();
  });
});
