import { describe, expect, it } from 'vitest';
import { utf8Bytes } from './utf8';

describe('utf8Bytes', () => {
  it('encodes one to four bytes per code point', () => {
    expect(utf8Bytes('a')).toEqual([0x61]);
    expect(utf8Bytes('é€😀')).toEqual([0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
  });

  it('encodes a lone surrogate as its own three bytes', () => {
    expect(utf8Bytes('\ud800x')).toEqual([0xed, 0xa0, 0x80, 0x78]);
    expect(utf8Bytes('\udc00')).toEqual([0xed, 0xb0, 0x80]);
  });
});
