// The extension's command ids that more than one layer names: the hover's links (src/render), the plot
// panel's protocol (src/webview) and the commands that run them (src/features). Plain strings, so any layer
// can import them without importing another layer.

/** Opens (or reveals) the plot panel; takes a `PlotRequest` (src/webview/protocol.ts). */
export const OPEN_PLOT_COMMAND = 'activationLens.openPlot';

/** Evaluates the selection or a line; takes `{ uri, line }`. */
export const EVALUATE_COMMAND = 'activationLens.evaluateSelection';
