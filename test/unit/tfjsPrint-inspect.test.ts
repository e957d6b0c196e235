// What console.log shows for `t.dataSync()` and `t.arraySync()` is printed without Node (the web worker
// extension host has none): the text must stay exactly Node's util.inspect, which is the reference here.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { nestedArrayText, typedArrayText } from '../../src/render/tfjsPrint';
import { random } from '../support/random';

const TYPED_ARRAYS = [Float32Array, Float64Array, Int32Array, Uint8Array] as const;

/** Values of every printed shape: NaN, ±∞, −0, integers, and floats from 1e-6 to 1e6 of either sign. */
function valueSource(seed: number): () => number {
  const next = random(seed);
  return () => {
    const kind = next();
    if (kind < 0.04) return NaN;
    if (kind < 0.08) return next() < 0.5 ? Infinity : -Infinity;
    if (kind < 0.12) return -0;
    if (kind < 0.3) return Math.round((next() - 0.5) * 200);
    return Math.fround((next() - 0.5) * 10 ** Math.floor(next() * 12 - 6));
  };
}

function nested(shape: readonly number[], data: ArrayLike<number>, offset = 0): unknown {
  if (shape.length === 0) return data[offset];
  const inner = shape.slice(1).reduce((a, b) => a * b, 1);
  return Array.from({ length: shape[0] }, (_, i) => nested(shape.slice(1), data, offset + i * inner));
}

describe("tfjs printing: Node's console.log text without Node", () => {
  it('prints typed arrays (dataSync) as util.inspect does, from empty to past maxArrayLength', () => {
    const value = valueSource(15);
    const next = random(18);
    const lengths = [0, 1, 5, 6, 7, 16, 26, 27, 99, 100, 101, 250];
    for (let round = 0; round < 40; round++) lengths.push(Math.floor(next() ** 2 * 300));
    for (const length of lengths) {
      for (const TypedArray of TYPED_ARRAYS) {
        const data = new TypedArray(length);
        for (let i = 0; i < length; i++) data[i] = value();
        assert.equal(typedArrayText(data), inspect(data, { breakLength: 80, maxArrayLength: 100 }), `${TypedArray.name}(${length})`);
      }
    }
  });

  it('prints nested arrays (arraySync) of rank 0 to 5 as util.inspect does', () => {
    const value = valueSource(16);
    const next = random(17);
    const shapes: number[][] = [[], [0], [3, 0], [1, 1, 1, 1, 1], [2, 101], [101, 2], [7, 7], [2, 2, 2, 2, 2]];
    for (let round = 0; round < 150; round++) {
      const rank = Math.floor(next() * 6);
      shapes.push(Array.from({ length: rank }, () => Math.floor(next() * (rank > 2 ? 5 : 40))));
    }
    for (const shape of shapes) {
      const size = shape.reduce((a, b) => a * b, 1);
      const data = new Float32Array(size).map(() => value());
      const expected = inspect(nested(shape, data), { breakLength: 80, maxArrayLength: 100, depth: null });
      assert.equal(nestedArrayText({ shape, data }), expected, `shape [${shape.join(', ')}]`);
    }
  });
});
