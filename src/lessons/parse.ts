/**
 * lesson.md (and its folder's files) → Lesson, with every problem a teacher should fix, each
 * named by path (`steps[2].checks[0].number`) and lesson.md line.
 */
import { readFrontMatter } from './frontMatter';
import { splitLessonMarkdown } from './markdown';
import type { Lesson, LessonProblem, LessonSource, Step } from './model';
import { emptyBlock, readStepBlock } from './stepBlock';
import { YamlSource } from './yamlSource';

export const LESSON_FILE = 'lesson.md';
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface ParseResult {
  lesson?: Lesson;
  problems: LessonProblem[];
}

export function parseLesson(source: LessonSource): ParseResult {
  const problems: LessonProblem[] = [];
  if (!SLUG.test(source.slug)) problems.push({ path: 'slug', message: `the folder name "${source.slug}" must be kebab-case (lower-case letters, digits and dashes)` });
  const markdown = source.files[LESSON_FILE];
  if (markdown === undefined) return { problems: [...problems, { path: LESSON_FILE, message: `the lesson folder has no ${LESSON_FILE}` }] };
  const doc = splitLessonMarkdown(markdown, problems);
  const meta = readFrontMatter(new YamlSource(doc.frontMatter?.text ?? '', doc.frontMatter?.line ?? 1, '', doc.frontMatter ? problems : []));
  const steps = doc.sections.map((section, i): Step => {
    const block = section.block ? readStepBlock(new YamlSource(section.block.text, section.block.line, `steps[${i}]`, problems)) : emptyBlock();
    const { id, ...rest } = block;
    return { id: id ?? slugify(section.title) ?? `step-${i + 1}`, title: section.title, body: section.body, ...rest };
  });
  if (steps.length === 0) problems.push({ path: 'steps', message: 'the lesson has no steps: each "## " heading starts one' });
  const seen = new Map<string, number>();
  steps.forEach((s, i) => {
    const first = seen.get(s.id);
    if (first !== undefined) problems.push({ path: `steps[${i}].id`, line: doc.sections[i].line, message: `step id "${s.id}" is also the id of step ${first + 1}; give one an "id:"` });
    else seen.set(s.id, i);
  });
  const files: Record<string, string> = {};
  for (const [name, text] of Object.entries(source.files)) if (name !== LESSON_FILE && !text.startsWith('data:')) files[name] = text;
  for (const f of doc.files) {
    if (files[f.name] !== undefined && source.files[f.name] === undefined) problems.push({ path: `files.${f.name}`, line: f.line, message: `two code blocks define file=${f.name}` });
    files[f.name] = f.text;
  }
  const lesson: Lesson = { slug: source.slug, ...meta, intro: doc.intro, steps, files };
  return problems.length ? { lesson, problems: sortProblems(problems) } : { lesson, problems };
}

/** A heading as an id: `Create a **Deployment**!` → `create-a-deployment`. */
export function slugify(text: string): string | undefined {
  const s = text
    .toLowerCase()
    .replace(/[`*_~[\]()]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || undefined;
}

function sortProblems(problems: LessonProblem[]): LessonProblem[] {
  return problems.map((p, i) => ({ p, i })).sort((a, b) => (a.p.line ?? Infinity) - (b.p.line ?? Infinity) || a.i - b.i).map(({ p }) => p);
}
