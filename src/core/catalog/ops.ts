// Ops that compute an activation outside `keras.activations`: `keras.ops`, TensorFlow's `tf.nn` / `tf.math`
// and TensorFlow.js' `tf.*` (also tensor methods). Which names exist in which namespace and the positional
// order of their arguments after the input, so that a call site's arguments map onto Keras 3 parameters.
// Sources: keras/src/ops/nn.py (Keras 3.16), TensorFlow 2.x Python API, tfjs-core ops and chained ops.
import { ACTIVATIONS } from './activations';
import type { Flavour, ParamValue } from './types';

/** Where an op lives: Python `keras.ops`, `tf.nn`, `tf.math`, top-level `tf.*`, or TensorFlow.js `tf.*`. */
export type OpNamespace = 'keras.ops' | 'tf.nn' | 'tf.math' | 'tf' | 'tfjs';

/** One argument after the input tensor, in positional order. */
export interface OpParam {
  /** The keyword as the library spells it (`alpha` in `tf.nn.leaky_relu`, `dim` in tfjs `softmax`). */
  readonly name: string;
  /** The Keras 3 activation parameter it sets; absent when it sets none (TensorFlow's `name`, silu's `beta`). */
  readonly target?: string;
}

export interface OpSpec {
  readonly namespace: OpNamespace;
  /** As written after the namespace: `leaky_relu`, `leakyRelu`. */
  readonly name: string;
  /** Keras 3 name of the activation computed. */
  readonly activation: string;
  /** Whose definition applies: `keras3` for keras.ops, `keras2` for TensorFlow's kernels (which Keras 2 calls), `tfjs`. */
  readonly flavour: Flavour;
  readonly params: readonly OpParam[];
  /** Defaults that differ from the activation's own (`keras.ops.gelu`: approximate=True). */
  readonly defaults?: Readonly<Record<string, ParamValue>>;
  /** `keras.ops` only: the submodule that also exports it (`keras.ops.nn.relu`, `keras.ops.numpy.tanh`). */
  readonly submodule?: 'nn' | 'numpy';
  /** TensorFlow.js only: also a tensor method (`x.relu()`), taking the same arguments minus the input. */
  readonly method?: boolean;
  /** A difference from the Keras activation worth telling the reader. */
  readonly note?: string;
}

/** keras.ops functions whose signature is not the activation's (keras/src/ops/nn.py). */
const KERAS_OPS_SIGNATURES: Readonly<Record<string, readonly OpParam[]>> = {
  // `keras.ops.relu(x)` has none of `keras.activations.relu`'s negative_slope / max_value / threshold.
  relu: [],
};

/** keras.ops functions named as an activation: `keras.ops.exp` computes `exponential` but is a math op, not one. */
function kerasOps(): OpSpec[] {
  const ops: OpSpec[] = [];
  for (const spec of ACTIVATIONS) {
    if (!spec.kerasOps || spec.kerasOps.name !== spec.name) continue;
    const params = KERAS_OPS_SIGNATURES[spec.kerasOps.name] ?? spec.params.map((param) => ({ name: param.name, target: param.name }));
    const submodule = spec.kerasOps.submodule ?? 'nn';
    // keras.ops exports the aliases too (`keras.ops.swish`, `keras.ops.hard_swish`).
    for (const name of [spec.name, ...spec.aliases]) {
      ops.push({
        namespace: 'keras.ops',
        name,
        activation: spec.name,
        flavour: 'keras3',
        params,
        ...(spec.kerasOps.defaults ? { defaults: spec.kerasOps.defaults } : {}),
        submodule,
      });
    }
  }
  return ops;
}

type TfNamespace = 'tf.nn' | 'tf.math' | 'tf';

/** A TensorFlow (Python) op under each namespace that exports it: TensorFlow kernels, the ones Keras 2
 *  uses. Every one of these takes `name` after its listed arguments. Only ops named as an activation:
 *  `tf.exp` / `tf.math.exp` compute `exponential` but are math ops. */
const tfOps = (namespaces: readonly TfNamespace[], name: string, activation: string, params: readonly OpParam[] = []): OpSpec[] =>
  namespaces.map((namespace) => ({ namespace, name, activation, flavour: 'keras2', params: [...params, { name: 'name' }] }));

const tfAxis: OpParam = { name: 'axis', target: 'axis' };

const TF_OPS: readonly OpSpec[] = [
  ...tfOps(['tf.nn'], 'relu', 'relu'),
  ...tfOps(['tf.nn'], 'relu6', 'relu6'),
  ...tfOps(['tf.nn'], 'leaky_relu', 'leaky_relu', [{ name: 'alpha', target: 'negative_slope' }]),
  ...tfOps(['tf.nn'], 'elu', 'elu'),
  ...tfOps(['tf.nn'], 'selu', 'selu'),
  ...tfOps(['tf.nn'], 'gelu', 'gelu', [{ name: 'approximate', target: 'approximate' }]),
  ...tfOps(['tf.nn', 'tf.math', 'tf'], 'sigmoid', 'sigmoid'),
  ...tfOps(['tf.nn', 'tf.math', 'tf'], 'tanh', 'tanh'),
  ...tfOps(['tf.nn', 'tf.math'], 'softplus', 'softplus'),
  ...tfOps(['tf.nn', 'tf.math'], 'softsign', 'softsign'),
  ...tfOps(['tf.math'], 'log_sigmoid', 'log_sigmoid'),
  ...tfOps(['tf.nn', 'tf.math'], 'softmax', 'softmax', [tfAxis]),
  ...tfOps(['tf.nn', 'tf.math'], 'log_softmax', 'log_softmax', [tfAxis]),
  // tf.nn.silu(features, beta=1.0), also exported as swish, takes no `name`.
  ...['silu', 'swish'].map((name): OpSpec => ({
    namespace: 'tf.nn',
    name,
    activation: 'silu',
    flavour: 'keras2',
    params: [{ name: 'beta' }],
    note: 'TensorFlow computes x·σ(β·x); with β ≠ 1 this is not Keras’ silu.',
  })),
];

/** A TensorFlow.js op `tf.<name>(x, ...)`, also the tensor method `x.<name>(...)`. */
const tfjsOp = (name: string, activation: string, params: readonly OpParam[] = []): OpSpec => ({
  namespace: 'tfjs',
  name,
  activation,
  flavour: 'tfjs',
  params,
  method: true,
});

const TFJS_OPS: readonly OpSpec[] = [
  tfjsOp('relu', 'relu'),
  tfjsOp('relu6', 'relu6'),
  tfjsOp('elu', 'elu'),
  tfjsOp('selu', 'selu'),
  tfjsOp('sigmoid', 'sigmoid'),
  tfjsOp('logSigmoid', 'log_sigmoid'),
  tfjsOp('softplus', 'softplus'),
  tfjsOp('tanh', 'tanh'),
  tfjsOp('leakyRelu', 'leaky_relu', [{ name: 'alpha', target: 'negative_slope' }]),
  // alpha is a tensor of learned slopes; a literal number here is a shared slope.
  tfjsOp('prelu', 'leaky_relu', [{ name: 'alpha', target: 'negative_slope' }]),
  tfjsOp('softmax', 'softmax', [{ name: 'dim', target: 'axis' }]),
  tfjsOp('logSoftmax', 'log_softmax', [{ name: 'axis', target: 'axis' }]),
];

export const OPS: readonly OpSpec[] = [...kerasOps(), ...TF_OPS, ...TFJS_OPS];
