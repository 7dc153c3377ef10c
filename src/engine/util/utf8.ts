/**
 * UTF-8 encoding (the engine has no TextEncoder: ES libraries only). A lone surrogate is encoded
 * as its own three bytes, as `for…of` over the string gives it.
 */

/** Calls `each` with the UTF-8 bytes of `text`, in order, building nothing per byte. */
export function eachUtf8Byte(text: string, each: (byte: number) => void): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i)!;
    if (c > 0xffff) i++; // the second half of a surrogate pair
    if (c < 0x80) each(c);
    else if (c < 0x800) {
      each(0xc0 | (c >> 6));
      each(0x80 | (c & 63));
    } else if (c < 0x10000) {
      each(0xe0 | (c >> 12));
      each(0x80 | ((c >> 6) & 63));
      each(0x80 | (c & 63));
    } else {
      each(0xf0 | (c >> 18));
      each(0x80 | ((c >> 12) & 63));
      each(0x80 | ((c >> 6) & 63));
      each(0x80 | (c & 63));
    }
  }
}

/** The UTF-8 bytes of `text`. */
export function utf8Bytes(text: string): number[] {
  const out: number[] = [];
  eachUtf8Byte(text, (b) => out.push(b));
  return out;
}
