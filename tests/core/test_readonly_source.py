"""Source scans (AST, not grep): the package cannot write files or run code from data.

- No write-mode ``open``/``os.open``, ``write_text``/``write_bytes``, file
  removal/renaming or Qt write-mode device in ``recviewer/`` outside modules
  whose job is writing (exports, desktop install, screenshots).
- No ``pickle``/``marshal``/``shelve``/``yaml``/``ctypes``, no ``eval``/``exec``/
  ``compile``/``__import__``, no ``importlib`` beyond ``importlib.resources``
  (and the CLI's fixed command table), no process spawning outside the desktop
  installer.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "recviewer"

# The modules whose purpose is to write files the user asked for, by path
# (an explicit list: a new module is never a writer by the look of its name).
WRITER_MODULES = frozenset({
    "core/export/file.py",  # exports, atomic, to a path the user chose
    "core/cache_dir.py",  # makes the user cache folder (never inside a recordings folder)
    "core/search/index.py",  # the search index database, in the user cache folder
    "core/catalog/cache.py",  # the catalog cache database (and its removal), user cache folder
    "desktop_install.py",  # the .desktop entry and icons under ~/.local/share
    # --screenshot OUT.png: the picture asked for, and private settings in a temp folder
    "ui/window/screenshot.py",
    # recviewer-cli capture: the miss files, into the capture folder the user named only
    "capture_hook/sitecustomize.py",
    "cli/capture.py",  # creates that capture folder
})
WRITE_MODE_CHARS = set("wax+")
WRITE_FLAGS = {"O_WRONLY", "O_RDWR", "O_CREAT", "O_APPEND", "O_TRUNC"}
# Calls on the os / shutil / tempfile modules that change the file system.
WRITE_MODULE_CALLS = {"rename", "replace", "remove", "unlink", "rmdir", "removedirs", "makedirs",
                      "mkdir", "symlink", "link", "truncate", "chmod", "chown", "utime", "mkfifo",
                      "copy", "copy2", "copyfile", "copytree", "move", "rmtree", "mkstemp",
                      "mkdtemp", "NamedTemporaryFile", "TemporaryDirectory", "TemporaryFile"}
# pathlib methods with names no str/list/dict method shares.
WRITE_PATH_METHODS = {"write_text", "write_bytes", "touch", "mkdir", "unlink", "rmdir",
                      "symlink_to", "hardlink_to", "chmod"}
QT_WRITE_NAMES = {"WriteOnly", "ReadWrite", "Append", "Truncate", "QSaveFile", "QTemporaryFile"}

BANNED_MODULES = {"pickle", "cPickle", "_pickle", "marshal", "shelve", "yaml", "ruamel", "dill",
                  "jsonpickle", "ctypes", "cffi", "runpy", "code", "codeop"}
BANNED_CALLS = {"eval", "exec", "compile", "__import__", "execfile", "breakpoint"}
SPAWN_CALLS = {"system", "popen", "spawnl", "spawnv", "spawnlp", "spawnvp", "execv", "execve",
               "execl", "execlp", "execvp", "posix_spawn", "startfile", "Popen", "run", "call",
               "check_call", "check_output", "startDetached", "execute"}
# (module, allowed thing) -> why it is safe (test_every_allowed_entry_says_why_and_is_used).
ALLOWED: dict[tuple[str, str], str] = {
    ("cli/__init__.py", "importlib"): "imports its own fixed COMMANDS tuple, never data",
    ("cli/output.py", "os.open"): "os.open(os.devnull, O_WRONLY) to silence a broken pipe",
    ("desktop_install.py", "subprocess"):
        "runs update-desktop-database (a fixed argv, no shell) after installing the entry",
    ("core/catalog/pool.py", "multiprocessing"):
        "catalog worker processes: our own function, sent paths, returning tuples of "
        "str/int/None that it built itself; never an object named by a file",
    ("core/sources/git.py", "subprocess"):
        "recordings read from git objects: read-only plumbing (rev-parse, ls-tree, "
        "cat-file --batch, log) with a fixed argv and a safe environment, no shell",
    ("core/cassettes/safe_yaml.py", "yaml"):
        "cassettes are YAML: this one module parses it, with PyYAML's safe loaders only "
        "(CSafeLoader / SafeLoader; test_yaml_uses_only_safe_loaders checks it)",
    ("cli/capture.py", "subprocess"):
        "recviewer-cli capture runs the test command the user gave (an argv list, no "
        "shell), with the hook on its path",
    ("capture_hook/sitecustomize.py", "importlib"):
        "the hook wraps the recorder module's own loader (a fixed module name); it "
        "imports nothing named by data",
}


def _modules() -> list[Path]:
    found = sorted(PACKAGE.rglob("*.py"))
    assert len(found) > 30
    return found


def _rel(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def _is_writer(rel: str) -> bool:
    return rel in WRITER_MODULES


def _call_name(node: ast.Call) -> str:
    f = node.func
    if isinstance(f, ast.Name):
        return f.id
    if isinstance(f, ast.Attribute):
        return f.attr
    return ""


def _mode_of(node: ast.Call) -> ast.AST | None:
    for kw in node.keywords:
        if kw.arg == "mode":
            return kw.value
    if _call_name(node) == "open" and isinstance(node.func, ast.Attribute) \
            and not (isinstance(node.func.value, ast.Name) and node.func.value.id in ("io", "codecs")):
        return node.args[0] if node.args else None  # Path.open(mode) / fh.open(mode)
    return node.args[1] if len(node.args) > 1 else None


def _names(node: ast.AST) -> set[str]:
    return {n.attr if isinstance(n, ast.Attribute) else n.id
            for n in ast.walk(node) if isinstance(n, (ast.Attribute, ast.Name))}


def write_findings(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, what) for every operation that may write to the file system."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _call_name(node)
            f = node.func
            is_os = isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "os"
            if name == "open" and is_os:
                if _names(node) & WRITE_FLAGS:
                    out.append((node.lineno, "os.open"))
            elif name in ("open", "fdopen"):
                mode = _mode_of(node)
                if mode is None:
                    continue  # default "r"
                if not (isinstance(mode, ast.Constant) and isinstance(mode.value, str)):
                    if _names(mode) & QT_WRITE_NAMES:
                        out.append((node.lineno, "Qt open for writing"))
                    elif not _names(mode) & {"ReadOnly", "OpenModeFlag"}:
                        out.append((node.lineno, "open with a computed mode"))
                elif set(mode.value) & WRITE_MODE_CHARS:
                    out.append((node.lineno, f"open mode {mode.value!r}"))
            elif isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) \
                    and f.value.id in ("os", "shutil", "tempfile") and name in WRITE_MODULE_CALLS:
                out.append((node.lineno, f"{f.value.id}.{name}"))
            elif isinstance(f, ast.Attribute) and name in WRITE_PATH_METHODS:
                out.append((node.lineno, name))
        elif isinstance(node, ast.Attribute) and node.attr in QT_WRITE_NAMES - {"Append", "Truncate"}:
            out.append((node.lineno, node.attr))
        elif isinstance(node, ast.Name) and node.id in {"QSaveFile", "QTemporaryFile"}:
            out.append((node.lineno, node.id))
    return out


def code_findings(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, what) for every way to run code or deserialise objects."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                if top in BANNED_MODULES or top in ("subprocess", "multiprocessing"):
                    out.append((node.lineno, top))
                elif alias.name.startswith("importlib") and alias.name != "importlib.resources":
                    out.append((node.lineno, "importlib"))
        elif isinstance(node, ast.ImportFrom) and node.module:
            top = node.module.split(".")[0]
            if top in BANNED_MODULES or top in ("subprocess", "multiprocessing"):
                out.append((node.lineno, top))
            elif top == "importlib" and node.module != "importlib.resources" \
                    and not (node.module == "importlib" and {a.name for a in node.names} <= {"resources"}):
                out.append((node.lineno, "importlib"))
        elif isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Name) and f.id in BANNED_CALLS:
                out.append((node.lineno, f.id))
            elif isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name):
                if f.value.id == "os" and f.attr in SPAWN_CALLS:
                    out.append((node.lineno, f"os.{f.attr}"))
                elif f.value.id in ("subprocess", "QProcess") and f.attr in SPAWN_CALLS:
                    out.append((node.lineno, "subprocess"))
                elif f.value.id == "builtins" and f.attr in BANNED_CALLS:
                    out.append((node.lineno, f.attr))
        elif isinstance(node, ast.Name) and node.id == "QProcess":
            out.append((node.lineno, "QProcess"))
    return out


def _parse(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_core_and_cli_never_write_files():
    bad = []
    for path in _modules():
        rel = _rel(path)
        if _is_writer(rel):
            continue
        for line, what in write_findings(_parse(path)):
            kind = "os.open" if what == "os.open" else what
            if (rel, kind) not in ALLOWED:
                bad.append(f"recviewer/{rel}:{line}: {what}")
    assert bad == [], "file writes outside export/install modules:\n" + "\n".join(bad)


def test_no_code_execution_or_object_deserialisation():
    bad = []
    for path in _modules():
        rel = _rel(path)
        for line, what in code_findings(_parse(path)):
            if (rel, what) not in ALLOWED:
                bad.append(f"recviewer/{rel}:{line}: {what}")
    assert bad == [], "code execution / unsafe deserialisation:\n" + "\n".join(bad)


@pytest.mark.parametrize("source, expected", [
    ("open(p, 'w')", "open mode 'w'"),
    ("open(p, mode='a+')", "open mode 'a+'"),
    ("io.open(p, 'xb')", "open mode 'xb'"),
    ("Path(p).open('w')", "open mode 'w'"),
    ("Path(p).write_text('x')", "write_text"),
    ("os.open(p, os.O_WRONLY | os.O_CREAT)", "os.open"),
    ("open(p, m)", "open with a computed mode"),
    ("f.open(QIODevice.OpenModeFlag.WriteOnly)", "Qt open for writing"),
    ("shutil.move(a, b)", "shutil.move"),
    ("os.replace(a, b)", "os.replace"),
    ("tempfile.mkstemp()", "tempfile.mkstemp"),
])
def test_write_scan_catches(source, expected):
    assert expected in [what for _, what in write_findings(ast.parse(source))]


@pytest.mark.parametrize("source", ["open(p)", "open(p, 'rb')", "Path(p).open()",
                                    "s.replace('a', 'b')", "items.remove(x)", "write_text(s)",
                                    "f.open(QIODevice.OpenModeFlag.ReadOnly)",
                                    "os.open(p, os.O_RDONLY)"])
def test_write_scan_lets_reads_through(source):
    assert write_findings(ast.parse(source)) == []


@pytest.mark.parametrize("source, expected", [
    ("import pickle", "pickle"), ("from yaml import safe_load", "yaml"),
    ("eval(s)", "eval"), ("exec(s)", "exec"), ("__import__(s)", "__import__"),
    ("import importlib", "importlib"), ("from importlib import import_module", "importlib"),
    ("os.system(c)", "os.system"), ("subprocess.Popen(c)", "subprocess"),
    ("import subprocess", "subprocess"), ("builtins.eval(s)", "eval"),
])
def test_code_scan_catches(source, expected):
    assert expected in [what for _, what in code_findings(ast.parse(source))]


def test_code_scan_lets_resources_and_qt_exec_through():
    src = "from importlib import resources\nimport importlib.resources\napp.exec()\nloop.exec()\n"
    assert code_findings(ast.parse(src)) == []


YAML_MODULE = "core/cassettes/safe_yaml.py"
SAFE_LOADERS = {"CSafeLoader", "SafeLoader"}
# yaml names that build Python objects or load with a loader other than the safe ones
UNSAFE_YAML_NAMES = {"load_all", "unsafe_load", "unsafe_load_all", "full_load", "full_load_all",
                     "Loader", "FullLoader", "UnsafeLoader", "CLoader", "CFullLoader",
                     "CUnsafeLoader", "BaseLoader", "CBaseLoader", "add_constructor",
                     "add_multi_constructor", "Constructor", "UnsafeConstructor",
                     "FullConstructor"}


def yaml_findings(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, what) for every use of the yaml module other than ``yaml.load``
    with ``Loader=`` one of the safe loaders (or a name bound to one)."""
    out = []
    bound = set()
    for node in ast.walk(tree):  # names assigned from yaml.<SafeLoader>
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            value = node.value
            if isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name) \
                    and value.value.id == "yaml" and value.attr in SAFE_LOADERS:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                bound |= {t.id for t in targets if isinstance(t, ast.Name)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id == "yaml" and node.attr in UNSAFE_YAML_NAMES:
            out.append((node.lineno, f"yaml.{node.attr}"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("yaml"):
            out.append((node.lineno, "from yaml import"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "yaml" \
                and node.func.attr == "load":
            loader = next((k.value for k in node.keywords if k.arg == "Loader"), None)
            if loader is None and len(node.args) > 1:
                loader = node.args[1]
            ok = (isinstance(loader, ast.Name) and loader.id in bound) or (
                isinstance(loader, ast.Attribute) and loader.attr in SAFE_LOADERS)
            if not ok:
                out.append((node.lineno, "yaml.load without a safe Loader"))
    return out


def test_yaml_uses_only_safe_loaders():
    tree = _parse(PACKAGE / YAML_MODULE)
    assert yaml_findings(tree) == []
    assert "yaml" in {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}


@pytest.mark.parametrize("source", [
    "yaml.load(s, Loader=yaml.Loader)", "yaml.unsafe_load(s)", "yaml.full_load(s)",
    "yaml.load(s)", "from yaml import load", "yaml.add_constructor('!x', f)",
    "L = yaml.UnsafeLoader\nyaml.load(s, Loader=L)",
])
def test_yaml_scan_catches(source):
    assert yaml_findings(ast.parse(source)) != []


def test_yaml_scan_lets_safe_loaders_through():
    src = "L = yaml.CSafeLoader\nyaml.load(s, Loader=L)\nyaml.load(s, Loader=yaml.SafeLoader)\n"
    assert yaml_findings(ast.parse(src)) == []


def test_every_allowed_entry_says_why_and_is_used():
    found = set()
    for path in _modules():
        rel = _rel(path)
        tree = _parse(path)
        found |= {(rel, what) for _, what in code_findings(tree)}
        found |= {(rel, what) for _, what in write_findings(tree)}
    for entry, why in ALLOWED.items():
        assert len(why.split()) >= 5, entry  # a reason, not a word
        assert entry in found, f"{entry} is allowed but no longer used: drop it"


def test_processes_start_only_from_git_capture_and_desktop_install_without_a_shell():
    spawners = {rel for rel, what in ALLOWED if what == "subprocess"}
    assert spawners == {"core/sources/git.py", "cli/capture.py", "desktop_install.py"}
    for path in _modules():
        for node in ast.walk(_parse(path)):
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    assert not (kw.arg == "shell" and not (
                        isinstance(kw.value, ast.Constant) and kw.value.value is False)), \
                        f"{_rel(path)}:{node.lineno}: shell="
