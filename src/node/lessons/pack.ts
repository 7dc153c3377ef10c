/** `pilothouse lessons pack DIR [-o FILE]`: one lesson folder as one `.lesson.json` file. */
import { writeFileSync } from 'node:fs';
import { packLesson, parseLesson } from '../../lessons/index';
import { problemText } from './check';
import { loadFolder } from './files';

export const PACK_HELP = `Usage: pilothouse lessons pack DIR [-o FILE]

Writes the lesson folder DIR as one file (default: SLUG.lesson.json) that the page opens when
you pick or drop it. Text files are kept as text, images (png, jpg, gif, svg, webp) as data: URLs.
`;

export function lessonsPack(dir: string | undefined, output: string | undefined, io: { out(t: string): void; err(t: string): void }): number {
  if (!dir) {
    io.err(`pilothouse lessons pack: a lesson folder is needed\n\n${PACK_HELP}`);
    return 2;
  }
  let loaded;
  try {
    loaded = loadFolder(dir);
  } catch (e) {
    io.err(`pilothouse lessons pack: cannot read ${dir}: ${(e as Error).message}\n`);
    return 2;
  }
  const { problems } = parseLesson(loaded.source);
  for (const p of problems) io.err(`warning: ${problemText(p)}\n`);
  for (const s of loaded.skipped) io.err(`warning: left out ${s} (neither text nor an image)\n`);
  const file = output ?? `${loaded.source.slug}.lesson.json`;
  writeFileSync(file, JSON.stringify(packLesson(loaded.source), null, 2) + '\n');
  io.out(`wrote ${file} (${Object.keys(loaded.source.files).length} files)\n`);
  return 0;
}
