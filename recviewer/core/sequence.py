"""A test's calls in the order they were made, rebuilt from the data alone.

Recordings carry no timestamps, but the calls of one test form chains: a
later request's messages begin with an earlier request's messages followed by
that call's response (the assembled assistant message of a stream), and the
tool-call ids a response makes come back in the next request. Everything is
compared through the common model (``Exchange`` messages and parts), so every
format that has an adapter chains the same way.

Each message is flattened into *atoms* — one per text, tool call and tool
result — so a response given as several output items and echoed as one
assistant message (or the other way round) still matches, and text given as a
string or as a list of text parts is the same atom. Whitespace runs are folded;
reasoning is ignored (clients drop it from the next request).

A call C continues P when C's request atoms begin with P's request atoms plus
P's response atoms, and are longer. The longest such P wins; ids must match
when both sides have one ("strict"). When no strict parent exists, ids are
ignored ("loose", for normalised or regenerated ids) and a parent is taken
only if exactly one fits. Parents are looked for among the test's own calls
first, then among calls of the same test function under other parameters (a
request made by two parametrisations is recorded once, under one test id);
such a borrowed parent is part of the story.

Calls with no conversation (embeddings, model lists, tool runtime, file
processors, unreadable files) are ``unplaced``. Chains are ordered by their
first user message, then by the length of their first request (a chain whose
first call is missing starts later), then path; a chain is listed depth first, the branches of
a fork by path.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Mapping, Sequence

import orjson

from recviewer.core.catalog.scan import RecordingRef, split_test_id
from recviewer.core.catalog.walk import natural_key
from recviewer.core.errors import RecordingError
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import (
    Exchange, ImagePart, Message, Recording, TextPart, ToolCallPart, ToolResultPart,
)

Atom = tuple  # (kind, role, content, id)
_ROLES = {"model": "assistant", "ai": "assistant", "human": "user", "developer": "system"}


# ----------------------------------------------------------------- atoms
def _fold(text: str) -> str:
    return " ".join(text.split())


def _arguments(call: ToolCallPart) -> str:
    if call.parsed is not None and call.parse_error is None:
        try:
            return orjson.dumps(call.parsed, option=orjson.OPT_SORT_KEYS).decode()
        except TypeError:
            pass
    return _fold(call.arguments)


def message_atoms(message: Message) -> list[Atom]:
    """The comparable pieces of one message, in order."""
    role = _ROLES.get(message.role, message.role)
    atoms: list[Atom] = []
    text: list[str] = []

    def flush() -> None:
        folded = _fold("".join(text))
        if folded:
            atoms.append(("text", role, folded, None))
        text.clear()

    for part in message.parts:
        if isinstance(part, TextPart):
            text.append(part.text)
            continue
        if isinstance(part, ToolCallPart):
            flush()
            atoms.append(("call", "assistant", f"{part.name}({_arguments(part)})", part.id or None))
        elif isinstance(part, ToolResultPart):
            flush()
            atoms.append(("result", "tool", _fold(part.content), part.tool_call_id or None))
        elif isinstance(part, ImagePart):
            flush()
            atoms.append(("image", role, part.url, None))
    flush()
    return atoms


def messages_atoms(messages: Iterable[Message]) -> tuple[Atom, ...]:
    out: list[Atom] = []
    for message in messages:
        out.extend(message_atoms(message))
    return tuple(out)


def _loose(atoms: Sequence[Atom]) -> tuple[Atom, ...]:
    return tuple((a[0], a[1], a[2], None) for a in atoms)


# ----------------------------------------------------------------- calls
@dataclass(slots=True, frozen=True)
class CallFacts:
    """What the sequence needs of one recording (plain values, picklable)."""

    path: str
    rel_path: str
    test_id: str | None
    request: tuple[Atom, ...]      # request atoms
    response: tuple[Atom, ...]     # assembled response atoms
    first_user: str                # first user text (chains are ordered by it)
    conversational: bool           # has request messages at all
    last_role: str | None = None   # role of the last request message
    tool_calls: tuple[str, ...] = ()  # names of the tool calls the response makes
    finish_reason: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    error: str | None = None       # unreadable file, HTTP error or recorded exception


def facts_of(rec: Recording, rel_path: str | None = None) -> CallFacts:
    ex: Exchange = rec.exchange
    conversational = bool(ex.request_messages) and rec.format not in _NOT_CHAT
    request = messages_atoms(ex.request_messages) if conversational else ()
    first_user = next((a[2] for a in request if a[0] == "text" and a[1] == "user"), "")
    calls = tuple(p.name for m in ex.response_messages for p in m.parts
                  if isinstance(p, ToolCallPart))
    usage = ex.usage
    return CallFacts(
        rec.path, rel_path or rec.path, rec.test_id, request,
        messages_atoms(ex.response_messages) if conversational else (), first_user,
        conversational, ex.request_messages[-1].role if ex.request_messages else None,
        calls, ex.finish_reason, usage.prompt_tokens if usage else None,
        usage.completion_tokens if usage else None,
        ex.error.message if ex.error is not None else None)


_NOT_CHAT = frozenset({"embeddings", "models_list", "tool_runtime", "file_processor"})


ByteReader = Callable[[str], bytes]  # path -> the file's bytes (raises when unreadable)


def recording_via(path: str, read_bytes: ByteReader | None = None) -> Recording | RecordingError:
    """``read_recording(path)``, or the same from the bytes ``read_bytes(path)``
    gives (a git revision: nothing is read from the disk)."""
    if read_bytes is None:
        return read_recording(path)
    from recviewer.core.sources.base import recording_from_bytes  # lazy: git plumbing

    try:
        data = read_bytes(path)
    except Exception as exc:  # noqa: BLE001 - any reader failure: an unreadable file
        return RecordingError(path, f"cannot read: {getattr(exc, 'strerror', None) or exc}")
    return recording_from_bytes(path, data)


def interactions_via(file: str, test_id: str | None, read_bytes: ByteReader | None = None
                     ) -> list[Recording | RecordingError] | RecordingError:
    """Every interaction of the cassette ``file`` (``cassettes.open.read_all``),
    or the same from the bytes ``read_bytes(file)`` gives."""
    if read_bytes is None:
        from recviewer.core.cassettes.open import read_all

        return read_all(file, test_id)
    from recviewer.core.cassettes.cassette import parse_cassette
    from recviewer.core.cassettes.convert import interaction_recording

    try:
        data = read_bytes(file)
    except Exception as exc:  # noqa: BLE001 - any reader failure: an unreadable file
        return RecordingError(file, f"cannot read: {getattr(exc, 'strerror', None) or exc}")
    cassette = parse_cassette(file, data)
    if isinstance(cassette, RecordingError):
        return cassette
    return [interaction_recording(f"{file}#{i.index}", i, test_id, cassette.size)
            for i in cassette.interactions]


def read_facts(path: str, rel_path: str | None = None,
               read_bytes: ByteReader | None = None) -> CallFacts:
    """Read one file into CallFacts; an unreadable file is unplaced.
    ``read_bytes``: where the bytes come from (default: the disk)."""
    rec = recording_via(path, read_bytes)
    if isinstance(rec, RecordingError):
        return CallFacts(path, rel_path or path, None, (), (), "", False, error=rec.reason)
    return facts_of(rec, rel_path)


# ----------------------------------------------------------------- the story
@dataclass(slots=True, frozen=True)
class StoryCall:
    facts: CallFacts
    after: str | None          # rel_path of the call this one continues
    depth: int                 # 0 for a first call
    fork: bool                 # this call's parent has more than one continuation
    borrowed: bool = False     # recorded under another parametrisation's test id


@dataclass(slots=True, frozen=True)
class Story:
    test_id: str
    calls: tuple[StoryCall, ...]
    unplaced: tuple[CallFacts, ...]

    @property
    def places(self) -> dict[str, int]:
        """rel_path → 1-based place in the story (unplaced calls have none)."""
        return {c.facts.rel_path: i for i, c in enumerate(self.calls, 1)}

    def as_json(self) -> dict:
        """The ``sequence --json`` shape."""
        return {
            "test_id": self.test_id,
            "calls": [{"path": c.facts.rel_path, "after": c.after} for c in self.calls],
            "unplaced": [f.rel_path for f in self.unplaced],
        }


def _function_of(test_id: str | None) -> str | None:
    if not test_id:
        return None
    file, function, _ = split_test_id(test_id)
    return f"{file}::{function}"


class _Index:
    """Prefix lookup: (request + response) atoms of every candidate parent."""

    def __init__(self, calls: Iterable[CallFacts]) -> None:
        self.strict: dict[tuple, list[CallFacts]] = {}
        self.loose: dict[tuple, list[CallFacts]] = {}
        for call in calls:
            if not call.conversational or not call.response:
                continue
            key = call.request + call.response
            self.strict.setdefault(key, []).append(call)
            self.loose.setdefault(_loose(key), []).append(call)

    def parent(self, call: CallFacts) -> CallFacts | None:
        atoms = call.request
        for length in range(len(atoms) - 1, 0, -1):
            found = [p for p in self.strict.get(atoms[:length], ()) if p.path != call.path]
            if found:
                return min(found, key=lambda p: natural_key(p.rel_path))
        loose = _loose(atoms)
        for length in range(len(atoms) - 1, 0, -1):
            found = [p for p in self.loose.get(loose[:length], ()) if p.path != call.path]
            if len(found) == 1:
                return found[0]
            if found:
                return None  # ambiguous without ids: not linked
        return None


def build_story(test_id: str, facts: Iterable[CallFacts],
                siblings: Iterable[CallFacts] = ()) -> Story:
    """The story of ``test_id`` from the facts of its recordings; ``siblings``
    are calls of the same test function under other parameters (candidate
    parents only)."""
    own = sorted(facts, key=lambda f: natural_key(f.rel_path))
    chat = [f for f in own if f.conversational]
    unplaced = tuple(f for f in own if not f.conversational)
    mine = _Index(chat)
    others = _Index(f for f in siblings if f.test_id != test_id)
    parent_of: dict[str, CallFacts] = {}
    borrowed: dict[str, CallFacts] = {}
    todo = list(chat)
    while todo:
        call = todo.pop()
        parent = mine.parent(call)
        if parent is None:
            parent = others.parent(call)
            if parent is not None and parent.path not in borrowed and parent.path not in parent_of:
                if all(parent.path != c.path for c in chat):
                    borrowed[parent.path] = parent
                    todo.append(parent)
        if parent is not None and not _is_ancestor(call, parent, parent_of):
            parent_of[call.path] = parent
    everyone = chat + list(borrowed.values())
    children: dict[str | None, list[CallFacts]] = {}
    for call in everyone:
        parent = parent_of.get(call.path)
        children.setdefault(parent.path if parent else None, []).append(call)
    for kids in children.values():
        kids.sort(key=lambda f: natural_key(f.rel_path))
    roots = sorted(children.get(None, []),
                   key=lambda f: (f.first_user, len(f.request), natural_key(f.rel_path)))
    ordered: list[StoryCall] = []
    stack: list[tuple[CallFacts, int, bool]] = [(r, 0, False) for r in reversed(roots)]
    while stack:
        call, depth, fork = stack.pop()
        parent = parent_of.get(call.path)
        ordered.append(StoryCall(call, parent.rel_path if parent else None, depth, fork,
                                 call.path in borrowed))
        kids = children.get(call.path, [])
        stack.extend((k, depth + 1, len(kids) > 1) for k in reversed(kids))
    return Story(test_id, tuple(ordered), unplaced)


def _is_ancestor(call: CallFacts, parent: CallFacts, parent_of: Mapping[str, CallFacts]) -> bool:
    """True when linking would close a loop (identical requests can chain both ways)."""
    node: CallFacts | None = parent
    seen = 0
    while node is not None and seen <= len(parent_of):
        if node.path == call.path:
            return True
        node = parent_of.get(node.path)
        seen += 1
    return False


# ----------------------------------------------------------------- from refs
Reader = Callable[[str, str], CallFacts]


def _facts_reader(read: Reader, read_bytes: ByteReader | None) -> Reader:
    """``read``, or ``read_facts`` over ``read_bytes`` when that is given and
    ``read`` is the default."""
    if read_bytes is None or read is not read_facts:
        return read
    return lambda path, rel_path: read_facts(path, rel_path, read_bytes)


def story_of(refs: Iterable[RecordingRef], test_id: str, *,
             read: Reader = read_facts, read_bytes: ByteReader | None = None) -> Story | None:
    """The story of ``test_id`` among catalog ``refs`` (None: no such test).
    Reads the test's files and those of its sibling parametrisations. The
    interactions of a cassette (``REL#N``) are its calls in recorded order
    (each ``after`` the one before it), not a rebuilt chain. ``read_bytes``:
    the bytes of a ref path (a git revision's blobs; default: the disk)."""
    calls_read = read
    read = _facts_reader(read, read_bytes)
    refs = list(refs)
    own = [r for r in refs if r.test_id == test_id]
    if not own:
        return None
    recorded, empty, rest = _split_cassettes(own)
    function = _function_of(test_id)
    siblings = [r for r in refs if r.test_id != test_id and r.error is None
                and r.format not in _NOT_CHAT and function and _function_of(r.test_id) == function
                and _address(r) is None]
    story = build_story(test_id, (read(r.path, r.rel_path) for r in rest),
                        (read(r.path, r.rel_path) for r in siblings)) if rest else None
    if not recorded and not empty:
        return story
    calls = recorded_calls(recorded, calls_read, read_bytes=read_bytes)
    if story is not None:
        return Story(test_id, tuple(calls) + story.calls,
                     story.unplaced + tuple(_empty_facts(r) for r in empty))
    return Story(test_id, tuple(calls), tuple(_empty_facts(r) for r in empty))


# ----------------------------------------------------------------- cassettes
def _address(ref: RecordingRef) -> tuple[str, int] | None:
    """(file rel path, N) of a cassette interaction ``REL#N``, else None."""
    file, sep, tail = ref.rel_path.rpartition("#")
    return (file, int(tail)) if sep and file and tail.isdigit() else None


def _split_cassettes(refs: list[RecordingRef]
                     ) -> tuple[list[RecordingRef], list[RecordingRef], list[RecordingRef]]:
    """(cassette interactions, empty cassettes, other recordings)."""
    from recviewer.core.cassettes.open import EMPTY_FORMAT

    recorded, empty, rest = [], [], []
    for r in refs:
        if _address(r) is not None:
            recorded.append(r)
        elif r.format == EMPTY_FORMAT and r.error is None:
            empty.append(r)
        else:
            rest.append(r)
    return recorded, empty, rest


def _empty_facts(ref: RecordingRef) -> CallFacts:
    return CallFacts(ref.path, ref.rel_path, ref.test_id, (), (), "", False)


def _cassette_facts(refs: list[RecordingRef], read: Reader,
                    read_bytes: ByteReader | None = None) -> dict[str, CallFacts]:
    """Facts of cassette interactions by path; with the default reader each
    cassette is parsed once (``read_all``), not once per interaction."""
    if read is not read_facts:
        return {r.path: read(r.path, r.rel_path) for r in refs}
    out: dict[str, CallFacts] = {}
    by_file: dict[str, list[RecordingRef]] = {}
    for r in refs:
        by_file.setdefault(r.path.rpartition("#")[0], []).append(r)
    for file, group in by_file.items():
        recs = interactions_via(file, group[0].test_id, read_bytes)
        if isinstance(recs, RecordingError):
            for r in group:
                out[r.path] = CallFacts(r.path, r.rel_path, r.test_id, (), (), "", False,
                                        error=recs.reason)
            continue
        wanted = {r.path.rpartition("#")[2]: r for r in group}
        for rec in recs:
            path = rec.path
            r = wanted.get(path.rpartition("#")[2])
            if r is None:
                continue
            if isinstance(rec, RecordingError):
                out[r.path] = CallFacts(r.path, r.rel_path, r.test_id, (), (), "", False,
                                        error=rec.reason)
            else:
                out[r.path] = replace(facts_of(rec, r.rel_path), path=r.path)
        for r in group:  # gone since the scan
            out.setdefault(r.path, CallFacts(r.path, r.rel_path, r.test_id, (), (), "", False,
                                             error="no such interaction"))
    return out


def recorded_calls(refs: Iterable[RecordingRef], read: Reader = read_facts, *,
                   read_bytes: ByteReader | None = None) -> list[StoryCall]:
    """Cassette interactions as calls in recorded order: cassettes by path,
    interactions by index, each ``after`` the one before it in its cassette."""
    refs = sorted(refs, key=lambda r: (natural_key(_address(r)[0]), _address(r)[1]))
    facts = _cassette_facts(refs, read, read_bytes)
    calls: list[StoryCall] = []
    previous: RecordingRef | None = None
    depth = 0
    for r in refs:
        same = previous is not None and _address(previous)[0] == _address(r)[0]
        depth = depth + 1 if same else 0
        calls.append(StoryCall(facts[r.path], previous.rel_path if same else None, depth, False))
        previous = r
    return calls


def order_refs(refs: Iterable[RecordingRef], *, read: Reader = read_facts,
               read_bytes: ByteReader | None = None) -> dict[str, int]:
    """Path → 1-based place within its test, for every placed recording of
    ``refs`` (all tests). Reads each chat recording once: run it off the GUI
    thread, per test (``story_of``) when only one test is shown.
    ``read_bytes``: the bytes of a ref path (default: the disk)."""
    calls_read = read
    read = _facts_reader(read, read_bytes)
    refs = list(refs)
    by_test: dict[str, list[RecordingRef]] = {}
    for ref in refs:
        if ref.test_id and ref.error is None:
            by_test.setdefault(ref.test_id, []).append(ref)
    cache: dict[str, CallFacts] = {}

    def cached(path: str, rel: str) -> CallFacts:
        facts = cache.get(path)
        if facts is None:
            facts = cache[path] = read(path, rel)
        return facts

    by_function: dict[str, list[RecordingRef]] = {}
    for test_id, group in by_test.items():
        by_function.setdefault(_function_of(test_id) or test_id, []).extend(group)
    places: dict[str, int] = {}
    for test_id, group in by_test.items():
        recorded, _, group = _split_cassettes(group)
        first = 1
        for first, call in enumerate(recorded_calls(recorded, calls_read,
                                                    read_bytes=read_bytes), 1):
            places[call.facts.path] = first
        first = first + 1 if recorded else 1
        if not group:
            continue
        siblings = [r for r in by_function.get(_function_of(test_id) or test_id, [])
                    if r.test_id != test_id and r.format not in _NOT_CHAT
                    and _address(r) is None]
        story = build_story(test_id, (cached(r.path, r.rel_path) for r in group),
                            (cached(r.path, r.rel_path) for r in siblings))
        for i, call in enumerate(story.calls, first):
            if call.facts.test_id == test_id or call.facts.path not in places:
                if call.facts.test_id == test_id:
                    places[call.facts.path] = i
    return places


def rel_to(root: str, path: str) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/")
