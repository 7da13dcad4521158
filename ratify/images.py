"""An image file's bytes -> its width and height in pixels, read from its header (PNG, GIF, JPEG, WebP, SVG).

A page states each image's size so that it does not jump while the image loads. Reading these headers takes a few
lines each, so no imaging library is needed; a format not listed here simply gets no size.
"""

from __future__ import annotations

import re
import struct

Size = tuple[int, int]  # (width, height) in pixels

IMAGE_SUFFIXES = (".png", ".gif", ".jpg", ".jpeg", ".webp", ".svg")  # the formats image_size reads
# JPEG's start-of-frame markers, which carry the size: every SOFn but DHT (C4), JPG (C8) and DAC (CC).
_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_SVG_TAG = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE)
_SVG_LENGTH = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*")


def image_size(content: bytes) -> Size | None:
    """The image's size, or None when the format is not one of those above or the header is damaged."""
    try:
        if content.startswith(b"\x89PNG\r\n\x1a\n") and content[12:16] == b"IHDR":
            return struct.unpack(">II", content[16:24])
        if content[:6] in (b"GIF87a", b"GIF89a"):
            return struct.unpack("<HH", content[6:10])
        if content.startswith(b"\xff\xd8"):
            return _jpeg_size(content)
        if content.startswith(b"RIFF") and content[8:12] == b"WEBP":
            return _webp_size(content)
    except struct.error:  # a file cut short: no size rather than a wrong one
        return None
    return _svg_size(content)


def _jpeg_size(content: bytes) -> Size | None:
    index = 2
    while index + 9 < len(content):
        if content[index] != 0xFF:
            return None
        marker = content[index + 1]
        if marker in _JPEG_FRAMES:
            height, width = struct.unpack(">HH", content[index + 5:index + 9])
            return width, height
        index += 2 + struct.unpack(">H", content[index + 2:index + 4])[0]
    return None


def _webp_size(content: bytes) -> Size | None:
    chunk = content[12:16]
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", content[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        bits = int.from_bytes(content[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        return int.from_bytes(content[24:27], "little") + 1, int.from_bytes(content[27:30], "little") + 1
    return None


def _svg_size(content: bytes) -> Size | None:
    """An SVG's width and height in pixels, or the size of its viewBox when it gives none."""
    tag = _SVG_TAG.search(content[:4096])
    if tag is None:
        return None
    attributes = dict(re.findall(r'([\w:-]+)\s*=\s*"([^"]*)"', tag[0].decode("utf-8", "replace")))
    width, height = (_SVG_LENGTH.fullmatch(attributes.get(name, "")) for name in ("width", "height"))
    if width and height:
        return round(float(width[1])), round(float(height[1]))
    box = attributes.get("viewBox", "").replace(",", " ").split()
    if len(box) == 4:
        try:
            return round(float(box[2])), round(float(box[3]))
        except ValueError:
            return None
    return None
