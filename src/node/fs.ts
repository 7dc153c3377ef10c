/** The real file system, as the command language sees it headless (`kubectl apply -f FILE`). */
import { appendFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ShellFs } from '../engine/shell/types';

export function nodeFs(cwd: string): ShellFs & { listDir(path: string): string[] | undefined } {
  const abs = (p: string) => resolve(cwd, p);
  return {
    read(path) {
      try {
        return readFileSync(abs(path), 'utf8');
      } catch {
        return undefined;
      }
    },
    write(path, text, append) {
      if (path === '/dev/null') return;
      if (append) appendFileSync(abs(path), text);
      else writeFileSync(abs(path), text);
    },
    remove(path) {
      rmSync(abs(path), { force: true });
    },
    listDir(path) {
      try {
        if (!statSync(abs(path)).isDirectory()) return undefined;
        return readdirSync(abs(path)).sort();
      } catch {
        return undefined;
      }
    },
  };
}
