// The hover for an activation named in code or in a doc's example: what it resolves to, its formula typeset
// as an image, a small curve for the parameters written at that call site, parameters with defaults, range,
// derivative, properties, where Keras 2 / Keras 3 / TensorFlow.js differ, and links to plot, evaluate and
// read the docs. Pure: `describeSite` gathers the facts (also printed by `activation-lens describe`),
// `buildHover` renders them.
import { EVALUATE_COMMAND, OPEN_PLOT_COMMAND } from '../commands';
import {
  ActivationError,
  FLAVOUR_LABELS,
  formulaFor,
  literalParams,
  paramsOf,
  resolveParams,
  type ActivationSpec,
  type Flavour,
  type Formula,
  type LayerSpec,
  type ParamSpec,
  type ParamValue,
  type ResolvedParams,
  type WrittenValue,
} from '../core';
import { textToBase64 } from './base64';
import { curveSvgBase64 } from './curveSvg';
import { formulaSvg, svgImageMarkdown } from './formulaImage';
import { shortestDecimal } from './numpyFloat';
import { sampleActivation, sliceOf } from './sampling';
import { PALETTES, type ThemeKind } from './theme';

export { EVALUATE_COMMAND } from '../commands';

/**
 * An activation as named at one place: a recognizer's reference (an `ActivationReference` is one), or one
 * built from a name and parameters (the CLI's `describe`).
 */
export interface HoverSubject {
  readonly spec: ActivationSpec;
  /** Whose definition applies. */
  readonly flavour: Flavour;
  /** The naming text as written. */
  readonly written: string;
  /** Parameters written at the site, under Keras 3 names. */
  readonly params: Readonly<Record<string, WrittenValue>>;
  /** Values the site implies for parameters not written. */
  readonly implied: Readonly<Record<string, ParamValue>>;
  readonly notes: readonly string[];
  /** Which API named it (`keras.ops`, `layer`, …). */
  readonly api?: string;
  /** The layer class that named it, or the `Activation` layer it was given to. */
  readonly layer?: LayerSpec;
  /** Where in documentation it was named, when not in code: a fence, a doctest, a JSDoc example. */
  readonly region?: 'fence' | 'doctest' | 'example';
}

export interface ParameterRow {
  /** As this site spells it (layer argument or the flavour's name). */
  readonly name: string;
  /** As the language writes it (`None`, `0.3`), or undefined when required. */
  readonly default?: string;
  /** The literal written here, as the language writes it. */
  readonly value?: string;
  readonly nonLiteral?: boolean;
  readonly description: string;
}

/** Everything the hover says, as data. */
export interface SiteFacts {
  readonly name: string;
  readonly title: string;
  readonly summary: string;
  readonly written: string;
  readonly flavour: Flavour;
  readonly resolvesTo: string;
  readonly formula: Formula;
  readonly derivative: Formula | null;
  readonly parameters: readonly ParameterRow[];
  /** Parameters the curve uses (Keras 3 names, rounded to float32 as the kernels take them), or why there are none. */
  readonly effectiveParams?: ResolvedParams;
  /** The same parameters as written or implied at the site (0.1, not its float32 rounding), for the Plot link. */
  readonly siteParams: Readonly<Record<string, ParamValue>>;
  readonly noCurveReason?: string;
  readonly range: string;
  readonly properties: readonly string[];
  readonly differences: readonly { readonly flavour: Flavour; readonly note: string }[];
  readonly notes: readonly string[];
  readonly docsUrl: string;
}

export function describeSite(subject: HoverSubject): SiteFacts {
  const { spec, flavour } = subject;
  const python = flavour !== 'tfjs';
  const { params: literals, nonLiteral } = literalParams(subject);
  const siteParams = { ...subject.implied, ...literals };
  const effective = effectiveParams(spec, siteParams);
  const { formula, derivative } = formulaFor(spec, effective.params ?? {}, flavour);
  return {
    name: spec.name,
    title: spec.title,
    summary: spec.summary,
    written: subject.written,
    flavour,
    resolvesTo: resolvesTo(subject),
    formula,
    derivative,
    parameters: parameterRows(subject, literals, new Set(nonLiteral), python),
    effectiveParams: effective.params,
    siteParams,
    noCurveReason: effective.problem,
    range: spec.range.text,
    properties: spec.properties,
    differences: differences(spec),
    notes: [...subject.notes, ...(subject.layer?.note ? [subject.layer.note] : []), ...(spec.notes ?? [])],
    docsUrl: subject.layer?.docsUrl ?? spec.docsUrl,
  };
}

export interface HoverOptions {
  /** Typeset images and a curve for this theme; without it, formulas are plain text (terminals). */
  readonly theme?: ThemeKind;
  /** Adds the Plot link. */
  readonly plotLink?: boolean;
  /** Arguments for the Evaluate link, when evaluation is possible from here. */
  readonly evaluateArgs?: readonly unknown[];
}

/** Where a name in documentation's code was found, as the hover says it. */
const DOC_SITES: Readonly<Record<NonNullable<HoverSubject['region']>, string>> = {
  fence: 'In a fenced code block of the documentation.',
  doctest: 'In a doctest example.',
  example: 'In a JSDoc @example.',
};

const FORMULA_EM_PIXELS = 15;
const CURVE_SIZE = { width: 264, height: 116 };
const CURVE_POINTS = 161;

/** Renders the facts as hover markdown (needs `supportHtml` for the caption and `supportThemeIcons` for links). */
export function buildHover(subject: HoverSubject, options: HoverOptions = {}): string {
  const facts = describeSite(subject);
  const { theme } = options;
  const python = facts.flavour !== 'tfjs';
  const lines: string[] = [];
  // The editor's hover is kept Latin-1 (see `latin1Markdown`); terminals get the characters themselves.
  const escapeMarkdown = theme ? (text: string) => latin1Markdown(escapeProse(text)) : escapeProse;

  lines.push(`**${facts.name}** · ${escapeMarkdown(facts.title)}`, '');
  lines.push(`\`${facts.written}\` ${theme ? '&#8594;' : '→'} ${facts.resolvesTo}`, '');
  if (subject.region) lines.push(`_${DOC_SITES[subject.region]}_`, '');
  lines.push(theme ? formulaImage(facts.formula, theme) : `\`f(x) = ${facts.formula.text}\``, '');
  if (facts.effectiveParams && theme) {
    lines.push(curveImage(subject.spec, facts.effectiveParams, facts.flavour, theme));
    lines.push(curveCaption(subject.spec, facts.effectiveParams, python), '');
  } else if (facts.noCurveReason) {
    lines.push(`_No curve: ${escapeMarkdown(facts.noCurveReason)}_`, '');
  }
  lines.push(escapeMarkdown(facts.summary), '');

  if (facts.parameters.length) {
    lines.push('| parameter | default | here |', '|:--|:--|:--|');
    for (const row of facts.parameters) {
      const here = row.nonLiteral ? '_not a literal_' : row.value !== undefined ? `**\`${row.value}\`**` : '';
      lines.push(`| \`${row.name}\` | ${row.default === undefined ? '_required_' : `\`${row.default}\``} | ${here} |`);
    }
    lines.push('');
  }

  lines.push(`**Range** ${escapeMarkdown(facts.range)}  `);
  if (facts.derivative) lines.push(`**Derivative** ${escapeMarkdown(facts.derivative.text)}  `);
  else if (!subject.spec.elementwise) lines.push('**Derivative** a Jacobian along `axis`, not a single curve  ');
  lines.push(`**Properties** ${facts.properties.map(escapeMarkdown).join(' · ')}`, '');
  lines.push(
    facts.differences.length
      ? facts.differences.map(({ flavour, note }) => `**${FLAVOUR_LABELS[flavour]}**: ${escapeMarkdown(note)}`).join('  \n')
      : 'Keras 2, Keras 3 and TensorFlow.js agree on this function.',
  );
  if (facts.notes.length) lines.push('', ...facts.notes.map((note) => `- ${escapeMarkdown(note)}`));
  lines.push('', links(facts, options));
  return lines.join('\n');
}

/** The site's parameters validated and rounded for the kernels; or why there are none (a required one missing). */
function effectiveParams(spec: ActivationSpec, siteParams: Readonly<Record<string, ParamValue>>): { params?: ResolvedParams; problem?: string } {
  try {
    return { params: resolveParams(spec, siteParams) };
  } catch (error) {
    if (error instanceof ActivationError) return { problem: error.message };
    throw error;
  }
}

function resolvesTo(subject: HoverSubject): string {
  const library = FLAVOUR_LABELS[subject.flavour];
  const target = subject.flavour === 'tfjs' ? `\`${subject.spec.name}\`` : `\`keras.activations.${subject.spec.name}\``;
  if (subject.layer?.activation === null) return `${target} (${library}, given to \`${subject.layer.name}\`)`;
  if (subject.layer) return `the \`${subject.layer.name}\` layer, computing ${target} (${library})`;
  return `${target} (${library}${subject.api ? `, via ${subject.api}` : ''})`;
}

/** Rows for the parameters as this site spells them: layer arguments, or the flavour's parameter names. */
function parameterRows(
  subject: HoverSubject,
  literals: Readonly<Record<string, ParamValue>>,
  nonLiteral: ReadonlySet<string>,
  python: boolean,
): ParameterRow[] {
  const params: readonly (ParamSpec & { readonly target?: string })[] = subject.layer
    ? subject.layer.params.filter((param) => param.type !== 'string')
    : paramsOf(subject.spec, subject.flavour);
  return params.map((param) => {
    const target = param.target;
    const implied = target === undefined ? undefined : subject.implied[target];
    const siteDefault = implied !== undefined ? implied : param.default;
    const written = target === undefined ? undefined : literals[target];
    return {
      name: param.name,
      default: siteDefault === undefined || typeof siteDefault === 'string' ? siteDefault : formatValue(siteDefault, python),
      value: written === undefined ? undefined : formatValue(written, python),
      nonLiteral: target !== undefined && nonLiteral.has(target) ? true : undefined,
      description: param.description,
    };
  });
}

/** Where Keras 2 and TensorFlow.js differ from Keras 3 (each variant's note says both sides). */
function differences(spec: ActivationSpec): { flavour: Flavour; note: string }[] {
  const notes: { flavour: Flavour; note: string }[] = [];
  for (const flavour of ['keras2', 'tfjs'] as const) {
    const variant = spec[flavour];
    if (!variant) notes.push({ flavour, note: 'not available.' });
    else if (variant.note) notes.push({ flavour, note: variant.note });
  }
  return notes;
}

/** Formula images by theme and formula: few, and every hover of the same activation shows one. */
const formulaCache = new Map<string, string>();

export function formulaImage(formula: Formula, theme: ThemeKind): string {
  const key = `${theme}\u0000${formula.latex}\u0000${formula.text}`;
  let image = formulaCache.get(key);
  if (image === undefined) {
    const typeset = formulaSvg(formula.latex, PALETTES[theme].text, FORMULA_EM_PIXELS);
    image = typeset ? svgImageMarkdown(latin1Markdown(escapeAlt(formula.text)), textToBase64(typeset.svg)) : `\`${formula.text}\``;
    formulaCache.set(key, image);
  }
  return image;
}

/**
 * The last curves drawn, by site: hovering the same call site again is common. A ring of images with a map from
 * key to slot, rather than a map of images with its oldest entry deleted: a V8 Map keeps the values of deleted
 * entries until it rehashes, and each young-generation collection then copied a few megabytes of dead curves.
 */
class RecentCurves {
  private readonly slots = new Map<string, number>();
  private readonly keys: (string | undefined)[];
  private readonly images: string[];
  private next = 0;

  constructor(size: number) {
    this.keys = new Array<string | undefined>(size).fill(undefined);
    this.images = new Array<string>(size).fill('');
  }

  get(key: string): string | undefined {
    const slot = this.slots.get(key);
    return slot === undefined ? undefined : this.images[slot];
  }

  set(key: string, image: string): void {
    const slot = this.next;
    this.next = (slot + 1) % this.keys.length;
    const evicted = this.keys[slot];
    if (evicted !== undefined) this.slots.delete(evicted);
    this.keys[slot] = key;
    this.images[slot] = image;
    this.slots.set(key, slot);
  }
}

const recentCurves = new RecentCurves(64);

export function curveImage(spec: ActivationSpec, params: ResolvedParams, flavour: Flavour, theme: ThemeKind): string {
  const key = `${theme}\u0000${flavour}\u0000${spec.name}\u0000${JSON.stringify(params)}`;
  let image = recentCurves.get(key);
  if (image === undefined) {
    const samples = sampleActivation(spec, params, { domain: spec.plotDomain, points: CURVE_POINTS, variant: flavour });
    image = svgImageMarkdown(`curve of ${spec.name} and its derivative`, curveSvgBase64(samples, { ...CURVE_SIZE, colors: PALETTES[theme] }));
    recentCurves.set(key, image);
  }
  return image;
}

function curveCaption(spec: ActivationSpec, params: ResolvedParams, python: boolean): string {
  const shown = spec.params
    .filter((param) => param.type !== 'integer')
    .map((param) => `${param.name}=${formatValue(params[param.name] ?? null, python)}`);
  const slice = sliceOf(spec);
  const series = slice ? `solid ${slice.label}, dashed its derivative` : 'solid f(x), dashed f′(x)';
  // Only the series label (the catalog's) goes beyond Latin-1: the caption is in the editor's hover only.
  return `<sub>${[latin1Markdown(escapeProse(series)), ...shown.map(escapeProse)].join(' · ')}</sub>`;
}

function links(facts: SiteFacts, options: HoverOptions): string {
  // Codicons render in VS Code's hovers only; terminals get plain link text.
  const icon = (name: string): string => (options.theme ? `$(${name}) ` : '');
  const parts: string[] = [];
  if (options.plotLink && facts.effectiveParams) {
    const request = { activations: [{ name: facts.name, params: facts.siteParams, variant: facts.flavour }] };
    parts.push(`[${icon('graph-line')}Plot](${commandUri(OPEN_PLOT_COMMAND, [request])} "Open the plot panel with these parameters")`);
  }
  if (options.evaluateArgs) {
    parts.push(`[${icon('play')}Evaluate](${commandUri(EVALUATE_COMMAND, options.evaluateArgs)} "Evaluate this activation on values")`);
  }
  parts.push(`[${icon('book')}Documentation](${facts.docsUrl})`);
  return parts.join(' · ');
}

/** A markdown link target that runs a command with JSON arguments (the markdown must trust the command). */
export const commandUri = (command: string, args: readonly unknown[]): string =>
  `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;

/** A parameter value as the language writes it (`None`/`True` in Python, `null`/`true` in JS). */
export function formatValue(value: ParamValue, python: boolean): string {
  if (value === null) return python ? 'None' : 'null';
  if (typeof value === 'boolean') return python ? (value ? 'True' : 'False') : String(value);
  return shortestDecimal(value);
}

/** Catalog prose is markdown with `code` spans; only characters that could open HTML or break a table are escaped. */
const escapeProse = (text: string): string => text.replace(/([<|])/g, '\\$1');

const BEYOND_LATIN1 = /[^\0-\xff]/;
const latin1Cache = new Map<string, string>();
const LATIN1_CACHE_SIZE = 512;

/**
 * Markdown with every character beyond Latin-1 outside code spans written as a character reference
 * (`α` → `&#945;`; inside a code span a reference would show as written, so those stay). One such character
 * makes V8 store the whole hover — mostly its base64 images — two bytes per character; kept Latin-1, a
 * hover leaves a fifth less garbage, and the young-generation collections that make its slowest hovers
 * come a fifth less often. The prose repeats (it is the catalog's), hence the cache.
 */
export function latin1Markdown(text: string): string {
  if (!BEYOND_LATIN1.test(text)) return text;
  let written = latin1Cache.get(text);
  if (written !== undefined) return written;
  // Character by character, not by slices: a slice of a two-byte string stays two-byte, whatever it holds.
  written = '';
  for (let i = 0, spanEnd = 0; i < text.length; ) {
    if (i >= spanEnd && text[i] === '`') spanEnd = codeSpanEnd(text, i);
    const code = text.codePointAt(i) as number;
    written += code > 0xff && i >= spanEnd ? `&#${code};` : String.fromCodePoint(code);
    i += code > 0xffff ? 2 : 1;
  }
  if (latin1Cache.size >= LATIN1_CACHE_SIZE) latin1Cache.clear();
  latin1Cache.set(text, written);
  return written;
}

/** Where the code span opened by the backtick run at `start` ends (CommonMark: at the next run as long), or the run's own end when none closes it. */
function codeSpanEnd(text: string, start: number): number {
  let open = start;
  while (text[open] === '`') open++;
  const runs = /`+/g;
  runs.lastIndex = open;
  for (let run = runs.exec(text); run; run = runs.exec(text)) if (run[0].length === open - start) return runs.lastIndex;
  return open;
}

const escapeAlt = (text: string): string => text.replace(/[[\]\\]/g, '');
