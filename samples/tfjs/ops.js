// TensorFlow.js in plain JavaScript (Node): layer configs and chained tensor ops.
const tf = require('@tensorflow/tfjs-node');

const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [2], units: 16, activation: 'tanh' }),
    tf.layers.dense({ units: 16, activation: 'swish' }),
    tf.layers.elu({ alpha: 1.0 }),
    tf.layers.dense({ units: 1, activation: 'sigmoid' }),
  ],
});

const x = tf.linspace(-5, 5, 11);
x.relu().print();
tf.softmax(tf.tensor1d([-1.0, 0.0, 1.0])).print();
tf.logSoftmax(tf.tensor1d([-1.0, 0.0, 1.0])).print();
tf.logSigmoid(x).print();

module.exports = { model };
