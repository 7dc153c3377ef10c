/**
 * Texts that depend on one name only (a container's, an image's): built once and shared by every
 * replica that asks — its Events keep them. A pure, bounded cache.
 */
export class TextCache {
  private readonly known = new Map<string, string>();

  constructor(private readonly make: (name: string) => string) {}

  get(name: string): string {
    let text = this.known.get(name);
    if (text === undefined) {
      if (this.known.size >= TEXT_CACHE_MAX) this.known.clear();
      this.known.set(name, (text = this.make(name)));
    }
    return text;
  }
}

const TEXT_CACHE_MAX = 1024;
