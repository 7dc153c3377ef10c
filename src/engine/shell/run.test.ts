import { describe, expect, it } from 'vitest';
import { BUSY_COMMANDS } from './interpreter';
import { memoryFs } from './io';
import { runArgv, runScript } from './run';
import { drain } from './testing';
import type { Builtin, Dialect, ShellContext } from './types';

const sh = (source: string, ctx: Partial<ShellContext> = {}, dialect: Dialect = 'ash') =>
  drain(runScript(source, { dialect, ...ctx }));

describe('runScript: expansion', () => {
  it('expands variables, defaults and lengths', () => {
    const t = sh('A=hello; echo $A ${A}! ${#A} ${B:-dflt} ${B-unset} ${A:+set} ${C:=new} $C');
    expect(t.stdout).toBe('hello hello! 5 dflt unset set new new\n');
  });

  it('field-splits unquoted expansions but not quoted ones', () => {
    const t = sh('X="a   b"; for w in $X; do echo "[$w]"; done; for w in "$X"; do echo "[$w]"; done');
    expect(t.stdout).toBe('[a]\n[b]\n[a   b]\n');
  });

  it('keeps empty quoted words and drops empty unquoted ones', () => {
    expect(sh('set -- "" $EMPTY x; echo $#').stdout).toBe('2\n');
  });

  it('expands "$@" to one field per positional parameter', () => {
    const t = drain(runScript('for a in "$@"; do echo "<$a>"; done; echo $# $0', { dialect: 'ash', args: ['a b', 'c'], argv0: 'sh' }));
    expect(t.stdout).toBe('<a b>\n<c>\n2 sh\n');
  });

  it('substitutes commands, trimming trailing newlines', () => {
    expect(sh('x=$(printf "a\\n\\n"); echo "[$x]" `echo b`').stdout).toBe('[a] b\n');
  });

  it('evaluates arithmetic with variables, assignment and increments', () => {
    expect(sh('i=5; echo $((i * 2 + 1)) $(( (i+1) % 4 )) $((i += 2)) $i $((i++)) $i $((1 < 2 && 3))').stdout).toBe(
      '11 2 7 7 7 8 1\n',
    );
  });

  it('expands ~ to HOME', () => {
    expect(sh('echo ~ ~/x "~"', { env: { HOME: '/home/me' } }).stdout).toBe('/home/me /home/me/x ~\n');
  });
});

describe('runScript: control flow and status', () => {
  it('sets $? and honours && and ||', () => {
    expect(sh('false; echo $?; true && echo yes; false || echo no; ! true; echo $?').stdout).toBe('1\nyes\nno\n1\n');
  });

  it('stops at exit N with that status', () => {
    const t = sh('echo a; exit 4; echo b');
    expect(t.stdout).toBe('a\n');
    expect(t.status).toBe(4);
  });

  it('set -e exits on failure but not inside conditions', () => {
    const t = sh('set -e; if false; then :; fi; false || true; ! true; echo reached; false; echo not');
    expect(t.stdout).toBe('reached\n');
    expect(t.status).toBe(1);
  });

  it('loops with break and continue', () => {
    const t = sh('for i in 1 2 3 4 5; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done');
    expect(t.stdout).toBe('1\n3\n');
  });

  it('runs until loops and while-read over stdin', () => {
    expect(sh('n=0; until [ $n -ge 2 ]; do n=$((n+1)); done; echo $n').stdout).toBe('2\n');
    expect(sh('printf "a 1\\nb 2\\n" | while read k v; do echo "$v=$k"; done').stdout).toBe('1=a\n2=b\n');
  });

  it('keeps subshell changes inside the subshell', () => {
    expect(sh('x=1; (x=2; exit 3); echo $? $x').stdout).toBe('3 1\n');
  });

  it('reports unknown commands per dialect with status 127', () => {
    expect(sh('nope', {}, 'ash')).toMatchObject({ stderr: 'sh: nope: not found\n', status: 127 });
    expect(sh('nope', {}, 'bash')).toMatchObject({ stderr: 'bash: nope: command not found\n', status: 127 });
  });

  it('prints a syntax error and returns 2', () => {
    expect(sh('if true; then', {}, 'ash')).toMatchObject({
      stderr: 'sh: syntax error: unexpected end of file (expecting "fi")\n',
      status: 2,
    });
  });

  it('supports functions with positional parameters and return', () => {
    expect(sh('greet() { echo "hi $1"; return 5; }; greet bob; echo $?').stdout).toBe('hi bob\n5\n');
  });

  it('reports unbound variables under set -u', () => {
    expect(sh('set -u; echo $NOPE; echo after', {}, 'bash')).toMatchObject({ stderr: 'bash: NOPE: unbound variable\n', status: 1 });
  });
});

describe('runScript: redirections and pipes', () => {
  it('writes, appends and reads files, and merges stderr with 2>&1', () => {
    const fs = memoryFs();
    const t = sh('echo one > /f; echo two >> /f; cat < /f; nope 2>&1 | grep -c found; nope 2>/dev/null; echo $?', { fs });
    expect(t.stdout).toBe('one\ntwo\n1\n127\n');
    expect(t.stderr).toBe('');
    expect(fs.read('/f')).toBe('one\ntwo\n');
  });

  it('feeds here-documents, expanding unless the delimiter is quoted', () => {
    expect(sh('X=1; cat <<EOF\nx=$X\nEOF\ncat <<"EOF"\nx=$X\nEOF').stdout).toBe('x=1\nx=$X\n');
  });

  it('pipes buffered output between stages', () => {
    expect(sh('printf "b\\na\\nb\\n" | sort | uniq -c').stdout).toBe('      1 a\n      2 b\n');
  });

  it('passes stdin from the context', () => {
    expect(drain(runScript('wc -l', { dialect: 'bash', stdin: 'a\nb\n' })).stdout).toBe('2\n');
  });
});

describe('effects', () => {
  it('yields sleeps in order with output', () => {
    const t = sh('echo a; sleep 2; echo b');
    expect(t.effects).toEqual([
      { type: 'stdout', text: 'a\n' },
      { type: 'sleep', ms: 2000 },
      { type: 'stdout', text: 'b\n' },
    ]);
  });

  it('lets host builtins exchange call effects', () => {
    const kubectl: Builtin = function* (argv) {
      const answer = yield { type: 'call', name: 'kubectl', payload: argv.slice(1) };
      yield { type: 'stdout', text: `${String(answer)}\n` };
      return 0;
    };
    const t = drain(runScript('kubectl get pods | grep web', { dialect: 'bash', builtins: { kubectl } }), () => 'web-1');
    expect(t.effects[0]).toEqual({ type: 'call', name: 'kubectl', payload: ['get', 'pods'] });
    expect(t.stdout).toBe('web-1\n');
  });

  it('advances time in busy loops instead of hanging', () => {
    const gen = runScript('while :; do :; done', { dialect: 'ash' });
    let sleeps = 0;
    for (let i = 0; i < 3; i++) {
      const r = gen.next();
      if (!r.done && r.value.type === 'sleep') sleeps++;
    }
    expect(sleeps).toBe(3);
    expect(BUSY_COMMANDS).toBeGreaterThan(0);
  });

  it('keeps variables in a Map env across runs (a terminal session)', () => {
    const env = new Map<string, string>();
    drain(runScript('export NS=dev; LOCAL=1', { dialect: 'bash', env }));
    expect(drain(runScript('echo $NS $LOCAL', { dialect: 'bash', env })).stdout).toBe('dev 1\n');
  });
});

describe('runArgv', () => {
  it('runs sh -c with $0 and arguments, in the ash dialect', () => {
    const t = drain(runArgv(['sh', '-c', 'echo "$0:$1"; nope', 'me', 'x'], { dialect: 'ash' }));
    expect(t.output).toBe('me:x\nsh: nope: not found\n');
    expect(t.status).toBe(127);
  });

  it('runs a bare command and an absolute path', () => {
    expect(drain(runArgv(['/bin/sleep', '3600'], { dialect: 'ash' })).effects).toEqual([{ type: 'sleep', ms: 3_600_000 }]);
  });

  it('sh without a script reads stdin, which is empty without a TTY', () => {
    expect(drain(runArgv(['sh'], { dialect: 'ash' }))).toMatchObject({ status: 0, output: '' });
  });

  it('passes only exported variables to a child shell', () => {
    const t = drain(runScript('A=1; export B=2; sh -c \'echo "[$A][$B]"\'', { dialect: 'ash' }));
    expect(t.stdout).toBe('[][2]\n');
  });
});

describe('parameter operators', () => {
  it('removes quotes in the word of ${X:-word} and expands inside it', () => {
    expect(sh('Y=v; echo ${X:-"a b"} ${X:-$Y} "${X:-\'q\'}"').stdout).toBe("a b v 'q'\n");
  });
});
