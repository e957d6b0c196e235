// Recognises activations in Python source (files and notebook cells): `keras.activations.X` and every
// import alias of it, `activations.get('x')`, `activation='x'` keywords on any layer, `Activation(…)`,
// the activation layer classes with their arguments, `keras.ops.*`, `tf.nn.*` and `tf.math.*`.
//
// Work is split so that a hover is cheap: `analyzePython` lexes the document once and builds its import
// table (the caller caches the result per document version); `pythonReferenceAt` then looks only at the
// tokens around an offset and the call they belong to; `scanPython` visits every token once.
//
// Names without an import are read by convention (`tf`, `keras`, `layers`, `activations`, `ops`, bare
// `LeakyReLU(…)`), unless something in the document (or another notebook cell) binds them otherwise: an
// import from another library, or a local `def`/`class`/assignment.
import {
  FLAVOUR_LABELS,
  LAYERS,
  findActivation,
  findLayers,
  findOp,
  type ActivationSpec,
  type Flavour,
  type LayerSpec,
  type OpSpec,
  type ParamValue,
} from '../core';
import { changedRange, editAgainst } from './positions';
import { pythonStringParts, tokenizePython, tokenizePythonFrom } from './pythonLexer';
import {
  argumentSpans,
  flavourHint,
  kerasFlavour,
  LAYER_KEYWORDS,
  layerDefaults,
  mapArguments,
  nonLiteral,
  parseNumberLiteral,
  pythonFloatFromString,
  resolveIdentifier,
  slotsOf,
  toReference,
  unescapeString,
  type ActivationReference,
  type RecognizeOptions,
  type ReferenceApi,
  type ReferenceDraft,
  type SignatureSite,
  type WrittenArgument,
  type WrittenValue,
} from './reference';
import {
  TokenKind,
  bracketItems,
  dottedNameStart,
  dottedNames,
  isDot,
  isName,
  isOp,
  lastTokenFrom,
  spliceTokens,
  tokenStartingAt,
  tokenText,
  tokensAt,
  type TokenIndex,
} from './tokens';

/** What a name is bound to in a document, as far as activations care. */
export type PythonBinding =
  /** A module or module member by import: its absolute dotted path (`keras.activations.gelu`). */
  | { readonly kind: 'module'; readonly path: string }
  /** `K = tf.keras`: a dotted expression to resolve in turn (also `getattr(tf.keras, 'layers')`). */
  | { readonly kind: 'alias'; readonly chain: readonly string[] }
  /**
   * `layers = VersionAwareLayers()`, `importlib.import_module('keras.layers')`: a call known to return a
   * Keras module, its callee a dotted expression to resolve in turn (and its string argument).
   */
  | { readonly kind: 'call'; readonly chain: readonly string[]; readonly argument?: string }
  /** A local `def`/`class` or another assignment: not a library name. */
  | { readonly kind: 'local' };

export interface PythonImportTable {
  readonly bindings: ReadonlyMap<string, PythonBinding>;
  /** Modules imported with `from M import *`. */
  readonly starModules: readonly string[];
}

export interface PythonDocumentIndex {
  readonly language: 'python';
  readonly text: string;
  readonly tokens: TokenIndex;
  /** This document's own bindings. */
  readonly imports: PythonImportTable;
  /** Bindings from elsewhere (the other cells of a notebook), consulted after the document's own. */
  readonly context: PythonImportTable;
  /** A notebook cell's: the code of the Python cells above it, which ran before it (the functions it calls). */
  readonly prelude?: string;
  /** Names in `from M import name as alias` statements, by token: the absolute path they import. */
  readonly importSites: ReadonlyMap<number, string>;
  /** Resolved roots, filled on demand (a name's meaning does not change within one analysis). */
  readonly resolved: Map<string, string | null>;
  /**
   * A version from before an edit that left a bracket or string open to the end of the text (same context):
   * the next re-read starts from it, and a check may too (`reanalyzePython`).
   */
  readonly earlier?: PythonDocumentIndex;
}

const EMPTY_TABLE: PythonImportTable = { bindings: new Map(), starModules: [] };

/** Lexes a document and builds its import table; cache the result per document version. */
export function analyzePython(text: string, options: { readonly context?: PythonImportTable; readonly prelude?: string } = {}): PythonDocumentIndex {
  const tokens = tokenizePython(text);
  const { table, importSites } = readImports(tokens);
  return { language: 'python', text, tokens, imports: table, context: options.context ?? EMPTY_TABLE, ...preludeOf(options), importSites, resolved: new Map() };
}

const preludeOf = (from: { readonly prelude?: string }): { prelude?: string } => (from.prelude ? { prelude: from.prelude } : {});

/** The same document read with other bindings in scope (another notebook cell changed): reuses the tokens. */
export function withPythonContext(index: PythonDocumentIndex, context: PythonImportTable, prelude?: string): PythonDocumentIndex {
  // An earlier version was read with the old context: not a base for this one.
  const { prelude: _previous, earlier: _earlier, ...rest } = index;
  return { ...rest, context, ...preludeOf({ prelude }), resolved: new Map() };
}

/** The import table of a piece of Python (a notebook cell), for other cells' context. */
export function pythonImports(text: string): PythonImportTable {
  return readImports(tokenizePython(text)).table;
}

/** Merges tables, earlier ones first: a name keeps the binding of the first table that binds it. */
export function mergePythonImports(tables: readonly PythonImportTable[]): PythonImportTable {
  const bindings = new Map<string, PythonBinding>();
  const starModules: string[] = [];
  for (const table of tables) {
    for (const [name, binding] of table.bindings) if (!bindings.has(name)) bindings.set(name, binding);
    for (const module of table.starModules) if (!starModules.includes(module)) starModules.push(module);
  }
  return { bindings, starModules };
}

// ---------------------------------------------------------------------------------------------------
// Import table

const BINDING_RANK: Readonly<Record<PythonBinding['kind'] | 'assigned', number>> = { local: 4, module: 3, alias: 2, call: 2, assigned: 1 };

/**
 * What a document's statements bind, in order: folded into its import table, or (for the statements an edit
 * touched) compared with what they bound before it.
 */
interface ImportSink {
  bind(name: string, binding: PythonBinding, rank: number): void;
  star(module: string): void;
  /** A name of a `from … import` statement, by token: the path it imports. */
  site(token: number, path: string): void;
  /** Whether to read no further (a comparison that already knows its answer). */
  readonly done?: () => boolean;
}

function readImports(tokens: TokenIndex): { table: PythonImportTable; importSites: Map<number, string> } {
  const bindings = new Map<string, PythonBinding>();
  const ranks = new Map<string, number>();
  const starModules: string[] = [];
  const importSites = new Map<number, string>();
  readImportsBetween(tokens, 0, tokens.count, {
    // The first binding of the highest rank wins.
    bind: (name, binding, rank) => {
      if ((ranks.get(name) ?? 0) >= rank) return;
      ranks.set(name, rank);
      bindings.set(name, binding);
    },
    star: (module) => starModules.push(module),
    site: (token, path) => importSites.set(token, path),
  });
  return { table: { bindings, starModules }, importSites };
}

/** Reads the statements of tokens [from, to): both ends where no statement is under way. */
function readImportsBetween(tokens: TokenIndex, from: number, to: number, sink: ImportSink): void {
  const text = tokens.text;
  const done = sink.done;
  for (let i = from; i < to && !done?.(); i++) {
    if (tokens.kind[i] !== TokenKind.Name) continue;
    // Cheap tests first: this loop sees every name of the document.
    const initial = text.charCodeAt(tokens.start[i]);
    if ((initial === 100 /* d */ || initial === 99) /* c */ && (isName(tokens, i, 'def') || isName(tokens, i, 'class')) && isName(tokens, i + 1)) {
      sink.bind(tokenText(tokens, i + 1), { kind: 'local' }, BINDING_RANK.local);
      continue;
    }
    if (tokens.parent[i] !== -1) continue;
    const before = i === 0 ? TokenKind.Newline : tokens.kind[i - 1];
    const atStatementStart = before === TokenKind.Newline || (before === TokenKind.Op && (isOp(tokens, i - 1, ';') || isOp(tokens, i - 1, ':')));
    if (!atStatementStart) continue;
    if (isName(tokens, i, 'import')) {
      i = readImportStatement(tokens, i + 1, (name, path) => sink.bind(name, { kind: 'module', path }, BINDING_RANK.module));
    } else if (isName(tokens, i, 'from')) {
      i = readFromStatement(tokens, i + 1, sink);
    } else {
      const equals = assignmentOf(tokens, i);
      if (equals === -1) continue;
      // `NAME = a.b.c` aliases a module path, so does a call known to return one; any other value makes
      // NAME a local one. A module binding outranks the other assignments of the same name, so
      // `layers = None` at the top and `layers = VersionAwareLayers()` in a function make it Keras layers.
      const word = tokenText(tokens, i);
      const value = assignedModule(tokens, equals + 1);
      if (value) sink.bind(word, value, BINDING_RANK[value.kind]);
      else sink.bind(word, { kind: 'local' }, BINDING_RANK.assigned);
      // Past an annotation (`x: T = …`), whose name would otherwise look like a statement of its own.
      i = equals;
    }
  }
}

/** For a statement that starts with name token i: its `=` token when it assigns that name (`x = …`, `x: T = …`), or -1. */
function assignmentOf(tokens: TokenIndex, i: number): number {
  if (isOp(tokens, i + 1, '=')) return i + 1;
  if (!isOp(tokens, i + 1, ':') || KEYWORDS.has(tokenText(tokens, i))) return -1;
  // An annotated assignment: the first `=` outside brackets before the statement ends (none: `x: int`).
  for (let j = i + 2; j < tokens.count && tokens.kind[j] !== TokenKind.Newline && !isOp(tokens, j, ';'); j++) {
    if (tokens.parent[j] === -1 && isOp(tokens, j, '=')) return j;
  }
  return -1;
}

/** Whether token i ends a statement (or the text). */
const endsStatement = (tokens: TokenIndex, i: number): boolean => i >= tokens.count || tokens.kind[i] === TokenKind.Newline || isOp(tokens, i, ';');

/**
 * The binding of an assigned value that names a module: a dotted name (`tf.keras.layers`), `getattr(M, 'x')`,
 * or a call that returns a Keras module (`VersionAwareLayers()`, `importlib.import_module('keras.layers')`,
 * resolved once the callee is); undefined for any other value.
 */
function assignedModule(tokens: TokenIndex, i: number): Extract<PythonBinding, { kind: 'alias' | 'call' }> | undefined {
  // Most assignments are other calls (`x = layers.Dense(…)(x)`): told apart by the chain's last name, before any text is cut.
  let last = i;
  while (isName(tokens, last) && isOp(tokens, last + 1, '.') && isName(tokens, last + 2)) last += 2;
  if (isName(tokens, last) && !isOp(tokens, last + 1, '.') && !endsStatement(tokens, last + 1) && !(isName(tokens, last, 'getattr') || isName(tokens, last, 'VersionAwareLayers') || isName(tokens, last, 'import_module'))) return undefined;
  const { segments: chain, next } = readDotted(tokens, i);
  if (!chain.length || KEYWORDS.has(chain[0])) return undefined;
  if (endsStatement(tokens, next)) return { kind: 'alias', chain };
  // Only callees that can produce a module (see producedModule) or getattr: any other call's result stays local.
  const callee = chain[chain.length - 1];
  const known = chain.length === 1 && callee === 'getattr' ? 'getattr' : callee === 'VersionAwareLayers' || callee === 'import_module' ? callee : undefined;
  if (!known || !isOp(tokens, next, '(') || tokens.match[next] === -1 || !endsStatement(tokens, tokens.match[next] + 1)) return undefined;
  const args = bracketItems(tokens, next);
  const stringAt = (item: { first: number; last: number } | undefined): string | undefined =>
    item && item.first === item.last && tokens.kind[item.first] === TokenKind.String ? plainString(tokens, item.first) : undefined;
  if (known === 'getattr') {
    const object = args.length === 2 ? readDotted(tokens, args[0].first) : undefined;
    const member = stringAt(args[1]);
    if (object?.segments.length && object.next === args[0].last + 1 && member !== undefined && /^[A-Za-z_]\w*$/.test(member)) return { kind: 'alias', chain: [...object.segments, member] };
    return undefined;
  }
  if (known === 'VersionAwareLayers') return args.length === 0 ? { kind: 'call', chain } : undefined;
  const argument = args.length === 1 ? stringAt(args[0]) : undefined;
  return argument !== undefined ? { kind: 'call', chain, argument } : undefined;
}

/** The content of a plain string literal token (no prefix but r/u, no escapes), or undefined. */
function plainString(tokens: TokenIndex, i: number): string | undefined {
  const parts = pythonStringParts(tokens.text, tokens.start[i], tokens.end[i]);
  const content = tokens.text.slice(parts.contentStart, parts.contentEnd);
  return parts.terminated && !/[bft]/.test(parts.prefix) && !content.includes('\\') ? content : undefined;
}

/** What a call returns when it is known to return a Keras module: tf-keras' `VersionAwareLayers()` its layers, `importlib.import_module(name)` that module. */
function producedModule(callee: string, argument: string | undefined): string | null {
  if (callee.endsWith('.layers.VersionAwareLayers')) return callee.slice(0, -'.VersionAwareLayers'.length);
  if (callee === 'importlib.import_module' && argument !== undefined && /^[A-Za-z_][\w.]*$/.test(argument)) return argument;
  return null;
}

/** Reads a dotted name from token i: its segments and the next token index. */
function readDotted(tokens: TokenIndex, i: number): { segments: string[]; next: number } {
  const segments: string[] = [];
  while (isName(tokens, i)) {
    segments.push(tokenText(tokens, i));
    if (!isOp(tokens, i + 1, '.')) return { segments, next: i + 1 };
    i += 2;
  }
  return { segments, next: i };
}

/** `import a.b.c [as x], d` from just after `import`; returns the last token index of the statement. */
function readImportStatement(tokens: TokenIndex, i: number, bind: (name: string, path: string) => void): number {
  for (;;) {
    const { segments, next } = readDotted(tokens, i);
    if (!segments.length) return next - 1;
    i = next;
    if (isName(tokens, i, 'as') && isName(tokens, i + 1)) {
      bind(tokenText(tokens, i + 1), segments.join('.'));
      i += 2;
    } else {
      bind(segments[0], segments[0]);
    }
    if (!isOp(tokens, i, ',')) return i - 1;
    i++;
  }
}

/** `from [.]M import a [as b], … | (…) | *` from just after `from`. */
function readFromStatement(tokens: TokenIndex, i: number, sink: ImportSink): number {
  let dots = '';
  while (isOp(tokens, i, '.') || isOp(tokens, i, '...')) dots += tokenText(tokens, i++);
  const { segments, next } = readDotted(tokens, i);
  i = next;
  if (!isName(tokens, i, 'import')) return i - 1;
  const module = dots + segments.join('.');
  i++;
  if (isOp(tokens, i, '*')) {
    sink.star(module);
    return i;
  }
  const parenthesised = isOp(tokens, i, '(');
  if (parenthesised) i++;
  for (;;) {
    if (!isName(tokens, i)) return i - 1;
    const nameAt = i;
    const path = `${module}.${tokenText(tokens, i)}`;
    sink.site(nameAt, path);
    i++;
    let local = tokenText(tokens, nameAt);
    if (isName(tokens, i, 'as') && isName(tokens, i + 1)) {
      local = tokenText(tokens, i + 1);
      sink.site(i + 1, path);
      i += 2;
    }
    sink.bind(local, { kind: 'module', path }, BINDING_RANK.module);
    if (!isOp(tokens, i, ',')) return parenthesised && isOp(tokens, i, ')') ? i : i - 1;
    i++;
  }
}

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
  'return', 'try', 'while', 'with', 'yield',
]);

/** Names read by convention when nothing binds them: what notebooks and snippets assume. */
const CONVENTIONAL: ReadonlyMap<string, string> = new Map([
  ['tf', 'tensorflow'],
  ['tensorflow', 'tensorflow'],
  ['keras', 'keras'],
  ['tf_keras', 'tf_keras'],
  ['layers', 'keras.layers'],
  ['activations', 'keras.activations'],
  ['ops', 'keras.ops'],
  ['importlib', 'importlib'],
  // Bare activation layer classes: `LeakyReLU(alpha=0.1)` in a snippet that never imported it.
  ...LAYERS.filter((layer) => layer.flavour !== 'tfjs').map((layer): [string, string] => [layer.name, `keras.layers.${layer.name}`]),
]);

function lookupBinding(index: PythonDocumentIndex, name: string): PythonBinding | undefined {
  return index.imports.bindings.get(name) ?? index.context.bindings.get(name);
}

/** The absolute dotted path a bare name stands for, or null when it is not a library name. */
function resolveRoot(index: PythonDocumentIndex, name: string): string | null {
  const cached = index.resolved.get(name);
  if (cached !== undefined) return cached;
  // Follow aliases (`L = K.layers`, `K = tf.keras`) down to a name bound otherwise, then extend its path
  // back up, caching every name on the way. A loop rather than recursion, so a long chain cannot overflow
  // the stack and every name gets the same answer whichever is asked first; a cycle names nothing.
  const aliases: { readonly name: string; readonly members: readonly string[] }[] = [];
  const seen = new Set<string>();
  let current = name;
  let path: string | null | undefined;
  for (;;) {
    path = index.resolved.get(current);
    if (path !== undefined) break;
    const binding = lookupBinding(index, current);
    if (binding?.kind !== 'alias') {
      path = unaliasedPath(index, current, binding);
      index.resolved.set(current, path);
      break;
    }
    if (seen.has(current)) {
      path = null;
      break;
    }
    seen.add(current);
    aliases.push({ name: current, members: binding.chain.slice(1) });
    current = binding.chain[0];
  }
  for (let k = aliases.length - 1; k >= 0; k--) {
    const { members } = aliases[k];
    if (path !== null && members.length) path = `${path}.${members.join('.')}`;
    index.resolved.set(aliases[k].name, path);
  }
  return path;
}

/** The path of a name bound by an import, a call, locally, or not at all (star imports, then conventions). */
function unaliasedPath(index: PythonDocumentIndex, name: string, binding: Exclude<PythonBinding, { kind: 'alias' }> | undefined): string | null {
  if (binding?.kind === 'call') {
    // Resolve the callee first; a name whose callee leads back to it (`f = f()`) names nothing.
    index.resolved.set(name, null);
    const root = resolveRoot(index, binding.chain[0]);
    return root === null ? null : producedModule([root, ...binding.chain.slice(1)].join('.'), binding.argument);
  }
  if (binding) return binding.kind === 'module' ? binding.path : null;
  // `from keras.activations import *` makes `relu` mean keras.activations.relu.
  const star = [...index.imports.starModules, ...index.context.starModules].find((module) => {
    const target = classifyPath(`${module}.${name}`);
    return target !== undefined && target.kind !== 'library';
  });
  return star ? `${star}.${name}` : (CONVENTIONAL.get(name) ?? null);
}

// ---------------------------------------------------------------------------------------------------
// What a dotted path names

/** Which Keras a `keras.*`-like path belongs to: `keras`, `tf.keras` (both per the Keras version option) or `tf_keras` (Keras 2). */
export type KerasFamily = 'keras' | 'tf.keras' | 'tf_keras';

/** What a dotted path names, as far as activations care. */
export type PythonTarget =
  | { readonly kind: 'activation'; readonly family: KerasFamily; readonly name: string }
  | { readonly kind: 'lookup'; readonly family: KerasFamily; readonly name: string }
  | { readonly kind: 'layer'; readonly family: KerasFamily; readonly name: string }
  | { readonly kind: 'op'; readonly op: OpSpec }
  /** Some other part of Keras or TensorFlow (`keras.Model`, `tf.constant`): not foreign, names nothing. */
  | { readonly kind: 'library'; readonly family?: KerasFamily };

/** Classifies an absolute dotted path; undefined for paths outside Keras and TensorFlow. */
function classifyPath(path: string): PythonTarget | undefined {
  const segments = path.split('.');
  const [head, ...rest] = segments;
  if (head === 'tensorflow') {
    let tail = rest;
    if (tail[0] === 'compat' && (tail[1] === 'v1' || tail[1] === 'v2')) tail = tail.slice(2);
    if (tail[0] === 'python' && tail[1] === 'keras') return classifyKeras(tail.slice(2), 'tf.keras');
    if (tail[0] === 'keras') return classifyKeras(tail.slice(1), 'tf.keras');
    if (tail.length === 2 && (tail[0] === 'nn' || tail[0] === 'math')) {
      const op = findOp(tail[0] === 'nn' ? 'tf.nn' : 'tf.math', tail[1]);
      return op ? { kind: 'op', op } : { kind: 'library' };
    }
    if (tail.length === 1) {
      const op = findOp('tf', tail[0]);
      if (op) return { kind: 'op', op };
    }
    return { kind: 'library' };
  }
  if (head === 'keras') return classifyKeras(rest[0] === '_tf_keras' && rest[1] === 'keras' ? rest.slice(2) : rest, 'keras');
  if (head === 'tf_keras') return classifyKeras(rest, 'tf_keras');
  // Keras Core, the Keras 3 preview package.
  if (head === 'keras_core') return classifyKeras(rest, 'keras');
  // Libraries built on Keras: their layers take Keras activations (`tfp.layers.DenseVariational(activation='sigmoid')`).
  if (KERAS_BASED.has(head)) return { kind: 'library' };
  return undefined;
}

const KERAS_BASED = new Set(['keras_cv', 'keras_nlp', 'keras_hub', 'keras_rs', 'tensorflow_probability', 'tensorflow_addons', 'tensorflow_recommenders']);

function classifyKeras(path: readonly string[], family: KerasFamily): PythonTarget {
  let rest = path;
  if (rest[0] === 'src' || rest[0] === 'api') rest = rest.slice(1);
  const [module, ...members] = rest;
  // keras/src/activations/activations.py defines the functions keras.activations exports.
  if (module === 'activations' && members.length === 2 && members[0] === 'activations') return classifyKeras(['activations', members[1]], family);
  if (module === 'activations' && members.length === 1) {
    const name = members[0];
    return name === 'get' || name === 'deserialize' ? { kind: 'lookup', family, name } : { kind: 'activation', family, name };
  }
  if (module === 'layers') {
    if (members.length === 1) return { kind: 'layer', family, name: members[0] };
    // Where the classes are defined: keras.layers.activation(s)[.module].Class, Keras 2's advanced_activations.
    if ((members.length === 2 || members.length === 3) && (members[0] === 'advanced_activations' || members[0] === 'activation' || members[0] === 'activations')) {
      return { kind: 'layer', family, name: members[members.length - 1] };
    }
  }
  if (module === 'ops' && family !== 'tf_keras') {
    const [first, second] = members;
    const op = members.length === 1 ? findOp('keras.ops', first) : members.length === 2 ? findOp('keras.ops', second) : undefined;
    if (op && (members.length === 1 || op.submodule === first)) return { kind: 'op', op };
  }
  return { kind: 'library', family };
}

function familyFlavour(family: KerasFamily | undefined, options: RecognizeOptions | undefined): Flavour {
  return family === 'tf_keras' ? 'keras2' : kerasFlavour(options);
}

// ---------------------------------------------------------------------------------------------------
// Recognition at one token

/**
 * The reference named by token i (a name or a string), or undefined. A scan passes `unbound`, marking
 * chain roots already found to name nothing, so `self.model.layers` resolves `self` once, not three times.
 */
function referenceAtToken(index: PythonDocumentIndex, i: number, options: RecognizeOptions | undefined, unbound?: Uint8Array): ActivationReference | undefined {
  const kind = index.tokens.kind[i];
  if (kind === TokenKind.Name) return referenceFromName(index, i, options, unbound);
  if (kind === TokenKind.String) return referenceFromString(index, i, options);
  return undefined;
}

function referenceFromName(index: PythonDocumentIndex, i: number, options: RecognizeOptions | undefined, unbound?: Uint8Array): ActivationReference | undefined {
  const tokens = index.tokens;
  const importedPath = index.importSites.get(i);
  if (importedPath !== undefined) {
    const target = classified(importedPath);
    return target && buildFromTarget(index, target, i, i, options);
  }
  // Walk back over `a.b.` without copying text; most names end here, their root bound to nothing.
  const first = dottedNameStart(tokens, i);
  // Too long, or rooted in an expression (`f().relu`, `x.y[0].gelu`): not a module path.
  if (first === -1 || isDot(tokens, first - 1) || unbound?.[first]) return undefined;
  const root = resolveRoot(index, tokenText(tokens, first));
  if (root === null) {
    if (unbound) unbound[first] = 1;
    return undefined;
  }
  // A keyword argument's name (`f(relu=1)`) names nothing.
  const parent = tokens.parent[i];
  if (first === i && isOp(tokens, i + 1, '=') && parent !== -1 && isOp(tokens, parent, '(') && (i - 1 === parent || isOp(tokens, i - 1, ','))) return undefined;
  let path = root;
  for (let j = first + 2; j <= i; j += 2) path += `.${tokenText(tokens, j)}`;
  const target = classified(path);
  return target && buildFromTarget(index, target, first, i, options);
}

/** What a path names, memoised for every document (it depends on the path alone; paths come from user text, so the memo is bounded). */
function classified(path: string): PythonTarget | undefined {
  if (CLASSIFIED.has(path)) return CLASSIFIED.get(path);
  if (CLASSIFIED.size > 4096) CLASSIFIED.clear();
  const target = classifyPath(path);
  CLASSIFIED.set(path, target);
  return target;
}

const CLASSIFIED = new Map<string, PythonTarget | undefined>();

/** Builds the reference for a name token `last` (a dotted chain from `first`) that classifies as `target`. */
function buildFromTarget(
  index: PythonDocumentIndex,
  target: PythonTarget,
  first: number,
  last: number,
  options: RecognizeOptions | undefined,
): ActivationReference | undefined {
  if (target.kind === 'library' || target.kind === 'lookup') return undefined;
  let spec: ActivationSpec | undefined;
  let flavour: Flavour;
  let api: ReferenceApi;
  let symbol: string;
  let site: SignatureSite;
  let layer: LayerSpec | undefined;
  let op: OpSpec | undefined;
  let implied: Readonly<Record<string, ParamValue>> = {};
  let notes: readonly string[] = [];
  if (target.kind === 'activation') {
    const wanted = familyFlavour(target.family, options);
    const resolved = resolveIdentifier(target.name, wanted, 'activation function');
    // Reported where the library itself fails: the attribute (`activations.rellu`) or the imported name; a
    // bare use of an imported name (`rellu(x)`) and an alias (`import rellu as r`) fail at the import already.
    if ((!resolved || resolved.flavour !== wanted) && (first !== last || index.importSites.has(last)) && tokenText(index.tokens, last) === target.name) {
      options?.onUnresolved?.({ written: target.name, start: index.tokens.start[last], end: index.tokens.end[last], api: 'keras.activations', flavour: wanted, libraryLookup: true });
    }
    if (!resolved) return undefined;
    ({ spec, flavour, notes } = resolved);
    // Keras 2 resolves some strings (`'relu6'`) to TensorFlow ops without exporting a function of that name.
    if (flavour === 'keras2' && !spec.keras2?.functions.includes(`tf.keras.activations.${target.name}`)) {
      notes = [...notes, `Keras 2 has no function activations.${target.name} (only the string '${target.name}' resolves, to ${spec.keras2?.functions[0] ?? spec.name})`];
    }
    api = 'keras.activations';
    symbol = `${target.family}.activations.${target.name}`;
    site = { label: symbol, slots: slotsOf(spec, flavour), inputs: 1, hint: flavourHint(spec, flavour), style: 'python' };
  } else if (target.kind === 'op') {
    op = target.op;
    spec = findActivation(op.activation);
    flavour = op.flavour;
    api = op.namespace === 'keras.ops' ? 'keras.ops' : op.namespace === 'tf.nn' ? 'tf.nn' : 'tf.math';
    symbol = `${op.namespace}.${op.name}`;
    site = { label: symbol, slots: op.params, inputs: 1, style: 'python' };
    implied = op.defaults ?? implied;
  } else {
    const found = layerFor(target.name, familyFlavour(target.family, options));
    if (!found || found.layer.activation === null) return undefined;
    layer = found.layer;
    spec = findActivation(layer.activation as string);
    flavour = layer.flavour;
    api = 'layer';
    symbol = `${target.family}.layers.${target.name}`;
    site = {
      label: `${FLAVOUR_LABELS[layer.flavour]} ${layer.name}`,
      slots: layer.params,
      inputs: 0,
      deprecated: layer.deprecated,
      ignored: LAYER_KEYWORDS,
      hint: layerHint(layer),
      style: 'python',
    };
    implied = layerDefaults(layer);
    notes = found.notes;
  }
  if (!spec) return undefined;
  const tokens = index.tokens;
  const called = isOp(tokens, last + 1, '(') && !index.importSites.has(last);
  const args = called ? pythonCallArguments(index, last + 1) : undefined;
  const read = (from: number, to: number): WrittenValue => pythonValue(index, from, to);
  const mapped = args && mapArguments(args, site, read);
  const draft: ReferenceDraft = {
    spec,
    flavour,
    api,
    written: tokenText(tokens, last),
    start: tokens.start[last],
    end: tokens.end[last],
    symbol,
    layer,
    op,
    implied,
    mapped,
    site,
    notes,
    ...(args ? { arguments: argumentSpans(tokens, args, read) } : {}),
  };
  if (!called && !index.importSites.has(last)) addArgumentContext(draft, index, first, last, options);
  return toReference(draft);
}

/** For a function passed as an argument (`Activation(activations.relu)`, `activation=tf.nn.relu`): the call and keyword. */
function addArgumentContext(draft: ReferenceDraft, index: PythonDocumentIndex, first: number, last: number, options: RecognizeOptions | undefined): void {
  const context = argumentContext(index, first, last);
  if (!context) return;
  draft.keyword = context.keyword;
  draft.callee = context.callee;
  const target = context.calleeTarget;
  if (target?.kind === 'layer' && (context.keyword === undefined ? context.position === 0 : context.keyword === 'activation')) {
    const activationLayer = layerFor(target.name, familyFlavour(target.family, options))?.layer;
    if (activationLayer?.activation === null) draft.layer = activationLayer;
  }
}

/** The layer class in a flavour; Keras 3 falls back to Keras 2 for classes it removed (ThresholdedReLU), with a note. */
function layerFor(name: string, flavour: Flavour): { layer: LayerSpec; notes: string[] } | undefined {
  const memo = (LAYER_LOOKUPS[flavour] ??= new Map());
  if (!memo.has(name)) {
    if (memo.size > 2000) memo.clear();
    memo.set(name, lookUpLayer(name, flavour));
  }
  return memo.get(name);
}

const LAYER_LOOKUPS: Partial<Record<Flavour, Map<string, { layer: LayerSpec; notes: string[] } | undefined>>> = {};

function lookUpLayer(name: string, flavour: Flavour): { layer: LayerSpec; notes: string[] } | undefined {
  const [layer] = findLayers(name, flavour);
  if (layer) return { layer, notes: [] };
  if (flavour !== 'keras3') return undefined;
  const [keras2] = findLayers(name, 'keras2');
  return keras2 && { layer: keras2, notes: [`Keras 3 has no ${name} layer; this is Keras 2's`] };
}

/** For an unknown layer argument: the other Keras version's spelling (`negative_slope` vs `alpha`). */
function layerHint(layer: LayerSpec): (keyword: string) => string | undefined {
  return (keyword) => {
    for (const other of findLayers(layer.name)) {
      if (other.flavour === layer.flavour || other.flavour === 'tfjs') continue;
      if (other.params.some((param) => param.name === keyword)) return `\`${keyword}\` is ${FLAVOUR_LABELS[other.flavour]}'s spelling`;
    }
    return undefined;
  };
}

interface ArgumentContext {
  /** The callee as written (`layers.Dense`), or '' when not a plain dotted name. */
  readonly callee: string;
  readonly calleeTarget: PythonTarget | undefined;
  /** Whether the callee's root name is bound to a library other than Keras/TensorFlow. */
  readonly foreign: boolean;
  readonly keyword?: string;
  /** Positional index, for positional arguments. */
  readonly position?: number;
}

/** When tokens first..last are one whole argument of a call: the call and how the argument is passed. */
function argumentContext(index: PythonDocumentIndex, first: number, last: number): ArgumentContext | undefined {
  const tokens = index.tokens;
  const open = tokens.parent[first];
  if (open === -1 || !isOp(tokens, open, '(') || tokens.parent[last] !== open) return undefined;
  const after = last + 1;
  if (!(isOp(tokens, after, ',') || (tokens.kind[after] === TokenKind.Close && tokens.match[after] === open) || after >= tokens.count)) return undefined;
  let keyword: string | undefined;
  let position: number | undefined;
  if (isOp(tokens, first - 1, '=') && isName(tokens, first - 2) && (first - 3 === open || isOp(tokens, first - 3, ','))) {
    keyword = tokenText(tokens, first - 2);
  } else if (isOp(tokens, first - 1, '=') && (keyword = annotatedParameter(tokens, open, first - 1)) !== undefined) {
    // `def f(activation: str = 'relu')`
  } else if (first - 1 === open) {
    position = 0;
  } else if (isOp(tokens, first - 1, ',')) {
    position = 1; // Some later position: only "first or not" matters here.
  } else {
    return undefined;
  }
  // The callee: a dotted name right before the parenthesis, not rooted in an expression.
  const calleeStart = dottedNameStart(tokens, open - 1);
  if (calleeStart === -1 || isDot(tokens, calleeStart - 1)) {
    return { callee: '', calleeTarget: undefined, foreign: false, ...(keyword !== undefined ? { keyword } : { position }) };
  }
  const segments = dottedNames(tokens, calleeStart, open - 1);
  const root = resolveRoot(index, segments[0]);
  const calleeTarget = root === null ? undefined : classified([root, ...segments.slice(1)].join('.'));
  // Bound to a module outside Keras and TensorFlow (torch, sklearn), directly or through an alias.
  const foreign = root !== null && calleeTarget === undefined;
  return { callee: segments.join('.'), calleeTarget, foreign, ...(keyword !== undefined ? { keyword } : { position }) };
}

/** In a `def`'s parameters, the name of an annotated parameter whose default follows `=` at token `equals`. */
function annotatedParameter(tokens: TokenIndex, open: number, equals: number): string | undefined {
  if (!isName(tokens, open - 1) || !isName(tokens, open - 2, 'def')) return undefined;
  let start = equals - 1;
  while (start > open && !isOp(tokens, start, ',')) start = tokens.kind[start] === TokenKind.Close && tokens.match[start] > open ? tokens.match[start] - 1 : start - 1;
  start++;
  return isName(tokens, start) && isOp(tokens, start + 1, ':') && start + 2 < equals ? tokenText(tokens, start) : undefined;
}

/** `activation=`, `recurrent_activation=` and the `*_activation=` of applications (`classifier_activation`). */
const isActivationKeyword = (keyword: string): boolean => keyword === 'activation' || keyword.endsWith('_activation');

/** For a string that is the whole value of a dict entry with a string key (`{"activation": "relu"}`): that key. */
function dictEntryContext(tokens: TokenIndex, i: number): ArgumentContext | undefined {
  const open = tokens.parent[i];
  if (open === -1 || !isOp(tokens, open, '{') || !isOp(tokens, i - 1, ':') || tokens.kind[i - 2] !== TokenKind.String) return undefined;
  if (!(i - 3 === open || isOp(tokens, i - 3, ','))) return undefined;
  if (!(isOp(tokens, i + 1, ',') || (tokens.kind[i + 1] === TokenKind.Close && tokens.match[i + 1] === open))) return undefined;
  const keyword = plainString(tokens, i - 2);
  return keyword === undefined ? undefined : { callee: '', calleeTarget: undefined, foreign: false, keyword };
}

function referenceFromString(index: PythonDocumentIndex, i: number, options: RecognizeOptions | undefined): ActivationReference | undefined {
  const tokens = index.tokens;
  // Adjacent literals concatenate (`'re' 'lu'`): not a plain name.
  if (tokens.kind[i - 1] === TokenKind.String || tokens.kind[i + 1] === TokenKind.String) return undefined;
  const parts = pythonStringParts(index.text, tokens.start[i], tokens.end[i]);
  if (!parts.terminated || /[bft]/.test(parts.prefix)) return undefined;
  const content = index.text.slice(parts.contentStart, parts.contentEnd);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(content)) return undefined;
  const context = argumentContext(index, i, i) ?? dictEntryContext(tokens, i);
  if (!context || context.foreign) return undefined;
  const target = context.calleeTarget;
  const family = target && 'family' in target ? target.family : undefined;
  const flavour = familyFlavour(family, options);
  let api: ReferenceApi;
  let layer: LayerSpec | undefined;
  if (target?.kind === 'lookup' && (context.position === 0 || context.keyword === 'identifier' || context.keyword === 'config')) {
    api = 'activations.get';
  } else if (target?.kind === 'layer' && target.name === 'Activation' && (context.position === 0 || context.keyword === 'activation')) {
    api = 'activation string';
    layer = layerFor('Activation', flavour)?.layer;
  } else if (context.keyword !== undefined && isActivationKeyword(context.keyword)) {
    api = 'activation string';
  } else {
    return undefined;
  }
  const resolved = resolveIdentifier(content, flavour, 'activation');
  if (!resolved || resolved.flavour !== flavour) {
    const libraryLookup = target !== undefined;
    options?.onUnresolved?.({ written: content, start: parts.contentStart, end: parts.contentEnd, api, flavour, keyword: context.keyword, callee: context.callee, libraryLookup });
  }
  if (!resolved) return undefined;
  return toReference({
    spec: resolved.spec,
    flavour: resolved.flavour,
    api,
    written: content,
    start: parts.contentStart,
    end: parts.contentEnd,
    layer,
    keyword: context.keyword,
    callee: context.callee,
    implied: resolved.fixed,
    notes: resolved.notes,
  });
}

// ---------------------------------------------------------------------------------------------------
// Arguments and literal values

/** The arguments of the call whose `(` is token `open`, as token ranges (values are read on demand). */
function pythonCallArguments(index: PythonDocumentIndex, open: number): WrittenArgument[] {
  const tokens = index.tokens;
  const args: WrittenArgument[] = [];
  for (const { first, last } of bracketItems(tokens, open)) {
    if (first > last) continue;
    if (isOp(tokens, first, '*') || isOp(tokens, first, '**')) {
      args.push({ spread: nonLiteral(tokens, first, last).nonLiteral, first, last });
    } else if (isName(tokens, first) && isOp(tokens, first + 1, '=') && first + 2 <= last) {
      args.push({ keyword: tokenText(tokens, first), keywordToken: first, first: first + 2, last });
    } else {
      args.push({ first, last });
    }
  }
  return args;
}

const INFINITY_MODULES = new Set(['math', 'np', 'numpy']);

/** A Python literal value over tokens first..last, or its source text. */
function pythonValue(index: PythonDocumentIndex, first: number, last: number): WrittenValue {
  const tokens = index.tokens;
  const text = index.text;
  let sign = 1;
  let i = first;
  if (isOp(tokens, i, '-') || isOp(tokens, i, '+')) {
    sign = isOp(tokens, i, '-') ? -1 : 1;
    i++;
  }
  const count = last - i + 1;
  const signed = i > first;
  if (count === 1) {
    const word = tokenText(tokens, i);
    switch (tokens.kind[i]) {
      case TokenKind.Number: {
        const value = parseNumberLiteral(word);
        if (value !== undefined) return sign * value;
        break;
      }
      case TokenKind.Name:
        if (!signed && word === 'True') return true;
        if (!signed && word === 'False') return false;
        if (!signed && word === 'None') return null;
        break;
      case TokenKind.String: {
        const parts = pythonStringParts(text, tokens.start[i], tokens.end[i]);
        if (!signed && parts.terminated && !/[bft]/.test(parts.prefix)) {
          const content = text.slice(parts.contentStart, parts.contentEnd);
          return parts.prefix.includes('r') ? content : unescapeString(content);
        }
        break;
      }
    }
  } else if (count === 3 && isName(tokens, i) && isOp(tokens, i + 1, '.') && isName(tokens, i + 2) && INFINITY_MODULES.has(tokenText(tokens, i))) {
    const member = tokenText(tokens, i + 2);
    if (member === 'inf') return sign * Infinity;
    if (member === 'nan') return NaN;
  } else if (count === 4 && isName(tokens, i, 'float') && isOp(tokens, i + 1, '(') && tokens.kind[i + 2] === TokenKind.String && isOp(tokens, i + 3, ')')) {
    const parts = pythonStringParts(text, tokens.start[i + 2], tokens.end[i + 2]);
    const value = parts.terminated ? pythonFloatFromString(text.slice(parts.contentStart, parts.contentEnd)) : undefined;
    if (value !== undefined) return sign * value;
  }
  return nonLiteral(tokens, first, last);
}

// ---------------------------------------------------------------------------------------------------
// Public entry points

/** The activation named at `offset` (within its name, or anywhere in its string literal), or undefined. */
export function pythonReferenceAt(index: PythonDocumentIndex, offset: number, options?: RecognizeOptions): ActivationReference | undefined {
  for (const i of tokensAt(index.tokens, offset)) {
    const reference = referenceAtToken(index, i, options);
    if (reference) return reference;
  }
  return undefined;
}

/**
 * Every activation named in the document, in order; or in its tokens [from, to), whole statements (what
 * `pythonEdit` says an edit touched).
 */
export function scanPython(index: PythonDocumentIndex, options?: RecognizeOptions, from = 0, to = index.tokens.count): ActivationReference[] {
  const references: ActivationReference[] = [];
  const { tokens } = index;
  const unbound = new Uint8Array(tokens.count);
  for (let i = from; i < to; i++) {
    const kind = tokens.kind[i];
    if (kind !== TokenKind.Name && kind !== TokenKind.String) continue;
    const reference = referenceAtToken(index, i, options, unbound);
    if (reference) references.push(reference);
  }
  return references;
}

// ---------------------------------------------------------------------------------------------------
// Edits: a new version of a document read again only where the edit reached
//
// The lexer is in the same state after every Newline token (no bracket open, no string), so a text that is
// the same from such a token on lexes the same from there: an edit is re-lexed from the statement it begins
// in until a Newline token that the previous version has at the same place, counted from the end.

/**
 * Where two versions of a document differ, in whole statements: tokens [0, head) are the same in both, and so
 * are the tails — `previous`'s tokens from `previousTail` on and `next`'s from `nextTail` on, their offsets
 * `shift` apart. The statements between start at offset `from` in both and end (with a Newline token) at
 * `previousTo` / `nextTo`, where the tails begin (the text's length when there is no tail).
 */
export interface StatementEdit {
  readonly head: number;
  readonly previousTail: number;
  readonly nextTail: number;
  readonly from: number;
  readonly previousTo: number;
  readonly nextTo: number;
  readonly shift: number;
}

/** The statements that differ between two versions of a document (same context); undefined when their texts are equal. */
export function pythonEdit(previous: PythonDocumentIndex, next: PythonDocumentIndex): StatementEdit | undefined {
  if (previous.text === next.text) return undefined;
  const range = changedRange(previous.text, next.text);
  const shift = next.text.length - previous.text.length;
  const head = statementsBefore(previous.tokens, range.start);
  const from = head ? previous.tokens.end[head - 1] : 0;
  const { tokens } = next;
  for (let j = lastTokenFrom(tokens, range.nextEnd - 1) + 1; j < tokens.count; j++) {
    if (tokens.kind[j] !== TokenKind.Newline) continue;
    const k = tokenStartingAt(previous.tokens, tokens.start[j] - shift);
    if (k !== -1 && previous.tokens.kind[k] === TokenKind.Newline) {
      return { head, previousTail: k + 1, nextTail: j + 1, from, previousTo: previous.tokens.end[k], nextTo: tokens.end[j], shift };
    }
  }
  return { head, previousTail: previous.tokens.count, nextTail: tokens.count, from, previousTo: previous.text.length, nextTo: next.text.length, shift };
}

/**
 * The document after an edit, read again from the statement the edit begins in to the first statement end
 * past it that lexes as before; the rest of the tokens are the previous version's, moved. When the edited
 * statements bind what they bound before (most edits), the import table and what it resolved are kept too.
 * The same as `analyzePython(text, { context: previous.context })`, in time proportional to the edit.
 *
 * An edit that leaves a bracket or a string open to the end of the text (`(` typed, its `)` not yet) changes
 * every token after it; the version before it is kept as `earlier`, and later versions are read again from that
 * one, so closing the bracket (or undoing) lines up with its tokens again.
 */
export function reanalyzePython(previous: PythonDocumentIndex, text: string): PythonDocumentIndex {
  const edit = editAgainst(previous, text);
  if ('same' in edit) return edit.same;
  const { base, range, shift } = edit;
  const old = base.tokens;
  const head = statementsBefore(old, range.start);
  let tailFrom = old.count;
  let linedUp = false;
  const middle = tokenizePythonFrom(text, head ? old.end[head - 1] : 0, (newline) => {
    if (newline < range.nextEnd) return false;
    const k = tokenStartingAt(old, newline - shift);
    if (k === -1 || old.kind[k] !== TokenKind.Newline) return false;
    tailFrom = k + 1;
    return (linedUp = true);
  });
  const tokens = spliceTokens(old, text, head, middle, tailFrom, shift);
  const middleEnd = head + middle.count;
  const earlier = !linedUp && endsStatementAfter(old, range.previousEnd) ? { earlier: base } : {};
  // The new statements first: after an edit that swallows the rest into a bracket they bind little, and the old ones are read only until they differ.
  if (!sameBindings(tokens, head, middleEnd, old, head, tailFrom)) {
    const { table, importSites } = readImports(tokens);
    return { language: 'python', text, tokens, imports: table, context: base.context, ...preludeOf(base), importSites, resolved: new Map(), ...earlier };
  }
  // The same table: only the import sites' token numbers move.
  const importSites = new Map<number, string>();
  const moved = middleEnd - tailFrom;
  for (const [token, path] of base.importSites) {
    if (token < head) importSites.set(token, path);
    else if (token >= tailFrom) importSites.set(token + moved, path);
  }
  readImportsBetween(tokens, head, middleEnd, { bind: () => undefined, star: () => undefined, site: (token, path) => importSites.set(token, path) });
  return { language: 'python', text, tokens, imports: base.imports, context: base.context, ...preludeOf(base), importSites, resolved: base.resolved, ...earlier };
}

/** Whether a statement of the tokens ends after `offset`: what an edit that reads on to the end swallowed. */
function endsStatementAfter(tokens: TokenIndex, offset: number): boolean {
  for (let i = lastTokenFrom(tokens, offset) + 1; i < tokens.count; i++) if (tokens.kind[i] === TokenKind.Newline) return true;
  return false;
}

/**
 * Whether every name means the same in two versions of a document read with the same context: their import
 * tables differ at most in names bound locally or not at all that resolve the same either way (a new local
 * variable, not a Keras name). Then every statement the edit did not touch names the same activations.
 */
export function sameNameMeanings(previous: PythonDocumentIndex, next: PythonDocumentIndex): boolean {
  if (previous.imports === next.imports) return true;
  if (previous.context !== next.context || !sameList(previous.imports.starModules, next.imports.starModules)) return false;
  const before = previous.imports.bindings;
  const after = next.imports.bindings;
  const meansTheSame = (name: string): boolean => {
    const wasBound = lookupBinding(previous, name);
    const isBound = lookupBinding(next, name);
    return (wasBound === undefined || wasBound.kind === 'local') && (isBound === undefined || isBound.kind === 'local') && resolveRoot(previous, name) === resolveRoot(next, name);
  };
  for (const [name, binding] of before) if (JSON.stringify(binding) !== JSON.stringify(after.get(name)) && !meansTheSame(name)) return false;
  for (const name of after.keys()) if (!before.has(name) && !meansTheSame(name)) return false;
  return true;
}

/** What the statements of tokens [from, to) bind, in order, each as a comparable string, to `event`. */
function bindingEvents(tokens: TokenIndex, from: number, to: number, event: (event: string) => void, done?: () => boolean): void {
  readImportsBetween(tokens, from, to, {
    bind: (name, binding, rank) => event(`${rank} ${name} ${binding.kind === 'local' ? 'local' : JSON.stringify(binding)}`),
    star: (module) => event(`* ${module}`),
    site: () => undefined,
    ...(done ? { done } : {}),
  });
}

/** Whether tokens [from, to) of `a` bind what tokens [from, to) of `b` do, in order; reading `b`'s only until they differ. */
function sameBindings(a: TokenIndex, aFrom: number, aTo: number, b: TokenIndex, bFrom: number, bTo: number): boolean {
  const expected: string[] = [];
  bindingEvents(a, aFrom, aTo, (event) => expected.push(event));
  let read = 0;
  let differs = false;
  bindingEvents(b, bFrom, bTo, (event) => (differs ||= expected[read++] !== event), () => differs);
  return !differs && read === expected.length;
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((item, k) => item === b[k]);

/** How many tokens come before the statement that holds `offset`: up to the last Newline token ending before it. */
function statementsBefore(tokens: TokenIndex, offset: number): number {
  let i = lastTokenFrom(tokens, offset - 1);
  while (i >= 0 && !(tokens.kind[i] === TokenKind.Newline && tokens.end[i] < offset)) i--;
  return i + 1;
}
