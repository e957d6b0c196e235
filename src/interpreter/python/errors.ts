// How the interpreter fails, in three kinds that never mix:
// - a SyntaxError (PySyntaxError) found while reading, positioned, with CPython's wording where it matters;
// - a Python exception (PyError) raised while running: a Python exception object (ValueError, OverflowError,
//   …, a class of the exception hierarchy below), positioned at the expression that raised it, catchable
//   by `try`/`except` as in Python;
// - a Refusal: the code steps outside the subset Activation Lens interprets (`import os`, a class, an
//   unmodelled library call, a cap reached). Not a Python exception: `except Exception` does not catch it.
import type { Span } from '../valuesParser';
import { PyType } from './types';

export type { Span };

/** A syntax error while reading: CPython's message and class (`SyntaxError`, `IndentationError`). */
export class PySyntaxError extends Error {
  /** Raised by the tokenizer (a later one found by CPython's full-source check replaces a parser's error, not these). */
  tokenizer = false;
  /** A bracket never closed (CPython reports it over a later parser error only from an earlier line). */
  unclosedBracket = false;
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
    readonly type: 'SyntaxError' | 'IndentationError' | 'TabError' = 'SyntaxError',
  ) {
    super(message);
  }
}

// -- the exception hierarchy -------------------------------------------------------------------------

const exception = (name: string, base: PyType | undefined, module = 'builtins'): PyType => new PyType(name, { base, module });

export const BaseException = exception('BaseException', undefined);
export const Exception = exception('Exception', BaseException);
export const ArithmeticError = exception('ArithmeticError', Exception);
export const ZeroDivisionError = exception('ZeroDivisionError', ArithmeticError);
export const OverflowError = exception('OverflowError', ArithmeticError);
export const FloatingPointError = exception('FloatingPointError', ArithmeticError);
export const LookupError = exception('LookupError', Exception);
export const IndexError = exception('IndexError', LookupError);
export const KeyError = exception('KeyError', LookupError);
export const ValueError = exception('ValueError', Exception);
export const TypeError = exception('TypeError', Exception);
export const NameError = exception('NameError', Exception);
export const UnboundLocalError = exception('UnboundLocalError', NameError);
export const AttributeError = exception('AttributeError', Exception);
export const RuntimeError = exception('RuntimeError', Exception);
export const RecursionError = exception('RecursionError', RuntimeError);
export const NotImplementedError = exception('NotImplementedError', RuntimeError);
export const AssertionError = exception('AssertionError', Exception);
export const StopIteration = exception('StopIteration', Exception);
export const ImportError = exception('ImportError', Exception);
export const ModuleNotFoundError = exception('ModuleNotFoundError', ImportError);
/** NumPy's AxisError is both a ValueError and an IndexError; its first base is enough for `except`. */
export const AxisError = exception('AxisError', ValueError, 'numpy.exceptions');
/** TensorFlow's errors, printed with their module as tracebacks print them. */
export const TfOpError = exception('OpError', Exception, 'tensorflow.python.framework.errors_impl');
export const InvalidArgumentError = exception('InvalidArgumentError', TfOpError, 'tensorflow.python.framework.errors_impl');
export const NotFoundError = exception('NotFoundError', TfOpError, 'tensorflow.python.framework.errors_impl');

export const BUILTIN_EXCEPTIONS: readonly PyType[] = [
  BaseException, Exception, ArithmeticError, ZeroDivisionError, OverflowError, FloatingPointError, LookupError, IndexError,
  KeyError, ValueError, TypeError, NameError, UnboundLocalError, AttributeError, RuntimeError, RecursionError, NotImplementedError,
  AssertionError, StopIteration, ImportError, ModuleNotFoundError,
];

/**
 * A raised Python exception: its class, its arguments (the message is the first), and where it was raised.
 * The span is set by the innermost expression that sees it; the line shown is the module-level line running.
 */
export class PyError extends Error {
  span: Span | undefined;
  /** "Did you mean: …?" as CPython's traceback adds it for NameError and AttributeError. */
  suggestion: string | undefined;
  /** For NameError: whether the suggestion is a name the code assigned (not an import or a builtin). */
  suggestsAssigned = false;

  constructor(
    readonly type: PyType,
    readonly args: readonly unknown[],
    span?: Span,
  ) {
    super(typeof args[0] === 'string' ? args[0] : type.name);
    this.span = span;
  }
}

/** `raise Type(message)` from the interpreter's own code. */
export function raise(type: PyType, message?: string): never {
  throw new PyError(type, message === undefined ? [] : [message]);
}

/** A construct outside the subset, or a cap reached: said plainly, positioned, never caught by `except`. */
export class Refusal extends Error {
  span: Span | undefined;
  constructor(
    message: string,
    span?: Span,
    /** A size or step limit was hit (the code itself may be fine). */
    readonly limit = false,
    /** The refusal is the use of a value not known: the first such value it goes back to, with its reason. */
    readonly unknownOrigin?: string,
  ) {
    super(message);
    this.span = span;
  }
}

export function refuse(message: string, span?: Span): never {
  throw new Refusal(message, span);
}

/** Gives an error raised without a position the span of the expression that saw it first. */
export function located(error: unknown, span: Span): unknown {
  if ((error instanceof PyError || error instanceof Refusal) && error.span === undefined) error.span = span;
  return error;
}
