#!/usr/bin/env python3
"""Builds src/core/catalog/since.json: the release that added (deprecated, removed) every activation, op,
layer and argument of the catalog, read from the libraries' git histories.

    python3 scripts/since/build_since.py [--keras DIR] [--tf-keras DIR] [--tfjs DIR] [--out FILE]

The DIRs are bare git clones (default: the snapshots under /work/.mirror/). Nothing here runs at build or
test time; re-run it when the catalog grows or a library releases, and commit its output.

Method (scripts/since/README.md says more):
- The names to date come from the catalog itself: `npx tsx scripts/since/catalogQueries.ts` prints them.
- Each library is a timeline of releases, oldest first; at each release the public API is read from the
  sources of that tag: Python through `ast` (the `keras_export` decorators, the signatures, the string
  identifiers `activations.get` accepts), TypeScript through the export statements of tfjs-core and
  tfjs-layers. A name or argument is "added" at the first release that has it; the commit that brought it
  is the oldest commit between the two releases that changed the count of its text in the file it lives in.
- Keras 3: keras-team/keras tags v3.*, and master (unreleased). Keras 2 (tf.keras): keras-team/keras
  tags v2.6-v2.15 (the `keras` package TensorFlow 2.6-2.15 bundled), then keras-team/tf-keras tags. A
  Keras 2 name already in 2.6 is dated "2.6 or earlier" (evidence `oldest-tag`): TensorFlow 2.0-2.5 kept
  tf.keras in the tensorflow repository, too large to read here.
- TensorFlow ops (tf.nn, tf.math, tf.*) have no history here either: an op tf.keras 2.6 calls existed in
  TensorFlow 2.6 (evidence `oldest-tag`); the others, and every op's arguments, are `assumed` present
  since 2.6 (they all are in TensorFlow's current API).
- TensorFlow.js: before the monorepo (Aug 2019, 1.2.8) tfjs-core and tfjs-layers were their own
  repositories, whose histories the monorepo kept; their releases there are the commits that set each new
  package.json version. From 1.2.8 on, the monorepo tags tfjs-vX.Y.Z (all packages share the version).
"""

import argparse
import ast
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMMIT_DIGITS = 12
MIRRORS = Path('/work/.mirror')


# ---------------------------------------------------------------------------------------------------
# git

class Git:
    """A bare repository: blobs through one `git cat-file --batch` process, everything else by command."""

    def __init__(self, gitdir: Path, slug: str):
        self.gitdir = str(gitdir)
        self.slug = slug
        self.batch = subprocess.Popen(['git', '-C', self.gitdir, 'cat-file', '--batch'], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.cache: dict[str, str | None] = {}

    def run(self, *args: str) -> str:
        return subprocess.run(['git', '-C', self.gitdir, *args], check=True, capture_output=True, text=True).stdout

    def blob(self, rev: str, path: str) -> str | None:
        key = f'{rev}:{path}'
        if key not in self.cache:
            assert self.batch.stdin and self.batch.stdout
            self.batch.stdin.write(f'{key}\n'.encode())
            self.batch.stdin.flush()
            header = self.batch.stdout.readline().decode().split()
            if len(header) < 3 or header[1] != 'blob':
                self.cache[key] = None
            else:
                data = self.batch.stdout.read(int(header[2]))
                self.batch.stdout.read(1)
                self.cache[key] = data.decode('utf-8', errors='replace')
        return self.cache[key]

    def files(self, rev: str, prefix: str) -> list[str]:
        return self.run('ls-tree', '-r', '--name-only', rev, '--', prefix).split()

    def commit(self, rev: str) -> str:
        return self.run('rev-parse', f'{rev}^{{commit}}').strip()

    def first_change(self, new: str, old: str, needle: str, paths: list[str]) -> tuple[str, str] | None:
        """The oldest commit in old..new that changed how often `needle` occurs in `paths`."""
        out = self.run('log', '--reverse', '--format=%H%x09%s', f'-S{needle}', new, f'^{old}', '--', *paths)
        line = next((line for line in out.splitlines() if line.strip()), None)
        if not line:
            return None
        sha, _, subject = line.partition('\t')
        return sha, subject


def pr_number(subject: str) -> int | None:
    match = re.search(r'\(#(\d+)\)\s*$', subject) or re.match(r'Merge pull request #(\d+)', subject)
    return int(match.group(1)) if match else None


def version_key(version: str) -> tuple:
    """Orders '3.7.0', '2.13', '1.0.0-alpha1' numerically (a pre-release before its release)."""
    main, _, pre = version.partition('-')
    parts = tuple(int(part) for part in main.split('.'))
    parts += (0,) * (3 - len(parts))
    return parts + ((0, pre) if pre else (1, ''),)


# ---------------------------------------------------------------------------------------------------
# What a release offers

@dataclass
class Member:
    """A public function, class, op or factory: its argument names, those it deprecates, and where it lives."""
    args: list[str]
    file: str
    deprecated: dict[str, str] = field(default_factory=dict)
    # Where the arguments are declared, when not beside the name (a tfjs factory's args interface).
    args_file: str | None = None


@dataclass
class Api:
    members: dict[str, Member] = field(default_factory=dict)
    identifiers: set[str] = field(default_factory=set)
    # TensorFlow ops the sources call (`tf.nn.gelu`), with a file that calls each.
    tensorflow_calls: dict[str, str] = field(default_factory=dict)
    identifier_file: str = ''
    identifiers_ignore_case: bool = False

    def has_identifier(self, identifier: str) -> bool:
        if self.identifiers_ignore_case:
            return identifier.lower() in {known.lower() for known in self.identifiers}
        return identifier in self.identifiers


@dataclass
class Release:
    version: str
    git: Git
    rev: str
    tag: str | None  # None: a package release made from a commit (pre-monorepo tfjs), or unreleased master
    unreleased: bool = False
    package: str | None = None
    api: Api | None = None


# ---------------------------------------------------------------------------------------------------
# Keras (Python sources through ast)

DEPRECATED = re.compile(r'`(\w+)` is deprecated')


def export_names(node: ast.AST) -> list[str]:
    names: list[str] = []
    for decorator in getattr(node, 'decorator_list', []):
        if isinstance(decorator, ast.Call) and getattr(decorator.func, 'id', getattr(decorator.func, 'attr', None)) == 'keras_export' and decorator.args:
            first = decorator.args[0]
            values = first.elts if isinstance(first, (ast.List, ast.Tuple)) else [first]
            names += [value.value for value in values if isinstance(value, ast.Constant) and isinstance(value.value, str)]
    return names


def signature(fn: ast.FunctionDef, drop_input: bool) -> Member:
    params = [arg.arg for arg in fn.args.posonlyargs + fn.args.args]
    if params and params[0] == 'self':
        params = params[1:]
    elif drop_input and params:
        params = params[1:]
    params += [arg.arg for arg in fn.args.kwonlyargs]
    deprecated: dict[str, str] = {}
    for node in ast.walk(fn):
        # Keyword arguments read out of **kwargs: `if "alpha" in kwargs` / `kwargs.pop("alpha")`.
        if isinstance(node, ast.Compare) and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str) \
                and isinstance(node.ops[0], ast.In) and getattr(node.comparators[0], 'id', None) == 'kwargs':
            params.append(node.left.value)
        if isinstance(node, ast.Call) and getattr(node.func, 'attr', None) == 'pop' and getattr(node.func.value, 'id', None) == 'kwargs' \
                and node.args and isinstance(node.args[0], ast.Constant):
            params.append(node.args[0].value)
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for name in DEPRECATED.findall(node.value):
                deprecated[name] = ' '.join(node.value.split())
    return Member(list(dict.fromkeys(params)), '', deprecated)


def keras_api(git: Git, rev: str, root: str) -> Api:
    api = Api()
    for path in git.files(rev, root):
        if not path.endswith('.py') or path.endswith('_test.py') or '/api/' in path or 'test' in path.split('/')[-1]:
            continue
        text = git.blob(rev, path) or ''
        if not re.search(r'keras_export\(\s*\[?\s*["\'](keras\.(activations|layers|ops)\.|keras\._legacy\.layers)', text):
            continue
        tree = ast.parse(text)
        for node in tree.body:
            names = export_names(node)
            if not names:
                continue
            if isinstance(node, ast.ClassDef):
                init = next((item for item in node.body if isinstance(item, ast.FunctionDef) and item.name == '__init__'), None)
                member = signature(init, drop_input=False) if init else Member([], '')
            elif isinstance(node, ast.FunctionDef):
                member = signature(node, drop_input=True)
            else:
                continue
            member.file = path
            for name in names:
                api.members[name] = member
        if path.endswith('activations/__init__.py'):
            keras3_identifiers(tree, api, path)
        elif path.endswith('/activations.py') and path.count('/') == 1:
            keras2_identifiers(tree, api, path)
    return api


def tensorflow_calls(git: Git, rev: str, root: str) -> dict[str, str]:
    """Every `tf.x` / `tf.nn.x` / `tf.math.x` the sources mention, with one file mentioning it."""
    calls: dict[str, str] = {}
    out = git.run('grep', '-o', '-E', r'\btf\.(nn\.|math\.)?[a-z_0-9]+\b', rev, '--', root)
    for line in out.splitlines():
        _, path, name = line.split(':', 2)
        calls.setdefault(name, path)
    return calls


def keras3_identifiers(tree: ast.Module, api: Api, path: str) -> None:
    """`activations.get` looks strings up in ALL_OBJECTS (by __name__) plus the aliases added to ALL_OBJECTS_DICT."""
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], 'id', None) == 'ALL_OBJECTS' and isinstance(node.value, (ast.Set, ast.List, ast.Tuple)):
            api.identifiers |= {element.id for element in node.value.elts if isinstance(element, ast.Name)}
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Subscript) and getattr(node.targets[0].value, 'id', None) == 'ALL_OBJECTS_DICT':
            key = node.targets[0].slice
            if isinstance(key, ast.Constant):
                api.identifiers.add(key.value)
    api.identifier_file = path


def keras2_identifiers(tree: ast.Module, api: Api, path: str) -> None:
    """Keras 2's deserialize looks strings up among the module's callables: its functions and the TensorFlow
    ops it binds at module level (`relu6 = tf.nn.relu6`)."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith('_') and node.name not in ('serialize', 'deserialize', 'get'):
            api.identifiers.add(node.name)
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.Attribute):
            chain = ast.unparse(node.value)
            if chain.startswith(('tf.nn.', 'tf.math.')):
                api.identifiers.add(node.targets[0].id)
    api.identifier_file = path


# ---------------------------------------------------------------------------------------------------
# TensorFlow.js (TypeScript sources through their export statements)

def balanced_params(text: str, start: int) -> str | None:
    """The parameter list of the function whose name ends at `start`: skips type parameters `<...>`."""
    i = start
    while i < len(text) and text[i] in ' \t\n':
        i += 1
    if i < len(text) and text[i] == '<':
        depth = 0
        while i < len(text):
            depth += {'<': 1, '>': -1}.get(text[i], 0)
            i += 1
            if depth == 0:
                break
    if i >= len(text) or text[i] != '(':
        return None
    depth, j = 0, i
    while j < len(text):
        depth += {'(': 1, ')': -1}.get(text[j], 0)
        if depth == 0:
            return text[i + 1:j]
        j += 1
    return None


def param_names(params: str, drop_input: bool) -> list[str]:
    names, depth, current = [], 0, ''
    for char in params + ',':
        if char in '<({[':
            depth += 1
        elif char in '>)}]':
            depth -= 1
        if char == ',' and depth == 0:
            match = re.match(r'\s*(\w+)', current)
            if match:
                names.append(match.group(1))
            current = ''
        else:
            current += char
    names = [name for name in names if name != 'this']
    return names[1:] if drop_input else names


def ts_files(git: Git, rev: str, prefix: str) -> list[str]:
    return [path for path in git.files(rev, prefix) if path.endswith('.ts') and not path.endswith(('_test.ts', '.d.ts'))]


def ts_exports(git: Git, rev: str, path: str, seen: set[str] | None = None) -> set[str]:
    """Names a module exports, following `export * from` and `export {…} from` (enough for tfjs-core's index)."""
    seen = set() if seen is None else seen
    if path in seen:
        return set()
    seen.add(path)
    text = git.blob(rev, path)
    if text is None:
        return set()
    here = path.rsplit('/', 1)[0]
    names: set[str] = set()
    for target in re.findall(r"^export \* from '(\.[^']+)';", text, re.M):
        resolved = normalise(f'{here}/{target}')
        names |= ts_exports(git, rev, f'{resolved}.ts', seen) or ts_exports(git, rev, f'{resolved}/index.ts', seen)
    for listed in re.findall(r'^export\s*\{([^}]*)\}', text, re.M):
        for item in listed.split(','):
            parts = item.split(' as ')
            if parts[-1].strip():
                names.add(parts[-1].strip())
    names |= set(re.findall(r'^export (?:const|function|class|let) (\w+)', text, re.M))
    return names


def normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.split('/'):
        if part == '..':
            parts.pop()
        elif part not in ('.', ''):
            parts.append(part)
    return '/'.join(parts)


def tfjs_core_api(git: Git, rev: str, root: str) -> Api:
    api = Api()
    exported = ts_exports(git, rev, f'{root}src/index.ts')
    # An op's definition: `function relu_(…)` wrapped by op(); older, `static relu(…)` on an ops class; or a plain function.
    definitions: dict[str, Member] = {}
    for path in ts_files(git, rev, f'{root}src/ops'):
        text = git.blob(rev, path) or ''
        for match in re.finditer(r'(?:function (\w+?)_?|static (\w+))(?=[\s<(])', text):
            name = match.group(1) or match.group(2)
            params = balanced_params(text, match.end())
            if params is not None and name not in definitions:
                definitions[name] = Member(param_names(params, drop_input=True), path)
    for name in exported & definitions.keys():
        api.members[f'tf.{name}'] = definitions[name]
    # Tensor methods: on the class in tensor.ts, or added to its prototype by a chained op.
    tensor_path = f'{root}src/tensor.ts'
    tensor = git.blob(rev, tensor_path) or ''
    for match in re.finditer(r'^  (\w+)(?=[<(])', tensor, re.M):
        params = balanced_params(tensor, match.end())
        rest = tensor[match.end():match.end() + 400]
        if params is not None and re.match(r'[^;{]*\{', rest[rest.find(')') + 1:] if ')' in rest else ''):
            api.members.setdefault(f'Tensor.{match.group(1)}', Member(param_names(params, drop_input=False), tensor_path))
    for path in ts_files(git, rev, f'{root}src/public'):
        text = git.blob(rev, path) or ''
        for match in re.finditer(r'prototype\.(\w+) = function', text):
            params = balanced_params(text, match.end())
            if params is not None:
                api.members[f'Tensor.{match.group(1)}'] = Member(param_names(params, drop_input=False), path)
    return api


def tfjs_layers_api(git: Git, rev: str, root: str) -> Api:
    api = Api()
    activations_path = f'{root}src/activations.ts'
    activations = git.blob(rev, activations_path) or ''
    api.identifiers = set(re.findall(r"static readonly className = '(\w+)'", activations))
    # Before the serializable classes, `get()` compared lower-cased strings.
    compared = set(re.findall(r"\.toLowerCase\(\) === '(\w+)'", activations))
    if compared:
        api.identifiers |= compared
        api.identifiers_ignore_case = True
    api.identifier_file = activations_path
    sources = {path: git.blob(rev, path) or '' for path in ts_files(git, rev, f'{root}src')}
    interfaces: dict[str, tuple[list[str], str]] = {}
    for path, text in sources.items():
        for match in re.finditer(r'^export (?:declare )?interface (\w+)[^{]*\{\n(.*?)^\}', text, re.M | re.S):
            interfaces[match.group(1)] = (re.findall(r'^  (\w+)\??\s*:', match.group(2), re.M), path)
    for path in (f'{root}src/exports_layers.ts', f'{root}src/exports.ts'):
        text = sources.get(path, '')
        for match in re.finditer(r'(?:export function|static) (\w+)\((?:args|config)(\??):\s*(\w+)', text):
            fields, declared_in = interfaces.get(match.group(3), ([], path))
            api.members.setdefault(f'tf.layers.{match.group(1)}', Member(fields, path, args_file=declared_in))
    return api


# ---------------------------------------------------------------------------------------------------
# Timelines

def stable_tags(git: Git, pattern: str) -> list[tuple[str, str]]:
    """(version, tag) for tags matching `pattern` (one group: the version), oldest first."""
    found = []
    for tag in git.run('tag').split():
        match = re.fullmatch(pattern, tag)
        if match:
            found.append((match.group(1), tag))
    return sorted(found, key=lambda item: version_key(item[0]))


def keras3_timeline(keras: Git) -> list[Release]:
    releases = [Release(version, keras, tag, tag) for version, tag in stable_tags(keras, r'v(3\.\d+\.\d+)')]
    head_version = re.search(r'__version__ = "([^"]+)"', keras.blob('HEAD', 'keras/src/version.py') or '')
    if head_version and version_key(head_version.group(1)) > version_key(releases[-1].version):
        releases.append(Release(head_version.group(1), keras, keras.commit('HEAD'), None, unreleased=True))
    for release in releases:
        root = 'keras/src' if release.git.blob(release.rev, 'keras/src/version.py') or release.git.files(release.rev, 'keras/src/activations') else 'keras'
        release.api = keras_api(release.git, release.rev, root)
    return releases


def keras2_timeline(keras: Git, tf_keras: Git) -> list[Release]:
    """TensorFlow's Keras 2 by TensorFlow minor: keras-team/keras 2.6-2.15, then tf-keras."""
    releases = []
    for version, tag in stable_tags(keras, r'v(2\.\d+\.\d+)'):
        if version_key(version) >= version_key('2.6'):
            releases.append(Release('.'.join(version.split('.')[:2]), keras, tag, tag, api=keras_api(keras, tag, 'keras')))
    for version, tag in stable_tags(tf_keras, r'v(2\.\d+\.\d+)'):
        releases.append(Release('.'.join(version.split('.')[:2]), tf_keras, tag, tag, api=keras_api(tf_keras, tag, 'tf_keras')))
    # TensorFlow ops are dated by what the oldest release calls (see the module's comment).
    releases[0].api.tensorflow_calls = tensorflow_calls(keras, releases[0].rev, 'keras')
    return releases


def package_versions(git: Git, tip: str, package: str, path_prefix: str = '') -> list[tuple[str, str]]:
    """(version, commit) of each release of a package in a pre-monorepo history: the first commit (first
    parents, oldest first) whose package.json names the package and sets that version; pre-releases skipped."""
    seen: dict[str, str] = {}
    for sha in git.run('log', '--reverse', '--first-parent', '--format=%H', tip, '--', f'{path_prefix}package.json').split():
        manifest = json.loads(git.blob(sha, f'{path_prefix}package.json') or '{}')
        version = manifest.get('version', '')
        if manifest.get('name') == package and re.fullmatch(r'\d+\.\d+\.\d+', version) and version not in seen:
            seen[version] = sha
    return sorted(seen.items(), key=lambda item: version_key(item[0]))


# The last commits of tfjs-core's and tfjs-layers' own histories before they moved into the monorepo.
TFJS_CORE_PREMONOREPO = 'f135c5a0e'
TFJS_LAYERS_PREMONOREPO = '97bf78cf7^'


def tfjs_timeline(tfjs: Git, package: str, folder: str, premonorepo: str, reader) -> list[Release]:
    releases = [Release(version, tfjs, sha, None, package=package, api=reader(tfjs, sha, ''))
                for version, sha in package_versions(tfjs, premonorepo, package)]
    for version, tag in stable_tags(tfjs, r'tfjs-v(\d+\.\d+\.\d+)'):
        if version_key(version) > version_key(releases[-1].version):
            releases.append(Release(version, tfjs, tag, tag, package=package, api=reader(tfjs, tag, f'{folder}/')))
    head = json.loads(tfjs.blob('HEAD', f'{folder}/package.json') or '{}').get('version', '0.0.0')
    if version_key(head) > version_key(releases[-1].version):
        releases.append(Release(head, tfjs, tfjs.commit('HEAD'), None, unreleased=True, package=package, api=reader(tfjs, 'HEAD', f'{folder}/')))
    return releases


# ---------------------------------------------------------------------------------------------------
# Dating one query

def present(release: Release, kind: str, name: str, argument: str | None) -> bool:
    api = release.api
    assert api
    if kind == 'identifier':
        return api.has_identifier(name.strip("'"))
    if name.startswith('tf.') and not release.package:
        return name in api.tensorflow_calls
    member = api.members.get(name)
    return member is not None and (argument is None or argument in member.args)


def deprecation(release: Release, name: str, argument: str | None) -> str | None:
    member = release.api.members.get(name) if release.api else None
    return member.deprecated.get(argument) if member and argument else None


def needle_and_paths(release: Release, kind: str, name: str, argument: str | None) -> tuple[str, list[str]]:
    api = release.api
    assert api
    if kind == 'identifier':
        identifier = name.strip("'")
        return (f"className = '{identifier}'" if release.package else identifier), [api.identifier_file]
    if name.startswith('tf.') and not release.package:
        return name, [api.tensorflow_calls[name]]
    member = api.members[name]
    if argument:
        return argument, [member.args_file or member.file]
    short = name.rsplit('.', 1)[-1]
    if release.package:
        return short, [member.file]
    return name, [member.file]  # the keras_export string


def describe(release: Release, evidence: str, previous: Release | None, kind: str, name: str, argument: str | None) -> dict:
    found: dict = {'version': release.version}
    if release.package:
        found['package'] = release.package
    if release.tag:
        found['tag'] = release.tag
    found['commit'] = release.git.commit(release.rev)[:COMMIT_DIGITS]
    if previous is not None and previous.git is release.git:
        needle, paths = needle_and_paths(release, kind, name, argument)
        change = release.git.first_change(release.rev, previous.rev, needle, paths)
        if change:
            found['commit'] = change[0][:COMMIT_DIGITS]
            pr = pr_number(change[1])
            if pr is not None:
                found['pr'] = pr
    found['repository'] = release.git.slug
    found['evidence'] = evidence
    if release.unreleased:
        found['unreleased'] = True
    return found


def date(timeline: list[Release], kind: str, name: str, argument: str | None, first_evidence: str) -> dict:
    flags = [present(release, kind, name, argument) for release in timeline]
    entry: dict = {'added': None}
    if not any(flags):
        return entry
    first = flags.index(True)
    last = len(flags) - 1 - flags[::-1].index(True)
    if not all(flags[first:last + 1]):
        gaps = [timeline[i].version for i in range(first, last + 1) if not flags[i]]
        print(f'warning: {name} {argument or ""} missing in {gaps} between releases that have it', file=sys.stderr)
    previous = timeline[first - 1] if first > 0 else None
    entry['added'] = describe(timeline[first], 'history' if previous else first_evidence, previous, kind, name, argument)
    if last < len(flags) - 1:
        entry['removed'] = describe(timeline[last + 1], 'history', None, kind, name, argument)
    for i in range(first, last + 1):
        message = deprecation(timeline[i], name, argument)
        if message:
            entry['deprecated'] = {**describe(timeline[i], 'history' if i > first else entry['added']['evidence'], None, kind, name, argument), 'message': message}
            break
    return entry


def keras3_absence(keras3: list[Release], query: dict, argument: str | None) -> dict:
    """A Keras 2 name or argument Keras 3 never had: gone with Keras 3.0, with what the catalog offers instead."""
    first = keras3[0]
    entry: dict = {'added': None, 'removed': {'version': first.version, 'tag': first.tag, 'commit': first.git.commit(first.rev)[:COMMIT_DIGITS],
                                              'repository': first.git.slug, 'evidence': 'first-release'}}
    replacement = query.get('keras3Replacement') or {}
    target = replacement.get('name', query['name'])
    if argument is not None and argument in replacement.get('arguments', {}):
        entry['replacement'] = f"{target}({replacement['arguments'][argument]}=…)"
    elif argument is None and 'name' in replacement:
        entry['replacement'] = target
    return entry


def assumed_with(entry: dict) -> dict:
    """A TensorFlow op's argument: taken to come with its op (TensorFlow's signatures are not in these histories)."""
    return {'added': {**entry['added'], 'evidence': 'assumed'}} if entry['added'] else entry


def same_change(named: dict, argument: dict) -> dict:
    """An argument that came in the same release as its name came with it: the name's commit is the better
    guess than the first commit touching the argument's text (a short name such as `b` is everywhere)."""
    if named['added'] and argument['added'] and argument['added']['version'] == named['added']['version']:
        return {**argument, 'added': named['added']}
    return argument


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--keras', default=MIRRORS / 'keras-team+keras/repo', type=Path)
    parser.add_argument('--tf-keras', default=MIRRORS / 'keras-team+tf-keras/repo', type=Path)
    parser.add_argument('--tfjs', default=MIRRORS / 'tensorflow+tfjs/repo', type=Path)
    parser.add_argument('--out', default=ROOT / 'src/core/catalog/since.json', type=Path)
    options = parser.parse_args()

    queries = json.loads(subprocess.run(['npx', 'tsx', 'scripts/since/catalogQueries.ts'], cwd=ROOT, check=True, capture_output=True, text=True).stdout)
    keras, tf_keras, tfjs = Git(options.keras, 'keras-team/keras'), Git(options.tf_keras, 'keras-team/tf-keras'), Git(options.tfjs, 'tensorflow/tfjs')
    print('reading Keras 3 releases…', file=sys.stderr)
    keras3 = keras3_timeline(keras)
    print('reading Keras 2 releases…', file=sys.stderr)
    keras2 = keras2_timeline(keras, tf_keras)
    print('reading TensorFlow.js releases…', file=sys.stderr)
    tfjs_core = tfjs_timeline(tfjs, '@tensorflow/tfjs-core', 'tfjs-core', TFJS_CORE_PREMONOREPO, tfjs_core_api)
    tfjs_layers = tfjs_timeline(tfjs, '@tensorflow/tfjs-layers', 'tfjs-layers', TFJS_LAYERS_PREMONOREPO, tfjs_layers_api)
    timelines = {'keras3': keras3, 'keras2': keras2, 'tfjs-core': tfjs_core, 'tfjs-layers': tfjs_layers}

    entries: list[dict] = []
    missing: list[str] = []
    keras3_keys = {(query['name'], argument) for query in queries if query['library'] == 'keras3' for argument in [None, *query['arguments']]}

    def add(query: dict, library: str, argument: str | None, dated: dict) -> None:
        entry = {'library': library, 'kind': query['kind'], 'name': query['name']}
        if argument is not None:
            entry['argument'] = argument
        entries.append({**entry, **dated})

    for query in queries:
        library, kind, name = query['library'], query['kind'], query['name']
        timeline, first_evidence = {
            'keras3': (keras3, 'first-release'),
            'keras2': (keras2, 'oldest-tag'),
            # Only the oldest release: a later first call says when tf.keras started calling an op, not when TensorFlow added it.
            'tensorflow': (keras2[:1], 'oldest-tag'),
            'tfjs': (tfjs_core if kind in ('op', 'method') else tfjs_layers, 'first-release'),
        }[library]
        op_entry = date(timeline, kind, name, None, first_evidence)
        if library == 'tensorflow' and op_entry['added'] is None:
            # Not called by tf.keras: in TensorFlow's API all the same (the catalog has it), dated no better.
            first = keras2[0]
            op_entry = {'added': {'version': first.version, 'repository': 'tensorflow/tensorflow', 'evidence': 'assumed'}}
        for argument in [None, *query['arguments']]:
            if library == 'tensorflow':
                dated = op_entry if argument is None else assumed_with(op_entry)
            else:
                dated = op_entry if argument is None else same_change(op_entry, date(timeline, kind, name, argument, first_evidence))
                if dated['added'] is None or 'removed' in dated:
                    missing.append(f'{library} {name} {argument or ""}')
            add(query, library, argument, dated)
            # A Keras 2 name or argument Keras 3 lacks gets a Keras 3 entry saying so.
            if library == 'keras2' and kind != 'identifier' and (name, argument) not in keras3_keys:
                in_keras3 = date(keras3, kind, name, argument, 'first-release')
                add(query, 'keras3', argument, in_keras3 if in_keras3['added'] else keras3_absence(keras3, query, argument))
    if missing:
        # Every catalog name is in its library's newest release: anything else is a mistake of these readers.
        raise SystemExit('not found in the newest release:\n  ' + '\n  '.join(missing))

    output = {
        'generatedBy': 'scripts/since/build_since.py',
        'releasesRead': {
            name: {'first': timeline[0].version, 'last': timeline[-1].version, 'count': len(timeline),
                   'repositories': list(dict.fromkeys(release.git.slug for release in timeline))}
            for name, timeline in timelines.items()
        },
        'entries': entries,
    }
    # One entry a line: small diffs when a release changes a few of them.
    lines = ',\n'.join(f'  {json.dumps(entry, ensure_ascii=False)}' for entry in entries)
    header = json.dumps({key: value for key, value in output.items() if key != 'entries'}, indent=1, ensure_ascii=False)
    options.out.write_text(f'{header[:-2]},\n "entries": [\n{lines}\n ]\n}}\n')
    print(f'{len(entries)} entries written to {options.out.relative_to(ROOT)}', file=sys.stderr)


if __name__ == '__main__':
    main()
