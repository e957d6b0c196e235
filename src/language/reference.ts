// What the recognizers return: one activation named somewhere in code, resolved to its catalog spec,
// the library whose definition applies, and the parameters written at that site under Keras 3 names.
// Also the one place where written arguments are mapped onto a signature (shared by Python and TS/JS).
import {
  FLAVOUR_LABELS,
  findIdentifier,
  paramsOf,
  type ActivationSpec,
  type Flavour,
  type LayerSpec,
  type OpSpec,
  type ParamValue,
  type WrittenValue,
} from '../core';
import type { TokenIndex } from './tokens';

/** Which API named the activation. */
export type ReferenceApi =
  /** `keras.activations.gelu` (called or passed as a function), also `tf.keras.` / `tf_keras.` and imported aliases. */
  | 'keras.activations'
  /** A string looked up by `activations.get('…')` / `activations.deserialize('…')`. */
  | 'activations.get'
  /** A string given as `activation=` / `recurrent_activation=`, to `Activation('…')`, or tfjs `activation: '…'`. */
  | 'activation string'
  /** A layer class or tfjs layer factory that computes the activation: `LeakyReLU(…)`, `tf.layers.reLU(…)`. */
  | 'layer'
  | 'keras.ops'
  | 'tf.nn'
  /** `tf.math.*` and its top-level aliases `tf.sigmoid`, `tf.tanh`, `tf.exp`. */
  | 'tf.math'
  /** TensorFlow.js `tf.relu(x)`, `tf.leakyRelu(x, 0.2)`, … */
  | 'tfjs op'
  /** TensorFlow.js tensor methods `x.relu()`, `x.leakyRelu(0.2)`, … */
  | 'tfjs method';

export type { WrittenValue } from '../core';

/** Where in documentation code is: a fenced block, doctest examples (prompts removed), a JSDoc `@example`. */
export type RegionKind = 'fence' | 'doctest' | 'example';

export interface ActivationReference {
  /** The Keras 3 canonical name (`silu` for `swish`). */
  readonly name: string;
  readonly spec: ActivationSpec;
  /** Whose definition applies: Keras 3, Keras 2 (also TensorFlow's own kernels), or TensorFlow.js. */
  readonly flavour: Flavour;
  readonly api: ReferenceApi;
  /** The naming text exactly as written: `swish`, `g` (an alias), `LeakyReLU`, `hardSigmoid`, `leakyRelu`. */
  readonly written: string;
  /** Offsets (UTF-16 code units) of the naming text: the attribute or function name, the class name, or a string's content without quotes. */
  readonly start: number;
  readonly end: number;
  /** The library symbol, normalised: `keras.activations.gelu`, `tf.keras.layers.LeakyReLU`, `tf.nn.relu`, `tf.layers.reLU`, `Tensor.relu`. Absent for strings. */
  readonly symbol?: string;
  /** The layer class or factory that named it (or the `Activation` layer a string or function was given to). */
  readonly layer?: LayerSpec;
  /** The op that named it (keras.ops, tf.nn, tf.math, tfjs). */
  readonly op?: OpSpec;
  /** For a string or function given as an argument: the keyword (`activation`, `recurrent_activation`, `recurrentActivation`), absent when positional. */
  readonly keyword?: string;
  /** For a string or function given as an argument: the callee as written (`layers.Dense`, `tf.layers.dense`). */
  readonly callee?: string;
  /** Parameters written at the site, under the activation's Keras 3 names. */
  readonly params: Readonly<Record<string, WrittenValue>>;
  /** Values the site implies for parameters not written: layer defaults (LeakyReLU's 0.3), fixed values (PReLU's initial 0), `keras.ops.gelu`'s approximate=True, `gelu_new`'s tanh form. */
  readonly implied: Readonly<Record<string, ParamValue>>;
  /** Other arguments written at the site that set no activation parameter (PReLU's `alpha_initializer`, `tf.nn.silu`'s `beta`). */
  readonly otherArgs: Readonly<Record<string, WrittenValue>>;
  /** Unknown, deprecated or misplaced arguments, names the library does not know, unanalysed `**kwargs`. */
  readonly notes: readonly string[];
  /** The signature a call of it is read against (absent for a string): the snippet evaluator maps the same way. */
  readonly site?: SignatureSite;
  /** The arguments written in its call, with their positions (absent when not called): what checks point at and fix. */
  readonly arguments?: readonly ArgumentSpan[];
  /** Set when it is named in the code of documentation (a Markdown fence, a docstring's doctest, a JSDoc example). */
  readonly region?: RegionKind;
}

/** One argument as written in a call, with offsets: for diagnostics and fixes that point at it. */
export interface ArgumentSpan {
  readonly keyword?: string;
  /** Offsets of the keyword (or property name) as written; absent for a positional argument. */
  readonly keywordStart?: number;
  readonly keywordEnd?: number;
  /** `*args`, `**kwargs`, `...spread`: not analysed. */
  readonly spread?: string;
  /** Offsets of the value (of the keyword itself for a shorthand property `{ alpha }`). */
  readonly start: number;
  readonly end: number;
  /** The value read as the recognizer reads parameters; undefined for JavaScript's `undefined`. */
  readonly value: WrittenValue | undefined;
}

/**
 * A name in an activation position that the site's library does not resolve: `activation='rellu'`,
 * TensorFlow.js `activation: 'hard_sigmoid'`, Keras 2 `tf.keras.activations.hard_silu`. Recognizers report
 * these through `RecognizeOptions.onUnresolved` (a reference may still be returned for a fallback, such as
 * Keras 3's hard_silu, so that hovers can explain it).
 */
export interface UnresolvedName {
  readonly written: string;
  /** Offsets of the name: a string's content without quotes, or the attribute. */
  readonly start: number;
  readonly end: number;
  /** `activations.get` / `activation string` for strings, `keras.activations` for an attribute or import. */
  readonly api: ReferenceApi;
  /** The library whose lookup fails. */
  readonly flavour: Flavour;
  readonly keyword?: string;
  readonly callee?: string;
  /** Whether the name is looked up by Keras, TensorFlow or TensorFlow.js for sure: false for a string given to a
   *  call that resolves to none of them (a helper of the user's, or a snippet's unimported `Dense`), which may take names of its own. */
  readonly libraryLookup: boolean;
}

export interface RecognizeOptions {
  /** Which Keras `keras.*` and `tf.keras.*` mean (`tf_keras` is always Keras 2). Default '3'. */
  readonly kerasVersion?: '2' | '3';
  /** Called for each name in an activation position that the site's library does not resolve. */
  readonly onUnresolved?: (name: UnresolvedName) => void;
}

export function kerasFlavour(options: RecognizeOptions | undefined): Flavour {
  return options?.kerasVersion === '2' ? 'keras2' : 'keras3';
}

/** One argument as written: keyword (or property name) if any, and the tokens of its value. */
export interface WrittenArgument {
  readonly keyword?: string;
  /** The token of the keyword (or property name), when written. */
  readonly keywordToken?: number;
  /** `*args`, `**kwargs`, `...spread` as written: not analysed. */
  readonly spread?: string;
  /** The value's tokens, first..last inclusive; read only when the argument sets something. */
  readonly first: number;
  readonly last: number;
}

/** Reads an argument's value; undefined for JavaScript's `undefined` (the position counts, the default applies). */
export type ValueReader = (first: number, last: number) => WrittenValue | undefined;

/** One slot of a signature, in positional order; `target` is the Keras 3 parameter it sets. */
export interface Slot {
  readonly name: string;
  readonly target?: string;
}

export interface SignatureSite {
  /** How the site is named in notes: `keras.activations.relu`, `Keras 3 LeakyReLU`. */
  readonly label: string;
  readonly slots: readonly Slot[];
  /** Leading positional arguments that are the input (`x`), not parameters. */
  readonly inputs: number;
  readonly deprecated?: Readonly<Record<string, string>>;
  /** Keywords every call accepts that set nothing (`name`, `dtype`, `input_shape`, …). */
  readonly ignored?: ReadonlySet<string>;
  /** A hint for an unknown keyword (`alpha` is Keras 2's name for `negative_slope`). */
  readonly hint?: (keyword: string) => string | undefined;
  /** How arguments are spelled in notes. */
  readonly style: 'python' | 'script';
}

/** Keywords every Keras layer constructor accepts that set no activation parameter. */
export const LAYER_KEYWORDS: ReadonlySet<string> = new Set([
  'name', 'dtype', 'trainable', 'input_shape', 'batch_input_shape', 'batch_size', 'input_dim', 'autocast', 'dynamic', 'weights',
  'activity_regularizer', 'input_length',
]);

/** Options every TensorFlow.js layer config accepts that set no activation parameter. */
export const TFJS_LAYER_OPTIONS: ReadonlySet<string> = new Set(['name', 'inputShape', 'batchInputShape', 'batchSize', 'dtype', 'trainable', 'weights', 'inputDType']);

export interface MappedArguments {
  params: Record<string, WrittenValue>;
  otherArgs: Record<string, WrittenValue>;
  notes: string[];
}

/** An argument to match against a signature: by keyword or by position; a spread is not analysed. */
export interface ArgumentLike {
  readonly keyword?: string;
  readonly spread?: string;
}

/** What matching does with each argument; `problem` is an argument that fits no slot, `note` a remark. */
export interface ArgumentMatcher<A extends ArgumentLike> {
  readonly assign: (slot: Slot, arg: A, via: string) => void;
  readonly problem: (message: string, arg: A) => void;
  readonly note: (message: string) => void;
}

/**
 * Matches written arguments to a signature's slots as the library would: positions after the inputs,
 * keywords by name, deprecated names onto their replacements, keywords every call accepts skipped. Shared by
 * the recognizers (problems become notes) and the snippet evaluator (problems become positioned errors).
 */
export function matchArguments<A extends ArgumentLike>(args: readonly A[], site: SignatureSite, matcher: ArgumentMatcher<A>): void {
  let positional = 0;
  for (const arg of args) {
    if (arg.spread) {
      matcher.note(`${site.label}: \`${arg.spread}\` is not analysed`);
      continue;
    }
    if (arg.keyword === undefined) {
      const index = positional++ - site.inputs;
      if (index < 0) continue;
      const slot = site.slots[index];
      if (slot) matcher.assign(slot, arg, 'positionally');
      else matcher.problem(`${site.label} takes ${describeCount(site.slots.length)} after the input; argument ${positional} is unexpected`, arg);
      continue;
    }
    const keyword = arg.keyword;
    const slot = site.slots.find((candidate) => candidate.name === keyword);
    if (slot) {
      matcher.assign(slot, arg, 'by keyword');
      continue;
    }
    const replacement = site.deprecated?.[keyword];
    const replacementSlot = replacement === undefined ? undefined : site.slots.find((candidate) => candidate.name === replacement);
    if (replacementSlot) {
      matcher.note(`${site.label}: \`${keyword}\` is deprecated; its value is used as \`${replacementSlot.name}\``);
      matcher.assign(replacementSlot, arg, `by keyword \`${keyword}\``);
      continue;
    }
    if (site.ignored?.has(keyword)) continue;
    const known = site.slots.map((candidate) => `\`${candidate.name}\``);
    const hint = site.hint?.(keyword);
    matcher.problem(
      `${site.label} has no ${site.style === 'python' ? 'argument' : 'option'} \`${keyword}\`` +
        (known.length ? ` (expected ${known.join(', ')})` : ` (it takes no ${site.style === 'python' ? 'parameters' : 'options'})`) +
        (hint ? `; ${hint}` : ''),
      arg,
    );
  }
}

/** Maps written arguments onto a signature's slots; anything that does not fit becomes a note, never an error. */
export function mapArguments(args: readonly WrittenArgument[], site: SignatureSite, read: ValueReader): MappedArguments {
  const mapped: MappedArguments = { params: {}, otherArgs: {}, notes: [] };
  const seen = new Set<string>();
  const note = (message: string): void => {
    mapped.notes.push(message);
  };
  matchArguments(args, site, {
    assign: (slot, arg, via) => {
      const value = read(arg.first, arg.last);
      if (value === undefined) return;
      if (seen.has(slot.name)) note(`${site.label}: \`${slot.name}\` is given more than once (${via})`);
      seen.add(slot.name);
      if (slot.target) mapped.params[slot.target] = value;
      else mapped.otherArgs[slot.name] = value;
    },
    problem: note,
    note,
  });
  return mapped;
}

/** The arguments with their offsets, values read as `read` reads them (for checks that point at an argument). */
export function argumentSpans(tokens: TokenIndex, args: readonly WrittenArgument[], read: ValueReader): ArgumentSpan[] {
  return args.map((arg) => {
    const span: Mutable<ArgumentSpan> = { start: tokens.start[arg.first], end: tokens.end[arg.last], value: arg.spread ? undefined : read(arg.first, arg.last) };
    if (arg.keyword !== undefined) span.keyword = arg.keyword;
    if (arg.keywordToken !== undefined) {
      span.keywordStart = tokens.start[arg.keywordToken];
      span.keywordEnd = tokens.end[arg.keywordToken];
    }
    if (arg.spread !== undefined) span.spread = arg.spread;
    return span;
  });
}

const describeCount = (count: number): string => (count === 0 ? 'no arguments' : count === 1 ? 'one argument' : `${count} arguments`);

const SLOTS = new WeakMap<ActivationSpec, Partial<Record<Flavour, readonly Slot[]>>>();

/** An activation's parameters as a flavour spells them, as signature slots (memoised: read on every reference). */
export function slotsOf(spec: ActivationSpec, flavour: Flavour): readonly Slot[] {
  let byFlavour = SLOTS.get(spec);
  if (!byFlavour) SLOTS.set(spec, (byFlavour = {}));
  return (byFlavour[flavour] ??= paramsOf(spec, flavour).map(({ name, target }) => ({ name, target })));
}

/** A hint when a keyword is another flavour's spelling of a parameter (Keras 2 relu's `alpha`). */
export function flavourHint(spec: ActivationSpec, flavour: Flavour): (keyword: string) => string | undefined {
  return (keyword) => {
    for (const other of ['keras3', 'keras2'] as const) {
      if (other === flavour) continue;
      const param = paramsOf(spec, other).find((candidate) => candidate.name === keyword);
      if (param && param.name !== param.target) return `\`${keyword}\` is ${FLAVOUR_LABELS[other]}'s name for \`${param.target}\``;
      if (param && !paramsOf(spec, flavour).some((candidate) => candidate.name === keyword)) return `\`${keyword}\` exists only in ${FLAVOUR_LABELS[other]}`;
    }
    return undefined;
  };
}

/** Tokens first..last as a value that is not a literal: their source, whitespace collapsed, at most 80 characters. */
export function nonLiteral(tokens: TokenIndex, first: number, last: number): { readonly nonLiteral: string } {
  const start = tokens.start[first];
  // Only the beginning is shown: never copy a long argument whole.
  const compact = tokens.text.slice(start, Math.min(tokens.end[last], start + 200)).replace(/\s+/g, ' ').trim();
  return { nonLiteral: compact.length > 80 ? `${compact.slice(0, 79)}…` : compact };
}

/** Parses a number as Python or JavaScript writes it (`1_000`, `0x1F`, `.5`, `1e-3`); undefined if it is not one. */
export function parseNumberLiteral(text: string): number | undefined {
  // Underscores separate digits (`1_000`, `0x_1F`); anywhere else (`1__0`, `1_`) the literal is invalid.
  if (/^_|__|_$|_\.|\._/.test(text) || (!/^0x/i.test(text) && /_e|e_/i.test(text))) return undefined;
  const clean = text.replace(/_/g, '');
  if (/^0[xob]/i.test(clean)) {
    const value = Number(clean.toLowerCase());
    return Number.isNaN(value) ? undefined : value;
  }
  if (!/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(clean)) return undefined;
  return Number(clean);
}

/**
 * Python's `float(text)` of a string: `' -Infinity '`, `'nan'`, `'1_000.5'`, `'+.5e1'`; undefined where
 * Python raises ValueError (`'0x10'`, `'1__0'`, `'_1'`: no radix prefixes, underscores only between digits).
 */
export function pythonFloatFromString(text: string): number | undefined {
  const trimmed = text.trim().replace(/_/g, (match, at: number, all: string) => (/\d/.test(all[at - 1] ?? '') && /\d/.test(all[at + 1] ?? '') ? '' : match));
  if (/^[+-]?(inf|infinity)$/i.test(trimmed)) return trimmed.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(trimmed)) return NaN;
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) return Number(trimmed);
  return undefined;
}

/** Decodes the common escapes of a short string literal's content. */
export function unescapeString(content: string): string {
  if (!content.includes('\\')) return content;
  return content.replace(/\\(.)/gs, (_, ch: string) => ({ n: '\n', t: '\t', r: '\r', '0': '\0' })[ch] ?? ch);
}

/**
 * A reference before its parameters are settled: what a recognizer found at one site, with its arguments
 * mapped (if called). A recognizer may still fill in the call it is an argument of (`layer`, `keyword`, `callee`).
 */
export type ReferenceDraft = Pick<ActivationReference, 'spec' | 'flavour' | 'api' | 'written' | 'start' | 'end' | 'symbol' | 'op' | 'implied' | 'notes'> &
  Mutable<Pick<ActivationReference, 'layer' | 'keyword' | 'callee'>> & {
    readonly mapped?: MappedArguments;
    readonly site?: SignatureSite;
    readonly arguments?: readonly ArgumentSpan[];
  };

/** The final reference: implied values drop what the site writes; notes gather. */
export function toReference(draft: ReferenceDraft): ActivationReference {
  const params = draft.mapped?.params ?? {};
  const implied: Record<string, ParamValue> = {};
  for (const name in draft.implied) if (!(name in params)) implied[name] = draft.implied[name];
  const reference: Mutable<ActivationReference> = {
    name: draft.spec.name,
    spec: draft.spec,
    flavour: draft.flavour,
    api: draft.api,
    written: draft.written,
    start: draft.start,
    end: draft.end,
    params,
    implied,
    otherArgs: draft.mapped?.otherArgs ?? {},
    // Always a fresh array: draft notes may come from a memo.
    notes: draft.notes.length || draft.mapped?.notes.length ? [...draft.notes, ...(draft.mapped?.notes ?? [])] : [],
  };
  if (draft.symbol !== undefined) reference.symbol = draft.symbol;
  if (draft.layer !== undefined) reference.layer = draft.layer;
  if (draft.op !== undefined) reference.op = draft.op;
  if (draft.keyword !== undefined) reference.keyword = draft.keyword;
  if (draft.callee !== undefined) reference.callee = draft.callee;
  if (draft.site !== undefined) reference.site = draft.site;
  if (draft.arguments !== undefined) reference.arguments = draft.arguments;
  return reference;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** An activation identifier resolved in a flavour. */
export interface ResolvedIdentifier {
  readonly spec: ActivationSpec;
  readonly flavour: Flavour;
  readonly fixed: Readonly<Record<string, ParamValue>>;
  readonly notes: readonly string[];
}

/**
 * An activation identifier in a flavour; when that library lacks it (Keras 2 `'hard_silu'`), Keras 3's
 * function with a note saying so.
 */
export function resolveIdentifier(identifier: string, flavour: Flavour, what: string): ResolvedIdentifier | undefined {
  // Memoised per flavour and wording without building a composite key (this runs for every reference).
  const byWhat = (IDENTIFIERS[flavour] ??= new Map());
  let memo = byWhat.get(what);
  if (!memo) byWhat.set(what, (memo = new Map()));
  if (memo.has(identifier)) return memo.get(identifier);
  // Identifiers come from user text: keep the memo bounded.
  if (memo.size > 2000) memo.clear();
  const resolved = lookUpIdentifier(identifier, flavour, what);
  memo.set(identifier, resolved);
  return resolved;
}

const IDENTIFIERS: Partial<Record<Flavour, Map<string, Map<string, ResolvedIdentifier | undefined>>>> = {};

function lookUpIdentifier(identifier: string, flavour: Flavour, what: string): ResolvedIdentifier | undefined {
  const own = findIdentifier(identifier, flavour);
  if (own?.spec) return { spec: own.spec, flavour, fixed: own.fixed, notes: [] };
  if (flavour === 'keras3') return undefined;
  const keras3 = findIdentifier(identifier, 'keras3')?.spec;
  if (!keras3) return undefined;
  return { spec: keras3, flavour: 'keras3', fixed: {}, notes: [`${FLAVOUR_LABELS[flavour]} has no ${what} '${identifier}' (it would fail there); this is Keras 3's ${keras3.name}`] };
}

/**
 * The values a layer implies for the activation's parameters: its own defaults as the library writes
 * them (0.3, not its float32 rounding) and the values it fixes (PReLU's initial slope 0).
 */
export function layerDefaults(layer: LayerSpec): Readonly<Record<string, ParamValue>> {
  const cached = LAYER_DEFAULTS.get(layer);
  if (cached) return cached;
  const implied: Record<string, ParamValue> = {};
  for (const param of layer.params) {
    if (param.target && param.default !== undefined && typeof param.default !== 'string') implied[param.target] = param.default;
  }
  const defaults = { ...implied, ...layer.fixed };
  LAYER_DEFAULTS.set(layer, defaults);
  return defaults;
}

const LAYER_DEFAULTS = new WeakMap<LayerSpec, Readonly<Record<string, ParamValue>>>();

export { literalParams } from '../core';
