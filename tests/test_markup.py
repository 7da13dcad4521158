"""Markdown -> HTML: the extensions editors expect, the quotes of each language, links between pages."""

from __future__ import annotations

import pytest

from ratify.errors import SiteErrors
from ratify.markup import Converter, resolve_relative

NNBSP = "\u202f"


def convert(text: str, quotes: tuple[str, str] = ("\u201c", "\u201d"), resolve=lambda target: None):
    return Converter(quotes, "/op/", "Back to footnote %d").convert(text, "content/en/x.md", 7, resolve)


@pytest.mark.parametrize("quotes, expected", [
    (("\u201c", "\u201d"), "<p>\u201cSolidarity\u201d</p>"),
    ((f"«{NNBSP}", f"{NNBSP}»"), f"<p>«{NNBSP}Solidarity{NNBSP}»</p>"),
    (("«", "»"), "<p>«Solidarity»</p>"),
])
def test_straight_quotes_become_the_quotes_of_the_language(quotes: tuple[str, str], expected: str) -> None:
    assert convert('"Solidarity"', quotes).html == expected


def test_tables_footnotes_heading_ids_and_attributes() -> None:
    result = convert("## Entry into force\n\nText[^1]\n\n### Detail {#detail .note}\n\n| a | b |\n|---|---|\n"
                     "| 1 | 2 |\n\n[^1]: Note.\n")
    assert '<h2 id="entry-into-force">Entry into force</h2>' in result.html
    assert '<h3 class="note" id="detail">Detail</h3>' in result.html
    assert "<table>" in result.html and "<td>1</td>" in result.html
    assert 'title="Back to footnote 1"' in result.html
    assert result.toc == ((2, "entry-into-force", "Entry into force"), (3, "detail", "Detail"))
    assert {"entry-into-force", "detail", "fn:1", "fnref:1"} <= result.anchors


def test_links_to_markdown_files_become_page_urls() -> None:
    urls = {"about.md": "fr/a-propos/"}
    result = convert("[a](about.md#history) [b](https://un.org/) [c](/fr/) [d](#top) [e](mailto:x@example.org)",
                     resolve=urls.get)
    assert '<a href="/op/fr/a-propos/#history">a</a>' in result.html
    assert '<a href="https://un.org/">b</a>' in result.html
    assert '<a href="/op/fr/">c</a>' in result.html  # "/" is the site's root, under the base path
    assert '<a href="#top">d</a>' in result.html
    assert '<a href="mailto:x@example.org">e</a>' in result.html


def test_a_link_to_a_missing_page_is_an_error_at_its_line() -> None:
    with pytest.raises(SiteErrors) as caught:
        convert("First line.\n\nSee [the news](news/missing.md).\n")
    assert "\n".join(map(str, caught.value.errors)) == (
        "content/en/x.md:9: the link to 'news/missing.md' leads to no page\n"
        "    link to an existing .md file, relative to this one (e.g. 'about.md' or '../index.md')")


def test_the_converter_forgets_the_previous_page() -> None:
    converter = Converter(("\u201c", "\u201d"), "/", "Back")
    converter.convert("Text[^1]\n\n[^1]: Note.", "a.md", 1, lambda target: None)
    second = converter.convert("## Only heading", "b.md", 1, lambda target: None)
    assert "footnote" not in second.html
    assert second.toc == ((2, "only-heading", "Only heading"),)


@pytest.mark.parametrize("origin, target, expected", [
    ("index.md", "about.md", "about.md"),
    ("news/post.md", "../about.md", "about.md"),
    ("news/post.md", "other.md", "news/other.md"),
])
def test_relative_links_resolve_from_the_linking_file(origin: str, target: str, expected: str) -> None:
    assert resolve_relative(origin, target) == expected


@pytest.mark.parametrize("text", [
    "| a | b |\n|:--|--:|\n| 1 | 2 |\n| 3 |",  # a row with fewer cells has empty ones: nothing is lost
    "| a | b |\n|---|---|\n| `x|y` | z\\|w |",  # a pipe in code or escaped is text
    "```\n| a | b |\n|---|\n```",  # code in a fence
    "Text.\n\n    | a | b |\n    |---|",  # indented code
    "Text.\nWith | a pipe\n|---|---|---|",  # not the start of a block: a paragraph, as Python-Markdown reads it
])
def test_tables_that_lose_nothing_and_code_are_not_reported(text: str) -> None:
    assert convert(text).html


def test_a_table_losing_text_is_reported_at_its_row() -> None:
    with pytest.raises(SiteErrors) as caught:
        convert("## Figures\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n\n| c | d |\n| --- |\n")
    assert [str(error).split("\n")[0] for error in caught.value.errors] == [
        "content/en/x.md:10: this table row has 3 cells and its header 2 cells: Markdown drops the cells past the "
        "header's",
        "content/en/x.md:13: this table's separator row has 1 cell and its header 2 cells: Markdown would show the "
        "table as plain text"]


def test_an_embed_in_a_comment_is_left_alone() -> None:
    assert convert("<!-- <iframe src=\"https://example.org/\"></iframe> -->\n\nText.").html.startswith("<!--")
