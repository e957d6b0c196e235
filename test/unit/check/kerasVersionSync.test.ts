// The CLI reads the Keras version synchronously: the same detection as the extension's asynchronous one,
// run over every fixture project both ways, must give the same answer and the same problems.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectKerasVersion, detectKerasVersionSync } from '../../../src/language/kerasVersion';

const PROJECTS = fileURLToPath(new URL('../../fixtures/projects/', import.meta.url));

const readSync = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};
const readAsync = (path: string): Promise<string | undefined> => Promise.resolve().then(() => readSync(path));

describe('Keras version, read synchronously', () => {
  for (const project of readdirSync(PROJECTS)) {
    it(`finds what the asynchronous detection finds in ${project}`, async () => {
      const folder = join(PROJECTS, project);
      const stopAt = folder;
      const asynchronous = await detectKerasVersion(readAsync, folder, { stopAt, listFolder: (path) => readdir(path).catch(() => undefined) });
      const synchronous = detectKerasVersionSync(readSync, folder, { stopAt, listFolder: (path) => readdirSync(path) });
      assert.deepEqual(synchronous, asynchronous);
    });
  }

  it('reports a reader that throws as a problem of that file, as the asynchronous one does', async () => {
    const failing = (path: string): string | undefined => {
      if (path.endsWith('requirements.txt')) throw new Error('permission denied');
      return undefined;
    };
    const synchronous = detectKerasVersionSync(failing, '/project', { stopAt: '/project' });
    const asynchronous = await detectKerasVersion(async (path) => failing(path), '/project', { stopAt: '/project' });
    assert.deepEqual(synchronous, asynchronous);
    assert.match(synchronous.problems[0]?.message ?? '', /permission denied/);
  });
});
