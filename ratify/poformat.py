"""A Babel catalog -> .po text laid out as GNU gettext writes it, and so as Poedit and Weblate save it: a catalog
saved by any of them and then by `i18n update` differs only where its strings changed."""

from __future__ import annotations

import re
import unicodedata

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import escape

# gettext's page width: no line is longer unless a single word is. msgcat, msgmerge and Poedit write 79 columns;
# Weblate's default ("wrap at 77 characters", quotes not counted) gives the same lines.
WIDTH = 79
# Where gettext breaks a line (the Unicode line-breaking rules, as far as catalogs meet them): after an escaped
# newline, after a run of spaces, and after a hyphen or slash that a letter follows ("Secretary-|General", "</|a>").
_BREAK_AFTER = re.compile(r"(?<=\\n)|(?<= )(?! )|(?<=[^\W\d_]-)(?=[^\W\d_])|(?<=/)(?=[^\W\d_])")
_STRING_LINE = re.compile(r'^(?:#~ )?(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "')


def po_text(catalog: Catalog, header: str, wrapped: bool) -> str:
    """The whole file: `header` as it was (comments and the header entry, which Poedit and Weblate fill with
    fields of their own), then every message and the obsolete ones, each entry laid out as gettext does."""
    width = WIDTH if wrapped else 0
    entries = [header.rstrip("\n")]
    entries += ["\n".join(_entry_lines(message, catalog.num_plurals, width)) for message in catalog if message.id]
    entries += ["\n".join(_entry_lines(message, catalog.num_plurals, width, obsolete=True))
                for message in catalog.obsolete.values()]
    return "\n\n".join(entries) + "\n"


def is_wrapped(text: str) -> bool:
    """Whether a .po file wraps its long strings (gettext's default) or keeps each on one line, breaking only after
    a newline (Poedit with wrapping turned off, Weblate's "only wrap at newlines")."""
    lines = text.split("\n")
    for number, line in enumerate(lines[:-1]):
        following = lines[number + 1]
        if following.startswith('"') and (_STRING_LINE.match(line) or line.startswith('"')) \
                and not line.rstrip().endswith('\\n"') and line.rstrip() not in _EMPTY_OPENINGS:
            return True
    return not any(_width(line) > WIDTH for line in lines)  # nothing long enough to wrap: wrap when one comes


_EMPTY_OPENINGS = {f'{keyword} ""' for keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr")} | {
    f'msgstr[{number}] ""' for number in range(10)}


def _entry_lines(message: Message, forms: int, width: int, obsolete: bool = False) -> list[str]:
    prefix = "#~ " if obsolete else ""
    # Babel reads a fuzzy entry's "#| msgid" lines (the English it was translated from) as comments "| msgid":
    # they go back where they were, as long as the entry is fuzzy and Babel has not found a newer previous text.
    kept_previous = [comment for comment in message.user_comments if comment.startswith("|")]
    lines = [f"# {comment}" if comment else "#" for comment in message.user_comments if comment not in kept_previous]
    if not obsolete:
        lines += [f"#. {comment}" for comment in message.auto_comments]
        lines += _references(message, width or WIDTH)  # gettext wraps references even when strings are not
        if message.flags:
            lines.append("#, " + ", ".join(sorted(message.flags)))
        if message.previous_id:
            for keyword, text in zip(("msgid", "msgid_plural"), message.previous_id):
                lines += _string_lines(keyword, text, width, "#| ")
        elif message.fuzzy:
            lines += [f"#{comment}" for comment in kept_previous]
    ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
    if message.context:
        lines += _string_lines("msgctxt", message.context, width, prefix)
    lines += _string_lines("msgid", ids[0], width, prefix)
    if len(ids) > 1:
        lines += _string_lines("msgid_plural", ids[1], width, prefix)
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        for index in range(forms):
            text = strings[index] if index < len(strings) else ""
            lines += _string_lines(f"msgstr[{index}]", text or "", width, prefix)
    else:
        lines += _string_lines("msgstr", message.string or "", width, prefix)
    return lines


def _references(message: Message, width: int) -> list[str]:
    """`#:` lines: the locations in the order the catalog holds them, as many on a line as fit."""
    names = []
    for filename, line in message.locations:
        name = f"{filename}:{line}" if line else filename
        if name not in names:
            names.append(name)
    lines: list[str] = []
    for name in names:
        if lines and _width(lines[-1]) + 1 + _width(name) <= width:
            lines[-1] += f" {name}"
        else:
            lines.append(f"#: {name}")
    return lines


def _string_lines(keyword: str, text: str, width: int, prefix: str = "") -> list[str]:
    """`keyword "text"`, or, when it holds a newline before its end or is wider than the page, `keyword ""`
    followed by the text in lines broken after newlines and, when wrapping, after spaces."""
    escaped = escape(text)[1:-1]
    single = f'{prefix}{keyword} "{escaped}"'
    inner_newline = "\\n" in escaped[:-2]
    if not inner_newline and (not width or _width(single) <= width):
        return [single]
    lines = [f'{prefix}{keyword} ""']
    for portion in re.split(r"(?<=\\n)(?=.)", escaped):
        line = ""
        for piece in _BREAK_AFTER.split(portion):
            if line and width and _width(f'{prefix}"{line}{piece}"') > width:
                lines.append(f'{prefix}"{line}"')
                line = ""
            line += piece
        lines.append(f'{prefix}"{line}"')
    return lines


def _width(text: str) -> int:
    """Columns a text takes in a terminal, as gettext counts them: two for a wide East Asian character, none for
    a combining mark."""
    return sum(0 if unicodedata.combining(character) else
               2 if unicodedata.east_asian_width(character) in "WF" else 1 for character in text)
