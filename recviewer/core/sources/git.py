"""Read recordings straight from git objects: no checkout, no write.

Every git call goes through :class:`GitRepo`, which runs git with a safe
environment: no pager, no terminal prompt, ``GIT_OPTIONAL_LOCKS=0`` (no index
refresh), ``core.fsmonitor`` off (a repository's config cannot start a
program), automatic gc off, no replace objects, and none of the caller's
``GIT_*`` variables (they could point git elsewhere). Only plumbing that reads
is used: ``rev-parse``, ``ls-tree``, ``cat-file``, ``log``, and for a
pathspec with wildcards ``diff-tree`` plus ``hash-object -t tree --stdin``
(the empty tree's id; without ``-w`` it writes nothing).

Why one ``git cat-file --batch`` process: a revision's tree is listed once
(``ls-tree -r -z --long``: paths, blob ids and sizes), and the blobs are read by
one long-running ``cat-file --batch`` process fed with object ids on stdin by a
writer thread while this thread reads the replies. A process per file costs
~2 ms of start-up each (about 1 s for 400 files, most of a re-recording diff);
the batch reads a blob in microseconds plus its copy. A library (pygit2)
would add a compiled dependency for no measured gain here (see
``benchmarks/bench_history.py``).

Errors are values: :class:`RecordingError` (``path`` is the repository or
revision, ``reason`` one line).
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import threading
from dataclasses import dataclass
from typing import IO, Iterator, Sequence

from recviewer.core.errors import RecordingError

GIT = "git"
SHORT = 10  # characters of a commit id shown
MODE_SYMLINK = "120000"
MODE_GITLINK = "160000"
_OID = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?\Z")
# Config that could run a program or write, set for every call.
_SAFE_CONFIG = ("core.fsmonitor=false", "core.untrackedCache=false", "gc.auto=0",
                "maintenance.auto=false", "core.hooksPath=/dev/null", "log.showSignature=false",
                "core.quotePath=false")


def git_environment() -> dict[str, str]:
    """The environment every git call runs with (a copy of ours, made safe)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({
        "GIT_OPTIONAL_LOCKS": "0", "GIT_PAGER": "cat", "PAGER": "cat",
        "GIT_TERMINAL_PROMPT": "0", "GIT_NO_REPLACE_OBJECTS": "1", "GIT_ASKPASS": "",
        "SSH_ASKPASS": "", "LC_ALL": "C", "LANGUAGE": "C",
    })
    return env


def _decode(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def _first_line(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace").strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    line = lines[0] if lines else "git failed"
    return line.removeprefix("fatal: ").removeprefix("error: ")


@dataclass(slots=True, frozen=True)
class TreeEntry:
    """One blob of a revision's tree."""

    path: str   # repository-relative, '/'-separated (surrogate-escaped when not UTF-8)
    mode: str   # "100644", "100755", "120000" (symbolic link), "160000" (submodule)
    oid: str
    size: int   # -1 when git does not say (submodules)


@dataclass(slots=True, frozen=True)
class CommitInfo:
    """One commit, as a revision picker shows it."""

    oid: str
    short: str
    date: str          # author date, ISO 8601 with offset
    author: str
    email: str
    subject: str
    recordings: int    # *.json paths the commit touched (within the path filter)


@dataclass(slots=True, frozen=True)
class PathVersion:
    """One commit that touched a path, and the blob it left there."""

    commit: CommitInfo
    status: str        # "A" added, "M" modified, "D" deleted (then ``oid`` is None)
    oid: str | None    # the blob at that commit
    path: str = ""     # the repository path (another one across a key change)


class GitRepo:
    """A repository (work tree, bare, or a bundle clone), read only."""

    def __init__(self, git_dir: str, root: str, bare: bool) -> None:
        self.git_dir = git_dir  # absolute
        self.root = root        # the work tree's top folder; the git dir when bare
        self.bare = bare

    def __repr__(self) -> str:
        return f"GitRepo({self.root!r})"

    # ------------------------------------------------------------ running git
    def argv(self, *args: str) -> list[str]:
        config = [item for pair in _SAFE_CONFIG for item in ("-c", pair)]
        return [GIT, "--no-pager", *config, f"--git-dir={self.git_dir}", *args]

    def run(self, *args: str) -> bytes | RecordingError:
        """stdout of one git call, or its first error line."""
        return _run(self.argv(*args), self.root)

    # ------------------------------------------------------------ revisions
    def resolve(self, rev: str) -> str | RecordingError:
        """The commit id ``rev`` names (a commit, tag or branch)."""
        if not rev or rev.startswith("-") or "\0" in rev or "\n" in rev:
            return RecordingError(self.root, f"unknown revision {rev!r}")
        out = self.run("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
        if isinstance(out, RecordingError) or not out.strip():
            return RecordingError(self.root, f"unknown revision {rev!r}")
        return _decode(out).strip()

    def short(self, oid: str) -> str:
        out = self.run("rev-parse", "--short", oid)
        return oid[:10] if isinstance(out, RecordingError) else _decode(out).strip()

    def ls_tree(self, commit: str, pathspecs: Sequence[str] = ()) -> list[TreeEntry] | RecordingError:
        """Every blob under ``pathspecs`` (all when empty) at ``commit``, in git's order.

        ``ls-tree`` takes path prefixes only; a pathspec with wildcards or
        magic (``*.json``, ``:(exclude)…``) is matched as ``git archive``
        matches it, by diffing the empty tree against the commit (sizes are
        then learnt when the blobs are read)."""
        if any(_is_pattern(spec) for spec in pathspecs):
            return self._matching(commit, pathspecs)
        out = self.run("ls-tree", "-r", "-z", "--long", "--full-tree", commit, "--", *pathspecs)
        if isinstance(out, RecordingError):
            return out
        entries = []
        for record in out.split(b"\0"):
            if not record:
                continue
            meta, _, path = record.partition(b"\t")
            parts = meta.split()
            if len(parts) != 4:
                continue
            mode, kind, oid, size = (_decode(p) for p in parts)
            if kind not in ("blob", "commit"):
                continue
            entries.append(TreeEntry(_decode(path), mode, oid, int(size) if size.isdigit() else -1))
        return entries

    def _matching(self, commit: str, pathspecs: Sequence[str]) -> list[TreeEntry] | RecordingError:
        empty = self.run("hash-object", "-t", "tree", "--stdin")  # without -w: nothing written
        if isinstance(empty, RecordingError):
            return empty
        out = self.run("diff-tree", "-r", "-z", "--no-renames", "--no-abbrev", "--raw",
                       _decode(empty).strip(), commit, "--", *pathspecs)
        if isinstance(out, RecordingError):
            return out
        items = [item for item in out.split(b"\0") if item]
        entries = []
        for meta, path in zip(items[::2], items[1::2]):
            parts = _decode(meta).split()  # ":000000 100644 0000… <oid> A"
            if len(parts) >= 5 and parts[1] != MODE_GITLINK:
                entries.append(TreeEntry(_decode(path), parts[1], parts[3], -1))
        return entries

    def blobs(self) -> BlobReader:
        return BlobReader(self)

    # ------------------------------------------------------------ history
    def list_commits(self, path_filter: Sequence[str] | str | None = None, limit: int | None = None,
                     rev: str = "HEAD") -> list[CommitInfo] | RecordingError:
        """Commits reachable from ``rev``, newest first, that touched ``path_filter``
        (every commit when None), each with how many ``*.json`` paths it touched."""
        logged = self._log(rev, path_filter, limit, raw=False)
        if isinstance(logged, RecordingError):
            return logged
        return [commit for commit, _ in logged]

    def path_history(self, path: str, limit: int | None = None,
                     rev: str = "HEAD") -> list[PathVersion] | RecordingError:
        """The versions of one repository-relative path, newest first: each commit
        that added, changed or deleted it and the blob it left."""
        logged = self._log(rev, [path], limit, raw=True)
        if isinstance(logged, RecordingError):
            return logged
        versions = []
        for commit, changes in logged:
            for status, oid, changed_path in changes:
                if changed_path == path:
                    versions.append(PathVersion(commit, status, None if status == "D" else oid,
                                                path))
        return versions

    def commit_changes(self, rev: str = "HEAD", path_filter: Sequence[str] | str | None = None,
                       limit: int | None = None
                       ) -> list[tuple[CommitInfo, list[PathVersion]]] | RecordingError:
        """Commits newest first, each with the blobs it added, changed or deleted
        (one ``git log --raw`` call)."""
        logged = self._log(rev, path_filter, limit, raw=True)
        if isinstance(logged, RecordingError):
            return logged
        return [(commit, [PathVersion(commit, status, None if status == "D" else oid, path)
                          for status, oid, path in changes]) for commit, changes in logged]

    def _log(self, rev: str, paths: Sequence[str] | str | None, limit: int | None, raw: bool
             ) -> list[tuple[CommitInfo, list[tuple[str, str, str]]]] | RecordingError:
        commit = self.resolve(rev)
        if isinstance(commit, RecordingError):
            return commit
        spec = [paths] if isinstance(paths, str) else list(paths or ())
        args = ["log", "-z", "--no-renames", "--no-ext-diff", "--no-textconv", "--no-color",
                "--format=%x1e%H%x1f%H%x1f%aI%x1f%an%x1f%ae%x1f%s",
                "--raw" if raw else "--name-only", "--no-abbrev"]
        if limit is not None:
            args.append(f"--max-count={max(0, int(limit))}")
        args += [commit, "--", *spec]
        out = self.run(*args)
        if isinstance(out, RecordingError):
            return out
        return [_parse_commit(chunk, raw) for chunk in out.split(b"\x1e") if chunk.strip(b"\0\n")]


def _is_pattern(spec: str) -> bool:
    return spec.startswith(":") or any(c in spec for c in "*?[")


def _parse_commit(chunk: bytes, raw: bool) -> tuple[CommitInfo, list[tuple[str, str, str]]]:
    head, _, rest = chunk.partition(b"\0")
    fields = _decode(head).split("\x1f", 5)
    fields += [""] * (6 - len(fields))
    items = [item.strip(b"\n") for item in rest.split(b"\0")]
    items = [item for item in items if item]
    changes: list[tuple[str, str, str]] = []
    if raw:  # ":100644 100644 old new M" then the path
        i = 0
        while i + 1 < len(items):
            meta = _decode(items[i]).split()
            if len(meta) >= 5 and meta[0].startswith(":"):
                changes.append((meta[4][:1], meta[3], _decode(items[i + 1])))
                i += 2
            else:
                i += 1
        touched = [p for _, _, p in changes]
    else:
        touched = [_decode(item) for item in items]
    recordings = sum(1 for p in touched if p.endswith(".json"))
    info = CommitInfo(fields[0], fields[1][:SHORT], fields[2], fields[3], fields[4], fields[5].strip(),
                      recordings)
    return info, changes


def _run(argv: list[str], cwd: str) -> bytes | RecordingError:
    try:
        proc = subprocess.run(argv, cwd=cwd, env=git_environment(), stdin=subprocess.DEVNULL,
                              capture_output=True, check=False)
    except FileNotFoundError:
        return RecordingError(cwd, "git is not installed (no 'git' program found)")
    except OSError as exc:
        return RecordingError(cwd, f"cannot run git: {exc.strerror or exc}")
    if proc.returncode != 0:
        return RecordingError(cwd, _first_line(proc.stderr))
    return proc.stdout


def open_repo(path: str | os.PathLike[str]) -> GitRepo | RecordingError:
    """The repository at ``path`` (a work tree or any folder in one, a bare
    repository or a ``.git`` folder), or why not."""
    p = os.path.abspath(os.fspath(path))
    if not os.path.isdir(p):
        return RecordingError(p, "no such folder" if not os.path.exists(p) else "not a folder")
    base = [GIT, "--no-pager", *[i for pair in _SAFE_CONFIG for i in ("-c", pair)], "rev-parse"]
    out = _run(base + ["--absolute-git-dir", "--is-bare-repository", "--show-toplevel"], p)
    if not isinstance(out, RecordingError):  # a work tree: one call
        lines = _decode(out).splitlines()
        if len(lines) >= 3 and lines[2].strip():
            return GitRepo(lines[0], lines[2].strip(), False)
    out = _run(base + ["--absolute-git-dir", "--is-bare-repository"], p)
    if isinstance(out, RecordingError):
        reason = out.reason
        if "not a git repository" in reason:
            reason = "not a git repository"
        return RecordingError(p, reason)
    lines = _decode(out).splitlines()
    if len(lines) < 2:
        return RecordingError(p, "not a git repository")
    return GitRepo(lines[0], lines[0], True)  # bare, or a .git folder given directly


# ---------------------------------------------------------------- blobs in bulk
class BlobReader:
    """One long-running ``git cat-file --batch``: blobs by object id, in order.

    Use as a context manager (the process ends on ``close``). ``read`` feeds
    the ids from a writer thread and yields ``(oid, bytes | None)`` (None:
    missing) in the same order; stopping early drains the rest.
    """

    def __init__(self, repo: GitRepo) -> None:
        self._repo = repo
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._reader: int | None = None  # the thread inside a read (a generator)

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> subprocess.Popen[bytes] | RecordingError:
        if self._proc is not None and self._proc.poll() is None:
            return self._proc
        try:
            self._proc = subprocess.Popen(
                self._repo.argv("cat-file", "--batch"), cwd=self._repo.root,
                env=git_environment(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, bufsize=1 << 16)
        except OSError as exc:
            return RecordingError(self._repo.root, f"cannot run git: {exc.strerror or exc}")
        return self._proc

    def read(self, oids: Sequence[str]) -> Iterator[tuple[str, bytes | None]]:
        for oid, kind, data in self.objects(oids):
            yield oid, data if kind == "blob" else None

    def objects(self, names: Sequence[str]) -> Iterator[tuple[str, str, bytes | None]]:
        """``(name, type, contents)`` for each object name (an id, or an
        expression such as ``main^{commit}``), in order."""
        if self._reader == threading.get_ident():
            raise RuntimeError("BlobReader: finish (or close) one read before starting another")
        with self._lock:
            self._reader = threading.get_ident()
            try:
                yield from self._objects(names)
            finally:
                self._reader = None

    def _objects(self, names: Sequence[str]) -> Iterator[tuple[str, str, bytes | None]]:
        proc = self._start()
        if isinstance(proc, RecordingError):
            for name in names:
                yield name, "missing", None
            return
        assert proc.stdin is not None and proc.stdout is not None
        wanted = list(names)
        writer = threading.Thread(target=_feed, args=(proc.stdin, wanted), daemon=True)
        writer.start()
        done = 0
        try:
            for name in wanted:
                oid, kind, data = _reply(proc.stdout)
                done += 1
                yield (oid if kind == "commit" else name), kind, data
        finally:
            for _ in range(len(wanted) - done):  # stopped early: keep the stream in step
                if not _reply(proc.stdout)[1]:
                    break
            writer.join()

    def resolve(self, rev: str) -> str | None:
        """The commit id ``rev`` names, asked of this process (no new one)."""
        if not rev or "\n" in rev or "\0" in rev or rev.startswith("-"):
            return None
        for oid, kind, _ in self.objects([f"{rev}^{{commit}}"]):
            return oid if kind == "commit" and is_oid(oid) else None
        return None

    def read_one(self, oid: str) -> bytes | None:
        for _, data in self.read([oid]):
            return data
        return None

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.stdin is not None:
                proc.stdin.close()
            proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()
        finally:
            if proc.stdout is not None:
                proc.stdout.close()


def _feed(stdin: IO[bytes], oids: list[str]) -> None:
    try:
        for oid in oids:
            stdin.write(oid.encode("ascii", "replace") + b"\n")
        stdin.flush()
    except (OSError, ValueError):
        pass


def _reply(stdout: IO[bytes]) -> tuple[str, str, bytes | None]:
    """(object id, type, contents) of the next reply; type "missing" when the
    name named nothing, "" when git went away."""
    header = stdout.readline()
    if not header:
        return "", "", None
    parts = header.split()
    if len(parts) != 3 or not parts[2].isdigit():
        return _decode(parts[0]) if parts else "", "missing", None  # "<name> missing"
    size = int(parts[2])
    data = stdout.read(size)
    stdout.read(1)  # the newline after the contents
    return _decode(parts[0]), _decode(parts[1]), data


def is_oid(text: str) -> bool:
    return bool(_OID.match(text))


def symlink_target(link_path: str, target: bytes) -> str:
    """The repository path a symbolic link at ``link_path`` points to."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(link_path), _decode(target)))
    return joined


# ---------------------------------------------------------------- module API
def _repo(repo: GitRepo | str | os.PathLike[str]) -> GitRepo | RecordingError:
    return repo if isinstance(repo, GitRepo) else open_repo(repo)


def list_commits(repo: GitRepo | str | os.PathLike[str],
                 path_filter: Sequence[str] | str | None = None, limit: int | None = None,
                 rev: str = "HEAD") -> list[CommitInfo] | RecordingError:
    """For a revision picker: commits newest first (date, author, subject, how
    many recordings each touched), only those touching ``path_filter`` when given."""
    r = _repo(repo)
    return r if isinstance(r, RecordingError) else r.list_commits(path_filter, limit, rev)


def path_history(repo: GitRepo | str | os.PathLike[str], path: str, limit: int | None = None,
                 rev: str = "HEAD") -> list[PathVersion] | RecordingError:
    """The versions of one repository-relative path through the commits that touched it."""
    r = _repo(repo)
    return r if isinstance(r, RecordingError) else r.path_history(path, limit, rev)
