/**
 * Container logs as the CRI keeps them: one bounded buffer per container instance, the previous
 * instance's kept for `kubectl logs --previous`. Reading honours tailLines, sinceTime and
 * timestamps the way the kubelet's log reader does.
 */
import { formatRFC3339Micro } from '../util/time';
import type { ContainerState, LogLine } from './types';

/** Lines kept per container instance (the kubelet rotates at 10Mi; lines are what we count). */
export const MAX_LOG_LINES = 5000;

export function appendLog(c: ContainerState, at: number, stream: 'stdout' | 'stderr', text: string): void {
  // A process's log effects are single lines already: split only when there is a newline.
  if (text.indexOf('\n') < 0) c.logs.push({ at, stream, text: internLine(text) });
  else appendLines(c, at, stream, text);
  if (c.logs.length > MAX_LOG_LINES) c.logs.splice(0, c.logs.length - MAX_LOG_LINES);
}

function appendLines(c: ContainerState, at: number, stream: 'stdout' | 'stderr', text: string): void {
  const parts = text.split('\n');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  for (const line of parts) c.logs.push({ at, stream, text: internLine(line) });
}

/**
 * Replicas print the same lines (a server's start banner, stamped to the second): one copy of
 * each recent line is kept and shared by all the buffers that hold it. Strings are values, so
 * sharing changes nothing but memory; the table is bounded and simply starts over when full.
 */
const MAX_INTERNED = 4096;
const interned = new Map<string, string>();

export function internLine(line: string): string {
  const known = interned.get(line);
  if (known !== undefined) return known;
  if (interned.size >= MAX_INTERNED) interned.clear();
  interned.set(line, line);
  return line;
}

export interface LogOptions {
  previous?: boolean;
  /** Last N lines (negative or undefined: all). */
  tailLines?: number;
  /** Only lines at or after this virtual time (ms). */
  sinceTime?: number;
  /** Prefix each line with its RFC3339Nano timestamp, as `--timestamps`. */
  timestamps?: boolean;
}

/** RFC3339Nano as containerd writes it: nine fraction digits. */
export function formatLogTime(ms: number): string {
  return formatRFC3339Micro(ms).replace(/Z$/, '000Z');
}

export function selectLogs(lines: LogLine[], opts: LogOptions): string[] {
  let out = lines;
  if (opts.sinceTime !== undefined) out = out.filter((l) => l.at >= opts.sinceTime!);
  if (opts.tailLines !== undefined && opts.tailLines >= 0) out = opts.tailLines === 0 ? [] : out.slice(-opts.tailLines);
  return out.map((l) => (opts.timestamps ? `${formatLogTime(l.at)} ${l.text}` : l.text));
}
