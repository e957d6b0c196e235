// The plot panel inside a real VS Code: opened by the command with a PlotRequest (as the hover's Plot link
// and the evaluator call it) and from the quick pick, one panel reused, invalid arguments refused, a strict
// CSP, malformed webview messages dropped and logged, exports written, and the serializer's revive path.
// The internal `activationLens.test.plot*` commands read what the host saw (never contributed to the palette).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlotPanelSnapshot } from '../../src/features/plotPanel';
import type { PlotRequest, PlotState } from '../../src/webview/protocol';
import { acceptQuickInput, activateExtension, closeAllEditors, extension, openSample } from './helpers';

const OPEN = 'activationLens.openPlot';
const TEST = {
  state: 'activationLens.test.plotState',
  export: 'activationLens.test.plotExport',
  receive: 'activationLens.test.plotReceive',
  revive: 'activationLens.test.plotRevive',
};

type Snapshot = PlotPanelSnapshot | { open: false };

const snapshot = async (): Promise<Snapshot> => (await vscode.commands.executeCommand<Snapshot>(TEST.state))!;

/** Polls the panel until `check` holds (the webview answers asynchronously); fails with the last snapshot. */
async function panelWhere(check: (panel: PlotPanelSnapshot) => boolean, what: string, timeoutMs = 20_000): Promise<PlotPanelSnapshot> {
  const deadline = Date.now() + timeoutMs;
  let last: Snapshot = { open: false };
  while (Date.now() < deadline) {
    last = await snapshot();
    if (last.open && check(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`the plot panel never showed ${what}; last snapshot: ${JSON.stringify(last, null, 1).slice(0, 1500)}`);
}

function plotTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('activationLens.plot'));
}

const f32 = Math.fround;

describe('plot panel', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('contributes Open Plot and wakes up for a panel to restore', () => {
    const manifest = extension().packageJSON as { contributes: { commands: { command: string; title: string; category: string }[] }; activationEvents: string[] };
    const command = manifest.contributes.commands.find((item) => item.command === OPEN);
    assert.ok(command, 'activationLens.openPlot is contributed');
    assert.equal(`${command.category}: ${command.title}`, 'Activation Lens: Open Plot');
    assert.ok(manifest.activationEvents.includes('onWebviewPanel:activationLens.plot'));
    assert.ok(!manifest.contributes.commands.some((item) => item.command.startsWith('activationLens.test.')), 'test commands stay internal');
  });

  it('opens with a request: the right curve for the call-site parameters, the range and the marks', async () => {
    const request: PlotRequest = {
      activations: [{ name: 'relu', params: { negative_slope: 0.1 } }],
      domain: [-2, 2],
      marks: [{ name: 'relu', x: [-1, 0.5], y: [-0.1, 0.5] }],
    };
    assert.equal(await vscode.commands.executeCommand(OPEN, request), true);
    const panel = await panelWhere((p) => p.ready && p.summary.length === 2, 'relu and its derivative drawn');
    assert.equal(panel.state?.series[0].name, 'relu');
    assert.equal(panel.state?.series[0].params['negative_slope'], f32(0.1));
    assert.deepEqual(panel.state?.domain, [-2, 2]);
    assert.deepEqual(panel.state?.marks, request.marks);
    const [curve, derivative] = panel.summary;
    assert.equal(curve.label, 'relu(negative_slope=0.1)');
    assert.equal(curve.points, 2000);
    assert.equal(curve.min, f32(f32(0.1) * -2), 'f(−2) = −0.2');
    assert.equal(curve.max, 2);
    assert.equal(derivative.min, f32(0.1));
    assert.equal(derivative.max, 1);
    assert.equal(panel.title, 'Plot: relu');
    assert.equal(plotTabs().length, 1);
  });

  it('reuses its one panel for the next request (a name is enough)', async () => {
    await vscode.commands.executeCommand(OPEN, { activations: [{ name: 'tanh' }] });
    await panelWhere((p) => p.state?.series[0]?.name === 'tanh', 'tanh');
    await vscode.commands.executeCommand(OPEN, 'gelu');
    const panel = await panelWhere((p) => p.state?.series[0]?.name === 'gelu', 'gelu after the second request');
    assert.equal(panel.state?.series.length, 1);
    assert.equal(plotTabs().length, 1, 'still one plot panel');
  });

  it('shows a request sent while the panel is hidden behind an editor', async () => {
    await vscode.commands.executeCommand(OPEN, { activations: [{ name: 'tanh' }], domain: [-3, 3] });
    await panelWhere((p) => p.ready && p.state?.series[0]?.name === 'tanh', 'tanh');
    await openSample('python/keras_layers.py'); // in the same group: the webview is torn down
    await panelWhere((p) => !p.visible, 'the panel hidden');
    await vscode.commands.executeCommand(OPEN, { activations: [{ name: 'mish' }] });
    const panel = await panelWhere((p) => p.visible && p.state?.series[0]?.name === 'mish', 'mish after revealing the panel');
    assert.equal(panel.state?.series.length, 1);
  });

  it('plots a library variant and a library identifier', async () => {
    await vscode.commands.executeCommand(OPEN, { activations: [{ name: 'hard_sigmoid', variant: 'keras2' }, { name: 'hardSigmoid', variant: 'tfjs' }, { name: 'hard_sigmoid' }], domain: [-4, 4] });
    const panel = await panelWhere((p) => p.summary.filter((s) => !s.derivative).length === 3, 'three hard sigmoids');
    assert.deepEqual(panel.state?.series.map((s) => s.variant), ['keras2', 'tfjs', 'keras3']);
    // Keras 2 and tfjs saturate at ±2.5, Keras 3 at ±3: over [-4, 4] the Keras 3 curve has fewer exact 0s and 1s,
    // so a different sum.
    const sums = panel.summary.filter((s) => !s.derivative).map((s) => s.checksum);
    assert.equal(sums[0], sums[1]);
    assert.notEqual(sums[0], sums[2]);
  });

  it('refuses an invalid argument without opening anything', async () => {
    assert.equal(await vscode.commands.executeCommand(OPEN, { activations: 'relu' }), false);
    assert.equal(await vscode.commands.executeCommand(OPEN, { activations: [{ name: 'relu', params: { negative_slope: 'steep' } }] }), false);
    assert.equal(await vscode.commands.executeCommand(OPEN, { activations: [{ name: 'no_such_activation' }] }), false);
    assert.equal(plotTabs().length, 0);
  });

  it('opens from the quick pick with what is plotted preselected, keeping its parameters', async () => {
    await vscode.commands.executeCommand(OPEN, { activations: [{ name: 'gelu', params: { approximate: true } }] });
    await panelWhere((p) => p.state?.series[0]?.params['approximate'] === true, 'gelu(approximate=True)');
    const opened = await acceptQuickInput(vscode.commands.executeCommand<boolean>(OPEN), { settleMs: 800 });
    assert.equal(opened, true, 'accepting the preselected activation opens the plot');
    const panel = await panelWhere((p) => p.received['state'] !== undefined, 'a state');
    assert.equal(panel.state?.series.length, 1);
    assert.equal(panel.state?.series[0].params['approximate'], true);
  });

  it('has a strict content security policy', async () => {
    await vscode.commands.executeCommand(OPEN, 'relu');
    const panel = await panelWhere((p) => p.ready, 'ready');
    const directives = Object.fromEntries(panel.csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values];
    }));
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.equal(directives['script-src'].length, 1);
    assert.match(directives['script-src'][0], /^'nonce-[A-Za-z0-9]{16,}'$/);
    assert.ok(!directives['style-src'].includes("'unsafe-inline'"));
    assert.doesNotMatch(panel.csp, /unsafe-eval|unsafe-inline|unsafe-hashes/);
    // Only the webview's own resource origin (VS Code's cspSource) for styles; images only from blob: URLs
    // (the PNG export), no fonts at all.
    for (const directive of ['style-src', 'font-src']) assert.ok(!(directives[directive] ?? []).includes('data:'), directive);
    assert.deepEqual(directives['img-src'], ['blob:']);
    assert.equal(directives['font-src'], undefined);
    assert.deepEqual(directives['connect-src'], undefined, 'no network access');
  });

  it('ignores malformed messages from the webview and logs them, and still acts on good ones', async () => {
    await vscode.commands.executeCommand(OPEN, 'relu');
    await panelWhere((p) => p.ready, 'ready');
    for (const bad of [null, 'ready', { type: 'eval', code: '1' }, { type: 'export', format: 'exe', fileName: 'a', encoding: 'utf8', data: '' }, { type: 'export', format: 'csv', fileName: '../x.csv', encoding: 'utf8', data: '' }]) {
      assert.equal(await vscode.commands.executeCommand(TEST.receive, bad), false, JSON.stringify(bad));
    }
    const panel = await snapshot();
    assert.ok(panel.open);
    assert.ok(panel.rejected.some((reason) => /message\.type/.test(reason)), panel.rejected.join('\n'));
    assert.ok(panel.rejected.some((reason) => /export\.fileName: expected a plain file name/.test(reason)), panel.rejected.join('\n'));
    assert.equal(await vscode.commands.executeCommand(TEST.receive, { type: 'log', level: 'info', message: 'hello from the test' }), true);
  });

  it('exports PNG, SVG and CSV where it is told', async () => {
    await vscode.commands.executeCommand(OPEN, { activations: [{ name: 'relu', params: { negative_slope: 0.1 } }, { name: 'sigmoid' }], domain: [-4, 4] });
    await panelWhere((p) => p.summary.length === 4, 'two curves and two derivatives');
    // Under the extension's git-ignored out/, through workspace.fs: the same in both extension hosts.
    const folder = vscode.Uri.joinPath(extension().extensionUri, 'out', `plot-exports-${Date.now()}`);
    const written: Record<string, Uint8Array> = {};
    for (const format of ['png', 'svg', 'csv']) {
      const target = vscode.Uri.joinPath(folder, `plot.${format}`);
      const saved = await vscode.commands.executeCommand<string>(TEST.export, format, target);
      assert.equal(saved, target.path, 'the path on the machine that holds the file, in either extension host');
      written[format] = await vscode.workspace.fs.readFile(target);
    }
    assert.deepEqual([...written['png'].subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    assert.ok(written['png'].length > 5_000, `${written['png'].length} bytes`);
    const svg = new TextDecoder().decode(written['svg']);
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg, />relu\(negative_slope=0\.1\)</);
    const csv = new TextDecoder().decode(written['csv']).trimEnd().split('\n');
    assert.equal(csv[0], 'x,relu(negative_slope=0.1),d/dx relu(negative_slope=0.1),sigmoid(),d/dx sigmoid()');
    assert.equal(csv.length, 2001);
    assert.equal(csv[1].split(',')[1], '-0.4', 'relu(−4) with slope 0.1');
    const panel = await snapshot();
    assert.ok(panel.open && panel.exports.length === 3);
    await vscode.workspace.fs.delete(folder, { recursive: true });
  });

  it('comes back from saved state through the serializer', async () => {
    const saved: PlotState = {
      version: 1,
      series: [
        { name: 'elu', variant: 'keras3', params: { alpha: 0.5 }, showFunction: true, showDerivative: true },
        { name: 'softmax', variant: 'keras3', params: { axis: -1 }, showFunction: true, showDerivative: false },
      ],
      domain: [-3, 1],
      home: [-5, 6],
      marks: [],
      showMarks: true,
    };
    await vscode.commands.executeCommand(TEST.revive, saved);
    const panel = await panelWhere((p) => p.revived && p.summary.length === 3, 'the saved activations');
    assert.deepEqual(panel.state, saved);
    assert.deepEqual(panel.summary.map((s) => s.label), ['elu(alpha=0.5)', 'd/dx elu(alpha=0.5)', 'softmax([x, 0])₀']);
    assert.equal(plotTabs().length, 1);
  });

  it('repairs broken saved state instead of failing', async () => {
    await vscode.commands.executeCommand(TEST.revive, {
      version: 1,
      series: [{ name: 'gone', variant: 'keras3' }, { name: 'selu', variant: 'torch', params: 'x', showFunction: true, showDerivative: true }],
      domain: [9, -9],
      home: 'wide',
      marks: [],
      showMarks: true,
    });
    const panel = await panelWhere((p) => p.revived && p.received['state'] !== undefined, 'a repaired state');
    assert.deepEqual(panel.state?.series.map((s) => [s.name, s.variant]), [['selu', 'keras3']]);
    assert.deepEqual(panel.state?.domain, [-5, 3], "selu's plot domain");
  });

  it('reports its timings from the webview', async () => {
    await vscode.commands.executeCommand(OPEN, { activations: [{ name: 'relu' }, { name: 'gelu' }, { name: 'silu' }, { name: 'mish' }] });
    const panel = await panelWhere((p) => p.metrics?.firstCurvesMs != null, 'timings');
    console.log(`      first curves ${panel.metrics?.firstCurvesMs?.toFixed(1)} ms after the panel's script started`);
    assert.ok(panel.metrics!.firstCurvesMs! > 0);
  });
});
