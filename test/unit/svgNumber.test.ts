// The hover's curve coordinates and path data are written from integer hundredths; they must read exactly as the plain
// rounding printed by JavaScript does, everywhere a coordinate can land (on screen, far off it, odd values).
import assert from 'node:assert/strict';
import { AsciiWriter, polylinePath, svgNumber } from '../../src/render/axes';
import { curveSvg, curveSvgBase64 } from '../../src/render/curveSvg';
import { random } from '../support/random';

const plain = (value: number): string => String(Math.round(value * 100) / 100);

describe('svgNumber', () => {
  it('prints what String(Math.round(value * 100) / 100) prints', () => {
    const next = random(2024);
    const values = [0, -0, 0.004, -0.004, 0.005, -0.005, 0.1, 1.05, -1.05, 99.995, 1e13, -1e13, 1e14, 1e15, 1e22, -1e22, NaN, Infinity, -Infinity, Number.MIN_VALUE];
    for (let i = 0; i < 20_000; i++) values.push((next() - 0.5) * 10 ** Math.floor(next() * 18 - 3));
    for (const value of values) assert.equal(svgNumber(value), plain(value), `value ${value}`);
  });

  it("keeps a curve's document ASCII: the minus sign of a label as a character reference", () => {
    const svg = curveSvg({ x: [-2, 0, 2], y: [-3, 0, 1] }, { width: 120, height: 60, colors: { curve: '#f00', derivative: '#0f0', axis: '#888', grid: '#444', text: '#ccc' } });
    assert.doesNotMatch(svg, /[^\x00-\x7f]/);
    assert.match(svg, />&#8722;2</);
  });
});

describe('polylinePath', () => {
  it('writes each point as svgNumber does, breaking at non-finite values', () => {
    const next = random(7);
    const xs = Float64Array.from({ length: 500 }, (_, i) => i - 250);
    const ys = Float64Array.from(xs, (x, i) => (i % 97 === 5 ? NaN : i % 89 === 3 ? Infinity : (next() - 0.5) * 10 ** Math.floor(next() * 20 - 4) + x));
    const sx = (x: number) => x * 1.37;
    const sy = (y: number) => 50 - y * 3.1;
    let expected = '';
    let pen = false;
    for (let i = 0; i < xs.length; i++) {
      if (!Number.isFinite(ys[i])) {
        pen = false;
        continue;
      }
      expected += `${pen ? 'L' : 'M'}${plain(sx(xs[i]))} ${plain(sy(Math.min(Math.max(ys[i], -5 - 10 * 4), 5 + 10 * 4)))}`;
      pen = true;
    }
    assert.equal(polylinePath(xs, ys, sx, sy, -5, 5), expected);
  });
});

describe('AsciiWriter', () => {
  it('reads back as text and as the base64 of that text, at every length modulo 3, growing its buffer', () => {
    const next = random(11);
    for (let length = 0; length < 200; length++) {
      const text = Array.from({ length }, () => String.fromCharCode(32 + Math.floor(next() * 95))).join('');
      const writer = new AsciiWriter(new Uint8Array(8));
      writer.write(text);
      assert.equal(writer.text(), text);
      assert.equal(writer.base64(), Buffer.from(text, 'latin1').toString('base64'), `length ${length}`);
    }
  });

  it('gives the same document as text and as base64', () => {
    const series = { x: [-2, 0, 2], y: [-3, 0, 1], dy: [1, 1, NaN] };
    const layout = { width: 120, height: 60, colors: { curve: '#f00', derivative: '#0f0', axis: '#888', grid: '#444', text: '#ccc' } };
    assert.equal(Buffer.from(curveSvgBase64(series, layout), 'base64').toString('latin1'), curveSvg(series, layout));
  });
});
