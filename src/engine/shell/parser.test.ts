import { describe, expect, it } from 'vitest';
import { parseScript, plainText } from './parser';
import { ShellSyntaxError } from './syntaxError';

function syntaxError(source: string): ShellSyntaxError {
  try {
    parseScript(source);
  } catch (err) {
    if (err instanceof ShellSyntaxError) return err;
    throw err;
  }
  throw new Error(`parsed: ${source}`);
}

describe('parseScript', () => {
  it('splits lists, and-or lists and pipelines', () => {
    const s = parseScript('a | b && c || d; e & f\ng');
    expect(s.body).toHaveLength(4);
    expect(s.body[0].first.commands).toHaveLength(2);
    expect(s.body[0].rest.map((r) => r.op)).toEqual(['&&', '||']);
  });

  it('keeps quoting as word parts', () => {
    const cmd = parseScript(`echo 'a $b' "c $d" e\\ f`).body[0].first.commands[0];
    expect(cmd.kind).toBe('simple');
    if (cmd.kind !== 'simple') return;
    expect(cmd.words[1].parts).toEqual([{ kind: 'lit', text: 'a $b', quoted: true }]);
    expect(cmd.words[2].parts).toEqual([
      { kind: 'lit', text: 'c ', quoted: true },
      { kind: 'param', name: 'd', quoted: true },
    ]);
    expect(cmd.words[3].raw).toBe('e\\ f');
  });

  it('recognises assignments only before the command word', () => {
    const cmd = parseScript('A=1 B="x y" env C=2').body[0].first.commands[0];
    if (cmd.kind !== 'simple') throw new Error('not simple');
    expect(cmd.assigns.map((a) => a.name)).toEqual(['A', 'B']);
    expect(cmd.words.map((w) => w.raw)).toEqual(['env', 'C=2']);
  });

  it('parses redirections with fd numbers and here-documents', () => {
    const cmd = parseScript("cat <<'EOF' 2>&1 >>out\n$x\nEOF\n").body[0].first.commands[0];
    if (cmd.kind !== 'simple') throw new Error('not simple');
    expect(cmd.redirects.map((r) => [r.fd, r.op])).toEqual([[0, '<<'], [2, '>&'], [1, '>>']]);
    expect(cmd.redirects[0].target.parts).toEqual([{ kind: 'lit', text: '$x\n', quoted: true }]);
  });

  it('strips leading tabs with <<-', () => {
    const cmd = parseScript('cat <<-END\n\thello\n\tEND\n').body[0].first.commands[0];
    if (cmd.kind !== 'simple') throw new Error('not simple');
    expect(cmd.redirects[0].target.parts).toEqual([{ kind: 'lit', text: 'hello\n', quoted: true }]);
  });

  it('parses compound commands', () => {
    const kinds = (src: string) => parseScript(src).body.map((a) => a.first.commands[0].kind);
    expect(kinds('if a; then b; elif c; then d; else e; fi')).toEqual(['if']);
    expect(kinds('while a; do b; done; until a; do b; done')).toEqual(['while', 'until']);
    expect(kinds('for x in 1 2; do echo $x; done; for y; do :; done')).toEqual(['for', 'for']);
    expect(kinds('case $x in a|b) echo;; esac; { a; }; (b)')).toEqual(['case', 'group', 'subshell']);
    expect(kinds('f() { echo hi; }')).toEqual(['function']);
  });

  it('treats reserved words as plain arguments after the command word', () => {
    const cmd = parseScript('echo done fi').body[0].first.commands[0];
    if (cmd.kind !== 'simple') throw new Error('not simple');
    expect(cmd.words.map(plainText)).toEqual(['echo', 'done', 'fi']);
  });

  it('parses nested command substitution', () => {
    const cmd = parseScript('echo "$(echo $(hostname))" `date`').body[0].first.commands[0];
    if (cmd.kind !== 'simple') throw new Error('not simple');
    expect(cmd.words[1].parts[0].kind).toBe('cmdsub');
    expect(cmd.words[2].parts[0].kind).toBe('cmdsub');
  });

  it('skips comments', () => {
    expect(parseScript('# nothing\necho a # trailing\n').body).toHaveLength(1);
  });
});

describe('syntax errors', () => {
  it('words unexpected tokens like bash and busybox ash', () => {
    const err = syntaxError('echo a ;; echo b');
    expect(err.incomplete).toBe(false);
    expect(err.messageFor('bash')).toBe("bash: syntax error near unexpected token `;;'");
    expect(err.messageFor('ash')).toBe('sh: syntax error: unexpected ";;"');
    expect(syntaxError('if true; then fi').messageFor('bash')).toBe("bash: syntax error near unexpected token `fi'");
  });

  it('reports end of input with what ash expected', () => {
    const err = syntaxError('while true; do echo');
    expect(err.incomplete).toBe(true);
    expect(err.messageFor('bash')).toBe('bash: syntax error: unexpected end of file');
    expect(err.messageFor('ash')).toBe('sh: syntax error: unexpected end of file (expecting "done")');
  });

  it('reports unterminated quotes', () => {
    const err = syntaxError("echo 'abc");
    expect(err.incomplete).toBe(true);
    expect(err.messageFor('ash')).toBe('sh: syntax error: unterminated quoted string');
    expect(err.messageFor('bash')).toContain("unexpected EOF while looking for matching `''");
  });

  it('a redirection without a target is an error, not a continuation', () => {
    const err = syntaxError('echo >');
    expect(err.incomplete).toBe(false);
    expect(err.messageFor('bash')).toBe("bash: syntax error near unexpected token `newline'");
    expect(err.messageFor('ash')).toBe('sh: syntax error: unexpected newline');
  });
});
