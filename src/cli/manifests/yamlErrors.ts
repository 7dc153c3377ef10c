/**
 * YAML syntax errors worded as kubectl prints them. kubectl converts YAML with sigs.k8s.io/yaml
 * (go-yaml v2), so its messages are go-yaml's, prefixed `error converting YAML to JSON: yaml: line N:`
 * with N counted from the start of the document (kubectl splits the stream at `---` first).
 *
 * Mapped from the `yaml` package's error codes:
 * | yaml code                                        | go-yaml message                                        |
 * | BLOCK_AS_IMPLICIT_KEY, MULTILINE_IMPLICIT_KEY    | mapping values are not allowed in this context         |
 * | TAB_AS_INDENT                                    | found character that cannot start any token            |
 * | MISSING_CHAR (unclosed quote)                    | found unexpected end of stream                         |
 * | MISSING_CHAR / BAD_INDENT in flow collections    | did not find expected ',' or ']' (or '}')             |
 * | BAD_INDENT, other                                | did not find expected key                              |
 * Line numbers: go-yaml reports the line of the offending `:` for "mapping values", the tab's line,
 * and the end of the stream for unclosed quotes. The last two rows are best effort (unconfirmed).
 */
import type { YAMLError } from 'yaml';

export function goYamlMessage(e: YAMLError, text: string, docStartLine: number): string {
  const line = (offset: number) => text.slice(0, offset).split('\n').length;
  const at = e.linePos?.[0]?.line ?? line(e.pos[0]);
  let n = at;
  let what: string;
  switch (e.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      what = 'mapping values are not allowed in this context';
      n = colonLine(text, e.pos[0]) ?? at;
      break;
    case 'TAB_AS_INDENT':
      what = 'found character that cannot start any token';
      break;
    case 'MISSING_CHAR':
      if (/quote/.test(e.message)) {
        what = 'found unexpected end of stream';
        n = line(text.length);
      } else what = flowMessage(e.message);
      break;
    case 'BAD_INDENT':
      what = /Flow/.test(e.message) ? flowMessage(e.message) : 'did not find expected key';
      break;
    default:
      what = 'did not find expected key';
  }
  return `error converting YAML to JSON: yaml: line ${n - docStartLine}: ${what}`;
}

function flowMessage(message: string): string {
  return /\{|mapping/.test(message) ? "did not find expected ',' or '}'" : "did not find expected ',' or ']'";
}

/** The line holding the first `key:` after `offset` that go-yaml trips on. */
function colonLine(text: string, offset: number): number | undefined {
  const lines = text.split('\n');
  let pos = 0;
  for (let i = 0; i < lines.length; i++) {
    const end = pos + lines[i].length;
    if (end >= offset) {
      const from = Math.max(0, offset - pos);
      const rest = lines[i].slice(from);
      // The error sits on this line when a `: ` follows the flagged key; else on the next key line.
      if (/:(\s|$)/.test(rest)) return i + 1;
      for (let j = i + 1; j < lines.length; j++) if (/:(\s|$)/.test(lines[j])) return j + 1;
      return i + 1;
    }
    pos = end + 1;
  }
  return undefined;
}
