// What evaluating a snippet reports (snippet.ts for TS/JS, pythonSnippet.ts for Python): results and errors
// per statement, the lines not evaluated, and the values or activation still waiting for the other half.
import type { ActivationRef, AppliedActivation } from './activation';
import type { PythonImportTable, SourceLanguage } from '../language';
import type { Float32NdArray } from '../render/numpy';
import type { ArrayValue, PositionedError } from './values';
import type { Dialect } from './valuesLexer';

export interface SnippetOptions {
  readonly language: SourceLanguage;
  /** Which Keras `keras.*` and `tf.keras.*` mean. Default '3'. */
  readonly kerasVersion?: '2' | '3';
  /**
   * The part whose results are wanted (offsets): statements overlapping it are reported, the code above
   * is their context, nothing below is read. Absent: the whole text, as the editor's auto mode.
   */
  readonly range?: { readonly start: number; readonly end: number };
  /**
   * 'selection' reports every statement in range (values, errors, activations waiting for input);
   * 'auto' reports only lines where an activation was evaluated, and no errors.
   */
  readonly mode?: 'selection' | 'auto';
  /** Python notebooks: imports of the other cells. */
  readonly context?: PythonImportTable;
  readonly maxElements?: number;
  /** The words a message names a 0-based line of the text with ("assigned at line 7"), when the text is not the document's. */
  readonly lineLabel?: (line: number) => string;
}

/** How a result is displayed, which decides its text. */
export type DisplayKind =
  /** A value assigned or returned: NumPy's repr of it (what `.numpy()` shows), tfjs' print text in TS/JS. */
  | 'value'
  /** A bare expression in a notebook: its repr (`<tf.Tensor: …>`, `array(…)`). */
  | 'repr'
  /** `print(x)`: its str (`tf.Tensor(…)`, `[…]`). */
  | 'print'
  /** tfjs `x.print()` / `console.log(x.toString())`. */
  | 'tfjs-print'
  /** `console.log(...)` of typed arrays, nested arrays, numbers. */
  | 'console';

export interface SnippetResult {
  readonly kind: 'result';
  /** 0-based line the result belongs after: the statement's last line. */
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly display: DisplayKind;
  /** The full text, exactly as the library would print it. */
  readonly text: string;
  /** The value shown, as float32 (absent for non-array output such as a Python float). */
  readonly value?: Float32NdArray;
  /** Activations evaluated in this statement, in order. */
  readonly applied: readonly AppliedActivation[];
  /**
   * The activation whose output is shown: this statement's last, or the one that computed the names it
   * shows (`b.numpy()` after `b = tf.keras.activations.sigmoid(a)`).
   */
  readonly origin?: AppliedActivation;
  readonly notes: readonly string[];
}

export interface SnippetError {
  readonly kind: 'error';
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly error: PositionedError;
}

export type SnippetItem = SnippetResult | SnippetError;

/** A statement in range that could not be evaluated to its end, and why (shown or not). */
export interface UnevaluatedLine {
  /** 0-based line its error belongs after. */
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly error: PositionedError;
}

/** Values in range with no activation applied to them: the editor asks which activation to apply. */
export interface BareValues {
  readonly value: ArrayValue;
  readonly array: Float32NdArray;
  readonly line: number;
  readonly start: number;
  readonly end: number;
  /** How to name them: the variable, or the expression text. */
  readonly label: string;
}

/** An activation in range with no input (`LeakyReLU(alpha=0.1)`, `activation='tanh'`): the editor asks for values. */
export interface PendingActivation {
  readonly ref: ActivationRef;
  readonly line: number;
  readonly start: number;
  readonly end: number;
  /** Why the statement itself gives no result (`model` is not defined above), if it fails. */
  readonly reason?: string;
}

export interface SnippetEvaluation {
  readonly items: readonly SnippetItem[];
  /** The statements in range that could not be evaluated, including those whose error is not among `items`. */
  readonly unevaluated: readonly UnevaluatedLine[];
  readonly bareValues?: BareValues;
  readonly pending?: PendingActivation;
  readonly dialect: Dialect;
}
