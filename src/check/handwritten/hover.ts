// The hover on a hand-written activation's `def` name (or the name bound to its lambda): both curves in
// one image (the library's solid, yours dashed and broken where it jumps), then the verdict against the
// library's definition, where it differs and where it traps. Pure markdown; the editor wraps it. Here rather than in src/render,
// which does not import the check layer.
import { FLAVOUR_LABELS } from '../../core/catalog';
import { OPEN_PLOT_COMMAND } from '../../commands';
import type { PlotRequest } from '../../webview/protocol';
import { curveSvgBase64 } from '../../render/curveSvg';
import { svgImageMarkdown } from '../../render/formulaImage';
import { commandUri } from '../../render/hover';
import { PALETTES, type ThemeKind } from '../../render/theme';
import { numberText, possessive, type HandwrittenCheck, type Trap } from './compare';
import { libraryName } from './index';

const CURVE_SIZE = { width: 264, height: 116 };

export interface FunctionHoverOptions {
  /** Draws both curves (hover images bake their colours in); without it, text only (a terminal). */
  readonly theme?: ThemeKind;
  /** Adds the Plot yours vs Keras link. */
  readonly plotLink?: boolean;
}

/**
 * What the Plot yours vs Keras link opens: the library's activation as a curve and yours, sampled over the
 * same domain, as a curve of the panel's `marks` (style `line`: validated, drawn in its own colour, kept across
 * a reload), with the points either side of each jump and a break there (`breaks`), so no steep segment joins them.
 * No parentheses in the label: a command link's JSON is not allowed to close the markdown link.
 */
export function plotRequestFor(check: HandwrittenCheck): PlotRequest | undefined {
  if (!check.spec || !check.samples) return undefined;
  const { x, y, breaks } = check.samples.yoursLine;
  return {
    activations: [{ name: check.spec.name, params: check.params, variant: check.flavour, derivative: false }],
    domain: check.spec.plotDomain,
    marks: [{
      name: `yours: ${check.fn.name}`,
      style: 'line',
      x: Array.from(x),
      y: Array.from(y, (value) => (value !== null && Number.isFinite(value) ? value : null)),
      ...(breaks?.length ? { breaks: [...breaks] } : {}),
    }],
  };
}

/** Where a trap is, for the hover's short list (its sentence is the AL402 diagnostic's). */
const trapPlace = (trap: Trap): string => trap.range ?? (trap.x === undefined || Number.isNaN(trap.x) ? 'NaN' : `x = ${numberText(trap.x)}`);

/**
 * The hover on the name: first the picture (both curves), then the verdict and the numbers behind it. The
 * sentences of the diagnostics on the same name (AL401's how, AL402's traps) are not repeated: VS Code shows
 * them in the same hover.
 */
export function buildFunctionHover(check: HandwrittenCheck, options: FunctionHoverOptions = {}): string {
  const lines: string[] = [];
  if (check.samples && check.spec && options.theme) {
    const palette = PALETTES[options.theme];
    const base64 = curveSvgBase64({ x: check.samples.x, y: check.samples.library, overlay: check.samples.yoursLine }, { ...CURVE_SIZE, colors: palette });
    const broken = check.samples.yoursLine.breaks?.length ? ', broken where it jumps' : '';
    lines.push(svgImageMarkdown(`${check.fn.name} beside ${check.spec.name}`, base64), `<sub>solid ${possessive(check.flavour)} ${check.spec.name} · dashed yours${broken}</sub>`, '');
  }
  lines.push(`**${check.fn.name}** · hand-written${check.spec ? `, compared with ${possessive(check.flavour)} \`${check.spec.name}\`` : ''}`, '');
  if (check.verdict === 'unmatched' || !check.spec) {
    lines.push(check.noNumber ? `Not compared: it gives no number here (${check.noNumber}).` : 'No Keras activation has this name or these values.');
    return lines.join('\n');
  }
  const library = libraryName(check);
  const label = FLAVOUR_LABELS[check.flavour];
  const others = check.sameAs.map(possessive).join(' and ');
  const domain = `x ∈ [${check.spec.plotDomain.join(', ')}]`;
  if (check.verdict === 'same') {
    lines.push(`**Same** as ${library}${others ? `, and as ${others}` : ''}: equal within float32 rounding over ${domain}.`);
  } else {
    lines.push(`**Differs** from ${library} over ${domain}${others ? `; it is ${others} definition` : ''}.`, '', `| | x | yours | ${label} |`, '|---|--:|--:|--:|');
    for (const [title, point] of [['first', check.firstDifference], ['worst', check.worstDifference]] as const) {
      if (point) lines.push(`| ${title} | ${numberText(point.x)} | \`${numberText(point.yours)}\` | \`${numberText(point.library)}\` |`);
    }
  }
  if (check.traps.length) lines.push('', `**Trap${check.traps.length === 1 ? '' : 's'}** at ${check.traps.map(trapPlace).join('; ')}.`);
  const request = plotRequestFor(check);
  if (options.plotLink && request) {
    lines.push('', `[${options.theme ? '$(graph-line) ' : ''}Plot yours vs Keras](${commandUri(OPEN_PLOT_COMMAND, [request])} "Open the plot panel with both")`);
  }
  return lines.join('\n');
}
