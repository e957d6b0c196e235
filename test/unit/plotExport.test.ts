// What the plot panel exports: CSV with float32-exact numbers, and a standalone, well-formed SVG that shows
// the curves (dashed derivatives, gaps at NaN), the evaluated points, axes and a legend in the theme's colours.
import assert from 'node:assert/strict';
import { finiteExtent, formatReadout, formatTick, niceStep, niceTicks, paddedRange } from '../../src/render/axes';
import { plotCsv, plotSvg, type Figure } from '../../src/webview/exportFormats';

/** Checks that every tag closes in order and text holds no bare `<` or `&`: enough to catch broken markup. */
function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let match = tag.exec(xml); match; match = tag.exec(xml)) {
    const between = xml.slice(last, match.index);
    assert.doesNotMatch(between, /<|&(?!(amp|lt|gt|quot);)/, `stray markup before ${match[0]}`);
    last = tag.lastIndex;
    const [, closing, name, , selfClosing] = match;
    if (selfClosing) continue;
    if (closing) assert.equal(stack.pop(), name, `</${name}> closes the wrong element`);
    else stack.push(name);
  }
  assert.equal(xml.slice(last).trim(), '', 'text after the root element');
  assert.deepEqual(stack, [], 'unclosed elements');
}

const theme: Figure['theme'] = {
  background: '#1f1f1f',
  foreground: '#cccccc',
  muted: '#9d9d9d',
  grid: '#333333',
  axis: '#7a7a7a',
  fontFamily: "'Segoe WPC', 'Segoe UI', sans-serif",
  lineWidth: 2,
};

function figure(overrides: Partial<Figure> = {}): Figure {
  const x = Float32Array.from({ length: 9 }, (_, i) => i - 4);
  return {
    width: 800,
    height: 500,
    domain: [-4, 4],
    series: [
      { label: 'relu(negative_slope=0.1)', color: '#3794ff', dashed: false, x, y: x.map((v) => (v > 0 ? v : 0.1 * v)) },
      { label: 'd/dx relu(negative_slope=0.1)', color: '#3794ff', dashed: true, x, y: x.map((v) => (v > 0 ? 1 : 0.1)) },
    ],
    marks: [{ label: 'relu', color: '#3794ff', line: false, x: [-2, 1, 99], y: [-0.2, 1, null] }],
    theme,
    ...overrides,
  };
}

describe('plot export', () => {
  describe('CSV', () => {
    it('writes a header and one row per sample, float32 values in their shortest digits', () => {
      const x = Float32Array.of(-1, 0.1, 2);
      const csv = plotCsv([
        { header: 'x', values: x },
        { header: 'gelu(approximate=True)', values: Float32Array.of(-0.15880796, 0.05398275, 1.9545977) },
      ]);
      assert.equal(csv, 'x,gelu(approximate=True)\n-1,-0.15880796\n0.1,0.05398275\n2,1.9545977\n');
    });

    it('quotes headers with commas or quotes, and spells non-finite values out', () => {
      const csv = plotCsv([
        { header: 'x', values: Float32Array.of(0, 1, 2) },
        { header: 'relu(alpha=0.1, max_value=6)', values: Float32Array.of(Number.NaN, Infinity, -Infinity) },
        { header: 'say "hi"', values: Float32Array.of(0, 0, 0) },
      ]);
      const [header, ...rows] = csv.trimEnd().split('\n');
      assert.equal(header, 'x,"relu(alpha=0.1, max_value=6)","say ""hi"""');
      assert.deepEqual(rows, ['0,nan,0', '1,inf,0', '2,-inf,0']);
    });

    it('keeps float32 exactness: every written value reads back as the same float32', () => {
      const values = Float32Array.from({ length: 500 }, (_, i) => Math.sin(i) * 10 ** ((i % 20) - 10));
      const rows = plotCsv([{ header: 'y', values }]).trimEnd().split('\n').slice(1);
      rows.forEach((row, i) => assert.equal(Math.fround(Number(row)), values[i], row));
    });

    it('writes nothing for nothing', () => {
      assert.equal(plotCsv([]), '');
    });
  });

  describe('SVG', () => {
    it('is a well-formed standalone SVG document: the requested size plus the legend rows', () => {
      const svg = plotSvg(figure());
      assertWellFormed(svg);
      // Two legend rows (relu beside its derivative, then the marks) of 22 px and 12 px of space.
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="800" height="556" viewBox="0 0 800 556"/);
    });

    it('draws each curve in its colour, derivatives dashed, clipped to the plot area', () => {
      const svg = plotSvg(figure());
      const curves = [...svg.matchAll(/<path d="(M[^"]+)" fill="none" stroke="#3794ff"[^>]*>/g)];
      assert.equal(curves.length, 2);
      assert.doesNotMatch(curves[0][0], /stroke-dasharray/);
      assert.match(curves[1][0], /stroke-dasharray="6 4"/);
      assert.match(svg, /<clipPath id="plot-area">/);
      assert.match(svg, /<g clip-path="url\(#plot-area\)">/);
    });

    it('joins a sampled function (marks of style line) into a curve, broken where it has no value', () => {
      const svg = plotSvg(figure({ series: [], marks: [{ label: 'yours: elu', color: '#ff8800', line: true, x: [-2, -1, 0, 1, 2], y: [-0.9, -0.8, null, 1, 2] }] }));
      const [path] = [...svg.matchAll(/<path d="(M[^"]+)" fill="none" stroke="#ff8800"[^>]*>/g)];
      assert.ok(path, 'a path in the marks colour');
      assert.equal(path[1].match(/M/g)?.length, 2, 'two pieces around the missing value');
      assert.doesNotMatch(svg, /<circle[^>]*fill="#ff8800"/);
    });

    it('fills the background and uses the theme colours and font', () => {
      const svg = plotSvg(figure());
      assert.match(svg, /<rect width="800" height="556" fill="#1f1f1f"\/>/);
      assert.match(svg, /stroke="#333333"/);
      assert.match(svg, /font-family="&#39;Segoe WPC&#39;|font-family="'Segoe WPC', 'Segoe UI', sans-serif"/);
    });

    it('breaks a curve at NaN instead of joining across it', () => {
      const x = Float32Array.of(0, 1, 2, 3, 4);
      const svg = plotSvg(figure({ domain: [0, 4], series: [{ label: 'f', color: '#f00', dashed: false, x, y: Float32Array.of(0, 1, Number.NaN, 3, 4) }], marks: [] }));
      const d = /<path d="(M[^"]+)" fill="none" stroke="#f00"/.exec(svg)?.[1] ?? '';
      assert.equal((d.match(/M/g) ?? []).length, 2, d);
    });

    it('draws the finite evaluated points and lists everything in the legend, escaped', () => {
      const svg = plotSvg(figure({ series: [{ ...figure().series[0], label: 'a < b & "c"' }] }));
      assert.equal((svg.match(/<circle /g) ?? []).length, 2 + 1, 'two finite points plus the legend dot');
      assert.match(svg, />a &lt; b &amp; "c"<\/text>/);
      assert.match(svg, />relu<\/text>/);
      assertWellFormed(svg);
    });

    it('grows to fit a long legend', () => {
      const many = Array.from({ length: 12 }, (_, i) => ({ ...figure().series[0], label: `series ${i}` }));
      const svg = plotSvg(figure({ series: many, height: 300 }));
      const height = Number(/height="(\d+)"/.exec(svg)?.[1]);
      assert.ok(height > 300, String(height));
      assertWellFormed(svg);
    });

    it('labels ticks with a true minus sign and an x-axis name', () => {
      const svg = plotSvg(figure());
      assert.match(svg, />−4<\/text>/);
      assert.match(svg, />x<\/text>/);
    });
  });

  describe('axes', () => {
    it('finds the finite extent, ignoring NaN, ±∞ and null', () => {
      assert.deepEqual(finiteExtent([Float32Array.of(Number.NaN, 2, -1), [null, Infinity, 5]]), [-1, 5]);
      assert.equal(finiteExtent([[Number.NaN], []]), undefined);
    });

    it('pads a range, widens a flat one, and has a fallback', () => {
      assert.deepEqual(paddedRange([0, 10]), [-0.6, 10.6]);
      assert.deepEqual(paddedRange([1, 1]), [0.5, 1.5]);
      assert.deepEqual(paddedRange(undefined), [-1, 1]);
    });

    it('picks nice ticks', () => {
      assert.deepEqual(niceTicks(-4, 4, 8), [-4, -3, -2, -1, 0, 1, 2, 3, 4]);
      assert.deepEqual(niceTicks(-0.17, 1.1, 6), [0, 0.25, 0.5, 0.75, 1]);
      assert.deepEqual(niceTicks(0.1, 0.35, 5), [0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
      assert.equal(niceStep(0.3), 0.5);
      assert.deepEqual(niceTicks(1, 0), []);
    });

    it('formats ticks and read-outs for people', () => {
      assert.equal(formatTick(-2.5, 0.5), '−2.5');
      assert.equal(formatTick(0.30000000000000004, 0.1), '0.3');
      assert.equal(formatTick(2e6, 1e6), '2e6');
      assert.equal(formatReadout(0.8413447141647339), '0.84134');
      assert.equal(formatReadout(-1.2e-7), '−1.2e-7');
      assert.equal(formatReadout(Number.NaN), 'NaN');
      assert.equal(formatReadout(-Infinity), '−∞');
    });
  });
});
