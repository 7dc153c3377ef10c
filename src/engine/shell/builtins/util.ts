/** Small helpers shared by the core builtins. */
import type { BuiltinIO, ShellEffect } from '../types';

export type Gen<T = number> = Generator<ShellEffect, T, unknown>;

export function stdout(text: string): ShellEffect {
  return { type: 'stdout', text };
}

export function stderr(text: string): ShellEffect {
  return { type: 'stderr', text };
}

/** Lines of a text, without the empty string after a final newline. */
export function lines(text: string): string[] {
  if (text === '') return [];
  const out = text.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

/** Join lines back, each ending with a newline. */
export function unlines(items: string[]): string {
  return items.map((l) => l + '\n').join('');
}

/** How each dialect's tool reports a file it cannot open (GNU coreutils vs busybox). */
export function cannotOpen(cmd: string, file: string, io: BuiltinIO): string {
  if (io.dialect === 'ash') {
    return cmd === 'grep' ? `grep: ${file}: No such file or directory\n` : `${cmd}: can't open '${file}': No such file or directory\n`;
  }
  if (cmd === 'head' || cmd === 'tail') return `${cmd}: cannot open '${file}' for reading: No such file or directory\n`;
  if (cmd === 'sort') return `sort: cannot read: ${file}: No such file or directory\n`;
  return `${cmd}: ${file}: No such file or directory\n`;
}

/**
 * The input of a text tool: the named files (`-` is stdin) or stdin when none are named.
 * Missing files are reported on stderr and make `failed` true.
 */
export function* readInputs(cmd: string, files: string[], io: BuiltinIO): Gen<{ texts: string[]; failed: boolean }> {
  if (files.length === 0) return { texts: [io.stdin], failed: false };
  const texts: string[] = [];
  let failed = false;
  for (const f of files) {
    const text = f === '-' ? io.stdin : io.fs.read(io.resolve(f));
    if (text === undefined) {
      failed = true;
      yield stderr(cannotOpen(cmd, f, io));
    } else {
      texts.push(text);
    }
  }
  return { texts, failed };
}

export interface ParsedFlags {
  flags: Set<string>;
  values: Map<string, string>;
  rest: string[];
}

/**
 * getopt-style parsing: `-abc` bundles, options in `withValue` take the next letters or the
 * next argument (`-n5`, `-n 5`), `--` ends options. `-N` (a bare number) is kept as `#`.
 * Options may follow operands (`grep web -i`), as GNU getopt permutes them.
 */
export function parseFlags(args: string[], withValue = ''): ParsedFlags {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      rest.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      rest.push(a);
      continue;
    }
    if (/^-\d+$/.test(a)) {
      values.set('#', a.slice(1));
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j];
      if (withValue.includes(f)) {
        values.set(f, j + 1 < a.length ? a.slice(j + 1) : (args[++i] ?? ''));
        break;
      }
      flags.add(f);
    }
  }
  return { flags, values, rest };
}

/** Bytes of a string in UTF-8 (what `wc -c` counts). */
export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    n += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return n;
}
