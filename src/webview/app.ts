// The plot panel's controller: owns the state, recomputes curves locally with the bundled core whenever a
// parameter or the view changes (no round trip to the extension host), and keeps the DOM in step —
// toolbar, chart, legend with the cursor read-out, and one card per activation with its formula and controls.
import { FLAVOUR_LABELS, formulaFor, type ParamValue } from '../core/catalog';
import { formulaSvg } from '../render/formulaImage';
import { isCurveParam, sampleActivation, sliceOf, type Curve } from '../render/sampling';
import { formatReadout } from '../render/axes';
import { valueOnLine } from '../render/sampledLine';
import { Chart, type ChartLine, type ChartMarks } from './chart';
import { append, h, isEditing, uniqueId } from './dom';
import { plotCsvOf, plotSvg, type Figure } from './exportFormats';
import { rasterise } from './raster';
import { PlotPerformance, type FrameKind } from './perf';
import {
  ACTIVATIONS_BY_NAME,
  FALLBACK_DOMAIN,
  clampDomain,
  defaultDomain,
  exportStem,
  formatShort,
  paramControls,
  pythonValue,
  resolvedParamsOf,
  seriesLabel,
  specOf,
  offeredVariants,
  stateFromRequest,
  viewYRange,
  type ParamControl,
} from './plotModel';
import {
  LIMITS,
  STATE_VERSION,
  type ExportFormat,
  type HostMessage,
  type PlotState,
  type SeriesState,
  type SeriesSummary,
  type WebviewMessage,
} from './protocol';
import { readTheme, type PlotTheme } from './theme';

/** Samples per curve: smooth at any panel width, and exact enough that jumps look like jumps. */
const POINTS = 2000;

/** What the app needs from VS Code's webview API (main.ts passes the real one). */
export interface HostPort {
  post(message: WebviewMessage): void;
  setState(state: PlotState): void;
}

interface Computed {
  key: string;
  curve: Curve;
}

interface CardParts {
  readonly root: HTMLElement;
  readonly formula: HTMLElement;
  readonly derivative: HTMLElement;
  readonly note: HTMLElement;
  readonly params: HTMLElement;
  formulaLatex?: string;
  derivativeLatex?: string | null;
}

/** A curve or a derivative as drawn: what the digest and the exports read. */
interface DrawnLine {
  readonly label: string;
  readonly derivative: boolean;
  readonly visible: boolean;
  readonly color: string;
  readonly x: Float32Array;
  readonly values: Float32Array;
}

interface LegendParts {
  /** The curve's show/hide button, titled with its label. */
  readonly toggle: HTMLElement;
  readonly label: HTMLElement;
  readonly value: HTMLOutputElement;
  readonly derivativeValue: HTMLOutputElement;
}

const FRAME_WEIGHT: Readonly<Record<FrameKind | 'other', number>> = { other: 0, slider: 1, view: 2 };

const EMPTY_STATE: PlotState = {
  version: STATE_VERSION,
  series: [],
  domain: FALLBACK_DOMAIN,
  home: FALLBACK_DOMAIN,
  marks: [],
  showMarks: true,
};

export class PlotApp {
  private state: PlotState;
  private theme: PlotTheme;
  private readonly chart: Chart;
  private readonly perf = new PlotPerformance();
  private computed: (Computed | undefined)[] = [];
  private cards: CardParts[] = [];
  private legendRows: LegendParts[] = [];
  /** The read-out of each sampled function (marks of style line) at the cursor; undefined for points. */
  private marksValues: (HTMLOutputElement | undefined)[] = [];
  private swatches: { element: HTMLElement; color: () => string }[] = [];
  /** What the pending frame redraws for: the weightiest change since the last frame. */
  private frameKind: FrameKind | 'other' = 'other';
  private frameRequest = 0;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  private metricsTimer: ReturnType<typeof setTimeout> | undefined;
  private cursorIndex: number | null = null;
  private x: Float32Array = new Float32Array(0);
  /** The y-range last drawn: the exports show the same. */
  private yRange: [number, number] = [-1, 1];

  private readonly elements: {
    readonly add: HTMLSelectElement;
    readonly xMin: HTMLInputElement;
    readonly xMax: HTMLInputElement;
    readonly chartHost: HTMLElement;
    readonly empty: HTMLElement;
    readonly legend: HTMLElement;
    readonly readoutX: HTMLOutputElement;
    readonly cards: HTMLElement;
    readonly status: HTMLElement;
  };

  constructor(
    private readonly root: HTMLElement,
    private readonly host: HostPort,
    initial: PlotState | undefined,
  ) {
    this.state = initial ?? EMPTY_STATE;
    this.theme = readTheme();
    this.elements = this.buildShell();
    this.chart = new Chart(this.elements.chartHost, this.theme, {
      onView: (domain) => this.setDomain(domain),
      onZoom: (factor, anchor) => this.zoom(factor, anchor),
      onCursor: (index) => this.showReadout(index),
      onDraw: () => {
        if (this.state.series.length || this.state.marks.length) this.perf.firstCurvesDrawn();
      },
    });
    this.renderStructure();
    this.flush('other');
    this.host.post({ type: 'ready' });
    this.persist();
    window.addEventListener('pagehide', () => {
      if (this.persistTimer !== undefined) this.flushState();
    });
  }

  // ─── messages ─────────────────────────────────────────────────────────────────────────────────────

  receive(message: HostMessage): void {
    switch (message.type) {
      case 'show': {
        const { state, problems } = stateFromRequest(message.request);
        this.replaceState(state);
        this.setStatus(problems.length ? `Not everything could be plotted: ${problems.join('; ')}.` : '', problems.length > 0);
        if (problems.length) this.log('warn', `plot request: ${problems.join('; ')}`);
        break;
      }
      case 'export':
        void this.export(message.format);
        break;
      case 'exported':
        this.setStatus(message.message, !message.ok);
        break;
    }
  }

  /** Called on theme changes (body class or variables). */
  themeChanged(): void {
    this.theme = readTheme();
    for (const swatch of this.swatches) swatch.element.style.setProperty('--swatch', swatch.color());
    this.chart.setTheme(this.theme);
    this.draw();
  }

  /** What tests and the e2e run read through `window.activationLens`. */
  debug() {
    return {
      state: () => this.state,
      summary: () => this.summary(),
      metrics: () => this.perf.metrics(),
      resetMetrics: (kind?: FrameKind) => this.perf.reset(kind),
      theme: () => this.theme,
    };
  }

  // ─── state changes ────────────────────────────────────────────────────────────────────────────────

  private replaceState(state: PlotState): void {
    this.state = state;
    this.computed = [];
    this.cursorIndex = null;
    this.renderStructure();
    this.schedule('other');
    this.persist();
  }

  private updateSeries(index: number, change: Partial<SeriesState>, kind: FrameKind | 'other' = 'other'): void {
    const series = this.state.series.map((item, i) => (i === index ? { ...item, ...change } : item));
    this.state = { ...this.state, series };
    this.schedule(kind);
    this.persist();
  }

  private setParam(index: number, target: string, value: ParamValue): void {
    const current = this.state.series[index];
    this.updateSeries(index, { params: { ...current.params, [target]: value } }, 'slider');
    this.refreshCardText(index);
  }

  private setDomain(domain: readonly [number, number]): void {
    const [lo, hi] = clampDomain(domain[0], domain[1]);
    if (lo === this.state.domain[0] && hi === this.state.domain[1]) return;
    this.state = { ...this.state, domain: [lo, hi] };
    this.syncRangeInputs();
    this.schedule('view');
    this.persist();
  }

  /** Scales the x-range by `factor`, keeping x = `anchor` (the wheel's pointer; else the centre) in place. */
  private zoom(factor: number, anchor = (this.state.domain[0] + this.state.domain[1]) / 2): void {
    const [lo, hi] = this.state.domain;
    this.setDomain([anchor - (anchor - lo) * factor, anchor + (hi - anchor) * factor]);
  }

  private pan(fraction: number): void {
    const [lo, hi] = this.state.domain;
    const shift = (hi - lo) * fraction;
    this.setDomain([lo + shift, hi + shift]);
  }

  private resetView(): void {
    this.setDomain(this.state.home);
  }

  private addActivation(name: string): void {
    if (this.state.series.length >= LIMITS.activations) return;
    const { state } = stateFromRequest({ activations: [{ name }] });
    const added = state.series[0];
    if (!added) return;
    const series = [...this.state.series, { ...added, showDerivative: this.state.series.length < 2 }];
    const wasEmpty = this.state.series.length === 0;
    const home = defaultDomain(series);
    this.replaceState({ ...this.state, series, home, domain: wasEmpty ? home : this.state.domain });
    this.setStatus(`Added ${name}.`);
  }

  private removeActivation(index: number): void {
    const name = this.state.series[index]?.name;
    const series = this.state.series.filter((_, i) => i !== index);
    this.replaceState({ ...this.state, series, home: series.length ? defaultDomain(series) : this.state.home });
    this.setStatus(`Removed ${name}.`);
    this.elements.add.focus();
  }

  // ─── drawing ──────────────────────────────────────────────────────────────────────────────────────

  private schedule(kind: FrameKind | 'other'): void {
    // A frame that also changes the view counts as a view frame (all curves resampled).
    if (FRAME_WEIGHT[kind] > FRAME_WEIGHT[this.frameKind]) this.frameKind = kind;
    if (this.frameRequest) return;
    this.frameRequest = requestAnimationFrame(() => {
      const pending = this.frameKind;
      this.frameRequest = 0;
      this.frameKind = 'other';
      this.flush(pending);
    });
  }

  private flush(kind: FrameKind | 'other'): void {
    if (kind === 'other') {
      this.draw();
      return;
    }
    this.perf.frame(kind, () => this.draw());
    this.scheduleMetrics();
  }

  /** Recomputes what changed (cached per series by its definition and the view) and redraws. */
  private draw(): void {
    const { series, domain } = this.state;
    const lines: ChartLine[] = [];
    const ys: (Float32Array | (number | null)[])[] = [];
    const visible: Float32Array[] = [];
    let x: Float32Array | undefined;
    series.forEach((item, i) => {
      const curve = this.curveOf(item, i);
      x ??= curve.x;
      const color = this.colorOf(i);
      lines.push({ color, dashed: false, visible: item.showFunction });
      lines.push({ color, dashed: true, visible: item.showDerivative && curve.dy !== undefined });
      const y = chartValues(curve.y);
      const dy = curve.dy ? chartValues(curve.dy) : nanArray(curve.x.length);
      ys.push(y, dy);
      if (item.showFunction) visible.push(curve.y);
      if (item.showDerivative && curve.dy) visible.push(curve.dy);
    });
    // Evaluated points alone (no curve): the range's ends give the chart its x-scale.
    this.x = x ?? Float32Array.of(domain[0], domain[1]);
    const marks = this.visibleMarks();
    this.yRange = viewYRange(visible, marks, domain);
    this.elements.empty.hidden = series.length > 0 || this.state.marks.length > 0;
    this.chart.draw(lines, { x: this.x, ys, domain, yRange: this.yRange, marks });
    this.showReadout(this.cursorIndex);
  }

  private curveOf(series: SeriesState, index: number): Curve {
    const [lo, hi] = this.state.domain;
    const key = JSON.stringify([series.name, series.variant, series.params, series.showDerivative, lo, hi]);
    const cached = this.computed[index];
    if (cached?.key === key) return cached.curve;
    const curve = sampleActivation(specOf(series), resolvedParamsOf(series), {
      domain: [lo, hi],
      points: POINTS,
      variant: series.variant,
      derivative: series.showDerivative,
      reuse: cached?.curve, // overwritten in place: a drag allocates nothing
    });
    this.computed[index] = { key, curve };
    return curve;
  }

  private colorOf(index: number): string {
    return this.theme.palette[index % this.theme.palette.length];
  }

  /** Evaluated points share the colour of the activation whose outputs they are, while it is plotted. */
  private marksColor(index: number): string {
    const { activation } = this.state.marks[index];
    const owner = activation === undefined ? -1 : this.state.series.findIndex((series) => series.name === activation);
    return owner >= 0 ? this.colorOf(owner) : this.colorOf(this.state.series.length + index);
  }

  private visibleMarks(): ChartMarks[] {
    if (!this.state.showMarks) return [];
    return this.state.marks.map((set, i) => ({ color: this.marksColor(i), line: set.style === 'line', x: set.x, y: set.y, breaks: set.breaks }));
  }

  /**
   * Each series' curve and, when computed, its derivative as last drawn, for the digest and the exports
   * (labels are not worked out per frame: the chart draws none, the legend updates its own).
   */
  private drawnLines(): DrawnLine[] {
    return this.state.series.flatMap((series, i) => {
      const curve = this.computed[i]?.curve;
      if (!curve) return [];
      const label = seriesLabel(series);
      const color = this.colorOf(i);
      const fn: DrawnLine = { label, derivative: false, visible: series.showFunction, color, x: curve.x, values: curve.y };
      if (!curve.dy) return [fn];
      return [fn, { label: `d/dx ${label}`, derivative: true, visible: series.showDerivative, color, x: curve.x, values: curve.dy }];
    });
  }

  /** The digest of what is drawn, for the host (with each saved state) and the e2e run. */
  private summary(): SeriesSummary[] {
    return this.drawnLines().map(digest);
  }

  private showReadout(index: number | null): void {
    this.cursorIndex = index;
    const valid = index !== null && index >= 0 && index < this.x.length;
    this.elements.readoutX.value = valid ? formatReadout(this.x[index]) : '—';
    this.state.series.forEach((_series, i) => {
      const row = this.legendRows[i];
      const curve = this.computed[i]?.curve;
      if (!row) return;
      // A dash, like x's, until the cursor is on the chart (the line keeps its place); also for a
      // derivative not computed.
      row.value.value = valid && curve ? formatReadout(curve.y[index]) : '—';
      row.derivativeValue.value = valid && curve?.dy ? formatReadout(curve.dy[index]) : '—';
    });
    // A sampled function at the cursor's x, read off its line (exact at a sample, linear between two);
    // a dash where it has no value there (it raised, gave NaN or ±∞, jumps, or was not sampled).
    this.state.marks.forEach((set, i) => {
      const output = this.marksValues[i];
      if (!output) return;
      const value = valid ? valueOnLine(set, this.x[index]) : null;
      output.value = value === null ? '—' : formatReadout(value);
    });
  }

  // ─── DOM ──────────────────────────────────────────────────────────────────────────────────────────

  private buildShell(): PlotApp['elements'] {
    const add = h('select', { id: 'add-activation', 'aria-label': 'Add an activation' });
    add.append(h('option', { value: '' }, 'Add activation…'));
    for (const spec of ACTIVATIONS_BY_NAME) {
      add.append(h('option', { value: spec.name }, `${spec.name} — ${spec.title}`));
    }
    add.addEventListener('change', () => {
      if (add.value) this.addActivation(add.value);
      add.value = '';
    });

    const xMin = h('input', { type: 'number', id: 'x-min', class: 'range-input', step: 'any', 'aria-label': 'x from' });
    const xMax = h('input', { type: 'number', id: 'x-max', class: 'range-input', step: 'any', 'aria-label': 'x to' });
    const applyRange = () => {
      const lo = Number(xMin.value);
      const hi = Number(xMax.value);
      if (xMin.value !== '' && xMax.value !== '' && Number.isFinite(lo) && Number.isFinite(hi) && hi > lo) {
        this.setDomain([lo, hi]);
      } else {
        this.setStatus('The x-range needs two numbers, the first below the second.', true);
        this.syncRangeInputs();
      }
    };
    xMin.addEventListener('change', applyRange);
    xMax.addEventListener('change', applyRange);

    const button = (label: string, title: string, action: () => void, extra: Record<string, string> = {}) => {
      const element = h('button', { type: 'button', title, ...extra }, label);
      element.addEventListener('click', action);
      return element;
    };

    const toolbar = h(
      'div',
      { class: 'toolbar', role: 'toolbar', 'aria-label': 'Plot controls' },
      h('div', { class: 'toolbar-group' }, add),
      h(
        'div',
        { class: 'toolbar-group', role: 'group', 'aria-label': 'x-range' },
        h('label', { for: 'x-min', class: 'toolbar-label' }, 'x'),
        xMin,
        h('span', { class: 'toolbar-label', 'aria-hidden': 'true' }, 'to'),
        xMax,
        button('−', 'Zoom out (−)', () => this.zoom(1.5), { 'aria-label': 'Zoom out', 'aria-keyshortcuts': '-', class: 'icon' }),
        button('+', 'Zoom in (+)', () => this.zoom(1 / 1.5), { 'aria-label': 'Zoom in', 'aria-keyshortcuts': '+', class: 'icon' }),
        button('Reset view', 'Back to the initial x-range (0 or double-click)', () => this.resetView(), { 'aria-keyshortcuts': '0' }),
      ),
      h(
        'div',
        { class: 'toolbar-group export', role: 'group', 'aria-label': 'Export' },
        h('span', { class: 'toolbar-label' }, 'Export'),
        button('PNG', 'Save the chart as a PNG image', () => void this.export('png'), { 'data-export': 'png' }),
        button('SVG', 'Save the chart as an SVG drawing', () => void this.export('svg'), { 'data-export': 'svg' }),
        button('CSV', 'Save the sampled points as CSV', () => void this.export('csv'), { 'data-export': 'csv' }),
      ),
    );

    const helpId = uniqueId('chart-help');
    const chartHost = h('div', { class: 'chart', id: 'chart' });
    const empty = h('div', { class: 'empty' }, 'Nothing plotted yet: add an activation with the menu above.');
    const chartFrame = h(
      'div',
      {
        class: 'chart-frame',
        tabindex: 0,
        role: 'group',
        'aria-label': 'Chart',
        'aria-describedby': helpId,
        'aria-keyshortcuts': 'ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight + - 0 Home End',
      },
      chartHost,
      empty,
    );
    chartFrame.addEventListener('keydown', (event) => this.chartKey(event));
    chartFrame.addEventListener('dblclick', () => this.resetView());
    chartFrame.addEventListener('blur', () => this.chart.clearKeyboardCursor());

    const help = h(
      'p',
      { class: 'help', id: helpId },
      'Wheel to zoom, drag to pan, double-click to reset. With the chart focused: ← → move the read-out, Shift+← → pan, + − zoom, 0 resets.',
    );
    const readoutX = h('output', { class: 'readout-x' }, '—');
    const legend = h('div', { class: 'legend', role: 'group', 'aria-label': 'Series and read-out' });
    const cards = h('div', { class: 'cards' });
    const status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });

    const main = h(
      'main',
      { class: 'layout' },
      h('h1', { class: 'visually-hidden' }, 'Activation plot'),
      toolbar,
      chartFrame,
      help,
      h('section', { class: 'legend-panel', 'aria-label': 'Legend' }, h('div', { class: 'readout', 'aria-live': 'polite' }, h('span', { class: 'readout-name' }, 'x ='), ' ', readoutX), legend),
      status,
      h('section', { class: 'cards-panel', 'aria-label': 'Activations' }, cards),
    );
    this.root.replaceChildren(main);

    document.addEventListener('keydown', (event) => {
      if (isEditing(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.target instanceof HTMLElement && event.target.closest('.chart-frame')) return; // handled there
      if (this.shortcut(event.key)) event.preventDefault();
    });
    return { add, xMin, xMax, chartHost, empty, legend, readoutX, cards, status };
  }

  /** Zoom and reset keys, anywhere outside an input. */
  private shortcut(key: string): boolean {
    switch (key) {
      case '+':
      case '=':
        this.zoom(1 / 1.5);
        return true;
      case '-':
      case '_':
        this.zoom(1.5);
        return true;
      case '0':
        this.resetView();
        return true;
      default:
        return false;
    }
  }

  private chartKey(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    let handled = true;
    switch (event.key) {
      case 'ArrowLeft':
        if (event.shiftKey) this.pan(-0.1);
        else this.chart.stepCursor(-0.01);
        break;
      case 'ArrowRight':
        if (event.shiftKey) this.pan(0.1);
        else this.chart.stepCursor(0.01);
        break;
      case 'Home':
        this.chart.stepCursor(-1);
        break;
      case 'End':
        this.chart.stepCursor(1);
        break;
      case 'ArrowUp':
        this.zoom(1 / 1.5);
        break;
      case 'ArrowDown':
        this.zoom(1.5);
        break;
      default:
        handled = this.shortcut(event.key);
    }
    if (handled) event.preventDefault();
  }

  private syncRangeInputs(): void {
    const [lo, hi] = this.state.domain;
    const { xMin, xMax } = this.elements;
    if (document.activeElement !== xMin) xMin.value = formatShort(lo);
    if (document.activeElement !== xMax) xMax.value = formatShort(hi);
  }

  /** Legend and cards, rebuilt when activations are added, removed or replaced. */
  private renderStructure(): void {
    this.swatches = [];
    this.syncRangeInputs();
    this.elements.add.disabled = this.state.series.length >= LIMITS.activations;
    this.renderLegend();
    this.cards = this.state.series.map((series, i) => this.renderCard(series, i));
    this.elements.cards.replaceChildren(...this.cards.map((card) => card.root));
  }

  private swatch(className: string, color: () => string): HTMLElement {
    const element = h('span', { class: className, 'aria-hidden': 'true' });
    element.style.setProperty('--swatch', color());
    this.swatches.push({ element, color });
    return element;
  }

  private renderLegend(): void {
    const legend = this.elements.legend;
    this.legendRows = [];
    const rows: HTMLElement[] = [];
    this.state.series.forEach((series, i) => {
      const label = h('span', { class: 'legend-label' });
      const fn = this.seriesToggle(i, 'showFunction', { class: 'legend-item' }, this.swatch('swatch-line', () => this.colorOf(i)), label);
      const dfn = this.seriesToggle(
        i,
        'showDerivative',
        { class: 'legend-item derivative', title: 'Show or hide the derivative (dashed)', 'aria-label': `Derivative of ${series.name}` },
        this.swatch('swatch-line dashed', () => this.colorOf(i)),
        h('span', { class: 'legend-label' }, 'f′'),
      );
      const value = h('output', { class: 'value', 'aria-label': `${series.name} at x` }, '—');
      const derivativeValue = h('output', { class: 'value', 'aria-label': `derivative of ${series.name} at x` }, '—');
      // The curve's toggle and its derivative's on one line, their values under the cursor on the next.
      const values = h('div', { class: 'legend-values' },
        h('span', { class: 'value-name' }, 'f(x)'), value, h('span', { class: 'value-name' }, 'f′(x)'), derivativeValue);
      rows.push(h('div', { class: 'legend-row' }, fn, dfn, values));
      const row: LegendParts = { toggle: fn, label, value, derivativeValue };
      showLegendLabel(row, seriesLabel(series));
      this.legendRows.push(row);
    });
    this.marksValues = [];
    this.state.marks.forEach((set, i) => {
      const toggle = h('button', { type: 'button', class: 'legend-item', 'aria-pressed': String(this.state.showMarks) },
        this.swatch(set.style === 'line' ? 'swatch-line' : 'swatch-dot', () => this.marksColor(i)),
        h('span', { class: 'legend-label' }, set.style === 'line' ? set.name : `${set.name}: ${set.x.length} evaluated point${set.x.length === 1 ? '' : 's'}`));
      toggle.addEventListener('click', () => {
        this.state = { ...this.state, showMarks: !this.state.showMarks };
        for (const item of legend.querySelectorAll('.legend-row.marks .legend-item')) item.setAttribute('aria-pressed', String(this.state.showMarks));
        this.schedule('other');
        this.persist();
      });
      if (set.style !== 'line') {
        rows.push(h('div', { class: 'legend-row marks' }, toggle));
        return;
      }
      const value = h('output', { class: 'value', 'aria-label': `${set.name} at x, linear between its samples` }, '—');
      this.marksValues[i] = value;
      const values = h('div', { class: 'legend-values' },
        h('span', { class: 'value-name', title: `Linear between its ${set.x.length} samples, exact at each` }, 'f(x) ≈'), value);
      rows.push(h('div', { class: 'legend-row marks line' }, toggle, values));
    });
    legend.replaceChildren(...rows);
  }

  /** A legend button that flips one of a series' flags, pressed while the flag is on. */
  private seriesToggle(
    index: number,
    flag: 'showFunction' | 'showDerivative',
    attributes: Readonly<Record<string, string>>,
    ...children: HTMLElement[]
  ): HTMLButtonElement {
    const button = h('button', { type: 'button', 'aria-pressed': String(this.state.series[index][flag]), ...attributes }, ...children);
    button.addEventListener('click', () => {
      const show = !this.state.series[index][flag];
      button.setAttribute('aria-pressed', String(show));
      this.updateSeries(index, { [flag]: show });
    });
    return button;
  }

  private renderCard(series: SeriesState, index: number): CardParts {
    const spec = specOf(series);
    const titleId = uniqueId('card-title');
    const remove = h('button', { type: 'button', class: 'icon remove', 'aria-label': `Remove ${series.name}`, title: 'Remove' }, '×');
    remove.addEventListener('click', () => this.removeActivation(index));

    const header = h(
      'header',
      { class: 'card-header' },
      this.swatch('swatch-line', () => this.colorOf(index)),
      h('h2', { id: titleId }, h('code', {}, series.name)),
      h('span', { class: 'card-title' }, spec.title),
      remove,
    );
    const formula = h('span', { class: 'formula', role: 'img' });
    const derivative = h('span', { class: 'formula', role: 'img' });
    const note = h('p', { class: 'note' });
    const params = h('div', { class: 'params' });
    const root = h(
      'article',
      { class: 'card', 'aria-labelledby': titleId },
      header,
      this.variantSwitch(series, index),
      h(
        'dl',
        { class: 'formulas' },
        h('dt', {}, h('var', {}, 'f'), '(', h('var', {}, 'x'), ') ='),
        h('dd', {}, formula),
        h('dt', {}, h('var', {}, 'f'), '′(', h('var', {}, 'x'), ') ='),
        h('dd', {}, derivative),
      ),
      note,
      params,
    );
    const card: CardParts = { root, formula, derivative, note, params };
    this.fillParams(card, series, index);
    this.refreshFormulas(card, series);
    return card;
  }

  /** Keras 3 / Keras 2 / TensorFlow.js radios (native radios: arrow keys work), only where definitions differ. */
  private variantSwitch(series: SeriesState, index: number): HTMLElement | null {
    const offered = offeredVariants(specOf(series), series.variant);
    if (offered.length === 0) return null;
    const group = uniqueId('variant');
    const fieldset = h('fieldset', { class: 'variants' }, h('legend', { class: 'visually-hidden' }, `Library for ${series.name}`));
    for (const variant of offered) {
      const id = uniqueId('variant-option');
      const radio = h('input', { type: 'radio', name: group, id, value: variant, checked: variant === series.variant });
      radio.addEventListener('change', () => {
        if (!radio.checked) return;
        this.updateSeries(index, { variant }, 'slider');
        const card = this.cards[index];
        this.fillParams(card, this.state.series[index], index);
        this.refreshCardText(index);
      });
      append(fieldset, h('span', { class: 'variant' }, radio, h('label', { for: id }, FLAVOUR_LABELS[variant])));
    }
    return fieldset;
  }

  private fillParams(card: CardParts, series: SeriesState, index: number): void {
    const spec = specOf(series);
    const controls = paramControls(spec, series.variant);
    const rows = controls.map((control) => this.paramRow(control, series, index));
    if (rows.length === 0 && spec.params.some(isCurveParam)) {
      rows.push(h('p', { class: 'note' }, `${FLAVOUR_LABELS[series.variant]} ${series.name} takes no parameters.`));
    }
    card.params.replaceChildren(...rows);
    const notes: string[] = [];
    const slice = sliceOf(spec);
    if (slice) notes.push(`Plotted: the ${slice.description}.`);
    const variantNote = series.variant === 'keras3' ? '' : (spec[series.variant]?.note ?? '');
    if (variantNote) notes.push(variantNote.replace(/`/g, ''));
    card.note.textContent = notes.join(' ');
    card.note.hidden = notes.length === 0;
  }

  private paramRow(control: ParamControl, series: SeriesState, index: number): HTMLElement {
    const id = uniqueId(`param-${control.target}`);
    const value = series.params[control.target] ?? control.initial;
    const name = h('label', { for: id, class: 'param-name', title: control.description }, h('code', {}, control.label));
    if (control.kind === 'boolean') {
      const box = h('input', { type: 'checkbox', id, checked: value === true });
      box.addEventListener('change', () => this.setParam(index, control.target, box.checked));
      return h('div', { class: 'param boolean' }, box, name, h('span', { class: 'param-description' }, control.description));
    }
    const slider = h('input', {
      type: 'range', id, min: control.min, max: control.max, step: control.step,
      value: typeof value === 'number' ? value : control.onValue,
      'aria-valuetext': pythonValue(value),
    });
    const numberId = uniqueId('param-number');
    const number = h('input', {
      type: 'number', id: numberId, class: 'param-number', step: 'any',
      value: typeof value === 'number' ? formatShort(value) : '', 'aria-label': `${control.label} value`,
    });
    const none = control.nullable ? h('input', { type: 'checkbox', id: uniqueId('none'), checked: value === null, 'aria-label': `${control.label} is None` }) : null;
    const sync = (current: ParamValue) => {
      const isNone = current === null;
      slider.disabled = isNone;
      number.disabled = isNone;
      slider.setAttribute('aria-valuetext', pythonValue(current));
      if (typeof current === 'number') {
        slider.value = String(current);
        if (document.activeElement !== number) number.value = formatShort(current);
      } else if (isNone) {
        number.value = '';
        number.placeholder = 'None';
      }
      if (none) none.checked = isNone;
    };
    sync(value);
    const set = (next: ParamValue) => {
      this.setParam(index, control.target, next);
      sync(next);
    };
    // A range input's value is always a number (the browser sanitises it): while None, the last one shown.
    slider.addEventListener('input', () => set(Number(slider.value)));
    number.addEventListener('input', () => {
      const next = Number(number.value);
      if (number.value.trim() !== '' && Number.isFinite(next)) set(next);
    });
    number.addEventListener('change', () => sync(this.state.series[index].params[control.target] ?? control.initial));
    none?.addEventListener('change', () => set(none.checked ? null : Number(slider.value)));
    const resetTo = control.default !== undefined ? control.default : control.initial;
    const reset = h('button', {
      type: 'button', class: 'icon reset', title: `Reset to ${pythonValue(resetTo)}`,
      'aria-label': `Reset ${control.label} to ${pythonValue(resetTo)}`,
    }, '↺');
    reset.addEventListener('click', () => set(resetTo));
    const noneLabel = none ? h('label', { class: 'none', for: none.id }, none, 'None') : h('span', { class: 'none-placeholder', 'aria-hidden': 'true' });
    return h('div', { class: 'param number' }, name, slider, number, noneLabel, reset);
  }

  /** Label in the legend and formulas after a parameter or variant change (cards stay, focus stays). */
  private refreshCardText(index: number): void {
    const series = this.state.series[index];
    const row = this.legendRows[index];
    if (row) showLegendLabel(row, seriesLabel(series));
    const card = this.cards[index];
    if (card) this.refreshFormulas(card, series);
  }

  private refreshFormulas(card: CardParts, series: SeriesState): void {
    const spec = specOf(series);
    const { formula, derivative } = formulaFor(spec, resolvedParamsOf(series), series.variant);
    if (card.formulaLatex !== formula.latex) {
      card.formulaLatex = formula.latex;
      setFormula(card.formula, formula.latex, formula.text);
    }
    const derivativeLatex = derivative?.latex ?? null;
    if (card.derivativeLatex !== derivativeLatex) {
      card.derivativeLatex = derivativeLatex;
      if (derivative) setFormula(card.derivative, derivative.latex, derivative.text);
      else {
        const slice = sliceOf(spec);
        card.derivative.replaceChildren(h('span', { class: 'formula-text' }, slice ? `∂/∂x of ${slice.label} (dashed)` : 'not a curve'));
        card.derivative.setAttribute('aria-label', card.derivative.textContent ?? '');
      }
    }
  }

  // ─── persistence, messages, status ────────────────────────────────────────────────────────────────

  /**
   * Saves the state for a reload (setState) and tells the host, once a burst of changes (a slider drag)
   * settles: both serialise the state, which a drag would otherwise pay for on every input event.
   */
  private persist(): void {
    clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => this.flushState(), 120);
  }

  /** Writes pending state now (also when the page goes away, so nothing of the last 120 ms is lost). */
  flushState(): void {
    clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
    this.host.setState(this.state);
    this.host.post({ type: 'state', state: this.state, summary: this.summary().slice(0, LIMITS.summaries) });
  }

  /** Metrics go to the host after a burst of frames settles (and once after the first paint). */
  private scheduleMetrics(): void {
    clearTimeout(this.metricsTimer);
    this.metricsTimer = setTimeout(() => this.postMetrics(), 400);
  }

  postMetrics(): void {
    this.host.post({ type: 'metrics', metrics: this.perf.metrics() });
  }

  private setStatus(message: string, problem = false): void {
    this.elements.status.textContent = message;
    this.elements.status.classList.toggle('problem', problem);
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.host.post({ type: 'log', level, message: message.slice(0, LIMITS.logChars) });
  }

  // ─── export ───────────────────────────────────────────────────────────────────────────────────────

  /** The chart as the exported files show it: the current view, visible curves, theme colours. */
  figure(): Figure {
    const { width } = this.chart.size();
    const series = this.drawnLines()
      .filter((line) => line.visible)
      .map(({ label, color, derivative, x, values }) => ({ label, color, dashed: derivative, x, y: values }));
    const marks = this.state.showMarks
      ? this.state.marks.map((set, i) => ({ label: set.name, color: this.marksColor(i), line: set.style === 'line', x: set.x, y: set.y, breaks: set.breaks }))
      : [];
    const figureWidth = Math.max(720, Math.min(1400, width));
    return {
      width: figureWidth,
      height: Math.round(figureWidth * 0.5),
      domain: this.state.domain,
      yRange: this.yRange,
      series,
      marks,
      theme: this.theme,
    };
  }

  csv(): string {
    return plotCsvOf(this.x, this.drawnLines(), this.state.marks);
  }

  async export(format: ExportFormat): Promise<void> {
    try {
      const stem = exportStem(this.state);
      if (format === 'csv') {
        this.host.post({ type: 'export', format, fileName: `${stem}.csv`, encoding: 'utf8', data: this.csv() });
      } else {
        const figure = this.figure();
        const svg = plotSvg(figure);
        if (format === 'svg') this.host.post({ type: 'export', format, fileName: `${stem}.svg`, encoding: 'utf8', data: svg });
        else this.host.post({ type: 'export', format, fileName: `${stem}.png`, encoding: 'base64', data: await rasterise(svg, 2) });
      }
      this.setStatus(`Choose where to save the ${format.toUpperCase()}…`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.setStatus(`Export failed: ${message}`, true);
      this.log('error', `export ${format}: ${message}`);
    }
  }
}

function showLegendLabel(row: LegendParts, text: string): void {
  row.label.textContent = text;
  row.toggle.title = `Show or hide ${text}`;
}

function setFormula(target: HTMLElement, latex: string, text: string): void {
  const image = formulaSvg(latex, 'currentColor', 15);
  target.setAttribute('aria-label', text);
  target.title = text;
  if (!image) {
    target.replaceChildren(h('span', { class: 'formula-text' }, text));
    return;
  }
  // Build-time MathJax output from the catalog (no user input): safe to parse as markup.
  target.innerHTML = image.svg;
  target.firstElementChild?.setAttribute('aria-hidden', 'true');
  target.firstElementChild?.setAttribute('focusable', 'false');
}

/** uPlot draws typed arrays directly; a curve with NaN or ±∞ gets gaps (null) there instead. */
function chartValues(values: Float32Array): Float32Array | (number | null)[] {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) return Array.from(values, (value) => (Number.isFinite(value) ? value : null));
  }
  return values;
}

const nanArrays = new Map<number, Float32Array>();
function nanArray(length: number): Float32Array {
  let array = nanArrays.get(length);
  if (!array) {
    array = new Float32Array(length).fill(NaN);
    nanArrays.set(length, array);
  }
  return array;
}

function digest({ label, derivative, visible, values }: DrawnLine): SeriesSummary {
  let checksum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    checksum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { label, derivative, visible, points: values.length, checksum, min: min <= max ? min : NaN, max: min <= max ? max : NaN };
}
