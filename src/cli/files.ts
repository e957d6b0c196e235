// `check` takes folders as Ruff does (`activation-lens check .`): a folder stands for every file under it in a
// language Activation Lens reads, in sorted order, leaving out the folders that hold tools', packages' and
// environments' files rather than the project's own. A file named on the command line is always read.
import { join } from 'node:path';
import { languageOfPath } from '../language';
import { UsageError, type CliIo } from './args';

/** Ruff's default exclusions that are folders, plus Python's caches; any folder whose name starts with a dot too. */
const SKIPPED_FOLDERS = new Set(['__pycache__', '__pypackages__', '_build', 'buck-out', 'build', 'dist', 'node_modules', 'site-packages', 'venv']);

/** The files the command line names: files as given, folders walked. */
export function expandPaths(paths: readonly string[], io: Pick<CliIo, 'listFolder' | 'isFolder'>): string[] {
  return paths.flatMap((path) => {
    if (!io.isFolder?.(path)) return [path];
    const files = filesUnder(path, io);
    if (!files.length) throw new UsageError(`no Python, notebook, TypeScript, JavaScript or Markdown file under '${path}'`);
    return files;
  });
}

function filesUnder(folder: string, io: Pick<CliIo, 'listFolder' | 'isFolder'>): string[] {
  const names = [...(io.listFolder?.(folder) ?? [])].sort();
  return names.flatMap((name) => {
    const path = join(folder, name);
    if (io.isFolder?.(path)) return name.startsWith('.') || SKIPPED_FOLDERS.has(name) ? [] : filesUnder(path, io);
    return languageOfPath(path) === undefined ? [] : [path];
  });
}
