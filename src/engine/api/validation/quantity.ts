/**
 * Compatibility shim: quantities live in `util/quantity`. This module keeps the earlier
 * `parseQuantity(q).nano` shape (the value in units of 10^-9, rounded up) for callers that
 * still read it; new code should import `util/quantity` (`toMilli`, `toBytes`, `compareQuantities`).
 */
import { parseQuantity as parse, type Quantity } from '../../util/quantity';

export { canonicalQuantity, compareQuantities, formatQuantity, QuantityError, type Quantity } from '../../util/quantity';

export function parseQuantity(input: string | number): Quantity & { nano: bigint } {
  const q = parse(input);
  const shift = q.scale + 9;
  let nano: bigint;
  if (shift >= 0) nano = q.unscaled * 10n ** BigInt(shift);
  else {
    const div = 10n ** BigInt(-shift);
    nano = q.unscaled / div;
    if (nano * div !== q.unscaled) nano += q.unscaled < 0n ? -1n : 1n;
  }
  return { ...q, nano };
}
