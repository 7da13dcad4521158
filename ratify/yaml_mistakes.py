"""YAML text and the place where the YAML reader stopped -> the mistake a person made, in plain words, at its line.

The reader stops where the text stops making sense, which is often a line or more after the mistake (an unclosed
quote runs on into the next key), and says it in its grammar's words ("while scanning a simple key could not find
expected ':'"). These checks look at the lines themselves, and only once the reader has failed, so that a valid file
is never second-guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "key: value" or "- key: value" or "- value", with the indentation and the key (None for a bare list item).
_ENTRY = re.compile(r"^(?P<indent> *)(?P<item>- +)?(?:(?P<key>[^\s'\"#\[\]{}&*!|>%@`-][^#]*?):(?:[ \t]+|$))?"
                    r"(?P<value>.*)$")
_KEY_LINE = re.compile(r"^ *(?:- +)?[\w.-]+:(?:\s|$)")
_NO_SPACE = re.compile(r"^ *(?:- +)?(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s:/#][^#]*)$")
_INDENT_ONLY = re.compile(r"^[ \t]*")


@dataclass(frozen=True)
class Mistake:
    """What went wrong, where: the 0-based line of the text, a message and what to do."""

    line: int
    message: str
    hint: str


def explain(text: str, line: int, column: int, problem: str) -> Mistake | None:
    """The mistake behind a YAML reader's failure at `line` and `column` (0-based) reporting `problem`, or None when
    it is none of the common ones."""
    lines = text.split("\n")
    line = min(line, len(lines) - 1)
    for check in (_quote_mistake, _tab_mistake, _list_among_keys, _special_start, _missing_space, _colon_in_value,
                  _indentation):
        mistake = check(lines, line, column, problem)
        if mistake:
            return mistake
    return None


def _quote_mistake(lines: list[str], line: int, column: int, problem: str) -> Mistake | None:
    """A quote that is never closed (reported where it opens, not where the reader ran out), or a quoted value
    followed by more text, which is what an apostrophe inside '...' does."""
    number = 0
    while number <= line:
        entry = _ENTRY.match(lines[number])
        value = entry["value"] if entry else ""
        if value[:1] not in ("'", '"'):
            number += 1
            continue
        quote, owner = value[0], _owner(entry["key"])
        end = _closing_quote(value, 1)
        if end is not None:
            rest = value[end + 1:].strip()
            if rest and not rest.startswith(("#", ":")):  # a comment, or the value was a quoted key
                return Mistake(number, f"{owner}quote closes before the end of the value, at "
                                       f"{quote}{value[1:end + 1]}", _inner_quote_hint(quote))
            number += 1
            continue
        closed_on = _closed_on_a_later_line(lines, number, len(entry["indent"]), quote)
        if closed_on is None:
            return Mistake(number, f"{owner}quote opened here is never closed",
                           f"end the value with {quote}; {_inner_quote_hint(quote)}")
        number = closed_on + 1
    return None


def _owner(key: str | None) -> str:
    """"the title's " for the value of a key, "the " for a list item's."""
    if not key:
        return "the "
    return f"the {key.strip()}' " if key.strip().endswith("s") else f"the {key.strip()}'s "


def _inner_quote_hint(quote: str) -> str:
    if quote == "'":
        return "inside '...' an apostrophe is written twice ('l''Alliance'), or quote the value with \"...\" instead"
    return "inside \"...\" a quotation mark is written \\\", or quote the value with '...' instead"


def _closing_quote(text: str, start: int) -> int | None:
    """The index of the quote that closes one opened before `start`: '' inside '...' and \\\" inside "..." do not."""
    quote, index = text[start - 1] if start else "", start
    while index < len(text):
        character = text[index]
        if quote == '"' and character == "\\":
            index += 2
            continue
        if character == quote:
            if quote == "'" and text[index + 1:index + 2] == "'":
                index += 2
                continue
            return index
        index += 1
    return None


def _closed_on_a_later_line(lines: list[str], opened: int, indent: int, quote: str) -> int | None:
    """The line where a value quoted over several lines closes; None if a new key or item (at the indentation of
    the one that opened it, or less) or the end of the text comes first."""
    for number in range(opened + 1, len(lines)):
        text = lines[number]
        if text.strip() and _indent(text) <= indent and _KEY_LINE.match(text):
            return None
        if _closing_quote(quote + text, 1) is not None:
            return number
    return None


# What YAML reads into a value's first character, where a person meant text.
_SPECIAL = {"[": "a list", "{": "a mapping", "&": "an anchor", "*": "an alias", "!": "a tag", "@": "reserved",
            "`": "reserved", "%": "a directive"}
_CLOSING = {"[": "]", "{": "}"}


def _special_start(lines: list[str], line: int, column: int, problem: str) -> Mistake | None:
    """A value that starts with a character YAML gives a meaning to: '[Draft] News' read as a list, '*new*' as an
    alias; or a list opened with '[' and never closed."""
    entry = _ENTRY.match(lines[line])
    value = entry["value"].strip() if entry else ""
    if not value or value[0] not in _SPECIAL:
        return None
    owner, first = _owner(entry["key"]), value[0]  # type: ignore[index]
    if first in _CLOSING and value.endswith(_CLOSING[first]):
        return None  # a list or mapping as meant: the mistake is elsewhere
    if first in _CLOSING and _CLOSING[first] not in value:
        return Mistake(line, f"{owner}{_SPECIAL[first].split()[-1]} opened here with '{first}' is never closed",
                       f"end it with '{_CLOSING[first]}', or, if the value is text, put it all in quotes")
    meaning = "a character YAML keeps for itself" if _SPECIAL[first] == "reserved" else f"{_SPECIAL[first]} in YAML"
    return Mistake(line, f"{owner}value starts with '{first}', {meaning}",
                   f"put the whole value in quotes: {_quoted(value)}")


def _quoted(value: str) -> str:
    """`value` as YAML text in quotes: "..." unless it holds a quotation mark itself."""
    return f'"{value}"' if '"' not in value else "'" + value.replace("'", "''") + "'"


def _tab_mistake(lines: list[str], line: int, column: int, problem: str) -> Mistake | None:
    """A tab in a line's indentation: the line the reader stopped at, or, when it says so, one above it."""
    candidates = [line] + (list(range(line - 1, -1, -1)) if "tab" in problem else [])
    for number in candidates:
        indentation = _INDENT_ONLY.match(lines[number])[0]  # type: ignore[index]
        if "\t" in indentation:
            return Mistake(number, f"a tab at column {indentation.index(chr(9)) + 1}: indent with spaces",
                           "YAML counts only spaces as indentation; most editors can turn tabs into spaces")
    return None


def _missing_space(lines: list[str], line: int, column: int, problem: str) -> Mistake | None:
    """'key:value', which YAML reads as one word rather than a key and its value, so that the reader stops at the
    line after it."""
    for number in (line, _above(lines, line)):
        if number is None:
            continue
        found = _NO_SPACE.match(lines[number])
        if found and ": " not in lines[number]:
            return Mistake(number, f"a space is missing after '{found['key']}:'",
                           f"write '{found['key']}: {found['value'].strip()}'")
    return None


def _colon_in_value(lines: list[str], line: int, column: int, problem: str) -> Mistake | None:
    """': ' inside a value that is not quoted, which YAML reads as the start of a second key."""
    entry = _ENTRY.match(lines[line])
    if not ("mapping values are not allowed" in problem and entry and entry["key"]):
        return None
    key, value = entry["key"].strip(), entry["value"].strip()
    if column <= len(entry["indent"] or "") + len(entry["item"] or "") + len(entry["key"]):
        return None  # the stop is at the line's own key: an indentation mistake
    return Mistake(line, f"the value of '{key}' holds ': ', which YAML reads as the start of another key",
                   f"put the whole value in quotes: {key}: {_quoted(value)}")


def _list_among_keys(lines: list[str], line: int, column: int, problem: str) -> Mistake | None:
    """A list item ('- ...') and a key ('key: ...') side by side at one indentation: a block holds one or the other."""
    indent, is_item = _indent(lines[line]), lines[line].lstrip(" ").startswith("- ")
    sibling = _above_at_or_left_of(lines, line, indent)
    if sibling is None or _indent(lines[sibling]) != indent:
        return None
    sibling_is_item = lines[sibling].lstrip(" ").startswith("- ")
    if is_item == sibling_is_item:
        return None
    if is_item:
        return Mistake(line, f"a list item stands among keys (line {sibling + 1} is one)",
                       "a block holds either keys ('key: value') or list items ('- value'), not both: "
                       "indent the items under the key they belong to")
    key = _ENTRY.match(lines[line])["key"] or lines[line].strip()  # type: ignore[index]
    return Mistake(line, f"'{key.strip()}:' stands among list items (line {sibling + 1} starts one)",
                   f"indent it by {indent + 2} spaces to make it part of that item, or start it with '- ' to make "
                   "it an item of its own")


def _indentation(lines: list[str], line: int, column: int, problem: str) -> Mistake | None:
    """A line indented more than a key whose value is already given, or by an amount that no line above has."""
    indent = _indent(lines[line])
    above = _above(lines, line)
    if above is None:
        return None
    entry = _ENTRY.match(lines[above])
    if indent > _indent(lines[above]) and entry and entry["key"] and entry["value"].strip()[:1] not in ("", "|", ">"):
        key = entry["key"].strip()
        return Mistake(line, f"this line is indented more than '{key}:' on line {above + 1}, which has its value "
                             "already", f"indent it by {_indent(lines[above])} spaces, like '{key}:'")
    levels = _enclosing_indents(lines, line)
    if levels and indent < min(levels):  # the lines above are the ones indented by mistake
        first = next(number for number in range(line) if _meaningful(lines[number]))
        return Mistake(first, f"this line is indented by {_spaces(_indent(lines[first]))}, more than line {line + 1}",
                       f"remove the spaces before it, or indent line {line + 1} the same")
    if indent not in levels and indent < _indent(lines[above]):
        shown = " or ".join(str(level) for level in sorted(levels))
        return Mistake(line, f"this line is indented by {_spaces(indent)}, as no line above it is",
                       f"indent it by {shown} spaces, like the key it belongs beside")
    return None


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _meaningful(text: str) -> bool:
    return bool(text.strip()) and not text.lstrip().startswith("#")


def _above(lines: list[str], line: int) -> int | None:
    """The nearest line above `line` that holds something."""
    return next((number for number in range(line - 1, -1, -1) if _meaningful(lines[number])), None)


def _above_at_or_left_of(lines: list[str], line: int, indent: int) -> int | None:
    """The nearest line above `line` indented by `indent` or less: its sibling or its parent."""
    return next((number for number in range(line - 1, -1, -1)
                 if _meaningful(lines[number]) and _indent(lines[number]) <= indent), None)


def _enclosing_indents(lines: list[str], line: int) -> set[int]:
    """The indentations a line may have here: those of the lines that enclose the one above it."""
    levels, smallest = set(), None
    for number in range(line - 1, -1, -1):
        if not _meaningful(lines[number]):
            continue
        indent = _indent(lines[number])
        if smallest is None or indent < smallest:
            levels.add(indent)
            smallest = indent
    return levels
