// The plot's model, free of DOM and vscode: turning a request into state, repairing persisted state,
// which library variants and parameter controls an activation offers, and how a series is labelled.
// Both the host (to check a request before opening the panel) and the webview use it.
import {
  ACTIVATIONS,
  FLAVOUR_LABELS,
  defaultOf,
  findActivation,
  findIdentifier,
  paramsOf,
  resolveParams,
  type ActivationSpec,
  type FlavourParam,
  type ParamSpec,
  type ParamValue,
  type ResolvedParams,
} from '../core/catalog';
import { finiteExtent, paddedRange } from '../render/axes';
import { isCurveParam, sliceOf } from '../render/sampling';
import {
  LIMITS,
  STATE_VERSION,
  VARIANTS,
  validateDomain,
  validatePlotRequest,
  type MarkStyle,
  type PlotMarks,
  type PlotRequest,
  type PlotState,
  type SeriesState,
  type Variant,
} from './protocol';

/** The catalog's activations by name: what the panel's menu and the Open Plot quick pick offer. */
export const ACTIVATIONS_BY_NAME: readonly ActivationSpec[] = [...ACTIVATIONS].sort((a, b) => a.name.localeCompare(b.name));

/** The x-range shown when nothing is plotted. */
export const FALLBACK_DOMAIN: readonly [number, number] = [-4, 4];

/** State plus the problems met building it (unknown names, bad parameters), for the user and the log. */
export interface Built {
  readonly state: PlotState;
  readonly problems: readonly string[];
}

/**
 * Turns a validated request into the panel's state. Parameters are resolved against the catalog in the
 * requested variant's spelling; an unknown activation or a bad parameter is reported, not fatal.
 */
export function stateFromRequest(request: PlotRequest): Built {
  const problems: string[] = [];
  const series: SeriesState[] = [];
  const many = request.activations.length > 2;
  for (const item of request.activations) {
    const found = lookUp(item.name, item.variant ?? 'keras3');
    if (!found) {
      problems.push(`unknown activation '${item.name}'`);
      continue;
    }
    const { spec, fixed } = found;
    const fixesKeras3 = found.flavour === 'keras3' && Object.keys(fixed).length > 0;
    let variant: Variant = fixesKeras3 ? 'keras3' : (item.variant ?? found.flavour);
    if (!availableVariants(spec).includes(variant)) {
      problems.push(`${spec.name} has no ${FLAVOUR_LABELS[variant]} definition; showing Keras 3`);
      variant = 'keras3';
    }
    const initial = initialParams(spec);
    let params: ResolvedParams;
    try {
      params = resolveParams(spec, { ...initial, ...fixed, ...item.params }, variant);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
      params = initial;
    }
    series.push({
      name: found.name,
      variant,
      params,
      showFunction: true,
      showDerivative: item.derivative ?? !many,
    });
  }
  const home = request.domain ?? defaultDomain(series);
  return {
    state: { version: STATE_VERSION, series, domain: home, home, marks: request.marks ?? [], showMarks: true },
    problems,
  };
}

/** A name as the catalog knows it, or a library identifier (`hardSigmoid`, `gelu_new`) in that variant. */
function lookUp(
  name: string,
  variant: Variant,
): { name: string; spec: ActivationSpec; fixed: Record<string, ParamValue>; flavour: Variant } | undefined {
  for (const flavour of ['keras3', variant, ...VARIANTS] as const) {
    const hit = findIdentifier(name, flavour);
    if (!hit?.spec) continue;
    if (flavour === 'keras3') return { name, spec: hit.spec, fixed: {}, flavour };
    // tfjs 'gelu_new' is Keras 3 gelu(approximate=True): a fixed parameter the library's own function lacks.
    const takes = new Set(paramsOf(hit.spec, flavour).map((param) => param.target));
    const own = Object.keys(hit.fixed).every((key) => takes.has(key));
    return { name: hit.spec.name, spec: hit.spec, fixed: { ...hit.fixed }, flavour: own ? flavour : 'keras3' };
  }
  return undefined;
}

export function specOf(series: SeriesState): ActivationSpec {
  const spec = findActivation(series.name);
  if (!spec) throw new Error(`unknown activation '${series.name}' in plot state`);
  return spec;
}

/** Union of the activations' plot domains: every curve's interesting part is in view. */
export function defaultDomain(series: readonly SeriesState[]): readonly [number, number] {
  if (series.length === 0) return FALLBACK_DOMAIN;
  let lo = Infinity;
  let hi = -Infinity;
  for (const item of series) {
    const spec = findActivation(item.name);
    if (!spec) continue;
    lo = Math.min(lo, spec.plotDomain[0]);
    hi = Math.max(hi, spec.plotDomain[1]);
  }
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : FALLBACK_DOMAIN;
}

/** Libraries that define the activation at all. */
function availableVariants(spec: ActivationSpec): Variant[] {
  return VARIANTS.filter((variant) => variant === 'keras3' || spec[variant] !== null);
}

/**
 * The variants worth a switch: those whose definition differs from Keras 3 — their own formula, or other
 * parameters (TensorFlow.js `relu` takes none, Keras 2 calls relu's slope `alpha`). Purely numerical
 * differences (exp(x) − 1 instead of expm1) don't show at plot scale and get no switch. Empty: no switch.
 */
export function switchableVariants(spec: ActivationSpec): Variant[] {
  const differing = VARIANTS.filter((variant) => {
    if (variant === 'keras3') return false;
    const definition = spec[variant];
    return definition !== null && (definition.formula !== undefined || !sameParams(paramsOf(spec, variant), paramsOf(spec, 'keras3')));
  });
  return differing.length ? ['keras3', ...differing] : [];
}

/**
 * The library switch on a series' card: the variants that differ, and also the series' own when a request
 * chose one that doesn't (a Keras 2 hover's Plot link), with Keras 3 to go back to; in library order.
 */
export function offeredVariants(spec: ActivationSpec, current: Variant): Variant[] {
  const switchable = switchableVariants(spec);
  if (current === 'keras3' || switchable.includes(current)) return switchable;
  return VARIANTS.filter((variant) => variant === 'keras3' || variant === current || switchable.includes(variant));
}

function sameParams(a: readonly FlavourParam[], b: readonly FlavourParam[]): boolean {
  const shown = (list: readonly FlavourParam[]) =>
    list
      .filter(isCurveParam)
      .map((param) => `${param.name}=${String(defaultOf(param))}`)
      .join(',');
  return shown(a) === shown(b);
}

export interface ParamControl {
  /** Keras 3 name, the key in the state. */
  readonly target: string;
  /** As the variant spells it (Keras 2 relu: `alpha`). */
  readonly label: string;
  readonly description: string;
  readonly kind: 'number' | 'boolean';
  readonly nullable: boolean;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** `undefined` when the parameter is required (threshold's `threshold`); the reset goes to `initial`. */
  readonly default: ParamValue | undefined;
  /** What a fresh control shows. */
  readonly initial: ParamValue;
  /** Where a nullable number goes when switched on. */
  readonly onValue: number;
}

/** The controls for an activation in a variant, in signature order. */
export function paramControls(spec: ActivationSpec, variant: Variant): ParamControl[] {
  return paramsOf(spec, variant)
    .filter(isCurveParam)
    .map((param) => {
      const keras3 = spec.params.find((candidate) => candidate.name === param.target);
      const fallback = defaultOf(param);
      const slider = param.slider ?? keras3?.slider ?? fallbackSlider(fallback);
      const midpoint = clampToStep((slider.min + slider.max) / 2, slider.min, slider.step);
      const initial = fallback !== undefined ? fallback : param.type === 'boolean' ? false : slider.start ?? midpoint;
      return {
        target: param.target,
        label: param.name,
        description: param.description,
        kind: param.type === 'boolean' ? 'boolean' : 'number',
        nullable: param.nullable === true,
        min: slider.min,
        max: slider.max,
        step: slider.step,
        default: fallback,
        initial,
        onValue: typeof fallback === 'number' ? fallback : midpoint,
      } satisfies ParamControl;
    });
}

function fallbackSlider(value: ParamValue | undefined): NonNullable<ParamSpec['slider']> {
  const centre = typeof value === 'number' ? value : 0;
  const half = Math.max(1, Math.abs(centre)) * 2;
  return { min: centre - half, max: centre + half, step: half / 50 };
}

function clampToStep(value: number, min: number, step: number): number {
  return min + Math.round((value - min) / step) * step;
}

/** Starting parameters: defaults, and a usable value for required ones. */
export function initialParams(spec: ActivationSpec): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = {};
  for (const param of spec.params) {
    const fallback = defaultOf(param);
    if (fallback !== undefined) params[param.name] = fallback;
  }
  for (const control of paramControls(spec, 'keras3')) {
    if (params[control.target] === undefined) params[control.target] = control.initial;
  }
  return params;
}

/** The parameters a kernel call gets: validated against the catalog, with float32 rounding. */
export function resolvedParamsOf(series: SeriesState): ResolvedParams {
  return resolveParams(specOf(series), series.params, 'keras3');
}

/** Python's spelling of a parameter value. */
export function pythonValue(value: ParamValue | undefined): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return formatShort(value);
}

/** A short decimal for labels: at most 4 significant digits, no trailing zeros. */
export function formatShort(value: number): string {
  if (value === 0) return '0';
  const text = Number(value.toPrecision(4)).toString();
  return text.replace('e+', 'e');
}

/**
 * The series' name as a call: `leaky_relu(negative_slope=0.1)` with only the parameters that differ from
 * their defaults, in the variant's spelling; axis functions show their slice (`softmax([x, 0])₀`).
 */
export function seriesLabel(series: SeriesState): string {
  const spec = specOf(series);
  const slice = sliceOf(spec);
  if (slice) return slice.label;
  const parts = paramControls(spec, series.variant)
    .filter((control) => control.default === undefined || !sameValue(series.params[control.target], control.default))
    .map((control) => `${control.label}=${pythonValue(series.params[control.target])}`);
  return `${series.name}(${parts.join(', ')})`;
}

const sameValue = (a: ParamValue | undefined, b: ParamValue | undefined): boolean =>
  typeof a === 'number' && typeof b === 'number' ? Math.fround(a) === Math.fround(b) : a === b;

/**
 * A persisted state made usable, whatever it holds: a valid one passes through; a request-shaped object
 * (the argument the panel was opened with) is converted; broken parts (unknown activations, bad numbers,
 * an inverted range) are dropped or reset to defaults. Undefined when nothing usable is left.
 */
export function migrateState(raw: unknown): PlotState | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const value = raw as Record<string, unknown>;
  if (value['version'] === undefined && 'activations' in value) {
    const request = validatePlotRequest(raw);
    return request.ok ? stateFromRequest(request.value).state : undefined;
  }
  if (value['version'] !== STATE_VERSION) return undefined;
  const series = (Array.isArray(value['series']) ? value['series'] : [])
    .slice(0, LIMITS.activations)
    .map(repairSeries)
    .filter((item): item is SeriesState => item !== undefined);
  const marks = (Array.isArray(value['marks']) ? value['marks'] : [])
    .slice(0, LIMITS.markSets)
    .map(repairMarks)
    .filter((item): item is PlotMarks => item !== undefined);
  if (series.length === 0 && marks.length === 0) return undefined;
  const home = repairDomain(value['home']) ?? defaultDomain(series);
  return {
    version: STATE_VERSION,
    series,
    domain: repairDomain(value['domain']) ?? home,
    home,
    marks,
    showMarks: typeof value['showMarks'] === 'boolean' ? value['showMarks'] : true,
  };
}

function repairSeries(raw: unknown): SeriesState | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const value = raw as Record<string, unknown>;
  const spec = typeof value['name'] === 'string' ? findActivation(value['name']) : undefined;
  if (!spec) return undefined;
  const variant = VARIANTS.includes(value['variant'] as Variant) && availableVariants(spec).includes(value['variant'] as Variant)
    ? (value['variant'] as Variant)
    : 'keras3';
  const params = initialParams(spec);
  const stored = typeof value['params'] === 'object' && value['params'] !== null ? (value['params'] as Record<string, unknown>) : {};
  for (const param of spec.params) {
    const candidate = stored[param.name];
    if (candidate === undefined) continue;
    try {
      // Checked by the catalog, kept as stored (0.46, not its float32 0.4600000083…) so a reload changes nothing.
      // The other parameters go along: alone, a required one's partner (threshold's default_value) is missing.
      const resolved = resolveParams(spec, { ...params, [param.name]: candidate })[param.name];
      params[param.name] = typeof candidate === typeof resolved ? (candidate as ParamValue) : (resolved ?? null);
    } catch {
      // keep the default: a value the catalog refuses cannot be plotted
    }
  }
  return {
    name: value['name'] as string,
    variant,
    params,
    showFunction: typeof value['showFunction'] === 'boolean' ? value['showFunction'] : true,
    showDerivative: typeof value['showDerivative'] === 'boolean' ? value['showDerivative'] : false,
  };
}

function repairMarks(raw: unknown): PlotMarks | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const value = raw as Record<string, unknown>;
  if (typeof value['name'] !== 'string' || !Array.isArray(value['x']) || !Array.isArray(value['y'])) return undefined;
  const x: number[] = [];
  const y: (number | null)[] = [];
  const n = Math.min(value['x'].length, value['y'].length, LIMITS.markPoints);
  for (let i = 0; i < n; i++) {
    const xi = value['x'][i] as unknown;
    const yi = value['y'][i] as unknown;
    if (typeof xi !== 'number' || !Number.isFinite(xi)) continue;
    x.push(xi);
    y.push(typeof yi === 'number' && Number.isFinite(yi) ? yi : null);
  }
  if (x.length === 0) return undefined;
  // Whose outputs the points are: they take that activation's colour.
  const activation = typeof value['activation'] === 'string' && value['activation'] ? { activation: value['activation'].slice(0, LIMITS.nameLength) } : {};
  // A sampled function stays a line, and keeps its breaks only while they still fit its samples.
  const style = value['style'] === 'line' || value['style'] === 'points' ? { style: value['style'] as MarkStyle } : {};
  const breaks = value['breaks'];
  const fits = x.length === n && Array.isArray(breaks) && breaks.every((b, i) => Number.isInteger(b) && b >= 0 && b < n - 1 && (i === 0 || b > breaks[i - 1]));
  return { name: value['name'].slice(0, LIMITS.nameLength), ...activation, x, y, ...style, ...(fits ? { breaks: breaks as number[] } : {}) };
}

function repairDomain(raw: unknown): [number, number] | undefined {
  const checked = validateDomain(raw);
  return checked.ok ? checked.value : undefined;
}

/**
 * The y-range in view, shared by the chart and the exported files: the padded extent of the visible curves
 * and of the evaluated points inside the x-range (a point far outside the view must not flatten the curves).
 */
export function viewYRange(
  curves: readonly ArrayLike<number>[],
  marks: readonly Pick<PlotMarks, 'x' | 'y'>[],
  [lo, hi]: readonly [number, number],
): [number, number] {
  const marksInView = marks.map((set) => set.y.filter((_, i) => set.x[i] >= lo && set.x[i] <= hi));
  return paddedRange(finiteExtent([...curves, ...marksInView]));
}

/** Clamps a view range to the limits the protocol accepts, keeping its centre where possible. */
export function clampDomain(lo: number, hi: number): [number, number] {
  const bound = LIMITS.domainMagnitude;
  let width = Math.min(Math.max(hi - lo, 1e-4), 2 * bound);
  if (!Number.isFinite(width)) width = 8;
  let centre = (lo + hi) / 2;
  if (!Number.isFinite(centre)) centre = 0;
  centre = Math.min(Math.max(centre, -bound + width / 2), bound - width / 2);
  return [centre - width / 2, centre + width / 2];
}

/** Default file name stem for exports: `activation-plot-relu-gelu`. */
export function exportStem(state: PlotState): string {
  const names = [...new Set(state.series.map((series) => series.name))].slice(0, 4);
  return ['activation-plot', ...names].join('-').replace(/[^\w-]/g, '_');
}
