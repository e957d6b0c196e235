// Series colours: the theme's chart colours when they are readable and distinct, curated ones otherwise.
import assert from 'node:assert/strict';
import { choosePalette, colourDistance, contrastRatio, parseColour } from '../../src/webview/palette';

describe('plot palette', () => {
  it('parses hex and rgb() colours', () => {
    assert.deepEqual(parseColour('#3794ff'), [0x37, 0x94, 0xff]);
    assert.deepEqual(parseColour('#fff'), [255, 255, 255]);
    assert.deepEqual(parseColour('rgba(12, 34, 56, 0.5)'), [12, 34, 56]);
    assert.equal(parseColour('color(srgb 1 0 0)'), undefined);
  });

  it('measures contrast as WCAG does', () => {
    assert.equal(Math.round(contrastRatio([0, 0, 0], [255, 255, 255])), 21);
    assert.equal(contrastRatio([119, 119, 119], [119, 119, 119]), 1);
  });

  it('keeps VS Code’s Dark Modern chart colours as they are', () => {
    const charts = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'];
    assert.deepEqual(choosePalette(charts, '#1f1f1f', 'dark', 6), charts);
  });

  it('drops a repeated colour (High Contrast Light draws blue and orange in one navy)', () => {
    const palette = choosePalette(['#0f4a85', '#0f4a85', '#374e06', '#5a1a8f', '#b5200d'], '#ffffff', 'high-contrast-light');
    assert.equal(new Set(palette).size, palette.length);
    assert.equal(palette.length, 8);
    for (let i = 0; i < palette.length; i++) {
      for (let j = 0; j < i; j++) assert.ok(colourDistance(parseColour(palette[i])!, parseColour(palette[j])!) >= 20, `${palette[i]} vs ${palette[j]}`);
    }
  });

  it('drops colours too faint for the background (4.5:1 in high contrast)', () => {
    const palette = choosePalette(['#3794ff', '#ab5a17'], '#000000', 'high-contrast');
    assert.ok(!palette.includes('#ab5a17'), palette.join(' '));
    for (const colour of palette) assert.ok(contrastRatio(parseColour(colour)!, [0, 0, 0]) >= 4.5, colour);
  });

  it('still returns enough colours on a background nothing suits', () => {
    assert.equal(choosePalette([], '#808080', 'dark', 8).length, 8);
  });
});
