// Recognises TensorFlow.js activations in TypeScript and JavaScript: `activation: '…'` options of any
// `tf.layers.*` factory, the activation layer factories (`tf.layers.leakyReLU({alpha})`, …), the ops
// (`tf.relu(x)`, `tf.leakyRelu(x, 0.2)`, …) and tensor methods (`x.relu()`), with tfjs' own identifiers
// and definitions (flavour `tfjs`).
//
// `tf` means TensorFlow.js unless the file binds it otherwise; any import or require of a
// `@tensorflow/tfjs*` module binds its names (`import * as tfjs`, `import { layers, relu as r }`,
// `const { layers } = require(…)`). Tensor methods are recognised only in files that use TensorFlow.js
// (such an import, or the `tf` namespace), only on receivers that are not `Math`, `this` or another
// library's import, and only with no more arguments than the op takes — so `Math.tanh(x)` or an
// unrelated `obj.sigmoid(a, b)` never count.
import { FLAVOUR_LABELS, findActivation, findLayers, findOp, type LayerSpec, type OpSpec } from '../core';
import {
  argumentSpans,
  layerDefaults,
  mapArguments,
  nonLiteral,
  parseNumberLiteral,
  resolveIdentifier,
  TFJS_LAYER_OPTIONS,
  toReference,
  unescapeString,
  type ActivationReference,
  type RecognizeOptions,
  type SignatureSite,
  type WrittenArgument,
  type WrittenValue,
} from './reference';
import { changedRange, editAgainst } from './positions';
import { scriptStringParts, tokenizeScript } from './scriptLexer';
import { TokenKind, bracketItems, dottedNameStart, dottedNames, isDot, isName, isOp, lastTokenFrom, spliceTokens, tokenStartingAt, tokenText, tokensAt, type TokenIndex } from './tokens';

export type ScriptLanguage = 'typescript' | 'javascript';

/** A name's meaning: a path inside the TensorFlow.js namespace (`[]` is the namespace itself), another library's import, or a local declaration. */
export type ScriptBinding =
  | { readonly kind: 'tfjs'; readonly path: readonly string[] }
  | { readonly kind: 'foreign' }
  | { readonly kind: 'local' };

export interface ScriptDocumentIndex {
  readonly language: ScriptLanguage;
  readonly text: string;
  readonly tokens: TokenIndex;
  readonly bindings: ReadonlyMap<string, ScriptBinding>;
  /** Names in TensorFlow.js import specifiers and destructured requires, by token: their path in the namespace. */
  readonly importSites: ReadonlyMap<number, readonly string[]>;
  /** Whether the file uses TensorFlow.js (an import or require of it, or the `tf` namespace): enables tensor methods. */
  readonly usesTfjs: boolean;
  /** Whether it imports or requires TensorFlow.js itself (then it uses it whatever else it says). */
  readonly importsTfjs: boolean;
  /** Start and end offsets of each `/** … *\/` comment, in pairs: where JSDoc examples may hold code. */
  readonly docComments: readonly number[];
  /** A version from before an edit that left a bracket or template open to the end of the text: the next re-read starts from it (`reanalyzeScript`). */
  readonly earlier?: ScriptDocumentIndex;
}

/** What earlier code gives a piece of TS/JS (a Markdown fence after others): its names and whether it used TensorFlow.js. */
export interface ScriptContext {
  readonly bindings: ReadonlyMap<string, ScriptBinding>;
  readonly usesTfjs: boolean;
}

/** Whether a module specifier is a TensorFlow.js package (`@tensorflow/tfjs`, `@tensorflow/tfjs-node`, …). */
export const isTfjsModule = (module: string): boolean => /^@tensorflow\/tfjs(-[\w-]+)?$/.test(module);

/** Lexes a document and reads its imports (after its own, the context's names); cache the result per document version. */
export function analyzeScript(text: string, language: ScriptLanguage = 'typescript', context?: ScriptContext): ScriptDocumentIndex {
  const docComments: number[] = [];
  return indexOf(text, language, tokenizeScript(text, docComments), docComments, context);
}

/** The index over a text's tokens: its names (after its own, the context's) and whether it uses TensorFlow.js. */
function indexOf(text: string, language: ScriptLanguage, tokens: TokenIndex, docComments: readonly number[], context: ScriptContext | undefined): ScriptDocumentIndex {
  const { bindings, importsTfjs, importSites } = readBindings(tokens);
  if (context) for (const [name, binding] of context.bindings) if (!bindings.has(name)) bindings.set(name, binding);
  const usesTfjs = importsTfjs || (context?.usesTfjs ?? false);
  return { language, text, tokens, bindings, importSites, usesTfjs: usesTfjs || usesNamespace(tokens, bindings), importsTfjs, docComments };
}

/** Whether the code uses the `tf` namespace (`tf.…`, not `x.tf.…`) with `tf` unbound or TensorFlow.js. */
function usesNamespace(tokens: TokenIndex, bindings: ReadonlyMap<string, ScriptBinding>): boolean {
  const tf = bindings.get('tf');
  if (tf !== undefined && tf.kind !== 'tfjs') return false;
  for (let i = 0; i + 1 < tokens.count; i++) if (isName(tokens, i, 'tf') && isOp(tokens, i + 1, '.') && !isOp(tokens, i - 1, '.')) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------------
// Imports, requires and declarations

const RANK: Readonly<Record<ScriptBinding['kind'], number>> = { tfjs: 3, foreign: 2, local: 1 };

/** The first letters of `import`, `require`, `function`, `class`, `const`, `let` and `var`. */
const BINDING_INITIALS = new Set([...'irfclv'].map((letter) => letter.charCodeAt(0)));

function readBindings(tokens: TokenIndex): { bindings: Map<string, ScriptBinding>; importsTfjs: boolean; importSites: Map<number, readonly string[]> } {
  const bindings = new Map<string, ScriptBinding>();
  const importSites = new Map<number, readonly string[]>();
  let importsTfjs = false;
  readBindingsBetween(tokens, 0, tokens.count, {
    bind: (name, binding) => {
      const existing = bindings.get(name);
      if (!existing || RANK[existing.kind] < RANK[binding.kind]) bindings.set(name, binding);
    },
    importsTfjs: () => (importsTfjs = true),
    site: (token, path) => importSites.set(token, path),
  });
  return { bindings, importsTfjs, importSites };
}

/** What a file's statements bind, in order: folded into its names, or (for the tokens an edit touched) compared with what they bound before it. */
interface BindingSink {
  bind(name: string, binding: ScriptBinding): void;
  importsTfjs(): void;
  /** A name of an import specifier or destructured require of TensorFlow.js, by token: its path in the namespace. */
  site(token: number, path: readonly string[]): void;
}

/** Reads the imports, requires and declarations that start in tokens [from, to). */
function readBindingsBetween(tokens: TokenIndex, from: number, to: number, sink: BindingSink): void {
  const bindNamed = (module: string, named: readonly NamedImport[]): void => {
    for (const { local, path, sites } of named) {
      sink.bind(local, moduleBinding(module, path));
      if (isTfjsModule(module)) for (const site of sites) sink.site(site, path);
    }
  };
  const moduleBinding = (module: string, path: readonly string[]): ScriptBinding => (isTfjsModule(module) ? { kind: 'tfjs', path } : { kind: 'foreign' });
  const text = tokens.text;
  for (let i = from; i < to; i++) {
    // Only words that begin with i, r, f, c, l or v bind anything: most names are passed over unread.
    if (tokens.kind[i] !== TokenKind.Name || !BINDING_INITIALS.has(text.charCodeAt(tokens.start[i])) || isOp(tokens, i - 1, '.') || isOp(tokens, i - 1, '?.')) continue;
    const word = tokenText(tokens, i);
    if (word === 'import' && !isOp(tokens, i + 1, '(') && !isOp(tokens, i + 1, '.')) {
      const statement = readImport(tokens, i + 1);
      if (!statement) continue;
      if (isTfjsModule(statement.module)) sink.importsTfjs();
      bindNamed(statement.module, statement.names);
      i = statement.end;
    } else if (word === 'require' && isOp(tokens, i + 1, '(') && tokens.kind[i + 2] === TokenKind.String && isOp(tokens, i + 3, ')')) {
      const module = stringValue(tokens, i + 2);
      if (module === undefined) continue;
      if (isTfjsModule(module)) sink.importsTfjs();
      // `X = require(M)` or `{ a, b: c } = require(M)`.
      if (isOp(tokens, i - 1, '=')) {
        if (isName(tokens, i - 2)) sink.bind(tokenText(tokens, i - 2), moduleBinding(module, []));
        else if (isOp(tokens, i - 2, '}') && tokens.match[i - 2] !== -1) {
          bindNamed(module, readNamedList(tokens, tokens.match[i - 2], ':'));
        }
      }
    } else if ((word === 'function' || word === 'class') && isName(tokens, i + 1)) {
      sink.bind(tokenText(tokens, i + 1), { kind: 'local' });
    } else if ((word === 'const' || word === 'let' || word === 'var') && isName(tokens, i + 1) && !(isName(tokens, i + 3, 'require') || isName(tokens, i + 3, 'await'))) {
      sink.bind(tokenText(tokens, i + 1), { kind: 'local' });
    }
  }
}

/** One imported name: the local binding, its path in the module, and the tokens that name it. */
interface NamedImport {
  readonly local: string;
  readonly path: readonly string[];
  readonly sites: readonly number[];
}

interface ImportStatement {
  readonly module: string;
  readonly names: NamedImport[];
  readonly end: number;
}

/** `import` clauses from just after `import`: `* as X`, a default `X`, `{ a, b as c }`, `X = require(M)`, `'M'`. */
function readImport(tokens: TokenIndex, i: number): ImportStatement | undefined {
  const names: NamedImport[] = [];
  if (isName(tokens, i, 'type') && !isName(tokens, i + 1, 'from')) i++;
  if (tokens.kind[i] === TokenKind.String) {
    const module = stringValue(tokens, i);
    return module === undefined ? undefined : { module, names, end: i };
  }
  for (let guard = 0; guard < 4; guard++) {
    if (isOp(tokens, i, '*') && isName(tokens, i + 1, 'as') && isName(tokens, i + 2)) {
      names.push({ local: tokenText(tokens, i + 2), path: [], sites: [] });
      i += 3;
    } else if (isOp(tokens, i, '{') && tokens.match[i] !== -1) {
      names.push(...readNamedList(tokens, i, 'as'));
      i = tokens.match[i] + 1;
    } else if (isName(tokens, i) && !isName(tokens, i, 'from')) {
      const local = tokenText(tokens, i);
      if (isOp(tokens, i + 1, '=') && isName(tokens, i + 2, 'require') && tokens.kind[i + 4] === TokenKind.String) {
        const module = stringValue(tokens, i + 4);
        return module === undefined ? undefined : { module, names: [{ local, path: [], sites: [] }], end: i + 5 };
      }
      names.push({ local, path: [], sites: [] });
      i++;
    }
    if (isOp(tokens, i, ',')) {
      i++;
      continue;
    }
    break;
  }
  if (!isName(tokens, i, 'from') || tokens.kind[i + 1] !== TokenKind.String) return undefined;
  const module = stringValue(tokens, i + 1);
  return module === undefined ? undefined : { module, names, end: i + 1 };
}

/** `{ a, b as c }` (imports) or `{ a, b: c }` (destructuring) at the `{` token: [local name, path]. */
function readNamedList(tokens: TokenIndex, open: number, renamer: 'as' | ':'): NamedImport[] {
  const names: NamedImport[] = [];
  for (const { first, last } of bracketItems(tokens, open)) {
    let i = first;
    if (isName(tokens, i, 'type') && isName(tokens, i + 1)) i++;
    if (!isName(tokens, i)) continue;
    const imported = tokenText(tokens, i);
    const renamed = renamer === 'as' ? isName(tokens, i + 1, 'as') : isOp(tokens, i + 1, ':');
    if (renamed && isName(tokens, i + 2) && i + 2 <= last) names.push({ local: tokenText(tokens, i + 2), path: [imported], sites: [i, i + 2] });
    else if (i === last) names.push({ local: imported, path: [imported], sites: [i] });
  }
  return names;
}

function stringValue(tokens: TokenIndex, i: number): string | undefined {
  const parts = scriptStringParts(tokens.text, tokens.start[i], tokens.end[i]);
  return parts.whole ? unescapeString(tokens.text.slice(parts.contentStart, parts.contentEnd)) : undefined;
}

/** The TensorFlow.js path a bare name stands for, or undefined. `tf` is TensorFlow.js unless bound otherwise. */
function resolveRoot(index: ScriptDocumentIndex, name: string): readonly string[] | undefined {
  const binding = index.bindings.get(name);
  if (binding) return binding.kind === 'tfjs' ? binding.path : undefined;
  return name === 'tf' ? [] : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Recognition at one token

const ACTIVATION_OPTIONS = new Set(['activation', 'recurrentActivation']);
const NOT_TENSORS = new Set(['Math', 'this', 'super', 'console', 'window', 'document', 'JSON', 'Object', 'Number', 'Array']);
const KEYWORDS = new Set(['function', 'class', 'const', 'let', 'var', 'import', 'export', 'return', 'new', 'typeof', 'true', 'false', 'null', 'undefined']);

function referenceAtToken(index: ScriptDocumentIndex, i: number, options?: RecognizeOptions): ActivationReference | undefined {
  const kind = index.tokens.kind[i];
  if (kind === TokenKind.Name) return referenceFromName(index, i);
  if (kind === TokenKind.String) return referenceFromString(index, i, options);
  return undefined;
}

function referenceFromName(index: ScriptDocumentIndex, i: number): ActivationReference | undefined {
  const tokens = index.tokens;
  const word = tokenText(tokens, i);
  if (KEYWORDS.has(word) || isName(tokens, i - 1, 'function')) return undefined;
  const site = index.importSites.get(i);
  // An object key (`{ relu: 1 }`) names nothing, unless it is a destructured require's (`{ relu: r } = require(…)`).
  const parent = tokens.parent[i];
  if (site === undefined && isOp(tokens, i + 1, ':') && parent !== -1 && isOp(tokens, parent, '{') && !isDot(tokens, i - 1)) return undefined;
  const first = site === undefined ? dottedNameStart(tokens, i) : i;
  if (first === -1) return undefined;
  const segments = dottedNames(tokens, first, i);
  const rootedInExpression = site === undefined && isDot(tokens, first - 1);
  const root = site ?? (rootedInExpression ? undefined : resolveRoot(index, segments[0]));
  const called = site === undefined && isOp(tokens, i + 1, '(');
  const base = { written: word, start: tokens.start[i], end: tokens.end[i] };
  if (root !== undefined) {
    const path = [...root, ...segments.slice(1)];
    if (path.length === 1) {
      const op = findOp('tfjs', path[0]);
      return op && opReference(index, op, base, called ? i + 1 : -1, 1, 'tfjs op', `tf.${op.name}`);
    }
    if (path.length === 2 && path[0] === 'layers') {
      const [layer] = findLayers(path[1], 'tfjs');
      return layer && layer.activation !== null ? layerReference(index, layer, base, called ? i + 1 : -1) : undefined;
    }
    return undefined;
  }
  // A tensor method: `x.relu()`, `tf.tensor(a).sigmoid()`.
  if (segments.length < 2 && !rootedInExpression) return undefined;
  if (!index.usesTfjs || !called) return undefined;
  const op = findOp('tfjs', word);
  if (!op?.method) return undefined;
  if (!rootedInExpression) {
    const receiver = segments[0];
    if (NOT_TENSORS.has(receiver) || index.bindings.get(receiver)?.kind === 'foreign') return undefined;
  }
  const argumentCount = bracketItems(tokens, i + 1).length;
  if (argumentCount > op.params.length) return undefined;
  return opReference(index, op, base, i + 1, 0, 'tfjs method', `Tensor.${op.name}`);
}

interface Base {
  readonly written: string;
  readonly start: number;
  readonly end: number;
}

function opReference(
  index: ScriptDocumentIndex,
  op: OpSpec,
  base: Base,
  open: number,
  inputs: number,
  api: 'tfjs op' | 'tfjs method',
  symbol: string,
): ActivationReference | undefined {
  const spec = findActivation(op.activation);
  if (!spec) return undefined;
  const args = open === -1 ? [] : callArguments(index, open);
  const site: SignatureSite = { label: symbol, slots: op.params, inputs, style: 'script' };
  const read = (first: number, last: number): WrittenValue | undefined => scriptValue(index, first, last);
  const mapped = mapArguments(args, site, read);
  const spans = open === -1 ? {} : { arguments: argumentSpans(index.tokens, args, read) };
  return toReference({ written: base.written, start: base.start, end: base.end, spec, flavour: 'tfjs', api, symbol, op, implied: op.defaults ?? {}, mapped, site, notes: [], ...spans });
}

function layerReference(index: ScriptDocumentIndex, layer: LayerSpec, base: Base, open: number): ActivationReference | undefined {
  const spec = findActivation(layer.activation as string);
  if (!spec) return undefined;
  const symbol = `tf.layers.${layer.name}`;
  const notes: string[] = [];
  let args: WrittenArgument[] = [];
  if (open !== -1) {
    const [config, ...rest] = bracketItems(index.tokens, open);
    if (config && isOp(index.tokens, config.first, '{') && index.tokens.match[config.first] === config.last) {
      args = objectArguments(index, config.first);
    } else if (config) {
      notes.push(`${symbol}: the options are not an object literal, so they are not analysed`);
    }
    if (rest.length) notes.push(`${symbol} takes one options object; ${rest.length} more argument${rest.length > 1 ? 's are' : ' is'} ignored`);
  }
  const site: SignatureSite = { label: `${FLAVOUR_LABELS.tfjs} ${symbol}`, slots: layer.params, inputs: 0, ignored: TFJS_LAYER_OPTIONS, style: 'script' };
  const read = (first: number, last: number): WrittenValue | undefined => scriptValue(index, first, last);
  const mapped = mapArguments(args, site, read);
  const spans = open === -1 ? {} : { arguments: argumentSpans(index.tokens, args, read) };
  return toReference({ written: base.written, start: base.start, end: base.end, spec, flavour: 'tfjs', api: 'layer', symbol, layer, implied: layerDefaults(layer), mapped, site, notes, ...spans });
}

function referenceFromString(index: ScriptDocumentIndex, i: number, options?: RecognizeOptions): ActivationReference | undefined {
  const tokens = index.tokens;
  const parts = scriptStringParts(index.text, tokens.start[i], tokens.end[i]);
  if (!parts.whole) return undefined;
  const content = index.text.slice(parts.contentStart, parts.contentEnd);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(content)) return undefined;
  // `{ …, activation: 'relu', … }` as the options of a tf.layers factory.
  const object = tokens.parent[i];
  if (object === -1 || !isOp(tokens, object, '{') || !isOp(tokens, i - 1, ':')) return undefined;
  const key = i - 2;
  const keyName = tokens.kind[key] === TokenKind.Name ? tokenText(tokens, key) : tokens.kind[key] === TokenKind.String ? stringValue(tokens, key) : undefined;
  if (keyName === undefined || !ACTIVATION_OPTIONS.has(keyName) || !(key - 1 === object || isOp(tokens, key - 1, ','))) return undefined;
  // The string must be the whole value (`'relu' as const` and `satisfies` only type it).
  const after = i + 1;
  const whole = isOp(tokens, after, ',') || (tokens.kind[after] === TokenKind.Close && tokens.match[after] === object) || after >= tokens.count || isName(tokens, after, 'as') || isName(tokens, after, 'satisfies');
  if (!whole) return undefined;
  const open = object - 1;
  if (!isOp(tokens, open, '(') || tokens.parent[object] !== open) return undefined;
  const callee = calleeBefore(index, open);
  if (!callee || callee.path.length !== 2 || callee.path[0] !== 'layers') return undefined;
  const resolved = resolveIdentifier(content, 'tfjs', 'activation');
  // Code is not camel-cased on load as Python's JSON is: only tfjs' own spelling resolves here.
  if (!resolved || resolved.flavour !== 'tfjs' || !resolved.spec.tfjs?.identifiers.includes(content)) {
    options?.onUnresolved?.({ written: content, start: parts.contentStart, end: parts.contentEnd, api: 'activation string', flavour: 'tfjs', keyword: keyName, callee: callee.written, libraryLookup: true });
  }
  if (!resolved) return undefined;
  const [factory] = findLayers(callee.path[1], 'tfjs');
  const layer = factory && factory.activation === null ? factory : undefined;
  return toReference({
    spec: resolved.spec,
    flavour: resolved.flavour,
    api: 'activation string',
    written: content,
    start: parts.contentStart,
    end: parts.contentEnd,
    layer,
    keyword: keyName,
    callee: callee.written,
    implied: resolved.fixed,
    notes: resolved.notes,
  });
}

/** The dotted callee before `(` at `open`, when it resolves into TensorFlow.js. */
function calleeBefore(index: ScriptDocumentIndex, open: number): { path: readonly string[]; written: string } | undefined {
  const tokens = index.tokens;
  const first = dottedNameStart(tokens, open - 1);
  if (first === -1 || isDot(tokens, first - 1)) return undefined;
  const segments = dottedNames(tokens, first, open - 1);
  const root = resolveRoot(index, segments[0]);
  return root && { path: [...root, ...segments.slice(1)], written: segments.join('.') };
}

// ---------------------------------------------------------------------------------------------------
// Arguments and literal values

function callArguments(index: ScriptDocumentIndex, open: number): WrittenArgument[] {
  const tokens = index.tokens;
  const args: WrittenArgument[] = [];
  for (const { first, last } of bracketItems(tokens, open)) {
    if (first > last) continue;
    args.push(isOp(tokens, first, '...') ? { spread: nonLiteral(tokens, first, last).nonLiteral, first, last } : { first, last });
  }
  return args;
}

/** The properties of an object literal at `{`, as keyword arguments. */
function objectArguments(index: ScriptDocumentIndex, open: number): WrittenArgument[] {
  const tokens = index.tokens;
  const args: WrittenArgument[] = [];
  for (const { first, last } of bracketItems(tokens, open)) {
    if (first > last) continue;
    if (isOp(tokens, first, '...')) {
      args.push({ spread: nonLiteral(tokens, first, last).nonLiteral, first, last });
      continue;
    }
    const key = tokens.kind[first] === TokenKind.Name ? tokenText(tokens, first) : tokens.kind[first] === TokenKind.String ? stringValue(tokens, first) : undefined;
    if (key === undefined) continue;
    if (first === last) args.push({ keyword: key, keywordToken: first, first, last }); // shorthand `{ alpha }`: the variable alpha
    else if (isOp(tokens, first + 1, ':') && first + 2 <= last) args.push({ keyword: key, keywordToken: first, first: first + 2, last });
  }
  return args;
}

/** A JS literal over tokens first..last (numbers, true/false/null, Infinity/NaN, strings), or its source text. */
function scriptValue(index: ScriptDocumentIndex, first: number, last: number): WrittenValue | undefined {
  const tokens = index.tokens;
  // `undefined` leaves the default in place.
  if (first === last && isName(tokens, first, 'undefined')) return undefined;
  let sign = 1;
  let i = first;
  if (isOp(tokens, i, '-') || isOp(tokens, i, '+')) {
    sign = isOp(tokens, i, '-') ? -1 : 1;
    i++;
  }
  const signed = i > first;
  if (i === last) {
    const word = tokenText(tokens, i);
    if (tokens.kind[i] === TokenKind.Number) {
      const value = parseNumberLiteral(word);
      if (value !== undefined) return sign * value;
    } else if (tokens.kind[i] === TokenKind.Name) {
      if (word === 'Infinity') return sign * Infinity;
      if (word === 'NaN') return NaN;
      if (!signed && word === 'true') return true;
      if (!signed && word === 'false') return false;
      if (!signed && word === 'null') return null;
    } else if (tokens.kind[i] === TokenKind.String && !signed) {
      const value = stringValue(tokens, i);
      if (value !== undefined) return value;
    }
  }
  return nonLiteral(tokens, first, last);
}

// ---------------------------------------------------------------------------------------------------
// Public entry points

/** The activation named at `offset` (within its name, or anywhere in its string literal), or undefined. */
export function scriptReferenceAt(index: ScriptDocumentIndex, offset: number, options?: RecognizeOptions): ActivationReference | undefined {
  for (const i of tokensAt(index.tokens, offset)) {
    const reference = referenceAtToken(index, i, options);
    if (reference) return reference;
  }
  return undefined;
}

/**
 * Every activation named in the document, in order; or at its tokens [from, to) (what `scriptEdit` says an edit
 * touched). (TensorFlow.js has one flavour: the options only report unresolved names.)
 */
export function scanScript(index: ScriptDocumentIndex, options?: RecognizeOptions, from = 0, to = index.tokens.count): ActivationReference[] {
  const references: ActivationReference[] = [];
  const { tokens } = index;
  for (let i = from; i < to; i++) {
    const kind = tokens.kind[i];
    if (kind !== TokenKind.Name && kind !== TokenKind.String) continue;
    const reference = referenceAtToken(index, i, options);
    if (reference) references.push(reference);
  }
  return references;
}

// ---------------------------------------------------------------------------------------------------
// Edits: a new version read again only where the edit reached
//
// Where no bracket is open after a token, the lexer's state is the same as at the start but for that token
// (which decides whether a `/` starts a regex): so a text that is the same from such a token on lexes the same
// from there. An edit is lexed again from a token before its line (at a place `tokenizeScript` may start from)
// until such a token that the previous version has at the same place, counted from the end.

/**
 * Whether token i is one a re-read may start from and what is found at it cannot reach before it: a name, number
 * or quoted string no bracket encloses, not after a dot. (Not a template literal: its last chunk after a
 * substitution can be a lone backtick, which lexed on its own would open a template.)
 */
function isBoundary(tokens: TokenIndex, i: number): boolean {
  const kind = tokens.kind[i];
  const quoted = kind === TokenKind.String && tokens.text.charCodeAt(tokens.start[i]) !== 96; // `
  return tokens.parent[i] === -1 && (kind === TokenKind.Name || kind === TokenKind.Number || quoted) && !isDot(tokens, i - 1);
}

/** The last boundary token that ends before the line holding `offset` (a regex or string decides its end by its line), or -1. */
function boundaryBefore(tokens: TokenIndex, offset: number): number {
  const text = tokens.text;
  let lineStart = offset;
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 && text.charCodeAt(lineStart - 1) !== 13) lineStart--;
  let i = lastTokenFrom(tokens, lineStart - 1);
  while (i >= 0 && !(tokens.end[i] < lineStart && isBoundary(tokens, i))) i--;
  return i;
}

/** The first boundary token from i on, or the token count. */
function boundaryFrom(tokens: TokenIndex, i: number): number {
  while (i < tokens.count && !isBoundary(tokens, i)) i++;
  return i;
}

/** Whether the lexer's state after token i is as at the start: no bracket open, and not back in a template literal (after the `}` of a `${`). */
function freshAfter(tokens: TokenIndex, i: number): boolean {
  const kind = tokens.kind[i];
  if (tokens.parent[i] !== -1 || kind === TokenKind.Open) return false;
  return !(kind === TokenKind.Close && tokens.match[i] !== -1 && tokens.text.charCodeAt(tokens.start[tokens.match[i]]) === 36); // $
}

/** Whether a token of the new version (its kind and end) is where lexing agrees with token k of `previous` again: the same token, the lexer's state fresh after it. */
function resynchronises(previous: TokenIndex, k: number, kind: number, end: number, shift: number): boolean {
  return k !== -1 && previous.kind[k] === kind && previous.end[k] === end - shift && freshAfter(previous, k);
}

/** Words of imports and requires, whose statements may reach further than BINDING_REACH (an import's names). */
const IMPORT_WORDS = new Set(['import', 'require', 'from', 'as', 'type', 'await']);
/** How far before or after edited tokens a declaration may read them (`const x = require(…)`: three tokens on). */
const BINDING_REACH = 8;

/**
 * The names tokens [from, to), widened by BINDING_REACH, declare, in order (each a local binding); undefined when
 * they hold a word of an import or require (whose statement may start or end outside them).
 */
function declaredNames(tokens: TokenIndex, from: number, to: number): string[] | undefined {
  const first = Math.max(0, from - BINDING_REACH);
  const last = Math.min(tokens.count, to + BINDING_REACH);
  for (let i = first; i < last; i++) if (tokens.kind[i] === TokenKind.Name && IMPORT_WORDS.has(tokenText(tokens, i))) return undefined;
  const names: string[] = [];
  readBindingsBetween(tokens, first, last, { bind: (name) => names.push(name), importsTfjs: () => undefined, site: () => undefined });
  return names;
}

/** Whether any token of a text declares `name` (a `const`, `let`, `var`, `function` or `class` just before it). */
function declaresAnywhere(tokens: TokenIndex, name: string): boolean {
  let declared = false;
  for (let at = tokens.text.indexOf(name); at !== -1 && !declared; at = tokens.text.indexOf(name, at + 1)) {
    const i = tokenStartingAt(tokens, at);
    if (i < 1 || tokens.end[i] - at !== name.length) continue;
    readBindingsBetween(tokens, i - 1, i, { bind: (bound) => (declared ||= bound === name), importsTfjs: () => undefined, site: () => undefined });
  }
  return declared;
}

/**
 * The names after an edit that changed only declarations (`before` and `after`: the names the edited tokens
 * declared): a name they declared or no longer declare is local when the text declares it anywhere, unless an
 * import binds it (imports outrank declarations, and the edit changed none).
 */
function redeclared(bindings: ReadonlyMap<string, ScriptBinding>, tokens: TokenIndex, before: readonly string[], after: readonly string[]): ReadonlyMap<string, ScriptBinding> {
  const updated = new Map(bindings);
  for (const name of new Set([...before, ...after])) {
    if (bindings.get(name)?.kind !== undefined && bindings.get(name)?.kind !== 'local') continue;
    if (after.includes(name) || declaresAnywhere(tokens, name)) updated.set(name, bindings.get(name) ?? { kind: 'local' });
    else updated.delete(name);
  }
  return updated;
}

/**
 * The document after an edit, lexed again from a token before the edit's line to the first token past it that
 * lexes as before; the rest of the tokens are the previous version's, moved. When the tokens lexed again bind
 * what those they replace bound (and hold no import), the names are kept too. The same as `analyzeScript(text,
 * previous.language)`, in time proportional to the edit. `previous`: an earlier version of this document, read
 * without a context. As for Python (`reanalyzePython`), an edit that leaves a bracket or template open to the
 * end keeps the version before it as `earlier`, which later re-reads start from.
 */
export function reanalyzeScript(previous: ScriptDocumentIndex, text: string): ScriptDocumentIndex {
  const edit = editAgainst(previous, text);
  if ('same' in edit) return edit.same;
  const { base, range, shift } = edit;
  const old = base.tokens;
  const head = Math.max(0, boundaryBefore(old, range.start));
  const from = head < old.count ? Math.min(old.start[head], range.start) : range.start;
  let tailFrom = old.count;
  // Where the base version's text lexes as before (no more of it when lexing never lined up).
  let tailText = Infinity;
  const middleComments: number[] = [];
  const middle = tokenizeScript(text, middleComments, head === 0 ? 0 : from, (kind, start, end) => {
    if (start < range.nextEnd) return false;
    const k = tokenStartingAt(old, start - shift);
    if (!resynchronises(old, k, kind, end, shift)) return false;
    tailFrom = k + 1;
    tailText = old.end[k];
    return true;
  });
  const tokens = spliceTokens(old, text, head, middle, tailFrom, shift);
  const comments = [...base.docComments.filter((_, k) => base.docComments[k - (k % 2)] < (head === 0 ? 0 : from)), ...middleComments];
  for (let k = 0; k < base.docComments.length; k += 2) if (base.docComments[k] >= tailText) comments.push(base.docComments[k] + shift, base.docComments[k + 1] + shift);
  const middleEnd = head + middle.count;
  // Lexed to the end past tokens the base version had there: an opener was left open.
  const earlier = tailText === Infinity && lastTokenFrom(old, range.previousEnd) + 1 < old.count ? { earlier: base } : {};
  const sitesEdited = [...base.importSites.keys()].some((token) => token >= head && token < tailFrom);
  const before = sitesEdited ? undefined : declaredNames(old, head, tailFrom);
  const after = before && declaredNames(tokens, head, middleEnd);
  if (!before || !after) return { ...indexOf(text, base.language, tokens, comments, undefined), ...earlier };
  // The imports are the same: only the import sites' token numbers move, and the declarations may differ.
  const importSites = new Map<number, readonly string[]>();
  const moved = middleEnd - tailFrom;
  for (const [token, path] of base.importSites) importSites.set(token < head ? token : token + moved, path);
  const bindings = before.length === after.length && before.every((name, k) => name === after[k]) ? base.bindings : redeclared(base.bindings, tokens, before, after);
  const usesTfjs = base.importsTfjs || usesNamespace(tokens, bindings);
  return { language: base.language, text, tokens, bindings, importSites, usesTfjs, importsTfjs: base.importsTfjs, docComments: comments, ...earlier };
}

/**
 * Where two versions of a document differ, as `StatementEdit` says it for Python: tokens [0, head) are the same in
 * both, so are `previous`'s from `previousTail` and `next`'s from `nextTail` (their offsets `shift` apart); what
 * is found at the tokens of either part, and reported there, is found at the other version's (moved) when the
 * names are the same. Undefined when the texts are equal.
 */
export function scriptEdit(previous: ScriptDocumentIndex, next: ScriptDocumentIndex): { head: number; previousTail: number; nextTail: number; from: number; previousTo: number; nextTo: number; shift: number } | undefined {
  if (previous.text === next.text) return undefined;
  const range = changedRange(previous.text, next.text);
  const shift = next.text.length - previous.text.length;
  const head = Math.max(0, boundaryBefore(previous.tokens, range.start));
  const { tokens } = next;
  let previousTail = previous.tokens.count;
  let nextTail = tokens.count;
  for (let j = lastTokenFrom(tokens, range.nextEnd - 1) + 1; j < tokens.count; j++) {
    if (!freshAfter(tokens, j) || tokens.start[j] < range.nextEnd) continue;
    const k = tokenStartingAt(previous.tokens, tokens.start[j] - shift);
    if (!resynchronises(previous.tokens, k, tokens.kind[j], tokens.end[j], shift)) continue;
    // What is found past the lexed-again tokens may read back to the token before: go on to a boundary.
    nextTail = boundaryFrom(tokens, j + 1);
    previousTail = nextTail - j + k;
    break;
  }
  const from = head < previous.tokens.count ? Math.min(previous.tokens.start[head], range.start) : range.start;
  const previousTo = previousTail < previous.tokens.count ? previous.tokens.start[previousTail] : previous.text.length;
  const nextTo = nextTail < tokens.count ? tokens.start[nextTail] : next.text.length;
  return { head, previousTail, nextTail, from, previousTo, nextTo, shift };
}

/** What a name means to the recognizers: a path in TensorFlow.js, another library, or nothing (a local name, or none: only `tf` unbound means TensorFlow.js). */
const meaning = (name: string, binding: ScriptBinding | undefined): string =>
  binding?.kind === 'tfjs' ? `tfjs ${binding.path.join('.')}` : binding?.kind === 'foreign' ? 'foreign' : name === 'tf' && binding === undefined ? 'tfjs' : 'local';

/** Whether every name means the same in two versions of a document: then what the tokens outside an edit name is the same. */
export function sameScriptNames(previous: ScriptDocumentIndex, next: ScriptDocumentIndex, edit: { readonly head: number; readonly previousTail: number; readonly nextTail: number }): boolean {
  if (previous.usesTfjs !== next.usesTfjs || previous.importSites.size !== next.importSites.size) return false;
  if (previous.bindings !== next.bindings) {
    for (const [name, binding] of previous.bindings) if (meaning(name, binding) !== meaning(name, next.bindings.get(name))) return false;
    for (const [name, binding] of next.bindings) if (!previous.bindings.has(name) && meaning(name, binding) !== meaning(name, undefined)) return false;
  }
  const moved = edit.nextTail - edit.previousTail;
  for (const [token, path] of previous.importSites) {
    if (token >= edit.head && token < edit.previousTail) return false;
    if (next.importSites.get(token < edit.head ? token : token + moved) !== path) return false;
  }
  return true;
}
