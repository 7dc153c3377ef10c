import { describe, expect, it } from 'vitest';
import type { Completion, ReplyValues } from '../../protocol/messages';
import { TerminalController, type Shell } from './controller';
import { plainPrompt } from './render';

/** A fake shell: records inputs, answers from a script. */
function fakeShell(answers: Record<string, { out?: string; incomplete?: boolean; exitCode?: number; hang?: boolean }>, completion?: Completion) {
  const runs: string[] = [];
  const interrupts: number[] = [];
  let resolveHung: ((v: ReplyValues['run']) => void) | undefined;
  let id = 0;
  const shell: Shell = {
    run(input, onOutput) {
      runs.push(input);
      const a = answers[input] ?? { out: '' };
      id++;
      if (a.incomplete) return { id, done: Promise.resolve({ incomplete: true as const }) };
      if (a.out) onOutput('stdout', a.out);
      if (a.hang) return { id, done: new Promise((r) => (resolveHung = r)) };
      return { id, done: Promise.resolve({ exitCode: a.exitCode ?? 0 }) };
    },
    interrupt(n) {
      interrupts.push(n);
      resolveHung?.({ exitCode: 130 });
    },
    complete: async () => completion ?? { start: 0, candidates: [] },
  };
  return { shell, runs, interrupts };
}

function setup(shell: Shell, history: string[] = []) {
  let screen = '';
  const saved: string[][] = [];
  const c = new TerminalController({ write: (d) => (screen += d), cols: () => 80 }, shell, { history, onHistory: (h) => saved.push(h), prompt: plainPrompt('$ ') });
  c.start();
  return { c, screen: () => screen, saved, reset: () => (screen = '') };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('TerminalController', () => {
  it('runs a line and writes its output with CRLF', async () => {
    const { shell, runs } = fakeShell({ 'kubectl get pods': { out: 'NAME\nweb\n' } });
    const t = setup(shell);
    t.c.input('kubectl get pods\r');
    await tick();
    expect(runs).toEqual(['kubectl get pods']);
    expect(t.screen()).toContain('NAME\r\nweb\r\n');
    expect(t.saved.at(-1)).toEqual(['kubectl get pods']);
  });

  it('continues an incomplete input and runs a pasted heredoc whole', async () => {
    const script = 'cat <<EOF\nhello\nEOF';
    const { shell, runs } = fakeShell({ 'cat <<EOF': { incomplete: true }, 'cat <<EOF\nhello': { incomplete: true }, [script]: { out: 'hello\n' } });
    const t = setup(shell);
    t.c.input('cat <<EOF\rhello\rEOF\r');
    for (let i = 0; i < 5; i++) await tick();
    expect(runs).toEqual(['cat <<EOF', 'cat <<EOF\nhello', script]);
    expect(t.screen()).toContain('\r\x1b[J> hello');
    expect(t.saved.at(-1)).toEqual([script]);
  });

  it('queues keys typed while a command runs and interrupts with Ctrl+C', async () => {
    const { shell, runs, interrupts } = fakeShell({ 'kubectl get pods -w': { hang: true } });
    const t = setup(shell);
    t.c.input('kubectl get pods -w\r');
    t.c.input('echo later');
    t.c.input('\x03');
    await tick();
    expect(interrupts).toEqual([1]);
    expect(t.screen()).toContain('^C');
    expect(runs).toEqual(['kubectl get pods -w']);
  });

  it('recalls history with the arrows', async () => {
    const { shell, runs } = fakeShell({});
    const t = setup(shell, ['one', 'two']);
    t.c.input('\x1b[A\x1b[A\x1b[B\r');
    await tick();
    expect(runs).toEqual(['two']);
  });

  it('completes with Tab and lists on the second Tab', async () => {
    const { shell } = fakeShell({}, { start: 12, candidates: ['web-1', 'web-2'] });
    const t = setup(shell);
    t.c.input('kubectl logs w\t');
    await tick();
    t.reset();
    t.c.input('\t');
    await tick();
    expect(t.screen()).toContain('web-1  web-2');
  });
});

describe('TerminalController.type', () => {
  it('types commands visibly and resolves once they have run and the prompt is back', async () => {
    const { shell, runs } = fakeShell({ 'echo one': { out: 'one\n' }, 'echo two': { out: 'two\n' } });
    const { c, screen } = setup(shell);
    await c.type('echo one\necho two\n');
    expect(runs).toEqual(['echo one', 'echo two']);
    expect(screen()).toContain('$ echo one');
    expect(screen()).toContain('two');
    expect(screen().endsWith('$ ')).toBe(true);
  });
});
