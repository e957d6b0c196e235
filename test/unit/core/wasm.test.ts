// The WebAssembly kernels give the JS kernels' bits (the JS ones are correctly rounded on every fixture:
// accuracy.test.ts runs both), on many more inputs than the fixtures hold: float32 bit patterns of every
// class (NaN, ±∞, ±0, subnormals), uniform and log-uniform values, rows with special entries.
import assert from 'node:assert/strict';
import { evaluate, kernelEngine, setKernelEngine, type EvaluateOptions } from '../../../src/core';
import { wasmKernels } from '../../../src/core/wasm';

/** A deterministic mix of inputs: a third random bit patterns, a third uniform on [−12, 12], a third log-uniform magnitudes. */
function inputs(count: number, seed: number): Float32Array {
  const x = new Float32Array(count);
  const bits = new Uint32Array(x.buffer);
  let state = seed;
  const next = (): number => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);
  for (let i = 0; i < count; i++) {
    const kind = i % 3;
    if (kind === 0) bits[i] = next();
    else if (kind === 1) x[i] = (next() / 2 ** 32) * 24 - 12;
    else x[i] = (next() & 1 ? 1 : -1) * 10 ** ((next() / 2 ** 32) * 78 - 40);
  }
  return x;
}

function both(name: string, x: Float32Array, options?: EvaluateOptions): [Float32Array, Float32Array] {
  const previous = kernelEngine();
  try {
    setKernelEngine('wasm');
    const fromWasm = evaluate(name, x, options);
    setKernelEngine('js');
    return [fromWasm, evaluate(name, x, options)];
  } finally {
    setKernelEngine(previous);
  }
}

function assertSameBits(label: string, x: Float32Array, fromWasm: Float32Array, fromJs: Float32Array): void {
  for (let i = 0; i < fromJs.length; i++) {
    const same = Object.is(fromWasm[i], fromJs[i]) || (Number.isNaN(fromWasm[i]) && Number.isNaN(fromJs[i]));
    if (!same) assert.fail(`${label} at index ${i} (x = ${x[i]}): wasm ${fromWasm[i]}, js ${fromJs[i]}`);
  }
}

const ELEMENTWISE: readonly [string, EvaluateOptions?][] = [
  ['relu'], ['relu', { negative_slope: 0.1 }], ['relu6'], ['leaky_relu'], ['leaky_relu', { negative_slope: 0 }], ['leaky_relu', { negative_slope: -0.5 }],
  ['elu'], ['elu', { alpha: 0.5 }], ['selu'], ['celu'], ['celu', { alpha: 2.5 }], ['celu', { alpha: 0 }],
  ['gelu'], ['gelu', { approximate: true }], ['silu'], ['hard_silu'], ['sigmoid'], ['hard_sigmoid'], ['hard_sigmoid', { variant: 'keras2' }],
  ['sparse_sigmoid'], ['log_sigmoid'], ['softplus'], ['softsign'], ['tanh'], ['hard_tanh'], ['tanh_shrink'],
  ['soft_shrink'], ['soft_shrink', { threshold: 0.3 }], ['soft_shrink', { threshold: -1 }], ['hard_shrink', { threshold: 2 }], ['sparse_plus'],
  ['squareplus'], ['squareplus', { b: 0.5 }], ['mish'], ['exponential'], ['threshold', { threshold: 0.5, default_value: -1 }],
];

describe('WebAssembly kernels', () => {
  it('are what evaluate uses in Node', () => {
    assert.equal(kernelEngine(), 'wasm');
  });

  for (const [name, options] of ELEMENTWISE) {
    const label = `${name}${options ? `(${JSON.stringify(options)})` : ''}`;
    it(`${label}: the JS kernel's bits on 30,000 inputs of every kind`, () => {
      const x = inputs(30_001, 7);
      assertSameBits(label, x, ...both(name, x, options));
    });
  }

  it('flag about 2^-10 of ordinary lanes (the rounding test at work) and the lanes whose result is not a normal float32', () => {
    const x = Float32Array.from({ length: 1 << 16 }, (_, i) => ((i * 0.6180339887) % 1) * 16 - 8);
    let flagged = 0;
    wasmKernels()!.map('exponential', 0, 0, x, new Float32Array(x.length), (lanes) => (flagged += lanes.length));
    const share = flagged / x.length;
    assert.ok(share > 2 ** -12 && share < 2 ** -8, `flagged ${flagged} of ${x.length}`);
    const special = Float32Array.of(NaN, Infinity, -Infinity, 0, -0, 1e-40, -1e-40, -200);
    let specials = 0;
    wasmKernels()!.map('exponential', 0, 0, special, new Float32Array(special.length), (lanes) => (specials += lanes.length));
    // NaN, ∞ and the float32 zeros of e^−∞ and e^−200; e^±0 and e^±1e-40 round to 1, normal and far from a midpoint.
    assert.equal(specials, 4);
  });

  it('flag a result that lies on a float32 midpoint up to the polynomial error', () => {
    // elu(v) ≈ α·v for tiny v: 1.5·(1 + 2^-23)·2^-110 is a float32 midpoint, the polynomial's value 2^-37 off it.
    const v = Math.fround((1 + 2 ** -23) * 2 ** -110);
    let flagged = 0;
    wasmKernels()!.map('elu', Math.fround(1.5), 1, Float32Array.of(-v), new Float32Array(1), (lanes) => (flagged += lanes.length));
    assert.equal(flagged, 1);
  });

  it('leave results at ±2^-126 to the JS kernel: a double just below it lies among the subnormals', () => {
    // silu(−2^-125 + 2^-149) = x/2 + x²/4 is just inside the midpoint between −2^-126 and the subnormal next to
    // it; the module's double (2^-52 off) rounded to −2^-126, unflagged, before the range test took 2^-126 in.
    const near = Float32Array.from([0x00ffffff, 0x00fffffe, 0x01000000, 0x01000001, 0x00800000, 0x00800001], (b) => new Float32Array(Uint32Array.of(b).buffer)[0]);
    const x = Float32Array.from([...near, ...near.map((v) => -v), ...near.map((v) => v * 1.5), ...near.map((v) => -v * 3)]);
    for (const [name, options] of [['silu'], ['gelu'], ['gelu', { approximate: true }], ['sigmoid'], ['elu', { alpha: 0.5 }], ['celu', { alpha: 2 }], ['selu'], ['mish'], ['tanh'], ['exponential']] as const) {
      assertSameBits(name, x, ...both(name, x, options));
    }
  });

  it('write in place when out is the input', () => {
    const x = inputs(10_000, 3);
    const expected = evaluate('sigmoid', x);
    const y = x.slice();
    evaluate('sigmoid', y, { out: y });
    assertSameBits('sigmoid in place', x, y, expected);
  });

  for (const name of ['softmax', 'log_softmax']) {
    it(`${name}: the JS kernel's bits on rows of 1 to 5000 entries, with NaN, ±∞ and wide ranges`, () => {
      for (const [rows, size, scale] of [[200, 1, 1], [300, 3, 4], [100, 7, 30], [40, 100, 4], [20, 1000, 100], [2, 5000, 3]]) {
        const x = inputs(rows * size, size).map((v) => (Number.isFinite(v) ? Math.max(-1e4, Math.min(1e4, v)) * (scale / 12) : v));
        // Some rows without special values, so that the module computes them.
        for (let r = 0; r < rows; r += 2) for (let k = 0; k < size; k++) if (!Number.isFinite(x[r * size + k])) x[r * size + k] = k % 5;
        assertSameBits(`${name} [${rows}, ${size}]`, x, ...both(name, x, { shape: [rows, size] }));
      }
    });
  }

  it('softmax and log_softmax: the JS kernel\'s zeros and their signs when the other entries vanish', () => {
    // log_softmax's maximum is −log1p(r): −0 while r > 0, +0 when r = 0 (JS's e^z is 0 below −745.13). The
    // module's e^z stops at e^-708, so it took +0 for rows like [0, −709] before it left those zeros to JS.
    const gaps = [-100, -104, -105, -150, -708, -709, -720, -745, -745.5, -746, -750, -1e4, -Infinity];
    const x = Float32Array.from(gaps.flatMap((gap) => [0, gap, gap, 2 * gap]));
    for (const name of ['softmax', 'log_softmax']) assertSameBits(name, x, ...both(name, x, { shape: [gaps.length, 4] }));
  });

  it('glu: the JS kernel\'s bits along every axis', () => {
    const x = inputs(6 * 8 * 10, 11);
    for (const axis of [0, 1, 2]) assertSameBits(`glu axis ${axis}`, x, ...both('glu', x, { shape: [6, 8, 10], axis }));
  });
});
