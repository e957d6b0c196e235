// The plot panel's contract: the request that opens it (from the palette, a hover's "Plot" link or the
// evaluator), the state it persists, and every message between the extension host and the webview.
// Both sides import these types; everything that arrives is checked by the pure validators below first
// (a markdown command link or a webview can send anything), and only a validated value is acted on.
import { FLAVOURS, type Flavour, type ParamValue } from '../core/catalog/types';

export const PLOT_VIEW_TYPE = 'activationLens.plot';
export { OPEN_PLOT_COMMAND } from '../commands';

/** Which library's definition a curve follows. */
export type Variant = Flavour;
export const VARIANTS: readonly Variant[] = FLAVOURS;

// ─── the request ────────────────────────────────────────────────────────────────────────────────────────

/** One activation to plot, with parameters as written at a call site (Keras 3 names or the variant's own). */
export interface PlotActivation {
  readonly name: string;
  readonly params?: Readonly<Record<string, ParamValue>>;
  readonly variant?: Variant;
  /** Show the derivative (dashed); by default shown when at most two activations are plotted. */
  readonly derivative?: boolean;
}

/** Points to show on the curves, e.g. the evaluator's inputs and outputs. */
export interface PlotMarks {
  readonly name: string;
  /** The activation (as named in the request) whose outputs these are: the points take its colour. */
  readonly activation?: string;
  readonly x: readonly number[];
  /** `null` where the output was not a finite number (JSON has no NaN or ∞). */
  readonly y: readonly (number | null)[];
  /** `line`: a sampled function (a hand-written activation), joined into a curve; `points` (the default): dots. */
  readonly style?: MarkStyle;
  /**
   * For a line: i where sample i and i + 1 are not joined (the function jumps between them), increasing.
   * The host finds them (it can call the function); without them every two finite neighbours are joined.
   */
  readonly breaks?: readonly number[];
}

export type MarkStyle = 'points' | 'line';
const MARK_STYLES: readonly MarkStyle[] = ['points', 'line'];

/** The argument of `activationLens.openPlot`: what to plot. */
export interface PlotRequest {
  readonly activations: readonly PlotActivation[];
  /** The x-range; by default the union of the activations' plot domains. */
  readonly domain?: readonly [number, number];
  readonly marks?: readonly PlotMarks[];
}

// ─── the persisted state (webview getState/setState; comes back after a window reload) ─────────────────

export const STATE_VERSION = 1;

export interface SeriesState {
  /** Catalog name or alias as requested. */
  readonly name: string;
  readonly variant: Variant;
  /** Keras 3 parameter names; numbers are what the sliders show. */
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly showFunction: boolean;
  readonly showDerivative: boolean;
}

export interface PlotState {
  readonly version: typeof STATE_VERSION;
  readonly series: readonly SeriesState[];
  /** The x-range in view. */
  readonly domain: readonly [number, number];
  /** Where "reset view" goes back to. */
  readonly home: readonly [number, number];
  readonly marks: readonly PlotMarks[];
  readonly showMarks: boolean;
}

// ─── messages ──────────────────────────────────────────────────────────────────────────────────────────

export type ExportFormat = 'png' | 'svg' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['png', 'svg', 'csv'];

/** A digest of what is drawn, so tests (and logs) can tell that curves changed without reading pixels. */
export interface SeriesSummary {
  readonly label: string;
  readonly derivative: boolean;
  readonly visible: boolean;
  readonly points: number;
  /** Sum of the finite values: changes whenever the curve does. */
  readonly checksum: number;
  readonly min: number;
  readonly max: number;
}

/** Timings measured in the webview with performance.mark/measure (milliseconds). */
export interface PlotMetrics {
  /** From the first line of the panel's script to the first curves drawn. */
  readonly firstCurvesMs: number | null;
  /** Frames redrawn after a parameter change: recompute + draw. */
  readonly sliderFrames: FrameStats;
  /** Frames redrawn after a zoom or pan: every curve resampled + draw. */
  readonly viewFrames: FrameStats;
}

export interface FrameStats {
  readonly count: number;
  readonly meanMs: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

/** Webview → host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'state'; readonly state: PlotState; readonly summary: readonly SeriesSummary[] }
  | {
      readonly type: 'export';
      readonly format: ExportFormat;
      readonly fileName: string;
      readonly encoding: 'utf8' | 'base64';
      readonly data: string;
    }
  | { readonly type: 'metrics'; readonly metrics: PlotMetrics }
  | { readonly type: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string };

/** Host → webview. */
export type HostMessage =
  | { readonly type: 'show'; readonly request: PlotRequest }
  | { readonly type: 'export'; readonly format: ExportFormat }
  | { readonly type: 'exported'; readonly format: ExportFormat; readonly ok: boolean; readonly message: string };

// ─── validation ────────────────────────────────────────────────────────────────────────────────────────

export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Limits that keep a message cheap to handle, whatever sent it. */
export const LIMITS = {
  activations: 8,
  markSets: 16,
  markPoints: 10_000,
  nameLength: 100,
  params: 16,
  /** |x| bound for domains (float32 kernels and a readable axis). */
  domainMagnitude: 1e6,
  minDomainWidth: 1e-6,
  /** Largest export payload (characters). */
  exportChars: 32 * 1024 * 1024,
  logChars: 4000,
  summaries: 64,
} as const;

class Invalid extends Error {}

const fail = (path: string, expected: string, value: unknown): never => {
  throw new Invalid(`${path}: expected ${expected}, got ${describe(value)}`);
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : `'${value}'`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function record(value: unknown, path: string, allowed: readonly string[]): Record<string, unknown> {
  if (!isRecord(value)) fail(path, 'an object', value);
  const unknownKey = Object.keys(value as object).find((key) => !allowed.includes(key));
  if (unknownKey !== undefined) throw new Invalid(`${path}: unknown property '${unknownKey}' (known: ${allowed.join(', ')})`);
  return value as Record<string, unknown>;
}

function string(value: unknown, path: string, maxLength: number = LIMITS.nameLength): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    fail(path, `a non-empty string of at most ${maxLength} characters`, value);
  }
  return value as string;
}

function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'a finite number', value);
  return value as number;
}

function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'true or false', value);
  return value as boolean;
}

function oneOf<T extends string>(value: unknown, path: string, options: readonly T[]): T {
  if (typeof value !== 'string' || !options.includes(value as T)) fail(path, `one of ${options.map((o) => `'${o}'`).join(', ')}`, value);
  return value as T;
}

function array(value: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(value)) fail(path, 'an array', value);
  if ((value as unknown[]).length > max) throw new Invalid(`${path}: at most ${max} entries allowed, got ${(value as unknown[]).length}`);
  return value as unknown[];
}

function params(value: unknown, path: string): Record<string, ParamValue> {
  if (!isRecord(value)) fail(path, 'an object of parameter values', value);
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > LIMITS.params) throw new Invalid(`${path}: at most ${LIMITS.params} parameters allowed`);
  const result: Record<string, ParamValue> = {};
  for (const [key, item] of entries) {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(key)) throw new Invalid(`${path}: '${key}' is not a parameter name`);
    if (item !== null && typeof item !== 'boolean') finite(item, `${path}.${key}`);
    result[key] = item as ParamValue;
  }
  return result;
}

function domain(value: unknown, path: string): [number, number] {
  const items = array(value, path, 2);
  if (items.length !== 2) fail(path, 'a pair [low, high]', value);
  const lo = finite(items[0], `${path}[0]`);
  const hi = finite(items[1], `${path}[1]`);
  const bound = LIMITS.domainMagnitude;
  if (Math.abs(lo) > bound || Math.abs(hi) > bound) throw new Invalid(`${path}: bounds must lie within ±${bound}, got [${lo}, ${hi}]`);
  if (!(hi - lo >= LIMITS.minDomainWidth)) throw new Invalid(`${path}: low must be below high, got [${lo}, ${hi}]`);
  return [lo, hi];
}

function activation(value: unknown, path: string): PlotActivation {
  const item = record(value, path, ['name', 'params', 'variant', 'derivative']);
  const result: { -readonly [K in keyof PlotActivation]: PlotActivation[K] } = { name: string(item['name'], `${path}.name`) };
  if (item['params'] !== undefined) result.params = params(item['params'], `${path}.params`);
  if (item['variant'] !== undefined) result.variant = oneOf(item['variant'], `${path}.variant`, VARIANTS);
  if (item['derivative'] !== undefined) result.derivative = boolean(item['derivative'], `${path}.derivative`);
  return result;
}

function marks(value: unknown, path: string): PlotMarks {
  const item = record(value, path, ['name', 'activation', 'x', 'y', 'style', 'breaks']);
  const name = string(item['name'], `${path}.name`);
  const activation = item['activation'] === undefined ? undefined : string(item['activation'], `${path}.activation`);
  const xs = array(item['x'], `${path}.x`, LIMITS.markPoints).map((x, i) => finite(x, `${path}.x[${i}]`));
  const ys = array(item['y'], `${path}.y`, LIMITS.markPoints).map((y, i) => (y === null ? null : finite(y, `${path}.y[${i}]`)));
  if (xs.length !== ys.length) throw new Invalid(`${path}: x has ${xs.length} values but y has ${ys.length}`);
  const style = item['style'] === undefined ? undefined : oneOf(item['style'], `${path}.style`, MARK_STYLES);
  const breaks = item['breaks'] === undefined ? undefined : array(item['breaks'], `${path}.breaks`, LIMITS.markPoints).map((b, i) => {
    const at = finite(b, `${path}.breaks[${i}]`);
    if (!Number.isInteger(at) || at < 0 || at >= xs.length - 1) fail(`${path}.breaks[${i}]`, `a sample index from 0 to ${xs.length - 2}`, b);
    if (i > 0 && at <= (item['breaks'] as number[])[i - 1]) fail(`${path}.breaks[${i}]`, 'an index above the one before', b);
    return at;
  });
  return {
    name,
    ...(activation === undefined ? {} : { activation }),
    x: xs,
    y: ys,
    ...(style === undefined ? {} : { style }),
    ...(breaks === undefined ? {} : { breaks }),
  };
}

function request(value: unknown, path: string): PlotRequest {
  const item = record(value, path, ['activations', 'domain', 'marks']);
  const activations = array(item['activations'], `${path}.activations`, LIMITS.activations).map((a, i) =>
    activation(a, `${path}.activations[${i}]`),
  );
  const result: { -readonly [K in keyof PlotRequest]: PlotRequest[K] } = { activations };
  if (item['domain'] !== undefined) result.domain = domain(item['domain'], `${path}.domain`);
  if (item['marks'] !== undefined) {
    result.marks = array(item['marks'], `${path}.marks`, LIMITS.markSets).map((m, i) => marks(m, `${path}.marks[${i}]`));
  }
  if (activations.length === 0 && !result.marks?.length) throw new Invalid(`${path}.activations: expected at least one activation`);
  return result;
}

function validating<T>(check: () => T): Validated<T> {
  try {
    return { ok: true, value: check() };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, error: error.message };
    throw error;
  }
}

/**
 * Checks the argument of `activationLens.openPlot`. Besides a full request it accepts the shorthands a
 * command link is likely to use: an activation name, or a list of names.
 */
export function validatePlotRequest(value: unknown): Validated<PlotRequest> {
  return validating(() => {
    if (typeof value === 'string') return request({ activations: [{ name: value }] }, 'request');
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
      return request({ activations: value.map((name) => ({ name })) }, 'request');
    }
    return request(value, 'request');
  });
}

function seriesState(value: unknown, path: string): SeriesState {
  const item = record(value, path, ['name', 'variant', 'params', 'showFunction', 'showDerivative']);
  return {
    name: string(item['name'], `${path}.name`),
    variant: oneOf(item['variant'], `${path}.variant`, VARIANTS),
    params: params(item['params'], `${path}.params`),
    showFunction: boolean(item['showFunction'], `${path}.showFunction`),
    showDerivative: boolean(item['showDerivative'], `${path}.showDerivative`),
  };
}

/** Checks an x-range: two finite numbers, low below high, within the protocol's bounds. */
export function validateDomain(value: unknown, path = 'domain'): Validated<[number, number]> {
  return validating(() => domain(value, path));
}

/** Strict shape check of a persisted state (repairing bad state is plotModel's `migrateState`). */
export function validatePlotState(value: unknown, path = 'state'): Validated<PlotState> {
  return validating(() => checkState(value, path));
}

function checkState(value: unknown, path: string): PlotState {
  const item = record(value, path, ['version', 'series', 'domain', 'home', 'marks', 'showMarks']);
  if (item['version'] !== STATE_VERSION) fail(`${path}.version`, String(STATE_VERSION), item['version']);
  return {
    version: STATE_VERSION,
    series: array(item['series'], `${path}.series`, LIMITS.activations).map((s, i) => seriesState(s, `${path}.series[${i}]`)),
    domain: domain(item['domain'], `${path}.domain`),
    home: domain(item['home'], `${path}.home`),
    marks: array(item['marks'], `${path}.marks`, LIMITS.markSets).map((m, i) => marks(m, `${path}.marks[${i}]`)),
    showMarks: boolean(item['showMarks'], `${path}.showMarks`),
  };
}

function frameStats(value: unknown, path: string): FrameStats {
  const item = record(value, path, ['count', 'meanMs', 'p95Ms', 'maxMs']);
  return {
    count: finite(item['count'], `${path}.count`),
    meanMs: finite(item['meanMs'], `${path}.meanMs`),
    p95Ms: finite(item['p95Ms'], `${path}.p95Ms`),
    maxMs: finite(item['maxMs'], `${path}.maxMs`),
  };
}

function summary(value: unknown, path: string): SeriesSummary {
  const item = record(value, path, ['label', 'derivative', 'visible', 'points', 'checksum', 'min', 'max']);
  const number = (key: string) => (item[key] === null ? NaN : finite(item[key], `${path}.${key}`));
  return {
    label: string(item['label'], `${path}.label`, 400),
    derivative: boolean(item['derivative'], `${path}.derivative`),
    visible: boolean(item['visible'], `${path}.visible`),
    points: finite(item['points'], `${path}.points`),
    checksum: number('checksum'),
    min: number('min'),
    max: number('max'),
  };
}

/** Checks a message from the webview before the host acts on it. */
export function validateWebviewMessage(value: unknown): Validated<WebviewMessage> {
  return validating((): WebviewMessage => {
    if (!isRecord(value)) fail('message', 'an object', value);
    const type = (value as Record<string, unknown>)['type'];
    switch (type) {
      case 'ready':
        record(value, 'ready', ['type']);
        return { type };
      case 'state': {
        const item = record(value, 'state', ['type', 'state', 'summary']);
        const summaries = array(item['summary'], 'state.summary', LIMITS.summaries).map((s, i) => summary(s, `state.summary[${i}]`));
        return { type, state: checkState(item['state'], 'state.state'), summary: summaries };
      }
      case 'export': {
        const item = record(value, 'export', ['type', 'format', 'fileName', 'encoding', 'data']);
        const fileName = string(item['fileName'], 'export.fileName', 200);
        if (!/^[\w.() -]+$/.test(fileName) || fileName.startsWith('.')) fail('export.fileName', 'a plain file name', fileName);
        const encoding = oneOf(item['encoding'], 'export.encoding', ['utf8', 'base64'] as const);
        const data = item['data'];
        if (typeof data !== 'string' || data.length > LIMITS.exportChars) fail('export.data', `a string of at most ${LIMITS.exportChars} characters`, data);
        if (encoding === 'base64' && !/^[A-Za-z0-9+/]*={0,2}$/.test(data as string)) fail('export.data', 'base64 text', data);
        return { type, format: oneOf(item['format'], 'export.format', EXPORT_FORMATS), fileName, encoding, data: data as string };
      }
      case 'metrics': {
        const item = record(value, 'metrics', ['type', 'metrics']);
        const metrics = record(item['metrics'], 'metrics.metrics', ['firstCurvesMs', 'sliderFrames', 'viewFrames']);
        return {
          type,
          metrics: {
            firstCurvesMs: metrics['firstCurvesMs'] === null ? null : finite(metrics['firstCurvesMs'], 'metrics.firstCurvesMs'),
            sliderFrames: frameStats(metrics['sliderFrames'], 'metrics.sliderFrames'),
            viewFrames: frameStats(metrics['viewFrames'], 'metrics.viewFrames'),
          },
        };
      }
      case 'log': {
        const item = record(value, 'log', ['type', 'level', 'message']);
        return {
          type,
          level: oneOf(item['level'], 'log.level', ['info', 'warn', 'error'] as const),
          message: string(item['message'], 'log.message', LIMITS.logChars),
        };
      }
      default:
        return fail('message.type', "'ready', 'state', 'export', 'metrics' or 'log'", type);
    }
  });
}

/** Checks a message from the host before the webview acts on it. */
export function validateHostMessage(value: unknown): Validated<HostMessage> {
  return validating((): HostMessage => {
    if (!isRecord(value)) fail('message', 'an object', value);
    const type = (value as Record<string, unknown>)['type'];
    switch (type) {
      case 'show': {
        const item = record(value, 'show', ['type', 'request']);
        return { type, request: request(item['request'], 'show.request') };
      }
      case 'export': {
        const item = record(value, 'export', ['type', 'format']);
        return { type, format: oneOf(item['format'], 'export.format', EXPORT_FORMATS) };
      }
      case 'exported': {
        const item = record(value, 'exported', ['type', 'format', 'ok', 'message']);
        return {
          type,
          format: oneOf(item['format'], 'exported.format', EXPORT_FORMATS),
          ok: boolean(item['ok'], 'exported.ok'),
          message: string(item['message'], 'exported.message', LIMITS.logChars),
        };
      }
      default:
        return fail('message.type', "'show', 'export' or 'exported'", type);
    }
  });
}
