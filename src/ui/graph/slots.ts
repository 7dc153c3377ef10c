/**
 * Stable slot allocation: members keep the slot they had; members that left free theirs; newcomers
 * take the lowest free slots in key order. Pure: returns a new assignment, never mutates `prev`.
 */
export type Slots = Readonly<Record<string, number>>;

export function assignSlots(prev: Slots | undefined, members: readonly string[]): Slots {
  const next: Record<string, number> = {};
  const taken = new Set<number>();
  const newcomers: string[] = [];
  for (const m of members) {
    const s = prev?.[m];
    if (s === undefined) newcomers.push(m);
    else {
      next[m] = s;
      taken.add(s);
    }
  }
  if (newcomers.length === 0 && prev && Object.keys(prev).length === members.length) return prev;
  newcomers.sort();
  let free = 0;
  for (const m of newcomers) {
    while (taken.has(free)) free++;
    next[m] = free;
    taken.add(free);
  }
  return next;
}

/** The highest slot in use plus one (0 when empty). */
export function slotExtent(slots: Slots): number {
  let max = -1;
  for (const k in slots) if (slots[k] > max) max = slots[k];
  return max + 1;
}
