"""Every real corpus file a test names, named once (tests/data/corpus).

Import the constant, never spell a hash in a test: ``from tests.corpus_paths
import SEED``. Add a constant here (with what the file shows) when a test needs
a new file.
"""

from __future__ import annotations

from tests.conftest import CORPUS, RECORDINGS

INTEGRATION = RECORDINGS  # recordings/tests/integration
RESPONSES = INTEGRATION / "responses/recordings"
INFERENCE = INTEGRATION / "inference/recordings"
COMMON = INTEGRATION / "common/recordings"
INTERACTIONS = INTEGRATION / "interactions/recordings"
MESSAGES = INTEGRATION / "messages/recordings"
TOOL_RUNTIME = INTEGRATION / "tool_runtime/recordings"
TELEMETRY = INTEGRATION / "telemetry/recordings"
HISTORY = CORPUS / "history"
PAIRS = CORPUS / "pairs"
OLD_LAYOUT = CORPUS / "old-layout"
GIT_BUNDLE = CORPUS / "git" / "recordings-history.bundle"

# streamed chat completion with a knowledge_search tool call and file citations
SEED = RESPONSES / "e30bc6408e187b53410bc3eabdac9c9beeb98bab989d49120681b0633e8a7d83.json"
# the largest file: 1.1 MB, 1,399 stream chunks (gpt-4o)
LARGEST = RESPONSES / "0ea735928993b5a2de3a444256136d53ab666dbfb7582e5562268f809aa8d5f3.json"
# the second largest: 1,186 chunks
SECOND_LARGEST = RESPONSES / "669d8f20cdff5025f932373ebb7eb9e20947e75083c15a729178f4ca2b9a913f.json"
# raw-HTTP Gemini /v1beta/interactions, status 400 (function_call args in the request)
GEMINI_INTERACTIONS_400 = INTERACTIONS / "b14c2477bdd6b2f266e29b54f2e3f6d67f7832fb91f41fbd108164c4a625181c.json"
GEMINI_INTERACTIONS_400_B = INTERACTIONS / "3edf7afd4b6a5a6e88f65b991a620c6c4114181fe021ffb9fd616b2db87aec29.json"
# raw-HTTP response with status 400, test_id null
HTTP_400 = COMMON / "cf0be7f9e2ebfc78903aa4ada30204585952f77bc5acb3ff7702bd7878d44b44.json"
# recorded exception (is_exception, body null)
RECORDED_EXCEPTION = RESPONSES / "9eafe708db1e66def3b5e7937717823ca02341e1f2b78a4bfdb3f46a335c90b3.json"
# Anthropic /v1/messages SSE stream (raw lines)
ANTHROPIC_SSE = MESSAGES / "f22657bfd86db6348c0a0d0b17332dcfc038b345d2a7be8da4b880a433d36a52.json"
# Gemini /v1beta/interactions SSE stream
GEMINI_INTERACTIONS_SSE = INTERACTIONS / "72df7be9f414b6d04d00f666847edcac8c98baf7e5c79137285c12d0ae85b809.json"
# tool runtime (tavily web_search)
TOOL_RUNTIME_TAVILY = TELEMETRY / "e39dece6d1db2f7ca6fd1d8ad12ed21c2228205dcde8c32f71fb664e1fc56425.json"
# file processor (pypdf)
FILE_PROCESSOR = RESPONSES / "268e65efffed6ba43c3c66d97dddf134f48456bf3a9ac1ba5ecf38fe50c39044.json"
# a small non-streamed chat completion (ollama, 1.8 KB): "Saturn's rings…"
SMALL_CHAT = INFERENCE / "d94bbf50e75423e35f37c42dff284c2589ce81445e3245e5810e5adad8194684.json"
