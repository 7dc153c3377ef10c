/**
 * The built-in lessons, bundled into the page by Vite (so they work offline): every file of every
 * folder under `lessons/`, text as text and images as `data:` URLs — the same shape a dropped
 * lesson bundle has.
 */
import type { LessonFiles } from '../../protocol/messages';

const texts = import.meta.glob<string>(['/lessons/*/*', '!/lessons/*/*.{png,jpg,jpeg,gif,svg,webp}'], { query: '?raw', import: 'default', eager: true });
const images = import.meta.glob<string>('/lessons/*/*.{png,jpg,jpeg,gif,svg,webp}', { query: '?url&inline', import: 'default', eager: true });

export function builtInLessons(): LessonFiles[] {
  return lessonsFrom({ ...texts, ...images });
}

/** Groups `/lessons/SLUG/FILE` paths into lesson folders; only folders with a `lesson.md`. */
export function lessonsFrom(files: Record<string, string>): LessonFiles[] {
  const bySlug = new Map<string, Record<string, string>>();
  for (const [path, content] of Object.entries(files)) {
    const m = /^\/lessons\/([^/]+)\/(.+)$/.exec(path);
    if (!m) continue;
    const folder = bySlug.get(m[1]) ?? {};
    folder[m[2]] = content;
    bySlug.set(m[1], folder);
  }
  return [...bySlug].filter(([, f]) => 'lesson.md' in f).map(([slug, f]) => ({ slug, files: f }));
}
