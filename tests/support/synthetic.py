"""Synthetic recordings written into a test's tmp_path: a big streamed chat
completion (``write_stream``) and a tree of many tiny recordings
(``write_many_files``), shared by the core limits tests and the window ones."""

from __future__ import annotations

from pathlib import Path

_HEAD = """{
  "test_id": "tests/integration/big/test_big.py::test_huge[%(n)d-chunks]",
  "request": {
    "method": "POST",
    "url": "http://localhost:11434/v1/chat/completions",
    "headers": {},
    "body": {
      "model": "big-model",
      "messages": [
        {
          "role": "user",
          "content": "Write a very long answer."
        }
      ],
      "stream": true
    },
    "endpoint": "/v1/chat/completions",
    "model": "big-model"
  },
  "response": {
    "body": [
"""
_CHUNK = """      {
        "__type__": "openai.types.chat.chat_completion_chunk.ChatCompletionChunk",
        "__data__": {
          "id": "chatcmpl-%(i)d",
          "choices": [
            {
              "delta": {
                "content": "%(text)s",
                "role": "assistant"
              },
              "finish_reason": %(finish)s,
              "index": 0
            }
          ],
          "created": 1755294941,
          "model": "big-model",
          "object": "chat.completion.chunk"
        }
      }"""
_SMALL_CHUNK = """      {
        "__type__": "openai.types.chat.chat_completion_chunk.ChatCompletionChunk",
        "__data__": {
          "choices": [
            {
              "delta": {
                "content": "%(text)s"
              },
              "finish_reason": %(finish)s,
              "index": %(index)d
            }
          ]
        }
      }"""
_TAIL = """
    ],
    "is_streaming": true
  }
}
"""


def write_stream(path: Path, chunks: int, text_chars: int, small: bool = False) -> int:
    """A json.dump(indent=2)-shaped streamed chat recording; returns its size.

    ``small`` chunks hold only the delta (fewer objects: the 100,000-chunk case)."""
    template = _SMALL_CHUNK if small else _CHUNK
    piece = ("lorem ipsum <b>dolor</b> sit amet \\n " * (text_chars // 36 + 1))[:text_chars]
    piece = piece.rstrip("\\")
    with open(path, "w", encoding="ascii") as fh:
        fh.write(_HEAD % {"n": chunks})
        for i in range(chunks):
            finish = '"stop"' if i == chunks - 1 else "null"
            fh.write(("" if i == 0 else ",\n")
                     + template % {"i": i, "index": 0, "text": piece, "finish": finish})
        fh.write(_TAIL)
    return path.stat().st_size


# ----------------------------------------------------------------- many tiny files
TINY = ('{\n  "test_id": "tests/t%(d)d/test_x.py::test_f[%(i)d]",\n  "request": {\n'
        '    "method": "GET",\n    "url": "http://localhost/v1/models",\n    "endpoint": '
        '"/v1/models",\n    "body": {}\n  },\n  "response": {\n    "body": [],\n'
        '    "is_streaming": false\n  }\n}\n')
FOLDERS, PER_FOLDER = 100, 200


def write_many_files(root: Path) -> Path:
    """FOLDERS folders of PER_FOLDER tiny recordings under ``root``."""
    for d in range(FOLDERS):
        folder = root / f"d{d:03d}"
        folder.mkdir()
        for i in range(PER_FOLDER):
            (folder / f"r{i:03d}.json").write_text(TINY % {"d": d, "i": i})
    return root
