/**
 * The simulation's only source of randomness: a seeded sfc32 generator whose whole state is four
 * numbers, so a snapshot can carry it and a restored simulation continues the same sequence.
 */
export type RandomState = [number, number, number, number];

export class Random {
  // The four words of the state as fields: a draw allocates nothing.
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | RandomState) {
    if (Array.isArray(seed)) {
      [this.a, this.b, this.c, this.d] = seed;
    } else {
      [this.a, this.b, this.c, this.d] = [0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0];
      for (let i = 0; i < 15; i++) this.next();
    }
  }

  /** A float in [0, 1). */
  next(): number {
    let a = this.a >>> 0;
    let b = this.b >>> 0;
    let c = this.c >>> 0;
    let d = this.d >>> 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
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
    const codes = new Array<number>(length);
    for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(this.int(alphabet.length));
    return String.fromCharCode(...codes);
  }

  hex(length: number): string {
    return this.string(length, '0123456789abcdef');
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  state(): RandomState {
    return [this.a, this.b, this.c, this.d];
  }
}

/** apimachinery's rand.String alphabet: no vowels, no confusable characters. */
export const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
