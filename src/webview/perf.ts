// Timings of the panel, with performance.mark/measure so they also show in DevTools' performance panel:
// the first curves after the script started, and per-frame redraw times for parameter changes (slider
// drags) and view changes (zoom, pan). Read by the e2e run through `window.activationLens.metrics()`.
import type { FrameStats, PlotMetrics } from './protocol';

const SCRIPT_START = 'activationLens:script-start';
const FIRST_CURVES = 'activationLens:first-curves';

export type FrameKind = 'slider' | 'view';

/** Keeps the last 600 frame durations per kind (ten seconds of dragging at 60 frames a second). */
const WINDOW = 600;

export class PlotPerformance {
  private firstCurves: number | null = null;
  private readonly frames: Record<FrameKind, number[]> = { slider: [], view: [] };

  /** Call once curves are drawn; only the first call counts. */
  firstCurvesDrawn(): void {
    if (this.firstCurves !== null) return;
    performance.mark('activationLens:first-draw');
    const measure = performance.measure(FIRST_CURVES, SCRIPT_START, 'activationLens:first-draw');
    this.firstCurves = measure.duration;
  }

  /** Times `work` (recompute + draw of one frame) as a measure named after its kind. */
  frame<T>(kind: FrameKind, work: () => T): T {
    const start = `activationLens:${kind}-start`;
    performance.mark(start);
    const result = work();
    const measure = performance.measure(`activationLens:${kind}-frame`, start);
    const list = this.frames[kind];
    list.push(measure.duration);
    if (list.length > WINDOW) list.shift();
    // Keep the performance timeline from growing without bound during long drags.
    performance.clearMarks(start);
    if (list.length % 100 === 0) performance.clearMeasures(`activationLens:${kind}-frame`);
    return result;
  }

  reset(kind?: FrameKind): void {
    for (const key of kind ? [kind] : (['slider', 'view'] as const)) this.frames[key].length = 0;
  }

  metrics(): PlotMetrics {
    return { firstCurvesMs: this.firstCurves, sliderFrames: stats(this.frames.slider), viewFrames: stats(this.frames.view) };
  }
}

export function stats(durations: readonly number[]): FrameStats {
  if (durations.length === 0) return { count: 0, meanMs: 0, p95Ms: 0, maxMs: 0 };
  const sorted = [...durations].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    count: sorted.length,
    meanMs: round(sorted.reduce((sum, value) => sum + value, 0) / sorted.length),
    p95Ms: round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]),
    maxMs: round(sorted[sorted.length - 1]),
  };
}
