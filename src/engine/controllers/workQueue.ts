/** The smallest ring; a power of two, as every capacity is (an index wraps with a mask). */
const MIN_CAPACITY = 16;

/**
 * How many keys the queue may remember once it has drained. Few controllers see more keys than
 * this (one per Deployment, per ReplicaSet); those that do (one per pod) forget them all.
 */
const REMEMBER_AT_MOST = 4096;

/** A de-duplicating FIFO of keys, like client-go's workqueue: a key waiting once is processed once. */
export class WorkQueue {
  /**
   * Waiting keys in arrival order: `count` slots from `head`, wrapping. The ring is kept as the
   * queue drains (as most controllers' do at almost every instant), where a fresh array grew
   * its backing store anew each time.
   */
  private ring: (string | undefined)[] = new Array<string | undefined>(MIN_CAPACITY).fill(undefined);
  private head = 0;
  private count = 0;
  /**
   * Keys seen since the queue last forgot them: true while waiting, false once taken. A taken
   * key is marked rather than deleted: V8 rebuilds a hash table once deletes fill it with holes
   * or leave it a quarter full, which in a queue of a few keys was every few keys.
   */
  private seen = new Map<string, boolean>();

  add(key: string): void {
    // Most adds find the key waiting already: one look-up.
    if (this.seen.get(key) === true) return;
    this.seen.set(key, true);
    if (this.count === this.ring.length) this.grow();
    this.ring[(this.head + this.count) & (this.ring.length - 1)] = key;
    this.count++;
  }

  take(): string | undefined {
    if (this.count === 0) return undefined;
    const key = this.ring[this.head]!;
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) & (this.ring.length - 1);
    this.count--;
    if (this.count === 0 && this.seen.size > REMEMBER_AT_MOST) this.forget();
    else this.seen.set(key, false);
    return key;
  }

  get size(): number {
    return this.count;
  }

  keys(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.ring[(this.head + i) & (this.ring.length - 1)]!);
    return out;
  }

  /** Drops what a burst of many keys left behind, the queue being empty. */
  private forget(): void {
    this.seen.clear();
    this.ring = new Array<string | undefined>(MIN_CAPACITY).fill(undefined);
    this.head = 0;
  }

  /** Doubles the ring, its keys moved to the front in order. */
  private grow(): void {
    const keys = this.keys();
    this.ring = new Array<string | undefined>(this.ring.length * 2).fill(undefined);
    for (let i = 0; i < keys.length; i++) this.ring[i] = keys[i];
    this.head = 0;
  }
}
