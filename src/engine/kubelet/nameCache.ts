/**
 * Values that depend on one name only (a container's, an image's, a start time…): built once and
 * shared by every replica that asks — Events keep the texts, stored pods the status parts, which
 * are never changed. A pure, bounded cache.
 */
export class NameCache<T> {
  private readonly known = new Map<string, T>();

  constructor(private readonly make: (name: string) => T) {}

  get(name: string): T {
    let value = this.known.get(name);
    if (value === undefined) {
      if (this.known.size >= NAME_CACHE_MAX) this.known.clear();
      this.known.set(name, (value = this.make(name)));
    }
    return value;
  }
}

const NAME_CACHE_MAX = 1024;
