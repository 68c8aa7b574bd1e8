"""AWS event-stream frames (``application/vnd.amazon.eventstream``), decoded.

A frame: total length (4 bytes, big-endian), headers length (4), prelude CRC32
(4), headers, payload, message CRC32 (4). A header: name length (1), name,
value type (1), value (strings and bytes with a 2-byte length; fixed sizes for
the other types). Payloads of Bedrock frames are JSON. Pure data, never raises:
a frame that does not fit ends the list with an ``error`` entry.
"""

from __future__ import annotations

import struct
import uuid
import zlib
from typing import Any

import orjson

MAX_FRAMES = 1_000_000
_FIXED = {2: 1, 3: 2, 4: 4, 5: 8, 8: 8, 9: 16}


def _headers(data: bytes) -> dict[str, Any]:
    out: dict[str, Any] = {}
    pos = 0
    while pos < len(data):
        n = data[pos]
        name = data[pos + 1:pos + 1 + n].decode("utf-8", "replace")
        pos += 1 + n
        kind = data[pos]
        pos += 1
        value: Any
        if kind in (0, 1):
            value = kind == 0
        elif kind in (6, 7):
            (length,) = struct.unpack_from(">H", data, pos)
            raw = data[pos + 2:pos + 2 + length]
            value = raw.decode("utf-8", "replace") if kind == 7 else raw.hex()
            pos += 2 + length
        elif kind in _FIXED:
            size = _FIXED[kind]
            raw = data[pos:pos + size]
            if kind == 9:
                value = str(uuid.UUID(bytes=raw))
            else:
                value = int.from_bytes(raw, "big", signed=True)
            pos += size
        else:
            raise ValueError(f"unknown header value type {kind}")
        out[name] = value
    return out


def decode_frames(data: bytes) -> list[dict[str, Any]]:
    """Every frame as ``{event, message_type, headers, payload, crc_ok}``."""
    frames: list[dict[str, Any]] = []
    pos = 0
    while pos < len(data) and len(frames) < MAX_FRAMES:
        if len(data) - pos < 16:
            frames.append({"error": f"{len(data) - pos} trailing bytes after the last frame"})
            break
        total, hlen, prelude_crc = struct.unpack_from(">III", data, pos)
        if total < 16 or pos + total > len(data) or hlen > total - 16:
            frames.append({"error": f"frame at byte {pos} claims {total} bytes "
                                    f"({len(data) - pos} left)"})
            break
        frame = data[pos:pos + total]
        (message_crc,) = struct.unpack_from(">I", frame, total - 4)
        crc_ok = (zlib.crc32(frame[:8]) == prelude_crc
                  and zlib.crc32(frame[:total - 4]) == message_crc)
        try:
            headers = _headers(frame[12:12 + hlen])
        except (ValueError, IndexError, struct.error) as exc:
            frames.append({"error": f"frame at byte {pos}: bad headers ({exc})"})
            break
        raw_payload = frame[12 + hlen:total - 4]
        payload: Any
        try:
            payload = orjson.loads(raw_payload) if raw_payload else None
        except orjson.JSONDecodeError:
            payload = raw_payload.decode("utf-8", "replace")
        frames.append({
            "event": headers.get(":event-type") or headers.get(":exception-type"),
            "message_type": headers.get(":message-type"),
            "headers": headers, "payload": payload, "crc_ok": crc_ok,
        })
        pos += total
    return frames


def count_frames(data: bytes) -> int:
    """How many frames ``data`` holds (lengths only, nothing decoded)."""
    n = pos = 0
    while len(data) - pos >= 16:
        (total,) = struct.unpack_from(">I", data, pos)
        if total < 16 or pos + total > len(data):
            return n + 1  # decode_frames reports it as one error entry
        n += 1
        pos += total
    return n + (1 if pos < len(data) else 0)
