// Base64 over the web platform's btoa/atob, which the Node extension host, the web worker extension host,
// the CLI and the webview all have (Node's Buffer exists only in the first and the third).

/** Characters per String.fromCharCode call: far below any engine's argument limit. */
const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK) binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  return btoa(binary);
}

/** Throws a DOMException (InvalidCharacterError) on text that is not base64. */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Any character outside ASCII: such text needs UTF-8 encoding first. */
const NON_ASCII = /[^\x00-\x7f]/;

export function textToBase64(text: string): string {
  // ASCII is its own UTF-8, and btoa encodes it at once: the common case of the hover's curve images.
  return NON_ASCII.test(text) ? bytesToBase64(new TextEncoder().encode(text)) : btoa(text);
}
