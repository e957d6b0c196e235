// erf and erfc as glibc 2.36 computes them (CPython's math.erf and math.erfc): fdlibm's (Sun, 1993),
// rational approximations on [0, 0.84375), [0.84375, 1.25), [1.25, 1/0.35) and [1/0.35, 28), the last
// two as exp(−z² − 0.5625)·exp((z − x)(z + x) + R/S)/x with z = x cut to its high word. glibc builds
// this file without FMA, so it is plain double arithmetic in fdlibm's order, with glibc's exp inside
// (Math.exp would change about 1 result in 70). Method and constants: fdlibm 5.3 (s_erf.c; Sun's
// permission notice in THIRD_PARTY_NOTICES.md).
import { exp } from './exp';
import { highWord, withLowWord } from './exact';

// fdlibm's coefficients (s_erf.c, Sun: THIRD_PARTY_NOTICES.md).
const ERX = 8.45062911510467529297e-1; // erf(1) rounded to float: erf = ERX + P/Q on [0.84375, 1.25)
const EFX = 1.28379167095512586316e-1; // 2/√π − 1
const PP0 = 1.28379167095512558561e-1;
const PP1 = -3.25042107247001499370e-1;
const PP2 = -2.84817495755985104766e-2;
const PP3 = -5.77027029648944159157e-3;
const PP4 = -2.37630166566501626084e-5;
const QQ1 = 3.97917223959155352819e-1;
const QQ2 = 6.50222499887672944485e-2;
const QQ3 = 5.08130628187576562776e-3;
const QQ4 = 1.32494738004321644526e-4;
const QQ5 = -3.96022827877536812320e-6;
const PA0 = -2.36211856075265944077e-3;
const PA1 = 4.14856118683748331666e-1;
const PA2 = -3.72207876035701323847e-1;
const PA3 = 3.18346619901161753674e-1;
const PA4 = -1.10894694282396677476e-1;
const PA5 = 3.54783043256182359371e-2;
const PA6 = -2.16637559486879084300e-3;
const QA1 = 1.06420880400844228286e-1;
const QA2 = 5.40397917702171048937e-1;
const QA3 = 7.18286544141962662868e-2;
const QA4 = 1.26171219808761642112e-1;
const QA5 = 1.36370839120290507362e-2;
const QA6 = 1.19844998467991074170e-2;
const RA0 = -9.86494403484714822705e-3;
const RA1 = -6.93858572707181764372e-1;
const RA2 = -1.05586262253232909814e1;
const RA3 = -6.23753324503260060396e1;
const RA4 = -1.62396669462573470355e2;
const RA5 = -1.84605092906711035994e2;
const RA6 = -8.12874355063065934246e1;
const RA7 = -9.81432934416914548592;
const SA1 = 1.96512716674392571292e1;
const SA2 = 1.37657754143519042600e2;
const SA3 = 4.34565877475229228821e2;
const SA4 = 6.45387271733267880336e2;
const SA5 = 4.29008140027567833386e2;
const SA6 = 1.08635005541779435134e2;
const SA7 = 6.57024977031928170135;
const SA8 = -6.04244152148580987438e-2;
const RB0 = -9.86494292470009928597e-3;
const RB1 = -7.99283237680523006574e-1;
const RB2 = -1.77579549177547519889e1;
const RB3 = -1.60636384855821916062e2;
const RB4 = -6.37566443368389627722e2;
const RB5 = -1.02509513161107724954e3;
const RB6 = -4.83519191608651397019e2;
const SB1 = 3.03380607434824582924e1;
const SB2 = 3.25792512996573918826e2;
const SB3 = 1.53672958608443695994e3;
const SB4 = 3.19985821950859553908e3;
const SB5 = 2.55305040643316442583e3;
const SB6 = 4.74528541206955367215e2;
const SB7 = -2.24409524465858183362e1;

/** x·y with y = r/s the approximation of erf(x)/x − 1 on |x| < 0.84375. */
function smallRatio(x: number): number {
  const z = x * x;
  const r1 = PP0 + z * PP1;
  const z2 = z * z;
  const r2 = PP2 + z * PP3;
  const z4 = z2 * z2;
  const s1 = 1 + z * QQ1;
  const s2 = QQ2 + z * QQ3;
  const s3 = QQ4 + z * QQ5;
  const r = r1 + z2 * r2 + z4 * PP4;
  const s = s1 + z2 * s2 + z4 * s3;
  return r / s;
}

/** P/Q ≈ erf(1 + s) − ERX on 0.84375 ≤ |x| < 1.25, s = |x| − 1. */
function nearOneRatio(ax: number): number {
  const s = ax - 1;
  const p1 = PA0 + s * PA1;
  const s2 = s * s;
  const q1 = 1 + s * QA1;
  const s4 = s2 * s2;
  const p2 = PA2 + s * PA3;
  const s6 = s4 * s2;
  const q2 = QA2 + s * QA3;
  const p3 = PA4 + s * PA5;
  const q3 = QA4 + s * QA5;
  const p = p1 + s2 * p2 + s4 * p3 + s6 * PA6;
  const q = q1 + s2 * q2 + s4 * q3 + s6 * QA6;
  return p / q;
}

/** erfc(a)·a for a ≥ 1.25 (a < 28): exp(−z² − 0.5625)·exp((z − a)(z + a) + R/S), `nearBoundary` choosing
 *  the [1.25, 1/0.35) fit (erf and erfc put the boundary one ulp apart: 0x4006DB6E vs 0x4006DB6D). */
function tailTimesX(a: number, nearBoundary: boolean): number {
  const s = 1 / (a * a);
  let r: number;
  let q: number;
  if (nearBoundary) {
    const r1 = RA0 + s * RA1;
    const s2 = s * s;
    const q1 = 1 + s * SA1;
    const s4 = s2 * s2;
    const r2 = RA2 + s * RA3;
    const s6 = s4 * s2;
    const q2 = SA2 + s * SA3;
    const s8 = s4 * s4;
    const r3 = RA4 + s * RA5;
    const q3 = SA4 + s * SA5;
    const r4 = RA6 + s * RA7;
    const q4 = SA6 + s * SA7;
    r = r1 + s2 * r2 + s4 * r3 + s6 * r4;
    q = q1 + s2 * q2 + s4 * q3 + s6 * q4 + s8 * SA8;
  } else {
    const r1 = RB0 + s * RB1;
    const s2 = s * s;
    const q1 = 1 + s * SB1;
    const s4 = s2 * s2;
    const r2 = RB2 + s * RB3;
    const s6 = s4 * s2;
    const q2 = SB2 + s * SB3;
    const r3 = RB4 + s * RB5;
    const q3 = SB4 + s * SB5;
    const q4 = SB6 + s * SB7;
    r = r1 + s2 * r2 + s4 * r3 + s6 * RB6;
    q = q1 + s2 * q2 + s4 * q3 + s6 * q4;
  }
  const z = withLowWord(a, 0);
  return exp(-z * z - 0.5625) * exp((z - a) * (z + a) + r / q);
}

/** erf x, CPython's math.erf value. */
export function erf(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  const negative = hx >= 0x80000000;
  if (ix >= 0x7ff00000) return (negative ? -1 : 1) + 1 / x; // ±1 at ±∞, NaN
  if (ix < 0x3feb0000) {
    // |x| < 0.84375
    if (ix < 0x3e300000) return ix < 0x00800000 ? 0.0625 * (16 * x + 16 * EFX * x) : x + EFX * x;
    return x + x * smallRatio(x);
  }
  if (ix < 0x3ff40000) return negative ? -ERX - nearOneRatio(-x) : ERX + nearOneRatio(x);
  if (ix >= 0x40180000) return negative ? 1e-300 - 1 : 1 - 1e-300; // |x| ≥ 6
  const a = Math.abs(x);
  const r = tailTimesX(a, ix < 0x4006db6e);
  return negative ? r / a - 1 : 1 - r / a;
}

/** erfc x = 1 − erf x, CPython's math.erfc value. */
export function erfc(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  const negative = hx >= 0x80000000;
  if (ix >= 0x7ff00000) return (negative ? 2 : 0) + 1 / x; // 0 at +∞, 2 at −∞, NaN
  if (ix < 0x3feb0000) {
    // |x| < 0.84375
    if (ix < 0x3c700000) return 1 - x; // |x| < 2^-56
    const y = smallRatio(x);
    if ((hx | 0) < 0x3fd00000) return 1 - (x + x * y); // x < 1/4 (negative x included)
    return 0.5 - (x * y + (x - 0.5));
  }
  if (ix < 0x3ff40000) {
    const ratio = nearOneRatio(Math.abs(x));
    return negative ? 1 + (ERX + ratio) : 1 - ERX - ratio;
  }
  if (ix < 0x403c0000) {
    // |x| < 28
    if (negative && ix >= 0x40180000) return 2 - 1e-300; // x ≤ −6
    const a = Math.abs(x);
    const r = tailTimesX(a, ix < 0x4006db6d);
    return negative ? 2 - r / a : r / a;
  }
  return negative ? 2 - 1e-300 : 1e-300 * 1e-300;
}
