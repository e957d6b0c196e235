// The plot panel's browser app (bundled by esbuild into dist/webview.js, its CSS into dist/webview.css).
// Boots from the state VS Code kept for this webview (a window reload) or else from the request the host
// embedded in the page, then exchanges only validated messages with the host (see protocol.ts).
import './perfStart';
import 'uplot/dist/uPlot.min.css';
import { PlotApp } from './app';
import { migrateState, stateFromRequest } from './plotModel';
import { LIMITS, validateHostMessage, validatePlotRequest, type PlotState, type WebviewMessage } from './protocol';
import { observeTheme } from './theme';

const vscode = acquireVsCodeApi<PlotState>();

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

const root = document.getElementById('app');
if (!root) throw new Error('the panel page has no #app element');

/**
 * Where the panel starts: the state VS Code kept for this webview (getState, fresh after a reload), else
 * the state the host restored (serializer), else the request the host opened it with (data attributes).
 */
function initialState(): PlotState | undefined {
  const kept = vscode.getState();
  if (kept !== undefined && kept !== null) {
    const restored = migrateState(kept);
    if (restored) return restored;
    post({ type: 'log', level: 'warn', message: 'the saved plot state was unusable and was discarded' });
  }
  const embedded = root?.dataset['state'];
  if (embedded) {
    const restored = migrateState(parse(embedded));
    if (restored) return restored;
  }
  const requested = root?.dataset['request'];
  if (requested) {
    const request = validatePlotRequest(parse(requested));
    if (request.ok) return stateFromRequest(request.value).state;
    post({ type: 'log', level: 'warn', message: `ignored the embedded request: ${request.error}` });
  }
  return undefined;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const app = new PlotApp(root, { post, setState: (state) => vscode.setState(state) }, initialState());

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = validateHostMessage(event.data);
  if (!message.ok) {
    post({ type: 'log', level: 'warn', message: `ignored a message from the host: ${message.error}` });
    return;
  }
  app.receive(message.value);
});

observeTheme(() => app.themeChanged());

window.addEventListener('error', (event) => {
  post({ type: 'log', level: 'error', message: `${event.message} (${event.filename}:${event.lineno})`.slice(0, LIMITS.logChars) });
});

// For the e2e run and DevTools: timings, the drawn series' digest, the state.
Object.assign(window, { activationLens: app.debug() });
requestAnimationFrame(() => app.postMetrics());
