// The commands behind the getting-started walkthrough (package.json contributes.walkthroughs): open the
// tutorial many Keras users learn activations from in an editor of their own, then take them to what each
// step shows there — a hover, an evaluation, a mistake, a quick fix. Files are read through workspace.fs, so it works in
// the web worker extension host too.
import * as vscode from 'vscode';
import { EVALUATE_COMMAND } from '../render/hover';

export const OPEN_TUTORIAL_COMMAND = 'activationLens.walkthrough.openTutorial';

/** Shipped in the .vsix (.vscodeignore) for this command. */
const TUTORIAL = ['samples', 'python', 'tutorial.py'];

/**
 * Where each step takes the cursor in the tutorial (a line's text), and what it does there. One command per
 * step (`activationLens.walkthrough.<stop>`): the walkthrough checks a step off when its button's command runs.
 */
const STOPS = {
  hover: { line: 'b = tf.keras.activations.sigmoid(a)', word: 'sigmoid', then: 'editor.action.showHover' },
  evaluate: { line: 'b = tf.keras.activations.sigmoid(a)', word: undefined, then: EVALUATE_COMMAND },
  mistake: { line: 'model.add(ELU(alpha=elu_alpha))', word: 'elu_alpha', then: EVALUATE_COMMAND },
  quickFix: { line: 'cnn_model.add(LeakyReLU(alpha=0.1))', word: 'alpha', then: 'editor.action.quickFix' },
} as const;

type WalkthroughStop = keyof typeof STOPS;

export function register(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_TUTORIAL_COMMAND, () => openTutorial(context.extensionUri)),
    ...(Object.keys(STOPS) as WalkthroughStop[]).map((stop) =>
      vscode.commands.registerCommand(`activationLens.walkthrough.${stop}`, () => show(context.extensionUri, stop)),
    ),
  );
}

/** An untitled copy: the walkthrough asks people to edit it, and the extension's own files stay as shipped. */
async function tutorialCopy(extensionUri: vscode.Uri): Promise<vscode.TextDocument> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, ...TUTORIAL));
  return vscode.workspace.openTextDocument({ language: 'python', content: new TextDecoder().decode(bytes) });
}

async function openTutorial(extensionUri: vscode.Uri): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await tutorialCopy(extensionUri));
}

async function show(extensionUri: vscode.Uri, stop: WalkthroughStop): Promise<void> {
  const { line, word, then } = STOPS[stop];
  // The walkthrough's untitled copy as the person left it (perhaps edited, perhaps behind the walkthrough's tab),
  // never another file that happens to hold the line (the workspace's own tutorial.py), else a fresh copy.
  const open = vscode.workspace.textDocuments.find((document) => document.isUntitled && document.languageId === 'python' && document.getText().includes(line));
  // In the group that already has its tab (the walkthrough's button leaves the active group wherever the person
  // was, perhaps beside it): a second editor of it elsewhere would open scrolled to its top.
  const document = open ?? (await tutorialCopy(extensionUri));
  const lineStart = document.getText().indexOf(line);
  if (lineStart < 0) {
    void vscode.window.showInformationMessage(`Activation Lens: the tutorial no longer has the line \`${line}\`; open a fresh copy from the walkthrough.`);
    return;
  }
  const at = document.positionAt(word === undefined ? lineStart : lineStart + line.indexOf(word));
  // The selection goes with the show, not after it: the walkthrough, checking the step off, can come to the
  // front of the same group in between, and a selection set then would be lost when the tutorial comes back.
  const editor = await vscode.window.showTextDocument(document, { viewColumn: columnOf(document.uri), selection: new vscode.Range(at, at) });
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  // Evaluate is told its line: the walkthrough, checking the step off, may take the focus from the editor first.
  if (then === EVALUATE_COMMAND) await vscode.commands.executeCommand(then, { uri: editor.document.uri.toString(), line: at.line });
  else await vscode.commands.executeCommand(then);
}

function columnOf(uri: vscode.Uri): vscode.ViewColumn | undefined {
  const group = vscode.window.tabGroups.all.find((candidate) =>
    candidate.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString()),
  );
  return group?.viewColumn;
}
