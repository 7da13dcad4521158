"""A text input's bytes -> its text: every page, data file, catalog and template is UTF-8, or a SiteError at the first
byte that is not, with the likely cause."""

from __future__ import annotations

from pathlib import Path

from ratify.errors import SiteError

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF16_HINT = "saved as UTF-16 (Unicode) by Notepad? save it as UTF-8"
_OTHER_HINT = "save it as UTF-8 (most editors offer the encoding in 'Save as')"
# The characters besides letters that a text in Windows-1252 most often holds beyond ASCII: quotes, dashes, signs.
_WINDOWS_PUNCTUATION = "‘’“”«»–—…€£°§©®·•"
_NUL_HINT = "a damaged file, or one that is not text? delete that character, or save the text again as UTF-8"


def read_text(file: Path, shown: str) -> str:
    """The text of `file`, which the site's author knows as `shown`; see decode_text."""
    return decode_text(file.read_bytes(), shown)


def decode_text(data: bytes, path: str) -> str:
    """UTF-8 `data` as text, a byte order mark dropped (Windows editors write one). Any other encoding, or a NUL
    byte, which no text holds, is an error at the line and column of the first such byte.

    Python would decode a file written as Windows-1252 with a traceback that names no file, and a NUL byte would
    pass through to the page unseen.
    """
    data = data.removeprefix(_UTF8_BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _not_utf8(data, error.start, path) from None
    if "\0" in text:
        raise _not_utf8(data, data.index(b"\0"), path)
    return text


def _not_utf8(data: bytes, start: int, path: str) -> SiteError:
    """The error for the byte at `start`, the first one that is not UTF-8 text, named by its line and column."""
    line_start = data.rfind(b"\n", 0, start) + 1
    line = data.count(b"\n", 0, start) + 1
    column = len(data[line_start:start].decode("utf-8")) + 1  # everything before the first bad byte is UTF-8
    byte = data[start]
    what = "a NUL byte (0x00)" if byte == 0 else f"the byte 0x{byte:02X}"
    return SiteError(f"this file is not UTF-8 text: {what} at column {column}", path, line,
                     _likely_cause(data, start))


def _likely_cause(data: bytes, start: int) -> str:
    """What probably wrote the file: Notepad's UTF-16, an editor's Windows-1252 (which Latin-1 files also read as),
    or a damaged file."""
    if data.startswith(_UTF16_BOMS) or _every_other_byte_nul(data):
        return _UTF16_HINT
    if data[start] == 0:
        return _NUL_HINT
    try:
        character = data[start:start + 1].decode("cp1252")
        data.decode("cp1252")
    except UnicodeDecodeError:
        return _OTHER_HINT
    if not (character.isalpha() or character in _WINDOWS_PUNCTUATION):
        return _OTHER_HINT  # a byte that is no likely character there: another encoding, such as Shift-JIS
    return f"saved as Windows-1252, where 0x{data[start]:02X} is '{character}'? save it as UTF-8"


def _every_other_byte_nul(data: bytes) -> bool:
    """Whether the text looks like UTF-16 without a byte order mark: Latin letters, each followed or preceded by a
    zero byte."""
    sample = data[:200]
    return len(sample) >= 2 and (sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4)
