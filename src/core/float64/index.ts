// Double-precision functions as CPython's `math` module gives them on Linux (glibc), for the Python
// interpreter's `math` and NumPy float64, and activations evaluated in float64 (what Keras returns for a
// float64 input). Pure TypeScript, no Node APIs.
//
// Every function returns glibc 2.36's result bit for bit (x86-64 with FMA, the libm CPython calls; measured
// in docs/numerics.md) except sin, cos, tan and atan, which are correctly rounded: glibc's are IBM's, which
// cannot ship here, and differ from the correctly rounded value in about 0.1% of arguments, by one ulp.
// IEEE semantics throughout: NaN, ±∞ and ±0 in and out, +∞ or 0 on overflow and underflow, NaN outside
// the domain. CPython's OverflowError and ValueError are the interpreter's to raise.
// evaluateFloat64 is not CPython's: it is the exact activation rounded to double (activations.ts).

export { atan } from './atan';
export { erf, erfc } from './erf';
export { exp } from './exp';
export { cosh, expm1, sinh, tanh } from './expm1';
export { log, log2, log10 } from './log';
export { log1p } from './log1p';
export { acosh, asinh, atanh } from './inverseHyperbolic';
export { cos, sin, tan } from './trig';
/** √x: IEEE's correctly rounded square root, as glibc's (one sqrtsd). */
export const sqrt = Math.sqrt;
export { pow } from './pow';

export { evaluateFloat64, type EvaluateFloat64Options } from './activations';
