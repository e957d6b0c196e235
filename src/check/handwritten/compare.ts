// A hand-written activation against the library's definition: sampled in float64 over the activation's
// plot domain (the verdict) and at the traps — large |x|, ±0, NaN, ±∞, tiny values — where hand-written
// code raises, overflows or loses what the library keeps. Yours is run by the Python interpreter (so it
// raises exactly where CPython raises); the library's value is the core's float64 evaluation.
//
// `same` means every sample equals the library's within one float32 ulp of the library's result (what a
// float32 model could tell apart). Parameters the user exposes are mapped to the library's and tried at
// the defaults the user wrote (or, without one, at the library's default and a second value); parameters
// the user hard-codes are fitted to the values.
import { ACTIVATIONS, FLAVOUR_LABELS, FLAVOURS, type ActivationSpec, type Flavour, type ParamSpec, type ParamValue } from '../../core/catalog';
import { evaluateFloat64 } from '../../core/float64';
import { float64Array, isFloat32, toNumbers, type PyValue, type PythonModule, type UserFunction, type UserFunctionParameter } from '../../interpreter/python';
import { pythonFloatRepr } from '../../render/numpyFloat';
import { refineJumps, type SampledLine } from '../../render/sampledLine';
import { activationForName, fittableParams, mapParameters } from './match';

export type Verdict = 'same' | 'differs' | 'unmatched';

/** One sample where yours and the library's differ. */
export interface DifferencePoint {
  readonly x: number;
  readonly yours: number;
  readonly library: number;
}

export interface Trap {
  /** The input, for a trap at one point; `range` (`x < -709.78`) for one over a range. */
  readonly x?: number;
  readonly range?: string;
  readonly message: string;
}

/** Both curves over the plot domain, for the hover and the plot panel (yours NaN where it raised). */
export interface ComparedSamples {
  readonly x: Float64Array;
  readonly yours: Float64Array;
  readonly library: Float64Array;
  /** Yours as drawn: the samples with the points either side of each jump found by bisection, broken there. */
  readonly yoursLine: SampledLine;
}

export interface HandwrittenCheck {
  readonly fn: UserFunction;
  readonly spec: ActivationSpec | undefined;
  readonly matchedBy: 'name' | 'values' | undefined;
  /** The flavour in force, whose definition the verdict is about. */
  readonly flavour: Flavour;
  readonly verdict: Verdict;
  /** The library's parameters compared with (Keras 3 names). */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** The other flavours whose definition yours equals. */
  readonly sameAs: readonly Flavour[];
  readonly firstDifference: DifferencePoint | undefined;
  readonly worstDifference: DifferencePoint | undefined;
  /** One line on how it differs, derived from the differences; undefined when it does not. */
  readonly how: string | undefined;
  readonly traps: readonly Trap[];
  readonly samples: ComparedSamples | undefined;
  /** Why it was not compared when it gives no number at any x: what it raises or what the interpreter refuses. */
  readonly noNumber: string | undefined;
}

/** Steps one call of a user function may take: an activation is a few dozen; a loop that never ends stops here. */
const CALL_STEP_LIMIT = 20_000;

/** Inputs beyond the plot domain where hand-written code goes wrong: exp's overflow at ±709.78, ±0, NaN, ±∞. */
const TRAP_INPUTS = [-Infinity, -1000, -710, -100, -30, -1e-300, -5e-324, -0, 0, 5e-324, 1e-300, 30, 100, 710, 1000, Infinity, NaN];

/** What one call of yours gave: a number (NaN when it returned no number), or the exception it raised. */
type Outcome = { readonly value: number; readonly float32?: boolean } | { readonly raised: string };

const valueOf = (outcome: Outcome): number => ('value' in outcome ? outcome.value : NaN);

/** A user function with its parameters filled: calls it on one x (a functions over a vector on the plotted slice). */
interface Subject {
  readonly call: (x: number) => Outcome;
}

/**
 * How x is given to an elementwise function: as a float, or — for code written for arrays only, such as
 * Deep Learning with Python's `naive_relu` (`assert len(x.shape) == 2`, `x.copy()`, `x[i, j] = …`) — as a
 * one-element vector or a 1×1 matrix. The first form that gives a value at a harmless x is kept for every x,
 * so that where yours raises for some x it still counts as a trap.
 */
type InputForm = (x: number) => PyValue;

const INPUT_FORMS: readonly InputForm[] = [
  (x) => x,
  (x) => float64Array(Float64Array.of(x), [1]),
  (x) => float64Array(Float64Array.of(x), [1, 1]),
];

function inputFormOf(module: PythonModule, fn: UserFunction, extra: readonly unknown[]): InputForm {
  return INPUT_FORMS.find((form) => module.call(fn, [form(0.5), ...(extra as never[])], { stepLimit: CALL_STEP_LIMIT }).kind === 'value') ?? INPUT_FORMS[0];
}

function subjectOf(module: PythonModule, fn: UserFunction, spec: ActivationSpec | undefined, extra: readonly unknown[]): Subject {
  const slice = spec && !spec.elementwise ? spec.slice : undefined;
  const form = slice ? undefined : inputFormOf(module, fn, extra);
  return {
    call(x) {
      const input = form ? form(x) : Float64Array.of(x, slice?.partner === 'x' ? x : 0);
      const outcome = module.call(fn, [input, ...(extra as never[])], { stepLimit: CALL_STEP_LIMIT });
      if (outcome.kind !== 'value') return { raised: outcome.text };
      const numbers = toNumbers(outcome.value);
      const value = typeof numbers === 'number' ? numbers : numbers && numbers.length ? numbers[0] : NaN;
      return isFloat32(outcome.value) ? { value, float32: true } : { value };
    },
  };
}

/** The library's values at `xs` for one flavour and parameters; undefined when the flavour lacks it or refuses them. */
function libraryValues(spec: ActivationSpec, flavour: Flavour, params: Readonly<Record<string, ParamValue>>, xs: Float64Array): Float64Array | undefined {
  if (flavour !== 'keras3' && !spec[flavour]) return undefined;
  try {
    if (spec.elementwise) return evaluateFloat64(spec.name, xs, { ...params, variant: flavour });
    const slice = spec.slice;
    if (!slice) return undefined;
    const pairs = new Float64Array(xs.length * 2);
    xs.forEach((x, i) => {
      pairs[2 * i] = x;
      pairs[2 * i + 1] = slice.partner === 'x' ? x : 0;
    });
    const out = evaluateFloat64(spec.name, pairs, { ...params, variant: flavour, shape: [xs.length, 2] });
    return Float64Array.from(xs, (_, i) => out[2 * i]);
  } catch {
    return undefined;
  }
}

const FLOAT32_BITS = new Float32Array(1);
const FLOAT32_WORD = new Uint32Array(FLOAT32_BITS.buffer);

/** One float32 ulp at |v| (the gap above its float32 rounding). */
function float32Ulp(v: number): number {
  FLOAT32_BITS[0] = Math.abs(v);
  const below = FLOAT32_BITS[0];
  FLOAT32_WORD[0] += 1;
  return FLOAT32_BITS[0] - below;
}

/** Equal within `ulps` float32 ulps of the library's result (NaN only matches NaN, ±∞ only itself). */
function sameValue(yours: number, library: number, ulps: number): boolean {
  if (Number.isNaN(library) || Number.isNaN(yours)) return Number.isNaN(library) && Number.isNaN(yours);
  if (yours === library) return true;
  if (!Number.isFinite(library) || !Number.isFinite(yours)) return false;
  return Math.abs(yours - library) <= ulps * float32Ulp(library);
}

/**
 * How yours is compared with the library: in double, the library at the same x within one float32 ulp; when
 * yours computes in float32 (a Keras layer, a float32 tensor), the library at x rounded to float32, within
 * four ulps — float32 arithmetic rounds at every step, and Keras' own `ReLU(6.0)(x + 3.0) * (1.0 / 6.0)`
 * (MobileNetV3's hard sigmoid) is 1.5 ulps from the exact value.
 */
interface Precision {
  readonly inputs: Float64Array;
  readonly ulps: number;
  readonly float32: boolean;
}

const FLOAT32_CHAIN_ULPS = 4;

function precisionOf(subject: Subject, xs: Float64Array): Precision {
  const probe = subject.call(xs[xs.length >> 1]);
  return 'value' in probe && probe.float32 ? float32Precision(xs) : DOUBLE(xs);
}

const DOUBLE = (xs: Float64Array): Precision => ({ inputs: xs, ulps: 1, float32: false });

const float32Precision = (xs: Float64Array): Precision => ({ inputs: Float64Array.from(xs, Math.fround), ulps: FLOAT32_CHAIN_ULPS, float32: true });

/** float32's smallest normal number: below it a float32 computation keeps no relative precision. */
const FLOAT32_MIN_NORMAL = 2 ** -126;

/**
 * Whether yours equals the library's as its precision can tell: within its ulps, or — computed in float32 —
 * both below float32's normal range, where every step rounds to a multiple of 2^-149 (a float32 silu at
 * x = −100 is −3.78e-42 where the exact value is −3.72e-42; Keras' own float32 kernels give the same).
 */
function samePrecisely(yours: number, library: number, precision: Precision): boolean {
  return sameValue(yours, library, precision.ulps) || (precision.float32 && Math.abs(yours) < FLOAT32_MIN_NORMAL && Math.abs(library) < FLOAT32_MIN_NORMAL);
}

/**
 * Naming a function by its values tolerates the rounding of the user's own formula: the tanh form of gelu
 * written in double loses 4–5 float32 ulps to cancellation at x = −6. The verdict is then taken at the usual
 * precision over the activation's plot domain; 16 ulps (1e-6 relative) is far below what separates two activations.
 */
const identifying = (xs: Float64Array): Precision => ({ ...DOUBLE(xs), ulps: 16 });

/** The plot domain in a step that prints well (0.05 … 0.5), at most 81 samples, 0 among them. */
function domainGrid(spec: ActivationSpec): Float64Array {
  const [lo, hi] = spec.plotDomain;
  const step = [0.05, 0.1, 0.2, 0.25, 0.5].find((candidate) => (hi - lo) / candidate <= 80) ?? (hi - lo) / 80;
  const count = Math.floor((hi - lo) / step + 1e-9) + 1;
  return Float64Array.from({ length: count }, (_, i) => Math.round((lo + i * step) * 1e9) / 1e9);
}

interface Comparison {
  readonly same: boolean;
  readonly first?: DifferencePoint;
  readonly worst?: DifferencePoint;
}

function compareValues(xs: Float64Array, yours: Float64Array, library: Float64Array, precision: Precision): Comparison {
  let first: DifferencePoint | undefined;
  let worst: DifferencePoint | undefined;
  let worstGap = -1;
  for (let i = 0; i < xs.length; i++) {
    if (samePrecisely(yours[i], library[i], precision)) continue;
    const point = { x: xs[i], yours: yours[i], library: library[i] };
    first ??= point;
    const gap = Number.isNaN(yours[i] - library[i]) ? Infinity : Math.abs(yours[i] - library[i]);
    // A tie keeps the earlier point (a constant offset's worst is its first).
    if (gap > worstGap * (1 + 1e-9)) {
      worstGap = gap;
      worst = point;
    }
  }
  return first ? { same: false, first, ...(worst ? { worst } : {}) } : { same: true };
}

/** A setting of the user's own parameters: the arguments passed after x and the library parameters they mean. */
interface Setting {
  readonly extra: readonly unknown[];
  readonly params: Readonly<Record<string, ParamValue>>;
}

/**
 * The user's defaults; each parameter without one at the library's default and at a second value. A
 * parameter whose default is not a number (`activation='relu'`) is passed its default and sets nothing.
 */
function settingsFor(fn: UserFunction, spec: ActivationSpec): Setting[] {
  const positional = fn.parameters.filter((param) => param.kind === 'positional').slice(1);
  const numericDefault = (param: UserFunctionParameter): number | undefined => {
    const value = param.default?.value;
    const number = value === undefined || typeof value === 'string' ? undefined : toNumbers(value);
    return typeof number === 'number' ? number : undefined;
  };
  const mappable = positional.filter((param) => !param.default || numericDefault(param) !== undefined);
  const mapped = mapParameters(spec, mappable.map((param) => param.name));
  const targets = positional.map((param) => (mappable.includes(param) ? mapped[mappable.indexOf(param)] : undefined));
  const library = new Map(spec.params.map((param) => [param.name, param]));
  const first: unknown[] = [];
  const second: unknown[] = [];
  positional.forEach((param, i) => {
    const target = targets[i] === undefined ? undefined : library.get(targets[i] as string);
    const written = numericDefault(param);
    if (param.default) {
      const value = written === undefined ? param.default.value : typeof target?.default === 'boolean' ? written !== 0 : written;
      first.push(value);
      second.push(value);
      return;
    }
    const fallback = target && (typeof target.default === 'number' || typeof target.default === 'boolean') ? target.default : 1;
    first.push(fallback);
    second.push(typeof fallback === 'boolean' ? !fallback : fallback === 0 ? 0.5 : fallback / 2);
  });
  const paramsOf = (extra: readonly unknown[]): Record<string, ParamValue> => {
    const params: Record<string, ParamValue> = {};
    extra.forEach((value, i) => {
      if (targets[i] !== undefined && (typeof value === 'number' || typeof value === 'boolean')) params[targets[i] as string] = value;
    });
    return params;
  };
  const settings = [{ extra: first, params: paramsOf(first) }];
  if (second.some((value, i) => value !== first[i])) settings.push({ extra: second, params: paramsOf(second) });
  return settings;
}

/** Library parameters equal to yours for some value: booleans both ways, a number solved at a probe point. */
function fitHidden(spec: ActivationSpec, flavour: Flavour, params: Readonly<Record<string, ParamValue>>, xs: Float64Array, yours: Float64Array, precision = DOUBLE(xs)): Record<string, ParamValue> | undefined {
  for (const param of fittableParams(spec)) {
    if (param.name in params) continue;
    for (const value of candidateValues(spec, flavour, param, params, xs, yours)) {
      const trial = { ...params, [param.name]: value };
      const library = libraryValues(spec, flavour, trial, precision.inputs);
      if (library && compareValues(xs, yours, library, precision).same) return trial;
    }
  }
  return undefined;
}

function candidateValues(spec: ActivationSpec, flavour: Flavour, param: ParamSpec, params: Readonly<Record<string, ParamValue>>, xs: Float64Array, yours: Float64Array): ParamValue[] {
  if (param.type === 'boolean') return [true, false];
  const start = typeof param.default === 'number' ? param.default : 1;
  // The value making the library's equal yours at a probe point, by the secant method (exact for a slope).
  for (const probe of [-1, 1, -2, 2, 0.5, -0.5]) {
    const at = xs.findIndex((x) => x === probe);
    if (at < 0 || !Number.isFinite(yours[at])) continue;
    const gap = (p: number): number => (libraryValues(spec, flavour, { ...params, [param.name]: p }, Float64Array.of(probe))?.[0] ?? NaN) - yours[at];
    let [p0, p1] = [start, start + 0.25];
    let [g0, g1] = [gap(p0), gap(p1)];
    for (let step = 0; step < 40 && Number.isFinite(g1) && g1 !== 0 && g1 !== g0; step++) {
      [p0, p1] = [p1, p1 - (g1 * (p1 - p0)) / (g1 - g0)];
      [g0, g1] = [g1, gap(p1)];
    }
    // One probe that solves is enough: the value is then tried on every sample.
    if (Number.isFinite(p1) && Math.abs(g1) < 1e-12) return [p1];
  }
  return [];
}

/** The module's functions (those `include` accepts) of one or more positional parameters, checked. */
/** `kept`: a check already made for a function (after an edit that cannot change it), else it is checked. */
export function checkHandwritten(module: PythonModule, flavour: Flavour, include: (fn: UserFunction) => boolean = () => true, kept?: (fn: UserFunction) => HandwrittenCheck | undefined): HandwrittenCheck[] {
  return module.functions.filter((fn) => include(fn) && fn.parameters.some((param) => param.kind === 'positional')).map((fn) => kept?.(fn) ?? checkFunction(module, fn, flavour));
}

function unmatched(fn: UserFunction, flavour: Flavour, noNumber?: string): HandwrittenCheck {
  return { fn, spec: undefined, matchedBy: undefined, flavour, verdict: 'unmatched', params: {}, sameAs: [], firstDifference: undefined, worstDifference: undefined, how: undefined, traps: [], samples: undefined, noNumber };
}

/** Why a call gave no number: the exception or refusal, or that it returns something else. */
const noNumberIn = (outcome: Outcome): string => ('raised' in outcome ? outcome.raised : 'it returns no number');

function sample(subject: Subject, xs: Float64Array): Float64Array {
  return Float64Array.from(xs, (x) => valueOf(subject.call(x)));
}

function checkFunction(module: PythonModule, fn: UserFunction, flavour: Flavour): HandwrittenCheck {
  const named = activationForName(fn.name);
  const matched = named ? { spec: named, by: 'name' as const } : matchByValues(module, fn, flavour);
  if (!matched) {
    // Only a function of one input could have been an activation: why it gave nothing is worth saying.
    if (requiredInputs(fn) !== 1) return unmatched(fn, flavour);
    const probe = subjectOf(module, fn, undefined, []).call(0.5);
    return unmatched(fn, flavour, Number.isNaN(valueOf(probe)) ? noNumberIn(probe) : undefined);
  }
  const { spec } = matched;
  const xs = domainGrid(spec);
  // The first setting that differs is the one reported; else the first (the user's defaults).
  let chosen: { setting: Setting; subject: Subject; yours: Float64Array; params: Readonly<Record<string, ParamValue>>; comparison: Comparison; precision: Precision } | undefined;
  for (const setting of settingsFor(fn, spec)) {
    const subject = subjectOf(module, fn, spec, setting.extra);
    const yours = sample(subject, xs);
    if (yours.every(Number.isNaN)) return unmatched(fn, flavour, noNumberIn(subject.call(0.5)));
    const precision = precisionOf(subject, xs);
    const library = libraryValues(spec, flavour, setting.params, precision.inputs);
    let params = setting.params;
    let comparison = library ? compareValues(xs, yours, library, precision) : { same: false };
    if (!comparison.same) {
      const fitted = fitHidden(spec, flavour, setting.params, xs, yours, precision);
      if (fitted) [params, comparison] = [fitted, { same: true }];
    }
    const current = { setting, subject, yours, params, comparison, precision };
    if (!chosen || (chosen.comparison.same && !comparison.same)) chosen = current;
    if (!comparison.same) break;
  }
  if (!chosen) return unmatched(fn, flavour);
  const { subject, yours, params, comparison, precision } = chosen;
  const library = libraryValues(spec, flavour, params, precision.inputs) ?? new Float64Array(xs.length).fill(NaN);
  const sameAs = FLAVOURS.filter((other) => {
    if (other === flavour) return false;
    const values = libraryValues(spec, other, params, precision.inputs);
    return values !== undefined && compareValues(xs, yours, values, precision).same;
  });
  const how = comparison.same ? undefined : explain(spec, flavour, params, xs, yours, library, sameAs, precision);
  return {
    fn,
    spec,
    matchedBy: matched.by,
    flavour,
    verdict: comparison.same ? 'same' : 'differs',
    params,
    sameAs,
    firstDifference: comparison.first,
    worstDifference: comparison.worst,
    how,
    traps: findTraps(spec, flavour, params, subject, xs, comparison.same, precision.float32),
    samples: { x: xs, yours, library, yoursLine: refineJumps(xs, yours, (x) => valueOf(subject.call(x))) },
    noNumber: undefined,
  };
}

/**
 * An activation yours equals on a probe grid: with its defaults in any flavour, or fitted in the one in force;
 * elementwise ones only, for a function of x alone, and not a pass-through (`linear`, or any helper).
 */
const requiredInputs = (fn: UserFunction): number => fn.parameters.filter((param) => param.kind === 'positional' && !param.default).length;

function matchByValues(module: PythonModule, fn: UserFunction, flavour: Flavour): { spec: ActivationSpec; by: 'values' } | undefined {
  if (requiredInputs(fn) !== 1) return undefined;
  const xs = Float64Array.from({ length: 61 }, (_, i) => Math.round((-6 + i * 0.2) * 1e9) / 1e9);
  const yours = sample(subjectOf(module, fn, undefined, []), xs);
  // A pass-through is every activation with some parameter (a slope of 1): it is no activation at all.
  if (yours.every(Number.isNaN) || yours.every((y, i) => y === xs[i])) return undefined;
  const order = [flavour, ...FLAVOURS.filter((other) => other !== flavour)];
  const candidates = ACTIVATIONS.filter((spec) => spec.elementwise && spec.name !== 'linear');
  const precision = identifying(xs);
  const exact = candidates.find((spec) => order.some((variant) => {
    const library = libraryValues(spec, variant, {}, xs);
    return library !== undefined && compareValues(xs, yours, library, precision).same;
  }));
  const fitted = exact ?? candidates.find((spec) => fitHidden(spec, flavour, {}, xs, yours, precision) !== undefined);
  return fitted ? { spec: fitted, by: 'values' } : undefined;
}

const GREEK: Readonly<Record<string, string>> = { '\\alpha': 'α', '\\lambda': 'λ', '\\theta': 'θ', '\\beta': 'β' };

const symbolOf = (param: ParamSpec): string => (param.symbol ? (GREEK[param.symbol] ?? param.symbol) : param.name);

/** `Keras 3's`, `TensorFlow.js'`. */
export const possessive = (flavour: Flavour): string => `${FLAVOUR_LABELS[flavour]}${FLAVOUR_LABELS[flavour].endsWith('s') ? "'" : "'s"}`;

/** Text of a number as Python prints a float. */
export const numberText = (value: number): string => pythonFloatRepr(value);

/** Where the differences lie, as a condition on x. */
function regionOf(xs: Float64Array, differing: readonly number[]): string {
  const values = differing.map((i) => xs[i]);
  if (values.every((x) => x < 0)) return 'for x < 0';
  if (values.every((x) => x > 0)) return 'for x > 0';
  if (values.length === xs.length) return 'everywhere';
  return `for ${numberText(Math.min(...values))} ≤ x ≤ ${numberText(Math.max(...values))}`;
}

/**
 * One line on how yours differs, read off the differences: a constant offset (and when it is a parameter's
 * α − 1, the −1 that escaped α(…)), a constant scale, or where and by how much.
 */
function explain(spec: ActivationSpec, flavour: Flavour, params: Readonly<Record<string, ParamValue>>, xs: Float64Array, yours: Float64Array, library: Float64Array, sameAs: readonly Flavour[], precision: Precision): string {
  const differing: number[] = [];
  for (let i = 0; i < xs.length; i++) if (!samePrecisely(yours[i], library[i], precision)) differing.push(i);
  const region = regionOf(xs, differing);
  const theirs = possessive(flavour);
  const also = sameAs.length ? ` (it is ${sameAs.map(possessive).join(' and ')} definition)` : '';
  const gaps = differing.map((i) => yours[i] - library[i]);
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * (1 + Math.abs(b));
  if (gaps.every(Number.isFinite) && gaps.every((gap) => near(gap, gaps[0]))) {
    const offset = gaps[0];
    for (const param of spec.params) {
      const value = params[param.name];
      if (typeof value !== 'number' || value === 1) continue;
      const symbol = symbolOf(param);
      if (near(offset, value - 1)) return `${region} yours is ${theirs} + (${symbol} − 1) = ${theirs} − ${numberText(1 - value)}: the −1 is outside ${symbol}(…)${also}`;
      if (near(offset, 1 - value)) return `${region} yours is ${theirs} + (1 − ${symbol}) = ${theirs} + ${numberText(1 - value)}: the +1 is outside ${symbol}(…)${also}`;
    }
    return `${region} yours is ${theirs} ${offset < 0 ? '−' : '+'} ${numberText(Math.abs(offset))}, a constant offset${also}`;
  }
  const ratios = differing.filter((i) => library[i] !== 0).map((i) => yours[i] / library[i]);
  if (ratios.length === differing.length && ratios.every(Number.isFinite) && ratios.every((ratio) => near(ratio, ratios[0]))) {
    return `${region} yours is ${numberText(ratios[0])} × ${theirs}, a constant scale${also}`;
  }
  const worst = Math.max(...gaps.map((gap) => (Number.isNaN(gap) ? Infinity : Math.abs(gap))));
  return `${region} yours differs from ${theirs}${Number.isFinite(worst) ? ` by up to ${numberText(worst)}` : ''}${also}`;
}

/** Text of an input for messages: `x = −709.78`, `NaN`. */
const inputText = (x: number): string => (Number.isNaN(x) ? 'NaN' : Object.is(x, -0) ? '-0.0' : numberText(x));

function findTraps(spec: ActivationSpec, flavour: Flavour, params: Readonly<Record<string, ParamValue>>, subject: Subject, xs: Float64Array, sameOnDomain: boolean, float32: boolean): Trap[] {
  const inputs = Float64Array.from(TRAP_INPUTS);
  const precision = float32 ? float32Precision(inputs) : DOUBLE(inputs);
  const library = libraryValues(spec, flavour, params, precision.inputs);
  if (!library) return [];
  const theirs = FLAVOUR_LABELS[flavour];
  const outcomes = Array.from(inputs, (x) => subject.call(x));
  const traps: Trap[] = [];
  // Raising where the library gives a value: one range per side, its edge found by bisection.
  const raises = (i: number): boolean => 'raised' in outcomes[i] && !Number.isNaN(inputs[i]);
  const edges: { side: -1 | 1; edge: number; raised: string; at: number; gives: number }[] = [];
  for (const side of [-1, 1] as const) {
    const raising = [...inputs.keys()].filter((i) => raises(i) && Math.sign(inputs[i]) === side && Math.abs(inputs[i]) > 1);
    if (!raising.length) continue;
    const innermost = raising.reduce((a, b) => (Math.abs(inputs[a]) < Math.abs(inputs[b]) ? a : b));
    const edge = bisectRaising(subject, side * Math.max(Math.abs(side < 0 ? xs[0] : xs[xs.length - 1]), 1), inputs[innermost]);
    edges.push({ side, edge, raised: (outcomes[innermost] as { raised: string }).raised, at: inputs[innermost], gives: library[innermost] });
  }
  const symmetric = edges.length === 2 && numberText(-edges[0].edge) === numberText(edges[1].edge) && edges[0].raised === edges[1].raised;
  if (symmetric) {
    const range = `|x| > ${numberText(edges[1].edge)}`;
    traps.push({ range, message: `raises ${edges[1].raised} for ${range}, where ${theirs} gives ${numberText(edges[0].gives)} at x = ${inputText(edges[0].at)} and ${numberText(edges[1].gives)} at x = ${inputText(edges[1].at)}` });
  } else {
    for (const { side, edge, raised, at, gives } of edges) {
      const range = `x ${side < 0 ? '<' : '>'} ${numberText(edge)}`;
      traps.push({ range, message: `raises ${raised} for ${range}, where ${theirs} gives ${numberText(gives)} at x = ${inputText(at)}` });
    }
  }
  const inRaisingRange = (x: number): boolean => edges.some(({ side, edge }) => side * x > side * edge);
  // Values the library does not give (NaN, ±∞, a lost result): the one nearest 0 on each side.
  const reported = new Set<string>();
  const nearestFirst = [...inputs.keys()].sort((a, b) => Math.abs(inputs[a]) - Math.abs(inputs[b]));
  nearestFirst.forEach((i) => {
    const x = inputs[i];
    const outcome = outcomes[i];
    const side = Number.isNaN(x) ? 'nan' : x < 0 ? 'negative' : 'positive';
    if (reported.has(side) || inRaisingRange(x)) return;
    const where = Number.isNaN(x) ? 'for NaN' : `at x = ${inputText(x)}`;
    if ('raised' in outcome) {
      traps.push({ x, message: `raises ${outcome.raised} ${where}, where ${theirs} gives ${numberText(library[i])}` });
      reported.add(side);
    } else if (!samePrecisely(outcome.value, library[i], precision) && (sameOnDomain || Number.isNaN(x) || !Number.isFinite(outcome.value)) && !kerasGivesNaN(spec, x, outcome.value)) {
      traps.push({ x, message: `gives ${numberText(outcome.value)} ${where}, where ${theirs} gives ${numberText(library[i])}` });
      reported.add(side);
    }
  });
  // A jump at 0 the library does not have.
  const around = Float64Array.of(-5e-324, 0, 5e-324);
  const aroundLibrary = libraryValues(spec, flavour, params, around);
  const aroundYours = Array.from(around, (x) => valueOf(subject.call(x)));
  for (const [a, b] of [[0, 1], [1, 2]]) {
    const jump = Math.abs(aroundYours[b] - aroundYours[a]);
    if (aroundLibrary && jump > 1e-6 && Math.abs(aroundLibrary[b] - aroundLibrary[a]) <= 1e-6) {
      traps.push({ x: 0, message: `jumps from ${numberText(aroundYours[a])} to ${numberText(aroundYours[b])} at x = 0, where ${possessive(flavour)} ${spec.name} is continuous` });
      break;
    }
  }
  return traps;
}

/** Yours gives NaN at ±∞ where Keras' formula does too (x·σ(x) at −∞), though the kernels give the limit. */
const kerasGivesNaN = (spec: ActivationSpec, x: number, yours: number): boolean =>
  Number.isNaN(yours) && Math.abs(x) === Infinity && (spec.kerasNaNAt ?? []).includes(Math.sign(x) as -1 | 1);

/** The edge between an input that runs (`fine`) and one that raises, to 0.005 (enough to print it with two decimals). */
function bisectRaising(subject: Subject, fine: number, raising: number): number {
  let [ok, bad] = [fine, raising];
  if ('raised' in subject.call(ok)) return ok;
  for (let step = 0; step < 60 && Math.abs(bad - ok) > 1e-3; step++) {
    const middle = (ok + bad) / 2;
    if ('raised' in subject.call(middle)) bad = middle;
    else ok = middle;
  }
  return Math.round(ok * 100) / 100;
}
