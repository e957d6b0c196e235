// TensorFlow's elementwise math as hand-written activations use it (`tf.math.maximum(X, 0)` in d2l's MLP from
// scratch, `tf.where`, `tf.exp`): a tensor prints the values NumPy computes in its dtype — the same digits as
// NumPy's own array of that dtype, which the CPython fixtures check — with TF's conversions and errors.
import assert from 'node:assert/strict';
import { runPythonModule } from '../../../src/interpreter/python';
import { handwrittenChecks } from '../../../src/check/handwritten';
import { analyzeDocument } from '../../../src/language';

/** What the code prints, line by line; the last statement's problem as its traceback's last line. */
function output(code: string): string[] {
  const module = runPythonModule(`import math\nimport numpy as np\nimport tensorflow as tf\n${code}`);
  const problems = module.statements.flatMap((statement) => (statement.problem ? [statement.problem.text] : []));
  return [...module.statements.map((statement) => statement.printed).join('').split('\n').filter(Boolean), ...problems];
}

/** `tf.Tensor(<NumPy's str of the array>, shape=…, dtype=…)`, NumPy's part from the interpreter's NumPy. */
function tensorText(numpyExpression: string, shape: string, dtype: string): string {
  const [text] = output(`print(${numpyExpression})`);
  return `tf.Tensor(${text}, shape=${shape}, dtype=${dtype})`;
}

const XS = '[-1.5, -0.0, 89.0]'; // three, so that no array wraps

describe('TensorFlow elementwise math', () => {
  it('computes unary ops in the tensor dtype, as NumPy does in that dtype', () => {
    for (const [tfName, npName] of [['tf.exp', 'np.exp'], ['tf.math.log1p', 'np.log1p'], ['tf.math.expm1', 'np.expm1'], ['tf.abs', 'np.abs'], ['tf.square', 'np.square'], ['tf.math.sqrt', 'np.sqrt']]) {
      for (const dtype of ['float32', 'float64']) {
        const [printed] = output(`print(${tfName}(tf.constant(${XS}, dtype=tf.${dtype})))`);
        assert.equal(printed, tensorText(`${npName}(np.array(${XS}, dtype=np.${dtype}))`, '(3,)', dtype), `${tfName} in ${dtype}`);
      }
    }
  });

  it('converts Python numbers to the dtype of the tensor or array among the inputs', () => {
    assert.deepEqual(output(`print(tf.maximum(tf.constant(${XS}), 0))`), [tensorText(`np.maximum(np.array(${XS}, dtype=np.float32), 0)`, '(3,)', 'float32')]);
    assert.deepEqual(output(`print(tf.maximum(0., np.array(${XS})))`), [tensorText(`np.maximum(0., np.array(${XS}))`, '(3,)', 'float64')]);
    assert.deepEqual(output('print(tf.math.exp(1.0).dtype)'), ['<dtype: \'float32\'>']);
  });

  it('chooses with tf.where, broadcasting a scalar branch', () => {
    assert.deepEqual(output(`x = tf.constant(${XS})\nprint(tf.where(x > 0, x, 0.1 * x))`), [tensorText(`np.where(np.array(${XS}, dtype=np.float32) > 0, np.array(${XS}, dtype=np.float32), np.float32(0.1) * np.array(${XS}, dtype=np.float32))`, '(3,)', 'float32')]);
  });

  it("overflows to inf silently, as TensorFlow's kernels do (no NumPy RuntimeWarning)", () => {
    const module = runPythonModule('import tensorflow as tf\ny = tf.exp(tf.constant([100.0]))\nz = tf.constant([3e38]) * 10\n');
    assert.deepEqual(module.statements.flatMap((statement) => statement.notes), []);
  });

  it("raises TensorFlow's error for two dtypes, and refuses integer inputs of float-only ops", () => {
    assert.deepEqual(output('tf.maximum(tf.constant([1.0]), tf.constant([1.0], dtype=tf.float64))'), [
      'tensorflow.python.framework.errors_impl.InvalidArgumentError: cannot compute Maximum as input #1(zero-based) was expected to be a float tensor but is a double tensor [Op:Maximum] name: ',
    ]);
    const module = runPythonModule('import tensorflow as tf\ntf.math.exp(tf.constant([1, 2]))\n');
    const problem = module.statements.find((statement) => statement.problem)?.problem;
    assert.equal(problem?.kind, 'refusal');
    assert.match(problem?.message ?? '', /`tf\.math\.exp` of an int32 tensor .* cast it to a float first/);
  });

  it("computes tf.math.erf and erfc as Python's math does, which NumPy lacks", () => {
    for (const name of ['erf', 'erfc']) {
      const values = '[-1.5, -0.0, 0.5]';
      const [printed] = output(`print(tf.math.${name}(tf.constant(${values}, dtype=tf.float64)))`);
      assert.equal(printed, tensorText(`np.array([math.${name}(v) for v in ${values}])`, '(3,)', 'float64'));
    }
    assert.match(output('np.erf(1.0)').at(-1) ?? '', /^AttributeError: module 'numpy' has no attribute 'erf'/);
  });

  it('a float32 silu is the same as Keras where it underflows float32 (every step rounds to subnormals there)', () => {
    const index = analyzeDocument('import tensorflow as tf\n\ndef swish(x):\n    return x * tf.sigmoid(x)\n\ndef mish(x):\n    return x * tf.math.tanh(tf.math.softplus(x))\n', 'python');
    for (const check of handwrittenChecks(index, 'keras3')) {
      assert.equal(check.verdict, 'same', check.fn.name);
      assert.deepEqual(check.traps, [], check.fn.name);
    }
  });

  it('says why a function named as an activation was not compared when it gives no number', () => {
    const index = analyzeDocument('import tensorflow as tf\n\ndef gelu(x):\n    return tf.math.bessel_i0(x)\n', 'python');
    const [check] = handwrittenChecks(index, 'keras3');
    assert.equal(check.verdict, 'unmatched');
    assert.match(check.noNumber ?? '', /bessel_i0/);
  });

  it("refuses a reshape that does not fit with TensorFlow's message, a -1 asking for a multiple", () => {
    assert.match(output('tf.reshape(0.5, shape=[-1, 784])').at(-1) ?? '', /InvalidArgumentError: Input to reshape is a tensor with 1 values, but the requested shape requires a multiple of 784 \[Op:Reshape\]$/);
    assert.match(output('tf.reshape(tf.constant([1.0, 2.0, 3.0]), [2])').at(-1) ?? '', /InvalidArgumentError: Input to reshape is a tensor with 3 values, but the requested shape has 2 \[Op:Reshape\]$/);
  });

  it("matches d2l's relu written with tf.math.maximum to Keras' relu", () => {
    const index = analyzeDocument('import tensorflow as tf\n\ndef relu(X):\n    return tf.math.maximum(X, 0)\n', 'python');
    const [check] = handwrittenChecks(index, 'keras3');
    assert.equal(check.spec?.name, 'relu');
    assert.equal(check.verdict, 'same');
  });
});
