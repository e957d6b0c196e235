// Which extension host the suite (and so the extension: they share it) runs in. test:vscode runs this suite
// twice: in the Node extension host, and in the browser's web worker one, where vscode.dev and github.dev run
// the extension; its profile names the host it asked for, so a pass that silently fell back fails here.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { wasmKernels } from '../../src/core/wasm';
import { activateExtension, extension } from './helpers';

/** Set by scripts/test-vscode.mjs in the web worker pass's profile. */
const EXPECTED_HOST_SETTING = 'activationLensTests.extensionHost';

describe('extension host', () => {
  it('runs in the extension host the window was asked for, from the bundle for it', async () => {
    const expected = vscode.workspace.getConfiguration().get<string>(EXPECTED_HOST_SETTING) ?? 'node';
    const inWorker = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === 'function';
    assert.equal(inWorker ? 'web' : 'node', expected);
    await activateExtension();
    const found = extension();
    assert.ok(found.isActive);
    // A web worker host is local to the browser (UI); the Node one runs beside the workspace.
    assert.equal(found.extensionKind, inWorker ? vscode.ExtensionKind.UI : vscode.ExtensionKind.Workspace);
    assert.equal(found.packageJSON.browser, './dist/extension-web.js');
    assert.equal(typeof (globalThis as { process?: unknown }).process, inWorker ? 'undefined' : 'object', 'Node globals only in Node');
  });

  it('compiles the WebAssembly kernels there (the JS kernels stand in only where a host forbids it)', () => {
    assert.ok(wasmKernels(), 'the WebAssembly kernels compiled in this host');
  });
});
