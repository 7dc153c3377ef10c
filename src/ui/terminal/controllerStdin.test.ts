import { describe, expect, it } from 'vitest';
import type { ReplyValues } from '../../protocol/messages';
import { TerminalController, type Shell } from './controller';
import { plainPrompt } from './render';

/** A fake Worker running one interactive command: it prints a prompt and asks for lines. */
function interactiveShell() {
  const runs: string[] = [];
  const lines: (string | null)[] = [];
  let out: ((s: 'stdout' | 'stderr', t: string) => void) | undefined;
  let ask: (() => void) | undefined;
  let end: ((v: ReplyValues['run']) => void) | undefined;
  const shell: Shell = {
    run(input, onOutput, _onClear, onReadLine) {
      runs.push(input);
      out = onOutput;
      ask = onReadLine;
      // Messages from the Worker arrive after the request was sent.
      queueMicrotask(() => {
        onOutput('stdout', '/ # ');
        onReadLine?.();
      });
      return { id: 7, done: new Promise((r) => (end = r)) };
    },
    interrupt: () => end?.({ exitCode: 130 }),
    complete: async () => ({ start: 0, candidates: [] }),
    stdin(id, line) {
      expect(id).toBe(7);
      lines.push(line);
      if (line === null) {
        out?.('stdout', '\n');
        end?.({ exitCode: 0 });
      } else {
        if (line) out?.('stdout', `ran ${line}\n`);
        out?.('stdout', '/ # ');
        ask?.();
      }
    },
  };
  return { shell, runs, lines };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('TerminalController with a command reading its input', () => {
  it('sends typed lines to the command, after the prompt it printed, until Ctrl+D', async () => {
    const { shell, runs, lines } = interactiveShell();
    let screen = '';
    const saved: string[][] = [];
    const c = new TerminalController({ write: (d) => (screen += d), cols: () => 80 }, shell, { history: [], onHistory: (h) => saved.push(h), prompt: plainPrompt('$ ') });
    c.start();
    c.input('kubectl exec -it box -- sh\r');
    c.input('ls /tmp\r');
    expect(lines).toEqual([]);
    await tick();
    expect(lines).toEqual(['ls /tmp']);
    // The line is drawn after the container's prompt, which is redrawn as it was printed.
    expect(screen).toContain('\r\x1b[J/ # ls /tmp');
    expect(screen).toContain('ran ls /tmp\r\n/ # ');
    // Ctrl+C gives a fresh prompt, Tab completes nothing, ↑ recalls the container's own history.
    c.input('x\x03');
    c.input('\t\x1b[A\r');
    expect(lines).toEqual(['ls /tmp', '', 'ls /tmp']);
    c.input('\x04');
    expect(lines.at(-1)).toBeNull();
    await tick();
    expect(runs).toEqual(['kubectl exec -it box -- sh']);
    expect(saved.at(-1)).toEqual(['kubectl exec -it box -- sh']);
    expect(screen.endsWith('$ ')).toBe(true);
  });
});
