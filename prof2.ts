import { checkDocument } from './src/check';
import { analyzeDocument } from './src/language';
const lines = ['import tensorflow as tf', 'import keras', 'from keras import layers, activations', 'from keras.layers import LeakyReLU, ReLU, Dense'];
const patterns = [
  (i: number) => `x = layers.Dense(${(i % 512) + 1}, activation='relu')(x)`,
  (i: number) => `x = LeakyReLU(negative_slope=${(i % 997) / 1000})(x)`,
  (i: number) => `y = keras.activations.leaky_relu(x, alpha=${(i % 89) / 100})  # Keras 2's spelling`,
  () => `x = layers.Activation('sofmax')(x)`,
  (i: number) => `x = ReLU(max_value=${(i % 13) - 6})(x)`,
  () => `z = keras.ops.gelu(x)`,
  () => `model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")`,
  () => `print("training step", step, loss)`,
];
for (let i = lines.length; i < 10000; i++) lines.push(patterns[i % patterns.length](i));
const text = lines.join('\n');
const keras = { major: '3', version: '3.5' } as const;
const index = analyzeDocument(text, 'python');
for (let k = 0; k < 30; k++) checkDocument(index, { keras });
