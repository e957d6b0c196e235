// Hand-written activations inside a real VS Code: the tutorial's `def elu` hovered (its verdict against
// Keras 3's elu, both curves, the Plot yours vs Keras link opening the panel), and its diagnostics on the `def` line (AL401 Warning, AL402 Information).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlotPanelSnapshot } from '../../src/features/plotPanel';
import { activateExtension, closeAllEditors, hoverTextsAt, openSample, positionOf, waitFor } from './helpers';

const ours = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'Activation Lens');
const codeOf = (diagnostic: vscode.Diagnostic): string => (typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code));

describe('hand-written activations', () => {
  before(activateExtension);
  after(closeAllEditors);

  it('hovering def elu in the tutorial leads with both curves, then that it differs from Keras 3, without the diagnostics\' sentences', async () => {
    const document = await openSample('python/tutorial.py');
    const texts = await hoverTextsAt(document.uri, positionOf(document, 'def elu', { offset: 5 }));
    const markdown = texts.find((text) => text.includes('hand-written'));
    assert.ok(markdown, `no hand-written hover among ${texts.length} hovers`);
    assert.match(markdown, /^!\[elu beside elu\]\(data:image\/svg\+xml;base64,/, 'the picture first');
    assert.match(markdown, /\*\*elu\*\* · hand-written, compared with Keras 3's `elu`/);
    assert.match(markdown, /\*\*Differs\*\* from Keras 3's elu \(alpha=0\.5\)/);
    assert.match(markdown, /\| first \| -5\.0 \|/);
    assert.match(markdown, /\*\*Trap\*\* at x = 0\.0\./);
    assert.equal([...markdown.matchAll(/!\[[^\]]*\]\(data:image\/svg\+xml;base64,/g)].length, 1, 'one image with both curves');
    // VS Code shows the diagnostics on the name in the same hover: their text is not repeated.
    const onName = await waitFor(() => {
      const found = ours(document.uri).filter((diagnostic) => diagnostic.range.start.line === positionOf(document, 'def elu').line);
      return found.length >= 2 ? found : undefined;
    }, 'AL401 and AL402 on def elu');
    for (const diagnostic of onName) assert.ok(!markdown.includes(diagnostic.message.replace(/^`elu` /, '')), diagnostic.message);
  });

  it("the hover's Plot yours vs Keras link opens the panel with Keras' elu and yours", async () => {
    const document = await openSample('python/tutorial.py');
    const texts = await hoverTextsAt(document.uri, positionOf(document, 'def elu', { offset: 5 }));
    const link = /\[\$\(graph-line\) Plot yours vs Keras\]\(command:activationLens\.openPlot\?([^ )]+)/.exec(texts.find((text) => text.includes('hand-written')) ?? '');
    assert.ok(link, 'no Plot yours vs Keras link');
    const args = JSON.parse(decodeURIComponent(link[1])) as unknown[];
    assert.equal(await vscode.commands.executeCommand('activationLens.openPlot', ...args), true);
    const panel = await waitFor(async () => {
      const snapshot = await vscode.commands.executeCommand<PlotPanelSnapshot | { open: false }>('activationLens.test.plotState');
      return snapshot && snapshot.open && snapshot.state?.series[0]?.name === 'elu' && snapshot.state.marks.length ? snapshot : undefined;
    }, 'the plot panel with elu and yours');
    assert.equal(panel.state?.series.length, 1);
    assert.equal(panel.state?.series[0].params['alpha'], Math.fround(0.5));
    assert.equal(panel.state?.marks[0].name, 'yours: elu');
    assert.equal(panel.state?.marks[0].style, 'line', 'yours is drawn as a curve');
    assert.equal(panel.state?.showMarks, true);
    // The jump at 0 is a break, between the point bisection found just left of 0 and the sample at 0.
    const yours = panel.state?.marks[0];
    const at = yours?.breaks?.[0] ?? -1;
    assert.equal(yours?.breaks?.length, 1);
    assert.ok(yours && yours.x[at] < 0 && yours.x[at] > -1e-9 && yours.x[at + 1] === 0, `break at ${yours?.x[at]}`);
  });

  it("exports yours as the CSV's last column, on the panel's x grid", async () => {
    const folder = vscode.Uri.joinPath(vscode.extensions.getExtension('activation-lens.activation-lens')!.extensionUri, 'out', `handwritten-csv-${Date.now()}`);
    const target = vscode.Uri.joinPath(folder, 'plot.csv');
    await vscode.commands.executeCommand('activationLens.test.plotExport', 'csv', target);
    const [header, ...rows] = new TextDecoder().decode(await vscode.workspace.fs.readFile(target)).trimEnd().split('\n');
    assert.equal(header, 'x,elu(alpha=0.5),yours: elu');
    assert.equal(rows.length, 2000);
    // x = −5 is one of yours' samples: its own double, as the interpreter computed it and the panel got it.
    const panel = await vscode.commands.executeCommand<PlotPanelSnapshot>('activationLens.test.plotState');
    const first = rows[0].split(',');
    assert.equal(first[0], '-5');
    assert.equal(panel.state?.marks[0].x[0], -5);
    assert.equal(Number(first[2]), panel.state?.marks[0].y[0]);
    assert.ok(rows.every((row) => row.split(',').length === 3));
    await vscode.workspace.fs.delete(folder, { recursive: true });
  });

  it('puts the verdicts on the def lines: a Warning on elu, Information on the traps', async () => {
    const document = await openSample('python/tutorial.py');
    const found = await waitFor(() => {
      const diagnostics = ours(document.uri);
      return diagnostics.some((diagnostic) => codeOf(diagnostic) === 'AL401') ? diagnostics : undefined;
    }, 'the AL401 diagnostic');
    const at = (code: string, name: string) => found.find((diagnostic) => codeOf(diagnostic) === code && document.getText(diagnostic.range) === name);
    const elu = at('AL401', 'elu');
    assert.ok(elu, found.map((diagnostic) => `${codeOf(diagnostic)} ${diagnostic.message}`).join('\n'));
    assert.equal(elu.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(elu.range.start.line, positionOf(document, 'def elu').line);
    assert.match(elu.message, /the −1 is outside α\(…\)/);
    for (const name of ['sigmoid', 'tanh', 'relu', 'elu']) assert.equal(at('AL402', name)?.severity, vscode.DiagnosticSeverity.Information, `AL402 on ${name}`);
    assert.equal(at('AL401', 'softmax'), undefined);
  });

  it("clears the warning as the tutorial's elu is mended, and brings it back when the edit is undone (edits inside the function)", async () => {
    // Nothing at top level calls it, so the edit is taken in the last run's module (PythonModule.redefine).
    const text = 'import math\n\ndef elu(x, alpha):\n  if x >= 0:\n    return x\n  else:\n    return alpha*(math.exp(x))-1\n';
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: text });
    await vscode.window.showTextDocument(document);
    const al401 = () => ours(document.uri).find((diagnostic) => codeOf(diagnostic) === 'AL401');
    await waitFor(al401, 'AL401 on the wrong elu');
    const wrong = positionOf(document, '(math.exp(x))-1');
    const mend = (from: string, to: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(wrong, wrong.translate(0, from.length)), to);
      return vscode.workspace.applyEdit(edit);
    };
    assert.ok(await mend('(math.exp(x))-1', '(math.exp(x)-1)'));
    await waitFor(() => (al401() ? undefined : true), 'AL401 to go once elu is alpha*(exp(x)-1)');
    assert.ok(await mend('(math.exp(x)-1)', '(math.exp(x))-1'));
    const back = await waitFor(al401, 'AL401 back after the undo');
    assert.equal(back.range.start.line, 2);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
