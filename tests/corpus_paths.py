"""Every real corpus file a test names, named once (tests/data/corpus).

Import the constant, never spell a hash in a test: ``from tests.corpus_paths
import SEED``. Add a constant here (with what the file shows) when a test needs
a new file.
"""

from __future__ import annotations

import os
from pathlib import Path

# the corpus copied into the repository (RECVIEWER_CORPUS points elsewhere)
CORPUS = Path(os.environ.get("RECVIEWER_CORPUS",
                             Path(__file__).resolve().parent / "data" / "corpus"))
RECORDINGS = CORPUS / "recordings" / "tests" / "integration"
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
BATCHES = INTEGRATION / "batches/recordings"
# the old flat layout's responses folder (12-hex names)
OLD_RESPONSES = OLD_LAYOUT / "tests/integration/recordings/responses"

# streamed chat completion with a knowledge_search tool call and file citations
SEED = RESPONSES / "e30bc6408e187b53410bc3eabdac9c9beeb98bab989d49120681b0633e8a7d83.json"
# the largest file: 1.1 MB, 1,399 stream chunks (gpt-4o)
LARGEST = RESPONSES / "0ea735928993b5a2de3a444256136d53ab666dbfb7582e5562268f809aa8d5f3.json"
# the second largest: 1,186 chunks
SECOND_LARGEST = RESPONSES / "669d8f20cdff5025f932373ebb7eb9e20947e75083c15a729178f4ca2b9a913f.json"
# raw-HTTP Gemini /v1beta/interactions, status 400 (function_call args in the request)
GEMINI_INTERACTIONS_400 = INTERACTIONS / "b14c2477bdd6b2f266e29b54f2e3f6d67f7832fb91f41fbd108164c4a625181c.json"
# raw-HTTP Gemini /v1beta/interactions, status 200: a get_weather function_call in outputs
GEMINI_INTERACTIONS_CALL = INTERACTIONS / "190a176922b96f8a452160eeee2fde26c1184e0e138693a079e3521c6dd57eba.json"
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

# --- call sequences (issue 16), chains verified by reading the files ---
MCP_TEST_ID = "tests/integration/tool_runtime/test_mcp.py::test_mcp_invocation[txt=ollama/llama3.2:3b-instruct-fp16]"
# one run: [system, user] → greet_everyone(call_c1tlwvxc); + tool "Hello, world!" → text;
# + user "boiling point of polyjuice?" → get_boiling_point(call_h8atvnz3); + tool "-1" → text
MCP_CHAIN = tuple(TOOL_RUNTIME / f"{h}.json" for h in (
    "d516b8d54a42c57c19cbc0a6b90aed82af458af76db2b58b0369e75ad9fb4f3f",
    "8850db6a210daca8a8c12ffd70edc7eefa75ac231676f7ad584de5d75883cab9",
    "0b29d8fc2fee6f3086820af7b7db15b91bbde548bb9d9531a9e0c9cbbc2c66df",
    "522bf95412d73568d38c20303aba38543e717c9b270584bbf8134708f0600869"))
# a fork: two re-recordings continue greet_everyone(call_gltkcao3) + its tool result
MCP_FORK_PARENT = TOOL_RUNTIME / "115e9157d53affa2443b8f967db899fa7589f646fd0d7a76338cc4892b1c504f.json"
MCP_FORK_CHILDREN = (
    TOOL_RUNTIME / "2df04abf54a00cc23092086e4781f86b3e4edd448944d0deca9176c20a9cd43c.json",
    TOOL_RUNTIME / "3c56df93bd3e3be5e0b1cc671fea7b46ecad50638d5a378d96475c704bd546bf.json")
# file search by category (gpt-4o): knowledge_search call → answer, plus two embeddings calls
CATEGORY_TEST_ID = ("tests/integration/responses/test_file_search.py::"
                    "test_response_file_search_filter_by_category[openai_client-txt=openai/gpt-4o]")
CATEGORY_CALL = RESPONSES / "7fd45d7ac9c4c37a55ade8a6323f3a21a471a6eaa9daf59be8313b336bcd35fa.json"
CATEGORY_ANSWER = RESPONSES / "f4cfc578243d8c3e2e61488bfcfc571cbc160a97dc570076a869d4fec1dc8c52.json"
CATEGORY_EMBEDDINGS = (
    RESPONSES / "616e4336728a92df94a3f65882e812c4b14850de7e252c5e777492918164df2c.json",
    RESPONSES / "1956d802ac07ea40ca67b9e174867c6048ed243f527bb1a3abcd26d0bbc37ae3.json")
# Anthropic /v1/messages tool_use round trip: calculator call, then the answer
ANTHROPIC_TEST_ID = "tests/integration/messages/test_messages.py::test_messages_tool_use_round_trip[txt=ollama/gpt-oss:20b]"
ANTHROPIC_CHAIN = (
    MESSAGES / "0d76cd7b3dae3f44e2990645cb1617d5c84b80daf77535a00ce1ab680308881a.json",
    MESSAGES / "f55988509902a617d2f547a1518bb84c3c8784ea1e1ac139e2f0623449dfa047.json")
# the same first call made by two parametrisations, recorded once under client_with_models
IMAGE_OUTPUT_TEST_ID = ("tests/integration/responses/test_tool_responses.py::"
                        "test_function_call_output_list_image[openai_client-vis=azure/gpt-4o]")
IMAGE_OUTPUT_CHAIN = (  # capture_screenshot call (client_with_models' file), then the answer
    RESPONSES / "7d48e4d01e1a6316c8488c0c3c37f6ed801076e20d5f226d39cce6ac7ea15938.json",
    RESPONSES / "817a8a140872d037b6a6745e5628bb1a8392ea7161ed060f49fbd63a1d0d0f2f.json")

# --- recording keys (issue 14), classes found by recviewer-cli verify ---
AGENTS = INTEGRATION / "agents/recordings"
# ok only with the URL path: Azure /openai/v1/v1/chat/completions, request.endpoint /v1/chat/completions
KEY_OK_OPENAI = RESPONSES / "0c0d70512798931f4f47001e13238d782edf6ea12e4716ba256e864e4b97c48f.json"
# ok: ollama at 0.0.0.0:11434, URL path /v1/v1/chat/completions
KEY_OK_OLLAMA = AGENTS / "00cf12ddd414ae82d68c2d2b50190f96785f0d0a0c9f5cf72f1f8aea5e28073e.json"
# ok model list (request.endpoint /v1/models, URL path /v1/models: test id left out)
KEY_OK_MODELS_NO_TEST_ID = COMMON / "models-3a641f25d65695766fb77e424273f716b852f371e1e87f6e14fd5672b1ab6005-4a65eed3.json"
# stale: recorded before the file-search string normalisation (the seed is one)
KEY_STALE_BEFORE_FILE_SEARCH = SEED
# stale: scores and attributes normalised, document ids and citations not yet
KEY_STALE_BEFORE_DOCUMENT_ID = RESPONSES / "1408288848ef8e3779b988ac16484b4b0a7aaa8292fdd8cef08e4e3b78d3a011.json"
# stale: matches once the in-place rename "Llama Stack" -> "OGX" is undone
KEY_STALE_RENAMED = RESPONSES / "474dbc86db4d61ebf16d176bde203ae8088edb60ebd07011da3ca3c317eb4ff7.json"
# stale, cause unknown: 12-hex name in today's layout, test id null, matches no rule
KEY_STALE_UNKNOWN_12HEX = AGENTS / "1d82e9439ae3.json"
# legacy (12-hex era) in the old flat layout
KEY_LEGACY = OLD_LAYOUT / "tests/integration/recordings/responses/d0ac68cbde69.json"
# raw-HTTP Anthropic /v1/messages (test id in request.test_id)
KEY_HTTP_ANTHROPIC = ANTHROPIC_SSE

# git/recordings-history.bundle (MANIFEST.md "git/recordings-history.bundle"): bundle
# commits (A, B) of the manifest's notable pairs, named by the ogx commit they replay.
HISTORY_ROOT_COMMIT = "0abb39c31d"  # early layout (12-hex names)
HISTORY_MOVE_OUT = ("0abb39c31d", "32ed492122")  # 2e5ca3f15: 27 JSON removed
HISTORY_ISOLATION = ("32ed492122", "ffa17bc81f")  # 045a0c1d5: 197 added
HISTORY_REKEY = ("6335d5a7f3", "dd7c0d9463")  # 79bed44b0: mass re-record + re-key
HISTORY_QWEN3 = ("2cb0a18c2c", "de1c48ff77")  # 1562277cf: 23 noise-only, 19 response
HISTORY_RERECORD = ("6e1b37a530", "6efcb8ee07")  # b83184f7e: 9 noise-only, 17 response
HISTORY_REMOVE_UNUSED = ("88f2012ad7", "de2a2da91c")  # 4d3069bfa: 47 removed
HISTORY_DELETIONS = ("c5be6ae2d4", "3b6ccf9077")  # 613ee4504: 20 removed
HISTORY_BEDROCK_RENAME = ("23d4cc8899", "0d94951105")  # 0f0ca0192: keys + test ids renamed
HISTORY_RENAMED_BACK = ("7be289ce1e", "2a37a0bfa9")  # 6444b101d: one /v1/models pair
HISTORY_MODEL_LIST = ("2a37a0bfa9", "29c6296dc8")  # 4958b3d91
HISTORY_OGX_RENAME = ("c2b7347162", "6604cd9131")  # 379d0720c: 21 requests edited in place
HISTORY_MESSAGES = ("7322b09a10", "298de0b723")  # adb81a7c9: first messages/ recordings
HISTORY_RANGE = ("ffa17bc81f", "6604cd9131")  # 045a0c1d5..379d0720c (48 commits)
HISTORY_READDED = ("23d4cc8899", "2a37a0bfa9")  # deleted, later re-added under the same names
HISTORY_MAIN = "48f4125bfa"  # the bundle's main
HISTORY_PATHSPEC = "tests/integration"
# a common/ recording the manifest's history touches 7 times (added at 045a0c1d5)
HISTORY_COMMON_FILE = ("tests/integration/common/recordings/"
                       "02c93bb3c314427bae2b7a7a6f054792b9f22d2cb4522eab802810be8672d3dc.json")
# the other turn of KEY_OK_OLLAMA's test (test_responses_store, same test id)
KEY_OK_OLLAMA_SIBLING = AGENTS / "dc34532b39089796a5537b8c31d869eef66cd7dce06e16d388360c3a5312e6a4.json"

# cassettes/pydantic-ai (MANIFEST.md "Cassettes (vcrpy-style)"; MIT, Pydantic Services Inc.)
CASSETTES = CORPUS / "cassettes"
PYDANTIC_AI = CASSETTES / "pydantic-ai"
_PAI_MODELS = PYDANTIC_AI / "tests/models/cassettes"
# Anthropic SSE: thinking_delta, server_tool_use with input_json_delta, then text
CAS_ANTHROPIC_STREAM = _PAI_MODELS / "test_anthropic/test_anthropic_code_execution_tool_stream.yaml"
# Responses API: #0 SSE stream (output_text deltas, web_search_call), #1 JSON answer
CAS_RESPONSES = _PAI_MODELS / "test_openai_responses/test_openai_responses_model_web_search_tool_stream.yaml"
# Gemini streamGenerateContent?alt=sse with thought parts (a quoted SSE body)
CAS_GEMINI_SSE = _PAI_MODELS / "test_google/test_google_model_thinking_part_iter.yaml"
# Bedrock converse-stream: application/vnd.amazon.eventstream body as !!binary
CAS_BEDROCK_STREAM = _PAI_MODELS / "test_bedrock/test_bedrock_model_stream.yaml"
# OpenAI-compatible chat stream (Groq): 3 streamed calls, tool_calls deltas
CAS_GROQ_TOOLS_STREAM = _PAI_MODELS / "test_groq/test_tool_use_failed_error_streaming.yaml"
# the longest SSE stream (1,507 events), 731 KB
CAS_LONGEST = _PAI_MODELS / "test_groq/test_groq_model_thinking_part_iter.yaml"
# Mistral SSE with list-valued delta.content (thinking chunks)
CAS_MISTRAL_LIST_DELTAS = _PAI_MODELS / "test_mistral/test_mistral_model_thinking_part_iter.yaml"
# OpenRouter stream starting with ": OPENROUTER PROCESSING" comment lines
CAS_SSE_COMMENTS = _PAI_MODELS / "test_openrouter/test_openrouter_stream_with_native_options.yaml"
# three HTTP 429 chat completions with error JSON
CAS_429 = _PAI_MODELS / "test_openrouter/test_openrouter_errors_raised.yaml"
# GET of an MP3 (audio/mpeg body as !!binary)
CAS_MP3 = _PAI_MODELS / "test_download_item/test_download_item_audio_mpeg.yaml"
# GET of a JPEG (image/jpeg as !!binary) then Anthropic messages
CAS_JPEG = _PAI_MODELS / "test_anthropic/test_image_url_input_force_download.yaml"
# a mkdocs.yml body holding !!python/name: tags in a literal block (must stay text)
CAS_YAML_IN_BODY = _PAI_MODELS / "test_openai/test_yaml_document_url_input.yaml"
# `method: post` (lower case), HTTP 400, class-named test
CAS_VOYAGE_400 = PYDANTIC_AI / "tests/cassettes/test_embeddings/TestVoyageAI.test_embed_error.yaml"
# MCP JSON-RPC over SSE (12 interactions, 202 Accepted) then OpenAI chat
CAS_MCP = PYDANTIC_AI / "tests/cassettes/test_temporal/test_mcptoolset_dynamic_toolset_in_workflow.yaml"
# websocket frames of the OpenAI Realtime API (358 frames)
CAS_WEBSOCKET = PYDANTIC_AI / ("tests/realtime/cassettes/test_openai_ws/"
                               "test_input_audio_retention_segments_three_server_vad_turns.yaml")
# xAI gRPC: request_stream / response_stream.chunks_json
CAS_GRPC = _PAI_MODELS / "test_xai/test_xai_stream_events_with_reasoning.xai.yaml"
# interactions: [] (an empty test)
CAS_EMPTY = _PAI_MODELS / ("test_multimodal_tool_returns/test_multimodal_tool_return_matrix"
                           "[direct-uploaded_file-audio-xai].xai.yaml")
# a parametrised name with a space and parentheses
CAS_SPACES = _PAI_MODELS / "test_google/test_google_url_input[AudioUrl (gs)].yaml"
# history versions named by the repository path they were stored at (issue 14)
KEY_HISTORY_FILTER_BY_REGION = (
    HISTORY / "request-changed-hash_filter_by_region/old_62c4b869/2026-03-18_2be5696e0.json",
    "62c4b869587eeb867fb13de1cdd734927a1d05baa447e8a6d079e6c1aa36bc01")  # before file-search normalisation
KEY_HISTORY_TAVILY = (HISTORY / "tool-runtime-tavily_responses-42c35728",
                      "42c357284497af596ae6c9341b0c189daa31e88b25d0381a985f24203b7a5a38")
KEY_HISTORY_MODELS = (HISTORY / "models-list_common-64a2277c-fb68f5a6",
                      "models-64a2277c90f0f42576f60c1030e3a020403d34a95f56931b792d5939f4cebc57-fb68f5a6")
# 2025-10-04: test id null and URL path /v1/v1/completions, named for chat/completions
# with a test id: matches no rule (unknown)
KEY_HISTORY_EDITED = (
    HISTORY / "chat-stream-content-changed_inference-36968c3a/2025-10-04_045a0c1d5.json",
    "36968c3ac66be305df6bdac7b747612e4e6645cf3bfcec16f96a41397cbfd5aa")
# bundle path at main whose test's recording had two other names before (added at
# 98312caa72, deleted at de2a2da91c by "remove unused recordings", re-keyed at 23d4cc8899)
HISTORY_REKEYED_FILE = ("tests/integration/inference/recordings/"
                        "2367bed24bc3297a70b3c54a1c3e6267ef53986f8974b83364e43a41c06f76b5.json")
# a /v1/models list at main with a sibling list of the same test (coexisting, not followed)
HISTORY_SIBLING_LIST = ("tests/integration/inference/recordings/models-9c821d96aad27b9f6c5dac2f9"
                        "1fb2bb78a2b0c79907bb9747d414b03a1f8cead-d70d7e1a.json")
# a chat completion, not streamed (an image in the request: vision)
NOT_STREAMED = INFERENCE / "02fba1826ee7c9b9318645bf6e4514d57cf09e34e40fb2745da54227220ccf35.json"
# a response with an image whose data cannot be shown
BAD_IMAGE = RESPONSES / "1c41ca441b62282305626afca195f7d7f48159f74296a7bdac015190f9f2cd66.json"
# reasoning content in the response
REASONING = COMMON / "1a262fbe32d73640e235e9c8e5a07c152b0545a934de815eea118a006f619719.json"
# qwen3 thinking (<think>) in the response text
QWEN_THINK = INFERENCE / "65eba1be095a7037c4f197f4168b310ebc8afc00aba3946ba498abe2fdbe6a63.json"
# Gemini generate_content_stream: a system instruction and a multi-turn history (64 KB)
GEMINI = COMMON / "2ddf2dd169ecf8a736332d5714f68752c192aa81f43a1536ef0da0a4089fe1f0.json"
# a responses call that recorded an exception
EXCEPTION_IN_RESPONSES = RESPONSES / "ccc13d66a023a1400503532314ef9ef8caa92987c4a696feb9af5aa6babaa996.json"
# agents: a call that is not streamed
NON_STREAMED = INTEGRATION / "agents/recordings/9ba042c097818072535372cd9886f2157ca4dc563b5b987afcf07fdda5ca91fb.json"
# streamed, with a knowledge_search tool call after text
TOOL_STREAM = RESPONSES / "334cee9d473635bb4220061b0e366ca4673bcefff36aacb8f03043a76fe984ae.json"

# --- adapters and export (tests/core, tests/support/fuzz.py) ---
# Anthropic /v1/messages SSE cut by max_tokens: reasoning only, no text
ANTHROPIC_STREAM_CUT = MESSAGES / "93eb42f3bd69f005727cc3a161e7ab0a8b2c99e4665d9eae5553fe9019ba7b32.json"
# Anthropic /v1/messages, not streamed, with a system prompt (a pirate): reasoning then text
ANTHROPIC_SYSTEM = MESSAGES / "82cfd5545e24ca4b4415ba37460610908f34be9193c4126635d1b5ab3b0522f7.json"
# Anthropic /v1/messages, not streamed, multi-turn ("What is my name?"): reasoning then text
ANTHROPIC_MULTI_TURN = MESSAGES / "52925d8df69e53718e5d4aab54fbbf79e51f2731a07ecb332d5d2dd82810d2e5.json"
# Gemini generate_content_stream (three chunks, usage in the last): "Humans live on the planet Earth."
GEMINI_STREAM_EARTH = RESPONSES / "821d8d409b728fe433368d9fc19474e66cc13565e10817c8873f1a8d2e539a58.json"
# Gemini generate_content, not streamed: "Okay, here's the handoff summary…" (compaction)
GEMINI_COMPACT_SUMMARY = RESPONSES / "cda4ba73e651b2089e6631d8486d9d15a7d326ce03c3834c8b25cdba38f373ca.json"
# Gemini generate_content, not streamed: a Markdown "CONTEXT CHECKPOINT COMPACTION" summary
GEMINI_COMPACT_MARKDOWN = RESPONSES / "d3bd848685b27d00da1d27e337d2adace1261b5544baf08529a4079d0821e471.json"
# Gemini generate_content, not streamed: a fenced JSON handoff summary
GEMINI_COMPACT_JSON = RESPONSES / "f51ab054aae23dd16cd8ef5d33e399cb5379837e403681135763c0247bc86e19.json"
# Gemini /v1beta/interactions SSE stream, text concatenated to "Hello!"
GEMINI_INTERACTIONS_HELLO = INTERACTIONS / "df62e523dd87272e5c55c19d29a36f73aabf0a05969ccc611b6d434bfa1c255d.json"
# streamed gpt-4o answer about a screenshot after a function_call_output holding an image
IMAGE_TOOL_OUTPUT = RESPONSES / "52adcf555e2fa131803e1e71bfca1581a55438b807525348f1a452983760e603.json"
# /v1/completions (legacy text completion), not streamed (batches)
COMPLETION = BATCHES / "92d49675c90319c093846b731bdc33d7b261cc73e12a914c9c3661a028c19adc.json"
# /v1/completions streamed: "Blue." (a nursery rhyme)
COMPLETION_STREAM = INFERENCE / "8567635651a5e7104394951bbbba040e5c7f3ba11084fb6e81328f4905100a65.json"
# streamed get_current_time tool call with empty arguments "{}"
EMPTY_ARGS_CALL = AGENTS / "75ae2f583e3eb3920933f9df9ff65fa5cc639daf97fd7d6b53061146a026cc22.json"
# tool runtime web_search result (JSON text of search hits), no model call
WEB_SEARCH_RESULT = RESPONSES / "921796a1b93ade48b54763c8f6672187375ac49bbaaf919c18b8c02d43dc64d2.json"
# an OpenAI /v1/models list (many ids) in common/
OPENAI_MODELS = COMMON / "models-64a2277c90f0f42576f60c1030e3a020403d34a95f56931b792d5939f4cebc57-0da7d1b1.json"
# a vLLM /v1/models list: one history version of the model list
HISTORY_VLLM_MODELS = KEY_HISTORY_MODELS[0] / "2026-04-01_50a6e1e80.json"
# old layout: ollama /api/embeddings, one vector × 384 dims
OLD_EMBEDDINGS = OLD_RESPONSES / "56ac6a7c6df0.json"
# old layout: another ollama /api/embeddings (one vector × 384 dims)
OLD_EMBEDDINGS_B = OLD_RESPONSES / "a410d4840402.json"
# old layout: ollama /api/generate streamed, "The boiling point of polyjuice is -100°C."
OLD_GENERATE_STREAM = OLD_RESPONSES / "2afe3b38ca01.json"
# old layout: ollama /api/generate streamed, text "[]"
OLD_GENERATE_EMPTY_LIST = OLD_RESPONSES / "dd9e7d5913e9.json"
# old layout: ollama /api/generate not streamed, llama-guard3 says "safe"
OLD_GUARD = OLD_RESPONSES / "0b27fd737699.json"
# old layout: ollama /api/pull progress ("status: success", a __type__ value)
OLD_PULL = OLD_RESPONSES / "3877ecf1bc62.json"
# old layout: ollama /api/tags, 9 models
OLD_TAGS = OLD_RESPONSES / "4a3a4447b16b.json"
# old layout: /v1/completions, not streamed
OLD_COMPLETION = OLD_RESPONSES / "4096743baf8e.json"
# old layout: /v1/completions streamed, "The capital of Italy is Rome."
OLD_COMPLETION_STREAM = OLD_RESPONSES / "177ba8517262.json"
# old layout: a small non-streamed chat completion, "I'm ready to help"
OLD_CHAT = OLD_RESPONSES / "3c0bf9ba81b2.json"
# history version of an old-layout recording (KEY_LEGACY's name)
HISTORY_OLD_LAYOUT_VERSION = HISTORY / "old-layout_recordings-responses-d0ac68cbde69/2025-07-29_0ac503ec0.json"

# --- history folders: versions of one recording (tests/core diff) ---
# chat stream re-recorded with only normalisation noise changed (agents)
HISTORY_NOISE_ONLY = HISTORY / "chat-stream-noise-only_agents-21720598"
# chat stream whose content changed between versions (inference); KEY_HISTORY_EDITED is one
HISTORY_CONTENT_CHANGED = KEY_HISTORY_EDITED[0].parent
# a request changed, so the key (hash) changed (filter_by_region)
HISTORY_REGION = KEY_HISTORY_FILTER_BY_REGION[0].parent.parent
# ollama /api/ps versions (common)
HISTORY_OLLAMA_PS = HISTORY / "ollama-api-ps_common-02c93bb3"
