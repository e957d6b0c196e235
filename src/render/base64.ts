// Base64 that the Node extension host, the web worker extension host, the CLI and the webview all have (Node's
// Buffer exists only in the first and the third): encoded here, decoded by the web platform's atob.

const DIGITS = Uint8Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', (digit) => digit.charCodeAt(0));
const PAD = 0x3d;
const ascii = new TextDecoder('latin1');

/**
 * The base64 of `bytes[0, length)` written as ASCII into `out` from `at` (room for ⌈length/3⌉·4 bytes; `out` may
 * be `bytes` itself when `at` ≥ `length`); returns where it ends. One encoder for every caller, so that one
 * that already holds its bytes in a buffer (the hover's curve) makes no string but the result.
 */
export function writeBase64(bytes: Uint8Array, length: number, out: Uint8Array, at: number): number {
  let i = 0;
  for (; i + 2 < length; i += 3) {
    const triple = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[at++] = DIGITS[triple >> 18];
    out[at++] = DIGITS[(triple >> 12) & 63];
    out[at++] = DIGITS[(triple >> 6) & 63];
    out[at++] = DIGITS[triple & 63];
  }
  if (i < length) {
    const pair = i + 1 < length;
    const triple = (bytes[i] << 16) | (pair ? bytes[i + 1] << 8 : 0);
    out[at++] = DIGITS[triple >> 18];
    out[at++] = DIGITS[(triple >> 12) & 63];
    out[at++] = pair ? DIGITS[(triple >> 6) & 63] : PAD;
    out[at++] = PAD;
  }
  return at;
}

/** ASCII bytes (base64 digits) as a string. */
export const asciiText = (bytes: Uint8Array): string => ascii.decode(bytes);

export function bytesToBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  return asciiText(out.subarray(0, writeBase64(bytes, bytes.length, out, 0)));
}

/** Throws a DOMException (InvalidCharacterError) on text that is not base64. */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function textToBase64(text: string): string {
  return bytesToBase64(new TextEncoder().encode(text));
}
