// The typed syntax tree of the Python subset, close to CPython's `ast` module: every node keeps its span
// (offsets into the module text), which is where its errors are reported. Constructs outside the subset
// that still parse (a class, `with`, `global`, decorators, `yield`) become `Unsupported` nodes, refused
// when they run, so the rest of the module still runs.
import type { Span } from './errors';

export type Constant = null | boolean | bigint | number | string | typeof ELLIPSIS;

/** Python's `...`. */
export const ELLIPSIS: unique symbol = Symbol('Ellipsis');

export type Expr = Span &
  (
    | { readonly kind: 'constant'; readonly value: Constant }
    | { readonly kind: 'fstring'; readonly parts: readonly FStringPart[] }
    | { readonly kind: 'name'; readonly id: string }
    | { readonly kind: 'attribute'; readonly value: Expr; readonly attr: string; readonly attrStart: number }
    | { readonly kind: 'subscript'; readonly value: Expr; readonly index: Expr }
    | { readonly kind: 'slice'; readonly lower?: Expr; readonly upper?: Expr; readonly step?: Expr }
    | { readonly kind: 'call'; readonly func: Expr; readonly args: readonly Expr[]; readonly keywords: readonly Keyword[] }
    | { readonly kind: 'binop'; readonly op: BinaryOperator; readonly left: Expr; readonly right: Expr; readonly opStart: number }
    | { readonly kind: 'unary'; readonly op: '-' | '+' | '~' | 'not'; readonly operand: Expr }
    | { readonly kind: 'boolop'; readonly op: 'and' | 'or'; readonly values: readonly Expr[] }
    | { readonly kind: 'compare'; readonly left: Expr; readonly ops: readonly CompareOperator[]; readonly comparators: readonly Expr[] }
    | { readonly kind: 'ifexp'; readonly test: Expr; readonly body: Expr; readonly orelse: Expr }
    | { readonly kind: 'lambda'; readonly params: Parameters; readonly body: Expr }
    | { readonly kind: 'list' | 'tuple' | 'set'; readonly elts: readonly Expr[] }
    | { readonly kind: 'dict'; readonly keys: readonly (Expr | undefined)[]; readonly values: readonly Expr[] }
    | { readonly kind: 'listcomp' | 'setcomp' | 'genexp'; readonly elt: Expr; readonly generators: readonly Comprehension[] }
    | { readonly kind: 'dictcomp'; readonly key: Expr; readonly value: Expr; readonly generators: readonly Comprehension[] }
    | { readonly kind: 'starred'; readonly value: Expr }
    | { readonly kind: 'namedexpr'; readonly target: Extract<Expr, { kind: 'name' }>; readonly value: Expr }
    | { readonly kind: 'unsupported'; readonly what: string }
  );

export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '@' | '<<' | '>>' | '&' | '|' | '^';
export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is' | 'is not';

/** A replacement field of an f-string: `{expr!r:>10}`; `debug` is the `expr=` text shown before the value. */
export type FStringPart =
  | string
  | (Span & { readonly expr: Expr; readonly conversion?: 'r' | 's' | 'a'; readonly spec?: readonly FStringPart[]; readonly debug?: string });

/** `name=value`, or `**value` when `name` is undefined. */
export interface Keyword extends Span {
  readonly name: string | undefined;
  readonly value: Expr;
}

export interface Comprehension {
  readonly target: Expr;
  readonly iter: Expr;
  readonly ifs: readonly Expr[];
}

export interface Parameter extends Span {
  readonly name: string;
  readonly default?: Expr;
}

/** A def's or lambda's parameters: positional-only (before `/`), ordinary, `*args`, keyword-only, `**kwargs`. */
export interface Parameters {
  readonly positionalOnly: readonly Parameter[];
  readonly positional: readonly Parameter[];
  readonly vararg?: Parameter;
  readonly keywordOnly: readonly Parameter[];
  readonly kwarg?: Parameter;
}

export interface ExceptHandler extends Span {
  readonly type?: Expr;
  readonly name?: string;
  readonly body: readonly Stmt[];
}

export interface ImportName extends Span {
  /** Dotted module name (`import a.b`) or the imported name (`from m import name`). */
  readonly name: string;
  readonly asname?: string;
}

export type Stmt = Span &
  (
    | {
        readonly kind: 'def';
        readonly name: string;
        readonly nameStart: number;
        readonly params: Parameters;
        readonly body: readonly Stmt[];
        /** The header `def f(…):` ends here. */
        readonly headerEnd: number;
      }
    | { readonly kind: 'return'; readonly value?: Expr }
    | { readonly kind: 'assign'; readonly targets: readonly Expr[]; readonly value: Expr }
    | { readonly kind: 'augassign'; readonly target: Expr; readonly op: BinaryOperator; readonly value: Expr }
    | { readonly kind: 'annassign'; readonly target: Expr; readonly value?: Expr }
    | { readonly kind: 'for'; readonly target: Expr; readonly iter: Expr; readonly body: readonly Stmt[]; readonly orelse: readonly Stmt[] }
    | { readonly kind: 'while'; readonly test: Expr; readonly body: readonly Stmt[]; readonly orelse: readonly Stmt[] }
    | { readonly kind: 'if'; readonly test: Expr; readonly body: readonly Stmt[]; readonly orelse: readonly Stmt[] }
    | { readonly kind: 'expr'; readonly value: Expr }
    | { readonly kind: 'pass' | 'break' | 'continue' }
    | { readonly kind: 'import'; readonly names: readonly ImportName[] }
    | { readonly kind: 'importfrom'; readonly module: string; readonly level: number; readonly names: readonly ImportName[] | '*' }
    | {
        readonly kind: 'try';
        readonly body: readonly Stmt[];
        readonly handlers: readonly ExceptHandler[];
        readonly orelse: readonly Stmt[];
        readonly finalbody: readonly Stmt[];
      }
    | { readonly kind: 'raise'; readonly exc?: Expr; readonly cause?: Expr }
    | { readonly kind: 'assert'; readonly test: Expr; readonly msg?: Expr }
    | { readonly kind: 'delete'; readonly targets: readonly Expr[] }
    /** Parsed but outside the subset; `binds` are the names it would bind (they become unknown). */
    | { readonly kind: 'unsupported'; readonly what: string; readonly binds: readonly string[] }
  );

export type StmtOf<K extends Stmt['kind']> = Stmt & { readonly kind: K };
export type ExprOf<K extends Expr['kind']> = Expr & { readonly kind: K };
