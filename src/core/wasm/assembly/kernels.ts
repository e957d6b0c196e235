// WebAssembly SIMD kernels of the elementwise activations and of softmax / log_softmax rows
// (AssemblyScript, compiled by scripts/build-wasm.mjs; the JS side is ../index.ts).
//
// Memory: the caller writes up to CHUNK float32 inputs at IN (and glu's second half at IN2), each kernel
// writes its float32 results at OUT and the indices of the lanes it could not certify at FLAGGED, and
// returns how many there are. Counts are rounded up to whole steps of 8 lanes (two vectors, which lets
// the CPU overlap two dependency chains: 25% faster than one): the caller ignores lanes past its count.
//
// Exactness: every result is evaluated in double (two lanes of f64x2) with a form that neither cancels nor
// overflows, as the JS kernels do; where that involves exp, expm1, log1p or tanh, they come from the
// table and polynomials below, whose relative error stays below 2^-36 (see TOLERANCE_BITS) with the double roundings. A
// double d that far from the exact value rounds to the same float32 unless the exact value is within
// that distance of a float32 midpoint, which shows in d's 29 low mantissa bits: a lane whose bits lie
// within the tolerance of the midpoint pattern, or whose result is outside float32's normal range (NaN, ±∞,
// zero, subnormal), or whose input is, is flagged, and the caller computes it with the exact scalar (JS)
// kernel. Elsewhere the float32 result is the correctly rounded one. Kernels built only from +, −, ×, ÷
// and √ repeat the JS kernels' operations in the same order, so they give the same bits and flag nothing.

import {
  EXPM1_10_0, EXPM1_10_1, EXPM1_10_2, EXPM1_10_3, EXPM1_10_4, EXPM1_10_5, EXPM1_10_6, EXPM1_10_7, EXPM1_10_8, EXPM1_10_9, EXPM1_10_10,
} from './polynomials';
import {
  ERFCX_0, ERFCX_1, ERFCX_2, ERFCX_3, ERFCX_4, ERFCX_5, ERFCX_6, ERFCX_7, ERFCX_8, ERFCX_9, ERFCX_10, ERFCX_11, ERFCX_12,
  ERFCX_13, ERFCX_14, ERFCX_15, ERFCX_16,
} from './polynomials';
// Written by scripts/build-wasm.mjs while it compiles (not a file on disk): exact integer arithmetic there.
import { EXP_N, EXP_SHIFT_BITS, EXP2_TABLE_AT, EXP_C, EXP_U1, EXP_U2, EXP_U3, EXP_U4 } from './exp-constants';

export const CHUNK: i32 = 4096;
export const IN: usize = 65536;
export const IN2: usize = IN + (<usize>CHUNK << 2);
export const OUT: usize = IN2 + (<usize>CHUNK << 2);
export const FLAGGED: usize = OUT + (<usize>CHUNK << 2);
/**
 * Softmax rows of any length: the row being computed at ROW (float32, padded), its double terms after it, and
 * after those the block of rows the caller hands over (rowsAt).
 */
export const ROW: usize = FLAGGED + (<usize>CHUNK << 2);

// ---- lanes ----------------------------------------------------------------------------------------------

@inline function f64s(x: f64): v128 {
  return f64x2.splat(x);
}
/**
 * The 64-bit constant stored at `at`, in both lanes. V8 (Node 20) builds a v128.const from immediates in
 * three instructions, through a general register, on every loop iteration; one load-and-splat from memory
 * (movddup) made sigmoid 10–13% faster. The hot loops' constants live in memory for that reason.
 */
@inline function splat64(at: usize): v128 {
  return v128.load64_splat(at);
}
@inline function splat32(at: usize): v128 {
  return v128.load32_splat(at);
}
@inline function low(x: v128): v128 {
  return f64x2.promote_low_f32x4(x);
}
@inline function high(x: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 2, 3));
}
/** Two f64x2 rounded to float32 and packed into one f32x4. */
@inline function pack(a: v128, b: v128): v128 {
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(a), f32x4.demote_f64x2_zero(b), 0, 1, 4, 5);
}
@inline function select(whenTrue: v128, whenFalse: v128, mask: v128): v128 {
  return v128.bitselect(whenTrue, whenFalse, mask);
}

/** Records lanes i..i+7 whose bit is set; returns the new count. */
@inline function flag(i: i32, count: i32, bits: i32): i32 {
  if (bits != 0) {
    for (let k = 0; k < 8; k++) {
      if ((bits >> k) & 1) {
        store<i32>(FLAGGED + (<usize>count << 2), i + k);
        count++;
      }
    }
  }
  return count;
}

// ---- the rounding test ------------------------------------------------------------------------------------

const LOW_BITS: i32 = (1 << 29) - 1;
const MIDPOINT: i32 = 1 << 28;
/**
 * A relative error ε of d is at most ε·2^53 units of d's last bit (TOLERANCE_BITS = log2 of that). The elementwise kernels' error stays
 * below 2^-36 (the loosest: mish 2^-37.5 and softplus / log_sigmoid 2^-37.7, from exp's 2^-38.5 and log1p's series' 2^-39; see
 * docs/numerics.md), so 2^-35 leaves a factor two of margin and flags about 2^-10 of the lanes. Rows, whose every entry must pass
 * for the row to be kept, use a finer exp (2^-49.2, rowTerm) and a tolerance from the row's length (rowToleranceBits).
 */
const TOLERANCE_BITS: i32 = 53 - 35;
const FLOAT32_MAGNITUDE: i32 = 0x7fffffff;
const FLOAT32_MIN_NORMAL_BITS: i32 = 0x00800000;
const LOW_BITS_AT = memory.data<i32>([LOW_BITS]);
const TOLERANCE_OFFSET_AT = memory.data<i32>([(1 << TOLERANCE_BITS) - MIDPOINT]);
const TOLERANCE_HIGH_AT = memory.data<i32>([~((2 << TOLERANCE_BITS) - 1)]);
const FLOAT32_MAGNITUDE_AT = memory.data<i32>([FLOAT32_MAGNITUDE]);
const FLOAT32_MIN_NORMAL_AT = memory.data<i32>([FLOAT32_MIN_NORMAL_BITS]);
const FLOAT32_TWO_MIN_NORMAL_AT = memory.data<i32>([2 * FLOAT32_MIN_NORMAL_BITS + 1]);

/**
 * Lanes of two f64x2 results a, b (an i32x4 mask, in pack's order) within 2^bits units of a float32 midpoint.
 * A double's 29 low mantissa bits lie in its low 32-bit word, so one i32x4 holds four lanes' (half the work
 * of testing 64-bit lanes): |low − MIDPOINT| < 2^bits, tested as (low − MIDPOINT + 2^bits) & ~(2^(bits + 1) − 1)
 * == 0 (unsigned), which needs no abs or compare; `offset` holds 2^bits − MIDPOINT in every lane and `high`
 * ~(2^(bits + 1) − 1) (a mask rather than a shift, so that a row's tolerance costs no variable shift).
 */
@inline function nearMidpoint(a: v128, b: v128, offset: v128, high: v128): v128 {
  const words = v128.shuffle<i32>(a, b, 0, 2, 4, 6);
  const shifted = i32x4.add(v128.and(words, splat32(LOW_BITS_AT)), offset);
  return i32x4.eq(v128.and(shifted, high), i32x4.splat(0));
}

/**
 * Lanes of the float32 results f (f32x4) outside the normal range (NaN, ±∞, ±0, subnormal) or at its edge
 * ±2^-126: their magnitude's bits plus one exponent step stay at or below two steps (zero and subnormal
 * exponents, and 2^-126 itself) or wrap negative (255). The edge counts because a double just below 2^-126 lies
 * among float32's subnormals, whose last bit is not where the midpoint test looks, and may round up to it:
 * silu(−2^-125 + 2^-149) = x/2 + x²/4 lies just inside the midpoint between −2^-126 and the subnormal below it,
 * and the module's double, 2^-52 off, rounded to −2^-126 unflagged (found by test/wasm/sweep.ts).
 */
@inline function abnormal(f: v128): v128 {
  const stepped = i32x4.add(v128.and(f, splat32(FLOAT32_MAGNITUDE_AT)), splat32(FLOAT32_MIN_NORMAL_AT));
  return i32x4.lt_s(stepped, splat32(FLOAT32_TWO_MIN_NORMAL_AT));
}

/** The lanes of four results (two f64x2 and their float32 f32x4) that the caller must recompute, as a 4-bit mask. */
@inline function uncertainLanes(a: v128, b: v128, f: v128): i32 {
  return i32x4.bitmask(v128.or(nearMidpoint(a, b, splat32(TOLERANCE_OFFSET_AT), splat32(TOLERANCE_HIGH_AT)), abnormal(f)));
}

// ---- exp, expm1, log1p, tanh in f64x2 ------------------------------------------------------------------

const LOG2E: f64 = 1.4426950408889634;
/** ln 2 split so that k·LN2_HI is exact for |k| < 2^11 (fdlibm's split). */
const LN2_HI: f64 = 6.93147180369123816490e-1;
const LN2_LO: f64 = 1.90821492927058770002e-10;
/** 1.5·2^52: adding it rounds to an integer and leaves that integer in the low mantissa bits. */
const SHIFTER: f64 = 6755399441055744.0;
const LOG2E_AT = memory.data<f64>([LOG2E]);
const LN2_HI_AT = memory.data<f64>([LN2_HI]);
const LN2_LO_AT = memory.data<f64>([LN2_LO]);
const SHIFTER_AT = memory.data<f64>([SHIFTER]);
const EXP_MAX_AT = memory.data<f64>([709.0]);
const EXP_MIN_AT = memory.data<f64>([-708.0]);
const EXPONENT_BIAS_AT = memory.data<i64>([1023]);
const ONE_AT = memory.data<f64>([1.0]);
const TWO_AT = memory.data<f64>([2.0]);
const EXPM1_10_AT = memory.data<f64>([
  EXPM1_10_0, EXPM1_10_1, EXPM1_10_2, EXPM1_10_3, EXPM1_10_4, EXPM1_10_5, EXPM1_10_6, EXPM1_10_7, EXPM1_10_8, EXPM1_10_9, EXPM1_10_10,
]);
/** Coefficient k of a table of doubles at `at`. */
@inline function coefficient(at: usize, k: usize): v128 {
  return splat64(at + (k << 3));
}

/** x clamped to where 2^k stays a normal double. */
@inline function clampExp(x: v128): v128 {
  return f64x2.pmax(f64x2.pmin(x, splat64(EXP_MAX_AT)), splat64(EXP_MIN_AT));
}
/** x·log2(e) + SHIFTER: holds k = round(x/ln 2) in its low bits. */
@inline function expShift(x: v128): v128 {
  return f64x2.add(f64x2.mul(x, splat64(LOG2E_AT)), splat64(SHIFTER_AT));
}
/** 2^k, built in the exponent field. */
@inline function expScale(t: v128): v128 {
  return i64x2.shl(i64x2.add(t, splat64(EXPONENT_BIAS_AT)), 52);
}
/** r = x − k·ln 2, |r| ≤ 0.3466 (k·LN2_HI and the first difference are exact). */
@inline function expReduced(x: v128, t: v128): v128 {
  const k = f64x2.sub(t, splat64(SHIFTER_AT));
  return f64x2.sub(f64x2.sub(x, f64x2.mul(k, splat64(LN2_HI_AT))), f64x2.mul(k, splat64(LN2_LO_AT)));
}
/** e^r − 1 = r·P(r) on |r| ≤ 0.3466, P of degree 10 fitted by test/fixtures/core/generate.py polynomials (relative error below 2^-49.8), where a cancellation follows (tanh_shrink). */
@inline function expm1ReducedFine(r: v128): v128 {
  // Estrin's scheme, as above.
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const r8 = f64x2.mul(r4, r4);
  const p01 = f64x2.add(coefficient(EXPM1_10_AT, 0), f64x2.mul(r, coefficient(EXPM1_10_AT, 1)));
  const p23 = f64x2.add(coefficient(EXPM1_10_AT, 2), f64x2.mul(r, coefficient(EXPM1_10_AT, 3)));
  const p45 = f64x2.add(coefficient(EXPM1_10_AT, 4), f64x2.mul(r, coefficient(EXPM1_10_AT, 5)));
  const p67 = f64x2.add(coefficient(EXPM1_10_AT, 6), f64x2.mul(r, coefficient(EXPM1_10_AT, 7)));
  const p89 = f64x2.add(coefficient(EXPM1_10_AT, 8), f64x2.mul(r, coefficient(EXPM1_10_AT, 9)));
  const p8a = f64x2.add(p89, f64x2.mul(r2, coefficient(EXPM1_10_AT, 10)));
  const p03 = f64x2.add(p01, f64x2.mul(r2, p23));
  const p47 = f64x2.add(p45, f64x2.mul(r2, p67));
  const p07 = f64x2.add(p03, f64x2.mul(r4, p47));
  return f64x2.mul(f64x2.add(p07, f64x2.mul(r8, p8a)), r);
}

// exp and expm1 through a table, in the "u-form": with c = EXP_N/ln 2 (correctly rounded), zc = z·c (rounded),
// k = round(zc) and u = zc − k (exact, |u| ≤ 1/2), e^z = 2^(k/EXP_N)·e^r with r = u·ln 2/EXP_N, |r| ≤ ln 2/256;
// 2^(k/EXP_N) = 2^q·2^(j/EXP_N) (k = EXP_N·q + j) from a table of the 2^(j/EXP_N) correctly rounded, and e^r − 1 =
// Σ c_i·u^i with c_i = (ln 2/EXP_N)^i/i! correctly rounded (the table and the c_i from exact integer arithmetic in
// scripts/build-wasm.mjs). Relative errors of e^z (docs/numerics.md derives them): the reduction 2^-52·|z| (c's and
// zc's roundings move r by that), the table 2^-53, Taylor's remainder r⁴/24·e^|r| < 2^-38.69 at degree 3 (exp) and
// r⁵/120·e^|r| < 2^-49.5 at degree 4 (expm1), the evaluation's roundings about 2^-53: exp within 2^-38.5 for
// |z| ≤ 709. Against the 64-entry table, degree 5 and the two-constant reduction it replaced (2^-51.5, more than
// float32 needs), this saves six of about thirty operations per f64x2.
const EXP_C_AT = memory.data<f64>([EXP_C]);
const EXP_NEG_C_AT = memory.data<f64>([-EXP_C]);
const EXP_U_AT = memory.data<f64>([EXP_U1, EXP_U2, EXP_U3, EXP_U4]);
/** zc's bounds, for z in [−708, 709]: 2^q stays a normal double. */
const ZC_MIN_AT = memory.data<f64>([-708 * EXP_C]);
const ZC_MAX_AT = memory.data<f64>([709 * EXP_C]);

/**
 * 2^(k/EXP_N) = 2^q·2^(j/EXP_N), k = EXP_N·q + j. t = zc + SHIFTER holds k in its low mantissa bits in two's
 * complement, so t << EXP_SHIFT_BITS (52 − log2 EXP_N) is k << EXP_SHIFT_BITS mod 2^64 (the shifter's bits shift
 * out) = (q << 52) + (j << EXP_SHIFT_BITS), and the table holds 2^(j/EXP_N)'s bits less j << EXP_SHIFT_BITS: their
 * sum is 2^(j/EXP_N) with q added to its exponent field. j, the low bits of each lane's low 32-bit word, is
 * masked after extraction, where the scalar units do it.
 */
@inline function tableScale(t: v128): v128 {
  let entry = v128.load64_zero(EXP2_TABLE_AT + (<usize>(i32x4.extract_lane(t, 0) & (EXP_N - 1)) << 3));
  entry = v128.load64_lane(EXP2_TABLE_AT + (<usize>(i32x4.extract_lane(t, 2) & (EXP_N - 1)) << 3), entry, 1);
  return i64x2.add(entry, i64x2.shl(t, EXP_SHIFT_BITS));
}
/** zc clamped to [−708·c, 709·c]. */
@inline function clampScaled(zc: v128): v128 {
  return f64x2.pmax(f64x2.pmin(zc, splat64(ZC_MAX_AT)), splat64(ZC_MIN_AT));
}
/** u = zc − k (exact, |u| ≤ 1/2) from zc and t = zc + SHIFTER. */
@inline function expFraction(zc: v128, t: v128): v128 {
  return f64x2.sub(zc, f64x2.sub(t, splat64(SHIFTER_AT)));
}
/** e^r − 1 ≈ c1·u + c2·u² + c3·u³ (Horner: fewer operations than Estrin's scheme, and the loops are bound by those). */
@inline function expPoly3(u: v128): v128 {
  const inner = f64x2.add(coefficient(EXP_U_AT, 1), f64x2.mul(u, coefficient(EXP_U_AT, 2)));
  return f64x2.mul(u, f64x2.add(coefficient(EXP_U_AT, 0), f64x2.mul(u, inner)));
}
/** e^r − 1 ≈ c1·u + … + c4·u⁴. */
@inline function expPoly4(u: v128): v128 {
  const inner = f64x2.add(coefficient(EXP_U_AT, 2), f64x2.mul(u, coefficient(EXP_U_AT, 3)));
  return f64x2.mul(u, f64x2.add(coefficient(EXP_U_AT, 0), f64x2.mul(u, f64x2.add(coefficient(EXP_U_AT, 1), f64x2.mul(u, inner)))));
}

/** e^z from zc = z·c, for z in [−708, 709] (clamped outside): s·(1 + p(u)), within 2^-38.5. */
@inline function expScaled(scaled: v128): v128 {
  return expInRange(clampScaled(scaled));
}
/** expScaled for zc already in [−708·c, 709·c]. */
@inline function expInRange(zc: v128): v128 {
  const t = f64x2.add(zc, splat64(SHIFTER_AT));
  const s = tableScale(t);
  return f64x2.add(s, f64x2.mul(s, expPoly3(expFraction(zc, t))));
}
@inline function exp(x: v128): v128 {
  return expScaled(f64x2.mul(x, splat64(EXP_C_AT)));
}
/** e^−x, the sign in the constant. */
@inline function expNeg(x: v128): v128 {
  return expScaled(f64x2.mul(x, splat64(EXP_NEG_C_AT)));
}

/**
 * e^x − 1 as (s − 1) + s·p(u), p of degree 4: p alone when k = 0 (s = 1; relative error r⁴/120 < 2^-41);
 * otherwise |x| ≥ ln 2/256, s − 1 is exact (Sterbenz) or within 2^-53, and the absolute errors (the table's 2^-53,
 * the remainder's 2^-49.5, the reduction's 2^-52·|x|, relative to s) grow at most 2^8.6× relative to the result
 * (the reduction's at most (1 + |x|)×): within 2^-40.3.
 */
@inline function expm1(x: v128): v128 {
  const zc = clampScaled(f64x2.mul(x, splat64(EXP_C_AT)));
  const t = f64x2.add(zc, splat64(SHIFTER_AT));
  const s = tableScale(t);
  return f64x2.add(f64x2.sub(s, splat64(ONE_AT)), f64x2.mul(s, expPoly4(expFraction(zc, t))));
}

@inline function expm1Fine(x: v128): v128 {
  const c = clampExp(x);
  const t = expShift(c);
  const s = expScale(t);
  return f64x2.add(f64x2.sub(s, splat64(ONE_AT)), f64x2.mul(s, expm1ReducedFine(expReduced(c, t))));
}

/**
 * log1p(e) for e in [0, 1]: 2·atanh(s), s = e/(2 + e) ≤ 1/3, from its series in w = s² ≤ 1/9 to w^10
 * (remainder below 9^-11/23, 2^-39 relative).
 */
@inline function log1pUnit(e: v128): v128 {
  const s = f64x2.div(e, f64x2.add(e, f64s(2.0)));
  const w = f64x2.mul(s, s);
  let p = f64s(1.0 / 21.0);
  p = f64x2.add(f64x2.mul(p, w), f64s(1.0 / 19.0));
  p = f64x2.add(f64x2.mul(p, w), f64s(1.0 / 17.0));
  p = f64x2.add(f64x2.mul(p, w), f64s(1.0 / 15.0));
  p = f64x2.add(f64x2.mul(p, w), f64s(1.0 / 13.0));
  p = f64x2.add(f64x2.mul(p, w), f64s(1.0 / 11.0));
  p = f64x2.add(f64x2.mul(p, w), f64s(1.0 / 9.0));
  p = f64x2.add(f64x2.mul(p, w), f64s(1.0 / 7.0));
  p = f64x2.add(f64x2.mul(p, w), f64s(1.0 / 5.0));
  p = f64x2.add(f64x2.mul(p, w), f64s(1.0 / 3.0));
  p = f64x2.add(f64x2.mul(p, w), f64s(1.0));
  return f64x2.mul(f64x2.add(s, s), p);
}

const SIGN: i64 = 0x8000000000000000;

@inline function withSignOf(magnitude: v128, x: v128): v128 {
  return v128.or(magnitude, v128.and(x, i64x2.splat(SIGN)));
}

/** tanh(x) = sign(x)·u/(u + 2), u = expm1(2|x|): no cancellation; 1 for large |x| (the clamp keeps u finite). */
@inline function tanhOf(x: v128): v128 {
  const a = f64x2.abs(x);
  const u = expm1(f64x2.add(a, a));
  return withSignOf(f64x2.div(u, f64x2.add(u, splat64(TWO_AT))), x);
}

@inline function tanhFineOf(x: v128): v128 {
  const a = f64x2.abs(x);
  const u = expm1Fine(f64x2.add(a, a));
  return withSignOf(f64x2.div(u, f64x2.add(u, splat64(TWO_AT))), x);
}

@inline function expNegAbs(v: v128): v128 {
  return expNeg(f64x2.abs(v));
}

/**
 * v·σ(z) = v/(1 + e^−z) (silu, glu, gelu_tanh, sigmoid with v = 1): no cancellation, and e^−z overflows
 * (clamped at e^709) only where the float32 result is 0 or subnormal, which the range test flags.
 */
@inline function timesSigmoid(v: v128, z: v128): v128 {
  return f64x2.div(v, f64x2.add(splat64(ONE_AT), expNeg(z)));
}

// ---- the loops ----------------------------------------------------------------------------------------------
// A kernel is a class whose `lanes` maps two lanes (f64x2, or four f32x4 lanes for `exact32`); the loops
// call it on a null instance so that it inlines (AssemblyScript has no static calls on a type parameter).

/** Results through the rounding test; returns the number of flagged lanes. */
@inline function checked<F>(n: i32, p: f64, q: f64): i32 {
  return checkedFrom<F>(n, p, q, false);
}

const INPUT_MIN_AT = memory.data<f32>([-708]);
const INPUT_MAX_AT = memory.data<f32>([708]);

/**
 * `checked`, with the inputs clamped to [−708, 708] in float32 first when `clamp` (sigmoid, exponential: their
 * input feeds exp alone, whose range is then known): two pmin/pmax on four lanes instead of four on two, and
 * those ran on the adders, the loop's busiest units. NaN stays NaN (pmin and pmax return their first operand).
 */
@inline function checkedFrom<F>(n: i32, p: f64, q: f64, clamp: bool): i32 {
  const f = changetype<F>(0);
  let count = 0;
  for (let i = 0; i < n; i += 8) {
    let x = v128.load(IN + (<usize>i << 2));
    let y = v128.load(IN + (<usize>i << 2) + 16);
    if (clamp) {
      x = f32x4.pmax(f32x4.pmin(x, splat32(INPUT_MAX_AT)), splat32(INPUT_MIN_AT));
      y = f32x4.pmax(f32x4.pmin(y, splat32(INPUT_MAX_AT)), splat32(INPUT_MIN_AT));
    }
    const a = f.lanes(low(x), p, q);
    const b = f.lanes(high(x), p, q);
    const c = f.lanes(low(y), p, q);
    const d = f.lanes(high(y), p, q);
    const first = pack(a, b);
    const second = pack(c, d);
    v128.store(OUT + (<usize>i << 2), first);
    v128.store(OUT + (<usize>i << 2) + 16, second);
    count = flag(i, count, uncertainLanes(a, b, first) | (uncertainLanes(c, d, second) << 4));
  }
  return count;
}

/** Results computed as the JS kernel computes them, in double: the same bits, nothing flagged. */
@inline function exact<F>(n: i32, p: f64, q: f64): i32 {
  const f = changetype<F>(0);
  for (let i = 0; i < n; i += 4) {
    const x = v128.load(IN + (<usize>i << 2));
    v128.store(OUT + (<usize>i << 2), pack(f.lanes(low(x), p, q), f.lanes(high(x), p, q)));
  }
  return 0;
}

/** Comparisons and selects only (and products exact in double): four float32 lanes at a time. */
@inline function exact32<F>(n: i32, p: f32, q: f32): i32 {
  const f = changetype<F>(0);
  for (let i = 0; i < n; i += 4) {
    v128.store(OUT + (<usize>i << 2), f.lanes(v128.load(IN + (<usize>i << 2)), p, q));
  }
  return 0;
}

@inline function f32s(x: f32): v128 {
  return f32x4.splat(x);
}
@inline function isNaN32(v: v128): v128 {
  return f32x4.ne(v, v);
}

// ---- elementwise kernels: the same formulas as src/core/kernels/elementwise.ts ---------------------------

@final class Relu {
  @inline lanes(v: v128, p: f32, q: f32): v128 {
    return select(v, f32s(0), v128.or(f32x4.gt(v, f32s(0)), isNaN32(v)));
  }
}
export function relu(n: i32): i32 {
  return exact32<Relu>(n, 0, 0);
}

@final class Relu6 {
  @inline lanes(v: v128, p: f32, q: f32): v128 {
    const capped = select(v, f32s(6), f32x4.lt(v, f32s(6)));
    return select(capped, select(v, f32s(0), isNaN32(v)), f32x4.gt(v, f32s(0)));
  }
}
export function relu6(n: i32): i32 {
  return exact32<Relu6>(n, 0, 0);
}

/** v ≥ 0 ? v : slope·v; the float32 product is the double one rounded once (it is exact in double). */
@final class Leaky {
  @inline lanes(v: v128, slope: f32, q: f32): v128 {
    return select(v, f32x4.mul(v, f32s(slope)), f32x4.ge(v, f32s(0)));
  }
}
export function leaky_relu(n: i32, slope: f32): i32 {
  return exact32<Leaky>(n, slope, 0);
}

@final class HardTanh {
  @inline lanes(v: v128, p: f32, q: f32): v128 {
    return select(f32s(-1), select(f32s(1), v, f32x4.gt(v, f32s(1))), f32x4.lt(v, f32s(-1)));
  }
}
export function hard_tanh(n: i32): i32 {
  return exact32<HardTanh>(n, 0, 0);
}

/** |v| > t ? v : 0 (NaN gives 0). */
@final class HardShrink {
  @inline lanes(v: v128, t: f32, q: f32): v128 {
    return select(v, f32s(0), f32x4.gt(f32x4.abs(v), f32s(t)));
  }
}
export function hard_shrink(n: i32, t: f32): i32 {
  return exact32<HardShrink>(n, t, 0);
}

/** v > t ? v : fill (NaN takes fill). */
@final class Threshold {
  @inline lanes(v: v128, t: f32, fill: f32): v128 {
    return select(v, f32s(fill), f32x4.gt(v, f32s(t)));
  }
}
export function threshold(n: i32, t: f32, fill: f32): i32 {
  return exact32<Threshold>(n, t, fill);
}

/** v > t ? v − t : v < −t ? v + t : 0, the sums in double as in JS. */
@final class SoftShrink {
  @inline lanes(v: v128, t: f64, q: f64): v128 {
    const inner = select(f64x2.add(v, f64s(t)), f64s(0), f64x2.lt(v, f64s(-t)));
    return select(f64x2.sub(v, f64s(t)), inner, f64x2.gt(v, f64s(t)));
  }
}
export function soft_shrink(n: i32, t: f64): i32 {
  return exact<SoftShrink>(n, t, 0);
}

/** v ≤ −edge ? 0 : v ≥ edge ? 1 : (v + edge)/width. */
@final class HardSigmoid {
  @inline lanes(v: v128, edge: f64, width: f64): v128 {
    const middle = f64x2.div(f64x2.add(v, f64s(edge)), f64s(width));
    return select(f64s(0), select(f64s(1), middle, f64x2.ge(v, f64s(edge))), f64x2.le(v, f64s(-edge)));
  }
}
export function hard_sigmoid(n: i32, edge: f64, width: f64): i32 {
  return exact<HardSigmoid>(n, edge, width);
}

@final class SparseSigmoid {
  @inline lanes(v: v128, p: f64, q: f64): v128 {
    const middle = f64x2.mul(f64x2.add(v, f64s(1)), f64s(0.5));
    return select(f64s(0), select(f64s(1), middle, f64x2.ge(v, f64s(1))), f64x2.le(v, f64s(-1)));
  }
}
export function sparse_sigmoid(n: i32): i32 {
  return exact<SparseSigmoid>(n, 0, 0);
}

@final class SparsePlus {
  @inline lanes(v: v128, p: f64, q: f64): v128 {
    const u = f64x2.add(v, f64s(1));
    const middle = f64x2.mul(f64x2.mul(u, u), f64s(0.25));
    return select(f64s(0), select(v, middle, f64x2.ge(v, f64s(1))), f64x2.le(v, f64s(-1)));
  }
}
export function sparse_plus(n: i32): i32 {
  return exact<SparsePlus>(n, 0, 0);
}

const FLOAT32_MAX: f64 = 3.4028234663852886e38;

/** ±1 at ±∞, v/(1 + |v|) elsewhere. */
@final class Softsign {
  @inline lanes(v: v128, p: f64, q: f64): v128 {
    const a = f64x2.abs(v);
    return select(withSignOf(f64s(1), v), f64x2.div(v, f64x2.add(f64s(1), a)), f64x2.gt(a, f64s(FLOAT32_MAX)));
  }
}
export function softsign(n: i32): i32 {
  return exact<Softsign>(n, 0, 0);
}

/** (v + √(v² + b))/2 from 0 up, b/(2(√(v² + b) − v)) below. */
@final class Squareplus {
  @inline lanes(v: v128, b: f64, q: f64): v128 {
    const root = f64x2.sqrt(f64x2.add(f64x2.mul(v, v), f64s(b)));
    const above = f64x2.mul(f64x2.add(v, root), f64s(0.5));
    const below = f64x2.div(f64s(b), f64x2.mul(f64s(2), f64x2.sub(root, v)));
    return select(above, below, f64x2.ge(v, f64s(0)));
  }
}
export function squareplus(n: i32, b: f64): i32 {
  return exact<Squareplus>(n, b, 0);
}

const TINY: f64 = 7.888609052210118e-31; // 2^-100, as in constants.ts
const HALF_ABOVE: f64 = 0.5 + 2.220446049250313e-16;
const HALF_BELOW: f64 = 0.5 - 2.220446049250313e-16;

/** v ≤ −3 ? 0 : v ≥ 3 ? v : |v| < 2^-100 ? v/2 nudged toward the x² term : v(v + 3)/6. */
@final class HardSilu {
  @inline lanes(v: v128, p: f64, q: f64): v128 {
    const tiny = f64x2.mul(v, select(f64s(HALF_ABOVE), f64s(HALF_BELOW), f64x2.gt(v, f64s(0))));
    const middle = select(tiny, f64x2.div(f64x2.mul(v, f64x2.add(v, f64s(3))), f64s(6)), f64x2.lt(f64x2.abs(v), f64s(TINY)));
    return select(f64s(0), select(v, middle, f64x2.ge(v, f64s(3))), f64x2.le(v, f64s(-3)));
  }
}
export function hard_silu(n: i32): i32 {
  return exact<HardSilu>(n, 0, 0);
}

// With exp and its kin: through the rounding test. Every special input (NaN, ±∞, ±0, the tiny-input
// branches of the JS kernels) gives a result outside the certified range or is flagged with it, so the JS
// kernel decides those.

/** 1/(1 + e^−v), v clamped to [−708, 708] by the loop: σ is 1 or below 2^-1000 there already. */
@final class Sigmoid {
  @inline lanes(v: v128, p: f64, q: f64): v128 {
    return f64x2.div(splat64(ONE_AT), f64x2.add(splat64(ONE_AT), expInRange(f64x2.mul(v, splat64(EXP_NEG_C_AT)))));
  }
}
export function sigmoid(n: i32): i32 {
  return checkedFrom<Sigmoid>(n, 0, 0, true);
}

@final class Silu {
  @inline lanes(v: v128, p: f64, q: f64): v128 {
    return timesSigmoid(v, v);
  }
}
export function silu(n: i32): i32 {
  return checked<Silu>(n, 0, 0);
}

const SQRT1_2: f64 = 0.7071067811865476;

/** erfcx(t) for t in [0, 10] (clamped above) from its fit in u = (t − 4)/(t + 4): relative error 2^-43.5. */
@inline function erfcxOf(t: v128): v128 {
  const c = f64x2.pmin(t, f64s(10.0));
  const u = f64x2.div(f64x2.sub(c, f64s(4.0)), f64x2.add(c, f64s(4.0)));
  let p = f64s(ERFCX_16);
  p = f64x2.add(f64x2.mul(p, u), f64s(ERFCX_15));
  p = f64x2.add(f64x2.mul(p, u), f64s(ERFCX_14));
  p = f64x2.add(f64x2.mul(p, u), f64s(ERFCX_13));
  p = f64x2.add(f64x2.mul(p, u), f64s(ERFCX_12));
  p = f64x2.add(f64x2.mul(p, u), f64s(ERFCX_11));
  p = f64x2.add(f64x2.mul(p, u), f64s(ERFCX_10));
  p = f64x2.add(f64x2.mul(p, u), f64s(ERFCX_9));
  p = f64x2.add(f64x2.mul(p, u), f64s(ERFCX_8));
  p = f64x2.add(f64x2.mul(p, u), f64s(ERFCX_7));
  p = f64x2.add(f64x2.mul(p, u), f64s(ERFCX_6));
  p = f64x2.add(f64x2.mul(p, u), f64s(ERFCX_5));
  p = f64x2.add(f64x2.mul(p, u), f64s(ERFCX_4));
  p = f64x2.add(f64x2.mul(p, u), f64s(ERFCX_3));
  p = f64x2.add(f64x2.mul(p, u), f64s(ERFCX_2));
  p = f64x2.add(f64x2.mul(p, u), f64s(ERFCX_1));
  return f64x2.add(f64x2.mul(p, u), f64s(ERFCX_0));
}

/**
 * x·Φ(x) as the JS kernel computes it: the tail a·Φ(−a) = ½a·erfcx(a/√2)·e^(−a²/2) (a = |x|, a²/2 exact, the
 * table's exp), −tail below 0 and x − tail above; x itself from 6 up. Beyond a/√2 = 10 the value is 0 or
 * subnormal in float32, which the range test sends to JS.
 */
@final class Gelu {
  @inline lanes(v: v128, p: f64, q: f64): v128 {
    const a = f64x2.abs(v);
    const gauss = exp(f64x2.mul(f64x2.mul(f64s(-0.5), v), v));
    const tail = f64x2.mul(f64x2.mul(f64x2.mul(f64s(0.5), a), erfcxOf(f64x2.mul(a, f64s(SQRT1_2)))), gauss);
    const below6 = select(f64x2.sub(v, tail), f64x2.neg(tail), f64x2.ge(v, f64s(0)));
    return select(v, below6, f64x2.ge(v, f64s(6)));
  }
}
export function gelu(n: i32): i32 {
  return checked<Gelu>(n, 0, 0);
}

const GELU_TANH_SCALE: f64 = 0.7978845608028654;
const GELU_TANH_CUBIC: f64 = 0.044715;

/** x·σ(2u), u = √(2/π)(x + 0.044715x³), z = 2u evaluated as the JS kernel does. */
@final class GeluTanh {
  @inline lanes(v: v128, p: f64, q: f64): v128 {
    const cube = f64x2.mul(f64x2.mul(f64x2.mul(f64s(GELU_TANH_CUBIC), v), v), v);
    const z = f64x2.mul(f64s(2 * GELU_TANH_SCALE), f64x2.add(v, cube));
    return timesSigmoid(v, z);
  }
}
export function gelu_tanh(n: i32): i32 {
  return checked<GeluTanh>(n, 0, 0);
}

/** e^v, v clamped to [−708, 708] by the loop: beyond, float32's e^v is 0 or ∞ anyway (flagged as abnormal). */
@final class Exponential {
  @inline lanes(v: v128, p: f64, q: f64): v128 {
    return expInRange(f64x2.mul(v, splat64(EXP_C_AT)));
  }
}
export function exponential(n: i32): i32 {
  return checkedFrom<Exponential>(n, 0, 0, true);
}

/**
 * v > 0 ? v : α·expm1(v·scale): elu (α, 1) and celu (α, 1/α). The product by 1/α is within 2^-53 of
 * celu's quotient v/α, an argument error the rounding test's margin covers, and spares a division.
 */
@final class ExpLinear {
  @inline lanes(v: v128, alpha: f64, scale: f64): v128 {
    const negative = f64x2.mul(f64s(alpha), expm1(f64x2.mul(v, f64s(scale))));
    return select(v, negative, f64x2.gt(v, f64s(0)));
  }
}
export function elu(n: i32, alpha: f64, scale: f64): i32 {
  return checked<ExpLinear>(n, alpha, scale);
}

const SELU_SCALE: f64 = 1.0507009873554804934193349852946;
const SELU_SCALE_ALPHA: f64 = 1.7580993408473768599402175208123;

@final class Selu {
  @inline lanes(v: v128, p: f64, q: f64): v128 {
    return select(f64x2.mul(f64s(SELU_SCALE), v), f64x2.mul(f64s(SELU_SCALE_ALPHA), expm1(v)), f64x2.gt(v, f64s(0)));
  }
}
export function selu(n: i32): i32 {
  return checked<Selu>(n, 0, 0);
}

/** max(v, 0) + log1p(e^−|v|). */
@final class Softplus {
  @inline lanes(v: v128, p: f64, q: f64): v128 {
    return f64x2.add(f64x2.pmax(v, f64s(0)), log1pUnit(expNegAbs(v)));
  }
}
export function softplus(n: i32): i32 {
  return checked<Softplus>(n, 0, 0);
}

/** min(v, 0) − log1p(e^−|v|). */
@final class LogSigmoid {
  @inline lanes(v: v128, p: f64, q: f64): v128 {
    return f64x2.sub(f64x2.pmin(v, f64s(0)), log1pUnit(expNegAbs(v)));
  }
}
export function log_sigmoid(n: i32): i32 {
  return checked<LogSigmoid>(n, 0, 0);
}

@final class Tanh {
  @inline lanes(v: v128, p: f64, q: f64): v128 {
    return tanhOf(v);
  }
}
export function tanh(n: i32): i32 {
  return checked<Tanh>(n, 0, 0);
}

/** The cutoff and series of constants.ts (x³/3 − 2x⁵/15 + …). */
const TANH_SHRINK_SERIES_CUTOFF: f64 = 0.125;

/** The series below 0.125 (as in JS), v − tanh(v) with the fine polynomial above (it cancels up to 2^7.6). */
@final class TanhShrink {
  @inline lanes(v: v128, p: f64, q: f64): v128 {
    const s = f64x2.mul(v, v);
    let c = f64s((-6404582.0 / 10854718875.0));
    c = f64x2.add(f64s((929569.0 / 638512875.0)), f64x2.mul(s, c));
    c = f64x2.add(f64s((-21844.0 / 6081075.0)), f64x2.mul(s, c));
    c = f64x2.add(f64s((1382.0 / 155925.0)), f64x2.mul(s, c));
    c = f64x2.add(f64s((-62.0 / 2835.0)), f64x2.mul(s, c));
    c = f64x2.add(f64s((17.0 / 315.0)), f64x2.mul(s, c));
    c = f64x2.add(f64s((-2.0 / 15.0)), f64x2.mul(s, c));
    c = f64x2.add(f64s((1.0 / 3.0)), f64x2.mul(s, c));
    const series = f64x2.mul(f64x2.mul(v, s), c);
    return select(series, f64x2.sub(v, tanhFineOf(v)), f64x2.lt(f64x2.abs(v), f64s(TANH_SHRINK_SERIES_CUTOFF)));
  }
}
export function tanh_shrink(n: i32): i32 {
  return checked<TanhShrink>(n, 0, 0);
}

/** v·m/(m + 2), m = w(w + 2), w = eᵛ; v above 20 (m would be 1 in double). */
@final class Mish {
  @inline lanes(v: v128, p: f64, q: f64): v128 {
    const w = exp(v);
    const m = f64x2.mul(w, f64x2.add(w, f64s(2)));
    return select(v, f64x2.div(f64x2.mul(v, m), f64x2.add(m, f64s(2))), f64x2.gt(v, f64s(20)));
  }
}
export function mish(n: i32): i32 {
  return checked<Mish>(n, 0, 0);
}

/** glu: a·σ(b), a at IN and b at IN2. */
export function glu(n: i32): i32 {
  let count = 0;
  for (let i = 0; i < n; i += 8) {
    const a = v128.load(IN + (<usize>i << 2));
    const b = v128.load(IN2 + (<usize>i << 2));
    const c = v128.load(IN + (<usize>i << 2) + 16);
    const d = v128.load(IN2 + (<usize>i << 2) + 16);
    const r0 = timesSigmoid(low(a), low(b));
    const r1 = timesSigmoid(high(a), high(b));
    const r2 = timesSigmoid(low(c), low(d));
    const r3 = timesSigmoid(high(c), high(d));
    const first = pack(r0, r1);
    const second = pack(r2, r3);
    v128.store(OUT + (<usize>i << 2), first);
    v128.store(OUT + (<usize>i << 2) + 16, second);
    count = flag(i, count, uncertainLanes(r0, r1, first) | (uncertainLanes(r2, r3, second) << 4));
  }
  return count;
}

// ---- rows: softmax and log_softmax of contiguous rows ---------------------------------------------------
// The caller writes `count` rows of n float32 values at rowsAt(n), one after the other; each is copied to ROW,
// padded with −∞ to a whole step of 8, computed there (its double terms after it) and copied back. A row goes
// to the JS kernel (its index listed at FLAGGED) when it holds a NaN, a +∞ or only −∞ (that kernel's rules
// for those), or a result fails the rounding test. One call per block of rows rather than per row: the
// runner's copies and calls for each row of 1000 cost more than a sixth of the row's computation.

/**
 * The row's maximum, or NaN when it holds a NaN or a +∞. f32x4.max's NaN rules cost V8 eight instructions
 * and one chain; pmax (one maxps) in two chains, with NaN and +∞ collected apart, is 4× faster.
 */
@inline function rowMax(n: i32): f32 {
  let m0 = f32x4.splat(-Infinity);
  let m1 = f32x4.splat(-Infinity);
  let bad = i32x4.splat(0);
  for (let i = 0; i < n; i += 8) {
    const x = v128.load(ROW + (<usize>i << 2));
    const y = v128.load(ROW + (<usize>i << 2) + 16);
    m0 = f32x4.pmax(m0, x);
    m1 = f32x4.pmax(m1, y);
    bad = v128.or(bad, v128.or(v128.or(f32x4.ne(x, x), f32x4.ne(y, y)), v128.or(f32x4.eq(x, f32x4.splat(Infinity)), f32x4.eq(y, f32x4.splat(Infinity)))));
  }
  if (v128.any_true(bad)) return NaN;
  const m = f32x4.pmax(m0, m1);
  return max(max(f32x4.extract_lane(m, 0), f32x4.extract_lane(m, 1)), max(f32x4.extract_lane(m, 2), f32x4.extract_lane(m, 3)));
}

/**
 * The rounding test's tolerance for a row of n entries, in bits (log2 of units of the result's last bit).
 * Relative errors, first order: each term e^z ≤ 2^-49.2 (rowTerm: Taylor's remainder 2^-49.5, the table's
 * and the evaluation's roundings), the same for the sum through the terms (all positive), the sum's own roundings at most
 * (⌈n/8⌉ + 2)·2^-53 (eight lanes of ⌈n/8⌉ terms each, then three additions joining them), and 2·2^-53 for
 * the reciprocal and the product: at most 28 + n/8 + 5 units; twice that (a factor two of margin), as a power
 * of two. No compensation is needed: a row of 1000 gets 2^9 units, and flags about 2^-19 of its lanes.
 */
function rowToleranceBits(n: i32): i32 {
  return 33 - clz<i32>(33 + (n >> 3));
}

// A row's invariants, kept in memory and loaded inside the loops: V8 (Node 20) schedules a pure value where it is
// used, so 1/Σ and the tolerance's masks, computed before a loop, were recomputed on every trip (a division
// each: the last pass cost 4× its loads and products). A load cannot move, and costs one µop.
/** 1/Σ (softmax) or log1p(r + ties) (log_softmax). */
const ROW_SCALE_AT = memory.data(8, 8);
const ROW_OFFSET_AT = memory.data(4, 4);
const ROW_HIGH_AT = memory.data(4, 4);

/** Stores the rounding test's masks for a row of n entries (see rowToleranceBits). */
@inline function setRowTolerance(n: i32): void {
  const bits = rowToleranceBits(n);
  store<i32>(ROW_OFFSET_AT, (1 << bits) - MIDPOINT);
  store<i32>(ROW_HIGH_AT, ~((2 << bits) - 1));
}

/** The uncertain lanes among four row results within the row's tolerance of a midpoint, except those known `exact` (an f32x4 mask). */
@inline function rowDoubts(a: v128, b: v128, packed: v128, exact: v128): i32 {
  const near = nearMidpoint(a, b, splat32(ROW_OFFSET_AT), splat32(ROW_HIGH_AT));
  return i32x4.bitmask(v128.andnot(v128.or(near, abnormal(packed)), exact));
}

@inline function termsAt(n: i32): usize {
  return ROW + (((<usize>n + 7) & ~7) << 2);
}

/** ln 2/EXP_N split as fdlibm's ln 2: k·LN2_N_HI is exact for |k| < 2^21 (LN2_HI has 32 significant bits). */
const LN2_N_HI_AT = memory.data<f64>([LN2_HI / EXP_N]);
const LN2_N_LO_AT = memory.data<f64>([LN2_LO / EXP_N]);
const TAYLOR_AT = memory.data<f64>([1.0 / 2, 1.0 / 6, 1.0 / 24]);

/**
 * e^z for z = x − max ≤ 0, to 2^-49.2: the table's exp, but with r = z − k·ln 2/EXP_N reduced exactly (k·LN2_N_HI and
 * the first difference are exact) rather than in the u-form, whose 2^-52·|z| would widen every row's tolerance, and
 * Taylor's r + r²/2 + r³/6 + r⁴/24 (remainder r⁵/120·e^|r| < 2^-49.5). Clamped at z = −708 (−∞ included): a
 * softmax entry there is far below 2^-151 (see exactlyZero), and n such terms in a sum ≥ 1 move it by n·2^-1021.
 */
@inline function rowTerm(z: v128): v128 {
  const c = f64x2.pmax(z, splat64(EXP_MIN_AT));
  const t = f64x2.add(f64x2.mul(c, splat64(EXP_C_AT)), splat64(SHIFTER_AT));
  const k = f64x2.sub(t, splat64(SHIFTER_AT));
  const r = f64x2.sub(f64x2.sub(c, f64x2.mul(k, splat64(LN2_N_HI_AT))), f64x2.mul(k, splat64(LN2_N_LO_AT)));
  const inner = f64x2.add(coefficient(TAYLOR_AT, 1), f64x2.mul(r, coefficient(TAYLOR_AT, 2)));
  const p = f64x2.mul(r, f64x2.add(splat64(ONE_AT), f64x2.mul(r, f64x2.add(coefficient(TAYLOR_AT, 0), f64x2.mul(r, inner)))));
  const s = tableScale(t);
  return f64x2.add(s, f64x2.mul(s, p));
}

const MINUS_INFINITY_64_AT = memory.data<f64>([-Infinity]);

/**
 * rowTerm, but exactly 0 at z = −∞ (an entry −∞, the padding), for log_softmax's sum of the other entries. A
 * finite z below −708 keeps its clamped e^-708: too small to move any result but a ±0, and log_softmax leaves
 * its ±0 results to JS (whose e^z underflows to 0 below −745.13 and decides the maximum's sign there).
 */
@inline function rowTermOrZero(z: v128): v128 {
  return v128.and(rowTerm(z), f64x2.gt(z, splat64(MINUS_INFINITY_64_AT)));
}

/** 2^-151's high word: a double below it, within the rows' error of the exact value, has a float32 ±0 that is right. */
const TINY_HIGH_AT = memory.data<i32>([(1023 - 151) << 20]);
const HIGH_MAGNITUDE_AT = memory.data<i32>([0x7fffffff]);

/**
 * The lanes of two row results a, b (in pack's order) whose magnitude is below 2^-151: their float32 is ±0,
 * and so is the exact value's (within 2^-40 of them, below 2^-150, the midpoint between 0 and the least
 * subnormal). A result that merely rounds to 0 may lie at that midpoint, so it is not enough to test the float32.
 */
@inline function exactlyZero(a: v128, b: v128): v128 {
  const high = v128.and(v128.shuffle<i32>(a, b, 1, 3, 5, 7), splat32(HIGH_MAGNITUDE_AT));
  return i32x4.lt_s(high, splat32(TINY_HIGH_AT));
}

/** Σ of the four f64x2 accumulators' eight lanes. */
@inline function joined(s0: v128, s1: v128, s2: v128, s3: v128): f64 {
  const lanes = f64x2.add(f64x2.add(s0, s1), f64x2.add(s2, s3));
  return f64x2.extract_lane(lanes, 0) + f64x2.extract_lane(lanes, 1);
}

/**
 * exp(x − max)/Σ exp(x − max): the terms computed, stored (in double, after the row) and summed in one pass,
 * eight lanes at a time, then multiplied by the sum's reciprocal (its rounding is in the tolerance).
 */
function softmaxRow(n: i32): i32 {
  const top = rowMax(n);
  if (!isFinite(top)) return 1;
  const m = f64s(<f64>top);
  const terms = termsAt(n);
  let s0 = f64s(0), s1 = f64s(0), s2 = f64s(0), s3 = f64s(0);
  // Up to the padding's end: its terms are 0 (from −∞).
  for (let i = 0, end = (n + 7) & ~7; i < end; i += 8) {
    const x = v128.load(ROW + (<usize>i << 2));
    const y = v128.load(ROW + (<usize>i << 2) + 16);
    const at = terms + (<usize>i << 3);
    const e0 = rowTerm(f64x2.sub(low(x), m));
    const e1 = rowTerm(f64x2.sub(high(x), m));
    const e2 = rowTerm(f64x2.sub(low(y), m));
    const e3 = rowTerm(f64x2.sub(high(y), m));
    v128.store(at, e0);
    v128.store(at + 16, e1);
    v128.store(at + 32, e2);
    v128.store(at + 48, e3);
    s0 = f64x2.add(s0, e0);
    s1 = f64x2.add(s1, e1);
    s2 = f64x2.add(s2, e2);
    s3 = f64x2.add(s3, e3);
  }
  store<f64>(ROW_SCALE_AT, 1.0 / joined(s0, s1, s2, s3));
  setRowTolerance(n);
  let doubtful = 0;
  for (let i = 0; i < n; i += 4) {
    const a = f64x2.mul(v128.load(terms + (<usize>i << 3)), splat64(ROW_SCALE_AT));
    const b = f64x2.mul(v128.load(terms + (<usize>i << 3) + 16), splat64(ROW_SCALE_AT));
    const packed = pack(a, b);
    v128.store(ROW + (<usize>i << 2), packed);
    doubtful |= rowDoubts(a, b, packed, exactlyZero(a, b));
  }
  return doubtful != 0 ? 1 : 0;
}

/**
 * (x − max) − log1p(r + ties), r = Σ e^(x−max) over the entries below the maximum, ties = (count at max) − 1.
 * log1p passes on r's relative error undiminished at most and the two parts have one sign, so softmax's bound
 * holds (its margin covers the one extra rounding, of r + ties).
 */
function logSoftmaxRow(n: i32): i32 {
  const top = rowMax(n);
  if (!isFinite(top)) return 1;
  const m = f64s(<f64>top);
  let ties = i64x2.splat(0);
  let s0 = f64s(0), s1 = f64s(0), s2 = f64s(0), s3 = f64s(0);
  for (let i = 0, end = (n + 7) & ~7; i < end; i += 8) {
    const x = v128.load(ROW + (<usize>i << 2));
    const y = v128.load(ROW + (<usize>i << 2) + 16);
    const z0 = f64x2.sub(low(x), m);
    const z1 = f64x2.sub(high(x), m);
    const z2 = f64x2.sub(low(y), m);
    const z3 = f64x2.sub(high(y), m);
    const atMax0 = f64x2.eq(z0, f64s(0));
    const atMax1 = f64x2.eq(z1, f64s(0));
    const atMax2 = f64x2.eq(z2, f64s(0));
    const atMax3 = f64x2.eq(z3, f64s(0));
    ties = i64x2.sub(i64x2.sub(i64x2.sub(i64x2.sub(ties, atMax0), atMax1), atMax2), atMax3);
    s0 = f64x2.add(s0, v128.andnot(rowTermOrZero(z0), atMax0));
    s1 = f64x2.add(s1, v128.andnot(rowTermOrZero(z1), atMax1));
    s2 = f64x2.add(s2, v128.andnot(rowTermOrZero(z2), atMax2));
    s3 = f64x2.add(s3, v128.andnot(rowTermOrZero(z3), atMax3));
  }
  const tied = <f64>(i64x2.extract_lane(ties, 0) + i64x2.extract_lane(ties, 1) - 1);
  store<f64>(ROW_SCALE_AT, Math.log1p(joined(s0, s1, s2, s3) + tied));
  setRowTolerance(n);
  let doubtful = 0;
  for (let i = 0; i < n; i += 4) {
    const x = v128.load(ROW + (<usize>i << 2));
    const a = f64x2.sub(f64x2.sub(low(x), m), splat64(ROW_SCALE_AT));
    const b = f64x2.sub(f64x2.sub(high(x), m), splat64(ROW_SCALE_AT));
    const packed = pack(a, b);
    v128.store(ROW + (<usize>i << 2), packed);
    // −∞ (at −∞) is exact. A ±0 (the maximum, when the other entries are −∞ or ~104 below it) is not taken:
    // its sign is −log1p(r)'s, and r's terms from −708 down are e^-708 here but JS's exp, 0 below −745.13.
    doubtful |= rowDoubts(a, b, packed, f32x4.eq(x, f32x4.splat(-Infinity)));
  }
  return doubtful != 0 ? 1 : 0;
}

/** Where the caller writes the rows of n values: after ROW's padded row and its terms. */
@inline function rowBlock(n: i32): usize {
  return ROW + <usize>12 * ((<usize>n + 7) & ~7);
}
export function rowsAt(n: i32): usize {
  return rowBlock(n);
}

const MINUS_INFINITY_AT = memory.data<f32>([-Infinity]);

/** Each of `count` rows of n at rowBlock(n) through `row` (softmaxRow, logSoftmaxRow); returns how many failed, their indices at FLAGGED. */
@inline function blockOfRows(count: i32, n: i32, row: (n: i32) => i32): i32 {
  const block = rowBlock(n);
  const bytes = <usize>n << 2;
  let failed = 0;
  for (let r = 0; r < count; r++) {
    const at = block + <usize>r * bytes;
    memory.copy(ROW, at, bytes);
    // Lanes n to n + 7: past the padding they fall on the terms, which are written after.
    v128.store(ROW + bytes, splat32(MINUS_INFINITY_AT));
    v128.store(ROW + bytes + 16, splat32(MINUS_INFINITY_AT));
    if (row(n) != 0) {
      store<i32>(FLAGGED + (<usize>failed << 2), r);
      failed++;
    } else memory.copy(at, ROW, bytes);
  }
  return failed;
}

/** softmax of `count` rows of n (count ≤ CHUNK). */
export function softmax_rows(count: i32, n: i32): i32 {
  return blockOfRows(count, n, softmaxRow);
}

/** log_softmax of `count` rows of n (count ≤ CHUNK). */
export function log_softmax_rows(count: i32, n: i32): i32 {
  return blockOfRows(count, n, logSoftmaxRow);
}
