// Which files of each public repository the corpus measures, and as what: `code` (files as people write
// them: applications, guides, examples) or `docs` (where activations are named in documentation: Markdown,
// docstrings, JSDoc). A repository snapshot is recognised by its directory name, `owner+name` as `fetch`
// writes it under /work/.mirror (keras-io forks too: keras-team/keras-io itself is over fetch's size limit).

export type Part = 'code' | 'docs';

export interface RepositorySelection {
  /** `owner/name`, or a pattern for forks sharing a layout. */
  readonly repository: string;
  readonly matches: (directoryName: string) => boolean;
  /** The part a file belongs to, or undefined when it is not in the corpus. */
  readonly partOf: (path: string) => Part | undefined;
}

const notTest = (path: string): boolean => !/(^|\/)(tests?|testing)\/|_test\.py$|\.test\.[jt]sx?$|_test\.[jt]s$|\/spec\//.test(path);
const notVendored = (path: string): boolean => !/(^|\/)(node_modules|dist|build|vendor|third_party|\.ipynb_checkpoints)\/|\.min\.js$/.test(path);
const scriptFile = /\.(js|jsx|ts|tsx|mjs|cjs)$/;

export const SELECTIONS: readonly RepositorySelection[] = [
  {
    repository: 'keras-team/keras',
    matches: (name) => name === 'keras-team+keras',
    partOf: (path) => {
      if (/^(guides|examples)\/[^/]+\.py$/.test(path) || (/^keras\/src\/applications\/[^/]+\.py$/.test(path) && notTest(path))) return 'code';
      // Every module's docstrings: their doctests and fences name activations everywhere (ops, layers, losses).
      if (/^keras\/src\/.+\.py$/.test(path) && notTest(path)) return 'docs';
      if (/\.md$/.test(path) && !path.startsWith('.')) return 'docs';
      return undefined;
    },
  },
  {
    repository: 'keras-team/tf-keras',
    matches: (name) => name === 'keras-team+tf-keras',
    partOf: (path) => {
      if (/^tf_keras\/applications\/[^/]+\.py$/.test(path) && notTest(path)) return 'code';
      if (/^tf_keras\/.+\.py$/.test(path) && notTest(path)) return 'docs';
      if (/\.md$/.test(path) && !path.startsWith('.')) return 'docs';
      return undefined;
    },
  },
  {
    repository: 'tensorflow/tfjs-examples',
    matches: (name) => name === 'tensorflow+tfjs-examples',
    partOf: (path) => {
      if (!notVendored(path)) return undefined;
      if (scriptFile.test(path) || /\.(py|ipynb)$/.test(path)) return notTest(path) ? 'code' : undefined;
      if (/\.md$/.test(path)) return 'docs';
      return undefined;
    },
  },
  {
    repository: 'keras-team/keras-io (a fork)',
    matches: (name) => /\+keras-io$/.test(name),
    partOf: (path) => {
      if (/^guides\/[^/]+\.py$/.test(path) || /^examples\/[^/]+\/[^/]+\.py$/.test(path)) return 'code';
      if (/^guides\/ipynb\/[^/]+\.ipynb$/.test(path)) return 'code';
      if (/^guides\/md\/[^/]+\.md$/.test(path)) return 'docs';
      return undefined;
    },
  },
  {
    repository: 'tensorflow/tfjs',
    matches: (name) => name === 'tensorflow+tfjs',
    partOf: (path) => {
      if (/^tfjs-core\/src\/ops\/[^/]+\.ts$/.test(path) && notTest(path)) return 'docs';
      if (/^tfjs-layers\/src\/(exports_layers|activations|exports)\.ts$/.test(path)) return 'docs';
      return undefined;
    },
  },
];
