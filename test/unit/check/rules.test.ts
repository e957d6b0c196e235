// Every rule on code that is wrong (what it reports, where, and what its fix writes) and on code that is
// right (nothing at all, from any rule). Expected messages are the rules' own words, not computed numbers.
import assert from 'node:assert/strict';
import { applyFixes, checkDocument, RULES, type CheckKeras, type Diagnostic } from '../../../src/check';
import { analyzeDocument, type SourceLanguage } from '../../../src/language';

interface Case {
  readonly source: string;
  readonly language?: SourceLanguage;
  readonly keras?: CheckKeras;
}

interface Wrong extends Case {
  /** The text each diagnostic underlines, in order, and a pattern its message matches. */
  readonly expect: readonly { readonly code: string; readonly at: string; readonly message?: RegExp; readonly fixed?: string; readonly safety?: 'safe' | 'unsafe' }[];
}

const KERAS_3: CheckKeras = { major: '3' };

function check({ source, language = 'python', keras = KERAS_3 }: Case): readonly Diagnostic[] {
  return checkDocument(analyzeDocument(source, language), { keras }).diagnostics;
}

function assertWrong(testCase: Wrong): void {
  const diagnostics = check(testCase);
  assert.deepEqual(
    diagnostics.map((diagnostic) => `${diagnostic.code} ${testCase.source.slice(diagnostic.start, diagnostic.end)}`),
    testCase.expect.map((expected) => `${expected.code} ${expected.at}`),
    diagnostics.map((diagnostic) => diagnostic.message).join('\n'),
  );
  testCase.expect.forEach((expected, k) => {
    const diagnostic = diagnostics[k];
    if (expected.message) assert.match(diagnostic.message, expected.message);
    const [fix] = diagnostic.fixes;
    if (expected.fixed === undefined) {
      assert.equal(fix, undefined, `no fix expected for ${diagnostic.code}: ${fix?.title}`);
      return;
    }
    assert.ok(fix, `a fix for ${diagnostic.code} ${diagnostic.message}`);
    assert.equal(applyFixes(testCase.source, fix.edits), expected.fixed);
    assert.equal(fix.safety, expected.safety ?? 'safe');
  });
}

const K3 = 'import keras\nfrom keras import layers\n';
const TFJS = "import * as tf from '@tensorflow/tfjs';\n";

const WRONG: Readonly<Record<string, readonly (Wrong & { readonly title: string })[]>> = {
  AL101: [
    { title: 'a misspelt activation= string', source: `${K3}layers.Dense(64, activation='rellu')`, expect: [{ code: 'AL101', at: 'rellu', message: /did you mean 'relu'\?/, fixed: `${K3}layers.Dense(64, activation='relu')` }] },
    { title: 'a misspelt Activation() string', source: `${K3}layers.Activation("sofmax")`, expect: [{ code: 'AL101', at: 'sofmax', fixed: `${K3}layers.Activation("softmax")` }] },
    { title: 'the wrong case in activations.get', source: `${K3}keras.activations.get('Relu')`, expect: [{ code: 'AL101', at: 'Relu', fixed: `${K3}keras.activations.get('relu')` }] },
    { title: 'recurrent_activation', source: `${K3}layers.LSTM(4, recurrent_activation='hard_sigmod')`, expect: [{ code: 'AL101', at: 'hard_sigmod', fixed: `${K3}layers.LSTM(4, recurrent_activation='hard_sigmoid')` }] },
    { title: "TensorFlow.js' spelling in Keras", source: `${K3}layers.Dense(4, activation='hardSigmoid')`, expect: [{ code: 'AL101', at: 'hardSigmoid', message: /TensorFlow\.js spells it that way/, fixed: `${K3}layers.Dense(4, activation='hard_sigmoid')` }] },
    { title: 'a layer class name as a Keras 3 string', source: `${K3}layers.Activation('LeakyReLU')`, expect: [{ code: 'AL101', at: 'LeakyReLU', message: /layer class/, fixed: `${K3}layers.Activation('leaky_relu')`, safety: 'unsafe' }] },
    { title: 'a keras.activations attribute that does not exist', source: `${K3}y = keras.activations.rellu(x)`, expect: [{ code: 'AL101', at: 'rellu', message: /has no `rellu`; did you mean `relu`/, fixed: `${K3}y = keras.activations.relu(x)` }] },
    { title: 'an import of a function that does not exist, not its uses', source: 'from keras.activations import rellu\ny = rellu(x)', expect: [{ code: 'AL101', at: 'rellu', fixed: 'from keras.activations import relu\ny = rellu(x)' }] },
    { title: 'a name Keras 2 lacks', source: 'import tf_keras\ntf_keras.layers.Dense(4, activation="hard_silu")', expect: [{ code: 'AL101', at: 'hard_silu', message: /Keras 2 has no hard_silu/ }] },
    { title: "gelu_new is tfjs' gelu with approximate=true", source: `${K3}layers.Dense(4, activation='gelu_new')`, expect: [{ code: 'AL101', at: 'gelu_new', message: /gelu with approximate=True/ }] },
    { title: 'a far guess is unsafe', source: `${K3}layers.Dense(4, activation='sigmiod')`, expect: [{ code: 'AL101', at: 'sigmiod', fixed: `${K3}layers.Dense(4, activation='sigmoid')`, safety: 'unsafe' }] },
    { title: "tfjs 'hard_sigmoid'", language: 'typescript', source: `${TFJS}tf.layers.dense({ units: 8, activation: 'hard_sigmoid' });`, expect: [{ code: 'AL101', at: 'hard_sigmoid', message: /TensorFlow\.js calls it 'hardSigmoid'/, fixed: `${TFJS}tf.layers.dense({ units: 8, activation: 'hardSigmoid' });` }] },
    { title: "tfjs 'leaky_relu': a layer, not an identifier", language: 'typescript', source: `${TFJS}tf.layers.dense({ units: 8, activation: 'leaky_relu' });`, expect: [{ code: 'AL101', at: 'leaky_relu', message: /use the `tf\.layers\.leakyReLU` layer/ }] },
    { title: "tfjs 'silu' is 'swish'", language: 'javascript', source: `${TFJS}tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'silu' });`, expect: [{ code: 'AL101', at: 'silu', fixed: `${TFJS}tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'swish' });` }] },
  ],
  AL102: [
    { title: 'a function newer than the declared Keras', keras: { major: '3', version: '3.5', source: 'requirements.txt' }, source: `${K3}y = keras.activations.squareplus(x)`, expect: [{ code: 'AL102', at: 'squareplus', message: /needs Keras 3 ≥ 3\.7 \(added in keras-team\/keras#\d+\); this project declares Keras 3\.5 \(requirements\.txt\)/ }] },
    { title: 'a string newer than the declared Keras', keras: { major: '3', version: '3.6' }, source: `${K3}layers.Dense(4, activation='celu')`, expect: [{ code: 'AL102', at: 'celu', message: /'celu'.*3\.7/ }] },
    { title: 'an op newer than the declared Keras', keras: { major: '3', version: '3.9' }, source: `${K3}y = keras.ops.sparse_sigmoid(x)`, expect: [{ code: 'AL102', at: 'sparse_sigmoid', message: /3\.10/ }] },
    { title: "a Keras 2 string older TensorFlow lacks", keras: { major: '2', version: '2.12' }, source: 'import tensorflow as tf\ntf.keras.layers.Dense(4, activation="mish")', expect: [{ code: 'AL102', at: 'mish', message: /Keras 2 ≥ 2\.13/ }] },
  ],
  AL201: [
    { title: "Keras 2's alpha on Keras 3's function", source: `${K3}y = keras.activations.leaky_relu(x, alpha=0.1)`, expect: [{ code: 'AL201', at: 'alpha', message: /has no argument `alpha`/, fixed: `${K3}y = keras.activations.leaky_relu(x, negative_slope=0.1)` }] },
    { title: "Keras 3's negative_slope on Keras 2's layer", source: 'import tf_keras\ntf_keras.layers.LeakyReLU(negative_slope=0.1)', expect: [{ code: 'AL201', at: 'negative_slope', fixed: 'import tf_keras\ntf_keras.layers.LeakyReLU(alpha=0.1)' }] },
    { title: 'an op that takes no parameters', source: `${K3}y = keras.ops.relu(x, max_value=6)`, expect: [{ code: 'AL201', at: 'max_value', message: /takes no parameters/ }] },
    { title: "a keyword the layer does not take, no rename when the name is written too", source: `${K3}layers.LeakyReLU(negative_slope=0.2, slope=1)`, expect: [{ code: 'AL201', at: 'slope' }] },
    { title: 'too many positional arguments', source: `${K3}layers.ELU(1.0, 2.0)`, expect: [{ code: 'AL201', at: '2.0', message: /argument 2 is unexpected/ }] },
  ],
  AL202: [
    { title: "Keras 3 LeakyReLU's alpha", source: `${K3}layers.LeakyReLU(alpha=0.2)`, expect: [{ code: 'AL202', at: 'alpha', message: /deprecated/, fixed: `${K3}layers.LeakyReLU(negative_slope=0.2)` }] },
    { title: 'no rename when both are written', source: `${K3}layers.LeakyReLU(negative_slope=0.1, alpha=0.2)`, expect: [{ code: 'AL202', at: 'alpha' }] },
  ],
  AL203: [
    { title: 'ThresholdedReLU with theta', source: `${K3}x = layers.ThresholdedReLU(theta=0.5)(x)`, expect: [{ code: 'AL203', at: 'ThresholdedReLU', message: /use `ReLU\(threshold=…\)`/, fixed: `${K3}x = layers.ReLU(threshold=0.5)(x)` }] },
    { title: 'ThresholdedReLU positionally', source: `${K3}x = layers.ThresholdedReLU(0.5, name="t")(x)`, expect: [{ code: 'AL203', at: 'ThresholdedReLU', fixed: `${K3}x = layers.ReLU(threshold=0.5, name="t")(x)` }] },
    { title: 'ThresholdedReLU with its default written out', source: `${K3}x = layers.ThresholdedReLU()(x)`, expect: [{ code: 'AL203', at: 'ThresholdedReLU', fixed: `${K3}x = layers.ReLU(threshold=1.0)(x)` }] },
    { title: 'the import and the call', source: 'from keras.layers import ThresholdedReLU\nx = ThresholdedReLU(theta=2)(x)', expect: [{ code: 'AL203', at: 'ThresholdedReLU', fixed: 'from keras.layers import ReLU\nx = ThresholdedReLU(theta=2)(x)' }, { code: 'AL203', at: 'ThresholdedReLU', fixed: 'from keras.layers import ThresholdedReLU\nx = ReLU(threshold=2)(x)' }] },
  ],
  AL204: [
    { title: 'a negative LeakyReLU slope', source: `${K3}layers.LeakyReLU(negative_slope=-1)`, expect: [{ code: 'AL204', at: '-1', message: /must be ≥ 0 \(ValueError\)/ }] },
    { title: 'a negative max_value', source: `${K3}layers.ReLU(max_value=-1)`, expect: [{ code: 'AL204', at: '-1' }] },
    { title: 'None for a ReLU threshold', source: `${K3}layers.ReLU(threshold=None)`, expect: [{ code: 'AL204', at: 'None', message: /needs a number/ }] },
    { title: 'a negative deprecated alpha', source: `${K3}layers.LeakyReLU(alpha=-0.5)`, expect: [{ code: 'AL202', at: 'alpha', fixed: `${K3}layers.LeakyReLU(negative_slope=-0.5)` }, { code: 'AL204', at: '-0.5' }] },
    { title: "tfjs' elu layer with alpha ≠ 1", language: 'typescript', source: `${TFJS}tf.layers.elu({ alpha: 0.5 });`, expect: [{ code: 'AL204', at: '0.5', message: /NotImplementedError/ }] },
  ],
  AL205: [
    { title: "activation='threshold'", source: `${K3}layers.Dense(8, activation='threshold')`, expect: [{ code: 'AL205', at: 'threshold', message: /requires `threshold` and `default_value`/ }] },
    { title: 'threshold called without its parameters', source: `${K3}y = keras.activations.threshold(x, 0.5)`, expect: [{ code: 'AL205', at: 'threshold', message: /requires `default_value`/ }] },
  ],
  AL301: [
    { title: 'Dense(1) with softmax', source: `${K3}outputs = layers.Dense(1, activation="softmax")(x)`, expect: [{ code: 'AL301', at: 'softmax', message: /always outputs 1\.0/, fixed: `${K3}outputs = layers.Dense(1, activation="sigmoid")(x)`, safety: 'unsafe' }] },
    { title: 'units=1 with the softmax function', source: `${K3}layers.Dense(units=1, activation=keras.activations.softmax)`, expect: [{ code: 'AL301', at: 'softmax', fixed: `${K3}layers.Dense(units=1, activation=keras.activations.sigmoid)`, safety: 'unsafe' }] },
    { title: 'one filter', source: `${K3}layers.Conv2D(1, 3, activation='softmax')`, expect: [{ code: 'AL301', at: 'softmax', fixed: `${K3}layers.Conv2D(1, 3, activation='sigmoid')`, safety: 'unsafe' }] },
    { title: 'tfjs units: 1', language: 'typescript', source: `${TFJS}tf.layers.dense({ units: 1, activation: 'softmax' });`, expect: [{ code: 'AL301', at: 'softmax', fixed: `${TFJS}tf.layers.dense({ units: 1, activation: 'sigmoid' });`, safety: 'unsafe' }] },
  ],
  AL302: [
    {
      title: 'Sequential ending in softmax, the loss in the compile call',
      source: `${K3}model = keras.Sequential([layers.Dense(64, activation="relu"), layers.Dense(10, activation="softmax")])\nmodel.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))`,
      expect: [{ code: 'AL302', at: 'True', message: /ends in softmax \(line 3\)/, fixed: `${K3}model = keras.Sequential([layers.Dense(64, activation="relu"), layers.Dense(10, activation="softmax")])\nmodel.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=False))`, safety: 'unsafe' }],
    },
    {
      title: 'a functional Model whose outputs are a softmax layer, the loss assigned first',
      source: `${K3}outputs = layers.Activation("softmax")(x)\nmodel = keras.Model(inputs, outputs)\nloss_fn = keras.losses.CategoricalCrossentropy(from_logits=True)\nmodel.compile(loss=loss_fn)`,
      expect: [{ code: 'AL302', at: 'True', fixed: `${K3}outputs = layers.Activation("softmax")(x)\nmodel = keras.Model(inputs, outputs)\nloss_fn = keras.losses.CategoricalCrossentropy(from_logits=False)\nmodel.compile(loss=loss_fn)`, safety: 'unsafe' }],
    },
    {
      title: 'a Sequential() built with model.add, the last added layer softmax',
      source: `${K3}model = keras.Sequential()\nmodel.add(layers.Dense(64, activation="relu"))\nmodel.add(layers.Dense(10, activation="softmax"))\nmodel.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))`,
      expect: [{ code: 'AL302', at: 'True', message: /ends in softmax \(line 5\)/, fixed: `${K3}model = keras.Sequential()\nmodel.add(layers.Dense(64, activation="relu"))\nmodel.add(layers.Dense(10, activation="softmax"))\nmodel.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=False))`, safety: 'unsafe' }],
    },
    {
      title: 'layers added after a Sequential([...]) list, the last one softmax',
      source: `${K3}model = keras.Sequential([layers.Dense(64)])\nmodel.add(layers.Dense(10, activation="softmax"))\nmodel.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=True))`,
      expect: [{ code: 'AL302', at: 'True', fixed: `${K3}model = keras.Sequential([layers.Dense(64)])\nmodel.add(layers.Dense(10, activation="softmax"))\nmodel.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=False))`, safety: 'unsafe' }],
    },
  ],
  AL401: [
    { title: "the tutorial's ELU, −1 outside α(…)", source: 'import math\ndef elu(x, alpha):\n  if x >= 0:\n    return x\n  else:\n    return alpha*(math.exp(x))-1', expect: [{ code: 'AL401', at: 'elu', message: /the −1 is outside α/ }, { code: 'AL402', at: 'elu', message: /jumps/ }] },
  ],
  AL402: [{ title: 'a sigmoid through math.exp(-x)', source: 'import math\ndef sigmoid(x):\n  return 1/(1+math.exp(-x))', expect: [{ code: 'AL402', at: 'sigmoid', message: /OverflowError: math range error for x < -709\.78/ }] }],
};

const CLEAN: Readonly<Record<string, readonly (Case & { readonly title: string })[]>> = {
  AL101: [
    { title: 'valid names and aliases', source: `${K3}layers.Dense(4, activation='swish')\nlayers.Activation('hard_swish')\nkeras.activations.get('gelu')\nkeras.activations.serialize(f)` },
    { title: "a helper of the user's with names of its own", source: `${K3}def block(x, activation='leaky'):\n    return x\nblock(x, activation='leaky')` },
    { title: 'strings passed to other libraries', source: "from sklearn.neural_network import MLPClassifier\nMLPClassifier(activation='logistic')" },
    { title: "Keras 2 layer names, which Keras 2's get() resolves", source: 'import tf_keras\ntf_keras.layers.Dense(4, activation="LeakyReLU")' },
    { title: 'Keras 2 strings registered as custom objects', source: 'import tf_keras\ntf_keras.utils.get_custom_objects()["my_act"] = f\ntf_keras.layers.Dense(4, activation="my_act")' },
    { title: 'an empty string while it is typed', source: `${K3}layers.Dense(4, activation='')` },
    { title: "tfjs' own spellings", language: 'typescript', source: `${TFJS}tf.layers.dense({ units: 8, activation: 'hardSigmoid' });\ntf.layers.dense({ units: 8, activation: 'gelu_new' });` },
  ],
  AL102: [
    { title: 'a name as old as the declared Keras', keras: { major: '3', version: '3.7' }, source: `${K3}y = keras.activations.squareplus(x)` },
    { title: 'no declared version: nothing is assumed', keras: { major: '3' }, source: `${K3}y = keras.activations.squareplus(x)` },
    { title: "a Keras 3 project's version says nothing of tf_keras", keras: { major: '3', version: '3.0' }, source: 'import tf_keras\ntf_keras.layers.Dense(4, activation="mish")' },
  ],
  AL201: [
    { title: 'the input by keyword', source: 'import tensorflow as tf\ny = tf.nn.softmax(logits=z)\nz = tf.nn.relu(features=y, name="r")' },
    { title: 'keywords every layer takes', source: `${K3}layers.ReLU(max_value=6.0, name="relu6", dtype="float32")` },
    { title: '**kwargs', source: `${K3}layers.LeakyReLU(**config)` },
  ],
  AL202: [{ title: 'Keras 2 LeakyReLU(alpha=…)', source: 'import tf_keras\ntf_keras.layers.LeakyReLU(alpha=0.2)' }],
  AL203: [
    { title: 'ThresholdedReLU in Keras 2', keras: { major: '2' }, source: 'import tensorflow as tf\ntf.keras.layers.ThresholdedReLU(theta=0.5)' },
    { title: 'ThresholdedReLU of tf_keras', source: 'import tf_keras\ntf_keras.layers.ThresholdedReLU(theta=0.5)' },
    { title: "tfjs' thresholdedReLU", language: 'typescript', source: `${TFJS}tf.layers.thresholdedReLU({ theta: 0.5 });` },
  ],
  AL204: [
    { title: 'values the layers accept', source: `${K3}layers.ReLU(max_value=6, negative_slope=0.1, threshold=0.5)\nlayers.LeakyReLU(negative_slope=0)\nlayers.ReLU(max_value=None)` },
    { title: 'the functions accept anything', source: `${K3}y = keras.activations.relu(x, max_value=-1)` },
    { title: "Keras 2's LeakyReLU takes a negative alpha", source: 'import tf_keras\ntf_keras.layers.LeakyReLU(alpha=-0.5)' },
    { title: 'tfjs null means the default', language: 'typescript', source: `${TFJS}tf.layers.leakyReLU({ alpha: null });\ntf.layers.elu({ alpha: 1 });` },
  ],
  AL205: [{ title: 'threshold with its parameters', source: `${K3}y = keras.activations.threshold(x, threshold=0.5, default_value=0.0)\nkeras.activations.get('threshold')` }],
  AL301: [
    { title: 'softmax over several units, sigmoid over one', source: `${K3}layers.Dense(10, activation="softmax")\nlayers.Dense(1, activation="sigmoid")\nlayers.Dense(n, activation="softmax")` },
    { title: 'a recurrent activation', source: `${K3}layers.LSTM(1, recurrent_activation="softmax")` },
  ],
  AL302: [
    { title: 'logits out, from_logits=True', source: `${K3}model = keras.Sequential([layers.Dense(10)])\nmodel.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))` },
    { title: 'softmax out, probabilities in the loss', source: `${K3}model = keras.Sequential([layers.Dense(10, activation="softmax")])\nmodel.compile(loss=keras.losses.SparseCategoricalCrossentropy())` },
    { title: 'softmax only inside, logits out', source: `${K3}model = keras.Sequential([layers.Dense(10, activation="softmax"), layers.Dense(3)])\nmodel.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=True))` },
    { title: 'model.add: softmax not the last added layer', source: `${K3}model = keras.Sequential()\nmodel.add(layers.Dense(10, activation="softmax"))\nmodel.add(layers.Dense(3))\nmodel.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=True))` },
    { title: 'model.add: the softmax added to a different model', source: `${K3}model = keras.Sequential()\nmodel.add(layers.Dense(3))\nother = keras.Sequential()\nother.add(layers.Dense(10, activation="softmax"))\nself.model.add(layers.Dense(10, activation="softmax"))\nmodel.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=True))` },
    { title: 'model.add: the softmax added after the compile call', source: `${K3}model = keras.Sequential()\nmodel.add(layers.Dense(3))\nmodel.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=True))\nmodel.add(layers.Dense(10, activation="softmax"))` },
  ],
  AL401: [{ title: 'an ELU as Keras defines it', source: 'import math\ndef my_elu(x, alpha=1.0):\n  return x if x > 0 else alpha*(math.exp(x)-1)' }],
  AL402: [{ title: 'a stable sigmoid', source: 'import math\ndef sigmoid(x):\n  return 1/(1+math.exp(-x)) if x >= 0 else math.exp(x)/(1+math.exp(x))' }],
};

describe('check rules', () => {
  it('every rule has wrong and clean cases here', () => {
    for (const rule of RULES) {
      assert.ok(WRONG[rule.code]?.length, `${rule.code} has no wrong case`);
      assert.ok(CLEAN[rule.code]?.length, `${rule.code} has no clean case`);
    }
  });

  for (const rule of RULES) {
    describe(`${rule.code} ${rule.name}`, () => {
      for (const testCase of WRONG[rule.code] ?? []) it(`reports ${testCase.title}`, () => assertWrong(testCase));
      for (const testCase of CLEAN[rule.code] ?? []) {
        it(`is silent on ${testCase.title}`, () => assert.deepEqual(check(testCase).map((diagnostic) => `${diagnostic.code} ${diagnostic.message}`), []));
      }
    });
  }
});
