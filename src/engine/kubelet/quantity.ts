/** Resource quantities as the kubelet uses them: bytes and millicores (undefined when absent or bad). */
import { toBytes, toMilli, tryParseQuantity } from '../util/quantity';

export function memoryBytes(q: string | number | undefined): number | undefined {
  const parsed = q === undefined ? null : tryParseQuantity(q);
  return parsed ? toBytes(parsed) : undefined;
}

export function milliCores(q: string | number | undefined): number | undefined {
  const parsed = q === undefined ? null : tryParseQuantity(q);
  return parsed ? toMilli(parsed) : undefined;
}
