// The y-range the plot shows, which the live chart and the exported files share: the visible curves and the
// evaluated points inside the x-range in view.
import assert from 'node:assert/strict';
import { paddedRange } from '../../src/render/axes';
import { viewYRange } from '../../src/webview/plotModel';

describe('plot view', () => {
  const curve = Float32Array.of(-1, 0, 2);

  it('pads the extent of the visible curves', () => {
    assert.deepEqual(viewYRange([curve, Float32Array.of(0.5, Number.NaN, 3)], [], [-4, 4]), paddedRange([-1, 3]));
  });

  it('lets an evaluated point in view widen the range', () => {
    const marks = [{ x: [1], y: [5] }];
    assert.deepEqual(viewYRange([curve], marks, [-4, 4]), paddedRange([-1, 5]));
  });

  it('ignores evaluated points outside the x-range, so a far one cannot flatten the curves in view', () => {
    const marks = [{ x: [0, 100], y: [1, 2.6881171e43] }];
    assert.deepEqual(viewYRange([curve], marks, [-4, 4]), paddedRange([-1, 2]));
    assert.deepEqual(viewYRange([], [{ x: [100], y: [null] }], [-4, 4]), paddedRange(undefined));
  });
});
