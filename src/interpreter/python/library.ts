// The libraries around the interpreter: what `import` gives (math, numpy, and TensorFlow / Keras namespaces;
// anything else refused by name), the names snippets use by convention (`np`, `tf`, `LeakyReLU`), and the
// Keras / TensorFlow activations. A name under tensorflow / keras / tf_keras is a namespace until it is
// used; calling it asks the recognizers (src/language, the same reading the hover uses, through a small
// probe text of the path) what it is — an activation function, an op, a layer class, `Activation('…')`,
// `activations.get('…')` — and computes it with the core: float32 inputs by the float32 kernels, float64
// NumPy inputs in float64 as Keras keeps them, layers casting floats to their float32 compute dtype,
// integer tensors as TensorFlow's kernels take them (or TensorFlow's error where they refuse them).
import { ActivationError, type ParamValue } from '../../core';
import { analyzeDocument, referenceAt, type ActivationReference, type PythonImportTable } from '../../language';
import { matchArguments } from '../../language/reference';
import { applyActivation, applyActivationFloat64, type ActivationRef, type AppliedActivation } from '../activation';
import { InvalidArgumentError, Refusal, TypeError, ValueError, raise, type Span } from './errors';
import { createBuiltins } from './builtins';
import { createMathModule } from './math';
import { createNumpyModule } from './numpy/module';
import { castValue, isFloat, isInteger, type DType } from './numpy/dtypes';
import { NdArray, NpScalar } from './numpy/ndarray';
import { PyBuiltin, PyModule } from './objects';
import { getattr } from './attributes';
import { TENSOR_FUNCTIONS, TF_DTYPES, Tensor, TfDType, toTensor } from './tensorflow';
import { PyObject, PyType, type Kwargs, type PyValue, type Runtime } from './types';
import type { Environment, Interpreter } from './interpreter';

/** Keyword names of the input tensor across activation functions, TensorFlow ops and layer calls. */
const INPUT_KEYWORDS: ReadonlySet<string> = new Set(['x', 'features', 'logits', 'inputs']);

const LIBRARY_ROOTS = new Set(['tensorflow', 'keras', 'tf_keras']);

/** Modules whose names are accepted and do nothing the subset needs (annotations, future features). */
const HARMLESS_MODULES = new Set(['__future__', 'typing', 'typing_extensions', 'warnings', 'functools']);

export interface LibraryOptions {
  /** Which Keras `keras.*` and `tf.keras.*` mean. */
  readonly kerasVersion: '2' | '3';
  /** The module's text, to name what a call site wrote (`LeakyReLU(alpha=0.1)`). */
  readonly source: string;
  /** Imports of other notebook cells, for names the code uses without importing them. */
  readonly context?: PythonImportTable;
  /** Told of every activation computed, with the call it came from and the value it gave. */
  readonly onApply?: (applied: AppliedActivation, output: PyValue) => void;
  /** Remarks for the reader (a float16 input computed through float32, TensorFlow's β of silu). */
  readonly onNote?: (note: string) => void;
  /** Also read NumPy's printed names: `array(…)`, `dtype=float32`, `nan`, `inf` (selected output). */
  readonly numpyText?: boolean;
}

/** The display spelling of a library path: `tf.keras.activations.relu`, `np.exp`. */
export function displayPath(path: string): string {
  return path.replace(/^tensorflow\b/, 'tf').replace(/^numpy\b/, 'np');
}

/** A namespace of TensorFlow or Keras (`tf`, `tf.keras.activations`, `keras.layers.LeakyReLU`), resolved when used. */
export class LibraryNamespace extends PyObject {
  static readonly TYPE = new PyType('module');
  private readonly children = new Map<string, LibraryNamespace>();
  constructor(
    readonly library: Library,
    readonly path: string,
  ) {
    super();
  }
  get type(): PyType {
    return LibraryNamespace.TYPE;
  }
  get name(): string {
    return displayPath(this.path);
  }
  child(name: string): LibraryNamespace {
    let found = this.children.get(name);
    if (!found) this.children.set(name, (found = new LibraryNamespace(this.library, `${this.path}.${name}`)));
    return found;
  }
  override getattr(_rt: Runtime, name: string): PyValue | undefined {
    if (name.startsWith('__')) return undefined;
    const root = this.path.split('.')[0];
    if (root === 'tensorflow' && this.path === 'tensorflow') {
      const dtype = TF_DTYPES.get(name);
      if (dtype) return TfDType.of(dtype);
      if (name === 'newaxis') return null;
    }
    return this.child(name);
  }
  override call(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
    return this.library.call(rt, this.path, args, kwargs);
  }
  override hashKey(): string {
    return `library:${this.path}`;
  }
}

/** A Keras activation function obtained as a value (`activations.get('relu')`). */
export class ActivationFunction extends PyObject {
  static readonly TYPE = new PyType('function');
  constructor(
    readonly library: Library,
    readonly reference: ActivationReference,
    readonly label: string,
  ) {
    super();
  }
  get type(): PyType {
    return ActivationFunction.TYPE;
  }
  get name(): string {
    return this.reference.name;
  }
  override call(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
    return this.library.applyFunction(rt, this.reference, this.label, args, kwargs);
  }
}

/** A Keras layer object (`LeakyReLU(negative_slope=0.1)`), called on a tensor. */
export class ActivationLayer extends PyObject {
  static readonly TYPE = new PyType('Layer', { module: 'keras' });
  constructor(
    readonly library: Library,
    readonly ref: ActivationRef,
  ) {
    super();
  }
  get type(): PyType {
    return ActivationLayer.TYPE;
  }
  get name(): string {
    return this.ref.label;
  }
  override call(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
    const input = args[0] ?? kwargs?.get('inputs');
    if (input === undefined) raise(TypeError, `${this.ref.label} needs an input tensor`);
    return this.library.compute(rt, this.ref, input);
  }
  override getattr(_rt: Runtime, name: string): PyValue | undefined {
    if (name === 'call' || name === '__call__') return new LayerCall(this);
    return undefined;
  }
}

class LayerCall extends PyObject {
  constructor(private readonly layer: ActivationLayer) {
    super();
  }
  get type(): PyType {
    return ActivationFunction.TYPE;
  }
  override call(rt: Runtime, args: readonly PyValue[], kwargs: Kwargs): PyValue {
    return this.layer.call(rt, args, kwargs);
  }
}

/** TensorFlow's kernels that refuse integer tensors: their op name, signature and allowed types. */
const INTEGER_REFUSING_OPS: Readonly<Record<string, { op: string; signature: string; allowed: readonly string[] }>> = {
  sigmoid: { op: 'Sigmoid', signature: 'x:T -> y:T', allowed: ['bfloat16', 'half', 'float', 'double', 'complex64', 'complex128'] },
  silu: { op: 'Sigmoid', signature: 'x:T -> y:T', allowed: ['bfloat16', 'half', 'float', 'double', 'complex64', 'complex128'] },
  tanh: { op: 'Tanh', signature: 'x:T -> y:T', allowed: ['bfloat16', 'half', 'float', 'double', 'complex64', 'complex128'] },
  exponential: { op: 'Exp', signature: 'x:T -> y:T', allowed: ['bfloat16', 'half', 'float', 'double', 'complex64', 'complex128'] },
  elu: { op: 'Elu', signature: 'features:T -> activations:T', allowed: ['half', 'bfloat16', 'float', 'double'] },
  selu: { op: 'Selu', signature: 'features:T -> activations:T', allowed: ['half', 'bfloat16', 'float', 'double'] },
  softplus: { op: 'Softplus', signature: 'features:T -> activations:T', allowed: ['half', 'bfloat16', 'float', 'double'] },
  softsign: { op: 'Softsign', signature: 'features:T -> activations:T', allowed: ['half', 'bfloat16', 'float', 'double'] },
  softmax: { op: 'Softmax', signature: 'logits:T -> softmax:T', allowed: ['half', 'bfloat16', 'float', 'double'] },
  log_softmax: { op: 'LogSoftmax', signature: 'logits:T -> logsoftmax:T', allowed: ['half', 'bfloat16', 'float', 'double'] },
};

function integerKernelError(name: string, dtype: DType): never {
  const kernel = INTEGER_REFUSING_OPS[name];
  const allowed = kernel.allowed.join(', ');
  const dt = kernel.allowed.map((type) => `DT_${type.toUpperCase()}`).join(', ');
  raise(
    InvalidArgumentError,
    `Value for attr 'T' of ${dtype} is not in the list of allowed values: ${allowed}\n\t; NodeDef: {{node ${kernel.op}}}; Op<name=${kernel.op}; signature=${kernel.signature}; attr=T:type,allowed=[${dt}]> [Op:${kernel.op}] name: `,
  );
}

export class Library {
  private readonly probes = new Map<string, ActivationReference | null>();
  private readonly roots = new Map<string, LibraryNamespace>();

  constructor(readonly options: LibraryOptions) {}

  namespace(path: string): LibraryNamespace {
    const [root, ...rest] = path.split('.');
    let namespace = this.roots.get(root);
    if (!namespace) this.roots.set(root, (namespace = new LibraryNamespace(this, root)));
    for (const part of rest) namespace = namespace.child(part);
    return namespace;
  }

  /** What the recognizers read a library path as (`tensorflow.nn.relu`), optionally called with a string. */
  probe(path: string, stringArgument?: string): ActivationReference | undefined {
    const root = path.split('.')[0];
    const text = `import ${root}\n${path}${stringArgument !== undefined ? `(${JSON.stringify(stringArgument)})` : ''}`;
    const key = `${this.options.kerasVersion}|${text}`;
    let found = this.probes.get(key);
    if (found === undefined) {
      const offset = stringArgument !== undefined ? text.length - 2 - stringArgument.length : text.length - 1;
      const reference = referenceAt(analyzeDocument(text, 'python'), stringArgument !== undefined ? Math.max(offset, text.indexOf('"') + 1) : offset, { kerasVersion: this.options.kerasVersion });
      found = reference ?? null;
      this.probes.set(key, found);
    }
    return found ?? undefined;
  }

  /** The source text of a span, on one line, cut to `max` characters: how results name a call. */
  sourceOf(span: Span | undefined, max = 60): string {
    if (!span) return '';
    const text = this.options.source.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
  }

  call(rt: Runtime, path: string, args: readonly PyValue[], kwargs: Kwargs): PyValue {
    const canonical = path.replace(/^tensorflow\.keras\./, 'keras.').replace(/^tf_keras\./, 'keras.');
    const maker = TENSOR_FUNCTIONS.get(path) ?? TENSOR_FUNCTIONS.get(canonical);
    if (maker) return maker(rt, args, kwargs);
    const segments = path.split('.');
    const last = segments[segments.length - 1];
    if (last === 'Activation' || ((last === 'get' || last === 'deserialize') && segments[segments.length - 2] === 'activations')) {
      return this.byName(rt, path, last, args, kwargs);
    }
    const reference = this.probe(path);
    if (reference?.api === 'layer') return new ActivationLayer(this, this.layerRef(rt, reference, args, kwargs, this.sourceOf(spanOf(rt)) || reference.written));
    if (reference && ['keras.activations', 'keras.ops', 'tf.nn', 'tf.math'].includes(reference.api)) {
      return this.applyFunction(rt, reference, reference.site?.label ?? displayPath(path), args, kwargs);
    }
    if (/^tensorflow\.random\b|^keras\.random\b/.test(path)) throw new Refusal(`\`${displayPath(path)}(…)\` gives random values; Activation Lens shows only values the code determines`);
    throw new Refusal(`\`${displayPath(path)}(…)\` is not something Activation Lens models`);
  }

  /** `Activation('relu')`, `activations.get('relu')`: the activation the string (computed at run time) names. */
  private byName(rt: Runtime, path: string, last: string, args: readonly PyValue[], kwargs: Kwargs): PyValue {
    const identifier = args[0] ?? kwargs?.get('activation') ?? kwargs?.get('identifier');
    if (identifier instanceof ActivationFunction || identifier instanceof LibraryNamespace) {
      if (last === 'Activation') return new ActivationLayer(this, { ...this.refOf(identifier instanceof ActivationFunction ? identifier.reference : this.probe(identifier.path), {}, true, this.sourceOf(spanOf(rt)) || 'Activation') });
      return identifier;
    }
    if (identifier === null && last !== 'Activation') return this.call(rt, path.replace(/(get|deserialize)$/, 'linear'), [], undefined);
    if (typeof identifier !== 'string') throw new Refusal(`\`${displayPath(path)}\` of ${identifier === undefined ? 'nothing' : rt.repr(identifier)} is not something Activation Lens models`);
    const reference = this.probe(path, identifier);
    if (!reference) raise(ValueError, `Could not interpret activation function identifier: ${rt.repr(identifier)}`);
    if (last === 'Activation') return new ActivationLayer(this, this.refOf(reference, {}, true, this.sourceOf(spanOf(rt)) || `Activation(${rt.repr(identifier)})`));
    return new ActivationFunction(this, reference, reference.written);
  }

  private refOf(reference: ActivationReference | undefined, params: Record<string, ParamValue>, layer: boolean, label: string): ActivationRef {
    if (!reference) throw new Refusal(`${label} is not an activation Activation Lens knows`);
    for (const note of reference.notes) this.options.onNote?.(note);
    return { name: reference.name, flavour: reference.flavour, params: { ...reference.implied, ...params }, label, layer };
  }

  private layerRef(rt: Runtime, reference: ActivationReference, args: readonly PyValue[], kwargs: Kwargs, label: string): ActivationRef {
    return this.refOf(reference, this.mapArguments(rt, reference, args, kwargs, false), true, label);
  }

  /** Arguments mapped onto Keras 3 parameter names with the signature the recognizer reads the site with. */
  private mapArguments(rt: Runtime, reference: ActivationReference, args: readonly PyValue[], kwargs: Kwargs, skipInput: boolean): Record<string, ParamValue> {
    const params: Record<string, ParamValue> = {};
    const site = reference.site;
    if (!site) return params;
    type Argument = { readonly keyword?: string; readonly value: PyValue };
    const written: Argument[] = [
      ...args.map((value) => ({ value })),
      ...[...(kwargs ?? [])].filter(([key]) => !(skipInput && INPUT_KEYWORDS.has(key))).map(([keyword, value]) => ({ keyword, value })),
    ];
    matchArguments(written, site, {
      assign: (slot, arg) => {
        if (slot.target) {
          params[slot.target] = paramValue(rt, arg.value, slot.name);
          return;
        }
        // TensorFlow's silu takes a β that changes the function.
        if (slot.name !== 'beta') return;
        const beta = paramValue(rt, arg.value, 'beta');
        if (beta !== null && beta !== 1) this.options.onNote?.(`\`beta=${beta}\` makes TensorFlow compute x·σ(β·x), which is not Keras' silu; shown with β = 1`);
      },
      problem: (message) => {
        raise(TypeError, message);
      },
      note: (message) => this.options.onNote?.(message),
    });
    return params;
  }

  applyFunction(rt: Runtime, reference: ActivationReference, label: string, args: readonly PyValue[], kwargs: Kwargs): PyValue {
    const input = args[0] ?? [...(kwargs ?? [])].find(([key]) => INPUT_KEYWORDS.has(key))?.[1];
    if (input === undefined) raise(TypeError, `${label}() missing 1 required positional argument: 'x'`);
    const ref = this.refOf(reference, this.mapArguments(rt, reference, args, kwargs, true), false, label);
    return this.compute(rt, ref, input);
  }

  /** Applies an activation to a Python value as Keras / TensorFlow would, recording it. */
  compute(rt: Runtime, ref: ActivationRef, value: PyValue): Tensor {
    let tensor = toTensor(rt, value);
    // Keras layers cast floating inputs to their compute dtype (float32); functions and ops keep the input's.
    if (ref.layer && isFloat(tensor.dtype) && tensor.dtype !== 'float32') tensor = Tensor.fromArray(tensor.toNdArray(), 'float32');
    let dtype = tensor.dtype;
    let values = tensor.values;
    if (!isFloat(dtype)) {
      const integerResult = this.integerInput(ref, tensor);
      if (integerResult) return this.record(rt, ref, tensor, integerResult);
      dtype = 'float32';
      values = values.map((v) => Math.fround(v));
    }
    const span = spanOf(rt) ?? { start: 0, end: 0 };
    try {
      if (dtype === 'float64') {
        const result = applyActivationFloat64(ref, values, tensor.shape);
        const output = new Tensor('float64', result.shape, result.data);
        const applied: AppliedActivation = {
          ref,
          params: result.params,
          input: { shape: tensor.shape, data: Float32Array.from(values) },
          output: { shape: result.shape, data: Float32Array.from(result.data) },
          span,
        };
        output.origin = applied;
        this.options.onApply?.(applied, output);
        return output;
      }
      if (dtype === 'float16') this.options.onNote?.('the input is float16; Activation Lens computes it in float32 and rounds the result to float16');
      const applied = applyActivation(ref, { shape: tensor.shape, data: Float32Array.from(values) }, span);
      const data = Float64Array.from(applied.output.data, (v) => castValue(v, dtype));
      const output = new Tensor(dtype, applied.output.shape, data);
      output.origin = applied;
      this.options.onApply?.(applied, output);
      return output;
    } catch (error) {
      if (error instanceof ActivationError) {
        if (/not available yet/.test(error.message)) throw new Refusal(`${ref.label} on a float64 input is computed in float64, which is not available yet in Activation Lens`);
        raise(ValueError, error.message);
      }
      throw error;
    }
  }

  private record(rt: Runtime, ref: ActivationRef, input: Tensor, output: Tensor): Tensor {
    const applied: AppliedActivation = {
      ref,
      params: ref.params,
      input: { shape: input.shape, data: Float32Array.from(input.values) },
      output: { shape: output.shape, data: Float32Array.from(output.values) },
      span: spanOf(rt) ?? { start: 0, end: 0 },
    };
    output.origin = applied;
    this.options.onApply?.(applied, output);
    return output;
  }

  /**
   * An integer (or bool) tensor as TensorFlow's kernels take it: relu and relu6 compute on ints, leaky_relu and
   * Keras 3's tanh / exponential cast to float32 first (undefined: go on in float32), the float-only kernels
   * raise TensorFlow's InvalidArgumentError, the rest are refused.
   */
  private integerInput(ref: ActivationRef, tensor: Tensor): Tensor | undefined {
    if (tensor.dtype === 'bool') throw new Refusal(`${ref.label} on a bool tensor is outside what Activation Lens models`);
    const defaults = Object.values(ref.params).every((value) => value === null || value === 0 || value === undefined);
    if ((ref.name === 'relu' && defaults) || ref.name === 'relu6') {
      const high = ref.name === 'relu6' ? 6 : Infinity;
      return new Tensor(tensor.dtype, tensor.shape, tensor.values.map((v) => Math.min(Math.max(v, 0), high)));
    }
    if (ref.name === 'leaky_relu' || (ref.flavour === 'keras3' && !ref.label.startsWith('tf.') && (ref.name === 'tanh' || ref.name === 'exponential'))) return undefined;
    if (INTEGER_REFUSING_OPS[ref.name] && isInteger(tensor.dtype)) integerKernelError(ref.name, tensor.dtype);
    throw new Refusal(`${ref.label} on an ${tensor.dtype} tensor is outside what Activation Lens models; give floats`);
  }
}

function spanOf(rt: Runtime): Span | undefined {
  return rt.callSpan;
}

/** A parameter value as the catalog takes it: a number, a bool or None. */
function paramValue(rt: Runtime, value: PyValue, name: string): ParamValue {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value;
  if (value === null) return null;
  if (value instanceof NpScalar) return value.dtype === 'bool' ? value.value !== 0 : value.value;
  if ((value instanceof NdArray || value instanceof Tensor) && (value instanceof NdArray ? value.size : value.values.length) === 1) {
    return value instanceof NdArray ? value.values()[0] : value.values[0];
  }
  raise(TypeError, `\`${name}\` must be a number, not ${rt.repr(value).slice(0, 40)}`);
}

// -- the environment ---------------------------------------------------------------------------------------

/** The dtype names NumPy prints (`dtype=float32`). */
const NUMPY_DTYPE_NAMES = new Set(['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'float16', 'float32', 'float64']);

const DISPLAY = new PyBuiltin('display', (rt, args) => {
  for (const arg of args) rt.write(`${rt.repr(arg)}\n`);
  return null;
}, 'IPython.display');

/** The names snippets use without importing them, read by convention (as the recognizers read them). */
const CONVENTIONAL: ReadonlyMap<string, string> = new Map([
  ['np', 'numpy'], ['numpy', 'numpy'], ['math', 'math'], ['tf', 'tensorflow'], ['tensorflow', 'tensorflow'], ['keras', 'keras'],
  ['layers', 'keras.layers'], ['activations', 'keras.activations'], ['ops', 'keras.ops'],
]);

/** Everything a module run needs from outside the interpreter: builtins, modules, conventions, Keras. */
export function createEnvironment(options: LibraryOptions): { environment: Environment; library: Library } {
  const library = new Library(options);
  const builtins = createBuiltins();
  let math: PyModule | undefined;
  let numpy: PyModule | undefined;
  const importModule = (rt: Interpreter, name: string): PyValue => {
    const [root, ...rest] = name.split('.');
    if (root === 'math' && rest.length === 0) return (math ??= createMathModule());
    if (root === 'numpy') {
      let value: PyValue = (numpy ??= createNumpyModule());
      for (const part of rest) value = getattr(rt, value, part);
      return value;
    }
    if (LIBRARY_ROOTS.has(root)) return library.namespace(name);
    if (HARMLESS_MODULES.has(root)) return library.namespace(name);
    if (root === 'jax') throw new Refusal('JAX (`jax.numpy` computes in float32 by default) is outside what Activation Lens interprets');
    throw new Refusal(`the module \`${name}\` is outside what Activation Lens interprets`);
  };
  const conventional = (rt: Interpreter, name: string): PyValue | undefined => {
    const binding = options.context?.bindings.get(name);
    if (binding?.kind === 'module') {
      try {
        return importModule(rt, binding.path);
      } catch {
        return undefined;
      }
    }
    const path = CONVENTIONAL.get(name);
    if (path) return importModule(rt, path);
    if (/^[A-Z]/.test(name) && library.probe(`keras.layers.${name}`)?.api === 'layer') return library.namespace(`keras.layers.${name}`);
    if (name === 'Activation') return library.namespace('keras.layers.Activation');
    // Jupyter's display(): a notebook shows each value's repr.
    if (name === 'display') return DISPLAY;
    if (options.numpyText) {
      if (name === 'nan' || name === 'inf') return name === 'nan' ? NaN : Infinity;
      const numpy = importModule(rt, 'numpy') as PyModule;
      if (name === 'array' || NUMPY_DTYPE_NAMES.has(name)) return numpy.attributes.get(name);
    }
    return undefined;
  };
  return { environment: { builtins, importModule, conventional }, library };
}

