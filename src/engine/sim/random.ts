/**
 * The simulation's only source of randomness: a seeded sfc32 generator whose whole state is four
 * numbers, so a snapshot can carry it and a restored simulation continues the same sequence.
 */
export type RandomState = [number, number, number, number];

export class Random {
  private s: RandomState;

  constructor(seed: number | RandomState) {
    if (Array.isArray(seed)) {
      this.s = [...seed] as RandomState;
    } else {
      this.s = [0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0];
      for (let i = 0; i < 15; i++) this.next();
    }
  }

  /** A float in [0, 1). */
  next(): number {
    let [a, b, c, d] = this.s;
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    this.s = [a, b, c, d];
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** `length` characters drawn from `alphabet`. */
  string(length: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  hex(length: number): string {
    return this.string(length, '0123456789abcdef');
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  state(): RandomState {
    return [...this.s] as RandomState;
  }
}

/** apimachinery's rand.String alphabet: no vowels, no confusable characters. */
export const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
