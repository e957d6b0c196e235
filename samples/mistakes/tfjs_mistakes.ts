// TensorFlow.js spells some activations its own way: these strings fail when the layer is built.
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'hard_sigmoid' }));
model.add(tf.layers.dense({ units: 8, activation: 'leaky_relu' }));
model.add(tf.layers.dense({ units: 1, activation: 'softmax' }));
