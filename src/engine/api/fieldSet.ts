/**
 * FieldsV1 sets, the wire encoding field ownership is kept in: `{"f:spec": {"f:replicas": {}}}`,
 * with `k:{"name":"nginx"}` for items of associative lists, `v:"x"` for set members and `.` marking
 * a path that is itself a member and has members below it. A node is a member when it is `{}` or
 * has `.`. Here: the set operations (union, difference, intersection, subset, member paths) and
 * the sharing of equal nodes across objects; managedFields.ts builds sets from objects and keeps
 * the entries.
 */

export type Fields = { [key: string]: Fields };

type Obj = Record<string, unknown>;

const FKEY_CACHE_SIZE = 4096;
const fkeys = new Map<string, string>();

/** `f:<name>`, the path element of a field; the common ones built once. */
export function fkey(name: string): string {
  let k = fkeys.get(name);
  if (k === undefined) {
    k = `f:${name}`;
    if (fkeys.size < FKEY_CACHE_SIZE) fkeys.set(name, k);
  }
  return k;
}

export function isEmpty(f: Fields): boolean {
  for (const _ in f) return false;
  return true;
}
/** Whether the path a node stands for is itself in the set. */
export function isMember(f: Fields): boolean {
  return '.' in f || isEmpty(f);
}

/**
 * The node of a member path with nothing below: `{}`. Most nodes of a set are these (every scalar
 * field and every `.`), so all sets share this one; frozen, as no set is changed once built.
 */
export const LEAF: Fields = Object.freeze({}) as Fields;

/**
 * Shared nodes, by their keys and children in order (hash-consing). Most nodes of stored sets are
 * alike across objects: a condition's fields, a container's, an owner reference's, a list of
 * conditions. Sharing them keeps one copy instead of one per object (less for the GC to keep and
 * mark). Shared nodes are frozen; a node is shared only when all its children are, so a path of
 * this trie is a key and a child's identity per step. Which node is shared never shows: they are
 * equal, and in the order build gives.
 */
class Shape {
  node: Fields | undefined = undefined;
  /** The next step by key, for a LEAF child (most are): one lookup. */
  leaf: Map<string, Shape> | undefined = undefined;
  /** The next step by key, then by (shared) child. */
  inner: Map<string, Map<Fields, Shape>> | undefined = undefined;
}
/**
 * Bounds on the trie. Nodes keyed by unique values (a pod's IP, its token volume) would each have
 * a path of their own, which only costs: a key gets a step only the second time it is seen (of
 * the last SEEN_LIMIT keys), one step has at most a few hundred keys after it (more for the first,
 * where every node starts), and past SHAPE_LIMIT shapes no new ones are made.
 */
const SEEN_LIMIT = 4096;
const FIRST_FANOUT = 4096;
const SHAPE_FANOUT = 256;
const SHAPE_LIMIT = 32768;
const shapes = new Shape();
let shapeCount = 0;
const seenKeys = new Set<string>();
/** Set by nextShape when it refused a key seen for the first time. */
let unseen = false;
/** The shared nodes: only they are children on the trie's steps. */
const sharedNodes = new WeakSet<Fields>();

function nextShape(s: Shape, key: string, child: Fields): Shape | undefined {
  let byChild: Map<Fields, Shape> | undefined;
  if (child === LEAF) {
    const n = s.leaf?.get(key);
    if (n !== undefined) return n;
  } else {
    byChild = s.inner?.get(key);
    const n = byChild?.get(child);
    if (n !== undefined) return n;
    if (!sharedNodes.has(child)) return undefined;
  }
  // A new step, within the bounds.
  if (shapeCount >= SHAPE_LIMIT) return undefined;
  const newKey = byChild === undefined && !s.leaf?.has(key) && !s.inner?.has(key);
  if (newKey) {
    if ((s.leaf?.size ?? 0) + (s.inner?.size ?? 0) >= (s === shapes ? FIRST_FANOUT : SHAPE_FANOUT)) return undefined;
    if (!seenKeys.has(key)) {
      unseen = true;
      return undefined;
    }
  } else if (byChild !== undefined && byChild.size >= SHAPE_FANOUT) return undefined;
  const n = new Shape();
  if (child === LEAF) (s.leaf ??= new Map()).set(key, n);
  else {
    if (byChild === undefined) (s.inner ??= new Map()).set(key, (byChild = new Map()));
    byChild.set(child, n);
  }
  shapeCount++;
  return n;
}

/** The shared node equal to `f` (a fresh node nothing else holds yet), or `f` when it cannot be shared. */
export function intern(f: Fields): Fields {
  let s: Shape | undefined = shapes;
  let dot = false;
  for (const k in f) {
    // Only build's order ('.' last), and only nodes whose children are shared themselves.
    if (dot) return f;
    if (k === '.') dot = true;
    s = nextShape(s, k, f[k]);
    if (s === undefined) {
      if (unseen) noteKeys(f);
      return f;
    }
  }
  if (s.node === undefined) {
    s.node = Object.freeze(f);
    sharedNodes.add(f);
  }
  return s.node;
}

/**
 * Nodes being built as (key, child) pairs on a stack: the pairs are looked up among the shared
 * nodes first, so a node equal to a shared one (most are) is found without making an object for
 * it only to drop it. A node's pairs are those pushed since the mark (the stack's `top`) it
 * started at; nodes nest, a child being finished (and its pairs popped) before its parent pushes
 * it. Fields never repeat a key; list items may (pushItem).
 */
export class NodeStack {
  private keys: string[] = [];
  private children: Fields[] = [];
  /** For long lists' nodes (by their mark): where each key is, so pushItem need not search. */
  private places = new Map<number, Map<string, number>>();
  top = 0;

  /**
   * Drops whatever a build left behind: called where a whole set starts being built, so a build
   * cut short by an exception cannot leave stale places for the next node at the same mark.
   */
  reset(): void {
    this.top = 0;
    if (this.places.size) this.places.clear();
  }

  push(key: string, child: Fields): void {
    this.keys[this.top] = key;
    this.children[this.top++] = child;
  }

  /**
   * push for a list item of the node started at `mark`, whose key may repeat (two items with one
   * key): a repeated key keeps its first place and takes the last child, as an object's would.
   */
  pushItem(mark: number, key: string, child: Fields): void {
    const at = this.top - mark <= SEARCH_LIMIT ? this.search(mark, key) : this.placeOf(mark, key);
    if (at >= 0) this.children[at] = child;
    else this.push(key, child);
  }

  private search(mark: number, key: string): number {
    for (let i = mark; i < this.top; i++) if (this.keys[i] === key) return i;
    return -1;
  }

  private placeOf(mark: number, key: string): number {
    let places = this.places.get(mark);
    if (places === undefined) {
      this.places.set(mark, (places = new Map()));
      for (let i = mark; i < this.top; i++) places.set(this.keys[i], i);
    }
    const at = places.get(key);
    if (at === undefined) places.set(key, this.top);
    return at ?? -1;
  }

  /**
   * Pops the pairs pushed since `mark` and gives what intern gives for an object of them, in
   * their order; undefined when there are none.
   */
  finish(mark: number): Fields | undefined {
    const end = this.top;
    if (end === mark) return undefined;
    this.top = mark;
    if (this.places.size) this.places.delete(mark);
    let s: Shape | undefined = shapes;
    for (let i = mark; i < end; i++) {
      // As intern: only nodes with '.' last are shared.
      if (i > mark && this.keys[i - 1] === '.') return this.object(mark, end);
      s = nextShape(s, this.keys[i], this.children[i]);
      if (s === undefined) {
        const f = this.object(mark, end);
        if (unseen) noteKeys(f);
        return f;
      }
    }
    if (s.node === undefined) {
      const f = this.object(mark, end);
      s.node = Object.freeze(f);
      sharedNodes.add(f);
    }
    return s.node;
  }

  private object(from: number, to: number): Fields {
    const f: Fields = {};
    for (let i = from; i < to; i++) f[this.keys[i]] = this.children[i];
    return f;
  }
}

/** The items a list's node looks its keys up among one by one; past it, in a Map. */
const SEARCH_LIMIT = 32;

/** Notes all keys of `f` as seen: the next node like it is shared, not one key further along. */
function noteKeys(f: Fields): void {
  unseen = false;
  for (const k in f) {
    if (seenKeys.has(k)) continue;
    if (seenKeys.size >= SEEN_LIMIT) seenKeys.clear();
    seenKeys.add(k);
  }
}

/**
 * The shared node of the fields of an object whose fields all hold scalars (a condition, a port,
 * an IP), found without building it: undefined when `obj` has another shape or is not known yet.
 */
export function scalarShape(obj: Obj, mem: boolean): Fields | undefined {
  let s: Shape | undefined = shapes;
  for (const key in obj) {
    const v = obj[key];
    if (v === undefined) continue;
    if (v !== null && typeof v === 'object') return undefined;
    s = s.leaf?.get(fkey(key));
    if (s === undefined) return undefined;
  }
  if (s === shapes) return LEAF;
  if (mem) s = s.leaf?.get('.');
  return s?.node;
}

// ---- set operations on FieldsV1 trees ----

function build(isMem: boolean, children: Fields): Fields | undefined {
  if (isEmpty(children)) return isMem ? {} : undefined;
  if (isMem) children['.'] = LEAF;
  return intern(children);
}

export function union(a: Fields, b: Fields): Fields {
  if (isEmpty(a)) return b;
  if (isEmpty(b)) return a;
  return unionNode(a, b, true);
}
function unionNode(a: Fields, b: Fields, root = false): Fields {
  if (a === b) return a;
  const mem = !root && (isMember(a) || isMember(b));
  // Children of a that b changes go into a copy of a: one allocation, a's key order kept.
  let copy: Fields | undefined;
  for (const k in a) {
    const bk = b[k];
    if (k === '.' || !bk) continue;
    const ak = a[k];
    const n = unionNode(ak, bk);
    if (n !== ak) (copy ??= { ...a })[k] = n;
  }
  // New children go after a's (and before `.`): those are built afresh.
  let children: Fields | undefined;
  for (const k in b) if (k !== '.' && !a[k]) (children ??= childrenBefore(copy ?? a))[k] = b[k];
  if (children) return build(mem, children) ?? {};
  // Otherwise the union is a, or its copy, when that is what build would give (stored sets are never mutated).
  if (builtAs(a, mem)) return copy ? intern(copy) : a;
  return build(mem, childrenBefore(copy ?? a)) ?? {};
}

/** A fresh copy of a's children (all, or those before `stop`), in a's order. */
function childrenBefore(a: Fields, stop?: string): Fields {
  const out: Fields = {};
  for (const k in a) {
    if (k === stop) break;
    if (k !== '.') out[k] = a[k];
  }
  return out;
}

/**
 * Whether `a` is exactly, key order included, what build(mem, <a's children>) gives: sharing it
 * then changes nothing that is written out.
 */
function builtAs(a: Fields, mem: boolean): boolean {
  let dot = false;
  let children = false;
  for (const k in a) {
    if (k === '.') dot = true;
    else if (dot) return false;
    else children = true;
  }
  return children ? dot === mem : mem && !dot;
}

export function difference(a: Fields, b: Fields): Fields {
  return diffNode(a, b, true) ?? {};
}
/**
 * diffNode's results for two shared nodes (below the root), by their identity: many objects lose
 * the same fields from the same shared subtree. null stands for undefined (nothing left).
 */
const diffMemo = new Map<Fields, Map<Fields, Fields | null>>();
const DIFF_MEMO_LIMIT = 4096;
let diffMemoSize = 0;

function diffNode(a: Fields, b: Fields | undefined, root = false): Fields | undefined {
  if (!b) return a;
  if (root || !sharedNodes.has(a) || !sharedNodes.has(b)) return diffNodes(a, b, root);
  let byB = diffMemo.get(a);
  const known = byB?.get(b);
  if (known !== undefined) return known ?? undefined;
  const d = diffNodes(a, b, false);
  if (diffMemoSize >= DIFF_MEMO_LIMIT) {
    diffMemo.clear();
    diffMemoSize = 0;
    byB = undefined;
  }
  if (byB === undefined) diffMemo.set(a, (byB = new Map()));
  byB.set(b, d ?? null);
  diffMemoSize++;
  return d;
}

/** diffNode's work, unmemoized. */
function diffNodes(a: Fields, b: Fields, root: boolean): Fields | undefined {
  const mem = !root && isMember(a) && !isMember(b);
  let touches = false;
  // Children of a that lose something go into a copy of a (one allocation, a's key order kept);
  // once one goes whole, the children are built afresh instead.
  let copy: Fields | undefined;
  let children: Fields | undefined;
  for (const k in a) {
    if (k === '.') continue;
    const ak = a[k];
    const bk = b[k];
    if (!bk) {
      if (children) children[k] = ak;
      continue;
    }
    touches = true;
    const n = diffNode(ak, bk);
    if (children) {
      if (n) children[k] = n;
    } else if (n === undefined) children = childrenBefore(copy ?? a, k);
    else if (n !== ak) (copy ??= { ...a })[k] = n;
  }
  if (children) return build(mem, children);
  // Nothing below `a` is taken away: share it (stored entries are never mutated).
  if (!copy && !touches && (root || mem === isMember(a))) return a;
  if (builtAs(a, mem)) return copy ? intern(copy) : a;
  return build(mem, childrenBefore(copy ?? a));
}

export function intersection(a: Fields, b: Fields): Fields {
  return interNode(a, b, true) ?? {};
}
function interNode(a: Fields, b: Fields, root = false): Fields | undefined {
  const children: Fields = {};
  for (const k in a) {
    if (k === '.' || !b[k]) continue;
    const n = interNode(a[k], b[k]);
    if (n) children[k] = n;
  }
  return build(!root && isMember(a) && isMember(b), children);
}

export function childrenOf(f: Fields): [string, Fields][] {
  return Object.entries(f).filter(([k]) => k !== '.');
}

/** Member paths as structured-merge-diff prints them: `.spec.containers[name="nginx"].image`. */
export function memberPaths(f: Fields, prefix = ''): string[] {
  const out: string[] = [];
  // In fieldpath's order: field names, then keys, values and indexes, each sorted.
  const rank = (k: string) => 'fkvi'.indexOf(k[0]);
  const children = childrenOf(f).sort(([x], [y]) => rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0));
  for (const [k, v] of children) {
    const p = prefix + pathElement(k);
    if (isMember(v)) out.push(p);
    out.push(...memberPaths(v, p));
  }
  return out;
}

function pathElement(k: string): string {
  const rest = k.slice(2);
  switch (k[0]) {
    case 'f':
      return `.${rest}`;
    case 'k': {
      const key = JSON.parse(rest) as Obj;
      return `[${Object.entries(key).map(([n, v]) => `${n}=${JSON.stringify(v)}`).join(',')}]`;
    }
    case 'v':
      return `[=${rest}]`;
    default:
      return `[${rest}]`;
  }
}

/** Whether every member of `a` is a member of `b`. */
export function isSubset(a: Fields, b: Fields, root = true): boolean {
  if (!root && isMember(a) && !isMember(b)) return false;
  for (const k in a) {
    if (k === '.') continue;
    const bk = b[k];
    if (!bk || !isSubset(a[k], bk, false)) return false;
  }
  return true;
}
