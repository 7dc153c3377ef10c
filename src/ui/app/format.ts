/** Formatting for the page's chrome (the virtual clock). */

/** `2026-01-05 09:05:12 UTC`: virtual time, always UTC like the cluster's timestamps. */
export function formatVirtualTime(ms: number): string {
  if (!ms) return '—';
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

export function speedLabel(speed: 'pause' | number): string {
  return speed === 'pause' ? 'Paused' : `${speed}×`;
}
