// `npm start`: Activation Lens in a real VS Code for someone without one at hand. Packages the extension
// (`npm run package` → activation-lens.vsix), installs it into a fresh code-server profile, opens the samples/
// workspace and prints the URL to open in a browser. Ctrl+C stops the server and removes its temp folders.
//
//   npm start                     on 127.0.0.1:8080, or a free port when 8080 is taken
//   npm start -- --port 9000
//   npm start -- --no-package     reuse activation-lens.vsix as it is
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CODE_SERVER_VERSION, ROOT, freePort, startCodeServer } from './lib/code-server.mjs';
import { HarnessError, runMain, spawnGroup, withTimeout } from './lib/processes.mjs';

const VSIX = path.join(ROOT, 'activation-lens.vsix');
const SAMPLES = path.join(ROOT, 'samples');

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    'no-package': { type: 'boolean', default: false },
  },
});

async function main() {
  if (!args['no-package'] || !fs.existsSync(VSIX)) {
    console.log('packaging the extension (npm run package) …');
    // No stdin: vsce must never stop at a question.
    const pack = spawnGroup('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    const { code } = await withTimeout(pack.exited, 5 * 60_000, 'npm run package did not finish within 5 min');
    if (code !== 0) throw new HarnessError('npm run package failed (see above)');
  }

  const port = args.port ? Number(args.port) : (await isFree(8080)) ? 8080 : await freePort();
  const server = await startCodeServer({
    workspace: SAMPLES,
    vsix: [VSIX],
    port,
    logFile: path.join(ROOT, '.artifacts', 'start', 'code-server.log'),
  });
  const url = `${server.origin}/?folder=${encodeURI(SAMPLES)}`;
  console.log(`
Activation Lens is running in code-server ${CODE_SERVER_VERSION}, with the samples/ workspace:

    ${url}

Open it in a browser on this machine (or forward port ${server.port}). Hover an activation such as
relu in python/keras_layers.py. Server log: ${path.relative(ROOT, server.logFile)}. Ctrl+C stops it.`);

  // Runs until Ctrl+C / SIGTERM (runMain cleans up); a server that dies on its own ends the script too.
  const { code, signal } = await server.process.exited;
  throw new HarnessError(`code-server stopped by itself (${signal ?? `exit ${code}`}); see ${server.logFile}`);
}

function isFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

// No overall deadline: a person stops it. (The setting is a week, which no session outlives.)
runMain(main, { name: 'start', deadlineMs: 7 * 24 * 3600_000 });
