/** A de-duplicating FIFO of keys, like client-go's workqueue: a key waiting once is processed once. */
export class WorkQueue {
  private items = new Set<string>();

  add(key: string): void {
    this.items.add(key);
  }

  take(): string | undefined {
    for (const key of this.items) {
      this.items.delete(key);
      return key;
    }
    return undefined;
  }

  get size(): number {
    return this.items.size;
  }

  keys(): string[] {
    return [...this.items];
  }
}
