// The base64 the hover images and the plot's PNG export use in both extension hosts, against Node's Buffer.
import assert from 'node:assert/strict';
import { base64ToBytes, bytesToBase64, textToBase64 } from '../../src/render/base64';
import { random } from '../support/random';

describe('base64 without Buffer', () => {
  it("encodes and decodes bytes as Node's Buffer does, across the chunk size", () => {
    const next = random(64);
    for (const length of [0, 1, 2, 3, 4, 0x7fff, 0x8000, 0x8001, 100_000]) {
      const bytes = Uint8Array.from({ length }, () => Math.floor(next() * 256));
      const encoded = bytesToBase64(bytes);
      assert.equal(encoded, Buffer.from(bytes).toString('base64'), `${length} bytes`);
      assert.deepEqual(base64ToBytes(encoded), bytes);
    }
  });

  it('encodes text as UTF-8 (formulas and curves carry non-ASCII labels)', () => {
    for (const text of ['', 'σ(x) = 1/(1 + e⁻ˣ)', '<svg>−∞ … 𝑥</svg>', 'a'.repeat(70_000) + 'é']) {
      assert.equal(textToBase64(text), Buffer.from(text, 'utf8').toString('base64'));
    }
  });
});
