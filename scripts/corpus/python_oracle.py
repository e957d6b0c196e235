"""What a careful reader finds in Python: every place a Keras / TensorFlow activation is named, read with
Python's own parser (`ast`, with scopes and import resolution) and its own doctest parser, independently of
the extension's token-based recognizer. The corpus script (run.ts) compares the two.

Input on stdin, JSON: {"documents": [{"id": str, "package": str, "units": [unit, ...]}]} where a unit is
  {"code": str, "context": [indices of other units whose module-level names are visible], "docs": bool, "readCode": bool}
(a file is one unit; a notebook's code cells or a Markdown file's Python fences are several). With "docs",
the doctest examples and fenced blocks in the unit's string statements (docstrings) are read too; with
"readCode": false, only those.
Output on stdout, JSON: {id: {"references": [{"unit", "region": "code"|"doc", "line", "character", "name", "how"}],
"stringSpans": {unit: [[first line, last line], ...]}}}, lines
0-based, characters in UTF-16 code units as VS Code counts them, at the text that names the activation (the
attribute or name, or a string's content after its quote).

What counts (docs/recognition.md has the rationale):
  * a name or attribute that resolves to a function in keras.activations (any Keras: keras, keras.src,
    tf.keras, tf_keras, keras_core; import aliases, `X = keras.activations`, getattr/importlib), to an
    activation layer class (ReLU, LeakyReLU, PReLU, ELU, Softmax, ThresholdedReLU), or to an op named as an
    activation (keras.ops.gelu, tf.nn.relu, tf.math.sigmoid, tf.tanh; never exp), import statements included;
  * a string naming an activation given to `activation=` or `*_activation=` of a call that is not another
    library's (libraries built on Keras count as Keras), as such a parameter's default in a `def`, or as the
    value of such a key in a dict literal; the first argument of Activation(...) and of activations.get /
    deserialize.
Names read by convention when unbound: tf, keras, tf_keras, layers, activations, ops and the layer classes.
"""
import ast
import doctest
import json
import re
import sys

ACTIVATIONS = {
    "relu", "relu6", "leaky_relu", "elu", "selu", "gelu", "silu", "hard_silu", "sigmoid", "hard_sigmoid",
    "sparse_sigmoid", "log_sigmoid", "softplus", "softsign", "tanh", "hard_tanh", "tanh_shrink", "soft_shrink",
    "hard_shrink", "sparse_plus", "squareplus", "celu", "glu", "mish", "exponential", "linear", "threshold",
    "softmax", "log_softmax", "sparsemax",
}
ALIASES = {"swish": "silu", "hard_swish": "hard_silu"}
NAMES = ACTIVATIONS | set(ALIASES)
LAYER_CLASSES = {"ReLU": "relu", "LeakyReLU": "leaky_relu", "PReLU": "leaky_relu", "ELU": "elu", "Softmax": "softmax", "ThresholdedReLU": "relu"}
# keras.ops has every activation but these (exponential is keras.ops.exp, a math op).
KERAS_OPS = NAMES - {"linear", "mish", "exponential"}
TF_NN = {"relu", "relu6", "leaky_relu", "elu", "selu", "gelu", "silu", "swish", "sigmoid", "tanh", "softplus", "softsign", "softmax", "log_softmax"}
TF_MATH = {"sigmoid", "tanh", "softplus", "softsign", "log_sigmoid", "softmax", "log_softmax"}
TF_TOP = {"sigmoid", "tanh"}
LIBRARY_ROOTS = {"keras", "keras_core", "tf_keras", "tensorflow"}
# Libraries built on Keras whose layers take Keras activations (`tfp.layers.DenseVariational(activation=...)`).
KERAS_BASED = {"keras_cv", "keras_nlp", "keras_hub", "keras_rs", "tensorflow_probability", "tensorflow_addons", "tensorflow_recommenders"}
CONVENTIONS = {"tf": "tensorflow", "tensorflow": "tensorflow", "keras": "keras", "tf_keras": "tf_keras", "layers": "keras.layers",
               "activations": "keras.activations", "ops": "keras.ops", **{name: f"keras.layers.{name}" for name in [*LAYER_CLASSES, "Activation"]}}
BUILTINS = {"getattr": "builtins.getattr", "__import__": "builtins.__import__"}
ACTIVATION_KEYWORD = re.compile(r"(^|_)activation$")


def canonical(name):
    return ALIASES.get(name, name)


def classify(path):
    """What an absolute dotted path names: ("activation"|"lookup"|"layer"|"op", name) or None."""
    parts = path.split(".")
    head, rest = parts[0], parts[1:]
    if head == "tensorflow":
        if rest[:1] == ["compat"] and rest[1:2] in (["v1"], ["v2"]):
            rest = rest[2:]
        if rest[:2] == ["python", "keras"]:
            return classify_keras(rest[2:], keras3=True)
        if rest[:1] == ["keras"]:
            return classify_keras(rest[1:], keras3=True)
        if len(rest) == 2 and rest[0] == "nn" and rest[1] in TF_NN:
            return ("op", canonical(rest[1]))
        if len(rest) == 2 and rest[0] == "math" and rest[1] in TF_MATH:
            return ("op", rest[1])
        if len(rest) == 1 and rest[0] in TF_TOP:
            return ("op", rest[0])
        return None
    if head in ("keras", "keras_core"):
        if rest[:2] == ["_tf_keras", "keras"]:
            rest = rest[2:]
        return classify_keras(rest, keras3=True)
    if head == "tf_keras":
        return classify_keras(rest, keras3=False)
    return None


def classify_keras(rest, keras3):
    if rest[:1] in (["src"], ["api"]):
        rest = rest[1:]
    if not rest:
        return None
    module, members = rest[0], rest[1:]
    if module == "activations":
        if members[:1] == ["activations"]:
            members = members[1:]
        if len(members) == 1 and members[0] in NAMES:
            return ("activation", canonical(members[0]))
        if len(members) == 1 and members[0] in ("get", "deserialize"):
            return ("lookup", members[0])
    if module == "layers":
        # keras.layers.X, keras.layers.activation(s).X, keras.src.layers.activations.<module>.X
        if members and members[0] in ("activation", "activations", "advanced_activations"):
            members = members[1:]
            if len(members) == 2:
                members = members[1:]
        if len(members) == 1 and members[0] in LAYER_CLASSES:
            return ("layer", LAYER_CLASSES[members[0]])
        if len(members) == 1 and members[0] == "Activation":
            return ("activation-layer", "Activation")
    if module == "ops" and keras3:
        if len(members) == 1 and members[0] in KERAS_OPS:
            return ("op", canonical(members[0]))
        if len(members) == 2 and members[0] == "nn" and members[1] in KERAS_OPS - {"tanh"}:
            return ("op", canonical(members[1]))
        if members == ["numpy", "tanh"]:
            return ("op", "tanh")
    return None


# ----------------------------------------------------------------------------------------------------------
# Abstract values: a module path, or something else.

class Module:
    __slots__ = ("path",)

    def __init__(self, path):
        self.path = path

    def __eq__(self, other):
        return isinstance(other, Module) and other.path == self.path

    def __hash__(self):
        return hash(self.path)


UNKNOWN = object()      # a value the reader cannot tie to a library
PLACEHOLDER = object()  # None or `kwargs.pop(...)`: says nothing either way


class Scope:
    def __init__(self, kind, parent, unit=None):
        self.kind = kind          # "module" | "function" | "class"
        self.parent = parent
        self.bindings = {}        # name -> [thunk]
        self.globals = set()
        self.nonlocals = set()
        self.unit = unit

    def bind(self, name, thunk):
        self.bindings.setdefault(name, []).append(thunk)


class Analysis:
    """One unit's scopes; module-level names may also come from context units."""

    def __init__(self, tree, package, context_modules, module_names_only=False):
        self.package = package
        self.context_modules = context_modules
        self.module = Scope("module", None)
        self.scope_of = {}
        self.memo = {}
        self.active = set()
        self.shallow = module_names_only
        self.collect(tree, self.module)

    # --- binding collection ------------------------------------------------------------------------------

    def collect(self, node, scope):
        self.scope_of[node] = scope
        if self.shallow and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            # Only the module's names are wanted (for its docstrings' examples): not what is inside.
            self.target_scope(scope, node.name).bind(node.name, lambda: UNKNOWN)
            return
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.target_scope(scope, node.name).bind(node.name, lambda: UNKNOWN)
            for decorator in node.decorator_list:
                self.collect(decorator, scope)
            self.collect_defaults(node.args, scope)
            if node.returns:
                self.collect(node.returns, scope)
            inner = Scope("function", scope)
            self.bind_args(node.args, inner)
            for statement in node.body:
                self.collect(statement, inner)
            return
        if isinstance(node, ast.Lambda):
            self.collect_defaults(node.args, scope)
            inner = Scope("function", scope)
            self.bind_args(node.args, inner)
            self.collect(node.body, inner)
            return
        if isinstance(node, ast.ClassDef):
            self.target_scope(scope, node.name).bind(node.name, lambda: UNKNOWN)
            for child in [*node.decorator_list, *node.bases, *node.keywords]:
                self.collect(child, scope)
            inner = Scope("class", scope)
            for statement in node.body:
                self.collect(statement, inner)
            return
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            inner = Scope("function", scope)
            for generator in node.generators:
                self.collect(generator.iter, scope if generator is node.generators[0] else inner)
                self.bind_target(generator.target, inner, None)
                for condition in generator.ifs:
                    self.collect(condition, inner)
            for child in ([node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]):
                self.collect(child, inner)
            return
        if isinstance(node, ast.Global):
            scope.globals.update(node.names)
        elif isinstance(node, ast.Nonlocal):
            scope.nonlocals.update(node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    self.bind_import(scope, alias.asname, alias.name)
                else:
                    head = alias.name.split(".")[0]
                    self.bind_import(scope, head, head)
        elif isinstance(node, ast.ImportFrom):
            module = self.absolute(node.module, node.level)
            for alias in node.names:
                if alias.name == "*":
                    continue
                self.bind_import(scope, alias.asname or alias.name, f"{module}.{alias.name}" if module else alias.name)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                self.bind_target(target, scope, node.value)
        elif isinstance(node, ast.AnnAssign):
            if node.value is not None:
                self.bind_target(node.target, scope, node.value)
        elif isinstance(node, ast.AugAssign):
            self.bind_target(node.target, scope, None)
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            self.bind_target(node.target, scope, None)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    self.bind_target(item.optional_vars, scope, None)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            self.target_scope(scope, node.name).bind(node.name, lambda: UNKNOWN)
        elif isinstance(node, ast.NamedExpr):
            self.bind_target(node.target, scope, node.value)
        for child in ast.iter_child_nodes(node):
            self.collect(child, scope)

    def collect_defaults(self, args, scope):
        for default in [*args.defaults, *[d for d in args.kw_defaults if d is not None]]:
            self.collect(default, scope)

    def bind_args(self, args, scope):
        for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs, *([args.vararg] if args.vararg else []), *([args.kwarg] if args.kwarg else [])]:
            scope.bind(arg.arg, lambda: UNKNOWN)

    def absolute(self, module, level):
        if not level:
            return module or ""
        parts = self.package.split(".") if self.package else []
        base = parts[: len(parts) - (level - 1)] if level - 1 <= len(parts) else []
        return ".".join([*base, *([module] if module else [])])

    def target_scope(self, scope, name):
        if name in scope.globals:
            return self.module
        if name in scope.nonlocals and scope.parent is not None:
            return self.binding_scope(scope.parent, name) or scope.parent
        return scope

    def bind_import(self, scope, name, path):
        self.target_scope(scope, name).bind(name, lambda: Module(path))

    def bind_target(self, target, scope, value):
        if isinstance(target, ast.Name):
            owner = self.target_scope(scope, target.id)
            owner.bind(target.id, (lambda: self.evaluate(value, scope)) if value is not None else (lambda: UNKNOWN))
        elif isinstance(target, (ast.Tuple, ast.List)):
            elements = value.elts if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts) else None
            for k, element in enumerate(target.elts):
                self.bind_target(element.value if isinstance(element, ast.Starred) else element, scope, elements[k] if elements else None)
        elif isinstance(target, ast.Starred):
            self.bind_target(target.value, scope, None)

    # --- resolution --------------------------------------------------------------------------------------

    def binding_scope(self, scope, name):
        """The scope whose binding a load of `name` in `scope` sees (Python's LEGB, class bodies skipped from inside)."""
        current = scope
        first = True
        while current is not None:
            if name in current.globals:
                return self.module if name in self.module.bindings else None
            if (first or current.kind != "class") and name in current.bindings:
                return current
            first = False
            current = current.parent
        return None

    def lookup(self, name, scope):
        owner = self.binding_scope(scope, name)
        if owner is not None:
            return self.merged(owner, name)
        for context in self.context_modules:
            if name in context.module.bindings:
                return context.merged(context.module, name)
        if name in BUILTINS:
            return Module(BUILTINS[name])
        if name in CONVENTIONS:
            return Module(CONVENTIONS[name])
        return UNKNOWN

    def merged(self, scope, name):
        key = (id(scope), name)
        if key in self.memo:
            return self.memo[key]
        if key in self.active:
            return UNKNOWN
        self.active.add(key)
        values = [thunk() for thunk in scope.bindings[name]]
        self.active.discard(key)
        informative = {value for value in values if value is not PLACEHOLDER}
        result = informative.pop() if len(informative) == 1 else UNKNOWN
        self.memo[key] = result
        return result

    def evaluate(self, node, scope):
        if isinstance(node, ast.Constant) and node.value is None:
            return PLACEHOLDER
        if isinstance(node, ast.Name):
            return self.lookup(node.id, scope)
        if isinstance(node, ast.Attribute):
            base = self.evaluate(node.value, scope)
            return Module(f"{base.path}.{node.attr}") if isinstance(base, Module) else UNKNOWN
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "kwargs":
            return PLACEHOLDER
        if isinstance(node, ast.IfExp):
            a, b = self.evaluate(node.body, scope), self.evaluate(node.orelse, scope)
            return a if a == b else UNKNOWN
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute) and node.func.attr in ("pop", "get", "setdefault"):
                return PLACEHOLDER
            callee = self.evaluate(node.func, scope)
            if not isinstance(callee, Module):
                return UNKNOWN
            strings = [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
            if callee.path == "builtins.getattr" and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str):
                base = self.evaluate(node.args[0], scope)
                return Module(f"{base.path}.{node.args[1].value}") if isinstance(base, Module) else UNKNOWN
            if callee.path == "importlib.import_module" and strings:
                return Module(strings[0])
            if callee.path == "builtins.__import__" and strings:
                return Module(strings[0].split(".")[0])
            if callee.path.endswith(".VersionAwareLayers"):
                return Module(callee.path[: -len(".VersionAwareLayers")])
            return UNKNOWN
        return UNKNOWN


# ----------------------------------------------------------------------------------------------------------
# References in one parsed unit

def utf16(text):
    return len(text.encode("utf-16-le")) // 2


class Finder:
    def __init__(self, analysis, lines, indent=0):
        self.analysis = analysis
        self.lines = lines
        self.indent = indent
        self.found = []

    def add(self, line, column, name, how):
        """`line` 1-based and `column` in code points of that line as parsed; reported as the unit's text has them."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        self.found.append({"line": line - 1, "column": column + self.indent, "character": utf16(text[:column]) + self.indent, "name": name, "how": how})

    def char_column(self, line, byte_offset):
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return len(text.encode("utf-8")[:byte_offset].decode("utf-8", "replace"))

    def run(self, tree):
        for node in ast.walk(tree):
            scope = self.nearest_scope(node)
            if isinstance(node, (ast.Name, ast.Attribute)) and isinstance(node.ctx, ast.Load):
                self.name_reference(node, scope)
            elif isinstance(node, ast.ImportFrom):
                self.import_reference(node)
            elif isinstance(node, ast.Call):
                self.call_strings(node, scope)
            elif isinstance(node, ast.Dict):
                self.dict_strings(node)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                self.default_strings(node.args)

    def nearest_scope(self, node):
        return self.analysis.scope_of.get(node, self.analysis.module)

    def name_reference(self, node, scope):
        value = self.analysis.evaluate(node, scope)
        if not isinstance(value, Module):
            return
        target = classify(value.path)
        if not target or target[0] in ("lookup", "activation-layer"):
            return
        if isinstance(node, ast.Name):
            self.add(node.lineno, self.char_column(node.lineno, node.col_offset), target[1], target[0])
        else:
            end = self.char_column(node.end_lineno, node.end_col_offset)
            self.add(node.end_lineno, end - len(node.attr), target[1], target[0])

    def import_reference(self, node):
        module = self.analysis.absolute(node.module, node.level)
        for alias in node.names:
            target = classify(f"{module}.{alias.name}") if alias.name != "*" else None
            if not target or target[0] in ("lookup", "activation-layer"):
                continue
            line = alias.lineno
            start = self.char_column(line, alias.col_offset)
            self.add(line, start, target[1], target[0])
            if alias.asname:
                text = self.lines[line - 1]
                at = re.compile(r"\bas\s+(" + re.escape(alias.asname) + r")\b").search(text, start)
                if at:
                    self.add(line, at.start(1), target[1], target[0])

    def foreign(self, value):
        root = value.path.split(".")[0] if isinstance(value, Module) else None
        return root is not None and root not in LIBRARY_ROOTS | KERAS_BASED and root != "builtins"

    def call_strings(self, node, scope):
        callee = self.analysis.evaluate(node.func, scope)
        if self.foreign(callee):
            return
        target = classify(callee.path) if isinstance(callee, Module) else None
        first = node.args[0] if node.args else None
        if target and target[0] in ("activation-layer", "lookup"):
            keyword = "activation" if target[0] == "activation-layer" else "identifier"
            given = first if first is not None and not isinstance(first, ast.Starred) else next((k.value for k in node.keywords if k.arg == keyword), None)
            self.string_reference(given, "activation layer" if target[0] == "activation-layer" else "lookup")
        for keyword in node.keywords:
            if keyword.arg and ACTIVATION_KEYWORD.search(keyword.arg):
                self.string_reference(keyword.value, f"{keyword.arg}=")

    def dict_strings(self, node):
        """`{"activation": "relu", ...}`: layer arguments kept in a dict (`layers.Conv2D(64, 3, **conv_args)`)."""
        for key, value in zip(node.keys, node.values):
            if isinstance(key, ast.Constant) and isinstance(key.value, str) and ACTIVATION_KEYWORD.search(key.value):
                self.string_reference(value, f'"{key.value}":')

    def default_strings(self, args):
        positional = [*args.posonlyargs, *args.args]
        pairs = list(zip(positional[len(positional) - len(args.defaults):], args.defaults)) + list(zip(args.kwonlyargs, args.kw_defaults))
        for arg, default in pairs:
            if default is not None and ACTIVATION_KEYWORD.search(arg.arg):
                self.string_reference(default, f"def {arg.arg}=")

    def string_reference(self, node, how):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in NAMES):
            return
        if node.lineno != node.end_lineno:
            return
        text = self.lines[node.lineno - 1]
        start = self.char_column(node.lineno, node.col_offset)
        source = text[start: self.char_column(node.end_lineno, node.end_col_offset)]
        match = re.match(r"[rRuU]?('''|\"\"\"|'|\")", source)
        if not match or source[match.end(): len(source) - len(match.group(1))] != node.value:
            return  # concatenated or escaped: not one plain literal
        self.add(node.lineno, start + match.end(), canonical(node.value), how)


# ----------------------------------------------------------------------------------------------------------
# Doc examples inside string statements (docstrings): doctest examples and fenced code blocks.

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([\w+-]*)")
PYTHON_FENCES = {"python", "py", "python3", "py3", "ipython", "ipython3", "pycon"}


def statements(node):
    """Every statement under a node (only statements hold docstrings: expressions are not descended into)."""
    for field in ("body", "orelse", "finalbody", "handlers", "cases"):
        for child in getattr(node, field, None) or []:
            if isinstance(child, (ast.stmt, ast.excepthandler, ast.match_case)):
                yield child
                yield from statements(child)


def doc_examples(tree, lines):
    """Per string statement: its examples as (code lines, [(file line, file column) of each code line]); and
    the 0-based first and last lines of every string statement."""
    examples = []
    spans = []
    for node in statements(tree):
        if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
            continue
        string = node.value
        spans.append([string.lineno - 1, string.end_lineno - 1])
        if ">>>" not in string.value and "```" not in string.value and "~~~" not in string.value:
            continue
        first_line = string.lineno - 1
        head = lines[first_line]
        start = len(head.encode("utf-8")[: string.col_offset].decode("utf-8", "replace"))
        match = re.match(r"[rRuU]?('''|\"\"\"|'|\")", head[start:])
        if not match:
            continue
        content_column = start + match.end()
        content_lines = [head[content_column:]] + lines[first_line + 1: string.end_lineno]
        # Positions of content line k in the file.
        origin = lambda k: (first_line + k, content_column if k == 0 else 0)
        content = "\n".join(content_lines)
        group = []
        try:
            parsed = doctest.DocTestParser().get_examples(content)
        except ValueError:
            parsed = []
        for example in parsed:
            source_lines = example.source.rstrip("\n").split("\n")
            positions = []
            for k in range(len(source_lines)):
                line, column = origin(example.lineno + k)
                positions.append((line, column + example.indent + 4))
            group.append((source_lines, positions))
        k = 0
        while k < len(content_lines):
            opening = FENCE.match(content_lines[k])
            if not opening:
                k += 1
                continue
            indent, fence, info = opening.group(1), opening.group(2), opening.group(3).lower()
            end = k + 1
            while end < len(content_lines) and not re.match(r"^\s*" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}\s*$", content_lines[end]):
                end += 1
            body = content_lines[k + 1: end]
            if info in PYTHON_FENCES and not any(line.lstrip().startswith(">>>") for line in body):
                code, positions = [], []
                for j, line in enumerate(body):
                    cut = min(len(indent), len(line) - len(line.lstrip(" ")))
                    code.append(line[cut:])
                    file_line, column = origin(k + 1 + j)
                    positions.append((file_line, column + cut))
                group.append((code, positions))
            k = end + 1
        if group:
            examples.append(group)
    return examples, spans


# ----------------------------------------------------------------------------------------------------------

MAGIC = re.compile(r"^\s*[%!]")


def parse_leniently(code):
    """Parses code as a careful reader reads it: indented as a whole (an example indented in its fence) read
    dedented, IPython magics and shell escapes skipped, a line that does not parse blanked (up to 50 times) so
    the rest is still read. Returns the tree, the lines it was parsed from and the indentation removed."""
    lines = code.split("\n")
    lines = ["" if MAGIC.match(line) else line for line in lines]
    indent = min((len(line) - len(line.lstrip(" ")) for line in lines if line.strip()), default=0)
    lines = [line[indent:] for line in lines]
    for _ in range(50):
        try:
            return ast.parse("\n".join(lines)), lines, indent
        except SyntaxError as error:
            bad = (error.lineno or 1) - 1
            if bad >= len(lines) or not lines[bad]:
                # An unterminated construct: blank the last non-empty line before it.
                candidates = [k for k in range(min(bad, len(lines) - 1), -1, -1) if lines[k]]
                if not candidates:
                    return None, lines, indent
                bad = candidates[0]
            lines[bad] = ""
    return None, lines, indent


def analyse_document(document):
    """References in a document's units, and the line spans of each unit's string statements."""
    package = document.get("package", "")
    units = document["units"]
    parsed = [parse_leniently(unit["code"]) for unit in units]
    # Every unit's scopes first: a context may be a later unit (notebook cells run in any order).
    analyses = [Analysis(tree, package, [], module_names_only=not unit.get("readCode", True)) if tree is not None else None
                for unit, (tree, _, _) in zip(units, parsed)]
    for unit, analysis in zip(units, analyses):
        if analysis is not None:
            analysis.context_modules = [analyses[k] for k in unit.get("context", []) if analyses[k] is not None]
    results = []
    spans = {}
    for index, unit in enumerate(units):
        tree, lines, indent = parsed[index]
        analysis = analyses[index]
        if analysis is None:
            continue
        if unit.get("readCode", True):
            finder = Finder(analysis, lines, indent)
            finder.run(tree)
            for found in finder.found:
                results.append({"unit": index, "region": "code", **found})
        if not unit.get("docs"):
            continue
        original_lines = unit["code"].split("\n")
        examples, spans[index] = doc_examples(tree, original_lines)
        for group in examples:
            earlier = []
            for code_lines, positions in group:
                example_tree, example_lines, example_indent = parse_leniently("\n".join(code_lines))
                if example_tree is None:
                    continue
                example = Analysis(example_tree, package, [*reversed(earlier), analysis, *analysis.context_modules])
                earlier.append(example)
                finder = Finder(example, example_lines, example_indent)
                finder.run(example_tree)
                for found in finder.found:
                    file_line, column = positions[found["line"]]
                    host = original_lines[file_line]
                    character = utf16(host[: column + found["column"]])
                    results.append({"unit": index, "region": "doc", "line": file_line, "character": character, "name": found["name"], "how": found["how"]})
    for result in results:
        result.pop("column", None)
    return {"references": results, "stringSpans": spans}


def main():
    job = json.load(sys.stdin)
    out = {}
    for document in job["documents"]:
        out[document["id"]] = analyse_document(document)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
