// The CLI run in-process on real files, as `cli.ts` runs it from a terminal (no environment variables: a test's
// Keras version comes from the files it writes).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { main, type CliIo } from '../../src/cli';

export function runCli(argv: readonly string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readFile: (path) => readFileSync(path, 'utf8'),
    writeFile: (path, text) => writeFileSync(path, text),
    listFolder: (path) => readdirSync(path),
    isFolder: (path) => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false,
    environment: {},
  };
  return { code: main([...argv], io), stdout, stderr };
}
