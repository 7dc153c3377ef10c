/**
 * Pod IPs from the node's podCIDR, the way the host-local IPAM plugin hands them out: skip the
 * network address and the bridge gateway (`.1`), continue after the last address given (not the
 * lowest free one), wrap around, never reuse an address still held. Plain JSON state.
 */
import { idTable } from './types';

export interface IpamState {
  cidr: string;
  /** Offset (from the network address) of the last address handed out. */
  last: number;
  /** ip -> pod uid */
  used: Record<string, string>;
}

export function newIpam(cidr: string): IpamState {
  return { cidr, last: 1, used: idTable() };
}

/** Ranges parsed so far (a pure cache: one per node, each allocating again and again). */
const parsed = new Map<string, { base: number; size: number }>();

function parsedCidr(cidr: string): { base: number; size: number } {
  let range = parsed.get(cidr);
  if (!range) parsed.set(cidr, (range = parseCidr(cidr)));
  return range;
}

function parseCidr(cidr: string): { base: number; size: number } {
  const [addr, bitsText] = cidr.split('/');
  const parts = addr.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !(p >= 0 && p <= 255))) throw new Error(`bad podCIDR ${cidr}`);
  const bits = Number(bitsText ?? 32);
  const base = (((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3]) >>> 0;
  return { base, size: 2 ** (32 - bits) };
}

function ipOf(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** Allocates an address for `uid`; undefined when the range is full. */
export function allocateIp(s: IpamState, uid: string): string | undefined {
  const { base, size } = parsedCidr(s.cidr);
  const first = 2;
  const lastUsable = size - 2; // skip the broadcast address
  const span = lastUsable - first + 1;
  if (span <= 0) return undefined;
  for (let i = 1; i <= span; i++) {
    const off = first + ((s.last - first + i) % span + span) % span;
    const ip = ipOf((base + off) >>> 0);
    if (!s.used[ip]) {
      s.used[ip] = uid;
      s.last = off;
      return ip;
    }
  }
  return undefined;
}

/** Frees `ip` if `uid` still holds it (it may have gone to another pod since). */
export function releaseIp(s: IpamState, ip: string | undefined, uid: string): void {
  if (ip && s.used[ip] === uid) delete s.used[ip];
}
