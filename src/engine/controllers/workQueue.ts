/** A de-duplicating FIFO of keys, like client-go's workqueue: a key waiting once is processed once. */
export class WorkQueue {
  /** Keys in arrival order; those before `head` were taken already. */
  private order: string[] = [];
  private head = 0;
  private waiting = new Set<string>();

  add(key: string): void {
    // One look-up of the key, not two (has, then add): most adds find it waiting already.
    const before = this.waiting.size;
    this.waiting.add(key);
    if (this.waiting.size !== before) this.order.push(key);
  }

  take(): string | undefined {
    if (this.head >= this.order.length) return undefined;
    const key = this.order[this.head++];
    this.waiting.delete(key);
    // Drop the taken prefix now and then, so the array does not grow without bound.
    if (this.head === this.order.length) {
      this.order = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
    return key;
  }

  get size(): number {
    return this.waiting.size;
  }

  keys(): string[] {
    return this.order.slice(this.head);
  }
}
