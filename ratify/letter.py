"""A letter's subject and paragraphs -> a mailto: link that opens it, written, in the reader's email program."""

from __future__ import annotations

from typing import Iterable
from urllib.parse import quote

from ratify.model import without_marks

# A mailto: link longer than about 2,000 characters is cut or refused by some email programs (Outlook on Windows
# among them), and a French letter is about 1,600 once its accents are encoded: keep the letter's wording short
# enough that its link stays under MAILTO_LIMIT (tests/test_tracker.py checks every State in every language).
MAILTO_LIMIT = 1800
_BLANK_LINE = "\r\n\r\n"  # between two paragraphs of the body


def mailto(subject: str, paragraphs: Iterable[str]) -> str:
    """mailto: with no address (the reader chooses it), the subject and the body, percent-encoded (RFC 6068).

    Each of `paragraphs` may be Markup (an interface string): it is unescaped, so that "&" is sent as "&", and
    the marks of a text shown in English are dropped. Paragraphs are separated by a blank line, in CRLF as the
    RFC asks."""
    subject_text, *body = (without_marks(_plain(text)) for text in (subject, *paragraphs))
    return f"mailto:?subject={quote(subject_text, safe='')}&body={quote(_BLANK_LINE.join(body), safe='')}"


def _plain(text: str) -> str:
    """The text a reader sees: Markup unescaped ("&amp;" -> "&"), any other string as it is."""
    unescape = getattr(text, "unescape", None)
    return unescape() if unescape else str(text)
