import { describe, expect, it } from 'vitest';
import { memoryFs } from '../io';
import { runScript } from '../run';
import { drain } from '../testing';
import type { Dialect } from '../types';

const fs = () => memoryFs({ '/pods': 'web-1 Running 3\nweb-2 Pending 0\ndb-0 Running 12\n' });
const sh = (source: string, dialect: Dialect = 'bash') => drain(runScript(source, { dialect, fs: fs() }));

describe('grep', () => {
  it('filters with -i, -v, -c, -w, -n and -E', () => {
    expect(sh('grep running -i /pods').stdout).toBe('web-1 Running 3\ndb-0 Running 12\n');
    expect(sh('grep -v Running /pods').stdout).toBe('web-2 Pending 0\n');
    expect(sh('grep -c web /pods').stdout).toBe('2\n');
    expect(sh('grep -w Run /pods; echo $?').stdout).toBe('1\n');
    expect(sh('grep -w 1 /pods').stdout).toBe('web-1 Running 3\n');
    expect(sh('grep -n db /pods').stdout).toBe('3:db-0 Running 12\n');
    expect(sh("grep -E 'web-(1|2) P' /pods").stdout).toBe('web-2 Pending 0\n');
    expect(sh("grep 'web-\\(1\\|2\\) P' /pods").stdout).toBe('web-2 Pending 0\n');
  });

  it('exits 1 without matches and 2 for missing files', () => {
    expect(sh('grep nothing /pods').status).toBe(1);
    expect(sh('grep x /missing')).toMatchObject({ status: 2, stderr: 'grep: /missing: No such file or directory\n' });
  });
});

describe('head, tail, wc', () => {
  it('takes lines from either end', () => {
    expect(sh('head -n 1 /pods').stdout).toBe('web-1 Running 3\n');
    expect(sh('head -2 /pods | tail -1').stdout).toBe('web-2 Pending 0\n');
    expect(sh('tail -n +2 /pods | wc -l').stdout).toBe('2\n');
  });

  it('formats wc like GNU coreutils', () => {
    expect(sh('wc -l < /pods').stdout).toBe('3\n');
    expect(sh('cat /pods | wc').stdout).toBe('      3       9      48\n');
    expect(sh('wc -l /pods').stdout).toBe('3 /pods\n');
    expect(sh('wc /pods').stdout).toBe(' 3  9 48 /pods\n');
  });
});

describe('sort, uniq, cut, tr, awk', () => {
  it('sorts by key, numerically and in reverse', () => {
    expect(sh('sort -k3 -n /pods | cut -d" " -f1').stdout).toBe('web-2\nweb-1\ndb-0\n');
    expect(sh('sort -r /pods | head -1').stdout).toBe('web-2 Pending 0\n');
  });

  it('counts duplicates with uniq -c', () => {
    expect(sh("awk '{print $2}' /pods | sort | uniq -c").stdout).toBe('      1 Pending\n      2 Running\n');
  });

  it('cuts fields and characters', () => {
    expect(sh('echo a:b:c:d | cut -d: -f2,4').stdout).toBe('b:d\n');
    expect(sh('echo abcdef | cut -c 2-4').stdout).toBe('bcd\n');
  });

  it('translates, deletes and squeezes', () => {
    expect(sh("echo Hello | tr a-z A-Z; echo hello | tr -d l; echo 'a   b' | tr -s ' '").stdout).toBe('HELLO\nheo\na b\n');
  });

  it('prints awk fields, NF and NR', () => {
    expect(sh("awk -F- '/Running/ {print $1, NR}' /pods").stdout).toBe('web 1\ndb 3\n');
    expect(sh("awk '{print $NF}' /pods; awk 'END {print NR}' /pods").stdout).toBe('3\n0\n12\n3\n');
  });
});

describe('cat', () => {
  it('words a missing file per dialect, after the output of earlier files', () => {
    expect(sh('cat /pods /nope | wc -l; cat /nope', 'ash').output).toBe("cat: can't open '/nope': No such file or directory\n3\ncat: can't open '/nope': No such file or directory\n");
    expect(sh('cat /nope', 'bash')).toMatchObject({ stderr: 'cat: /nope: No such file or directory\n', status: 1 });
  });
});
