import { describe, expect, it } from 'vitest';
import { memoryFs } from '../io';
import { runScript } from '../run';
import { drain } from '../testing';

const text = ['a1', 'b2', 'match 3', 'c4', 'd5', 'e6', 'match 7', 'f8', 'g9', 'h10', 'i11', 'match 12'].join('\n') + '\n';
const sh = (source: string) => drain(runScript(source, { dialect: 'bash', fs: memoryFs({ '/t': text, '/u': 'x\nmatch u\n' }) }));

describe('grep -o', () => {
  it('prints the first match too (a global regex tested before matchAll)', () => {
    expect(sh("echo 'aa replicas bb' | grep -o replicas").stdout).toBe('replicas\n');
    expect(sh("echo 'r1 r2 x r3' | grep -oE 'r[0-9]'").stdout).toBe('r1\nr2\nr3\n');
    expect(sh("echo 'Replicas: 3' | grep -oi replicas").stdout).toBe('Replicas\n');
  });
});

describe('grep context', () => {
  it('-A prints lines after, with -- between groups that are not adjacent', () => {
    expect(sh('grep -A1 match /t').stdout).toBe('match 3\nc4\n--\nmatch 7\nf8\n--\nmatch 12\n');
  });
  it('-B and -n mark context lines with -', () => {
    expect(sh('grep -n -B 2 match /t').stdout).toBe('1-a1\n2-b2\n3:match 3\n--\n5-d5\n6-e6\n7:match 7\n--\n10-h10\n11-i11\n12:match 12\n');
  });
  it('-C merges overlapping groups', () => {
    expect(sh('grep -C 2 match /t').stdout).toBe('a1\nb2\nmatch 3\nc4\nd5\ne6\nmatch 7\nf8\ng9\nh10\ni11\nmatch 12\n');
    expect(sh('grep -C1 "match 7" /t').stdout).toBe('e6\nmatch 7\nf8\n');
    expect(sh('grep -1 "match 7" /t').stdout).toBe('e6\nmatch 7\nf8\n');
  });
  it('separates groups across files and names context lines with -', () => {
    expect(sh('grep -A1 "match [1u]" /t /u').stdout).toBe('/t:match 12\n--\n/u:match u\n');
    expect(sh('grep -B1 "match 3" /t /u').stdout).toBe('/t-b2\n/t:match 3\n');
  });
  it('rejects a bad length; -m stops after N matches', () => {
    expect(sh('grep -A x match /t')).toMatchObject({ status: 2, stderr: 'grep: x: invalid context length argument\n' });
    expect(sh('grep -m 2 match /t').stdout).toBe('match 3\nmatch 7\n');
    expect(sh('grep -c -m1 match /t').stdout).toBe('1\n');
  });
});
