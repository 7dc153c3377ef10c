/**
 * Parse errors, worded per dialect: `bash` as an interactive bash prints them (the terminal),
 * `ash` as busybox sh prints them (containers running `sh -c`).
 */
export type Dialect = 'bash' | 'ash';

export type SyntaxProblem =
  /** A token that may not appear here; `null` token means end of input. */
  | { kind: 'unexpected'; token: string | null; expecting?: string }
  | { kind: 'quote'; quote: string };

const KEYWORDS = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'for', 'in', 'case', 'esac', '{', '}', '!',
]);

export class ShellSyntaxError extends Error {
  constructor(
    readonly problem: SyntaxProblem,
    /** More input could complete the script (the terminal asks for a continuation line). */
    readonly incomplete: boolean,
  ) {
    super(syntaxMessage(problem, 'bash'));
    this.name = 'ShellSyntaxError';
  }

  /** The line(s) the shell prints, without trailing newline. */
  messageFor(dialect: Dialect): string {
    return syntaxMessage(this.problem, dialect);
  }
}

export function syntaxMessage(p: SyntaxProblem, dialect: Dialect): string {
  if (dialect === 'bash') {
    if (p.kind === 'quote') {
      return `bash: unexpected EOF while looking for matching \`${p.quote}'\nbash: syntax error: unexpected end of file`;
    }
    if (p.token === null) return 'bash: syntax error: unexpected end of file';
    return `bash: syntax error near unexpected token \`${p.token}'`;
  }
  if (p.kind === 'quote') return 'sh: syntax error: unterminated quoted string';
  if (p.token === null) {
    const expecting = p.expecting ? ` (expecting "${p.expecting}")` : '';
    return `sh: syntax error: unexpected end of file${expecting}`;
  }
  if (p.token === 'newline') return 'sh: syntax error: unexpected newline';
  if (KEYWORDS.has(p.token) || /^[;&|()<>]+$/.test(p.token)) return `sh: syntax error: unexpected "${p.token}"`;
  return 'sh: syntax error: unexpected word';
}
