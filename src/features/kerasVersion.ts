// The Keras each document is read with — one function every feature asks (`kerasFor`): the
// `activationLens.kerasVersion` setting when it names a version, else what the project declares
// (detectKerasVersion over vscode.workspace.fs, from the document's folder up to its workspace folder, so
// virtual workspaces work too), cached per folder and read again when a declaration file changes. A status
// bar item on Python files shows it ("Keras 3.5 (requirements.txt)") and opens a quick pick that overrides it
// for the workspace.
import * as vscode from 'vscode';
import { detectKerasVersion, type KerasVersionResult } from '../language/kerasVersion';
import { notebookOf } from './documentIndex';
import { kerasVersionSetting } from './settings';

export const SELECT_KERAS_VERSION_COMMAND = 'activationLens.selectKerasVersion';

export interface EffectiveKeras {
  readonly major: '2' | '3';
  /** `3.5`: only when the project declares it. */
  readonly version?: string;
  /** The declaration that decided (`requirements.txt`), or the setting. */
  readonly source?: string;
  /** What was read: "keras==3.5.0 (requirements.txt, line 3)". */
  readonly detail?: string;
  readonly origin: 'setting' | 'project' | 'default';
}

const DEFAULT: EffectiveKeras = { major: '3', origin: 'default' };

/** The files whose change can change a project's Keras version (kerasVersion.ts reads these). */
const DECLARATIONS = '**/{requirements*.txt,requirements/*.txt,pyproject.toml,setup.cfg,setup.py,environment.yml,environment.yaml,Pipfile,Pipfile.lock,poetry.lock,uv.lock,.env}';

interface Project {
  readonly folder: vscode.Uri;
  readonly stopAt?: vscode.Uri;
}

/** Detections by folder: the one under way, and the last finished (kept while a re-read runs). */
const pending = new Map<string, Promise<KerasVersionResult>>();
const settled = new Map<string, { readonly project: Project; readonly result: KerasVersionResult }>();
const changed = new vscode.EventEmitter<void>();

/** Fires when a detection finishes or the setting changes: what `kerasFor` answers may have changed. */
export const onDidChangeKerasVersion: vscode.Event<void> = changed.event;

/** The Keras `document` is read with now (Keras 3 until its project's detection has finished). */
export function kerasFor(document: vscode.TextDocument): EffectiveKeras {
  const setting = kerasVersionSetting(document);
  if (setting !== 'auto') return { major: setting, source: 'the activationLens.kerasVersion setting', origin: 'setting' };
  const project = projectOf(document);
  if (!project) return DEFAULT;
  const done = settled.get(project.folder.toString());
  if (!done) {
    void detect(project);
    return DEFAULT;
  }
  return fromResult(done.result);
}

/** `kerasFor` once the project's declarations have been read (diagnostics wait for it). */
export async function kerasForSettled(document: vscode.TextDocument): Promise<EffectiveKeras> {
  const project = kerasVersionSetting(document) === 'auto' ? projectOf(document) : undefined;
  if (project) await detect(project);
  return kerasFor(document);
}

/** The major version, as the recognizers take it: what hovers and the evaluator ask. */
export function kerasMajor(document: vscode.TextDocument): '2' | '3' {
  return kerasFor(document).major;
}

function fromResult(result: KerasVersionResult): EffectiveKeras {
  const found = result.found;
  if (!found) return DEFAULT;
  return { major: found.major, ...(found.version ? { version: found.version } : {}), source: found.source, detail: found.detail, origin: 'project' };
}

/** Where to look for a document's declarations: its folder (a notebook cell's notebook's), up to its workspace folder. */
function projectOf(document: vscode.TextDocument): Project | undefined {
  const uri = notebookOf(document)?.uri ?? document.uri;
  if (uri.scheme === 'untitled') {
    const root = vscode.workspace.workspaceFolders?.[0];
    return root && { folder: root.uri, stopAt: root.uri };
  }
  // A file outside the workspace: up from its folder as far as it goes.
  const workspaceFolder = vscode.workspace.getWorkspaceFolder(uri);
  return { folder: vscode.Uri.joinPath(uri, '..'), ...(workspaceFolder ? { stopAt: workspaceFolder.uri } : {}) };
}

function detect(project: Project): Promise<KerasVersionResult> {
  const key = project.folder.toString();
  let running = pending.get(key);
  if (!running) {
    running = detectKerasVersion((path) => readText(project.folder.with({ path })), project.folder.path, {
      stopAt: project.stopAt?.path,
      listFolder: async (path) => (await vscode.workspace.fs.readDirectory(project.folder.with({ path }))).map(([name]) => name),
    }).then((result) => {
      const before = settled.get(key);
      settled.set(key, { project, result });
      if (JSON.stringify(before?.result.found) !== JSON.stringify(result.found) || !before) changed.fire();
      return result;
    });
    pending.set(key, running);
  }
  return running;
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && (error.code === 'FileNotFound' || error.code === 'FileIsADirectory')) return undefined;
    throw error;
  }
}

/** Reads every known project again (a declaration changed); answers stay as they were until the new ones arrive. */
function rereadProjects(): void {
  pending.clear();
  for (const { project } of settled.values()) void detect(project);
}

// ---------------------------------------------------------------------------------------------------
// Status bar and quick pick

let item: vscode.StatusBarItem | undefined;
let itemVisible = false;

/** What the status bar item shows now (for the integration tests: the API cannot read status bar items). */
export function statusShown(): { text: string; visible: boolean } | undefined {
  return item && { text: item.text, visible: itemVisible };
}

function updateStatus(): void {
  if (!item) return;
  const document = vscode.window.activeTextEditor?.document;
  if (document?.languageId !== 'python') {
    item.hide();
    itemVisible = false;
    return;
  }
  const keras = kerasFor(document);
  item.text = statusText(keras);
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(`**Activation Lens** reads \`keras.*\` and \`tf.keras.*\` here as **Keras ${keras.version ?? keras.major}**`);
  tooltip.appendText(keras.origin === 'project' ? ` — ${keras.detail ?? keras.source}.` : keras.origin === 'setting' ? ' — set by activationLens.kerasVersion.' : ' — the project declares no Keras or TensorFlow version.');
  tooltip.appendMarkdown('\n\nClick to choose.');
  item.tooltip = tooltip;
  item.show();
  itemVisible = true;
}

/** "Keras 3.5 (requirements.txt)", "Keras 2 (setting)", "Keras 3 (default)". */
export function statusText(keras: EffectiveKeras): string {
  const where = keras.origin === 'project' ? keras.source : keras.origin === 'setting' ? 'setting' : 'default';
  return `Keras ${keras.version ?? keras.major} (${where})`;
}

/** The quick pick: detect from the project, or a fixed major version, written to the workspace settings. */
async function selectKerasVersion(): Promise<'auto' | '2' | '3' | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  const current = kerasVersionSetting(document);
  const detected = document && kerasVersionSetting(document) === 'auto' ? kerasFor(document) : undefined;
  const items: (vscode.QuickPickItem & { value: 'auto' | '2' | '3' })[] = [
    { value: 'auto', label: 'Detect from the project', description: detected ? statusText(detected) : 'requirements, pyproject.toml, lock files…' },
    { value: '3', label: 'Keras 3', description: 'keras 3.x, TensorFlow ≥ 2.16' },
    { value: '2', label: 'Keras 2', description: 'tf-keras, TensorFlow ≤ 2.15' },
  ];
  for (const candidate of items) if (candidate.value === current) candidate.label = `$(check) ${candidate.label}`;
  const picked = await vscode.window.showQuickPick(items, { title: 'Keras version for Activation Lens', placeHolder: 'What keras.* and tf.keras.* mean in this workspace' });
  if (!picked) return undefined;
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('activationLens').update('kerasVersion', picked.value, target);
  return picked.value;
}

export function register(context: vscode.ExtensionContext): void {
  item = vscode.window.createStatusBarItem('activationLens.kerasVersion', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Activation Lens: Keras version';
  item.command = SELECT_KERAS_VERSION_COMMAND;
  const watcher = vscode.workspace.createFileSystemWatcher(DECLARATIONS);
  context.subscriptions.push(
    item,
    changed,
    watcher,
    watcher.onDidChange(rereadProjects),
    watcher.onDidCreate(rereadProjects),
    watcher.onDidDelete(rereadProjects),
    vscode.commands.registerCommand(SELECT_KERAS_VERSION_COMMAND, selectKerasVersion),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    onDidChangeKerasVersion(updateStatus),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('activationLens.kerasVersion')) changed.fire();
    }),
    { dispose: () => (item = undefined) },
  );
  updateStatus();
}
