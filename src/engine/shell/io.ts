/**
 * Standard streams of a running command. Pipes are strings: a pipeline stage's output is
 * buffered whole and becomes the next stage's input (see interpreter.ts for the limitation).
 */
import type { ShellEffect, ShellFs } from './types';

/** A readable standard input shared by the commands of one frame (`while read l; do …`). */
export class Input {
  private pos = 0;
  /** `terminal`: this is the session's terminal (the page), which a command may read lines from as they are typed. */
  constructor(
    private readonly text: string,
    readonly terminal = false,
  ) {}

  /** Everything not yet read; reading it consumes it. */
  rest(): string {
    const out = this.text.slice(this.pos);
    this.pos = this.text.length;
    return out;
  }

  line(): string | undefined {
    if (this.pos >= this.text.length) return undefined;
    const nl = this.text.indexOf('\n', this.pos);
    const end = nl < 0 ? this.text.length : nl;
    const out = this.text.slice(this.pos, end);
    this.pos = nl < 0 ? end : end + 1;
    return out;
  }
}

/** Where a file descriptor's writes go. */
export type Sink =
  | { kind: 'yield'; stream: 'stdout' | 'stderr' }
  | { kind: 'buffer'; chunks: string[] }
  | { kind: 'null' }
  | { kind: 'file'; path: string };

export interface Frame {
  input: Input;
  out: Sink;
  err: Sink;
}

export function* writeTo(sink: Sink, text: string, fs: ShellFs): Generator<ShellEffect, void, unknown> {
  if (!text) return;
  switch (sink.kind) {
    case 'yield':
      yield { type: sink.stream, text };
      return;
    case 'buffer':
      sink.chunks.push(text);
      return;
    case 'file':
      fs.write(sink.path, text, true);
      return;
    case 'null':
      return;
  }
}

/** A private in-memory file system, the default when the host gives none. */
export function memoryFs(initial: Record<string, string> = {}): ShellFs {
  const files = new Map(Object.entries(initial));
  return {
    read: (path) => files.get(path),
    write(path, text, append) {
      files.set(path, append ? (files.get(path) ?? '') + text : text);
    },
  };
}

/** Signals that unwind the interpreter: `exit`, `break`/`continue`, `return`. */
export class ExitSignal {
  constructor(readonly status: number) {}
}

export class LoopSignal {
  constructor(readonly kind: 'break' | 'continue', public levels: number) {}
}

export class ReturnSignal {
  constructor(readonly status: number) {}
}

/** An error the shell reports and that aborts the script (bad substitution, unbound variable…). */
export class ShellError {
  constructor(readonly message: string, readonly status = 1) {}
}
