// Constants shared by the value and derivative kernels (and the benchmark's bare loops), each the double
// nearest to the real constant: the kernels evaluate in double and round once to float32, so a constant's
// own rounding (2^-53 relative) never reaches the float32 result.

/** SELU λ and λ·α (Klambauer et al. 2017, the digits Keras uses). Keras multiplies in float32, so it may
 *  differ from the correctly rounded result by an ulp; we compute with the real constants. */
export const SELU_SCALE = 1.0507009873554804934193349852946;
export const SELU_SCALE_ALPHA = 1.7580993408473768599402175208123;

export const SQRT1_2 = Math.SQRT1_2;
/** 1/√(2π), the standard normal density's factor. */
export const INV_SQRT_2PI = 0.3989422804014327;
/** √(2/π) and the cubic coefficient of the tanh form of GELU (Hendrycks & Gimpel). */
export const GELU_TANH_SCALE = 0.7978845608028654;
export const GELU_TANH_CUBIC = 0.044715;

/**
 * x − tanh(x) cancels: near 0 it is x³/3 while both terms are ≈ x, so a double evaluation loses
 * log2(3/x²) bits. Below TANH_SHRINK_SERIES_CUTOFF the Taylor series is used instead
 * (x − tanh x = x³/3 − 2x⁵/15 + 17x⁷/315 − …, ratio of successive terms ≈ 0.405·x² ≤ 2^-7.3 here, so
 * eight terms reach 2^-57). Above it the direct difference keeps at least 53 − log2(3·64) ≈ 45 bits.
 */
export const TANH_SHRINK_SERIES_CUTOFF = 0.125;
export const TANH_SHRINK_SERIES = [
  1 / 3,
  -2 / 15,
  17 / 315,
  -62 / 2835,
  1382 / 155925,
  -21844 / 6081075,
  929569 / 638512875,
  -6404582 / 10854718875,
] as const;

/** Below this e^x is 0 in double, so x·σ(x)-like products would become −∞·0 = NaN at −∞; their limit is 0. */
export const EXP_UNDERFLOW = -746;

/**
 * Sticky bits for the double-rounding trap. Below TINY, gelu, silu and hard_silu are x/2 + c·x² (c > 0)
 * and elu is α·x·(1 + x/2), but the correction is below double's precision, so double gives x/2 (α·x)
 * exactly, and for a subnormal x that is often exactly a float32 midpoint, which the store then rounds
 * to even whatever the invisible term says. Scaling by 0.5 ± 2^-52 (or 1 − 2^-52) moves the double off
 * the midpoint in the direction of that term, by far less than any float32 rounding decision.
 */
export const TINY = 2 ** -100;
export const HALF_ABOVE = 0.5 + 2 ** -52;
export const HALF_BELOW = 0.5 - 2 ** -52;
export const TOWARD_ZERO = 1 - 2 ** -52;

/**
 * The derivatives of gelu (both forms), silu and mish cross zero at the functions' minima, where their
 * difference-of-terms forms keep only an absolute accuracy of ~2^-53: a few ulps near the zero. Within
 * ROOT_RADIUS of the zero x0 = hi + lo they are evaluated from the Taylor series in h = x − x0 instead,
 * with h exact (x − hi is exact by Sterbenz) and eight terms (the ninth is below 2^-56 of the first).
 * Generated with mpmath: `python3 test/fixtures/core/generate.py roots`.
 */
export const ROOT_RADIUS = 2 ** -6;
export const DERIVATIVE_ROOTS = {
  gelu: { hi: -0.7517915246935645, lo: 1.4956759177009883e-17, series: [0.4314939923140469, 0.388284982990552, -0.018199676398671087, -0.1140082332972217, -0.014771522148244337, 0.019421679838189067, 0.004539228379125415, -0.002239538068073497] },
  gelu_tanh: { hi: -0.7524614220710163, lo: 3.635560509207687e-17, series: [0.4304000910248585, 0.38751844613578895, -0.01578285352184803, -0.11394448308095899, -0.01661932834305256, 0.019682309459833118, 0.005261059254921912, -0.0024227318458750974] },
  silu: { hi: -1.2784645427610737, lo: -1.0946994183093437e-16, series: [0.2178117057198001, 0.1466487969969469, 0.018874814223782312, -0.015222655223188032, -0.006606589138356696, 0.000126627410081122, 0.0007985218818397998, 0.00018570724361186496] },
  mish: { hi: -1.1924312145154952, lo: -4.8484829848031044e-17, series: [0.2669479140495345, 0.20473126408010586, 0.04190782104360987, -0.020271822716684245, -0.01582112656173338, -0.0033606849270232685, 0.0010924055409445854, 0.0009898181021289196] },
} as const;
