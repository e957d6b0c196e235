// Python's `math` module: CPython's rules (Modules/mathmodule.c) around the double-precision functions of
// src/core/float64 — a NaN from a non-NaN input is `ValueError: math domain error`, an infinity from a
// finite input `OverflowError: math range error` (or a domain error where the function has a pole),
// `floor` / `ceil` / `trunc` give ints, `pow` and `log` have their special cases, ints too large for a float
// still have a log — and the exact functions (fsum, gcd, factorial, isqrt, frexp, ldexp, …) computed here.
// The names math has that the subset does not model are refused, never mistaken for AttributeErrors.
import * as float64 from '../../core/float64';
import { ActivationError } from '../../core/catalog';
import { OverflowError, Refusal, TypeError, ValueError, ZeroDivisionError, raise } from './errors';
import { asInt, bitLength, floatToInt } from './numbers';
import { PyBuiltin, PyModule, PyTuple } from './objects';
import { binary, collect, toFloatArgument, toIndex, typeName } from './ops';
import { PyObject, type Kwargs, type PyValue, type Runtime } from './types';

const DOMAIN = 'math domain error';
const RANGE = 'math range error';

/** The names CPython 3.11's math module has; those not defined below are refused. */
const CPYTHON_MATH_NAMES = [
  'acos', 'acosh', 'asin', 'asinh', 'atan', 'atan2', 'atanh', 'cbrt', 'ceil', 'comb', 'copysign', 'cos', 'cosh', 'degrees', 'dist', 'e', 'erf',
  'erfc', 'exp', 'exp2', 'expm1', 'fabs', 'factorial', 'floor', 'fmod', 'frexp', 'fsum', 'gamma', 'gcd', 'hypot', 'inf', 'isclose',
  'isfinite', 'isinf', 'isnan', 'isqrt', 'lcm', 'ldexp', 'lgamma', 'log', 'log10', 'log1p', 'log2', 'modf', 'nan', 'nextafter', 'perm',
  'pi', 'pow', 'prod', 'radians', 'remainder', 'sin', 'sinh', 'sqrt', 'tan', 'tanh', 'tau', 'trunc', 'ulp',
];

function oneArgument(name: string, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  if (kwargs?.size) raise(TypeError, `math.${name}() takes no keyword arguments`);
  if (args.length !== 1) raise(TypeError, `math.${name}() takes exactly one argument (${args.length} given)`);
  return args[0];
}

function twoArguments(name: string, args: readonly PyValue[], kwargs: Kwargs): [PyValue, PyValue] {
  if (kwargs?.size) raise(TypeError, `${name}() takes no keyword arguments`);
  if (args.length !== 2) raise(TypeError, `${name} expected 2 arguments, got ${args.length}`);
  return [args[0], args[1]];
}

/** Calls a float64 function; a stand-in that is not available yet is refused, not crashed on. */
function libm<T extends unknown[]>(name: string, fn: (...args: T) => number, ...args: T): number {
  try {
    return fn(...args);
  } catch (error) {
    if (error instanceof ActivationError) throw new Refusal(`math.${name} is not available yet in Activation Lens`);
    throw error;
  }
}

/**
 * CPython's math_1: x → f(x) with its error rules. `overflows`: an infinite result of a finite input is an
 * OverflowError (exp, cosh, …) rather than a domain error (a pole: log(0)).
 */
function math1(name: string, fn: (x: number) => number, overflows: boolean): PyBuiltin {
  return new PyBuiltin(name, (_rt, args, kwargs) => {
    const x = toFloatArgument(oneArgument(name, args, kwargs));
    const r = libm(name, fn, x);
    if (Number.isNaN(r) && !Number.isNaN(x)) raise(ValueError, DOMAIN);
    if (!Number.isFinite(r) && !Number.isNaN(r) && Number.isFinite(x)) raise(overflows ? OverflowError : ValueError, overflows ? RANGE : DOMAIN);
    return r;
  }, 'math');
}

/** CPython's loghelper: a log of an int too large for a float still has a value. */
function logOf(name: string, fn: (x: number) => number, value: PyValue): number {
  if (typeof value === 'bigint' || typeof value === 'boolean') {
    const x = asInt(value);
    if (x <= 0n) raise(ValueError, DOMAIN);
    const asFloat = Number(x);
    if (Number.isFinite(asFloat)) return checkedLog(name, fn, asFloat);
    // x = m · 2^e with m in [0.5, 1): log(x) = log(m) + log(2) · e.
    const e = bitLength(x);
    const mantissa = Number(x >> BigInt(e - 64)) / 2 ** 64;
    return libm(name, fn, mantissa) + libm(name, fn, 2.0) * e;
  }
  return checkedLog(name, fn, toFloatArgument(value));
}

function checkedLog(name: string, fn: (x: number) => number, x: number): number {
  if (Number.isNaN(x)) return x;
  if (x <= 0 && Number.isFinite(x)) raise(ValueError, DOMAIN);
  if (x === -Infinity) raise(ValueError, DOMAIN);
  return libm(name, fn, x);
}

function roundingToInt(name: 'floor' | 'ceil' | 'trunc', round: (x: number) => number): PyBuiltin {
  return new PyBuiltin(name, (_rt, args, kwargs) => {
    const value = oneArgument(name, args, kwargs);
    if (typeof value === 'bigint' || typeof value === 'boolean') return asInt(value);
    if (name === 'trunc' && typeof value !== 'number' && !(value instanceof PyObject && value.toFloat)) raise(TypeError, `type ${typeName(value)} doesn't define __trunc__ method`);
    if (value instanceof PyObject && value.toIndex && !value.toFloat) return value.toIndex();
    return floatToInt(round(toFloatArgument(value)));
  }, 'math');
}

function mathPow(x: number, y: number): number {
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    if (Number.isNaN(x)) return y === 0 ? 1.0 : x;
    if (Number.isNaN(y)) return x === 1.0 ? 1.0 : y;
    if (!Number.isFinite(x)) {
      const oddY = Number.isFinite(y) && Math.abs(y) % 2 === 1;
      if (y > 0) return oddY ? x : Math.abs(x);
      if (y === 0) return 1.0;
      return oddY ? (x < 0 ? -0 : 0) : 0;
    }
    if (Math.abs(x) === 1.0) return 1.0;
    if (y > 0 && Math.abs(x) > 1.0) return y;
    if (y < 0 && Math.abs(x) < 1.0) return -y;
    return 0.0;
  }
  const r = libm('pow', float64.pow, x, y);
  if (Number.isNaN(r)) raise(ValueError, DOMAIN);
  if (!Number.isFinite(r)) raise(x === 0 ? ValueError : OverflowError, x === 0 ? DOMAIN : RANGE);
  return r;
}

/** frexp: x = m · 2^e with 0.5 ≤ |m| < 1, exactly. */
function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let e = Math.max(-1073, Math.floor(Math.log2(Math.abs(x))) + 1);
  let m = x * 2 ** -e;
  // Math.log2 can be off by one near powers of two; settle m into [0.5, 1).
  while (Math.abs(m) < 0.5) {
    m *= 2;
    e--;
  }
  while (Math.abs(m) >= 1) {
    m /= 2;
    e++;
  }
  return [m, e];
}

/** ldexp: x · 2^i, exactly, rounding once where the result is subnormal. */
function ldexp(x: number, i: bigint): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  if (i > 2100n) raise(OverflowError, RANGE);
  if (i < -2200n) return x < 0 ? -0 : 0;
  let n = Number(i);
  let result = x;
  // Scale in steps that stay exact until the last.
  while (n > 1000) {
    result *= 2 ** 1000;
    n -= 1000;
  }
  while (n < -1000) {
    result *= 2 ** -1000;
    n += 1000;
  }
  result *= 2 ** n;
  if (!Number.isFinite(result)) raise(OverflowError, RANGE);
  return result;
}

const scratch = new DataView(new ArrayBuffer(8));
function nextAfter(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === y) return y;
  if (x === 0) return y > 0 ? 5e-324 : -5e-324;
  scratch.setFloat64(0, x);
  let bits = scratch.getBigUint64(0);
  bits += y > x === x > 0 ? 1n : -1n;
  scratch.setBigUint64(0, bits);
  return scratch.getFloat64(0);
}

/** fsum: the exactly rounded sum (Shewchuk's partials, as CPython's math_fsum). */
function fsum(values: readonly number[]): number {
  const partials: number[] = [];
  let special = 0;
  let infSum = 0;
  for (const value of values) {
    let x = value;
    if (!Number.isFinite(x)) {
      if (Number.isNaN(x)) special = NaN;
      else infSum += x;
      continue;
    }
    let i = 0;
    for (const p of partials) {
      let y = p;
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
    if (!Number.isFinite(x)) raise(OverflowError, 'intermediate overflow in fsum');
  }
  if (Number.isNaN(special) || Number.isNaN(infSum)) {
    if (Number.isNaN(infSum)) raise(ValueError, '-inf + inf in fsum');
    return NaN;
  }
  if (infSum !== 0) return infSum;
  let n = partials.length;
  let hi = 0;
  if (n > 0) {
    hi = partials[--n];
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = partials[--n];
      hi = x + y;
      const yr = hi - x;
      lo = y - yr;
      if (lo !== 0) break;
    }
    // Round half-even across the partials, as CPython does.
    if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
  }
  return hi;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y) [x, y] = [y, x % y];
  return x;
}

function isqrt(n: bigint): bigint {
  if (n < 0n) raise(ValueError, 'isqrt() argument must be nonnegative');
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}

function intArgument(value: PyValue): bigint {
  return toIndex(value);
}

const FACTORIAL_LIMIT = 20_000n;

export function createMathModule(): PyModule {
  const defined = new Map<string, PyValue>();
  const fn = (name: string, implementation: (rt: Runtime, args: readonly PyValue[], kwargs: Kwargs) => PyValue): void => {
    defined.set(name, new PyBuiltin(name, implementation, 'math'));
  };
  const unary = (name: string, f: (x: number) => number, overflows: boolean): void => {
    defined.set(name, math1(name, f, overflows));
  };
  unary('exp', float64.exp, true);
  unary('expm1', float64.expm1, true);
  unary('sqrt', float64.sqrt, false);
  unary('tanh', float64.tanh, false);
  unary('sinh', float64.sinh, true);
  unary('cosh', float64.cosh, true);
  unary('atan', float64.atan, false);
  unary('sin', float64.sin, false);
  unary('cos', float64.cos, false);
  unary('tan', float64.tan, false);
  unary('erf', float64.erf, false);
  unary('erfc', float64.erfc, false);
  unary('fabs', Math.abs, false);
  fn('log', (_rt, args, kwargs) => {
    if (kwargs?.size) raise(TypeError, 'math.log() takes no keyword arguments');
    if (args.length < 1 || args.length > 2) raise(TypeError, 'math.log requires 1 to 2 arguments');
    const numerator = logOf('log', float64.log, args[0]);
    if (args.length === 1) return numerator;
    const denominator = logOf('log', float64.log, args[1]);
    if (denominator === 0) raise(ZeroDivisionError, 'float division by zero');
    return numerator / denominator;
  });
  fn('log2', (_rt, args, kwargs) => logOf('log2', float64.log2, oneArgument('log2', args, kwargs)));
  fn('log10', (_rt, args, kwargs) => logOf('log10', float64.log10, oneArgument('log10', args, kwargs)));
  fn('log1p', (_rt, args, kwargs) => {
    const x = toFloatArgument(oneArgument('log1p', args, kwargs));
    if (x <= -1 && Number.isFinite(x)) raise(ValueError, DOMAIN);
    if (x === -Infinity) raise(ValueError, DOMAIN);
    return libm('log1p', float64.log1p, x);
  });
  fn('pow', (_rt, args, kwargs) => {
    const [x, y] = twoArguments('pow', args, kwargs);
    return mathPow(toFloatArgument(x), toFloatArgument(y));
  });
  defined.set('floor', roundingToInt('floor', Math.floor));
  defined.set('ceil', roundingToInt('ceil', Math.ceil));
  defined.set('trunc', roundingToInt('trunc', Math.trunc));
  fn('isfinite', (_rt, args, kwargs) => Number.isFinite(toFloatArgument(oneArgument('isfinite', args, kwargs))));
  fn('isnan', (_rt, args, kwargs) => Number.isNaN(toFloatArgument(oneArgument('isnan', args, kwargs))));
  fn('isinf', (_rt, args, kwargs) => {
    const x = toFloatArgument(oneArgument('isinf', args, kwargs));
    return !Number.isFinite(x) && !Number.isNaN(x);
  });
  fn('copysign', (_rt, args, kwargs) => {
    const [x, y] = twoArguments('copysign', args, kwargs).map(toFloatArgument);
    const negative = y < 0 || Object.is(y, -0) || (Number.isNaN(y) && signBitOfNaN(y));
    return negative ? -Math.abs(x) : Math.abs(x);
  });
  fn('fmod', (_rt, args, kwargs) => {
    const [x, y] = twoArguments('fmod', args, kwargs).map(toFloatArgument);
    if (!Number.isFinite(y) && Number.isFinite(x) && !Number.isNaN(y)) return x;
    if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
    if (y === 0 || !Number.isFinite(x)) raise(ValueError, DOMAIN);
    return x % y;
  });
  fn('remainder', (_rt, args, kwargs) => {
    const [x, y] = twoArguments('remainder', args, kwargs).map(toFloatArgument);
    if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
    if (!Number.isFinite(x) || y === 0) raise(ValueError, DOMAIN);
    if (!Number.isFinite(y)) return x;
    // IEEE remainder: x − n·y with n the nearest integer to x/y, ties to even (exact, as CPython's m_remainder).
    const absx = Math.abs(x);
    const absy = Math.abs(y);
    const m = absx % absy;
    const c = absy - m;
    let r: number;
    if (m < c) r = m;
    else if (m > c) r = -c;
    else r = m - 2.0 * ((0.5 * (absx - m)) % absy);
    return x < 0 ? -r : r;
  });
  fn('degrees', (_rt, args, kwargs) => toFloatArgument(oneArgument('degrees', args, kwargs)) * (180.0 / Math.PI));
  fn('radians', (_rt, args, kwargs) => toFloatArgument(oneArgument('radians', args, kwargs)) * (Math.PI / 180.0));
  fn('frexp', (_rt, args, kwargs) => {
    const [m, e] = frexp(toFloatArgument(oneArgument('frexp', args, kwargs)));
    return new PyTuple([m, BigInt(e)]);
  });
  fn('ldexp', (_rt, args, kwargs) => {
    const [x, i] = twoArguments('ldexp', args, kwargs);
    if (typeof i === 'number') raise(TypeError, 'Expected an int as second argument to ldexp.');
    return ldexp(toFloatArgument(x), intArgument(i));
  });
  fn('modf', (_rt, args, kwargs) => {
    const x = toFloatArgument(oneArgument('modf', args, kwargs));
    if (!Number.isFinite(x)) return new PyTuple([Number.isNaN(x) ? x : x < 0 ? -0 : 0, x]);
    const whole = Math.trunc(x);
    const fraction = x - whole;
    return new PyTuple([fraction === 0 ? (x < 0 || Object.is(x, -0) ? -0 : 0) : fraction, whole === 0 && (x < 0 || Object.is(x, -0)) ? -0 : whole]);
  });
  fn('nextafter', (_rt, args, kwargs) => {
    const [x, y] = twoArguments('nextafter', args, kwargs).map(toFloatArgument);
    return nextAfter(x, y);
  });
  fn('ulp', (_rt, args, kwargs) => {
    const x = Math.abs(toFloatArgument(oneArgument('ulp', args, kwargs)));
    if (!Number.isFinite(x)) return x;
    const next = nextAfter(x, Infinity);
    if (!Number.isFinite(next)) return x - nextAfter(x, -Infinity);
    return next - x;
  });
  fn('fsum', (_rt, args, kwargs) => {
    const [values] = [oneArgument('fsum', args, kwargs)];
    return fsum(collect(_rt, values).map(toFloatArgument));
  });
  fn('prod', (rt, args, kwargs) => {
    if (args.length !== 1) raise(TypeError, `prod() takes exactly 1 positional argument (${args.length} given)`);
    let total: PyValue = kwargs?.get('start') ?? 1n;
    for (const item of collect(rt, args[0])) total = binary(rt, '*', total, item);
    return total;
  });
  fn('isclose', (_rt, args, kwargs) => {
    const a = args[0] ?? kwargs?.get('a');
    const b = args[1] ?? kwargs?.get('b');
    if (a === undefined) raise(TypeError, "isclose() missing required argument 'a' (pos 1)");
    if (b === undefined) raise(TypeError, "isclose() missing required argument 'b' (pos 2)");
    const x = toFloatArgument(a);
    const y = toFloatArgument(b);
    const relTol = toFloatArgument(kwargs?.get('rel_tol') ?? 1e-9);
    const absTol = toFloatArgument(kwargs?.get('abs_tol') ?? 0.0);
    if (relTol < 0 || absTol < 0) raise(ValueError, 'tolerances must be non-negative');
    if (x === y) return true;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
    const diff = Math.abs(y - x);
    return diff <= Math.abs(relTol * y) || diff <= Math.abs(relTol * x) || diff <= absTol;
  });
  fn('gcd', (_rt, args) => args.map(intArgument).reduce(gcd, 0n));
  fn('lcm', (_rt, args) => args.map(intArgument).reduce((a, b) => (a === 0n || b === 0n ? 0n : ((a * b < 0n ? -(a * b) : a * b) / gcd(a, b))), 1n));
  fn('factorial', (_rt, args, kwargs) => {
    const n = intArgument(oneArgument('factorial', args, kwargs));
    if (n < 0n) raise(ValueError, 'factorial() not defined for negative values');
    if (n > FACTORIAL_LIMIT) throw new Refusal(`factorial(${n}) is larger than Activation Lens computes`, undefined, true);
    let result = 1n;
    for (let k = 2n; k <= n; k++) result *= k;
    return result;
  });
  fn('isqrt', (_rt, args, kwargs) => isqrt(intArgument(oneArgument('isqrt', args, kwargs))));
  fn('comb', (_rt, args, kwargs) => {
    const [nValue, kValue] = twoArguments('comb', args, kwargs);
    const n = intArgument(nValue);
    const k = intArgument(kValue);
    if (n < 0n) raise(ValueError, 'n must be a non-negative integer');
    if (k < 0n) raise(ValueError, 'k must be a non-negative integer');
    if (k > n) return 0n;
    const j = k < n - k ? k : n - k;
    if (j > FACTORIAL_LIMIT) throw new Refusal('this binomial coefficient is larger than Activation Lens computes', undefined, true);
    let result = 1n;
    for (let i = 1n; i <= j; i++) result = (result * (n - j + i)) / i;
    return result;
  });
  fn('perm', (_rt, args) => {
    if (args.length < 1 || args.length > 2) raise(TypeError, `perm expected at most 2 arguments, got ${args.length}`);
    const n = intArgument(args[0]);
    const k = args.length > 1 && args[1] !== null ? intArgument(args[1]) : n;
    if (n < 0n) raise(ValueError, 'n must be a non-negative integer');
    if (k < 0n) raise(ValueError, 'k must be a non-negative integer');
    if (k > n) return 0n;
    if (k > FACTORIAL_LIMIT) throw new Refusal('this permutation count is larger than Activation Lens computes', undefined, true);
    let result = 1n;
    for (let i = 0n; i < k; i++) result *= n - i;
    return result;
  });
  defined.set('pi', Math.PI);
  defined.set('e', Math.E);
  defined.set('tau', 2 * Math.PI);
  defined.set('inf', Infinity);
  defined.set('nan', NaN);

  const module = new PyModule('math', new Set(CPYTHON_MATH_NAMES.filter((name) => !defined.has(name))));
  for (const name of CPYTHON_MATH_NAMES) {
    const value = defined.get(name);
    if (value !== undefined) module.attributes.set(name, value);
  }
  return module;
}

function signBitOfNaN(x: number): boolean {
  scratch.setFloat64(0, x);
  return (scratch.getUint8(0) & 0x80) !== 0;
}

