/**
 * Turns what xterm's `onData` delivers (typed keys, escape sequences, pasted text) into keys for
 * the line editor. A pasted block arrives as one string with `\r` between lines: it becomes text
 * and Enter keys in order, so a heredoc pasted from the docs runs as typed.
 */
export type Key =
  | { type: 'text'; text: string }
  | { type: 'enter' | 'backspace' | 'delete' | 'left' | 'right' | 'home' | 'end' | 'up' | 'down' | 'wordLeft' | 'wordRight' | 'tab' | 'escape' }
  | { type: 'ctrl'; key: string };

const SEQUENCES: Record<string, Key> = {
  '\x1b[A': { type: 'up' },
  '\x1b[B': { type: 'down' },
  '\x1b[C': { type: 'right' },
  '\x1b[D': { type: 'left' },
  '\x1bOA': { type: 'up' },
  '\x1bOB': { type: 'down' },
  '\x1bOC': { type: 'right' },
  '\x1bOD': { type: 'left' },
  '\x1b[H': { type: 'home' },
  '\x1b[F': { type: 'end' },
  '\x1bOH': { type: 'home' },
  '\x1bOF': { type: 'end' },
  '\x1b[1~': { type: 'home' },
  '\x1b[4~': { type: 'end' },
  '\x1b[3~': { type: 'delete' },
  '\x1b[1;5D': { type: 'wordLeft' },
  '\x1b[1;5C': { type: 'wordRight' },
  '\x1bb': { type: 'wordLeft' },
  '\x1bf': { type: 'wordRight' },
  '\x1b[200~': { type: 'text', text: '' },
  '\x1b[201~': { type: 'text', text: '' },
};

export function parseKeys(data: string): Key[] {
  const keys: Key[] = [];
  let text = '';
  const push = (k: Key) => {
    if (text) keys.push({ type: 'text', text });
    text = '';
    if (k.type !== 'text' || k.text) keys.push(k);
  };
  for (let i = 0; i < data.length; i++) {
    const c = data[i];
    if (c === '\x1b') {
      const seq = Object.keys(SEQUENCES)
        .filter((s) => data.startsWith(s, i))
        .sort((a, b) => b.length - a.length)[0];
      if (seq) {
        push(SEQUENCES[seq]);
        i += seq.length - 1;
      } else {
        // An unknown CSI sequence is swallowed whole; a lone Escape is a key.
        const m = /^\x1b\[[0-9;]*[A-Za-z~]/.exec(data.slice(i));
        if (m) i += m[0].length - 1;
        else push({ type: 'escape' });
      }
    } else if (c === '\r' || c === '\n') {
      push({ type: 'enter' });
      if (c === '\r' && data[i + 1] === '\n') i++;
    } else if (c === '\x7f' || c === '\b') push({ type: 'backspace' });
    else if (c === '\t') push({ type: 'tab' });
    else if (c < ' ') push({ type: 'ctrl', key: String.fromCharCode(c.charCodeAt(0) + 96) });
    else text += c;
  }
  push({ type: 'text', text: '' });
  return keys;
}
