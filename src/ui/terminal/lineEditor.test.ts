import { describe, expect, it } from 'vitest';
import { parseKeys } from './keys';
import { edit, newEditor, searchFailed, type Action, type EditorState } from './lineEditor';

function type(state: EditorState, data: string): { state: EditorState; actions: Action[] } {
  const actions: Action[] = [];
  for (const k of parseKeys(data)) {
    const r = edit(state, k);
    state = r.state;
    if (r.action) actions.push(r.action);
  }
  return { state, actions };
}

describe('line editor', () => {
  it('inserts at the cursor and moves with arrows, Home and End', () => {
    const { state } = type(newEditor(), 'kubectl pods\x1b[D\x1b[D\x1b[D\x1b[Dget \x1b[H# \x1b[F!');
    expect(state.text).toBe('# kubectl get pods!');
    expect(state.cursor).toBe(state.text.length);
  });

  it('kills with Ctrl+U, Ctrl+K and Ctrl+W, deletes with Backspace and Delete', () => {
    expect(type(newEditor(), 'abc def\x17').state.text).toBe('abc ');
    expect(type(newEditor(), 'abc def\x01\x1b[C\x0b').state.text).toBe('a');
    expect(type(newEditor(), 'abc def\x1b[D\x1b[D\x15').state.text).toBe('ef');
    expect(type(newEditor(), 'abc\x7f\x01\x1b[3~').state.text).toBe('b');
    expect(type(newEditor(), 'abc\x05X').state.text).toBe('abcX');
  });

  it('submits the committed lines with the current one', () => {
    const s = { ...newEditor(), committed: 'cat <<EOF' };
    expect(type(s, 'hi\r').actions).toEqual([{ type: 'submit', input: 'cat <<EOF\nhi' }]);
  });

  it('browses history and keeps the draft', () => {
    const h = ['kubectl get nodes', 'kubectl get pods'];
    let { state } = type(newEditor(h), 'draft\x1b[A');
    expect(state.text).toBe('kubectl get pods');
    state = type(state, '\x1b[A').state;
    expect(state.text).toBe('kubectl get nodes');
    expect(type(state, '\x1b[A').actions).toEqual([{ type: 'bell' }]);
    state = type(state, '\x1b[B\x1b[B').state;
    expect(state.text).toBe('draft');
  });

  it('searches history backwards with Ctrl+R', () => {
    const h = ['kubectl get pods', 'kubectl get nodes', 'echo pods'];
    let { state } = type(newEditor(h), '\x12pods');
    expect(state.search).toEqual({ query: 'pods', index: 2 });
    state = type(state, '\x12').state;
    expect(state.search?.index).toBe(0);
    const run = type(state, '\r');
    expect(run.actions).toEqual([{ type: 'submit', input: 'kubectl get pods' }]);
    const failed = type(newEditor(h), '\x12zzz').state;
    expect(searchFailed(failed)).toBe(true);
    const edited = type(type(newEditor(h), '\x12nodes').state, '\x1b[C').state;
    expect(edited.search).toBeUndefined();
    expect(edited.text).toBe('kubectl get nodes');
  });

  it('maps Tab, Ctrl+C and Ctrl+L to actions', () => {
    expect(type(newEditor(), 'ab\t\x03\x0c').actions.map((a) => a.type)).toEqual(['complete', 'interrupt', 'clearScreen']);
  });

  it('treats pasted lines as text and Enter', () => {
    expect(parseKeys('a\r\nb\rc').map((k) => k.type)).toEqual(['text', 'enter', 'text', 'enter', 'text']);
  });
});
