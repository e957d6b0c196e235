// What a careful reader finds in TypeScript / JavaScript: every place a TensorFlow.js activation is named,
// read with the TypeScript compiler's own parser and binder (symbols resolved through scopes, imports and
// requires), independently of the extension's lexer-based recognizer. The corpus script compares the two.
//
// What counts (docs/recognition.md has the rationale): a name that resolves into the TensorFlow.js
// namespace as an activation op (`tf.relu`, an imported `relu`) or activation layer factory
// (`tf.layers.leakyReLU`); a tensor method call (`x.relu()`) in a file that uses TensorFlow.js, on a
// receiver that is not `Math`, `this`, another library or the namespace itself, with no more arguments than
// the op takes; an `activation:` / `recurrentActivation:` string naming a tfjs activation in the options
// object given to a `tf.layers.*` factory. `tf` means TensorFlow.js unless the file declares it otherwise.
import ts from 'typescript';

export interface ScriptUnit {
  /** A unique virtual file name; its extension picks the dialect (.ts, .tsx, .js, .jsx). */
  readonly fileName: string;
  readonly code: string;
}

export interface ScriptFinding {
  readonly line: number;
  readonly character: number;
  readonly name: string;
  readonly how: string;
}

/** Keras 3 names of the tfjs ops that compute an activation, with how many arguments they take after the input. */
const OPS: Readonly<Record<string, { readonly name: string; readonly params: number }>> = {
  relu: { name: 'relu', params: 0 },
  relu6: { name: 'relu6', params: 0 },
  elu: { name: 'elu', params: 0 },
  selu: { name: 'selu', params: 0 },
  sigmoid: { name: 'sigmoid', params: 0 },
  logSigmoid: { name: 'log_sigmoid', params: 0 },
  softplus: { name: 'softplus', params: 0 },
  tanh: { name: 'tanh', params: 0 },
  leakyRelu: { name: 'leaky_relu', params: 1 },
  prelu: { name: 'leaky_relu', params: 1 },
  softmax: { name: 'softmax', params: 1 },
  logSoftmax: { name: 'log_softmax', params: 1 },
};

const LAYER_FACTORIES: Readonly<Record<string, string>> = {
  reLU: 'relu',
  leakyReLU: 'leaky_relu',
  prelu: 'leaky_relu',
  elu: 'elu',
  thresholdedReLU: 'relu',
  softmax: 'softmax',
};

/** tfjs-layers' activation identifiers (and Python JSON's snake_case, camel-cased on load) → Keras 3 names. */
const IDENTIFIERS: Readonly<Record<string, string>> = {
  elu: 'elu',
  hardSigmoid: 'hard_sigmoid',
  hard_sigmoid: 'hard_sigmoid',
  linear: 'linear',
  relu: 'relu',
  relu6: 'relu6',
  selu: 'selu',
  sigmoid: 'sigmoid',
  softmax: 'softmax',
  softplus: 'softplus',
  softsign: 'softsign',
  tanh: 'tanh',
  swish: 'silu',
  mish: 'mish',
  gelu: 'gelu',
  gelu_new: 'gelu',
  logSoftmax: 'log_softmax',
  log_softmax: 'log_softmax',
};

/** A table's own entry (never an Object.prototype member such as `toString`). */
const own = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

const NOT_TENSORS = new Set(['Math', 'console', 'window', 'document', 'JSON', 'Object', 'Number', 'Array']);
const isTfjsModule = (name: string): boolean => /^@tensorflow\/tfjs(-[\w-]+)?$/.test(name);

type Path = readonly string[];
/** A TensorFlow.js path, another library, or nothing known. */
type Value = { readonly tfjs: Path } | 'foreign' | undefined;

/** Reads every unit in one program (one binder for all), returning what each names, by file name. */
export function findScriptActivations(units: readonly ScriptUnit[]): Map<string, ScriptFinding[]> {
  const files = new Map(units.map((unit) => [unit.fileName, unit.code]));
  const options: ts.CompilerOptions = { allowJs: true, checkJs: false, noLib: true, noResolve: true, jsx: ts.JsxEmit.Preserve, target: ts.ScriptTarget.ES2022, types: [] };
  const host: ts.CompilerHost = {
    getSourceFile: (name, version) => {
      const code = files.get(name);
      return code === undefined ? undefined : ts.createSourceFile(name, code, version, true, kindOf(name));
    },
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => files.has(name),
    readFile: (name) => files.get(name),
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const checker = program.getTypeChecker();
  const results = new Map<string, ScriptFinding[]>();
  for (const unit of units) {
    const source = program.getSourceFile(unit.fileName);
    results.set(unit.fileName, source ? new FileReader(source, checker).read() : []);
  }
  return results;
}

function kindOf(name: string): ts.ScriptKind {
  if (name.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (name.endsWith('.ts')) return ts.ScriptKind.TS;
  if (name.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

class FileReader {
  private readonly found: ScriptFinding[] = [];
  private readonly memo = new Map<ts.Declaration, Value>();
  private readonly usesTfjs: boolean;

  constructor(
    private readonly source: ts.SourceFile,
    private readonly checker: ts.TypeChecker,
  ) {
    this.usesTfjs = this.importsTfjs() || this.mentionsGlobalTf();
  }

  read(): ScriptFinding[] {
    const visit = (node: ts.Node): void => {
      this.visit(node);
      ts.forEachChild(node, visit);
    };
    visit(this.source);
    return this.found;
  }

  private add(node: ts.Node, name: string, how: string, skip = 0): void {
    const { line, character } = this.source.getLineAndCharacterOfPosition(node.getStart(this.source) + skip);
    this.found.push({ line, character, name, how });
  }

  private importsTfjs(): boolean {
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found) return;
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && isTfjsModule(node.moduleSpecifier.text)) found = true;
      else if (ts.isCallExpression(node) && requiredModule(node) !== undefined && isTfjsModule(requiredModule(node) as string)) found = true;
      else ts.forEachChild(node, visit);
    };
    visit(this.source);
    return found;
  }

  private mentionsGlobalTf(): boolean {
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found) return;
      if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'tf' && !this.checker.getSymbolAtLocation(node.expression)) found = true;
      else ts.forEachChild(node, visit);
    };
    visit(this.source);
    return found;
  }

  private visit(node: ts.Node): void {
    if (ts.isPropertyAccessExpression(node)) this.member(node);
    else if (ts.isIdentifier(node)) this.identifier(node);
    else if (ts.isImportSpecifier(node)) this.importSpecifier(node);
    else if (ts.isBindingElement(node)) this.requiredBinding(node);
    else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) this.activationString(node);
  }

  /** `tf.relu`, `tf.layers.leakyReLU`, `x.relu()`. */
  private member(node: ts.PropertyAccessExpression): void {
    const value = this.value(node);
    if (value && value !== 'foreign') {
      this.named(node.name, value.tfjs);
      return;
    }
    const op = own(OPS, node.name.text);
    const call = node.parent;
    if (!op || !this.usesTfjs || !ts.isCallExpression(call) || call.expression !== node || call.arguments.length > op.params) return;
    const receiver = skipParentheses(node.expression);
    if (receiver.kind === ts.SyntaxKind.ThisKeyword || receiver.kind === ts.SyntaxKind.SuperKeyword) return;
    if (ts.isIdentifier(receiver) && NOT_TENSORS.has(receiver.text) && !this.checker.getSymbolAtLocation(receiver)) return;
    const receiverValue = this.value(receiver);
    if (receiverValue === 'foreign' || (receiverValue && receiverValue.tfjs.length === 0)) return;
    this.add(node.name, op.name, 'tensor method');
  }

  /** A bare imported name: `relu(x)` after `import {relu} from '@tensorflow/tfjs'`. */
  private identifier(node: ts.Identifier): void {
    const parent = node.parent;
    if (ts.isPropertyAccessExpression(parent) || ts.isQualifiedName(parent)) return;
    if (isDeclarationName(node)) return;
    const value = this.value(node);
    if (value && value !== 'foreign') this.named(node, value.tfjs);
  }

  private named(node: ts.Node, path: Path): void {
    const op = path.length === 1 ? own(OPS, path[0]) : undefined;
    const factory = path.length === 2 && path[0] === 'layers' ? own(LAYER_FACTORIES, path[1]) : undefined;
    if (op) this.add(node, op.name, 'op');
    else if (factory) this.add(node, factory, 'layer factory');
  }

  /** `import { relu, leakyRelu as lr } from '@tensorflow/tfjs'`: both names. */
  private importSpecifier(node: ts.ImportSpecifier): void {
    const declaration = node.parent.parent.parent;
    if (!ts.isStringLiteral(declaration.moduleSpecifier) || !isTfjsModule(declaration.moduleSpecifier.text)) return;
    const imported = node.propertyName ?? node.name;
    if (!ts.isIdentifier(imported)) return;
    this.named(imported, [imported.text]);
    if (node.propertyName) this.named(node.name, [imported.text]);
  }

  /** `const { relu, layers: L } = require('@tensorflow/tfjs')`. */
  private requiredBinding(node: ts.BindingElement): void {
    const pattern = node.parent;
    if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(pattern.parent) || !pattern.parent.initializer) return;
    const module = requiredModule(pattern.parent.initializer);
    if (module === undefined || !isTfjsModule(module)) return;
    const key = node.propertyName ?? node.name;
    if (!ts.isIdentifier(key)) return;
    this.named(key, [key.text]);
    if (node.propertyName && ts.isIdentifier(node.name)) this.named(node.name, [key.text]);
  }

  /** `tf.layers.dense({ units: 4, activation: 'relu' })`. */
  private activationString(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): void {
    const property = node.parent;
    if (!ts.isPropertyAssignment(property) || property.initializer !== node) return;
    const key = ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) ? property.name.text : undefined;
    if (key !== 'activation' && key !== 'recurrentActivation') return;
    const name = own(IDENTIFIERS, node.text);
    if (!name) return;
    const object = property.parent;
    const call = object.parent;
    if (!ts.isCallExpression(call) || call.arguments[0] !== object) return;
    const callee = this.value(call.expression);
    if (!callee || callee === 'foreign' || callee.tfjs[0] !== 'layers' || callee.tfjs.length !== 2) return;
    this.add(node, name, `${key}:`, 1);
  }

  /** What an expression names: a path in the TensorFlow.js namespace, another library, or nothing known. */
  private value(node: ts.Expression): Value {
    node = skipParentheses(node);
    if (ts.isPropertyAccessExpression(node)) {
      const base = this.value(node.expression);
      return base && base !== 'foreign' ? { tfjs: [...base.tfjs, node.name.text] } : base === 'foreign' ? 'foreign' : undefined;
    }
    if (!ts.isIdentifier(node)) return undefined;
    const symbol = this.checker.getSymbolAtLocation(node);
    if (!symbol) return node.text === 'tf' ? { tfjs: [] } : undefined;
    const declaration = symbol.declarations?.[0];
    if (!declaration) return undefined;
    if (this.memo.has(declaration)) return this.memo.get(declaration);
    this.memo.set(declaration, undefined);
    const value = this.declared(declaration);
    this.memo.set(declaration, value);
    return value;
  }

  private declared(declaration: ts.Declaration): Value {
    const fromModule = (specifier: ts.Expression, path: Path): Value =>
      ts.isStringLiteral(specifier) ? (isTfjsModule(specifier.text) ? { tfjs: path } : 'foreign') : undefined;
    if (ts.isNamespaceImport(declaration)) return fromModule(declaration.parent.parent.moduleSpecifier, []);
    if (ts.isImportClause(declaration)) return fromModule(declaration.parent.moduleSpecifier, []);
    if (ts.isImportSpecifier(declaration)) return fromModule(declaration.parent.parent.parent.moduleSpecifier, [(declaration.propertyName ?? declaration.name).text]);
    if (ts.isImportEqualsDeclaration(declaration) && ts.isExternalModuleReference(declaration.moduleReference)) return fromModule(declaration.moduleReference.expression, []);
    if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
      const module = requiredModule(declaration.initializer);
      if (module !== undefined) return isTfjsModule(module) ? { tfjs: [] } : 'foreign';
      return this.value(declaration.initializer);
    }
    if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent) && ts.isVariableDeclaration(declaration.parent.parent)) {
      const initializer = declaration.parent.parent.initializer;
      if (!initializer) return undefined;
      const module = requiredModule(initializer);
      const base: Value = module !== undefined ? (isTfjsModule(module) ? { tfjs: [] } : 'foreign') : this.value(initializer);
      const key = declaration.propertyName ?? declaration.name;
      if (!base || base === 'foreign' || !ts.isIdentifier(key)) return base === 'foreign' ? 'foreign' : undefined;
      return { tfjs: [...base.tfjs, key.text] };
    }
    return undefined;
  }
}

/** The module of `require('m')` or `await import('m')`, or undefined. */
function requiredModule(node: ts.Expression): string | undefined {
  let expression = skipParentheses(node);
  if (ts.isAwaitExpression(expression)) expression = skipParentheses(expression.expression);
  if (!ts.isCallExpression(expression) || expression.arguments.length !== 1) return undefined;
  const argument = expression.arguments[0];
  if (!ts.isStringLiteralLike(argument)) return undefined;
  const callee = expression.expression;
  if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) return argument.text;
  return undefined;
}

function skipParentheses(node: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
  return node;
}

/** Whether the identifier is the name a declaration introduces (not a use of it). */
function isDeclarationName(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isBindingElement(parent)) return true;
  if (ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent) || ts.isMethodSignature(parent)) return parent.name === node;
  if (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent) || ts.isClassDeclaration(parent) || ts.isFunctionExpression(parent)) return parent.name === node;
  if (ts.isGetAccessor(parent) || ts.isSetAccessor(parent) || ts.isEnumMember(parent) || ts.isInterfaceDeclaration(parent) || ts.isTypeAliasDeclaration(parent)) return true;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent) || ts.isExportSpecifier(parent)) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------------
// JSDoc comments: their `@example` blocks and fenced code blocks, found in the compiler's comment ranges.

export interface CommentRegion {
  readonly code: string;
  /** For each line of `code`: where it starts in the file (0-based line, UTF-16 column). */
  readonly origins: readonly { readonly line: number; readonly character: number }[];
  readonly dialect: 'ts' | 'js';
}

const SCRIPT_FENCES: Readonly<Record<string, 'ts' | 'js'>> = { js: 'js', javascript: 'js', jsx: 'js', mjs: 'js', cjs: 'js', ts: 'ts', typescript: 'ts', tsx: 'ts' };

/** The code in a file's `/** … *\/` comments: `@example` blocks (up to the next tag) and ```js / ```ts fences. */
export function jsDocRegions(fileName: string, code: string, host: 'ts' | 'js'): { regions: CommentRegion[]; spans: [number, number][] } {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, kindOf(fileName));
  const regions: CommentRegion[] = [];
  const spans: [number, number][] = [];
  // Only comments outside strings and templates: take them from each token's leading trivia.
  const seen = new Set<number>();
  const visit = (node: ts.Node): void => {
    for (const range of ts.getLeadingCommentRanges(code, node.getFullStart()) ?? []) {
      if (seen.has(range.pos) || range.kind !== ts.SyntaxKind.MultiLineCommentTrivia || !code.startsWith('/**', range.pos)) continue;
      seen.add(range.pos);
      const first = source.getLineAndCharacterOfPosition(range.pos).line;
      const last = source.getLineAndCharacterOfPosition(range.end).line;
      spans.push([first, last]);
      regions.push(...commentRegions(code, range.pos, range.end, source, host));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { regions, spans };
}

function commentRegions(code: string, start: number, end: number, source: ts.SourceFile, host: 'ts' | 'js'): CommentRegion[] {
  // Each comment line without its leading `*` (and one space), and where that text starts.
  const lines: { text: string; line: number; character: number }[] = [];
  const firstLine = source.getLineAndCharacterOfPosition(start).line;
  const lastLine = source.getLineAndCharacterOfPosition(end).line;
  for (let line = firstLine; line <= lastLine; line++) {
    const lineStart = source.getPositionOfLineAndCharacter(line, 0);
    let from = Math.max(lineStart, line === firstLine ? start + 3 : lineStart);
    let to = line === lastLine ? end - 2 : source.getLineEndOfPosition(lineStart);
    if (to < from) to = from;
    let text = code.slice(from, to);
    const star = /^\s*\*(?!\/) ?/.exec(text);
    if (star && line !== firstLine) {
      from += star[0].length;
      text = text.slice(star[0].length);
    }
    lines.push({ text, line, character: from - lineStart });
  }
  const regions: CommentRegion[] = [];
  const take = (slice: typeof lines, cut: number, dialect: 'ts' | 'js'): void => {
    if (!slice.length) return;
    regions.push({
      code: slice.map((entry) => entry.text.slice(Math.min(cut, entry.text.length - entry.text.trimStart().length))).join('\n'),
      origins: slice.map((entry) => ({ line: entry.line, character: entry.character + Math.min(cut, entry.text.length - entry.text.trimStart().length) })),
      dialect,
    });
  };
  let k = 0;
  let inExample = false;
  let example: typeof lines = [];
  const closeExample = (): void => {
    if (inExample && example.some((entry) => entry.text.trim())) take(example, 0, host);
    inExample = false;
    example = [];
  };
  while (k < lines.length) {
    const text = lines[k].text;
    const fence = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(text);
    if (fence) {
      const [, indent, marker, info] = fence;
      let close = k + 1;
      const closing = new RegExp(`^\\s*${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
      while (close < lines.length && !closing.test(lines[close].text)) close++;
      const dialect = own(SCRIPT_FENCES, info.toLowerCase());
      if (dialect) take(lines.slice(k + 1, close), indent.length, dialect);
      // A fenced block inside an @example is the example.
      example = [];
      k = close + 1;
      continue;
    }
    const tag = /^\s*@(\w+)/.exec(text);
    if (tag) {
      closeExample();
      if (tag[1] === 'example') {
        inExample = true;
        // Code may follow the tag on its line, unless that is a caption.
        const rest = text.slice(tag[0].length);
        if (rest.trim() && !rest.includes('<caption>')) example.push({ ...lines[k], text: rest, character: lines[k].character + tag[0].length });
      }
      k++;
      continue;
    }
    if (inExample) example.push(lines[k]);
    k++;
  }
  closeExample();
  return regions;
}
