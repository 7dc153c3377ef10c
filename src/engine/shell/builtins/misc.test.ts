import { describe, expect, it } from 'vitest';
import { runScript } from '../run';
import { drain } from '../testing';
import type { Dialect } from '../types';
import { parseInterval } from './sleep';

/** 2006-01-02T15:04:05Z, a Monday. */
const NOW = 1136214245000;
const sh = (source: string, dialect: Dialect = 'ash') =>
  drain(runScript(source, { dialect, now: () => NOW, env: { HOSTNAME: 'web-7d9f' } }));

describe('echo and printf', () => {
  it('handles -n and -e', () => {
    expect(sh("echo -n a; echo -e 'b\\tc'; echo 'd\\n'").stdout).toBe('ab\tc\nd\\n\n');
  });

  it('formats %s %d with widths and reuses the format', () => {
    expect(sh("printf '%-5s|%3d|%03d\\n' ab 7 5 cd 8 6").stdout).toBe('ab   |  7|005\ncd   |  8|006\n');
  });
});

describe('test / [', () => {
  it('compares strings and integers', () => {
    expect(sh('[ a = a ] && [ 3 -gt 2 ] && [ -z "" ] && [ -n x ] && ! [ 1 -eq 2 ] && echo ok').stdout).toBe('ok\n');
  });

  it('reports a missing ] and non-integers', () => {
    expect(sh('[ 1 = 1', 'bash')).toMatchObject({ stderr: "bash: [: missing `]'\n", status: 2 });
    expect(sh('[ x -lt 1 ]', 'bash')).toMatchObject({ stderr: 'bash: [: x: integer expression expected\n', status: 2 });
  });

  it('tests files in the shell file system', () => {
    expect(sh('echo > /a; [ -f /a ] && [ -e /a ] && ! [ -f /b ] && echo ok').stdout).toBe('ok\n');
  });
});

describe('sleep', () => {
  it('parses intervals with units', () => {
    expect([parseInterval('5'), parseInterval('0.5'), parseInterval('5s'), parseInterval('2m'), parseInterval('1h')]).toEqual([
      5000, 500, 5000, 120000, 3600000,
    ]);
    expect(parseInterval('x')).toBeUndefined();
  });

  it('rejects invalid intervals per dialect', () => {
    expect(sh('sleep x', 'bash').stderr).toBe("sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n");
    expect(sh('sleep x', 'ash')).toMatchObject({ stderr: "sleep: invalid number 'x'\n", status: 1 });
  });

  it('sums several intervals', () => {
    expect(sh('sleep 1m 30s').effects).toEqual([{ type: 'sleep', ms: 90000 }]);
  });
});

describe('date, hostname, seq, expr', () => {
  it('prints the virtual time like busybox date', () => {
    expect(sh('date').stdout).toBe('Mon Jan  2 15:04:05 UTC 2006\n');
    expect(sh('date +%Y-%m-%dT%H:%M:%S').stdout).toBe('2006-01-02T15:04:05\n');
  });

  it('reads the hostname from HOSTNAME', () => {
    expect(sh('hostname').stdout).toBe('web-7d9f\n');
  });

  it('counts with seq', () => {
    expect(sh('seq 3; seq 2 2 6; seq -s, 3').stdout).toBe('1\n2\n3\n2\n4\n6\n1,2,3\n');
  });

  it('evaluates expr with exit statuses', () => {
    expect(sh('expr 2 + 3 \\* 4; expr 5 / 0; echo $?; expr 1 - 1; echo $?').output).toBe(
      '14\nexpr: division by zero\n2\n0\n1\n',
    );
  });
});

describe('variables', () => {
  it('exports, unsets and prints the environment', () => {
    expect(sh('A=1; export B=2; env | grep -E "^[AB]="; unset B; printenv B; echo $?').stdout).toBe('B=2\n1\n');
  });

  it('reads fields with read, the last one taking the rest', () => {
    expect(sh('echo "a b c d" | { read x y; echo "$y"; }').stdout).toBe('b c d\n');
  });
});
