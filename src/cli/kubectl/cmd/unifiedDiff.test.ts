import { describe, expect, it } from 'vitest';
import { unifiedHunks } from './unifiedDiff';

const text = (n: number, change: Record<number, string> = {}) =>
  Array.from({ length: n }, (_, i) => change[i + 1] ?? `line ${i + 1}`).join('\n') + '\n';

describe('unifiedHunks', () => {
  it('prints nothing for equal texts', () => expect(unifiedHunks(text(5), text(5))).toBe(''));
  it('prints one hunk with three lines of context', () => {
    expect(unifiedHunks(text(10), text(10, { 5: 'five' }))).toBe('@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+five\n line 6\n line 7\n line 8\n');
  });
  it('merges close changes and splits distant ones', () => {
    expect(unifiedHunks(text(20), text(20, { 3: 'x', 9: 'y' })).match(/^@@/gm)).toHaveLength(1);
    expect(unifiedHunks(text(20), text(20, { 3: 'x', 11: 'y' })).match(/^@@/gm)).toHaveLength(2);
  });
  it('counts an empty side as GNU diff does', () => {
    expect(unifiedHunks('', 'a\nb\n')).toBe('@@ -0,0 +1,2 @@\n+a\n+b\n');
    expect(unifiedHunks('a\n', '')).toBe('@@ -1 +0,0 @@\n-a\n');
  });
});
