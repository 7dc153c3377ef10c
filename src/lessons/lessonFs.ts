/**
 * The file system lesson commands see: the lesson's files in the learner's home directory, as
 * the page's terminal has them (`kubectl apply -f web.yaml`), plus whatever commands write.
 */
import type { ShellFs } from '../engine/shell/types';

export const LESSON_HOME = '/home/learner';

export class LessonFs implements ShellFs {
  private readonly files = new Map<string, string>();

  constructor(files: Record<string, string> = {}) {
    for (const [name, text] of Object.entries(files)) this.files.set(absolute(name), text);
  }

  read(path: string): string | undefined {
    return this.files.get(absolute(path));
  }

  write(path: string, text: string, append: boolean): void {
    if (path === '/dev/null') return;
    const p = absolute(path);
    this.files.set(p, append ? (this.files.get(p) ?? '') + text : text);
  }

  listDir(path: string): string[] | undefined {
    const dir = absolute(path).replace(/\/+$/, '') + '/';
    const names = [...this.files.keys()].filter((p) => p.startsWith(dir)).map((p) => p.slice(dir.length).split('/')[0]);
    return names.length ? [...new Set(names)].sort() : undefined;
  }
}

/** A file system whose writes vanish: checks and predictions read, they never leave files behind. */
export function readOnlyView(fs: ShellFs): ShellFs {
  return { read: (path) => fs.read(path), write: () => undefined };
}

function absolute(path: string): string {
  if (path.startsWith('/')) return path;
  return `${LESSON_HOME}/${path.replace(/^\.\//, '').replace(/^~\//, '')}`;
}
