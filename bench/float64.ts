// Benchmark section "float64": the functions of src/core/float64 (CPython's values; sin, cos, tan, atan
// correctly rounded) against JavaScript's own Math.* (where it has the function; it gives other values:
// docs/numerics.md; sin-huge reduces arguments up to 1e300 by Payne and Hanek's method), 10^5 doubles in a
// typical range each, one call per element as the interpreter's NumPy makes them; and evaluateFloat64 on
// 10^4 doubles in [−6, 6] (shape [100, 100] for the functions along an axis), one line per family.
import * as float64 from '../src/core/float64';
import { formatTable, timeInterleaved } from './harness';

const N = 100_000;
const ACTIVATION_N = 10_000;

type Unary = (x: number) => number;

interface MathEntry {
  readonly name: string;
  readonly ours: Unary;
  readonly js?: Unary;
  readonly range: readonly [number, number];
}

const MATH: readonly MathEntry[] = [
  { name: 'exp', ours: float64.exp, js: Math.exp, range: [-30, 30] },
  { name: 'expm1', ours: float64.expm1, js: Math.expm1, range: [-3, 3] },
  { name: 'log', ours: float64.log, js: Math.log, range: [0, 100] },
  { name: 'log1p', ours: float64.log1p, js: Math.log1p, range: [-0.9, 10] },
  { name: 'log2', ours: float64.log2, js: Math.log2, range: [0, 100] },
  { name: 'log10', ours: float64.log10, js: Math.log10, range: [0, 100] },
  { name: 'pow', ours: (x) => float64.pow(x, 2.5), js: (x) => Math.pow(x, 2.5), range: [0, 10] },
  { name: 'tanh', ours: float64.tanh, js: Math.tanh, range: [-5, 5] },
  { name: 'sinh', ours: float64.sinh, js: Math.sinh, range: [-5, 5] },
  { name: 'cosh', ours: float64.cosh, js: Math.cosh, range: [-5, 5] },
  { name: 'erf', ours: float64.erf, range: [-4, 4] },
  { name: 'erfc', ours: float64.erfc, range: [-4, 4] },
  { name: 'sin', ours: float64.sin, js: Math.sin, range: [-10, 10] },
  { name: 'cos', ours: float64.cos, js: Math.cos, range: [-10, 10] },
  { name: 'sin-huge', ours: float64.sin, js: Math.sin, range: [-1e300, 1e300] },
  { name: 'tan', ours: float64.tan, js: Math.tan, range: [-1.5, 1.5] },
  { name: 'atan', ours: float64.atan, js: Math.atan, range: [-20, 20] },
];

/** One representative per family of activations (the others share its method). */
const ACTIVATIONS: readonly { name: string; label: string; options?: Record<string, unknown> }[] = [
  { name: 'relu', label: 'relu (one rounding: leaky_relu, clips, shrinks)', options: { negative_slope: 0.1 } },
  { name: 'hard_silu', label: 'hard_silu (rational: hard_sigmoid, sparse_plus, softsign)' },
  { name: 'elu', label: 'elu (e^x − 1: selu, celu)' },
  { name: 'sigmoid', label: 'sigmoid (e^x: silu, exponential, mish)' },
  { name: 'softplus', label: 'softplus (log1p: log_sigmoid)' },
  { name: 'tanh', label: 'tanh (tanh_shrink)' },
  { name: 'gelu', label: 'gelu (normal tail)' },
  { name: 'squareplus', label: 'squareplus (√)' },
  { name: 'softmax', label: 'softmax, [100, 100] (log_softmax, glu)', options: { shape: [100, 100] } },
  { name: 'sparsemax', label: 'sparsemax, [100, 100]', options: { shape: [100, 100] } },
];

function values(count: number, lo: number, hi: number): Float64Array {
  const out = new Float64Array(count);
  let seed = 12345;
  for (let i = 0; i < count; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    out[i] = lo + (hi - lo) * (seed / 2 ** 32); // scaled first: (hi − lo)·seed may overflow
  }
  return out;
}

/** A loop per function, so each call site sees one function (as a NumPy ufunc loop would). */
function loopOver(f: Unary, x: Float64Array, out: Float64Array): () => void {
  return new Function('f', 'x', 'out', 'return () => { for (let i = 0; i < x.length; i++) out[i] = f(x[i]); };')(f, x, out) as () => void;
}

export function runFloat64Bench(filter: readonly string[]): string {
  const wanted = (name: string): boolean => filter.length === 0 || filter.includes(name);
  const mathRows: string[][] = [];
  for (const entry of MATH.filter((e) => wanted(e.name))) {
    const x = values(N, ...entry.range);
    const out = new Float64Array(N);
    const contenders = [{ name: 'ours', run: loopOver(entry.ours, x, out) }];
    if (entry.js) contenders.push({ name: 'Math', run: loopOver(entry.js, x, out) });
    const [ours, js] = timeInterleaved(contenders);
    const perCall = (ms: number): string => `${((ms * 1e6) / N).toFixed(1)} ns`;
    mathRows.push([entry.name, perCall(ours), js === undefined ? '—' : perCall(js), js === undefined ? '—' : `${(ours / js).toFixed(1)}×`]);
  }
  const activationRows: string[][] = [];
  for (const entry of ACTIVATIONS.filter((e) => wanted(e.name))) {
    const x = values(ACTIVATION_N, -6, 6);
    const out = new Float64Array(ACTIVATION_N);
    const [ms] = timeInterleaved([{ name: entry.name, run: () => float64.evaluateFloat64(entry.name, x, { ...entry.options, out }) }]);
    activationRows.push([entry.label, `${((ms * 1e6) / ACTIVATION_N).toFixed(0)} ns`]);
  }
  return [
    formatTable(['math (CPython, or correctly rounded)', 'ours per call', 'Math.* per call', 'ratio'], mathRows),
    '',
    formatTable(['evaluateFloat64, per element', 'time'], activationRows),
  ].join('\n');
}
