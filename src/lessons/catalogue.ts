/**
 * Problems across lessons and with a lesson's references: unique slugs, prerequisites that exist
 * (and do not go round in a circle), and `-f FILE` arguments naming files the lesson has (or that
 * an earlier command writes, `cat > web.yaml <<EOF`).
 */
import { parseScript } from '../engine/shell/parser';
import type { SimpleCommand } from '../engine/shell/ast';
import { literalWord, simpleCommands } from './commandAst';
import type { Lesson, LessonProblem } from './model';

export interface CatalogueOptions {
  /** Slugs of lessons that exist besides those given (checking a few lessons of a library). */
  knownSlugs?: string[];
}

export function validateCatalogue(lessons: Lesson[], opts: CatalogueOptions = {}): LessonProblem[] {
  const problems: LessonProblem[] = [];
  const bySlug = new Map<string, Lesson>();
  for (const l of lessons) {
    if (bySlug.has(l.slug)) problems.push({ slug: l.slug, path: 'slug', message: `two lessons are called "${l.slug}"` });
    bySlug.set(l.slug, l);
  }
  const known = new Set([...bySlug.keys(), ...(opts.knownSlugs ?? [])]);
  for (const l of lessons) {
    l.prerequisites.forEach((p, i) => {
      if (p === l.slug) problems.push({ slug: l.slug, path: `prerequisites[${i}]`, message: 'a lesson cannot be its own prerequisite' });
      else if (!known.has(p)) problems.push({ slug: l.slug, path: `prerequisites[${i}]`, message: `no lesson is called "${p}"` });
    });
    const cycle = prerequisiteCycle(l.slug, bySlug);
    if (cycle) problems.push({ slug: l.slug, path: 'prerequisites', message: `prerequisites go round in a circle: ${cycle.join(' → ')}` });
    problems.push(...fileReferenceProblems(l));
  }
  return problems;
}

function prerequisiteCycle(start: string, bySlug: Map<string, Lesson>): string[] | undefined {
  const walk = (slug: string, trail: string[]): string[] | undefined => {
    for (const p of bySlug.get(slug)?.prerequisites ?? []) {
      if (p === start) return [...trail, p];
      if (!trail.includes(p) && p !== slug) {
        const found = walk(p, [...trail, p]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(start, [start]);
}

/** Commands of the lesson in the order they run, with where each is written. */
function commandsOf(l: Lesson): { path: string; command: string }[] {
  const out = l.cluster.setup.map((command, i) => ({ path: `cluster.setup[${i}]`, command }));
  l.steps.forEach((s, i) => {
    s.events.forEach((e, j) => out.push({ path: `steps[${i}].events[${j}]`, command: e.run }));
    s.solution.forEach((a, j) => {
      if ('run' in a) out.push({ path: `steps[${i}].solution[${j}]`, command: a.run });
    });
  });
  return out;
}

function fileReferenceProblems(l: Lesson): LessonProblem[] {
  const problems: LessonProblem[] = [];
  const files = new Set(Object.keys(l.files).map(normalise));
  const parsed = commandsOf(l).flatMap(({ path, command }) => {
    try {
      return [{ path, commands: simpleCommands(parseScript(command)) }];
    } catch {
      return []; // parseLesson reports commands that do not parse
    }
  });
  // A file any command writes counts as present: a lesson may create it in an earlier step.
  for (const { commands } of parsed) for (const c of commands) for (const w of writtenFiles(c)) files.add(normalise(w));
  const exists = (f: string) => files.has(f) || [...files].some((name) => name.startsWith(`${f.replace(/\/$/, '')}/`));
  for (const { path, commands } of parsed) {
    for (const c of commands) {
      for (const f of manifestArgs(c)) {
        if (!exists(normalise(f))) problems.push({ slug: l.slug, path, message: `-f ${f}: the lesson has no file "${f}" (add it to the folder or write a code block with file=${f})` });
      }
    }
  }
  return problems;
}

/** The `-f`/`--filename` arguments of a kubectl command, except `-` and URLs. */
export function manifestArgs(c: SimpleCommand): string[] {
  const words = c.words.map((w) => literalWord(w));
  if (words[0] !== 'kubectl' && words[0] !== 'k') return [];
  const out: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (w === undefined) continue;
    let value: string | undefined;
    if (w === '-f' || w === '--filename') value = words[++i];
    else if (w.startsWith('--filename=')) value = w.slice('--filename='.length);
    else if (/^-f./.test(w)) value = w.slice(2).replace(/^=/, '');
    if (value !== undefined && value !== '-' && !/^https?:\/\//.test(value)) out.push(value);
  }
  return out;
}

function writtenFiles(c: SimpleCommand): string[] {
  return c.redirects.filter((r) => r.op === '>' || r.op === '>>' || r.op === '>|').flatMap((r) => literalWord(r.target) ?? []);
}

function normalise(path: string): string {
  return path.replace(/^\.\//, '').replace(/^~\//, '').replace(/^\/home\/learner\//, '');
}
