// The JS kernels' branch-free fast paths (clip functions through |x ± e|, soft_shrink through two relus,
// hard_shrink on the bits, squareplus' sum with a rounding test) give the bits of the plain selects they
// replaced, written out here as the definitions, on inputs at the edges of those paths: where x ± e stops
// being exact (2^50), tiny inputs, the squareplus band's end −√(1024·b), ±0, subnormals, NaN, ±∞, and
// random bit patterns. (The rewrite was compared with the previous kernels on all 2^32 float32 inputs:
// docs/compute-core.md.)
import assert from 'node:assert/strict';
import { evaluate, kernelEngine, setKernelEngine, type EvaluateOptions } from '../../../src/core';
import { HALF_ABOVE, HALF_BELOW, TINY } from '../../../src/core/kernels/constants';
import { random } from '../../support/random';

/** The float32 values k ulps either side of each of `centres` (and of their negations). */
function around(centres: readonly number[], k = 3): number[] {
  const bits = new Int32Array(1);
  const value = new Float32Array(bits.buffer);
  const values: number[] = [];
  for (const centre of centres.flatMap((c) => [c, -c])) {
    value[0] = centre;
    const middle = bits[0];
    for (let d = -k; d <= k; d++) {
      bits[0] = middle + d;
      values.push(value[0]);
    }
  }
  return values;
}

function inputs(edges: readonly number[], seed: number): Float32Array {
  const next = random(seed);
  const specials = [NaN, Infinity, -Infinity, 0, -0, 1e-45, -1e-45, 1e-40, -1e-40, 3.4028234663852886e38, -3.4028234663852886e38];
  const magnitudes = [2 ** 50, 2 ** 51, 2 ** 49, TINY, 2 ** -125, 2 ** -126, 2 ** -149, 1, 3, 2.5, 0.5, ...edges];
  const values = [...specials, ...around(magnitudes)];
  const x = new Float32Array(values.length + 60_000);
  x.set(values);
  const bits = new Uint32Array(x.buffer);
  for (let i = values.length; i < x.length; i++) {
    if (i % 2) bits[i] = Math.floor(next() * 2 ** 32);
    else x[i] = next() * 24 - 12;
  }
  return x;
}

const CASES: readonly { name: string; options?: EvaluateOptions; edges?: number[]; definition: (v: number) => number }[] = [
  { name: 'hard_silu', definition: (v) => (v <= -3 ? 0 : v >= 3 ? v : Math.abs(v) < TINY ? v * (v > 0 ? HALF_ABOVE : HALF_BELOW) : (v * (v + 3)) / 6) },
  { name: 'hard_sigmoid', definition: (v) => (v <= -3 ? 0 : v >= 3 ? 1 : (v + 3) / 6) },
  { name: 'hard_sigmoid', options: { variant: 'keras2' }, definition: (v) => (v <= -2.5 ? 0 : v >= 2.5 ? 1 : (v + 2.5) / 5) },
  { name: 'sparse_sigmoid', definition: (v) => (v <= -1 ? 0 : v >= 1 ? 1 : (v + 1) * 0.5) },
  { name: 'sparse_plus', definition: (v) => (v <= -1 ? 0 : v >= 1 ? v : (v + 1) * (v + 1) * 0.25) },
  ...[0.5, 0, 1e-40, 2.7, 3e38, Infinity].map((threshold) => {
    const t = Math.fround(threshold);
    return { name: 'soft_shrink', options: { threshold }, edges: [t], definition: (v: number) => (v > t ? v - t : v < -t ? v + t : 0) };
  }),
  ...[0.5, 0, -0, 1e-40, Infinity, -1, NaN].map((threshold) => {
    const t = Math.fround(threshold);
    return { name: 'hard_shrink', options: { threshold }, edges: [Math.abs(t)], definition: (v: number) => (Math.abs(v) > t ? v : 0) };
  }),
  ...[4, 0.1, 2.7, 1e-40, 3e38, 0, -1].map((parameter) => {
    const b = Math.fround(parameter);
    return {
      name: 'squareplus',
      options: { b: parameter },
      edges: b > 0 ? [Math.sqrt(1024 * b), Math.sqrt(b)] : [],
      definition: (v: number) => {
        const root = Math.sqrt(v * v + b);
        return v >= 0 ? (v + root) * 0.5 : b / (2 * (root - v));
      },
    };
  }),
];

describe('JS kernels: branch-free fast paths', () => {
  let previous: ReturnType<typeof kernelEngine>;
  before(() => {
    previous = kernelEngine();
    setKernelEngine('js');
  });
  after(() => setKernelEngine(previous));

  CASES.forEach(({ name, options, edges, definition }, k) => {
    it(`${name}${options ? JSON.stringify(options, (_, value) => (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0)) ? String(Object.is(value, -0) ? '-0' : value) : value)) : ''}: the definition's bits at the paths' edges and on random inputs`, () => {
      const x = inputs(edges ?? [], 11 + k);
      const got = evaluate(name, x, options);
      for (let i = 0; i < x.length; i++) {
        const expected = Math.fround(definition(x[i]));
        if (!(Object.is(got[i], expected) || (Number.isNaN(got[i]) && Number.isNaN(expected)))) {
          assert.fail(`${name} at x = ${x[i]}: kernel ${got[i]}, definition ${expected}`);
        }
      }
    });
  });
});
