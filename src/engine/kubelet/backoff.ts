/**
 * client-go's `flowcontrol.Backoff` as plain JSON (so it snapshots): per-key delay that starts at
 * 10 s, doubles on each `next`, caps at 5 min, and resets when the key has been quiet for twice
 * the cap (the kubelet's "reset after 10 minutes of running"). The kubelet keeps one for container
 * restarts (key: pod uid + container) and one for image pulls (key: pod uid + image).
 */
export interface BackoffEntry {
  delay: number;
  lastUpdate: number;
}

export type BackoffTable = Record<string, BackoffEntry>;

export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;

function expired(entry: BackoffEntry, eventTime: number): boolean {
  return eventTime - entry.lastUpdate > MAX_BACKOFF_MS * 2;
}

/** Records a failure at `now`: starts or doubles the delay. */
export function backoffNext(table: BackoffTable, key: string, eventTime: number, now: number): BackoffEntry {
  const e = table[key];
  const delay = !e || expired(e, eventTime) ? INITIAL_BACKOFF_MS : Math.min(e.delay * 2, MAX_BACKOFF_MS);
  return (table[key] = { delay, lastUpdate: now });
}

/** `IsInBackOffSince`: still waiting, counting from `eventTime` (a container's finishedAt). */
export function inBackoffSince(table: BackoffTable, key: string, eventTime: number, now: number): boolean {
  const e = table[key];
  return !!e && !expired(e, eventTime) && now - eventTime < e.delay;
}

/** `IsInBackOffSinceUpdate`: still waiting, counting from the last failure (image pulls). */
export function inBackoffSinceUpdate(table: BackoffTable, key: string, now: number): boolean {
  const e = table[key];
  return !!e && !expired(e, now) && now - e.lastUpdate < e.delay;
}
