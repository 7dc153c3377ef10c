/**
 * Quantities as the scheduler reads them (Value() for memory, storage and counts, MilliValue()
 * for cpu), through util/quantity, memoised: a cluster repeats the same few strings many
 * thousand times and the exact BigInt parse is too slow to run per scheduling decision.
 * A string the API would have rejected reads as 0.
 */
import { toMilli, toValue } from '../util/quantity';

const valueCache = new Map<string, number>();
const milliCache = new Map<string, number>();

function memo(cache: Map<string, number>, q: string, read: (q: string) => number): number {
  let v = cache.get(q);
  if (v === undefined) {
    try {
      v = read(q);
    } catch {
      v = 0;
    }
    cache.set(q, v);
  }
  return v;
}

/** resource.Quantity.Value(): whole base units, rounded up. */
export function quantityValue(q: string | number | undefined): number {
  if (q === undefined || q === null) return 0;
  return typeof q === 'number' ? toValue(q) : memo(valueCache, q, toValue);
}

/** resource.Quantity.MilliValue(): thousandths, rounded up (cpu). */
export function quantityMilli(q: string | number | undefined): number {
  if (q === undefined || q === null) return 0;
  return typeof q === 'number' ? toMilli(q) : memo(milliCache, q, toMilli);
}
