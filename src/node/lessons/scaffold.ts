/** `pilothouse lessons new NAME [--dir lessons]`: a new lesson folder from the template. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lessonTemplate } from './template';

export const NEW_HELP = `Usage: pilothouse lessons new NAME [--dir lessons]

Creates DIR/NAME/lesson.md from a template that passes 'pilothouse lessons check'.
NAME is the lesson's slug: kebab-case (lower-case letters, digits and dashes).
`;

export function lessonsNew(name: string | undefined, dir: string, io: { out(t: string): void; err(t: string): void }): number {
  if (!name) {
    io.err(`pilothouse lessons new: a NAME is needed\n\n${NEW_HELP}`);
    return 2;
  }
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) {
    io.err(`pilothouse lessons new: "${name}" is not kebab-case (lower-case letters, digits and dashes, like rolling-updates)\n`);
    return 2;
  }
  const folder = resolve(dir, name);
  if (existsSync(folder)) {
    io.err(`pilothouse lessons new: ${folder} already exists\n`);
    return 1;
  }
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'lesson.md'), lessonTemplate(name));
  io.out(`created ${join(folder, 'lesson.md')}\nnext: edit it, then run 'npx pilothouse lessons check ${join(dir, name)}'\n`);
  return 0;
}
