// The shape of the activation catalog: one spec per activation, the facts every feature reads
// (parameters and defaults, formulas, ranges, library differences). Data lives beside, in activations.ts
// and layers.ts; lookups in index.ts.

/** The library whose definition of an activation is meant. */
export type Flavour = 'keras3' | 'keras2' | 'tfjs';

export const FLAVOURS: readonly Flavour[] = ['keras3', 'keras2', 'tfjs'];

export const FLAVOUR_LABELS: Readonly<Record<Flavour, string>> = {
  keras3: 'Keras 3',
  keras2: 'Keras 2',
  tfjs: 'TensorFlow.js',
};

/** A formula in two spellings: LaTeX for typesetting and plain text for terminals and screen readers. */
export interface Formula {
  readonly latex: string;
  readonly text: string;
}

export type ParamValue = number | boolean | null;

/**
 * A parameter value as written at a call site: a literal (numbers, True/False/None or true/false/null,
 * strings), or the source text of anything else (`{ nonLiteral: 'elu_alpha' }`, at most 80 characters).
 */
export type WrittenValue = ParamValue | string | { readonly nonLiteral: string };

export interface ParamSpec {
  /** The keyword name as the library spells it (Keras 3 for an activation's own params). */
  readonly name: string;
  /** `number` params are rounded to float32 before use, as Keras does; `integer` ones are axes;
   *  `string` ones (layer arguments such as initializers) never reach a kernel. */
  readonly type: 'number' | 'integer' | 'boolean' | 'string';
  /** `null` is Python's `None`; `undefined` means the parameter is required (no default). */
  readonly default?: ParamValue | string;
  /** Whether `None` is accepted (e.g. relu's `max_value`). */
  readonly nullable?: boolean;
  /** A layer raises for values below this when constructed (Keras' `ReLU(max_value=-1)` is a ValueError). */
  readonly minimum?: number;
  /** The only values the library implements (TensorFlow.js' elu layer throws for alpha ≠ 1). */
  readonly supported?: readonly number[];
  readonly symbol?: string;
  readonly description: string;
  /** A sensible interactive range for plot sliders. */
  readonly slider?: {
    readonly min: number;
    readonly max: number;
    readonly step: number;
    /** Where the control starts for a required parameter (no default), chosen to show what it does. */
    readonly start?: number;
  };
}

/** A formula that applies when some parameters have given values (gelu's `approximate=True`). */
export interface FormulaForm {
  readonly when: Readonly<Record<string, ParamValue>>;
  readonly formula: Formula;
  readonly derivative?: Formula;
}

/** How Keras 2 or TensorFlow.js provides an activation, when it does. */
export interface LibraryVariant {
  /** Activation identifiers that resolve to it in that library (`'hardSigmoid'` in tfjs). */
  readonly identifiers: readonly string[];
  /** The parameters an identifier fixes, where it names one form of the function (tfjs `'gelu_new'`). */
  readonly fixedBy?: Readonly<Record<string, Readonly<Record<string, ParamValue>>>>;
  /** The library's function or op spellings, e.g. `tf.leakyRelu` or `tf.keras.activations.swish`. */
  readonly functions: readonly string[];
  /** Its parameters, when they differ from Keras 3 in name or default; `target` is the Keras 3 name. */
  readonly params?: readonly (ParamSpec & { readonly target: string })[];
  /** Present only when the definition itself differs (not just the names). */
  readonly formula?: Formula;
  readonly derivative?: Formula;
  /** One line on how it differs from Keras 3; empty when it is the same function. */
  readonly note: string;
}

export interface ActivationSpec {
  /** Keras 3 canonical name (the function's `__name__`). */
  readonly name: string;
  readonly aliases: readonly string[];
  readonly title: string;
  readonly summary: string;
  /** Keras 3 parameters in signature order (after `x`). */
  readonly params: readonly ParamSpec[];
  /** Elementwise functions map each input alone; the others work along an axis. */
  readonly elementwise: boolean;
  readonly formula: Formula;
  /** Derivative with respect to x; null for functions along an axis (their Jacobian is not a curve). */
  readonly derivative: Formula | null;
  readonly forms?: readonly FormulaForm[];
  /** Output range with default parameters. */
  readonly range: Formula;
  readonly properties: readonly string[];
  /** Extra facts a user should know (numerical traps, Keras quirks). */
  readonly notes?: readonly string[];
  /** x-range that shows the interesting part of the curve. */
  readonly plotDomain: readonly [number, number];
  /**
   * The infinite inputs (−1: −∞, 1: +∞) where Keras' own formula gives NaN (−∞·0, ∞/∞) and the kernels the
   * limit (docs/numerics.md): there a hand-written NaN is what Keras gives too.
   */
  readonly kerasNaNAt?: readonly (-1 | 1)[];
  /** For a function along an axis (no curve y = f(x)): the slice of it that is plotted. */
  readonly slice?: AxisSlice;
  readonly keras2: LibraryVariant | null;
  readonly tfjs: LibraryVariant | null;
  /**
   * How `keras.ops` computes it (with these defaults where they differ from the activation's); from its
   * `numpy` submodule when said so (`tanh`). Under another name (`exp`) it is a math op, not named as an
   * activation: recognizers do not report it.
   */
  readonly kerasOps: { readonly name: string; readonly submodule?: 'numpy'; readonly defaults?: Readonly<Record<string, ParamValue>> } | null;
  readonly docsUrl: string;
}

/**
 * How a function along an axis is drawn as a curve: a one-dimensional slice that means something, computed
 * by the real kernel on an [n, 2] tensor (axis −1), and said in the legend.
 */
export interface AxisSlice {
  /** Legend label, e.g. `softmax([x, 0])₀`. */
  readonly label: string;
  /** What the slice is and what it equals, for tooltips and captions. */
  readonly description: string;
  /** The second input component: a constant, or `'x'` for the same input. */
  readonly partner: 0 | 'x';
  /** The elementwise activation the slice equals (`softmax([x, 0])₀` is `sigmoid`): its derivative is the slope along the slice. */
  readonly equals: string;
}

/** A layer class (or tfjs layer factory) that computes an activation with its own parameter names and defaults. */
export interface LayerSpec {
  /** As written in code: `LeakyReLU`, or tfjs' factory name `leakyReLU`. */
  readonly name: string;
  readonly flavour: Flavour;
  /** The activation computed; `null` for `Activation`, whose argument names the activation. */
  readonly activation: string | null;
  /** Constructor arguments in positional order; `target` is the activation parameter they set. */
  readonly params: readonly (ParamSpec & { readonly target?: string })[];
  /** Deprecated argument names still accepted, mapped to their replacement (Keras 3 LeakyReLU's `alpha`). */
  readonly deprecated?: Readonly<Record<string, string>>;
  /** Activation parameters the layer fixes (PReLU starts from slope 0 and learns it). */
  readonly fixed?: Readonly<Record<string, ParamValue>>;
  readonly note?: string;
  readonly docsUrl: string;
}
