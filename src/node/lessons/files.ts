/**
 * Lesson folders on disk ↔ LessonSource: text files as text, images as `data:` URLs (by
 * extension). Hidden files and packed bundles are left out.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { LESSON_FILE, unpackLesson, type LessonSource } from '../../lessons/index';

const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

export interface LoadedSource {
  source: LessonSource;
  /** Where it came from, for messages. */
  origin: string;
  /** Files left out (not text, not an image). */
  skipped: string[];
}

/** A folder, a lesson.md (its folder is read) or a `.lesson.json` bundle. */
export function loadLessonPath(path: string): LoadedSource {
  const abs = resolve(path);
  const stat = statSync(abs);
  if (stat.isDirectory()) return loadFolder(abs);
  if (basename(abs) === LESSON_FILE) return loadFolder(dirname(abs));
  return { source: unpackLesson(readFileSync(abs, 'utf8'), basename(abs)), origin: abs, skipped: [] };
}

export function loadFolder(dir: string): LoadedSource {
  const files: Record<string, string> = {};
  const skipped: string[] = [];
  for (const rel of walk(dir, '')) {
    const data = readFileSync(join(dir, rel));
    const image = IMAGE_TYPES[extname(rel).toLowerCase()];
    if (image) files[rel] = `data:${image};base64,${data.toString('base64')}`;
    else if (isText(data)) files[rel] = data.toString('utf8');
    else skipped.push(rel);
  }
  return { source: { slug: basename(dir), files }, origin: dir, skipped };
}

/** Lesson folders under `dir`: its subfolders that hold a lesson.md, sorted. */
export function lessonFolders(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.map((n) => join(dir, n)).filter((p) => statSync(p).isDirectory() && exists(join(p, LESSON_FILE)));
}

function walk(dir: string, prefix: string): string[] {
  return readdirSync(join(dir, prefix))
    .sort()
    .flatMap((name) => {
      if (name.startsWith('.') || name.endsWith('.lesson.json')) return [];
      const rel = prefix ? `${prefix}/${name}` : name;
      return statSync(join(dir, rel)).isDirectory() ? walk(dir, rel) : [rel];
    });
}

function isText(data: Buffer): boolean {
  if (data.includes(0)) return false;
  return !data.toString('utf8').includes('\uFFFD');
}

function exists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
