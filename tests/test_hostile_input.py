"""Hostile input: random and malformed files thrown at every loader. The result is always a value or a SiteError
(or SiteErrors) naming the file; never another exception, never a traceback for the person editing."""

from __future__ import annotations

import datetime
from typing import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ratify.config import parse_config
from ratify.content import parse_source
from ratify.datafile import parse_yaml
from ratify.errors import SiteError, SiteErrors, problems_of
from ratify.i18n import parse_catalog
from ratify.markup import Converter
from ratify.states import parse_states, parse_un_states
from tests.conftest import REPO

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KNOWN = {state.code: state for state in parse_un_states((REPO / "data" / "un-states.yaml").read_text(),
                                                        "data/un-states.yaml")}

# Pieces that make YAML, front matter, Markdown and .po files almost right, which is where mistakes hide.
FRAGMENTS = st.sampled_from([
    "---\n", "title: x\n", "description: y\n", "date: 2013-02-30\n", "date: 5 mai\n", "slug: À\n", "weight: yes\n",
    "draft: 1\n", "template: nope.html\n", "  - a\n", "\t- b\n", "key: [unclosed\n", 'k: "open\n', "&anchor x\n",
    "*alias\n", "!!python/object:os.system x\n", "a: b: c\n", "? complex\n", "{{< counter >}}\n", "{{< figure\n",
    "{{< date on=2099-01-01 >}}\n", "[link](missing.md)\n", "[x](about.md#nowhere)\n", "## Article 1\n",
    "## Article 3\n", "1. para\n", "(a) sub\n", "(c) skip\n", "# Title\n", '"quoted" -- ...\n', "<script>x</script>\n",
    'msgid "a"\n', 'msgstr "b\n', 'msgid_plural "c"\n', 'msgstr[3] "d"\n', '"%(count)s"\n', "#, fuzzy\n", "\0", "\ufeff",
])
TEXTS = st.one_of(st.text(max_size=400), st.lists(FRAGMENTS, max_size=25).map("".join),
                  st.tuples(st.lists(FRAGMENTS, max_size=10).map("".join), st.text(max_size=80)).map("".join))
EXPECTED = (SiteError, SiteErrors)


# Errors about the whole file (empty, or not a mapping), which have no line to point at.
WHOLE_FILE = ("the file must hold ",)


def located(error: BaseException, path: str, text: str, first_line: int = 1) -> bool:
    """Every error names `path` and a line of it: `text` starts at line `first_line` of the file."""
    errors = problems_of(error)
    last_line = first_line + max(len(text.splitlines()), 1)
    assert errors
    for item in errors:
        assert item.path == path, str(item)
        if item.line is None:
            assert item.message.startswith(WHOLE_FILE), f"{item}: no line"
        else:
            assert first_line <= item.line <= last_line, f"{item}: not a line of the text ({first_line}-{last_line})"
    return True


def test_a_control_character_in_yaml_is_reported_at_its_line() -> None:
    with pytest.raises(SiteError) as raised:
        parse_yaml("treaty:\n  name: a\x07b\n", "data/x.yaml")
    assert (raised.value.path, raised.value.line) == ("data/x.yaml", 2)
    assert raised.value.message == "YAML syntax: the character U+0007 is not allowed here"


def value_or_located_error(load: Callable[[], object], path: str, text: str) -> None:
    """`load()` gives a value, or raises SiteError(s) naming `path` and a line of `text`: nothing else."""
    try:
        load()
    except EXPECTED as error:
        assert located(error, path, text)


# Each loader of a text file, by the file it is told it reads.
TEXT_LOADERS: dict[str, Callable[[str], object]] = {
    "data/x.yaml": lambda text: parse_yaml(text, "data/x.yaml"),
    "content/en/x.md": lambda text: parse_source(text, "content/en/x.md", "en", "x.md"),
    "site.yaml": lambda text: parse_config(text, "site.yaml"),
    "data/states.yaml": lambda text: parse_states(text, "data/states.yaml", KNOWN, datetime.date(2027, 1, 1)),
    "content/en/declaration.md": lambda text: parse_source(text, "content/en/declaration.md", "en", "declaration.md"),
}


@pytest.mark.parametrize("path", TEXT_LOADERS, ids=["yaml", "front matter and pages", "site configuration",
                                                    "ratification data", "declarations"])
@SETTINGS
@given(text=TEXTS)
def test_text_loaders(path: str, text: str) -> None:
    value_or_located_error(lambda: TEXT_LOADERS[path](text), path, text)


@SETTINGS
@given(st.one_of(st.binary(max_size=300), TEXTS.map(str.encode)))
def test_translation_catalogs(data: bytes) -> None:
    path = "locale/fr/LC_MESSAGES/messages.po"
    value_or_located_error(lambda: parse_catalog(data, path, "fr"), path, data.decode("utf-8", "replace"))


def _shortcodes(name: str, arguments: dict[str, str]) -> str:
    if name != "counter" or arguments:
        raise ValueError(f"there is no shortcode '{name}'")
    return "<p>counter</p>"


@SETTINGS
@given(TEXTS)
def test_markdown_and_shortcodes(text: str) -> None:
    converter = Converter(("«\u202f", "\u202f»"), "/", "Back")
    try:
        result = converter.convert(text, "content/fr/x.md", 5, lambda target: None, _shortcodes)
        assert isinstance(result.html, str)
    except EXPECTED as error:
        assert located(error, "content/fr/x.md", text, first_line=5)


def test_the_hostile_strategies_do_reach_errors() -> None:
    """The generators above must produce broken files, or these tests would prove nothing."""
    broken = 0
    for text in ("---\ntitle: [x\n---\n", "date: 2013-02-30\n", 'msgid "a"\nmsgstr "b\n'):
        for load in (lambda t: parse_source(t, "content/en/x.md", "en", "x.md"),
                     lambda t: parse_catalog(t.encode(), "x.po", "fr")):
            try:
                load(text)
            except EXPECTED:
                broken += 1
    assert broken >= 4


def test_a_site_error_passes_through_a_with_block_as_itself() -> None:
    """contextlib sets the traceback of an exception leaving a @contextmanager block: a SiteError must allow it."""
    import contextlib

    @contextlib.contextmanager
    def block():
        yield

    error = SiteError("the file is not UTF-8", "content/en/a.md", 1)
    with pytest.raises(SiteError) as caught:
        with block():
            raise error
    assert caught.value is error and hash(error) == hash(SiteError("the file is not UTF-8", "content/en/a.md", 1))
