/**
 * Container resource requirements, after core validation's `ValidateResourceRequirements`:
 * resource names, non-negative quantities, and requests no greater than limits
 * (`spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1`).
 */
import type { ResourceRequirements } from 'kubernetes-types/core/v1';
import { forbiddenField, invalid, required, type FieldError } from '../fieldErrors';
import { child, IS_NEGATIVE, key } from './common';
import { isQualifiedName } from './names';
import { compareQuantities, formatQuantity, tryParseQuantity, type Quantity } from '../../util/quantity';

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

const STANDARD_RESOURCES = new Set(['pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims', 'storage']);

const isHugePages = (name: string) => name.startsWith('hugepages-');
const isNative = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
/** cpu, memory and ephemeral-storage may be overcommitted; hugepages and extended resources may not. */
const overcommitAllowed = (name: string) => isNative(name) && !isHugePages(name);

function validateResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(path, name, m));
  if (errs.length) return errs;
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) {
      // validateResourceName first demands a standard resource type, then the container check adds its own.
      if (!STANDARD_RESOURCES.has(name) && !name.startsWith('requests.') && !name.startsWith('limits.'))
        errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
      errs.push(invalid(path, name, 'must be a standard resource for containers'));
    }
  } else if (!isNative(name) && name.startsWith('requests.')) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

function quantityOf(v: unknown): Quantity | undefined {
  return typeof v === 'string' || typeof v === 'number' ? (tryParseQuantity(v) ?? undefined) : undefined;
}

function validateQuantity(q: Quantity, path: string): FieldError[] {
  if (q.unscaled < 0n) return [invalid(path, formatQuantity(q), IS_NEGATIVE)];
  return [];
}

export function validateResourceRequirements(res: ResourceRequirements | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  const limits = (res?.limits ?? {}) as Record<string, unknown>;
  const requests = (res?.requests ?? {}) as Record<string, unknown>;
  let cpuOrMemory = false;
  let hugePages = false;
  for (const [name, raw] of Object.entries(limits)) {
    const p = key(limPath, name);
    errs.push(...validateResourceName(name, p));
    const q = quantityOf(raw);
    if (q) errs.push(...validateQuantity(q, p));
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const [name, raw] of Object.entries(requests)) {
    const p = key(reqPath, name);
    errs.push(...validateResourceName(name, p));
    const q = quantityOf(raw);
    if (q) errs.push(...validateQuantity(q, p));
    const limit = name in limits ? quantityOf(limits[name]) : undefined;
    if (q && limit) {
      const cmp = compareQuantities(q, limit);
      if (cmp !== 0 && !overcommitAllowed(name))
        errs.push(invalid(reqPath, formatQuantity(q), `must be equal to ${name} limit of ${formatQuantity(limit)}`));
      else if (cmp > 0) errs.push(invalid(reqPath, formatQuantity(q), `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`));
    } else if (!(name in limits) && !overcommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (hugePages && !cpuOrMemory) errs.push(forbiddenField(path, 'HugePages require cpu or memory'));
  return errs;
}
