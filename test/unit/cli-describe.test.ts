import assert from 'node:assert/strict';
import { main } from '../../src/cli';

function describeCli(...argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(['describe', ...argv], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readFile: () => '',
  });
  return { code, stdout, stderr };
}

describe('activation-lens describe', () => {
  it('prints what the hover says as markdown, formulas as text', () => {
    const { code, stdout } = describeCli('gelu');
    assert.equal(code, 0);
    assert.match(stdout, /^\*\*gelu\*\* · Gaussian error linear unit/);
    assert.match(stdout, /`f\(x\) = x·Φ\(x\) = x\/2·\(1 \+ erf\(x\/√2\)\)`/);
    assert.match(stdout, /\| `approximate` \| `False` \|/);
    assert.match(stdout, /\[Documentation\]\(https:\/\/keras\.io\/api\/layers\/activations\/#gelu-function\)/);
    assert.doesNotMatch(stdout, /data:image|\$\(/);
  });

  it('describes layer classes with their own defaults and the parameters given', () => {
    const { stdout } = describeCli('LeakyReLU', '--param', 'negative_slope=0.1');
    assert.match(stdout, /\| `negative_slope` \| `0\.3` \| \*\*`0\.1`\*\* \|/);
  });

  it('accepts deprecated and Keras 2 spellings where the site does', () => {
    assert.match(describeCli('LeakyReLU', '--param', 'alpha=0.2').stdout, /\*\*`0\.2`\*\*/);
    assert.match(describeCli('relu', '--keras', '2', '--param', 'alpha=0.1').stdout, /\| `alpha` \| `0` \| \*\*`0\.1`\*\* \|/);
  });

  it("resolves an op's own name (tfjs leakyRelu) to that library's activation", () => {
    const facts = JSON.parse(describeCli('leakyRelu', '--format', 'json').stdout);
    assert.equal(facts.name, 'leaky_relu');
    assert.equal(facts.flavour, 'tfjs');
  });

  it('resolves TensorFlow.js identifiers to their own definition', () => {
    const facts = JSON.parse(describeCli('hardSigmoid', '--format', 'json').stdout);
    assert.equal(facts.name, 'hard_sigmoid');
    assert.equal(facts.flavour, 'tfjs');
    assert.match(facts.formula.text, /0\.2·x/);
  });

  it('gives JSON with the effective parameters', () => {
    const facts = JSON.parse(describeCli('elu', '--param', 'alpha=0.5', '--format', 'json').stdout);
    assert.deepEqual(facts.effectiveParams, { alpha: 0.5 });
    assert.deepEqual(facts.parameters[0], { name: 'alpha', default: '1', value: '0.5', description: facts.parameters[0].description });
  });

  it('rejects bad arguments with exit code 2 and a clear message', () => {
    const cases: [string[], RegExp][] = [
      [[], /describe needs exactly one activation name/],
      [['rleu'], /unknown activation 'rleu'/],
      [['relu', '--param', 'alpha=1'], /unknown parameter 'alpha' for relu; known parameters: negative_slope, max_value, threshold \('alpha' is Keras 2's name for 'negative_slope'\)/],
      [['relu', '--format', 'html'], /--format must be markdown or json/],
      [['elu', '--param', 'alpha=big'], /must be a number/],
      [['Activation'], /takes the activation as its argument/],
      [['gelu', '--param', 'approximate=1'], /must be True or False/],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr } = describeCli(...argv);
      assert.equal(code, 2, argv.join(' '));
      assert.match(stderr, message);
    }
  });

  it('describes threshold without a curve when its required parameters are missing', () => {
    const { code, stdout } = describeCli('threshold');
    assert.equal(code, 0);
    assert.match(stdout, /No curve: threshold requires/);
  });
});
