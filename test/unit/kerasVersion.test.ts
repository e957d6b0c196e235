import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectKerasVersion, type DetectOptions, type KerasVersionResult } from '../../src/language/kerasVersion';

const PROJECTS = fileURLToPath(new URL('../fixtures/projects/', import.meta.url));

const readFromDisk = (path: string): Promise<string | undefined> => readFile(path, 'utf8').catch(() => undefined);
const listFromDisk = (path: string): Promise<string[] | undefined> => readdir(path).catch(() => undefined);

/** Detects from `start` inside fixture project `project` (never walking out of it). */
function detect(project: string, start = '', options: DetectOptions = {}): Promise<KerasVersionResult> {
  return detectKerasVersion(readFromDisk, join(PROJECTS, project, start), { listFolder: listFromDisk, stopAt: join(PROJECTS, project), ...options });
}

/** The found version as { version, major, source }, and the problems as `file:line:column message`. */
async function outcome(project: string, start = '', options: DetectOptions = {}) {
  const { found, problems } = await detect(project, start, options);
  return {
    found: found && { version: found.version, major: found.major, source: found.source },
    problems: problems.map((problem) => `${problem.path.slice(join(PROJECTS, project).length + 1)}:${problem.line ?? ''}:${problem.column ?? ''} ${problem.message}`),
  };
}

const keras = (major: '2' | '3', version: string | undefined, source: string) => ({ version, major, source });

describe('Keras version of a project', () => {
  describe('requirements*.txt', () => {
    it('reads a pinned keras among other lines and comments', async () => {
      const { found } = await detect('requirements-pinned');
      assert.deepEqual({ version: found?.version, major: found?.major, source: found?.source }, keras('3', '3.5', 'requirements.txt'));
      assert.equal(found?.detail, 'keras==3.5.0 (requirements.txt, line 3)');
      assert.equal(found?.path, join(PROJECTS, 'requirements-pinned', 'requirements.txt'));
    });

    it('follows -r includes, skips pip options, reads extras, markers, spaces and comments after requirements', async () => {
      assert.deepEqual((await outcome('requirements-include')).found, keras('3', '3.0', 'requirements/base.txt'));
    });

    it('joins continued lines and drops --hash options', async () => {
      assert.deepEqual((await outcome('requirements-continuation')).found, keras('3', '3.4.1', 'requirements.txt'));
    });

    it('says where an include is missing and reads the rest', async () => {
      assert.deepEqual(await outcome('requirements-missing-include'), {
        found: keras('2', '2.15', 'requirements.txt'),
        problems: ['requirements.txt:1: `-r nowhere.txt`: nowhere.txt does not exist'],
      });
    });

    it('reads the version of a wheel named by URL', async () => {
      assert.deepEqual((await outcome('requirements-url')).found, keras('3', '3.8', 'requirements.txt'));
    });

    it('takes, of alternatives under markers it cannot evaluate, the newest', async () => {
      assert.deepEqual((await outcome('requirements-markers')).found, keras('3', undefined, 'requirements.txt'));
    });

    it('reports a constraint pip would reject, positioned, and decides nothing from it', async () => {
      assert.deepEqual(await outcome('requirements-unreadable'), {
        found: undefined,
        problems: ['requirements.txt:1: `keras=>3.0`: the version constraint is not one pip reads'],
      });
    });

    it('reads requirements-*.txt when the folder can be listed, and only requirements.txt otherwise', async () => {
      assert.deepEqual((await outcome('requirements-extra-file')).found, keras('2', '2.11', 'requirements-gpu.txt'));
      assert.equal((await detectKerasVersion(readFromDisk, join(PROJECTS, 'requirements-extra-file'), { stopAt: join(PROJECTS, 'requirements-extra-file') })).found, undefined);
    });
  });

  describe('the rules', () => {
    it('tensorflow<2.16 is Keras 2; a lower bound below 2.16 gives its minor', async () => {
      assert.deepEqual((await outcome('tensorflow-before-2.16')).found, keras('2', undefined, 'requirements.txt'));
      assert.deepEqual((await outcome('tensorflow-range')).found, keras('2', '2.10', 'requirements.txt'));
      assert.deepEqual((await outcome('tensorflow-macos')).found, keras('2', '2.13', 'requirements.txt'));
    });

    it('tensorflow>=2.16 is Keras 3 of no known version', async () => {
      const { found } = await detect('tensorflow-2.16');
      assert.deepEqual({ version: found?.version, major: found?.major }, { version: undefined, major: '3' });
      assert.match(found?.detail ?? '', /2\.16 and later use Keras 3/);
    });

    it('keras decides over tensorflow; keras<3 is Keras 2; ~=2.15.0 is 2.15; a patch release is kept', async () => {
      assert.deepEqual((await outcome('keras-below-3')).found, keras('2', undefined, 'requirements.txt'));
      assert.deepEqual((await outcome('keras-compatible-2')).found, keras('2', '2.15', 'requirements.txt'));
      assert.deepEqual((await outcome('keras-patch')).found, keras('3', '3.0.1', 'requirements.txt'));
      assert.deepEqual((await outcome('environment-yml')).found, keras('2', '2.15', 'environment.yml'));
    });

    it('a range spanning both majors is the newer major, without a version', async () => {
      const { found } = await detect('keras-open-range');
      assert.deepEqual({ version: found?.version, major: found?.major }, { version: undefined, major: '3' });
      assert.match(found?.detail ?? '', /newest it allows/);
    });

    it('a keras that is neither 2 nor 3 is reported and TensorFlow decides', async () => {
      assert.deepEqual(await outcome('keras-1'), {
        found: keras('2', '2.4', 'requirements.txt'),
        problems: ['requirements.txt:1: keras==1.2.2 allows neither Keras 2 nor Keras 3'],
      });
    });

    it('keras-core alone is Keras 3', async () => {
      assert.deepEqual((await outcome('keras-core')).found, keras('3', undefined, 'requirements.txt'));
    });

    it('tensorflow>=2.16 with tf-keras and TF_USE_LEGACY_KERAS=1 in .env is Keras 2 (tf-keras)', async () => {
      const { found } = await detect('legacy-keras');
      assert.deepEqual({ version: found?.version, major: found?.major, source: found?.source }, keras('2', '2.17', 'requirements.txt'));
      assert.match(found?.detail ?? '', /TF_USE_LEGACY_KERAS=1 \(\.env\)/);
    });

    it('TF_USE_LEGACY_KERAS=0 keeps Keras 3; the caller’s environment can set it', async () => {
      assert.deepEqual((await outcome('legacy-keras-not-set')).found, keras('3', undefined, 'requirements.txt'));
      // .env (0) is read before the environment, so the environment's 1 does not apply here …
      assert.equal((await detect('legacy-keras-not-set', '', { environment: { TF_USE_LEGACY_KERAS: '1' } })).found?.major, '3');
      // … but it does where no file sets it.
      assert.equal((await detect('legacy-keras-environment')).found?.major, '3');
      assert.deepEqual((await outcome('legacy-keras-environment', '', { environment: { TF_USE_LEGACY_KERAS: '1' } })).found, keras('2', '2.17', 'requirements.txt'));
    });

    it('reads TF_USE_LEGACY_KERAS from a .env above the declaring folder, and from environment.yml variables', async () => {
      const parent = await detect('legacy-keras-parent', 'app');
      assert.deepEqual({ version: parent.found?.version, major: parent.found?.major, source: parent.found?.source }, keras('2', '2.16', 'pyproject.toml'));
      assert.match(parent.found?.detail ?? '', /TF_USE_LEGACY_KERAS=true \(\.\.\/\.env\)/);
      assert.deepEqual((await outcome('environment-legacy')).found, keras('2', '2.18', 'environment.yaml'));
    });

    it('a lock file’s pinned version beats the declared range', async () => {
      assert.deepEqual((await outcome('pyproject-poetry-lock')).found, keras('3', '3.6', 'poetry.lock'));
      assert.deepEqual((await outcome('uv-lock')).found, keras('3', '3.9.2', 'uv.lock'));
      assert.deepEqual((await outcome('pipfile-lock')).found, keras('2', '2.15', 'Pipfile.lock'));
    });

    it('an optional keras does not outweigh a required TensorFlow', async () => {
      assert.deepEqual((await outcome('optional-keras')).found, keras('2', '2.15', 'pyproject.toml'));
    });
  });

  describe('other formats', () => {
    it('pyproject.toml: PEP 621 dependencies, and optional-dependencies when nothing else names the package', async () => {
      assert.deepEqual((await outcome('pyproject-pep621')).found, keras('3', '3.5', 'pyproject.toml'));
      assert.deepEqual((await outcome('pyproject-optional-only')).found, keras('2', '2.12', 'pyproject.toml'));
    });

    it('pyproject.toml: Poetry carets, tildes, tables and alternatives', async () => {
      assert.deepEqual((await outcome('pyproject-poetry')).found, keras('3', '3.2', 'pyproject.toml'));
      assert.deepEqual((await outcome('pyproject-poetry-table')).found, keras('2', '2.15', 'pyproject.toml'));
      assert.deepEqual((await outcome('pyproject-poetry-or')).found, keras('3', '3.4', 'pyproject.toml'));
    });

    it('setup.cfg install_requires, as a dangling list with comments', async () => {
      assert.deepEqual((await outcome('setup-cfg')).found, keras('3', '3.1', 'setup.cfg'));
    });

    it('setup.py install_requires read as text: a list, or a name bound to a list; a computed one is reported', async () => {
      assert.deepEqual((await outcome('setup-py')).found, keras('2', '2.14', 'setup.py'));
      assert.deepEqual((await outcome('setup-py-variable')).found, keras('3', '3.3.3', 'setup.py'));
      assert.deepEqual(await outcome('setup-py-computed'), {
        found: undefined,
        problems: ['setup.py:3: install_requires is computed (`open…`), not a list of strings: not read'],
      });
    });

    it('environment.yml: conda specs with channel and build, and the pip section', async () => {
      assert.deepEqual((await outcome('environment-conda-only')).found, keras('2', '2.15', 'environment.yml'));
    });

    it('Pipfile: a bare * allows the newest TensorFlow', async () => {
      assert.deepEqual((await outcome('pipfile')).found, keras('3', undefined, 'Pipfile'));
    });
  });

  describe('malformed files and the walk', () => {
    it('reports malformed TOML, YAML and JSON with their position, and uses what else the folder declares', async () => {
      assert.deepEqual(await outcome('malformed-toml'), {
        found: keras('2', '2.15', 'requirements.txt'),
        problems: ['pyproject.toml:4:1 not valid TOML: Invalid TOML document: expected comma or end of structure'],
      });
      const yaml = await outcome('malformed-yaml');
      assert.equal(yaml.found, undefined);
      assert.deepEqual(yaml.problems, ['environment.yml:3:3 not valid YAML: missed comma between flow collection entries']);
      const json = await outcome('malformed-lock');
      assert.deepEqual(json.found, keras('3', '3.0', 'Pipfile'));
      assert.equal(json.problems.length, 1);
      assert.match(json.problems[0], /^Pipfile\.lock:2:1 not valid JSON/);
    });

    it('walks upward to the nearest declaring folder, and stops at stopAt', async () => {
      assert.deepEqual((await outcome('nested', 'src/models')).found, keras('3', '3.10', 'requirements.txt'));
      const stopped = await detectKerasVersion(readFromDisk, join(PROJECTS, 'nested', 'src/models'), { stopAt: join(PROJECTS, 'nested', 'src') });
      assert.equal(stopped.found, undefined);
    });

    it('finds nothing, and says nothing, where no folder declares Keras or TensorFlow', async () => {
      assert.deepEqual(await outcome('no-declaration'), { found: undefined, problems: [] });
    });

    it('never throws: a reader that fails is a problem', async () => {
      const failing = async (path: string): Promise<string | undefined> => {
        if (path.endsWith('pyproject.toml')) throw new Error('permission denied');
        return path.endsWith('requirements.txt') ? 'keras==3.2.1\n' : undefined;
      };
      const { found, problems } = await detectKerasVersion(failing, '/project', { stopAt: '/project' });
      assert.equal(found?.version, '3.2.1');
      assert.deepEqual(problems, [{ path: '/project/pyproject.toml', message: 'could not be read: permission denied' }]);
    });

    it('survives arbitrary text in every file it reads', async () => {
      // A fixed pseudo-random sequence (xorshift), so a failure reproduces.
      let state = 0x9e3779b9;
      const next = (): number => ((state ^= state << 13), (state ^= state >>> 17), (state ^= state << 5), (state >>> 0) / 2 ** 32);
      const alphabet = 'keras tensorflow tf-keras=<>~^*|,;:#[]{}()"\'\\\n -r 3.5.0 2.16 @ / pip: - [[package]] name version install_requires=';
      for (let round = 0; round < 200; round++) {
        const text = Array.from({ length: Math.floor(next() * 200) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
        const result = await detectKerasVersion(async () => text, '/fuzz', { stopAt: '/fuzz' });
        assert.ok(Array.isArray(result.problems));
        if (result.found) assert.ok(result.found.major === '2' || result.found.major === '3');
      }
    });

    it('walks Windows paths and the root of a POSIX path', async () => {
      const files: Record<string, string> = { 'C:\\work\\requirements.txt': 'tensorflow==2.9.3\n', '/requirements.txt': 'keras==3.1.0\n' };
      const inMemory = async (path: string): Promise<string | undefined> => files[path];
      assert.equal((await detectKerasVersion(inMemory, 'C:\\work\\project\\src')).found?.path, 'C:\\work\\requirements.txt');
      assert.equal((await detectKerasVersion(inMemory, '/home/someone/project')).found?.version, '3.1');
    });
  });
});
