"""The key rules of the ogx recorder, today's and the earlier versions.

A rule version says which parts of the normalisation were applied when a file
was recorded. Today's rule (``CURRENT``) is ``ogx.testing.api_recorder``'s:
SHA-256 hex of ``json.dumps({"method", "endpoint": URL path, "body":
normalize(body), "test_id"}, sort_keys=True)``. Earlier versions are kept so a
file that no longer verifies can be told apart from a hand-edited one.
"""

from __future__ import annotations

from dataclasses import dataclass

# URL paths whose inference key leaves the test id out (shared model lists).
KEYLESS_TEST_ID_PATHS = frozenset({"/api/tags", "/v1/models", "/v1/openai/v1/models"})
# Stored ``request.endpoint`` values whose files are named models-<key>-<8 hex>.json.
MODEL_LIST_ENDPOINTS = frozenset({"/api/tags", "/v1/models", "/v1/openai/v1/models"})

# Parts of the file-search string normalisation, in the order they apply.
SCORE = "score"
ATTRIBUTES = "attributes"
DOCUMENT_ID = "document_id"
CITATION = "citation"
FILE_SEARCH_ALL = (SCORE, ATTRIBUTES, DOCUMENT_ID, CITATION)


@dataclass(slots=True, frozen=True)
class RuleVersion:
    """One version of the key rule. ``label`` names it in a cause sentence."""

    name: str
    label: str
    normalize: bool  # floats rounded, long decimals in strings rounded, project_id / bedrock rules
    file_search: tuple[str, ...]  # which file-search string rules apply (when normalize)
    test_id: bool  # the test id is part of the key
    hex_digits: int  # 64: the full digest names the file; 12: the first 12 hex digits


CURRENT = RuleVersion("current", "today's rule", True, FILE_SEARCH_ALL, True, 64)
BEFORE_DOCUMENT_ID = RuleVersion(
    "before-document-id-normalisation", "before document-id and citation normalisation",
    True, (SCORE, ATTRIBUTES), True, 64)
BEFORE_FILE_SEARCH = RuleVersion(
    "before-file-search-normalisation", "before file-search normalisation", True, (), True, 64)
BEFORE_NORMALISATION = RuleVersion(
    "before-normalisation", "before normalisation", False, (), True, 64)
LEGACY_12HEX = RuleVersion(
    "12-hex-era", "the 12-hex era (no test id, no normalisation)", False, (), False, 12)

# Newest first: a stale file is explained by the first earlier version it matches.
EARLIER: tuple[RuleVersion, ...] = (BEFORE_DOCUMENT_ID, BEFORE_FILE_SEARCH, BEFORE_NORMALISATION)
ALL: tuple[RuleVersion, ...] = (CURRENT, *EARLIER, LEGACY_12HEX)

# Project-wide renames that were applied to recorded text in place, as
# (old, new). A stale file may match once one is undone (new -> old), or, for a
# file edited back, once it is redone (old -> new).
KNOWN_RENAMES: tuple[tuple[str, str], ...] = (
    ("llama_stack_client", "ogx_client"),
    ("llama-stack-test", "ogx-test"),
    ("Llama Stack", "OGX"),
    ("llama_stack", "ogx"),
    ("llama-stack", "ogx"),
    ("LlamaStack", "OGX"),
)
