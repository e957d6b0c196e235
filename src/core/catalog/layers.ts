// Activation layer classes (Keras 3, Keras 2) and TensorFlow.js layer factories, with their own
// argument names and defaults, mapped onto the activation they compute.
import type { LayerSpec } from './types';

const K3_LAYERS = 'https://keras.io/api/layers/activation_layers/';
const TFJS_API = 'https://js.tensorflow.org/api/latest/';

/** Keras 3 and Keras 2 ReLU layers take the same arguments (the layer, unlike the function, checks them). */
const RELU_PARAMS: LayerSpec['params'] = [
  { name: 'max_value', target: 'max_value', type: 'number', default: null, nullable: true, minimum: 0, description: 'Saturation value; must be ≥ 0.' },
  { name: 'negative_slope', target: 'negative_slope', type: 'number', default: 0, minimum: 0, description: 'Slope below the threshold; must be ≥ 0.' },
  { name: 'threshold', target: 'threshold', type: 'number', default: 0, minimum: 0, description: 'Threshold; must be ≥ 0.' },
];

const ELU_ALPHA: LayerSpec['params'][number] = { name: 'alpha', target: 'alpha', type: 'number', default: 1, description: 'Scale of the negative part.' };

/** PReLU in every library: slopes learned per unit from an initializer (zeros), so the curve is leaky_relu
 *  with slope 0; its arguments are the initializer, regularizer, constraint and shared axes, in that order. */
const prelu = (name: string, flavour: LayerSpec['flavour'], args: readonly [string, string, string, string], initializer: string, docsUrl: string): LayerSpec => ({
  name,
  flavour,
  activation: 'leaky_relu',
  params: [
    { name: args[0], type: 'string', default: initializer, description: `Initializer of the learned slopes ('${initializer}').` },
    { name: args[1], type: 'number', default: null, nullable: true, description: 'Regularizer of the slopes.' },
    { name: args[2], type: 'number', default: null, nullable: true, description: 'Constraint on the slopes.' },
    { name: args[3], type: 'number', default: null, nullable: true, description: 'Axes along which slopes are shared.' },
  ],
  fixed: { negative_slope: 0 },
  note: 'The negative slope is learned per unit; it starts at the initializer (zeros), so the curve shown is the initial one.',
  docsUrl,
});

const KERAS_PRELU_ARGS = ['alpha_initializer', 'alpha_regularizer', 'alpha_constraint', 'shared_axes'] as const;

export const LAYERS: readonly LayerSpec[] = [
  // Keras 3
  {
    name: 'Activation',
    flavour: 'keras3',
    activation: null,
    params: [{ name: 'activation', type: 'string', description: 'Activation name or function.' }],
    docsUrl: `${K3_LAYERS}activation`,
  },
  {
    name: 'ReLU',
    flavour: 'keras3',
    activation: 'relu',
    params: RELU_PARAMS,
    note: 'The layer rejects negative max_value, negative_slope or threshold; the function accepts them.',
    docsUrl: `${K3_LAYERS}relu`,
  },
  {
    name: 'LeakyReLU',
    flavour: 'keras3',
    activation: 'leaky_relu',
    params: [{ name: 'negative_slope', target: 'negative_slope', type: 'number', default: 0.3, minimum: 0, description: 'Slope for negative inputs; must be ≥ 0.' }],
    deprecated: { alpha: 'negative_slope' },
    note: '`alpha=` is deprecated in Keras 3: it warns and its value is used as `negative_slope`.',
    docsUrl: `${K3_LAYERS}leakyrelu`,
  },
  prelu('PReLU', 'keras3', KERAS_PRELU_ARGS, 'Zeros', `${K3_LAYERS}prelu`),
  {
    name: 'ELU',
    flavour: 'keras3',
    activation: 'elu',
    params: [ELU_ALPHA],
    docsUrl: `${K3_LAYERS}elu`,
  },
  {
    name: 'Softmax',
    flavour: 'keras3',
    activation: 'softmax',
    params: [{ name: 'axis', target: 'axis', type: 'integer', default: -1, description: 'Axis of the normalisation.' }],
    note: 'call(inputs, mask) sets masked positions to −1e9 before the softmax and to 0 after.',
    docsUrl: `${K3_LAYERS}softmax`,
  },
  // Keras 2 (tf-keras)
  {
    name: 'Activation',
    flavour: 'keras2',
    activation: null,
    params: [{ name: 'activation', type: 'string', description: 'Activation name or function.' }],
    docsUrl: 'https://www.tensorflow.org/api_docs/python/tf/keras/layers/Activation',
  },
  {
    name: 'ReLU',
    flavour: 'keras2',
    activation: 'relu',
    params: RELU_PARAMS,
    docsUrl: 'https://www.tensorflow.org/api_docs/python/tf/keras/layers/ReLU',
  },
  {
    name: 'LeakyReLU',
    flavour: 'keras2',
    activation: 'leaky_relu',
    params: [{ name: 'alpha', target: 'negative_slope', type: 'number', default: 0.3, description: 'Slope for negative inputs; must be ≥ 0.' }],
    note: 'Keras 2 names the slope `alpha` and rejects `negative_slope`.',
    docsUrl: 'https://www.tensorflow.org/api_docs/python/tf/keras/layers/LeakyReLU',
  },
  prelu('PReLU', 'keras2', KERAS_PRELU_ARGS, 'zeros', 'https://www.tensorflow.org/api_docs/python/tf/keras/layers/PReLU'),
  {
    name: 'ELU',
    flavour: 'keras2',
    activation: 'elu',
    params: [ELU_ALPHA],
    docsUrl: 'https://www.tensorflow.org/api_docs/python/tf/keras/layers/ELU',
  },
  {
    name: 'Softmax',
    flavour: 'keras2',
    activation: 'softmax',
    params: [
      { name: 'axis', target: 'axis', type: 'integer', default: -1, description: 'Axis of the normalisation.' },
      { name: 'robust_masking', type: 'boolean', default: false, description: 'Mask with the dtype minimum instead of −1e9.' },
    ],
    docsUrl: 'https://www.tensorflow.org/api_docs/python/tf/keras/layers/Softmax',
  },
  {
    name: 'ThresholdedReLU',
    flavour: 'keras2',
    activation: 'relu',
    params: [{ name: 'theta', target: 'threshold', type: 'number', default: 1, minimum: 0, description: 'Inputs at or below it are zeroed; must be ≥ 0.' }],
    note: 'Keras 2 only: x·[x > θ] (NaN stays NaN). Keras 3 removed it; use `ReLU(threshold=θ)`.',
    docsUrl: 'https://www.tensorflow.org/api_docs/python/tf/keras/layers/ThresholdedReLU',
  },
  // TensorFlow.js layer factories (tf.layers.*)
  {
    name: 'activation',
    flavour: 'tfjs',
    activation: null,
    params: [{ name: 'activation', type: 'string', description: 'Activation identifier.' }],
    docsUrl: `${TFJS_API}#layers.activation`,
  },
  {
    name: 'reLU',
    flavour: 'tfjs',
    activation: 'relu',
    params: [{ name: 'maxValue', target: 'max_value', type: 'number', default: null, nullable: true, description: 'Saturation value.' }],
    docsUrl: `${TFJS_API}#layers.reLU`,
  },
  {
    name: 'leakyReLU',
    flavour: 'tfjs',
    activation: 'leaky_relu',
    params: [{ name: 'alpha', target: 'negative_slope', type: 'number', default: 0.3, description: 'Slope for negative inputs.' }],
    docsUrl: `${TFJS_API}#layers.leakyReLU`,
  },
  prelu('prelu', 'tfjs', ['alphaInitializer', 'alphaRegularizer', 'alphaConstraint', 'sharedAxes'], 'zeros', `${TFJS_API}#layers.prelu`),
  {
    name: 'elu',
    flavour: 'tfjs',
    activation: 'elu',
    params: [{ name: 'alpha', target: 'alpha', type: 'number', default: 1, supported: [1], description: 'Scale of the negative part; only 1 is implemented.' }],
    note: 'TensorFlow.js throws NotImplementedError for alpha ≠ 1.',
    docsUrl: `${TFJS_API}#layers.elu`,
  },
  {
    name: 'thresholdedReLU',
    flavour: 'tfjs',
    activation: 'relu',
    params: [{ name: 'theta', target: 'threshold', type: 'number', default: 1, description: 'Inputs at or below it are zeroed.' }],
    note: 'x·[x > θ], as in Keras 2.',
    docsUrl: `${TFJS_API}#layers.thresholdedReLU`,
  },
  {
    name: 'softmax',
    flavour: 'tfjs',
    activation: 'softmax',
    params: [{ name: 'axis', target: 'axis', type: 'integer', default: 1, description: 'Axis of the normalisation.' }],
    note: 'TensorFlow.js defaults to axis 1, not −1: the same only for rank-2 inputs.',
    docsUrl: `${TFJS_API}#layers.softmax`,
  },
];
