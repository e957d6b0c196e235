// atanh, asinh and acosh as glibc 2.36 computes them (CPython's math.atanh, asinh, acosh): fdlibm's
// formulas in plain arithmetic (glibc builds them without FMA), over glibc's log and log1p ports.
// Method and constant: fdlibm 5.3 (e_atanh.c, s_asinh.c, e_acosh.c; Sun's notice in THIRD_PARTY_NOTICES.md).
import { highWord, lowWord } from './exact';
import { log } from './log';
import { log1p } from './log1p';

const LN2 = 6.93147180559945286227e-1; // fdlibm's ln 2 (e_atanh.c, s_asinh.c, e_acosh.c)

/** atanh x, CPython's value for |x| < 1 (IEEE: ±∞ at ±1, NaN beyond). */
export function atanh(x: number): number {
  const a = Math.abs(x);
  let t: number;
  if (a < 0.5) {
    if (a < 2 ** -28) return x;
    t = a + a;
    t = 0.5 * log1p(t + (t * a) / (1 - a));
  } else if (a < 1) {
    t = 0.5 * log1p((a + a) / (1 - a));
  } else {
    if (a > 1 || a !== a) return NaN;
    return x / 0;
  }
  return x < 0 ? -t : t;
}

/** asinh x, CPython's value: log(|x| + √(x² + 1)) in fdlibm's three forms, with x's sign. */
export function asinh(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e300000) return x; // |x| < 2^-28
  let w: number;
  if (ix > 0x41b00000) {
    if (ix >= 0x7ff00000) return x + x;
    w = log(Math.abs(x)) + LN2;
  } else {
    const a = Math.abs(x);
    if (ix > 0x40000000) {
      w = log(2 * a + 1 / (Math.sqrt(a * a + 1) + a));
    } else {
      const t = a * a;
      w = log1p(a + t / (1 + Math.sqrt(1 + t)));
    }
  }
  return x < 0 || Object.is(x, -0) ? -w : w;
}

/** acosh x, CPython's value for x ≥ 1 (IEEE: NaN below 1). */
export function acosh(x: number): number {
  const high = highWord(x) | 0;
  if (high > 0x40000000 || (high === 0x40000000 && lowWord(x) !== 0)) {
    // x > 2
    if (high >= 0x41b00000) return high >= 0x7ff00000 ? x + x : log(x) + LN2;
    const t = x * x;
    return log(2 * x - 1 / (x + Math.sqrt(t - 1)));
  }
  if (high > 0x3ff00000 || (high === 0x3ff00000 && lowWord(x) !== 0)) {
    const t = x - 1;
    return log1p(t + Math.sqrt(2 * t + t * t));
  }
  if (x === 1) return 0;
  return NaN;
}
