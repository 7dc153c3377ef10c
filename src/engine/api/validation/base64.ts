/**
 * Base64 as Go's `encoding/base64` StdEncoding handles `[]byte` fields in JSON: padding required,
 * CR/LF ignored, and the error `illegal base64 data at input byte N` with Go's N.
 */
import { utf8Bytes } from '../../util/utf8';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The byte offset Go reports for invalid input, or -1 when `s` decodes. */
export function base64ErrorOffset(s: string): number {
  let j = 0; // position within the current 4-character quantum
  let quantumStart = 0;
  let padded = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\n' || ch === '\r') continue;
    if (padded) return i; // data after padding
    if (j === 0) quantumStart = i;
    if (ALPHABET.includes(ch)) {
      j = (j + 1) % 4;
      continue;
    }
    if (ch !== '=' || j < 2) return i;
    // '=' at position 2 needs a second one at position 3.
    if (j === 2) {
      let k = i + 1;
      while (k < s.length && (s[k] === '\n' || s[k] === '\r')) k++;
      if (k >= s.length) return s.length;
      if (s[k] !== '=') return k;
      i = k;
    }
    padded = true;
    j = 0;
  }
  return j === 0 ? -1 : quantumStart;
}

/** Standard base64 of a string's UTF-8 bytes. */
export function base64Encode(text: string): string {
  const bytes = utf8Bytes(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

/** Decoded length in bytes of valid base64. */
export function base64DecodedLength(s: string): number {
  const clean = s.replace(/[\r\n]/g, '');
  return Math.floor((clean.replace(/=+$/, '').length * 3) / 4);
}
