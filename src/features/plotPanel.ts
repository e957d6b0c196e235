// The plot panel's host side: "Activation Lens: Open Plot" (a quick pick, or a PlotRequest from the hover's
// Plot link or the evaluator), one webview panel created or revealed (createOrShow) and restored after a
// window reload by a serializer (revive), a strict CSP with a nonce, and message routing in which every
// message from the webview is validated first and anything malformed is logged and dropped.
import * as vscode from 'vscode';
import { ACTIVATIONS_BY_NAME, migrateState, stateFromRequest } from '../webview/plotModel';
import {
  OPEN_PLOT_COMMAND,
  PLOT_VIEW_TYPE,
  validatePlotRequest,
  validateWebviewMessage,
  type ExportFormat,
  type HostMessage,
  type PlotMetrics,
  type PlotRequest,
  type PlotState,
  type SeriesSummary,
  type WebviewMessage,
} from '../webview/protocol';
import { base64ToBytes } from '../render/base64';
import { escapeAttribute } from '../render/markup';
import { getOutputChannel } from './output';

/** Internal commands for the integration tests (registered outside production mode, never contributed). */
export const TEST_COMMANDS = {
  state: 'activationLens.test.plotState',
  export: 'activationLens.test.plotExport',
  receive: 'activationLens.test.plotReceive',
  revive: 'activationLens.test.plotRevive',
} as const;

/** Options shared by a new panel and a revived one: scripts on, resources only from dist/ and media/. */
function getWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** What the test command reports about the panel. */
export interface PlotPanelSnapshot {
  readonly open: boolean;
  readonly visible: boolean;
  readonly ready: boolean;
  readonly revived: boolean;
  readonly title: string;
  readonly csp: string;
  readonly state: PlotState | undefined;
  readonly summary: readonly SeriesSummary[];
  readonly metrics: PlotMetrics | undefined;
  readonly received: Readonly<Record<string, number>>;
  readonly rejected: readonly string[];
  readonly lastMessage: string | undefined;
  readonly exports: readonly { format: ExportFormat; path: string; bytes: number }[];
}

const EXPORT_FILTERS: Readonly<Record<ExportFormat, Record<string, string[]>>> = {
  png: { 'PNG image': ['png'] },
  svg: { 'SVG drawing': ['svg'] },
  csv: { 'CSV table': ['csv'] },
};

export class PlotPanel {
  static current: PlotPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private queued: HostMessage | undefined;
  private lastState: PlotState | undefined;
  private lastSummary: readonly SeriesSummary[] = [];
  private lastMetrics: PlotMetrics | undefined;
  private lastMessage: string | undefined;
  private readonly received: Record<string, number> = {};
  private readonly rejected: string[] = [];
  private readonly exports: { format: ExportFormat; path: string; bytes: number }[] = [];
  /** Set by the test command: the next export goes here instead of asking with a save dialog. */
  private exportTarget: { uri: vscode.Uri; done: (path: string) => void; fail: (error: Error) => void } | undefined;

  /** Opens the panel with a request, or reveals it and shows the request in it. */
  static createOrShow(extensionUri: vscode.Uri, request: PlotRequest): void {
    // An empty group is one opened for the panel (a `command:toSide:` link, as the walkthrough's): fill it.
    const intoEmptyGroup = vscode.window.tabGroups.activeTabGroup.tabs.length === 0;
    const column = intoEmptyGroup || !vscode.window.activeTextEditor ? vscode.ViewColumn.Active : vscode.ViewColumn.Beside;
    if (PlotPanel.current) {
      PlotPanel.current.panel.reveal(intoEmptyGroup ? column : (PlotPanel.current.panel.viewColumn ?? column));
      PlotPanel.current.post({ type: 'show', request });
      return;
    }
    const panel = vscode.window.createWebviewPanel(PLOT_VIEW_TYPE, 'Activation Plot', column, {
      ...getWebviewOptions(extensionUri),
      enableFindWidget: false,
    });
    PlotPanel.current = new PlotPanel(panel, extensionUri, { request }, false);
  }

  /** Restores the panel after a reload; `state` is what the webview last saved with setState. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, state: unknown): PlotPanel {
    PlotPanel.current?.dispose();
    const restored = migrateState(state);
    if (state !== undefined && state !== null && !restored) getOutputChannel().warn('plot panel: the saved state was unusable; starting empty');
    PlotPanel.current = new PlotPanel(panel, extensionUri, restored ? { state: restored } : {}, true);
    return PlotPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    initial: { request?: PlotRequest; state?: PlotState },
    private readonly revived: boolean,
  ) {
    this.lastState = initial.state;
    panel.iconPath = {
      light: vscode.Uri.joinPath(extensionUri, 'media', 'plot-light.svg'),
      dark: vscode.Uri.joinPath(extensionUri, 'media', 'plot-dark.svg'),
    };
    panel.webview.html = this.html(initial);
    panel.onDidDispose(() => this.dispose(), null, this.disposables);
    // A hidden webview is torn down (no retainContextWhenHidden) and reloads from its saved state when shown
    // again; until that new page says `ready`, messages for it wait here.
    panel.onDidChangeViewState(({ webviewPanel }) => {
      if (!webviewPanel.visible) this.ready = false;
    }, null, this.disposables);
    panel.webview.onDidReceiveMessage((message: unknown) => void this.handleMessage(message), null, this.disposables);
  }

  /** Validates a message from the webview and acts on it; returns whether it was accepted. */
  async handleMessage(raw: unknown): Promise<boolean> {
    const checked = validateWebviewMessage(raw);
    if (!checked.ok) {
      this.rejected.push(checked.error);
      if (this.rejected.length > 50) this.rejected.shift();
      getOutputChannel().warn(`plot panel: ignored a malformed message from the webview: ${checked.error}`);
      return false;
    }
    const message = checked.value;
    this.received[message.type] = (this.received[message.type] ?? 0) + 1;
    this.lastMessage = message.type;
    await this.act(message);
    return true;
  }

  private async act(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.queued) {
          const queued = this.queued;
          this.queued = undefined;
          void this.panel.webview.postMessage(queued);
        }
        break;
      case 'state':
        this.lastState = message.state;
        this.lastSummary = message.summary;
        this.panel.title = panelTitle(message.state);
        break;
      case 'metrics':
        this.lastMetrics = message.metrics;
        break;
      case 'log':
        getOutputChannel()[message.level](`plot panel: ${message.message}`);
        break;
      case 'export':
        await this.saveExport(message);
        break;
    }
  }

  /** What the webview last saved (or the state it was revived with). */
  get state(): PlotState | undefined {
    return this.lastState;
  }

  /** Posts to the webview, or keeps the latest message until its script is listening. */
  post(message: HostMessage): void {
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.queued = message;
  }

  private async saveExport(message: Extract<WebviewMessage, { type: 'export' }>): Promise<void> {
    const target = this.exportTarget;
    this.exportTarget = undefined;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    try {
      const uri =
        target?.uri ??
        (await vscode.window.showSaveDialog({
          title: `Export the plot as ${message.format.toUpperCase()}`,
          defaultUri: folder ? vscode.Uri.joinPath(folder, message.fileName) : undefined,
          filters: EXPORT_FILTERS[message.format],
          saveLabel: 'Export',
        }));
      if (!uri) {
        this.post({ type: 'exported', format: message.format, ok: false, message: 'Export cancelled.' });
        return;
      }
      const bytes = message.encoding === 'base64' ? base64ToBytes(message.data) : new TextEncoder().encode(message.data);
      await vscode.workspace.fs.writeFile(uri, bytes);
      const shown = displayPath(uri);
      this.exports.push({ format: message.format, path: shown, bytes: bytes.length });
      getOutputChannel().info(`plot panel: exported ${message.format.toUpperCase()} to ${shown} (${bytes.length} bytes)`);
      this.post({ type: 'exported', format: message.format, ok: true, message: `Saved ${shown}` });
      target?.done(shown);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      getOutputChannel().error(`plot panel: export failed: ${text}`);
      this.post({ type: 'exported', format: message.format, ok: false, message: `Export failed: ${text}` });
      void vscode.window.showErrorMessage(`Activation Lens: could not export the plot: ${text}`);
      target?.fail(error instanceof Error ? error : new Error(text));
    }
  }

  /** Test hook: export without a dialog to `uri`; resolves with the written path. */
  exportTo(format: ExportFormat, uri: vscode.Uri, timeoutMs = 15_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${format} export arrived within ${timeoutMs} ms`)), timeoutMs);
      this.exportTarget = {
        uri,
        done: (path) => {
          clearTimeout(timer);
          resolve(path);
        },
        fail: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.post({ type: 'export', format });
    });
  }

  snapshot(): PlotPanelSnapshot {
    const html = this.panel.webview.html;
    return {
      open: true,
      visible: this.panel.visible,
      ready: this.ready,
      revived: this.revived,
      title: this.panel.title,
      csp: /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '',
      state: this.lastState,
      summary: this.lastSummary,
      metrics: this.lastMetrics,
      received: { ...this.received },
      rejected: [...this.rejected],
      lastMessage: this.lastMessage,
      exports: [...this.exports],
    };
  }

  dispose(): void {
    if (PlotPanel.current === this) PlotPanel.current = undefined;
    this.exportTarget?.fail(new Error('the plot panel was closed'));
    this.exportTarget = undefined;
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }

  private html(initial: { request?: PlotRequest; state?: PlotState }): string {
    const webview = this.panel.webview;
    const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
    const nonce = createNonce();
    // Only what the page uses: its stylesheets, its one script, and the blob: image the PNG export draws
    // (formulas are inline SVG; no fonts or other images are loaded).
    const csp = [
      "default-src 'none'",
      'img-src blob:',
      `style-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    const data = [
      initial.request ? ` data-request="${escapeAttribute(JSON.stringify(initial.request))}"` : '',
      initial.state ? ` data-state="${escapeAttribute(JSON.stringify(initial.state))}"` : '',
    ].join('');
    return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link href="${asset('dist', 'webview.css')}" rel="stylesheet">
  <link href="${asset('media', 'plot.css')}" rel="stylesheet">
  <title>Activation Plot</title>
</head>
<body>
  <div id="app"${data}></div>
  <script nonce="${nonce}" src="${asset('dist', 'webview.js')}"></script>
</body>
</html>`;
  }
}

function panelTitle(state: PlotState): string {
  const names = [...new Set(state.series.map((series) => series.name))];
  if (names.length === 0) return 'Activation Plot';
  const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} +${names.length - 3}` : names.join(', ');
  return `Plot: ${shown}`;
}

/**
 * A saved file as a person names it: its path on the machine that holds it — local, or the remote machine
 * whose files the web worker extension host sees as vscode-remote: URIs — and other file systems' URIs whole.
 */
function displayPath(uri: vscode.Uri): string {
  return uri.scheme === 'file' || uri.scheme === 'vscode-remote' ? uri.fsPath : uri.toString();
}

function createNonce(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The command: no argument → pick activations; an argument → validate it as a PlotRequest and open. */
async function openPlot(extensionUri: vscode.Uri, argument: unknown): Promise<boolean> {
  if (argument === undefined) {
    const request = await pickActivations();
    if (!request) return false;
    PlotPanel.createOrShow(extensionUri, request);
    return true;
  }
  const checked = validatePlotRequest(argument);
  if (!checked.ok) {
    getOutputChannel().warn(`openPlot: ignored an invalid request: ${checked.error}`);
    void vscode.window.showErrorMessage(`Activation Lens: cannot open the plot: ${checked.error}`);
    return false;
  }
  const { state, problems } = stateFromRequest(checked.value);
  if (problems.length) {
    getOutputChannel().warn(`openPlot: ${problems.join('; ')}`);
    if (state.series.length === 0 && state.marks.length === 0) {
      void vscode.window.showErrorMessage(`Activation Lens: nothing to plot: ${problems.join('; ')}`);
      return false;
    }
    void vscode.window.showWarningMessage(`Activation Lens: ${problems.join('; ')}`);
  }
  PlotPanel.createOrShow(extensionUri, checked.value);
  return true;
}

interface ActivationPick extends vscode.QuickPickItem {
  readonly name: string;
}

/** Multi-select over the catalog; activations already plotted start selected and keep their parameters. */
async function pickActivations(): Promise<PlotRequest | undefined> {
  const current = PlotPanel.current?.state;
  const plotted = new Set(current?.series.map((series) => series.name) ?? []);
  const items: ActivationPick[] = activationPickItems().map((item) => ({ ...item, picked: plotted.has(item.name) }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
    title: 'Activation Lens: Open Plot',
    placeHolder: 'Choose activations to plot (Space selects, Enter opens)',
  });
  if (!picked || picked.length === 0) return undefined;
  const activations = picked.map((item) => {
    const existing = current?.series.find((series) => series.name === item.name);
    return existing
      ? { name: existing.name, params: existing.params, variant: existing.variant, derivative: existing.showDerivative }
      : { name: item.name, ...(picked.length <= 2 ? {} : { derivative: false }) };
  });
  const same = current && picked.every((item) => plotted.has(item.name));
  return { activations, ...(same && current ? { domain: current.domain } : {}) };
}

/** One quick-pick item per catalog activation: name, title, formula. */
function activationPickItems(): { label: string; description: string; detail: string; name: string }[] {
  return ACTIVATIONS_BY_NAME.map((spec) => ({
    name: spec.name,
    label: spec.name,
    description: [spec.title, ...spec.aliases.map((alias) => `alias ${alias}`)].join(' · '),
    detail: spec.formula.text,
  }));
}

class PlotPanelSerializer implements vscode.WebviewPanelSerializer {
  constructor(private readonly extensionUri: vscode.Uri) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    panel.webview.options = getWebviewOptions(this.extensionUri);
    PlotPanel.revive(panel, this.extensionUri, state);
  }
}

export function register(context: vscode.ExtensionContext): void {
  const { extensionUri } = context;
  const serializer = new PlotPanelSerializer(extensionUri);
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_PLOT_COMMAND, (argument?: unknown) => openPlot(extensionUri, argument)),
    // The panel itself is not disposed with the extension: on a window reload VS Code keeps it (and its
    // state) for the serializer to revive.
    vscode.window.registerWebviewPanelSerializer(PLOT_VIEW_TYPE, serializer),
  );
  if (context.extensionMode === vscode.ExtensionMode.Production) return;
  context.subscriptions.push(
    vscode.commands.registerCommand(TEST_COMMANDS.state, () => PlotPanel.current?.snapshot() ?? { open: false }),
    vscode.commands.registerCommand(TEST_COMMANDS.export, (format: ExportFormat, target: string | vscode.Uri) => {
      const panel = PlotPanel.current;
      if (!panel) throw new Error('the plot panel is not open');
      return panel.exportTo(format, typeof target === 'string' ? vscode.Uri.file(target) : target);
    }),
    vscode.commands.registerCommand(TEST_COMMANDS.receive, (message: unknown) => {
      const panel = PlotPanel.current;
      if (!panel) throw new Error('the plot panel is not open');
      return panel.handleMessage(message);
    }),
    // Runs the serializer's path on a fresh panel, as a window reload would.
    vscode.commands.registerCommand(TEST_COMMANDS.revive, async (state: unknown) => {
      const panel = vscode.window.createWebviewPanel(PLOT_VIEW_TYPE, 'Activation Plot', vscode.ViewColumn.Active, getWebviewOptions(extensionUri));
      await serializer.deserializeWebviewPanel(panel, state);
      return true;
    }),
  );
}
