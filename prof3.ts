import { checkDocument } from './src/check';
import { analyzeDocument } from './src/language';
import { runCheckBench } from './bench/check';
void runCheckBench;
const HEADER = ['import tensorflow as tf', 'import keras', 'from keras import layers, activations', 'from keras.layers import LeakyReLU, ReLU, Dense'];
const A = [
  (i: number) => `x = layers.Dense(${(i % 512) + 1}, activation='relu')(x)`,
  (i: number) => `x = LeakyReLU(negative_slope=${(i % 997) / 1000})(x)`,
  (i: number) => `y = keras.activations.leaky_relu(x, alpha=${(i % 89) / 100})  # Keras 2's spelling`,
  () => `x = layers.Activation('sofmax')(x)`,
  (i: number) => `x = ReLU(max_value=${(i % 13) - 6})(x)`,
  () => `z = keras.ops.gelu(x)`,
];
const lines = [...HEADER]; for (let i = 4; i < 10000; i++) lines.push(A[i % A.length](i));
const text = lines.join('\n');
const keras = { major: '3', version: '3.5' } as const;
const index = analyzeDocument(text, 'python');
for (let k = 0; k < 5; k++) checkDocument(index, { keras });
for (const code of ['ALL','AL101','AL102','AL201','AL202','AL203','AL204','AL205','AL301']) {
  const t = performance.now(); for (let k = 0; k < 10; k++) checkDocument(index, { keras, rules: { select: [code] } }); console.log(code, ((performance.now() - t) / 10).toFixed(1));
}
