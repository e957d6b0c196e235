// The idioms published Keras and TensorFlow code uses to name activations (found by the corpus run,
// scripts/corpus/run.ts, in keras-team/keras, keras-team/tf-keras, keras-io and tensorflow/tfjs-examples),
// each in a snippet of our own: what must be found, and the look-alikes that must not be.
import assert from 'node:assert/strict';
import { scanReferences, type SourceLanguage } from '../../../src/language';

/** Every reference as `written → name (api)`, in order. */
function found(text: string, language: SourceLanguage = 'python', kerasVersion: '2' | '3' = '3'): string[] {
  return scanReferences(text, language, { kerasVersion }).map((reference) => `${reference.written} → ${reference.name} (${reference.api}, ${reference.flavour})`);
}

describe('idioms of published code', () => {
  describe('a name bound to something that produces Keras layers', () => {
    it("tf-keras applications: layers = VersionAwareLayers(), rebound in the model's function", () => {
      const text = [
        'from tf_keras.layers import VersionAwareLayers',
        'layers = None',
        'def Net(**kwargs):',
        '    global layers',
        '    if "layers" in kwargs:',
        '        layers = kwargs.pop("layers")',
        '    else:',
        '        layers = VersionAwareLayers()',
        '    x = layers.Activation("relu")(x)',
        '    return layers.ReLU(6.0)(x)',
      ].join('\n');
      assert.deepEqual(found(text), ['relu → relu (activation string, keras2)', 'ReLU → relu (layer, keras2)']);
    });

    it('a module-level layers = VersionAwareLayers() reads as that Keras', () => {
      const text = 'from keras.layers import VersionAwareLayers\nlayers = VersionAwareLayers()\nlayers.LeakyReLU(0.1)';
      assert.deepEqual(found(text), ['LeakyReLU → leaky_relu (layer, keras3)']);
      assert.deepEqual(found(text, 'python', '2'), ['LeakyReLU → leaky_relu (layer, keras2)']);
    });

    it('keras.layers bound to a name, directly, by getattr or by importlib', () => {
      assert.deepEqual(found('import tensorflow as tf\nL = tf.keras.layers\nL.ELU(alpha=0.5)'), ['ELU → elu (layer, keras3)']);
      assert.deepEqual(found("import keras\nL = getattr(keras, 'layers')\nL.Softmax(axis=1)"), ['Softmax → softmax (layer, keras3)']);
      assert.deepEqual(found("import importlib\nacts = importlib.import_module('tf_keras.activations')\nacts.gelu(x)"), ['gelu → gelu (keras.activations, keras2)']);
      assert.deepEqual(found("from importlib import import_module\nL = import_module('keras.layers')\nL.PReLU()"), ['PReLU → leaky_relu (layer, keras3)']);
    });

    it('the modules that define the classes and functions (keras.src.*, layers.activation.*)', () => {
      assert.deepEqual(found('from keras.src.layers.activations.relu import ReLU\nReLU()'), ['ReLU → relu (layer, keras3)', 'ReLU → relu (layer, keras3)']);
      assert.deepEqual(found('from tf_keras.layers.activation.leaky_relu import LeakyReLU'), ['LeakyReLU → leaky_relu (layer, keras2)']);
      assert.deepEqual(found('from keras.src.activations.activations import silu'), ['silu → silu (keras.activations, keras3)']);
      assert.deepEqual(found('from keras.src import layers\nlayers.Activation("swish")'), ['swish → silu (activation string, keras3)']);
    });

    it('names nothing when the call is not known to produce Keras layers, or leads back to itself', () => {
      assert.deepEqual(found('layers = make_layers()\nlayers.ReLU()'), []);
      assert.deepEqual(found("layers = importlib.import_module(name)\nlayers.ReLU()"), []);
      assert.deepEqual(found("import torch\nL = getattr(torch, 'nn')\nL.ReLU()"), []);
      assert.deepEqual(found('VersionAwareLayers = VersionAwareLayers()\nVersionAwareLayers.ReLU()'), []);
    });
  });

  describe('activation strings where applications and configs put them', () => {
    it('*_activation keywords and defaults: classifier_activation="softmax"', () => {
      const text = 'def ResNet(weights="imagenet", classifier_activation="softmax"):\n    return layers.Dense(10, activation=classifier_activation)\nResNet(classifier_activation="sigmoid")';
      assert.deepEqual(found(text), ['softmax → softmax (activation string, keras3)', 'sigmoid → sigmoid (activation string, keras3)']);
    });

    it('an annotated parameter default: activation: str = "relu"', () => {
      assert.deepEqual(found('def block(x, activation: str = "relu", se: Optional[float] = None):\n    pass'), ['relu → relu (activation string, keras3)']);
      assert.deepEqual(found('def block(x, act: str = "relu"):\n    pass'), []);
    });

    it('a dict of layer arguments: {"activation": "relu"} for layers.Conv2D(**conv_args)', () => {
      assert.deepEqual(found('conv_args = {"activation": "relu", "padding": "same"}\nlayers.Conv2D(64, 3, **conv_args)'), ['relu → relu (activation string, keras3)']);
      assert.deepEqual(found("config = {'name': 'relu', 'activation': 'relu' + suffix}"), []);
    });

    it('layers of libraries built on Keras take Keras activations; other libraries do not', () => {
      assert.deepEqual(found('import tensorflow_probability as tfp\ntfp.layers.DenseVariational(8, activation="sigmoid")'), ['sigmoid → sigmoid (activation string, keras3)']);
      assert.deepEqual(found('from sklearn.neural_network import MLPClassifier\nMLPClassifier(activation="relu")'), []);
    });
  });

  describe('precision: math ops are not activations', () => {
    it('keras.ops.exp, tf.exp and tf.math.exp compute e^x but are not the exponential activation', () => {
      assert.deepEqual(found('from keras import ops\nimport tensorflow as tf\nz = ops.exp(0.5 * v) + tf.exp(v) + tf.math.exp(v) + ops.numpy.exp(v)'), []);
      assert.deepEqual(found('keras.activations.exponential(v)'), ['exponential → exponential (keras.activations, keras3)']);
    });

    it('keras.ops and tf.math ops named as activations still count', () => {
      assert.deepEqual(found('ops.tanh(v) + ops.numpy.tanh(v) + tf.math.sigmoid(v) + tf.tanh(v)'), [
        'tanh → tanh (keras.ops, keras3)',
        'tanh → tanh (keras.ops, keras3)',
        'sigmoid → sigmoid (tf.math, keras2)',
        'tanh → tanh (tf.math, keras2)',
      ]);
      assert.deepEqual(found('ops.nn.tanh(v)'), [], 'keras.ops.nn has no tanh');
    });
  });
});
