// A TensorFlow.js model and tensor ops in TypeScript, naming activations the ways tfjs accepts.
import * as tf from '@tensorflow/tfjs';

export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 8, activation: 'gelu' }));
  model.add(tf.layers.leakyReLU({ alpha: 0.1 }));
  model.add(tf.layers.dense({ units: 8 }));
  model.add(tf.layers.reLU({ maxValue: 6 }));
  model.add(tf.layers.activation({ activation: 'hardSigmoid' }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  return model;
}

export function activations(): tf.Tensor[] {
  const x = tf.tensor1d([-20, -1.0, 0.0, 1.0, 20]);
  const alpha = tf.scalar(0.25);
  return [
    tf.relu(x),
    tf.sigmoid(x),
    tf.elu(x),
    tf.leakyRelu(x, 0.2),
    tf.prelu(x, alpha),
    tf.selu(x),
    tf.softplus(x),
    tf.relu6(x),
    x.relu(),
    x.sigmoid(),
  ];
}

// Casts and tf.tidy, as TypeScript code writes them: the evaluator reads past both.
export function gatedAndTidied(): tf.Tensor {
  const x = tf.tensor1d([-2, -1, 0, 1, 2]);
  const gated = tf.layers.leakyReLU({ alpha: 0.1 }).apply(x) as tf.Tensor;
  return tf.tidy(() => tf.relu(gated).mul(2));
}
