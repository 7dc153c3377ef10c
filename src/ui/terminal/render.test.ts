import { describe, expect, it } from 'vitest';
import { draw, NOTHING_DRAWN, plainPrompt } from './render';
import { applyCompletion, commonPrefix, formatColumns } from './completion';

const view = (text: string, cursor = text.length) => ({ prompt: plainPrompt('$ '), continuation: plainPrompt('> '), text, cursor });

describe('draw', () => {
  it('draws prompt and text, then moves the cursor back', () => {
    const { out, drawn } = draw(view('abcd', 2), 80, NOTHING_DRAWN);
    expect(out).toBe('\r\x1b[J$ abcd\r\x1b[4C');
    expect(drawn.cursorRow).toBe(0);
  });

  it('tracks wrapped rows and erases them next time', () => {
    const first = draw(view('abcdefgh'), 5, NOTHING_DRAWN); // "$ abc" | "defgh" | ""
    expect(first.out.endsWith(' \b')).toBe(true);
    expect(first.drawn.cursorRow).toBe(2);
    expect(draw(view(''), 5, first.drawn).out.startsWith('\x1b[2A\r\x1b[J')).toBe(true);
  });

  it('shows newlines with the continuation prompt', () => {
    const { out, drawn } = draw(view('a\nb', 0), 80, NOTHING_DRAWN);
    expect(out).toBe('\r\x1b[J$ a\r\n> b\x1b[1A\r\x1b[2C');
    expect(drawn.cursorRow).toBe(0);
  });
});

describe('completion', () => {
  it('inserts a single candidate with a space', () => {
    expect(applyCompletion('kubectl ge', 10, { start: 8, candidates: ['get'] }, false)).toEqual({ text: 'kubectl get ', cursor: 12 });
  });
  it('extends to the common prefix, then lists', () => {
    const c = { start: 13, candidates: ['web-abc-1', 'web-abc-2'] };
    expect(applyCompletion('kubectl logs w', 14, c, false).text).toBe('kubectl logs web-abc-');
    expect(applyCompletion('kubectl logs web-abc-', 21, c, true).list).toEqual(c.candidates);
    expect(applyCompletion('kubectl logs web-abc-', 21, c, false).bell).toBe(true);
  });
  it('formats columns', () => {
    expect(formatColumns(['a', 'bb', 'c'], 8)).toBe('a   c\nbb\n');
    expect(commonPrefix(['abc', 'abd'])).toBe('ab');
  });
});
