import { describe, expect, it } from 'vitest';
import { Random } from '../sim/random';
import { appendLog, internLine } from './logs';
import type { ContainerState } from './types';

describe('log line interning', () => {
  it('gives back an equal string, shared for repeats, across table restarts (random lines)', () => {
    const r = new Random(9);
    for (let i = 0; i < 30_000; i++) {
      const line = `line ${r.int(6000)}` + (r.int(2) ? ' x' : '');
      const got = internLine(line);
      expect(got).toBe(line);
    }
    const a = internLine(['repeat', 'me'].join(' '));
    expect(internLine(['repeat', 'me'].join(' '))).toBe(a);
  });

  it('keeps lines, streams and times as appended', () => {
    const c = { logs: [] } as unknown as ContainerState;
    appendLog(c, 1, 'stdout', 'a\nb\n');
    appendLog(c, 2, 'stderr', 'a');
    expect(c.logs).toEqual([
      { at: 1, stream: 'stdout', text: 'a' },
      { at: 1, stream: 'stdout', text: 'b' },
      { at: 2, stream: 'stderr', text: 'a' },
    ]);
  });
});
