import assert from 'node:assert/strict';
import { ACTIVATION_NAMES, findLayers, getActivation, type Flavour, type ParamValue } from '../../src/core';
import { buildHover, describeSite, latin1Markdown, type HoverSubject } from '../../src/render/hover';

function subject(name: string, options: Partial<HoverSubject> & { flavour?: Flavour } = {}): HoverSubject {
  return {
    spec: getActivation(name),
    flavour: options.flavour ?? 'keras3',
    written: options.written ?? name,
    params: options.params ?? {},
    implied: options.implied ?? {},
    notes: options.notes ?? [],
    ...(options.api ? { api: options.api } : {}),
    ...(options.layer ? { layer: options.layer } : {}),
  };
}

const imageUris = (markdown: string): string[] => [...markdown.matchAll(/!\[[^\]]*\]\((data:image\/svg\+xml;base64,[^)]+)\)/g)].map((m) => m[1]);
const decode = (uri: string): string => Buffer.from(uri.split(',')[1], 'base64').toString('utf8');
/** The editor's hover as it reads: its character references decoded. */
const readable = (markdown: string): string => markdown.replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));

describe('hover', () => {
  it('shows the typeset formula and a curve as data-URI SVG images in the theme colours', () => {
    const markdown = buildHover(subject('gelu', { written: 'tf.keras.activations.gelu' }), { theme: 'dark' });
    const [formula, curve] = imageUris(markdown);
    assert.ok(formula && curve, markdown);
    assert.match(decode(formula), /fill="#d4d4d4"/);
    assert.match(decode(curve), /stroke="#4fc1ff"/);
    assert.match(decode(curve), /stroke-dasharray/); // the derivative
    assert.match(readable(markdown), /`tf\.keras\.activations\.gelu` → `keras\.activations\.gelu` \(Keras 3\)/);
    const light = buildHover(subject('gelu'), { theme: 'light' });
    assert.match(decode(imageUris(light)[0]), /fill="#1f1f1f"/);
  });

  it('draws the curve for the parameters written at the call site', () => {
    const leaky = findLayers('LeakyReLU', 'keras3')[0];
    const facts = describeSite(subject('leaky_relu', { layer: leaky, written: 'LeakyReLU', params: { negative_slope: 0.1 }, implied: { negative_slope: 0.3 } }));
    assert.equal(facts.effectiveParams?.negative_slope, Math.fround(0.1));
    assert.deepEqual(facts.parameters.map((row) => [row.name, row.default, row.value]), [['negative_slope', '0.3', '0.1']]);
    const curveOf = (params: Record<string, ParamValue>) =>
      decode(imageUris(buildHover(subject('leaky_relu', { layer: leaky, params, implied: { negative_slope: 0.3 } }), { theme: 'dark' }))[1]);
    assert.notEqual(curveOf({ negative_slope: 0.1 }), curveOf({ negative_slope: 0.5 }));
  });

  it("uses what the site implies when nothing is written (keras.ops.gelu's tanh form)", () => {
    const facts = describeSite(subject('gelu', { api: 'keras.ops', implied: { approximate: true } }));
    assert.match(facts.formula.text, /tanh/);
    assert.deepEqual(facts.parameters.map((row) => [row.name, row.default]), [['approximate', 'True']]);
  });

  it('marks values that are not literals and falls back to the default for the curve', () => {
    const facts = describeSite(subject('elu', { params: { alpha: { nonLiteral: 'elu_alpha' } } }));
    assert.equal(facts.parameters[0].nonLiteral, true);
    assert.equal(facts.effectiveParams?.alpha, 1);
    assert.match(buildHover(subject('elu', { params: { alpha: { nonLiteral: 'elu_alpha' } } })), /_not a literal_/);
  });

  it('gives the primary definition of the flavour and says where the libraries differ', () => {
    const keras2 = describeSite(subject('hard_sigmoid', { flavour: 'keras2' }));
    assert.match(keras2.formula.text, /0\.2·x/);
    const keras3 = buildHover(subject('hard_sigmoid'));
    assert.match(keras3.replace(/\\/g, ''), /Keras 2\*\*: Keras 2 uses slope 0.2/);
    assert.match(keras3, /TensorFlow\.js\*\*: TensorFlow\.js 'hardSigmoid'/);
    assert.match(buildHover(subject('hard_silu')), /\*\*Keras 2\*\*: not available/);
    assert.match(buildHover(subject('tanh')), /agree on this function/);
  });

  it('writes values as the language does', () => {
    const relu = (flavour: Flavour) => describeSite(subject('relu', { flavour, params: { max_value: 6 } })).parameters;
    assert.deepEqual(relu('keras3').map((row) => row.default), ['0', 'None', '0']);
    assert.equal(relu('keras2')[0].name, 'alpha');
    const tfjsLayer = findLayers('reLU', 'tfjs')[0];
    assert.equal(describeSite(subject('relu', { flavour: 'tfjs', layer: tfjsLayer })).parameters[0].default, 'null');
  });

  it('explains why there is no curve when a required parameter is missing', () => {
    const markdown = buildHover(subject('threshold', { written: 'threshold' }), { theme: 'dark' });
    assert.equal(imageUris(markdown).length, 1);
    assert.match(markdown, /No curve: threshold requires 'threshold' and 'default_value'/);
  });

  it('links to the plot with the call-site parameters, to evaluation and to the docs', () => {
    const markdown = buildHover(subject('elu', { params: { alpha: 0.5 } }), { theme: 'dark', plotLink: true, evaluateArgs: [{ line: 3 }] });
    const plot = /\[\$\(graph-line\) Plot\]\(command:activationLens\.openPlot\?([^ )]+)/.exec(markdown);
    assert.ok(plot, markdown);
    assert.deepEqual(JSON.parse(decodeURIComponent(plot[1])), [{ activations: [{ name: 'elu', params: { alpha: 0.5 }, variant: 'keras3' }] }]);
    assert.match(markdown, /command:activationLens\.evaluateSelection\?/);
    // Values as written, not their float32 rounding (the panel rounds them itself).
    const leaky = buildHover(subject('leaky_relu', { params: { negative_slope: 0.1 } }), { plotLink: true });
    const request = JSON.parse(decodeURIComponent(/openPlot\?([^ )]+)/.exec(leaky)![1]));
    assert.deepEqual(request[0].activations[0].params, { negative_slope: 0.1 });
    assert.match(markdown, /\[\$\(book\) Documentation\]\(https:\/\/keras\.io\/api\/layers\/activations\/#elu-function\)/);
  });

  it('without a theme, writes formulas as text (for terminals)', () => {
    const markdown = buildHover(subject('softsign'));
    assert.equal(imageUris(markdown).length, 0);
    assert.match(markdown, /`f\(x\) = x \/ \(1 \+ \|x\|\)`/);
  });

  it("writes the editor hover's characters beyond Latin-1 as character references, but not inside code spans", () => {
    assert.equal(latin1Markdown('x if x ≥ 0, else α·x (`α` = `negative_slope`)'), 'x if x &#8805; 0, else &#945;·x (`α` = `negative_slope`)');
    assert.equal(latin1Markdown('``a `α` b`` then α, `unclosed α'), '``a `α` b`` then &#945;, `unclosed &#945;');
    assert.equal(latin1Markdown('astral 𝑥 and plain'), 'astral &#119909; and plain');
    for (const name of ACTIVATION_NAMES) {
      const spec = getActivation(name);
      const markdown = buildHover(subject(name), { theme: 'dark' });
      assert.doesNotMatch(markdown.replace(/`[^`]*`/g, ''), /[^\0-\xff]/, name);
      for (const text of [spec.title, spec.summary, spec.range.text]) assert.ok(readable(markdown).includes(text.replace(/([<|])/g, '\\$1')), `${name}: ${text}`);
      assert.ok(buildHover(subject(name)).includes(spec.range.text.replace(/([<|])/g, '\\$1')), `${name}: the terminal's hover keeps the characters`);
    }
  });

  it('describes axis functions with the plotted slice', () => {
    const markdown = buildHover(subject('softmax'), { theme: 'dark' });
    assert.match(readable(markdown).replace(/\\/g, ''), /solid softmax\(\[x, 0\]\)₀/);
    assert.match(markdown, /Jacobian/);
  });
});
