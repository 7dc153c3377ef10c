/**
 * One lesson folder as one file (`pilothouse lessons pack`, drag and drop on the page): a JSON
 * bundle, or a bare lesson.md whose slug comes from its title.
 */
import { parse as parseYaml } from 'yaml';
import type { LessonBundle, LessonSource } from './model';
import { LESSON_FILE, slugify } from './parse';

export const BUNDLE_FORMAT = 'pilothouse-lesson';

export function packLesson(source: LessonSource): LessonBundle {
  const files: Record<string, string> = {};
  for (const name of Object.keys(source.files).sort()) files[name] = source.files[name];
  return { format: BUNDLE_FORMAT, version: 1, slug: source.slug, files };
}

/** Reads a bundle or a bare lesson.md; throws an Error saying what the text is not. */
export function unpackLesson(text: string, fallbackSlug?: string): LessonSource {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{')) return unpackBundle(trimmed);
  if (trimmed.startsWith('---')) return { slug: slugFromMarkdown(trimmed) ?? checkedSlug(fallbackSlug), files: { [LESSON_FILE]: text } };
  throw new Error('not a lesson: expected a .lesson.json bundle (from "pilothouse lessons pack") or a lesson.md starting with front matter ("---")');
}

function unpackBundle(text: string): LessonSource {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`not a lesson bundle: the JSON does not parse (${(e as Error).message})`);
  }
  const b = data as Partial<LessonBundle>;
  if (b?.format !== BUNDLE_FORMAT) throw new Error(`not a lesson bundle: "format" should be "${BUNDLE_FORMAT}"`);
  if (b.version !== 1) throw new Error(`lesson bundle version ${String(b.version)} is not supported (this Pilothouse reads version 1)`);
  if (typeof b.slug !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(b.slug)) throw new Error('the lesson bundle has no valid "slug" (kebab-case)');
  const files = b.files;
  if (!files || typeof files !== 'object' || Object.values(files).some((v) => typeof v !== 'string')) throw new Error('the lesson bundle\'s "files" must map file names to text');
  if (typeof files[LESSON_FILE] !== 'string') throw new Error(`the lesson bundle has no ${LESSON_FILE}`);
  return { slug: b.slug, files: { ...files } };
}

function slugFromMarkdown(text: string): string | undefined {
  const end = text.indexOf('\n---', 3);
  if (end < 0) return undefined;
  try {
    const fm = parseYaml(text.slice(text.indexOf('\n') + 1, end), { version: '1.1' }) as { title?: unknown } | null;
    return typeof fm?.title === 'string' ? slugify(fm.title) : undefined;
  } catch {
    return undefined;
  }
}

function checkedSlug(slug: string | undefined): string {
  const s = slug === undefined ? undefined : slugify(slug.replace(/\.(lesson\.json|md)$/, ''));
  if (!s) throw new Error('the lesson has no title to name it by: add "title:" to its front matter');
  return s;
}
