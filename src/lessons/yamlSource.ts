/**
 * A YAML text (front matter or a step's `lesson` block) parsed in YAML 1.1 mode, with what the
 * validators need: the value, problems named by path and line in lesson.md, and the source text
 * of plain scalars (so `equals: True` means the text "True", not YAML 1.1's boolean).
 */
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { LessonProblem } from './model';

export type YamlPath = (string | number)[];

export class YamlSource {
  readonly value: unknown;
  private readonly doc: Document;
  private readonly lines = new LineCounter();

  /**
   * `firstLine` is the lesson.md line the text starts on; `prefix` names the place in the lesson
   * (`steps[2]`), prepended to every problem path.
   */
  constructor(
    private readonly text: string,
    private readonly firstLine: number,
    private readonly prefix: string,
    private readonly problems: LessonProblem[],
  ) {
    this.doc = parseDocument(text, { version: '1.1', lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    for (const e of [...this.doc.errors, ...this.doc.warnings]) {
      const line = this.lines.linePos(e.pos[0]).line + firstLine - 1;
      problems.push({ path: prefix || '(front matter)', line, message: `YAML: ${e.message.split('\n')[0]}` });
    }
    this.value = this.doc.errors.length ? undefined : this.doc.toJS();
  }

  /** Records a problem at `path`; `onKey` points at the key's line rather than its value's. */
  problem(path: YamlPath, message: string, onKey = false): void {
    this.problems.push({ path: this.pathText(path), message, line: this.line(path, onKey) });
  }

  pathText(path: YamlPath): string {
    let out = this.prefix;
    for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
    return out;
  }

  /** The lesson.md line of the node at `path`, or of its nearest ancestor that exists. */
  line(path: YamlPath, onKey = false): number | undefined {
    for (let n = path.length; n >= 0; n--) {
      const range = onKey && n === path.length ? this.keyRange(path) : (this.doc.getIn(path.slice(0, n), true) as { range?: [number, number] } | undefined)?.range;
      if (range) return this.lines.linePos(range[0]).line + this.firstLine - 1;
      if (n === 0) break;
    }
    return this.firstLine;
  }

  /** The text as written, for a plain (unquoted) scalar YAML 1.1 turned into a non-string. */
  sourceText(path: YamlPath): string | undefined {
    const node = this.doc.getIn(path, true);
    if (!isScalar(node) || !node.range || typeof node.value === 'string') return undefined;
    if (node.type !== 'PLAIN') return undefined;
    return this.text.slice(node.range[0], node.range[1]).trim();
  }

  private keyRange(path: YamlPath): [number, number] | undefined {
    const parent = this.doc.getIn(path.slice(0, -1), true);
    if (!isMap(parent)) return undefined;
    const key = path[path.length - 1];
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key);
    return pair && isScalar(pair.key) ? (pair.key.range as [number, number] | undefined) : undefined;
  }
}
