import assert from 'node:assert/strict';
import { ACTIVATIONS } from '../../src/core';
import { textToBase64 } from '../../src/render/base64';
import { formulaSvg, svgImageMarkdown } from '../../src/render/formulaImage';

describe('formula images', () => {
  it('has a typeset SVG for every catalog formula', () => {
    for (const spec of ACTIVATIONS) {
      for (const formula of [spec.formula, spec.derivative, spec.range, ...(spec.forms ?? []).map((form) => form.formula)]) {
        if (formula) assert.ok(formulaSvg(formula.latex, '#000'), `${spec.name}: ${formula.latex}`);
      }
    }
  });

  it('builds a standalone SVG with the colour baked in and every glyph defined', () => {
    const image = formulaSvg(ACTIVATIONS[0].formula.latex, '#cccccc', 16);
    assert.ok(image);
    assert.match(image.svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="[\d.]+" height="[\d.]+" viewBox="[-\d. ]+">/);
    assert.match(image.svg, /fill="#cccccc"/);
    assert.doesNotMatch(image.svg, /currentColor|data-latex|MJX-/);
    const defined = new Set([...image.svg.matchAll(/<path id="([^"]+)"/g)].map((match) => match[1]));
    const used = [...image.svg.matchAll(/href="#([^"]+)"/g)].map((match) => match[1]);
    assert.ok(used.length > 0);
    for (const id of used) assert.ok(defined.has(id), id);
    assert.ok(image.width > 20 && image.height > 5);
  });

  it('scales with the font size', () => {
    const latex = ACTIVATIONS[0].formula.latex;
    const ratio = formulaSvg(latex, '#000', 32)!.width / formulaSvg(latex, '#000', 16)!.width;
    assert.ok(Math.abs(ratio - 2) < 0.01, String(ratio));
  });

  it('returns undefined for LaTeX that was not typeset', () => {
    assert.equal(formulaSvg('\\notInTheCatalog', '#000'), undefined);
  });

  it('encodes SVG as a base64 data URI', () => {
    assert.equal(svgImageMarkdown('a curve', textToBase64('<svg/>')), `![a curve](data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')})`);
  });
});
