// code-server (VS Code's own workbench and server, from npm) for the tests and `npm start`: installed once
// into the git-ignored .tools/ folder, started on a free loopback port with a fresh profile every time.
// The facts behind the flags: shared/design/testing-in-vscode.md.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HarnessError, makeTempDir, onCleanup, sleep, spawnGroup, tailOf, withTimeout } from './processes.mjs';
import { writeUserSettings } from './profile.mjs';

// 4.100.3 = VS Code 1.100.3: the last release that runs on Node 20 and keeps the test hooks.
export const CODE_SERVER_VERSION = '4.100.3';
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const TOOLS_DIR = path.join(ROOT, '.tools');
const INSTALL_DIR = path.join(TOOLS_DIR, `code-server-${CODE_SERVER_VERSION}`);
const ENTRY = path.join(INSTALL_DIR, 'node_modules/code-server/out/node/entry.js');
const INSTALLED_MARKER = path.join(INSTALL_DIR, 'installed.json');
const INSTALL_TIMEOUT_MS = 10 * 60_000;

// @vscode/ripgrep (a code-server dependency) downloads `rg` in its postinstall unless it finds this tarball;
// this machine reaches no download host, so Debian's rg stands in for it.
const RIPGREP_CACHE = path.join(os.tmpdir(), 'vscode-ripgrep-cache-1.15.11', 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');

/** Installs code-server into .tools/ unless that exact version is already there; returns its entry script. */
export async function ensureCodeServer({ log = console.log } = {}) {
  if (fs.existsSync(INSTALLED_MARKER) && fs.existsSync(ENTRY)) return ENTRY;
  ensureRipgrepCache();

  fs.mkdirSync(TOOLS_DIR, { recursive: true });
  // Install beside the final folder and rename at the end: an interrupted install never looks finished.
  const staging = `${INSTALL_DIR}.partial-${process.pid}`;
  // Leftovers of interrupted installs go; one whose process still runs is another install in progress.
  const partialPrefix = `${path.basename(INSTALL_DIR)}.partial-`;
  for (const leftover of fs.readdirSync(TOOLS_DIR).filter((name) => name.startsWith(partialPrefix))) {
    if (!isRunning(Number(leftover.slice(partialPrefix.length)))) fs.rmSync(path.join(TOOLS_DIR, leftover), { recursive: true, force: true });
  }
  fs.mkdirSync(staging);
  onCleanup(() => fs.rmSync(staging, { recursive: true, force: true }));
  fs.writeFileSync(
    path.join(staging, 'package.json'),
    `${JSON.stringify({ private: true, description: 'code-server for Activation Lens tests (scripts/lib/code-server.mjs)' }, null, 2)}\n`,
  );

  const logFile = path.join(TOOLS_DIR, 'code-server-install.log');
  log(`installing code-server ${CODE_SERVER_VERSION} into .tools/ (once; about a minute, builds native modules; log: ${path.relative(ROOT, logFile)})`);
  const npm = spawnGroup('npm', ['install', '--foreground-scripts', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: staging,
    stdio: ['ignore', fs.openSync(logFile, 'w'), fs.openSync(logFile, 'a')],
    env: {
      ...process.env,
      // node-pty's postinstall runs `npx node-gyp`, which must not stop to ask.
      npm_config_yes: 'true',
      // code-server's postinstall refuses to run as root without it (npm itself no longer knows the option).
      npm_config_unsafe_perm: 'true',
      // code-server's postinstall runs a nested `npm install` in lib/vscode whose native modules (node-pty,
      // spdlog, watcher, kerberos …) need their install scripts. npm refuses `allow-scripts` lists from the
      // environment for project installs, and the nested package.json is not ours to edit, so this one pinned
      // tool install allows all scripts. The project's own `npm ci` keeps its allowScripts policy.
      npm_config_dangerously_allow_all_scripts: 'true',
    },
  });
  const { code, signal } = await withTimeout(npm.exited, INSTALL_TIMEOUT_MS, `installing code-server took over ${INSTALL_TIMEOUT_MS / 60_000} min; see ${logFile}`);
  if (code !== 0) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n');
    throw new HarnessError(`installing code-server failed (${signal ?? `exit ${code}`}); last lines of ${logFile}:\n${tail}`);
  }
  if (fs.existsSync(INSTALLED_MARKER)) return ENTRY; // a concurrent install finished first and may be in use
  fs.rmSync(INSTALL_DIR, { recursive: true, force: true });
  fs.renameSync(staging, INSTALL_DIR);
  fs.writeFileSync(INSTALLED_MARKER, `${JSON.stringify({ version: CODE_SERVER_VERSION, node: process.version })}\n`);
  return ENTRY;
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function ensureRipgrepCache() {
  if (fs.existsSync(RIPGREP_CACHE) || process.platform !== 'linux' || process.arch !== 'x64') return;
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((candidate) => fs.existsSync(candidate));
  if (!rg) {
    throw new HarnessError('ripgrep is missing: install it (apt-get install -y ripgrep); code-server would otherwise try to download it');
  }
  fs.mkdirSync(path.dirname(RIPGREP_CACHE), { recursive: true });
  const tar = spawnSync('tar', ['-czf', RIPGREP_CACHE, '-C', path.dirname(rg), path.basename(rg)], { stdio: 'inherit' });
  if (tar.status !== 0) throw new HarnessError(`could not write ${RIPGREP_CACHE}`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server on 127.0.0.1 with a fresh profile and resolves once GET /healthz answers.
 * `vsix` files are installed into the fresh extensions folder first; `settings` go into the profile's user
 * settings over the usual ones (profile.mjs). Everything is undone by cleanUp().
 */
export async function startCodeServer({
  workspace,
  vsix = [],
  settings = {},
  env = {},
  port = Number(process.env.ACTIVATION_LENS_CODE_SERVER_PORT) || undefined,
  healthTimeoutMs = Number(process.env.ACTIVATION_LENS_HEALTH_TIMEOUT_MS) || 60_000,
  logFile,
  log = console.log,
}) {
  const entry = await ensureCodeServer({ log });
  const home = makeTempDir('activation-lens-code-server-');
  const dirs = {
    userData: path.join(home, 'user-data'),
    extensions: path.join(home, 'extensions'),
    xdgConfig: path.join(home, 'config'),
    xdgData: path.join(home, 'data'),
    tmp: path.join(home, 'tmp'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  writeUserSettings(dirs.userData, settings);

  // XDG_* keep code-server from writing its config and state under the home folder.
  const serverEnv = {
    ...process.env,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    // The extension host leaves its vscode-ipc-*.sock in the temp folder; this one is removed with the rest.
    TMPDIR: dirs.tmp,
    // No extension gallery: this machine reaches none, and a test must not depend on one.
    EXTENSIONS_GALLERY: '{}',
    ...env,
  };
  const profile = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

  for (const file of vsix) {
    const install = spawnGroup(process.execPath, [entry, ...profile, '--install-extension', file], { env: serverEnv });
    const output = tailOf(install.stdout);
    install.stderr.pipe(process.stderr);
    const { code } = await withTimeout(install.exited, 120_000, `code-server --install-extension ${file} did not finish within 2 min`);
    if (code !== 0) throw new HarnessError(`code-server could not install ${file}:\n${output()}`);
  }

  const chosenPort = port ?? (await freePort());
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${chosenPort}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
    ...profile,
    workspace,
  ];
  const outputFile = logFile ?? path.join(home, 'code-server.log');
  fs.mkdirSync(path.dirname(outputFile), { recursive: true });
  const output = fs.createWriteStream(outputFile);
  const server = spawnGroup(process.execPath, args, { env: serverEnv });
  const stdoutTail = tailOf(server.stdout);
  const stderrTail = tailOf(server.stderr);
  server.stdout.on('data', (chunk) => output.write(chunk));
  server.stderr.on('data', (chunk) => output.write(chunk));
  onCleanup(() => new Promise((resolve) => output.end(resolve)));

  const origin = `http://127.0.0.1:${chosenPort}`;
  const exitedEarly = server.exited.then(({ code, signal }) => {
    throw new HarnessError(
      `code-server exited (${signal ?? `exit ${code}`}) before it answered ${origin}/healthz; its output:\n${stdoutTail()}${stderrTail()}`,
    );
  });
  await withTimeout(
    Promise.race([waitForHealth(origin, () => server.exitCode !== null || server.signalCode !== null), exitedEarly]),
    healthTimeoutMs,
    () => `code-server did not answer ${origin}/healthz within ${healthTimeoutMs / 1000} s; its output:\n${stdoutTail()}${stderrTail()}`,
  );
  exitedEarly.catch(() => {}); // later exits are reported by whoever uses the server

  return {
    origin,
    port: chosenPort,
    workspace,
    logFile: outputFile,
    process: server,
    /** A path on this machine as the workbench's remote file system names it. */
    remoteUri: (absolutePath) => `vscode-remote://127.0.0.1:${chosenPort}${absolutePath}`,
    /**
     * The workbench URL for a folder; with `extensionDevelopmentPath` (and `extensionTestsPath`, the compiled
     * suite's index without `.js`) the window loads the extension under development (and runs the suite),
     * like `code --extensionDevelopmentPath … --extensionTestsPath …` on the desktop.
     */
    workbenchUrl({ folder = workspace, extensionDevelopmentPath, extensionTestsPath } = {}) {
      const url = new URL(origin);
      url.searchParams.set('folder', folder);
      const payload = [];
      if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', this.remoteUri(extensionDevelopmentPath)]);
      if (extensionTestsPath) payload.push(['extensionTestsPath', this.remoteUri(extensionTestsPath)]);
      if (payload.length > 0) url.searchParams.set('payload', JSON.stringify(payload));
      return url.toString();
    },
    stop: () => server.stopGroup(),
  };
}

async function waitForHealth(origin, hasExited) {
  while (!hasExited()) {
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
}
