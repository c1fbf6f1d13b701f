"""Photos as Telegram sees them: the size read from PNG/JPEG bytes, and the sizes it offers."""

from __future__ import annotations

import math
import struct

from tests.support.fake_bot_api.records import JSONDict, StoredFile

_PHOTO_SIDES = (90, 320, 800, 1280)


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG or JPEG; None for anything Telegram could not process."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return (width, height) if width and height else None
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    position = 2
    while position + 9 < len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:  # markers without a length
            position += 2
            continue
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # start of frame
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return (width, height) if width and height else None
        position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
    return None


def photo_sizes(stored: StoredFile, width: int, height: int) -> list[JSONDict]:
    """The sizes Telegram offers for a photo: thumbnails up to the full (≤1280 px) size."""
    sizes = []
    for side in _PHOTO_SIDES:
        scale = min(1.0, side / max(width, height))
        sizes.append(
            {
                "file_id": stored.file_id if scale == 1.0 else f"{stored.file_id}-{side}",
                "file_unique_id": f"{stored.file_unique_id}-{side}",
                "width": max(1, round(width * scale)),
                "height": max(1, round(height * scale)),
                "file_size": max(1, math.ceil(len(stored.data) * scale * scale)),
            }
        )
        if scale == 1.0:
            break
    return sizes
