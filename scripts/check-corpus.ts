// `check` over published code that is correct — the Keras applications, guides and examples, the tf-keras
// applications, keras-io's examples and guides, tensorflow/tfjs-examples, and their Markdown — where every diagnostic is a false
// alarm to look at. Repository snapshots are read from git (as `fetch` writes them under /work/.mirror), each
// file checked with the Keras version its repository's declarations give at its folder, as the CLI would.
// Prints the figures and every diagnostic with its line; nothing of the repositories is kept.
//
//   npx tsx scripts/check-corpus.ts [--json out.json] [--keras 2|3]   (--keras: every file read as that Keras instead)
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, posix } from 'node:path';
import { checkSource } from '../src/cli/check';
import { languageOfPath, parseNotebook, type DocumentLanguage } from '../src/language';
import { detectKerasVersionSync } from '../src/language/kerasVersion';

const MIRROR = '/work/.mirror';

interface Corpus {
  readonly repository: string;
  readonly directory: string;
  /** The files checked: code as people write it, no tests, nothing vendored. */
  readonly selects: (path: string) => boolean;
}

const notTest = (path: string): boolean => !/(^|\/)(tests?|testing)\/|_test\.py$|\.test\.[jt]sx?$|_test\.[jt]s$|\/spec\//.test(path);
const notVendored = (path: string): boolean => !/(^|\/)(node_modules|dist|build|vendor|third_party|\.ipynb_checkpoints)\/|\.min\.js$/.test(path);

/** Documentation: its code fences are checked too (as published, they should be clean). */
const markdownDoc = (path: string): boolean => path.endsWith('.md') && notVendored(path);

const keraIoFile = (path: string): boolean => markdownDoc(path) || /^(guides|examples)\/(.+\/)?[^/]+\.py$/.test(path) || /^guides\/ipynb\/[^/]+\.ipynb$/.test(path);

const CORPORA: readonly Corpus[] = [
  { repository: 'keras-team/keras', directory: 'keras-team+keras', selects: (path) => /^(guides|examples)\/.+\.py$/.test(path) || markdownDoc(path) || (/^keras\/src\/applications\/[^/]+\.py$/.test(path) && notTest(path)) },
  { repository: 'keras-team/tf-keras', directory: 'keras-team+tf-keras', selects: (path) => (/^tf_keras\/applications\/[^/]+\.py$/.test(path) && notTest(path)) || markdownDoc(path) },
  // keras-team/keras-io itself is over fetch's size limit: a fork of January 2024 (after its move to Keras 3) …
  { repository: 'keras-team/keras-io (fork chicham/keras-io, 2024-01)', directory: 'chicham+keras-io', selects: (path) => keraIoFile(path) },
  // … and one of March 2021, Keras 2 code whose requirements name an unpinned `tensorflow` (Keras 3 today).
  { repository: 'keras-team/keras-io (fork svpino/keras-io, 2021-03)', directory: 'svpino+keras-io', selects: (path) => keraIoFile(path) },
  { repository: 'tensorflow/tfjs-examples', directory: 'tensorflow+tfjs-examples', selects: (path) => notVendored(path) && notTest(path) && /\.(js|jsx|ts|tsx|mjs|cjs|py|ipynb|md)$/.test(path) },
];

interface Hit {
  readonly repository: string;
  readonly file: string;
  readonly cell?: number;
  readonly line: number;
  readonly code: string;
  readonly message: string;
  readonly text: string;
}

function run(json: string | undefined, forced: '2' | '3' | undefined): void {
  const hits: Hit[] = [];
  const figures: { repository: string; commit: string; files: number; references: string; diagnostics: number; versions: Record<string, number> }[] = [];
  for (const corpus of CORPORA) {
    const directory = `${MIRROR}/${corpus.directory}/repo`;
    if (!existsSync(directory)) {
      console.log(`(missing: ${corpus.repository} — fetch it into ${directory})`);
      continue;
    }
    const git = (...args: string[]): string => execFileSync('git', ['-C', directory, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const commit = git('rev-parse', '--short=12', 'HEAD').trim();
    const paths = git('ls-tree', '-r', '--name-only', 'HEAD').split('\n').filter(Boolean);
    const tree = new Set(paths);
    const folders = new Set(paths.flatMap((path) => ancestors(path)));
    const cache = new Map<string, string>();
    const read = (path: string): string | undefined => {
      const relative = path.replace(/^\/+/, '');
      if (!tree.has(relative)) return undefined;
      if (!cache.has(relative)) cache.set(relative, git('show', `HEAD:${relative}`));
      return cache.get(relative);
    };
    const list = (path: string): string[] | undefined => {
      const folder = path.replace(/^\/+|\/+$/g, '');
      if (folder !== '' && !folders.has(folder)) return undefined;
      return paths.filter((candidate) => posix.dirname(candidate) === (folder || '.')).map((candidate) => posix.basename(candidate));
    };
    let files = 0;
    let diagnostics = 0;
    const versions: Record<string, number> = {};
    for (const path of paths.filter(corpus.selects)) {
      const language = languageOfPath(path);
      if (!language) continue;
      const text = read(`/${path}`) ?? '';
      const { found } = detectKerasVersionSync(read, `/${dirname(path)}`, { listFolder: list, stopAt: '/' });
      const keras: { major: '2' | '3'; version?: string; source?: string } = forced ? { major: forced } : found ? { major: found.major, ...(found.version ? { version: found.version } : {}), source: found.source } : { major: '3' };
      const label = forced ? `Keras ${forced} (--keras)` : `Keras ${keras.version ?? keras.major}${found ? '' : ' (nothing declared)'}`;
      versions[label] = (versions[label] ?? 0) + 1;
      let parts;
      try {
        parts = checkSource(language === 'notebook' ? { kind: 'notebook', notebook: parseNotebook(text) } : { kind: 'document', text, language: language as DocumentLanguage }, keras, {});
      } catch (error) {
        console.log(`skipped ${corpus.repository} ${path}: ${(error as Error).message}`);
        continue;
      }
      files++;
      for (const part of parts) {
        const lines = part.text.split(/\r\n|\r|\n/);
        for (const diagnostic of part.diagnostics) {
          const line = part.text.slice(0, diagnostic.start).split(/\r\n|\r|\n/).length;
          hits.push({ repository: corpus.repository, file: path, ...(part.cell !== undefined ? { cell: part.cell } : {}), line, code: diagnostic.code, message: diagnostic.message, text: lines[line - 1].trim() });
          diagnostics++;
        }
      }
    }
    figures.push({ repository: corpus.repository, commit, files, references: '', diagnostics, versions });
  }
  for (const figure of figures) console.log(`${figure.repository} @ ${figure.commit}: ${figure.files} files, ${figure.diagnostics} diagnostics; read as ${Object.entries(figure.versions).map(([version, count]) => `${version}: ${count}`).join(', ')}`);
  for (const hit of hits) console.log(`${hit.repository} ${hit.file}${hit.cell !== undefined ? ` cell ${hit.cell}` : ''}:${hit.line}: ${hit.code} ${hit.message}\n    ${hit.text}`);
  console.log(`total: ${figures.reduce((sum, figure) => sum + figure.files, 0)} files, ${hits.length} diagnostics`);
  if (json) writeFileSync(json, `${JSON.stringify({ figures, hits }, null, 2)}\n`);
}

/** The folders a path is in, innermost last (`a/b/c.py` → `a`, `a/b`). */
function ancestors(path: string): string[] {
  const parts = path.split('/').slice(0, -1);
  return parts.map((_, k) => parts.slice(0, k + 1).join('/'));
}

const option = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
};
const forced = option('--keras');
if (forced !== undefined && forced !== '2' && forced !== '3') throw new Error(`--keras must be 2 or 3, got ${forced}`);
run(option('--json'), forced);
