"""YAML text -> plain Python data that remembers the line of every mapping key; YAML mistakes become SiteErrors."""

from __future__ import annotations

import datetime
import re
from typing import Any

import yaml

from ratify.errors import SiteError
from ratify.yaml_mistakes import explain

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    """A YAML mapping that knows where it stands in its file, so later checks can point at a line."""

    line: int  # 1-based line of the mapping's first key
    key_lines: dict[Any, int]  # 1-based line of each key

    def line_of(self, key: Any) -> int:
        """The line of `key` if present, else the line of the mapping itself."""
        return self.key_lines.get(key, self.line)


class _LocatingLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader that records lines, refuses duplicate keys and reports impossible dates with their line."""

    path: str | None = None
    line_offset: int = 0

    def _line(self, mark: yaml.Mark) -> int:
        return mark.line + 1 + self.line_offset


def _construct_mapping(loader: _LocatingLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = loader._line(node.start_mark)
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = loader._line(key_node.start_mark)
        if not isinstance(key, (str, int, float, bool, datetime.date)) and key is not None:
            raise SiteError("a key must be a plain word", loader.path, line)
        if key in mapping:
            raise SiteError(
                f"'{key}' is given twice (first on line {mapping.key_lines[key]})",
                loader.path,
                line,
                "keep one of them",
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


def _construct_timestamp(loader: _LocatingLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as error:  # e.g. 2013-02-30: looks like a date, is not one
        raise SiteError(
            f"'{node.value}' is not a real date ({error})",
            loader.path,
            loader._line(node.start_mark),
            "write dates as YYYY-MM-DD, e.g. 2013-05-05",
        ) from None


_LocatingLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LocatingLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)

# YAML 1.2's core booleans only: true and false. PyYAML follows YAML 1.1, which also reads yes, no, on and off
# (in any of three casings) as true or false, so that Norway's code written NO becomes false. The editor in the
# browser (Decap CMS) writes YAML 1.2 and leaves NO unquoted: read so, the file means what it says.
_BOOLEAN = "tag:yaml.org,2002:bool"
_LocatingLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != _BOOLEAN]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()}
_LocatingLoader.add_implicit_resolver(_BOOLEAN, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def parse_yaml(text: str, path: str | None, line_offset: int = 0) -> Any:
    """Parse YAML `text` from `path`; `line_offset` is how many lines of the file come before the text."""
    loader = _LocatingLoader(text)
    loader.path = path
    loader.line_offset = line_offset
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        raise _plain_error(text, error, path, line_offset) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow: it says where in the text, not the line
        line = text.count("\n", 0, error.position) + 1 + line_offset
        code = error.character if isinstance(error.character, int) else ord(error.character)
        raise SiteError(f"YAML syntax: the character U+{code:04X} is not allowed here", path, line,
                        "delete it: it is invisible in most editors (it often comes with text pasted from a PDF)"
                        ) from None
    except yaml.YAMLError as error:
        raise SiteError(f"YAML syntax: {error}", path, None) from None
    finally:
        loader.dispose()


# An unclosed bracket is found where the file ends or the next key starts; the mistake is where it was opened.
_UNCLOSED = ("while parsing a flow",)


def _plain_error(text: str, error: yaml.MarkedYAMLError, path: str | None, line_offset: int) -> SiteError:
    """The reader's failure as the mistake a person made, in plain words, at its line (see yaml_mistakes)."""
    problem = " ".join(part for part in (error.context, error.problem) if part)
    mark = error.problem_mark or error.context_mark
    if error.context_mark and (error.context or "").startswith(_UNCLOSED):
        mark = error.context_mark
    mistake = explain(text, mark.line, mark.column, problem) if mark else None
    if mistake:
        return SiteError(mistake.message, path, mistake.line + 1 + line_offset, mistake.hint)
    line = min(mark.line, text.count("\n")) + 1 + line_offset if mark else None  # never past the last line
    return SiteError("YAML cannot read this line", path, line, _yaml_hint(problem))


def _yaml_hint(problem: str) -> str:
    """Plain advice for the other mistakes, with the reader's own words for the rare case none fits."""
    if "flow sequence" in problem or "flow mapping" in problem:
        return "a value starting with '[' or '{' is read as a list; put the whole value in quotes"
    if "cannot start any token" in problem:
        return "a value starting with '@', '`' or '%' needs quotes"
    return f"check the indentation, the quotes and that every key ends with ': ' (the YAML reader says: {problem})"
