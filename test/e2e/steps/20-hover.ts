// The activation hover as a person sees it: hover a name in the tutorial, a layer class and a tfjs string;
// the typeset formula and the curve must have loaded as images, in a dark and in a light theme.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import type { E2EStep, Workbench } from '../workbench';

/** The hover's images (formula, curve), after they finished loading; asserts they have a size. */
async function renderedImages(hover: Locator): Promise<{ alt: string; width: number; height: number }[]> {
  const images = hover.locator('img[src^="data:image/svg+xml"]');
  await images.first().waitFor();
  await hover.page().waitForFunction(
    (element) => [...element.querySelectorAll('img')].every((image) => image.complete && image.naturalWidth > 0),
    await hover.elementHandle(),
  );
  const found = await images.evaluateAll((elements) =>
    elements.map((element) => {
      const image = element as HTMLImageElement;
      return { alt: image.alt, width: image.naturalWidth, height: image.naturalHeight };
    }),
  );
  for (const image of found) assert.ok(image.width > 10 && image.height > 10, `image "${image.alt}" rendered ${image.width}×${image.height}`);
  return found;
}

async function hoverActivation(workbench: Workbench, file: string, word: string, occurrence = 1): Promise<Locator> {
  await workbench.openFile(file);
  const hover = await workbench.hoverWord(word, { occurrence });
  // Other providers (Python's, TypeScript's) may answer first; ours has the formula image.
  await hover.locator('img[src^="data:image/svg+xml"]').first().waitFor();
  return hover;
}

export const steps: E2EStep[] = [
  {
    title: 'hovers tf.keras.activations.sigmoid in the tutorial (dark theme): formula and curve images render',
    async run(workbench) {
      await workbench.setTheme('Dark Modern', 'vs-dark');
      // The tutorial's own `def sigmoid` and its print come first; the third is Keras' sigmoid.
      const hover = await hoverActivation(workbench, 'python/tutorial.py', 'sigmoid', 3);
      const images = await renderedImages(hover);
      assert.equal(images.length, 2, 'a formula and a curve');
      assert.match(await hover.innerText(), /sigmoid · Logistic sigmoid/);
      assert.match(await hover.innerText(), /Plot/);
      await workbench.screenshot('hover-sigmoid-dark');
    },
  },
  {
    title: 'hovers LeakyReLU(negative_slope=0.1): the call-site parameter is in the table and the caption',
    async run(workbench) {
      const hover = await hoverActivation(workbench, 'python/keras_layers.py', 'LeakyReLU', 2);
      await renderedImages(hover);
      const text = await hover.innerText();
      assert.match(text, /negative_slope\s+0\.3\s+0\.1/);
      assert.match(text, /negative_slope=0\.1/);
      await workbench.screenshot('hover-leakyrelu-dark');
    },
  },
  {
    title: "hovers tfjs 'hardSigmoid' in the light theme: TensorFlow.js' own slope",
    async run(workbench) {
      await workbench.setTheme('Light Modern', 'vs');
      const hover = await hoverActivation(workbench, 'tfjs/model.ts', 'hardSigmoid');
      await renderedImages(hover);
      assert.match(await hover.innerText(), /TensorFlow\.js/);
      await workbench.screenshot('hover-hardsigmoid-light');
      await workbench.dismiss();
    },
  },
];
