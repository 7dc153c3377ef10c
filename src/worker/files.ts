/**
 * The shell's file system in the page: the editor's buffers (kept in step by `setFiles`) plus
 * whatever commands write (`cat > web.yaml <<EOF`). Relative names live in the home directory.
 */
import type { ShellFs } from '../engine/shell/types';

export const HOME = '/home/learner';

export class BufferFs implements ShellFs {
  private files = new Map<string, string>();

  /** Replaces the editor buffers; files commands wrote stay. */
  setBuffers(buffers: Record<string, string>): void {
    for (const [name, text] of Object.entries(buffers)) this.files.set(absolute(name), text);
  }

  read(path: string): string | undefined {
    return this.files.get(absolute(path));
  }

  write(path: string, text: string, append: boolean): void {
    if (path === '/dev/null') return;
    const p = absolute(path);
    this.files.set(p, append ? (this.files.get(p) ?? '') + text : text);
  }

  remove(path: string): void {
    this.files.delete(absolute(path));
  }

  listDir(path: string): string[] | undefined {
    const dir = absolute(path).replace(/\/+$/, '') + '/';
    const names = [...this.files.keys()].filter((p) => p.startsWith(dir)).map((p) => p.slice(dir.length).split('/')[0]);
    return names.length ? [...new Set(names)].sort() : undefined;
  }

  /** Names for completion: relative to the home directory where possible. */
  names(): string[] {
    return [...this.files.keys()].map((p) => (p.startsWith(HOME + '/') ? p.slice(HOME.length + 1) : p)).sort();
  }
}

function absolute(path: string): string {
  if (path.startsWith('/')) return path;
  return `${HOME}/${path.replace(/^\.\//, '').replace(/^~\//, '')}`;
}
