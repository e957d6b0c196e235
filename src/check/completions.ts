// Write-time help that is not a diagnostic: what to offer inside `activation='|'` (every identifier the
// site's library and version accept), after `keras.activations.` / `keras.ops.` / `tf.nn.` (the activation
// functions with their signatures), as argument names inside `LeakyReLU(|` (with defaults), and the signature
// of the activation call around the cursor. Pure. The site is recognised by the recognizers themselves: the
// text with a known name put where the cursor is (`'relu'`) is read, and what it resolves to says the site.
import { ACTIVATIONS, OPS, formulaFor, paramsOf, resolveParams, type ActivationSpec, type Flavour, type OpSpec, type ParamValue } from '../core';
import { addedIn } from '../core/catalog/since';
import { analyzeDocument, referenceAt, withPythonContext, type ActivationReference, type CodeDocumentIndex } from '../language';
import { pythonStringParts } from '../language/pythonLexer';
import { scriptStringParts } from '../language/scriptLexer';
import { TokenKind, isName, isOp, tokensAt, tokenText, type TokenIndex } from '../language/tokens';
import { curveImage, formatValue, formulaImage } from '../render/hover';
import type { ThemeKind } from '../render/theme';
import { availabilityAt, functionsIn, identifiersIn } from './library';
import type { CheckKeras } from './types';

export interface CompletionEntry {
  readonly label: string;
  /** `relu(x, negative_slope=0.0, …)`, `negative_slope=0.3`. */
  readonly detail: string;
  readonly insertText: string;
  /** The activation it names or belongs to, for the documentation. */
  readonly spec?: ActivationSpec;
  readonly flavour: Flavour;
  /** Parameters an identifier fixes (tfjs `gelu_new`: approximate=True), drawn in its curve. */
  readonly fixed?: Readonly<Record<string, ParamValue>>;
  readonly description?: string;
}

export interface Completions {
  readonly kind: 'identifier' | 'member' | 'argument';
  /** The text the chosen entry replaces (what is typed of it so far). */
  readonly start: number;
  readonly end: number;
  readonly entries: readonly CompletionEntry[];
}

const PROBE = 'relu';

/** The document's text with `replacement` at [start, end), read as the recognizers read the original. */
function probe(index: CodeDocumentIndex, start: number, end: number, replacement: string, keras: CheckKeras): ActivationReference | undefined {
  const text = index.text.slice(0, start) + replacement + index.text.slice(end);
  const analysed = analyzeDocument(text, index.language);
  const probed = analysed.language === 'python' && index.language === 'python' ? withPythonContext(analysed, index.context) : analysed;
  const reference = referenceAt(probed, start + 1, { kerasVersion: keras.major });
  return reference?.start === start ? reference : undefined;
}

export function completionsAt(index: CodeDocumentIndex, offset: number, keras: CheckKeras): Completions | undefined {
  return identifierCompletions(index, offset, keras) ?? memberCompletions(index, offset, keras) ?? argumentCompletions(index, offset);
}

/** Inside the quotes of an activation string: every identifier its library accepts. */
function identifierCompletions(index: CodeDocumentIndex, offset: number, keras: CheckKeras): Completions | undefined {
  const tokens = index.tokens;
  const token = tokensAt(tokens, offset).find((i) => tokens.kind[i] === TokenKind.String && tokens.start[i] < offset);
  if (token === undefined) return undefined;
  const parts = index.language === 'python' ? pythonStringParts(index.text, tokens.start[token], tokens.end[token]) : scriptStringParts(index.text, tokens.start[token], tokens.end[token]);
  if (offset < parts.contentStart || offset > parts.contentEnd) return undefined;
  const reference = probe(index, parts.contentStart, parts.contentEnd, PROBE, keras);
  if (reference?.api !== 'activation string' && reference?.api !== 'activations.get') return undefined;
  const entries = identifiersIn(reference.flavour, keras).map(({ identifier, spec }): CompletionEntry => {
    const fixed = reference.flavour === 'keras3' ? undefined : spec[reference.flavour]?.fixedBy?.[identifier];
    return { label: identifier, detail: `${spec.title}${identifier === spec.name ? '' : ` (${spec.name})`}`, insertText: identifier, spec, flavour: reference.flavour, ...(fixed ? { fixed } : {}) };
  });
  return { kind: 'identifier', start: parts.contentStart, end: parts.contentEnd, entries };
}

/** After `keras.activations.`, `keras.ops.` or `tf.nn.`: the activation functions there. */
function memberCompletions(index: CodeDocumentIndex, offset: number, keras: CheckKeras): Completions | undefined {
  if (index.language !== 'python') return undefined;
  const tokens = index.tokens;
  const word = tokensAt(tokens, offset).find((i) => isName(tokens, i) && tokens.end[i] === offset);
  const start = word === undefined ? offset : tokens.start[word];
  const dot = word === undefined ? tokensAt(tokens, offset).find((i) => isOp(tokens, i, '.') && tokens.end[i] === offset) : word - 1;
  if (dot === undefined || !isOp(tokens, dot, '.')) return undefined;
  const reference = probe(index, start, offset, PROBE, keras);
  if (!reference) return undefined;
  let entries: CompletionEntry[];
  if (reference.api === 'keras.activations') {
    const flavour = reference.flavour === 'keras2' ? 'keras2' : 'keras3';
    entries = functionsIn(flavour, keras).map(({ identifier, spec }) => functionEntry(identifier, spec, flavour, paramsOf(spec, flavour).map((param) => `${param.name}=${defaultText(param.default)}`)));
  } else if (reference.api === 'keras.ops' || reference.api === 'tf.nn') {
    const namespace = reference.op?.namespace;
    const submodule = reference.op?.submodule;
    const inSubmodule = reference.symbol !== undefined && /\.ops\.nn\./.test(reference.symbol);
    entries = OPS.filter((op) => op.namespace === namespace && (!inSubmodule || op.submodule === submodule) && opAvailable(op, keras)).flatMap((op) => {
      const spec = ACTIVATIONS.find((candidate) => candidate.name === op.activation);
      return spec ? [functionEntry(op.name, spec, op.flavour, op.params.map((param) => `${param.name}=${defaultText(opDefault(op, spec, param.target))}`))] : [];
    });
  } else {
    return undefined;
  }
  return { kind: 'member', start, end: offset, entries };
}

const opAvailable = (op: OpSpec, keras: CheckKeras): boolean => op.namespace !== 'keras.ops' || availabilityAt('keras3', keras, `keras.ops.${op.name}`)?.availability !== 'missing';

function opDefault(op: OpSpec, spec: ActivationSpec, target: string | undefined): ParamValue | string | undefined {
  if (target === undefined) return null;
  return op.defaults?.[target] ?? spec.params.find((param) => param.name === target)?.default;
}

function functionEntry(name: string, spec: ActivationSpec, flavour: Flavour, params: readonly string[]): CompletionEntry {
  return { label: name, detail: `${name}(${['x', ...params].join(', ')})`, insertText: name, spec, flavour };
}

const defaultText = (value: ParamValue | string | undefined): string => (value === undefined ? '…' : typeof value === 'string' ? `'${value}'` : formatValue(value, true));

/** Inside the parentheses of an activation call, where an argument's name goes: its parameters not yet written. */
function argumentCompletions(index: CodeDocumentIndex, offset: number): Completions | undefined {
  const call = callAt(index, offset);
  if (!call || call.valuePosition) return undefined;
  const { reference } = call;
  const written = new Set((reference.arguments ?? []).map((span) => span.keyword));
  const python = index.language === 'python';
  const entries = parametersOf(reference)
    .filter((param) => !written.has(param.name) || param.name === call.word)
    .map((param): CompletionEntry => ({
      label: param.name,
      detail: `${param.name}${python ? '=' : ': '}${param.defaultText}`,
      insertText: `${param.name}${python ? '=' : ': '}`,
      spec: reference.spec,
      flavour: reference.flavour,
      description: param.description,
    }));
  return { kind: 'argument', start: call.wordStart, end: offset, entries };
}

interface Parameter {
  readonly name: string;
  readonly defaultText: string;
  readonly description: string;
}

/** The parameters a call site takes, as it spells them, with the defaults it has (a layer's own). */
function parametersOf(reference: ActivationReference): Parameter[] {
  const site = reference.site;
  if (!site) return [];
  const python = site.style === 'python';
  return site.slots.map((slot) => {
    const layerParam = reference.api === 'layer' ? reference.layer?.params.find((param) => param.name === slot.name) : undefined;
    const own = slot.target === undefined ? undefined : (paramsOf(reference.spec, reference.flavour).find((param) => param.target === slot.target) ?? reference.spec.params.find((param) => param.name === slot.target));
    const implied = slot.target === undefined ? undefined : reference.implied[slot.target];
    const value = layerParam ? layerParam.default : implied !== undefined ? implied : slot.target === undefined ? null : own?.default;
    const text = value === undefined ? 'required' : typeof value === 'string' ? `'${value}'` : formatValue(value, python);
    return { name: slot.name, defaultText: text, description: layerParam?.description ?? own?.description ?? '' };
  });
}

interface CallAt {
  readonly reference: ActivationReference;
  /** Index of the argument the cursor is in (after the inputs for a function). */
  readonly argument: number;
  /** The keyword written before the cursor in this argument, if any. */
  readonly keyword?: string;
  readonly valuePosition: boolean;
  readonly wordStart: number;
  readonly word?: string;
}

/** The activation call whose argument list holds `offset` (a tfjs layer's options object counts as its arguments). */
function callAt(index: CodeDocumentIndex, offset: number): CallAt | undefined {
  const tokens = index.tokens;
  let open = enclosingBracket(tokens, offset);
  let list = open;
  if (open !== -1 && isOp(tokens, open, '{') && index.language !== 'python') open = tokens.parent[open];
  if (open === -1 || !isOp(tokens, open, '(') || !isName(tokens, open - 1)) return undefined;
  const reference = referenceAt(index, tokens.start[open - 1], {});
  if (!reference?.site || reference.end !== tokens.end[open - 1]) return undefined;
  if (list !== open && reference.api !== 'layer') list = open;
  // The argument the cursor is in: commas directly inside the list before it; its first token.
  let argument = 0;
  let first = list + 1;
  for (let j = list + 1; j < tokens.count && tokens.start[j] < offset; j++) {
    if (tokens.parent[j] === list && isOp(tokens, j, ',')) {
      argument++;
      first = j + 1;
    }
  }
  const separator = index.language === 'python' ? '=' : ':';
  const before = lastTokenBefore(tokens, offset);
  let keyword: string | undefined;
  let valuePosition = false;
  if (first <= before) {
    if (isName(tokens, first) && isOp(tokens, first + 1, separator) && tokens.end[first + 1] <= offset) {
      keyword = tokenText(tokens, first);
      valuePosition = true;
    } else {
      // Anything but the name being typed is a positional value.
      valuePosition = !(first === before && isName(tokens, first) && tokens.end[first] === offset);
    }
  }
  const wordToken = tokensAt(tokens, offset).find((i) => isName(tokens, i) && tokens.end[i] === offset);
  const wordStart = wordToken === undefined ? offset : tokens.start[wordToken];
  return { reference, argument, ...(keyword ? { keyword } : {}), valuePosition, wordStart, ...(wordToken !== undefined ? { word: tokenText(tokens, wordToken) } : {}) };
}

/** The index of the last token that starts before `offset`, or -1. */
function lastTokenBefore(tokens: TokenIndex, offset: number): number {
  let lo = 0;
  let hi = tokens.count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens.start[mid] < offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The innermost bracket open at `offset` (opened before it, closed at or after it), or -1. */
function enclosingBracket(tokens: TokenIndex, offset: number): number {
  for (let i = lastTokenBefore(tokens, offset); i !== -1; i = tokens.parent[i]) {
    if (tokens.kind[i] === TokenKind.Open && tokens.end[i] <= offset) {
      const close = tokens.match[i];
      if (close === -1 || tokens.start[close] >= offset) return i;
    }
    if (tokens.kind[i] === TokenKind.Close && tokens.match[i] !== -1) i = tokens.match[i];
  }
  return -1;
}

export interface SignatureModel {
  readonly label: string;
  readonly documentation: string;
  readonly parameters: readonly { readonly label: string; readonly documentation: string }[];
  readonly activeParameter: number;
}

/** The signature of the activation function, op or layer whose call holds the cursor. */
export function signatureAt(index: CodeDocumentIndex, offset: number): SignatureModel | undefined {
  const call = callAt(index, offset);
  if (!call) return undefined;
  const { reference } = call;
  const site = reference.site;
  if (!site) return undefined;
  const python = site.style === 'python';
  const parameters = parametersOf(reference).map((param) => ({ label: `${param.name}${python ? '=' : ': '}${param.defaultText}`, documentation: param.description }));
  const inputs = Array.from({ length: site.inputs }, () => ({ label: python ? 'x' : 'x', documentation: 'The input tensor.' }));
  const all = [...inputs, ...parameters];
  const name = site.label.replace(/^(Keras [23]|TensorFlow\.js) /, '');
  const objectStyle = !python && reference.api === 'layer';
  const label = objectStyle ? `${name}({ ${parameters.map((param) => param.label).join(', ')} })` : `${name}(${all.map((param) => param.label).join(', ')})`;
  let active = call.keyword !== undefined ? site.inputs + site.slots.findIndex((slot) => slot.name === call.keyword) : objectStyle ? -1 : call.argument;
  if (active < 0 || active >= all.length) active = objectStyle ? 0 : Math.min(call.argument, all.length - 1);
  return { label, documentation: `${reference.spec.title}: ${reference.spec.summary}`, parameters: all, activeParameter: active };
}

/** An entry's documentation: the formula typeset and the curve for its defaults (or fixed parameters), as markdown. */
export function entryDocumentation(entry: CompletionEntry, theme: ThemeKind): string {
  const spec = entry.spec;
  if (!spec) return entry.description ?? '';
  const lines = [`**${spec.name}** · ${spec.title}`, ''];
  if (entry.description) lines.push(entry.description, '');
  let params;
  try {
    params = resolveParams(spec, entry.fixed ?? {});
  } catch {
    params = undefined; // a required parameter (threshold): no curve
  }
  lines.push(formulaImage(formulaFor(spec, params ?? {}, entry.flavour).formula, theme), '');
  if (params) lines.push(curveImage(spec, params, entry.flavour, theme), '');
  lines.push(spec.summary.replace(/([<|])/g, '\\$1'));
  const added = entry.flavour !== 'tfjs' ? addedIn(entry.flavour, `keras.activations.${spec.name}`)?.added : undefined;
  if (added?.evidence === 'history') lines.push('', `_Since ${entry.flavour === 'keras3' ? 'Keras' : 'TensorFlow'} ${added.version.replace(/\.0$/, '')}._`);
  return lines.join('\n');
}
