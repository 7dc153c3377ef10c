/**
 * Redirections: `> f`, `>> f`, `< f`, `2>&1`, `>&2`, `2>/dev/null`, here-documents. Only file
 * descriptors 0, 1 and 2 exist; others are accepted and ignored.
 */
import type { Redirect } from './ast';
import { expandWord, type Expander } from './expand';
import { Input, writeTo, type Frame, type Sink } from './io';
import type { ShellEffect, ShellFs } from './types';

interface RedirectHost extends Expander {
  host: { fs: ShellFs };
  resolve(path: string): string;
}

/** A new frame with the redirections applied, or null after reporting an error. */
export function* applyRedirects(
  redirects: Redirect[],
  frame: Frame,
  sh: RedirectHost,
): Generator<ShellEffect, Frame | null, unknown> {
  if (redirects.length === 0) return frame;
  const f: Frame = { ...frame };
  const fs = sh.host.fs;
  for (const r of redirects) {
    const target = yield* expandWord(r.target, sh);
    if (r.op === '<<' || r.op === '<<-') {
      if (r.fd === 0) f.input = new Input(target);
      continue;
    }
    if (r.op === '<') {
      const text = fs.read(sh.resolve(target));
      if (text === undefined) {
        const msg = sh.state.dialect === 'bash'
          ? `bash: ${target}: No such file or directory`
          : `sh: can't open '${target}': No such file or directory`;
        yield* writeTo(frame.err, msg + '\n', fs);
        return null;
      }
      if (r.fd === 0) f.input = new Input(text);
      continue;
    }
    if (r.op === '<&') continue;
    const why = r.op === '>&' ? undefined : fs.writeError?.(sh.resolve(target));
    if (why) {
      yield* writeTo(frame.err, `${sh.state.dialect === 'bash' ? `bash: ${target}` : `sh: can't create ${target}`}: ${why}\n`, fs);
      return null;
    }
    const sink = r.op === '>&' ? duplicate(target, f) : openFile(target, r.op, sh, f);
    if (r.fd === 1) f.out = sink;
    else if (r.fd === 2) f.err = sink;
  }
  return f;
}

function duplicate(target: string, f: Frame): Sink {
  if (target === '1') return f.out;
  if (target === '2') return f.err;
  return { kind: 'null' };
}

function openFile(path: string, op: Redirect['op'], sh: RedirectHost, f: Frame): Sink {
  if (path === '/dev/null') return { kind: 'null' };
  if (path === '/dev/stdout') return f.out;
  if (path === '/dev/stderr') return f.err;
  const full = sh.resolve(path);
  if (op === '>' || op === '>|') sh.host.fs.write(full, '', false);
  else if (sh.host.fs.read(full) === undefined) sh.host.fs.write(full, '', false);
  return { kind: 'file', path: full };
}
