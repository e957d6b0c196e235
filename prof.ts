import { checkDocument } from './src/check';
import { analyzeDocument, scanDocument } from './src/language';
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
for (let k = 0; k < 5; k++) checkDocument(index, { keras });
let t = performance.now(); for (let k = 0; k < 10; k++) analyzeDocument(text, 'python'); console.log('analyze', (performance.now() - t) / 10);
t = performance.now(); for (let k = 0; k < 10; k++) scanDocument(analyzeDocument(text, 'python'), { kerasVersion: '3', onUnresolved: () => {} }); console.log('analyze+scan', (performance.now() - t) / 10);
t = performance.now(); for (let k = 0; k < 10; k++) checkDocument(index, { keras }); console.log('check', (performance.now() - t) / 10);
for (const code of ['AL101','AL102','AL201','AL202','AL203','AL204','AL205','AL301']) {
  t = performance.now(); for (let k = 0; k < 10; k++) checkDocument(index, { keras, rules: { select: [code] } }); console.log(code, (performance.now() - t) / 10);
}
