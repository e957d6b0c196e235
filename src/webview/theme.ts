// The chart's colours and fonts, read from VS Code's `--vscode-*` theme variables (canvas and exported
// files cannot use CSS variables, so they are resolved to concrete colours), and a watcher that calls back
// when the theme changes: the body class (`vscode-light|dark|high-contrast[-light]`) or the variables.
import type { FigureTheme } from './exportFormats';
import { choosePalette, isDark, isHighContrast, type ThemeKind } from './palette';

/** The exported figure's colours and font, plus what only the live chart and legend need. */
export interface PlotTheme extends FigureTheme {
  readonly kind: ThemeKind;
  readonly fontSize: number;
  /** One colour per activation, in order. */
  readonly palette: readonly string[];
}

/** VS Code's chart colours first (themes tune them for contrast), then terminal colours for more series. */
const PALETTE_VARIABLES = [
  ['--vscode-charts-blue', '#3794ff'],
  ['--vscode-charts-orange', '#d18616'],
  ['--vscode-charts-green', '#89d185'],
  ['--vscode-charts-purple', '#b180d7'],
  ['--vscode-charts-red', '#f14c4c'],
  ['--vscode-charts-yellow', '#cca700'],
  ['--vscode-terminal-ansiCyan', '#11a8cd'],
  ['--vscode-terminal-ansiMagenta', '#bc3fbc'],
] as const;

export function themeKind(body: HTMLElement = document.body): ThemeKind {
  const classes = body.classList;
  if (classes.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (classes.contains('vscode-high-contrast')) return 'high-contrast';
  if (classes.contains('vscode-light')) return 'light';
  return 'dark';
}

let probe: HTMLElement | undefined;
let pixel: CanvasRenderingContext2D | null | undefined;

/**
 * A CSS colour expression (variables, color-mix) as `#rrggbb` (or `rgba()` when translucent): the computed
 * style resolves the variables, a 1-pixel canvas turns whatever syntax that gives (`color(srgb …)`) into
 * plain sRGB that any SVG viewer reads.
 */
function resolveColor(expression: string, fallback: string): string {
  if (!probe) {
    probe = document.createElement('span');
    probe.className = 'colour-probe';
    probe.setAttribute('aria-hidden', 'true');
    document.body.appendChild(probe);
  }
  probe.style.color = '';
  probe.style.color = expression;
  if (!probe.style.color) return fallback;
  const computed = getComputedStyle(probe).color;
  if (!computed) return fallback;
  pixel ??= Object.assign(document.createElement('canvas'), { width: 1, height: 1 }).getContext('2d', { willReadFrequently: true });
  if (!pixel) return computed;
  pixel.clearRect(0, 0, 1, 1);
  pixel.fillStyle = '#000';
  pixel.fillStyle = computed;
  pixel.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = pixel.getImageData(0, 0, 1, 1).data;
  if (a === 255) return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  return a === 0 ? fallback : `rgba(${r}, ${g}, ${b}, ${Math.round((a / 255) * 1000) / 1000})`;
}

function variable(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

export function readTheme(): PlotTheme {
  const kind = themeKind();
  const highContrast = isHighContrast(kind);
  const dark = isDark(kind);
  const foreground = resolveColor('var(--vscode-editor-foreground, var(--vscode-foreground))', dark ? '#cccccc' : '#3b3b3b');
  const background = resolveColor('var(--vscode-editor-background)', dark ? '#1f1f1f' : '#ffffff');
  const border = variable('--vscode-contrastBorder');
  return {
    kind,
    background,
    foreground,
    muted: highContrast ? foreground : resolveColor('var(--vscode-descriptionForeground)', foreground),
    grid: highContrast
      ? resolveColor(`color-mix(in srgb, ${foreground} 45%, ${background})`, foreground)
      : resolveColor(`color-mix(in srgb, ${foreground} ${dark ? 13 : 11}%, ${background})`, dark ? '#333333' : '#e5e5e5'),
    axis: highContrast && border ? resolveColor(border, foreground) : resolveColor(`color-mix(in srgb, ${foreground} 55%, ${background})`, foreground),
    fontFamily: variable('--vscode-font-family') || 'system-ui, sans-serif',
    fontSize: Number.parseFloat(variable('--vscode-font-size')) || 13,
    palette: choosePalette(
      PALETTE_VARIABLES.map(([name, fallback]) => resolveColor(`var(${name}, ${fallback})`, fallback)),
      background,
      kind,
    ),
    lineWidth: highContrast ? 2.5 : 2,
  };
}

/**
 * Calls `onChange` (at most once per frame) when the theme changes: VS Code swaps the body class between
 * theme kinds and rewrites the variables on <html> for any theme switch. Watches as long as the page lives.
 */
export function observeTheme(onChange: () => void): void {
  let pending = 0;
  const schedule = () => {
    if (pending) return;
    pending = requestAnimationFrame(() => {
      pending = 0;
      onChange();
    });
  };
  const observer = new MutationObserver(schedule);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}
