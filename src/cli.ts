// `activation-lens` command line: the same pure layers as the extension, for terminals and tests.
// Each command lives in src/cli/<command>.ts and returns its exit code; usage errors exit with 2.
import { UsageError, type CliIo } from './cli/args';
import * as check from './cli/check';
import * as describe from './cli/describe';
import * as evaluate from './cli/eval';
import * as run from './cli/run';
import * as scan from './cli/scan';

export type { CliIo } from './cli/args';

type Command = (argv: readonly string[], io: CliIo) => number;

const COMMANDS: Readonly<Record<string, { readonly run: Command; readonly usage: string }>> = {
  eval: evaluate,
  scan,
  describe,
  run,
  check,
};

const USAGE = `usage: activation-lens <command> [options]

commands:
${Object.values(COMMANDS)
  .map((command) => `  ${command.usage}`)
  .join('\n')}
`;

export function main(argv: readonly string[], io: CliIo): number {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command '${name}'; expected one of: ${Object.keys(COMMANDS).join(', ')}`);
    return command.run(rest, io);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    io.stderr(`error: ${error.message}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

if (require.main === module) {
  const fs = require('node:fs') as typeof import('node:fs');
  // A reader that stops early (`activation-lens scan big.js | head`) is not an error of ours.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  process.exitCode = main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: (path) => fs.readFileSync(path, 'utf8'),
    writeFile: (path, text) => fs.writeFileSync(path, text),
    listFolder: (path) => fs.readdirSync(path),
    isFolder: (path) => fs.statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false,
    environment: process.env,
  });
}
