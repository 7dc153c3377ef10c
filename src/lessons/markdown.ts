/**
 * Splits lesson.md into its parts: front matter (split by hand: gray-matter needs Node's Buffer),
 * the intro, and one section per `## ` heading, each with its ```lesson block and its
 * `file=NAME` code blocks. marked's lexer finds headings and fences as a Markdown reader does
 * (a `## ` inside a fenced block is code, not a step); lines are counted from the tokens' raw text.
 */
import { lexer, type Token, type Tokens } from 'marked';
import type { LessonProblem } from './model';

export interface TextAt {
  text: string;
  /** The lesson.md line the text starts on (1-based). */
  line: number;
}

export interface Section {
  title: string;
  line: number;
  /** The section's Markdown without its heading and its lesson block. */
  body: string;
  block?: TextAt;
}

export interface LessonDocument {
  frontMatter?: TextAt;
  intro: string;
  sections: Section[];
  /** `file=NAME` code blocks anywhere in the body. */
  files: (TextAt & { name: string })[];
}

const FENCE_INFO_FILE = /(?:^|\s)file=("[^"]+"|'[^']+'|\S+)/;

export function splitLessonMarkdown(source: string, problems: LessonProblem[]): LessonDocument {
  const text = source.replace(/\r\n?/g, '\n');
  const { frontMatter, body, bodyLine } = splitFrontMatter(text, problems);
  const doc: LessonDocument = { frontMatter, intro: '', sections: [], files: [] };
  let line = bodyLine;
  let current: Section | undefined;
  let introParts: string[] = [];
  let bodyParts: string[] = [];
  const close = () => {
    if (current) current.body = bodyParts.join('').trim();
    else doc.intro = introParts.join('').trim();
  };
  for (const token of lexer(body)) {
    const at = line;
    line += newlines(token.raw);
    if (isStepHeading(token)) {
      close();
      current = { title: token.text.trim(), line: at, body: '' };
      doc.sections.push(current);
      bodyParts = [];
      introParts = [];
      continue;
    }
    collectFiles(token, at, doc.files);
    if (token.type === 'code' && fenceLang(token as Tokens.Code) === 'lesson') {
      const where = current ? `step "${current.title}"` : 'the intro';
      if (!current) problems.push({ path: 'intro', line: at, message: 'a lesson block belongs in a step: put it after a "## " heading' });
      else if (current.block) problems.push({ path: `steps[${doc.sections.length - 1}]`, line: at, message: `${where} has more than one lesson block; merge them into one` });
      else current.block = { text: (token as Tokens.Code).text, line: at + 1 };
      continue;
    }
    if (token.type !== 'code' && /^\s*(`{3,}|~{3,})\s*lesson\b/m.test(token.raw)) {
      problems.push({ path: current ? `steps[${doc.sections.length - 1}]` : 'intro', line: at, message: 'a lesson block inside a list or quote is not read: start its fence at the beginning of a line' });
    }
    (current ? bodyParts : introParts).push(token.raw);
  }
  close();
  return doc;
}

function splitFrontMatter(text: string, problems: LessonProblem[]): { frontMatter?: TextAt; body: string; bodyLine: number } {
  const lines = text.split('\n');
  if (lines[0].trim() !== '---') {
    problems.push({ path: '(front matter)', line: 1, message: 'lesson.md must start with front matter: a "---" line, YAML (title, summary, …), and another "---" line' });
    return { body: text, bodyLine: 1 };
  }
  const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
  if (end < 0) {
    problems.push({ path: '(front matter)', line: 1, message: 'the front matter has no closing "---" line' });
    return { body: '', bodyLine: lines.length + 1 };
  }
  return { frontMatter: { text: lines.slice(1, end).join('\n'), line: 2 }, body: lines.slice(end + 1).join('\n'), bodyLine: end + 2 };
}

/** Only ATX `## ` headings start steps; a Setext heading (`Title` over `---`) stays prose. */
function isStepHeading(token: Token): token is Tokens.Heading {
  return token.type === 'heading' && (token as Tokens.Heading).depth === 2 && token.raw.trimStart().startsWith('##');
}

function fenceLang(token: Tokens.Code): string {
  return (token.lang ?? '').trim().split(/\s+/)[0];
}

function collectFiles(token: Token, line: number, out: LessonDocument['files']): void {
  if (token.type === 'code') {
    const m = FENCE_INFO_FILE.exec((token as Tokens.Code).lang ?? '');
    if (m) out.push({ name: m[1].replace(/^["']|["']$/g, ''), text: withNewline((token as Tokens.Code).text), line });
    return;
  }
  const children = [...(('tokens' in token && token.tokens) || []), ...(token.type === 'list' ? (token as Tokens.List).items : [])];
  for (const child of children) collectFiles(child as Token, line, out);
}

function withNewline(text: string): string {
  return text.endsWith('\n') || text === '' ? text : `${text}\n`;
}

function newlines(text: string): number {
  let n = 0;
  for (const ch of text) if (ch === '\n') n++;
  return n;
}
