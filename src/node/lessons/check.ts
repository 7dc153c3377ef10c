/**
 * `pilothouse lessons check [PATH…] [--verbose]`: validates every lesson (format, references,
 * commands), then solves each from its starting cluster. One line per lesson, then a total.
 */
import { resolve } from 'node:path';
import { checkLesson, formatLessonDuration, parseLesson, validateCatalogue, type Lesson, type LessonProblem } from '../../lessons/index';
import { lessonFolders, loadLessonPath, type LoadedSource } from './files';

export const CHECK_HELP = `Usage: pilothouse lessons check [PATH...] [--verbose]

Validates lesson files (front matter, steps, checks, commands, file references) and then solves
each lesson from its starting cluster: opens every step, asserts its checks do NOT pass yet, runs
its solution, and lets virtual time run until its checks pass. PATH is a lesson folder, a
lesson.md or a .lesson.json bundle; without one, every folder in ./lessons is checked.
Exits 1 if any lesson fails. --verbose prints each lesson's transcript.
`;

export interface CheckOutput {
  out(text: string): void;
}

export function lessonsCheck(paths: string[], verbose: boolean, io: CheckOutput, lessonsDir = resolve('lessons')): number {
  const targets = paths.length ? paths : lessonFolders(lessonsDir);
  const loaded: LoadedSource[] = [];
  let failed = 0;
  for (const p of targets) {
    try {
      loaded.push(loadLessonPath(p));
    } catch (e) {
      io.out(`FAIL  ${p}  ${(e as Error).message}\n`);
      failed++;
    }
  }
  const parsed = loaded.map((l) => ({ ...l, ...parseLesson(l.source) }));
  const lessons = parsed.flatMap((p) => (p.lesson ? [p.lesson] : []));
  const known = lessonFolders(lessonsDir).map((d) => d.split(/[\\/]/).pop()!);
  const catalogue = validateCatalogue(lessons, { knownSlugs: known });
  let passed = 0;
  for (const p of parsed) {
    const slug = p.source.slug;
    const problems = [...p.problems, ...catalogue.filter((c) => c.slug === slug)];
    if (problems.length || !p.lesson) {
      io.out(`FAIL  ${slug}  ${problems.length} problem${problems.length === 1 ? '' : 's'} in the lesson file\n${problems.map((q) => `      ${problemText(q)}\n`).join('')}`);
      failed++;
      continue;
    }
    if (solve(p.lesson, verbose, io)) passed++;
    else failed++;
  }
  io.out(`${passed} passed, ${failed} failed\n`);
  return failed ? 1 : 0;
}

function solve(lesson: Lesson, verbose: boolean, io: CheckOutput): boolean {
  const r = checkLesson(lesson, { tailLines: verbose ? 0 : 15 });
  if (verbose) io.out(indent(r.transcript));
  const virtual = `${formatLessonDuration(r.virtualMs)} virtual`;
  if (r.passed) {
    io.out(`PASS  ${lesson.slug}  ${r.steps.length} step${r.steps.length === 1 ? '' : 's'}, ${virtual}\n`);
    return true;
  }
  const f = r.failure!;
  const where = f.step < 0 ? f.title : `step ${f.step + 1} "${f.title}"`;
  const [first, ...rest] = f.message.split('\n');
  io.out(`FAIL  ${lesson.slug}  ${where}: ${first}\n${rest.map((l) => `      ${l}\n`).join('')}`);
  return false;
}

export function problemText(p: LessonProblem): string {
  return `${p.line !== undefined ? `lesson.md:${p.line}: ` : ''}${p.path}: ${p.message}`;
}

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, '    ');
}
