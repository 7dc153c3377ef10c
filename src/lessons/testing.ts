/** Test helpers: a lesson from Markdown text, failing loudly on any problem. */
import type { Lesson } from './model';
import { parseLesson } from './parse';

export function lessonOf(markdown: string, files: Record<string, string> = {}, slug = 'test-lesson'): Lesson {
  const { lesson, problems } = parseLesson({ slug, files: { 'lesson.md': markdown, ...files } });
  if (problems.length || !lesson) throw new Error(`lesson has problems:\n${problems.map((p) => `${p.line ?? '-'} ${p.path}: ${p.message}`).join('\n')}`);
  return lesson;
}

/** Front matter for a small plain cluster, plus the given steps. */
export function smallLesson(steps: string, cluster = 'profile: plain\n  seed: 1\n  nodes: 1'): string {
  return `---\ntitle: Test\nsummary: A test lesson.\nduration: 1m\ncluster:\n  ${cluster}\n---\n\nIntro.\n\n${steps}`;
}
