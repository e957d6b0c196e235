// The live chart: uPlot on a canvas, themed from VS Code's variables, with our own interactions (wheel
// zoom and drag pan on x, because every view change resamples the functions at full resolution rather
// than magnifying old samples), zero axes, evaluated points drawn on top, and a cursor the keyboard can move.
import uPlot from 'uplot';
import { formatTick, niceStep } from '../render/axes';
import { dashPattern } from './exportFormats';
import type { PlotTheme } from './theme';

/** How a line looks; the legend (HTML, beside the chart) names it. */
export interface ChartLine {
  readonly color: string;
  readonly dashed: boolean;
  readonly visible: boolean;
}

export interface ChartMarks {
  readonly color: string;
  /** Joined into a curve rather than drawn as dots. */
  readonly line: boolean;
  readonly x: readonly number[];
  readonly y: readonly (number | null)[];
  /** For a line: i where sample i and i + 1 are not joined (a jump). */
  readonly breaks?: readonly number[];
}

export interface ChartFrame {
  readonly x: Float32Array;
  readonly ys: readonly (Float32Array | (number | null)[])[];
  readonly domain: readonly [number, number];
  readonly yRange: readonly [number, number];
  readonly marks: readonly ChartMarks[];
}

export interface ChartCallbacks {
  /** The user dragged the plot: the new x-range to sample. */
  onView(domain: [number, number]): void;
  /**
   * The wheel zoomed by `factor` around x = `anchor`. Applied by the owner of the range to its latest value:
   * several wheel events can arrive before the next frame redraws the chart.
   */
  onZoom(factor: number, anchor: number): void;
  /** The cursor moved to a sample index (null: left the plot). */
  onCursor(index: number | null): void;
  /** Every completed draw (for timing). */
  onDraw(): void;
}

const WHEEL_ZOOM_PER_PIXEL = 0.0015;

export class Chart {
  private plot: uPlot | undefined;
  private lines: readonly ChartLine[] = [];
  private frame: ChartFrame | undefined;
  private theme: PlotTheme;
  /** The theme changed since the plot was built: the next draw builds it anew. */
  private themeChanged = false;
  private drag: { pointer: number; startX: number; domain: readonly [number, number] } | undefined;
  private keyboardIndex: number | null = null;

  constructor(
    private readonly container: HTMLElement,
    theme: PlotTheme,
    private readonly callbacks: ChartCallbacks,
  ) {
    this.theme = theme;
    new ResizeObserver(() => this.resize()).observe(container);
  }

  /** Draws a frame; rebuilds the uPlot instance when the set of lines or their look changed. */
  draw(lines: readonly ChartLine[], frame: ChartFrame): void {
    this.frame = frame;
    const data = [frame.x, ...frame.ys] as uPlot.AlignedData;
    if (!this.plot || this.themeChanged || !sameLook(this.lines, lines)) {
      this.lines = lines;
      this.themeChanged = false;
      this.rebuild(data);
      return;
    }
    const plot = this.plot;
    plot.batch(() => {
      lines.forEach((line, i) => {
        if (plot.series[i + 1].show !== line.visible) plot.setSeries(i + 1, { show: line.visible });
      });
      plot.setData(data, true);
    });
    this.lines = lines;
  }

  /** Applies with the next draw (the app draws at once: its series colours change with the theme too). */
  setTheme(theme: PlotTheme): void {
    this.theme = theme;
    this.themeChanged = true;
  }

  /** The plot's canvas size in CSS pixels (for exports at the size the user sees). */
  size(): { width: number; height: number } {
    const box = this.container.getBoundingClientRect();
    return { width: Math.max(320, Math.round(box.width)), height: Math.max(240, Math.round(box.height)) };
  }

  /** Moves the read-out cursor by a fraction of the width (keyboard), or to the middle first. */
  stepCursor(fraction: number): void {
    const plot = this.plot;
    const frame = this.frame;
    if (!plot || !frame) return;
    const n = frame.x.length;
    const current = this.keyboardIndex ?? plot.cursor.idx ?? null;
    const next = current === null ? Math.floor(n / 2) : Math.min(n - 1, Math.max(0, current + Math.round(fraction * n)));
    this.keyboardIndex = next;
    const left = plot.valToPos(frame.x[next], 'x');
    const firstVisible = frame.ys.findIndex((_, i) => this.lines[i]?.visible);
    const y = firstVisible >= 0 ? frame.ys[firstVisible][next] : null;
    const top = y !== null && y !== undefined && Number.isFinite(y) ? plot.valToPos(y, 'y') : plot.bbox.height / devicePixelRatio / 2;
    plot.setCursor({ left, top });
  }

  clearKeyboardCursor(): void {
    this.keyboardIndex = null;
  }

  private resize(): void {
    if (!this.plot) return;
    const { width, height } = this.size();
    if (width !== this.plot.width || height !== this.plot.height) this.plot.setSize({ width, height });
  }

  private rebuild(data: uPlot.AlignedData): void {
    this.plot?.destroy();
    this.container.replaceChildren();
    const theme = this.theme;
    const { width, height } = this.size();
    const font = `${Math.round(theme.fontSize * 0.92)}px ${theme.fontFamily}`;
    const axis = (side: 'x' | 'y'): uPlot.Axis => ({
      stroke: theme.muted,
      font,
      labelFont: font,
      grid: { stroke: theme.grid, width: 1 },
      ticks: { stroke: theme.grid, width: 1, size: 4 },
      border: { show: true, stroke: theme.axis, width: 1 },
      gap: 6,
      size: side === 'y' ? 54 : 36,
      space: side === 'y' ? 36 : 64,
      values: (_u, splits) => {
        const step = splits.length > 1 ? Math.abs(splits[1] - splits[0]) : undefined;
        return splits.map((value) => formatTick(value, step ? niceStep(step * 0.999) : undefined));
      },
    });
    const options: uPlot.Options = {
      width,
      height,
      pxAlign: false,
      legend: { show: false },
      padding: [12, 16, 0, 0],
      scales: {
        // x follows the samples (they span the view exactly); y is ours, shared with the SVG export.
        x: { time: false, range: (_u, min, max) => [min, max] },
        y: { range: () => (this.frame ? [this.frame.yRange[0], this.frame.yRange[1]] : [-1, 1]) },
      },
      axes: [axis('x'), axis('y')],
      series: [
        {},
        ...this.lines.map(
          (line): uPlot.Series => ({
            stroke: line.color,
            width: theme.lineWidth,
            dash: line.dashed ? dashPattern(theme.lineWidth) : undefined,
            points: { show: false },
            spanGaps: false,
            show: line.visible,
          }),
        ),
      ],
      cursor: {
        drag: { x: false, y: false, setScale: false },
        points: { size: 7, width: 2, fill: theme.background },
        focus: { prox: -1 },
        bind: {
          dblclick: () => () => null,
        },
      },
      hooks: {
        drawAxes: [(u) => this.drawZeroAxes(u)],
        draw: [
          (u) => {
            this.drawMarks(u);
            this.callbacks.onDraw();
          },
        ],
        setCursor: [(u) => this.callbacks.onCursor(u.cursor.idx ?? null)],
      },
    };
    this.plot = new uPlot(options, data, this.container);
    this.bindInteractions(this.plot);
  }

  /** x = 0 and y = 0 a little stronger than the grid, under the curves. */
  private drawZeroAxes(u: uPlot): void {
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    ctx.save();
    ctx.strokeStyle = this.theme.axis;
    ctx.lineWidth = Math.max(1, devicePixelRatio);
    ctx.beginPath();
    const [x0, x1] = [u.scales['x'].min ?? 0, u.scales['x'].max ?? 0];
    const [y0, y1] = [u.scales['y'].min ?? 0, u.scales['y'].max ?? 0];
    if (y0 < 0 && y1 > 0) {
      const y = Math.round(u.valToPos(0, 'y', true)) + 0.5;
      ctx.moveTo(left, y);
      ctx.lineTo(left + width, y);
    }
    if (x0 < 0 && x1 > 0) {
      const x = Math.round(u.valToPos(0, 'x', true)) + 0.5;
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
    }
    ctx.stroke();
    ctx.restore();
  }

  private drawMarks(u: uPlot): void {
    const marks = this.frame?.marks ?? [];
    if (marks.length === 0) return;
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    const radius = 4 * devicePixelRatio;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    ctx.lineWidth = 1.5 * devicePixelRatio;
    ctx.strokeStyle = this.theme.background;
    for (const set of marks) {
      if (set.line) {
        this.strokeSampled(u, set);
        continue;
      }
      ctx.fillStyle = set.color;
      for (let i = 0; i < set.x.length; i++) {
        const y = set.y[i];
        if (y === null || y === undefined || !Number.isFinite(y)) continue;
        ctx.beginPath();
        ctx.arc(u.valToPos(set.x[i], 'x', true), u.valToPos(y, 'y', true), radius, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      }
    }
    ctx.restore();
  }

  /** A sampled function as a curve in its colour, broken where it has no finite value and where it jumps. */
  private strokeSampled(u: uPlot, set: ChartMarks): void {
    const ctx = u.ctx;
    const breaks = new Set(set.breaks ?? []);
    ctx.save();
    ctx.strokeStyle = set.color;
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.lineJoin = 'round';
    ctx.beginPath();
    let drawing = false;
    for (let i = 0; i < set.x.length; i++) {
      const y = set.y[i];
      if (y === null || y === undefined || !Number.isFinite(y)) {
        drawing = false;
        continue;
      }
      const px = u.valToPos(set.x[i], 'x', true);
      const py = u.valToPos(y, 'y', true);
      if (drawing) ctx.lineTo(px, py);
      else ctx.moveTo(px, py);
      drawing = !breaks.has(i);
    }
    ctx.stroke();
    ctx.restore();
  }

  /** Wheel zooms x around the pointer; dragging pans; a double click is left to the app (reset view). */
  private bindInteractions(plot: uPlot): void {
    const over = plot.over;
    over.addEventListener(
      'wheel',
      (event) => {
        event.preventDefault();
        const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
        this.callbacks.onZoom(Math.exp(Math.max(-300, Math.min(300, delta)) * WHEEL_ZOOM_PER_PIXEL), plot.posToVal(event.offsetX, 'x'));
      },
      { passive: false },
    );
    over.addEventListener('pointerdown', (event) => {
      if (event.button !== 0 || !this.frame) return;
      over.setPointerCapture(event.pointerId);
      this.drag = { pointer: event.pointerId, startX: event.clientX, domain: this.frame.domain };
      over.classList.add('panning');
    });
    over.addEventListener('pointermove', (event) => {
      const drag = this.drag;
      if (!drag || drag.pointer !== event.pointerId) return;
      const [lo, hi] = drag.domain;
      const shift = ((event.clientX - drag.startX) / Math.max(1, plot.over.clientWidth)) * (hi - lo);
      if (shift !== 0) this.callbacks.onView([lo - shift, hi - shift]);
    });
    const endDrag = (event: PointerEvent) => {
      if (this.drag?.pointer !== event.pointerId) return;
      this.drag = undefined;
      over.classList.remove('panning');
    };
    over.addEventListener('pointerup', endDrag);
    over.addEventListener('pointercancel', endDrag);
    over.addEventListener('pointerenter', () => this.clearKeyboardCursor());
  }
}

function sameLook(a: readonly ChartLine[], b: readonly ChartLine[]): boolean {
  return a.length === b.length && a.every((line, i) => line.color === b[i].color && line.dashed === b[i].dashed);
}
