// Hand-written activations against the library: the tutorial's seven functions and the other forms people
// write. Expected library values come from the core's float64 evaluation (tested against mpmath) and
// expected Python behaviour from the interpreter (tested against CPython): no number here is typed by hand
// except the parameters the sources themselves write.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { activationForName, checkHandwritten, mapParameters, numberText, type HandwrittenCheck } from '../../../src/check/handwritten';
import { buildFunctionHover, plotRequestFor } from '../../../src/check/handwritten/hover';
import { validatePlotRequest } from '../../../src/webview/protocol';
import { getActivation, type Flavour } from '../../../src/core/catalog';
import { evaluateFloat64 } from '../../../src/core/float64';
import { runPythonModule, toNumbers, type PythonModule } from '../../../src/interpreter/python';

const TUTORIAL = readFileSync(new URL('../../../samples/python/tutorial.py', import.meta.url), 'utf8');

function checked(source: string, flavour: Flavour = 'keras3'): { module: PythonModule; checks: Map<string, HandwrittenCheck> } {
  const module = runPythonModule(source, { kerasVersion: flavour === 'keras2' ? '2' : '3' });
  return { module, checks: new Map(checkHandwritten(module, flavour).map((check) => [check.fn.name, check])) };
}

function one(source: string, flavour: Flavour = 'keras3'): HandwrittenCheck & { module: PythonModule } {
  const { module, checks } = checked(source, flavour);
  assert.equal(checks.size, 1, `one function in ${source}`);
  return { ...[...checks.values()][0], module };
}

/** What the interpreter's call gives (a number), or the exception's text. */
function pythonCall(module: PythonModule, name: string, args: readonly (number | Float64Array)[]): number | string {
  const fn = module.functions.find((candidate) => candidate.name === name);
  assert.ok(fn);
  const outcome = module.call(fn, args);
  if (outcome.kind !== 'value') return outcome.text;
  const numbers = toNumbers(outcome.value);
  return typeof numbers === 'number' ? numbers : (numbers as Float64Array)[0];
}

const EXP_LIMIT = Math.log(Number.MAX_VALUE).toFixed(2);

describe('hand-written activations: the tutorial', () => {
  const { module, checks } = checked(TUTORIAL);

  it('reads its seven functions in order', () => {
    assert.deepEqual([...checks.keys()], ['step', 'sigmoid', 'relu', 'leakyrelu', 'elu', 'softmax', 'tanh']);
  });

  it('step matches no activation (Keras has no Heaviside step)', () => {
    assert.equal(checks.get('step')?.verdict, 'unmatched');
    assert.equal(checks.get('step')?.spec, undefined);
  });

  it("sigmoid is Keras' sigmoid, but raises OverflowError below x ≈ −709.78", () => {
    const check = checks.get('sigmoid');
    assert.equal(check?.verdict, 'same');
    assert.deepEqual(check?.sameAs, ['keras2', 'tfjs']);
    assert.deepEqual(check?.traps.map((trap) => trap.range), [`x < -${EXP_LIMIT}`]);
    assert.match(check?.traps[0].message ?? '', /^raises OverflowError: math range error/);
    assert.equal(pythonCall(module, 'sigmoid', [-Number(EXP_LIMIT) + 0.01]) !== 'OverflowError: math range error', true);
    assert.equal(pythonCall(module, 'sigmoid', [-Number(EXP_LIMIT) - 0.01]), 'OverflowError: math range error');
  });

  it("relu is Keras' relu except for NaN, where max(0.0, x) gives 0.0", () => {
    const check = checks.get('relu');
    assert.equal(check?.verdict, 'same');
    assert.equal(check?.traps.length, 1);
    assert.ok(Number.isNaN(check?.traps[0].x));
    assert.match(check?.traps[0].message ?? '', /for NaN/);
  });

  it('leakyrelu(x, alpha) is leaky_relu with alpha as negative_slope', () => {
    const check = checks.get('leakyrelu');
    assert.equal(check?.spec?.name, 'leaky_relu');
    assert.equal(check?.verdict, 'same');
    assert.deepEqual(Object.keys(check?.params ?? {}), ['negative_slope']);
    assert.deepEqual(check?.traps, []);
  });

  it('elu differs for α ≠ 1: the −1 is outside α(…), and it jumps at 0', () => {
    const check = checks.get('elu');
    assert.equal(check?.verdict, 'differs');
    assert.ok(check?.firstDifference && check.worstDifference);
    const { x, yours, library } = check.firstDifference;
    const alpha = check.params.alpha as number;
    assert.notEqual(alpha, getActivation('elu').params[0].default);
    assert.equal(library, evaluateFloat64('elu', [x], { alpha })[0]);
    assert.equal(yours, pythonCall(module, 'elu', [x, alpha]));
    assert.equal(x, getActivation('elu').plotDomain[0]);
    assert.match(check.how ?? '', /^for x < 0 .*the −1 is outside α\(…\)$/);
    assert.equal(check.traps.length, 1);
    assert.equal(check.traps[0].x, 0);
    assert.match(check.traps[0].message, new RegExp(`^jumps from ${pythonCall(module, 'elu', [-Number.MIN_VALUE, alpha])} to 0\\.0 at x = 0`));
  });

  it('softmax (NumPy, shifted by the max) is softmax, on arrays', () => {
    const check = checks.get('softmax');
    assert.equal(check?.verdict, 'same');
    assert.deepEqual(check?.traps, []);
  });

  it('tanh from math.exp is tanh, but raises for |x| > 709.78 where Keras gives ±1', () => {
    const check = checks.get('tanh');
    assert.equal(check?.verdict, 'same');
    assert.deepEqual(check?.traps.map((trap) => trap.range), [`|x| > ${EXP_LIMIT}`]);
  });
});

describe('hand-written activations: the forms people write', () => {
  const forms: readonly { title: string; source: string; activation: string; verdict: 'same' | 'differs'; params?: Record<string, number | boolean>; sameAs?: Flavour[]; traps?: RegExp[]; flavour?: Flavour; how?: RegExp }[] = [
    { title: 'sigmoid, stable in both branches', source: 'import math\ndef sigmoid(x):\n  return 1/(1+math.exp(-x)) if x >= 0 else math.exp(x)/(1+math.exp(x))', activation: 'sigmoid', verdict: 'same', traps: [] },
    { title: 'sigmoid through NumPy (overflow gives inf, not an error)', source: 'import numpy as np\ndef sigmoid(x):\n  return 1/(1+np.exp(-x))', activation: 'sigmoid', verdict: 'same', traps: [] },
    { title: 'Sigmoid as exp(x)/(1+exp(x))', source: 'import math\ndef Sigmoid(x):\n  return math.exp(x)/(1+math.exp(x))', activation: 'sigmoid', verdict: 'same', traps: [/^raises OverflowError: math range error for x > /] },
    { title: 'tanh through np.tanh', source: 'import numpy as np\ntanh2 = lambda x: np.tanh(x)', activation: 'tanh', verdict: 'same', traps: [] },
    { title: 'softplus, naive', source: 'import math\ndef softplus(x):\n  return math.log(1+math.exp(x))', activation: 'softplus', verdict: 'same', traps: [/^raises OverflowError: math range error for x > /, /^gives .* at x = -30\.0/] },
    { title: 'softplus, stable', source: 'import math\ndef softplus_stable(x):\n  return max(x, 0.0) + math.log1p(math.exp(-abs(x)))', activation: 'softplus', verdict: 'same' },
    { title: 'gelu with erf (its NaN at −∞, −∞ · 0, is Keras\' own: no trap)', source: 'import math\ndef gelu(x):\n  return 0.5*x*(1+math.erf(x/math.sqrt(2)))', activation: 'gelu', verdict: 'same', traps: [] },
    { title: 'gelu with tanh (approximate=True fitted)', source: 'import math\ndef gelu_tanh(x):\n  return 0.5*x*(1+math.tanh(math.sqrt(2/math.pi)*(x+0.044715*x**3)))', activation: 'gelu', verdict: 'same', params: { approximate: true } },
    { title: 'swish as x·sigmoid(x)', source: 'import math\ndef swish(x):\n  return x/(1+math.exp(-x))', activation: 'silu', verdict: 'same', traps: [/^raises OverflowError/] },
    { title: 'mish', source: 'import math\ndef mish(x):\n  return x*math.tanh(math.log1p(math.exp(x)))', activation: 'mish', verdict: 'same' },
    { title: 'leaky relu with its default', source: 'def leaky(x, alpha=0.01):\n  return x if x > 0 else alpha*x', activation: 'leaky_relu', verdict: 'same', params: { negative_slope: 0.01 }, traps: [] },
    { title: 'lrelu with a slope written in (fitted)', source: 'def lrelu(x):\n  return max(0.1*x, x)', activation: 'leaky_relu', verdict: 'same', params: { negative_slope: 0.1 } },
    { title: 'relu6 with min/max', source: 'def relu6(x):\n  return min(max(0.0, x), 6.0)', activation: 'relu6', verdict: 'same' },
    { title: "hard sigmoid with slope 0.2: Keras 2's and TensorFlow.js', not Keras 3's", source: 'def hard_sigmoid(x):\n  return max(0.0, min(1.0, 0.2*x+0.5))', activation: 'hard_sigmoid', verdict: 'differs', sameAs: ['keras2', 'tfjs'], how: /Keras 2's and TensorFlow\.js' definition/ },
    { title: 'hard sigmoid with slope 0.2 under Keras 2', source: 'def hard_sigmoid(x):\n  return max(0.0, min(1.0, 0.2*x+0.5))', activation: 'hard_sigmoid', verdict: 'same', flavour: 'keras2' },
    { title: 'hard sigmoid with slope 1/6', source: 'def hard_sigmoid(x):\n  return max(0.0, min(1.0, x/6+0.5))', activation: 'hard_sigmoid', verdict: 'same', sameAs: [] },
    { title: 'selu with its constants in full', source: 'import math\ndef selu(x):\n  return 1.0507009873554804934193349852946*(x if x > 0 else 1.6732632423543772848170429916717*(math.exp(x)-1))', activation: 'selu', verdict: 'same' },
    { title: 'selu with rounded constants', source: 'import math\ndef selu(x):\n  return 1.0507*(x if x > 0 else 1.67326*(math.exp(x)-1))', activation: 'selu', verdict: 'differs' },
    { title: 'softmax without the max shift', source: 'import numpy as np\ndef softmax(x):\n  return np.exp(x)/np.sum(np.exp(x))', activation: 'softmax', verdict: 'same', traps: [/^gives nan at x = 710\.0/] },
    { title: 'log_softmax, shifted (log of the sum loses the small output: log1p keeps it)', source: 'import numpy as np\ndef log_softmax(x):\n  z = x - np.max(x)\n  return z - np.log(np.sum(np.exp(z)))', activation: 'log_softmax', verdict: 'same', traps: [/^gives .* at x = 30\.0/] },
    { title: 'my_elu with a, scaled wrongly', source: 'import math\ndef my_elu(x, a=1.0):\n  return x if x > 0 else 2*a*(math.exp(x)-1)', activation: 'elu', verdict: 'differs', params: { alpha: 1 }, how: /^for x < 0 yours is 2\.0 × Keras 3's, a constant scale$/ },
    { title: 'relu by its values alone', source: 'def f(x):\n  return x if x > 0 else 0.0', activation: 'relu', verdict: 'same' },
    // Deep Learning with Python, chapter 2: written for 2-D arrays only, so it is given x as a 1×1 matrix.
    { title: 'naive_relu over a matrix, element by element', source: 'def naive_relu(x):\n    assert len(x.shape) == 2\n    x = x.copy()\n    for i in range(x.shape[0]):\n        for j in range(x.shape[1]):\n            x[i, j] = max(x[i, j], 0)\n    return x', activation: 'relu', verdict: 'same' },
    // Hands-On ML's tanh gelu in NumPy: its own cancellation near x = −6 must not hide it from the value search.
    { title: 'gelu with tanh by its values alone (approximate=True fitted)', source: 'import numpy as np\ndef f(z):\n  return 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z ** 3)))', activation: 'gelu', verdict: 'same', params: { approximate: true } },
  ];
  for (const form of forms) {
    it(form.title, () => {
      const check = one(form.source, form.flavour);
      assert.equal(check.spec?.name, form.activation);
      assert.equal(check.verdict, form.verdict, check.how);
      if (form.params) for (const [name, value] of Object.entries(form.params)) assert.equal(check.params[name], value, name);
      if (form.sameAs) assert.deepEqual(check.sameAs, form.sameAs);
      if (form.how) assert.match(check.how ?? '', form.how);
      if (form.traps) {
        assert.equal(check.traps.length, form.traps.length, check.traps.map((trap) => trap.message).join('\n'));
        form.traps.forEach((pattern, i) => assert.match(check.traps[i].message, pattern));
      }
      if (check.firstDifference) {
        const { x, yours, library } = check.firstDifference;
        assert.equal(library, evaluateFloat64(form.activation, check.spec?.elementwise ? [x] : [x, 0], { ...check.params, variant: form.flavour ?? 'keras3' })[0]);
        assert.equal(yours, pythonCall(check.module, check.fn.name, [check.spec?.elementwise ? x : Float64Array.of(x, 0)]));
      }
    });
  }

  it("a hard sigmoid found by its values, under another name, is Keras 2's", () => {
    const check = one('def hs(x):\n  return max(0.0, min(1.0, 0.2*x+0.5))');
    assert.equal(check.matchedBy, 'values');
    assert.equal(check.spec?.name, 'hard_sigmoid');
    assert.equal(check.verdict, 'differs');
    assert.deepEqual(check.sameAs, ['keras2', 'tfjs']);
  });

  it('helpers are not activations: a pass-through, a function of two inputs, a non-numeric default', () => {
    const { checks } = checked("def block(x, activation='relu'):\n  return x\ndef add(a, b):\n  return a + b\ndef build():\n  return 1");
    assert.deepEqual([...checks.values()].map((check) => [check.fn.name, check.verdict]), [['block', 'unmatched'], ['add', 'unmatched']]);
  });

  it('a function that raises or never ends gets a verdict, not a throw or a freeze', () => {
    const { checks } = checked('def relu(x):\n  return undefined_name\ndef elu(x):\n  while True:\n    pass');
    assert.deepEqual([...checks.values()].map((check) => check.verdict), ['unmatched', 'unmatched']);
  });
});

describe('hand-written activations: names and parameters', () => {
  const names: readonly [string, string][] = [
    ['leakyrelu', 'leaky_relu'], ['leaky', 'leaky_relu'], ['lrelu', 'leaky_relu'], ['LeakyReLU', 'leaky_relu'], ['my_elu', 'elu'], ['elu2', 'elu'],
    ['swish', 'silu'], ['Sigmoid', 'sigmoid'], ['gelu_tanh', 'gelu'], ['softmax_stable', 'softmax'], ['logsoftmax', 'log_softmax'], ['hardSigmoid', 'hard_sigmoid'], ['naive_softplus', 'softplus'], ['relu_v2', 'relu'],
  ];
  for (const [name, activation] of names) it(`${name} → ${activation}`, () => assert.equal(activationForName(name)?.name, activation));

  it('a name of no activation matches nothing', () => {
    for (const name of ['step', 'build_model', 'f', 'my_function']) assert.equal(activationForName(name), undefined, name);
  });

  it("maps the user's names onto the library's, any flavour's spelling, then in order", () => {
    assert.deepEqual(mapParameters(getActivation('leaky_relu'), ['alpha']), ['negative_slope']);
    assert.deepEqual(mapParameters(getActivation('elu'), ['a']), ['alpha']);
    assert.deepEqual(mapParameters(getActivation('relu'), ['max_value', 'slope']), ['max_value', 'negative_slope']);
  });
});

describe('hand-written activations: the def hover', () => {
  const { checks } = checked(TUTORIAL);

  it("elu's hover leads with both curves, then the verdict, first and worst points, and where it traps, without the diagnostics' sentences", () => {
    const check = checks.get('elu');
    assert.ok(check?.firstDifference && check.worstDifference && check.samples);
    const markdown = buildFunctionHover(check, { theme: 'dark' });
    assert.match(markdown, /^!\[elu beside elu\]\(data:image\/svg\+xml/);
    assert.match(markdown, /\n\*\*elu\*\* · hand-written, compared with Keras 3's `elu`/);
    assert.ok(markdown.includes(`**Differs** from Keras 3's elu (alpha=${numberText(check.params.alpha as number)})`));
    assert.ok(markdown.includes(`| first | ${numberText(check.firstDifference.x)} | \`${numberText(check.firstDifference.yours)}\``));
    assert.ok(markdown.includes(`| worst | ${numberText(check.worstDifference.x)} |`));
    assert.ok(markdown.includes('**Trap** at x = 0.0.'));
    // AL401 and AL402 say how and what the trap does; VS Code shows them in the same hover.
    assert.ok(check.how && !markdown.includes(check.how));
    for (const trap of check.traps) assert.ok(!markdown.includes(trap.message), trap.message);
    // Two curves: the library's and yours, dashed, yours broken at its jump (two pieces).
    const svg = Buffer.from(/data:image\/svg\+xml;base64,([^)]*)\)/.exec(markdown)?.[1] ?? '', 'base64').toString('utf8');
    assert.equal((svg.match(/<path /g) ?? []).length, 2, svg.slice(0, 200));
    const yours = /<path d="([^"]*)"[^>]*stroke-dasharray="5 3"/.exec(svg)?.[1] ?? '';
    assert.equal((yours.match(/M/g) ?? []).length, 2, 'yours is drawn in two pieces, either side of x = 0');
  });

  it('a same verdict names the other flavours; an unmatched one says so; no theme, no image', () => {
    assert.match(buildFunctionHover(checks.get('softmax') as HandwrittenCheck), /\*\*Same\*\* as Keras 3's softmax, and as Keras 2's and TensorFlow\.js'/);
    assert.match(buildFunctionHover(checks.get('step') as HandwrittenCheck), /No Keras activation has this name or these values/);
    assert.doesNotMatch(buildFunctionHover(checks.get('tanh') as HandwrittenCheck), /!\[/);
  });
});

describe('hand-written activations: Plot yours vs Keras', () => {
  it("opens the panel with the library's curve and yours as a line broken at its jump, a request the panel accepts", () => {
    const check = checked(TUTORIAL).checks.get('elu') as HandwrittenCheck;
    const request = plotRequestFor(check);
    assert.ok(request && check.samples);
    const validated = validatePlotRequest(request);
    assert.ok(validated.ok, validated.ok ? '' : validated.error);
    assert.deepEqual(request.activations, [{ name: 'elu', params: check.params, variant: 'keras3', derivative: false }]);
    const line = check.samples.yoursLine;
    assert.deepEqual(request.marks?.[0].x, Array.from(line.x));
    assert.deepEqual(request.marks?.[0].y, Array.from(line.y));
    assert.deepEqual(request.marks?.[0].breaks, line.breaks);
    // The samples, plus the point bisection found just left of the jump at 0, broken between it and 0.
    assert.deepEqual(Array.from(line.x).filter((x) => !check.samples?.x.includes(x)).length, 1);
    const at = line.breaks?.[0] ?? -1;
    assert.ok(line.x[at] < 0 && line.x[at] > -1e-9 && line.x[at + 1] === 0, `break at ${line.x[at]} … ${line.x[at + 1]}`);
    const markdown = buildFunctionHover(check, { theme: 'dark', plotLink: true });
    const link = /\[\$\(graph-line\) Plot yours vs Keras\]\(command:activationLens\.openPlot\?([^ )]+)/.exec(markdown);
    assert.ok(link);
    assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), [request]);
  });
});
