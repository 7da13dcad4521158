"""The declaration on the built bundled site: the reader in every language, side-by-side pages, the structure check."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ratify.check import check_output
from ratify.pipeline import build
from tests.conftest import REPO, read_tree, run_cli

pytestmark = pytest.mark.bundled  # the bundled site's own pages, built or copied

LANGUAGES = ("en", "fr", "es")
READERS = {"en": "en/declaration/", "fr": "fr/declaration/", "es": "es/declaracion/"}
ARTICLES = [f"art-{number}" for number in range(1, 13)]
PROTOCOL = "en/protocol/text/"


@pytest.fixture(scope="module")
def tree(built_site: Path) -> dict[str, bytes]:
    return read_tree(built_site)


def html(tree: dict[str, bytes], path: str) -> str:
    return tree[path + "index.html"].decode("utf-8")


class _Outline(HTMLParser):
    """The ids of a reader page's text and the side-by-side rows of a compare page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.rows: list[dict] = []  # {"id": ..., "cells": [lang or "missing", ...]}
        self._depth = 0  # <div> depth inside the current row

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if attributes.get("id"):
            self.ids.append(attributes["id"] or "")
        if tag == "div" and "compare-row" in classes and "compare-sources" not in classes:
            self.rows.append({"id": attributes.get("id"), "kind": classes[-1], "cells": []})
        elif tag == "div" and "compare-cell" in classes and self.rows:
            self.rows[-1]["cells"].append("missing" if "missing" in classes else attributes.get("lang"))


def outline(page: str) -> _Outline:
    parser = _Outline()
    parser.feed(page)
    return parser


def reader_anchors(page: str) -> list[str]:
    """The ids inside the declaration's text, in order."""
    text = page.split('<div class="declaration-text">', 1)[1]
    return [anchor for anchor in outline(text).ids if anchor != "notes"]


# --- the reader --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_the_reader_with_all_twelve_articles(tree: dict[str, bytes], language: str) -> None:
    page = html(tree, READERS[language])
    assert f'<html lang="{language}"' in page
    anchors = reader_anchors(page)
    assert [anchor for anchor in anchors if re.fullmatch(r"art-\d+", anchor)] == ARTICLES
    for anchor in ("preamble-4", "art-7-b", "art-9-3", "art-4-2-a"):
        assert f'<a class="anchor-link" href="#{anchor}" aria-label="' in page
    toc = page.split('<nav class="declaration-toc"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'href="#([\w-]+)"', toc) == ["preamble", *ARTICLES]


def test_the_anchors_are_identical_in_every_language(tree: dict[str, bytes]) -> None:
    english, french, spanish = (reader_anchors(html(tree, READERS[language])) for language in LANGUAGES)
    assert english == french == spanish
    assert len(english) == len(set(english)) == 1 + 13 + 12 + 25 + 42  # preamble, its paragraphs, articles, …


def test_every_paragraph_has_a_link_to_itself_with_a_label_in_the_page_language(tree: dict[str, bytes]) -> None:
    checks = {
        "en": ('href="#art-7-b" aria-label="Link to article 7 (b)"',
               'href="#art-9-3" aria-label="Link to article 9, paragraph 3"'),
        "fr": ('href="#art-7-b" aria-label="Lien vers l’article 7, alinéa b)"',
               'href="#art-4-2-a" aria-label="Lien vers l’article 4, paragraphe 2, alinéa a)"'),
        "es": ('href="#art-7-b" aria-label="Enlace al artículo 7, apartado b)"',
               'href="#preamble-4" aria-label="Enlace al párrafo 4 del preámbulo"'),
    }
    for language, expected in checks.items():
        page = html(tree, READERS[language])
        for fragment in expected:
            assert fragment in page, (language, fragment)
        for anchor in reader_anchors(page):
            assert f'<a class="anchor-link" href="#{anchor}"' in page, (language, anchor)


def test_translations_are_marked_unofficial_and_link_the_official_document(tree: dict[str, bytes]) -> None:
    english = html(tree, READERS["en"])
    assert 'class="unofficial"' not in english
    assert '<a href="https://docs.un.org/en/A/HRC/35/35" hreflang="en">A/HRC/35/35</a>' in english
    for language, mark in (("fr", "Traduction non officielle."), ("es", "Traducción no oficial.")):
        page = html(tree, READERS[language])
        header = page.split('<header class="declaration-header">', 1)[1].split("</header>", 1)[0]
        assert f'<p class="unofficial" role="note" lang="{language}"><strong>{mark}</strong>' in header
        assert (f'<a href="https://docs.un.org/{language}/A/HRC/35/35" hreflang="{language}">A/HRC/35/35</a>'
                in header)


def test_the_reader_offers_the_side_by_side_views(tree: dict[str, bytes]) -> None:
    page = html(tree, READERS["fr"])
    assert '<a href="/fr/declaration/compare/en/" hreflang="en" lang="en">English</a>' in page
    assert '<a href="/fr/declaration/compare/es/" hreflang="es" lang="es">Español</a>' in page


# --- side by side ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("left", LANGUAGES)
@pytest.mark.parametrize("right", LANGUAGES)
def test_every_compare_page_pairs_every_paragraph(tree: dict[str, bytes], left: str, right: str) -> None:
    if left == right:
        assert READERS[left] + f"compare/{right}/index.html" not in tree
        return
    page = html(tree, READERS[left] + f"compare/{right}/")
    assert f'<html lang="{left}"' in page
    rows = outline(page).rows
    assert all(row["cells"] == [left, right] for row in rows), [row for row in rows if row["cells"] != [left, right]]
    grid = page.split('<div class="compare-grid">', 1)[1]
    assert outline(grid).ids == reader_anchors(html(tree, READERS[left])), "the reader's anchors, in its order"
    # The title; the preamble's heading, chapeau, 13 paragraphs and "Declares:"; 12 articles with 25 paragraphs,
    # 42 subparagraphs and the 4 unnumbered texts that open articles 2, 3, 7 and 12.
    assert len(rows) == 1 + (1 + 1 + 13 + 1) + (12 + 25 + 42 + 4)
    assert 'class="notice"' not in page
    assert f'<p class="breadcrumb"><a href="/{READERS[left]}">' in page


def contents(page: str) -> str:
    return page.split('<nav class="declaration-toc"', 1)[1].split("</nav>", 1)[0]


@pytest.mark.parametrize("left, right", [("en", "fr"), ("es", "en")])
def test_a_compare_page_has_the_readers_contents_and_paragraph_links(tree: dict[str, bytes], left: str,
                                                                      right: str) -> None:
    reader = html(tree, READERS[left])
    page = html(tree, READERS[left] + f"compare/{right}/")
    assert contents(page) == contents(reader), "the same table of contents, which is also the article jump"
    grid = page.split('<div class="compare-grid">', 1)[1]
    for anchor in reader_anchors(reader):
        label = re.search(rf'<a class="anchor-link" href="#{anchor}" aria-label="([^"]+)"', reader)
        assert label and f'<a class="anchor-link" href="#{anchor}" aria-label="{label[1]}">' in grid, anchor
    assert "data-declaration" in page and 'class="copy-status" role="status"' in page  # the copy control's script


@pytest.mark.parametrize("path", [READERS["fr"], READERS["fr"] + "compare/es/", PROTOCOL])
def test_each_article_ends_with_links_to_the_one_before_and_the_one_after(tree: dict[str, bytes], path: str) -> None:
    page = html(tree, path)
    sections = re.findall(r'<section id="(preamble|art-\d+)"', page)
    links = re.findall(r'<p class="provision-nav" lang="\w+">(.*?)</p>', page)
    assert len(links) == len(sections) > 12
    assert re.findall(r'href="#([\w-]+)"', links[0]) == [sections[1]], "the preamble leads to article 1 only"
    assert re.findall(r'href="#([\w-]+)"', links[-1]) == [sections[-2]], "the last article back to the one before"
    for index in range(1, len(sections) - 1):
        assert re.findall(r'href="#([\w-]+)"', links[index]) == [sections[index - 1], sections[index + 1]]
    if path.startswith("fr/"):
        assert '<a class="previous" href="#art-6">Précédent\u202f: Article 6</a>' in page
        assert '<a class="next" href="#art-8">Suivant\u202f: Article 8</a>' in page


def test_the_language_switcher_keeps_the_comparison(tree: dict[str, bytes]) -> None:
    page = html(tree, "fr/declaration/compare/es/")
    switcher = page.split('<nav class="languages"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/en/declaration/compare/es/" hreflang="en" lang="en">English</a>' in switcher
    assert '<a href="/fr/declaration/compare/es/" hreflang="fr" lang="fr" aria-current="true">' in switcher
    assert '<a href="/es/declaracion/compare/fr/" hreflang="es" lang="es">Español</a>' in switcher  # swapped


def test_a_pair_is_one_page_in_two_languages_for_search_engines(published_tree: dict[str, bytes]) -> None:
    page = html(published_tree, "fr/declaration/compare/es/")
    head = page.split("</head>", 1)[0]
    assert re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="https://ratify-fixture.org/([^"]+)">', head) == [
        ("es", "es/declaracion/compare/fr/"), ("fr", "fr/declaration/compare/es/"),
        ("x-default", "fr/declaration/compare/es/")]
    assert "https://ratify-fixture.org/en/declaration/compare/fr/" in published_tree["sitemap.xml"].decode()


def test_the_declaration_pages_have_no_broken_link_or_anchor(tree: dict[str, bytes]) -> None:
    assert check_output(tree, "https://example.org/") == []


# --- a translation that lost a subparagraph ----------------------------------------------------------------------


def copy_real_site(destination: Path) -> Path:
    """The bundled site's inputs, copied so that a test may change them."""
    for part in ("content", "data", "templates", "static", "locale"):
        shutil.copytree(REPO / part, destination / part)
    shutil.copyfile(REPO / "site.yaml", destination / "site.yaml")
    return destination


def drop_subparagraph(site: Path, language: str, article: int, letter: str) -> int:
    """Remove the last subparagraph of an article in a translation; return the line of the one before it."""
    file = site / "content" / language / "declaration.md"
    lines = file.read_text(encoding="utf-8").split("\n")
    start = lines.index(next(line for line in lines if re.fullmatch(rf"## \w+ {article}", line)))
    index = next(i for i in range(start, len(lines)) if lines[i].startswith(f"({letter}) "))
    del lines[index:index + 2]  # the subparagraph and the blank line after it
    file.write_text("\n".join(lines), encoding="utf-8")
    previous = chr(ord(letter) - 1)
    return next(i for i in range(start, len(lines)) if lines[i].startswith(f"({previous}) ")) + 1


def test_check_names_a_missing_subparagraph_with_file_and_line(tmp_path: Path) -> None:
    site = copy_real_site(tmp_path / "site")
    line = drop_subparagraph(site, "fr", 7, "i")
    result = run_cli("check", "--root", str(site))
    assert result.returncode == 1
    expected = (f"content/fr/declaration.md:{line}: article 7 has subparagraphs (a)-(i) in content/en/declaration.md "
                "but (a)-(h) here")
    assert result.stdout.splitlines()[0] == expected
    assert re.fullmatch(r"1 problem in \d+ pages", result.stdout.splitlines()[-1])


def test_a_build_warns_and_the_compare_page_shows_the_gap(tmp_path: Path) -> None:
    site = copy_real_site(tmp_path / "site")
    line = drop_subparagraph(site, "es", 12, "i")
    result = build(site, tmp_path / "public")
    assert [warning for warning in result.warnings if "declaration.md" in warning] == [
        f"content/es/declaration.md:{line}: article 12 has subparagraphs (a)-(i) in content/en/declaration.md but "
        "(a)-(h) here (the side-by-side view marks the gap)"]
    output = read_tree(tmp_path / "public")
    page = output["en/declaration/compare/es/index.html"].decode()
    assert '<p class="notice" role="note">' in page
    rows = {row["id"]: row["cells"] for row in outline(page).rows if row["id"]}
    assert rows["art-12-i"] == ["en", "missing"]
    assert rows["art-12-h"] == ["en", "es"]
    assert check_output(output, "https://example.org/") == []


def test_a_language_without_its_own_text_shows_the_original_and_is_not_compared(tmp_path: Path) -> None:
    site = copy_real_site(tmp_path / "site")
    (site / "content" / "es" / "declaration.md").unlink()
    result = build(site, tmp_path / "public")
    assert not [warning for warning in result.warnings if "declaration.md" in warning]
    output = read_tree(tmp_path / "public")
    reader = output["es/declaration/index.html"].decode()
    assert "Esta página aún no está disponible en español." in reader
    assert '<article class="declaration" data-declaration lang="en" dir="ltr">' in reader
    assert 'class="compare-links"' not in reader
    assert sorted(path for path in output if "/compare/" in path) == [
        "en/declaration/compare/fr/index.html", "fr/declaration/compare/en/index.html"]
    compare = output["fr/declaration/compare/en/index.html"].decode()
    assert '<a href="/es/declaration/" hreflang="es" lang="es">Español</a>' in compare  # the stand-in reader
    assert check_output(output, "https://example.org/") == []


# --- the Optional Protocol's own text ----------------------------------------------------------------------------

PROTOCOL_ARTICLES = [f"art-{number}" for number in range(1, 23)]


def test_the_protocol_has_a_reader_page_with_the_same_anchors_as_the_declaration(tree: dict[str, bytes]) -> None:
    page = html(tree, PROTOCOL)
    anchors = reader_anchors(page)
    assert [anchor for anchor in anchors if re.fullmatch(r"art-\d+", anchor)] == PROTOCOL_ARTICLES
    for anchor in ("art-17", "art-10-1-h", "art-10-1-h-i", "art-10-1-h-ii", "art-21-c", "art-3-2-g", "preamble-6"):
        assert anchor in anchors, anchor
        assert f'<a class="anchor-link" href="#{anchor}" aria-label="' in page
    assert 'href="#art-10-1-h-ii" aria-label="Link to article 10, paragraph 1 (h) (ii)"' in page
    toc = page.split('<nav class="declaration-toc"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'href="#([\w-]+)"', toc) == ["preamble", *PROTOCOL_ARTICLES]
    assert '<span class="toc-title">Signature, ratification and accession</span>' in toc
    assert '<h3 class="article-title">Signature, ratification and accession</h3>' in page
    assert "In every matter, the report shall be communicated to the States Parties concerned." in page
    assert "Two commas are not yet checked" in page  # the doubt the reference flags is said, with its anchors


def test_the_protocols_french_and_spanish_pages_link_the_uns_authentic_text_and_are_not_compared(
        tree: dict[str, bytes]) -> None:
    for path, official in (("fr/protocole/texte/", "https://docs.un.org/fr/A/RES/63/117"),
                           ("es/protocolo/texto/", "https://docs.un.org/es/A/RES/63/117")):
        page = html(tree, path)
        assert official in page and 'href="/en/protocol/text/" hreflang="en"' in page
        assert "declaration-text" not in page  # a page of its own language, not a translation of the treaty
    assert not [name for name in tree if "protocol" in name and "compare" in name]
    assert "Read it side by side with" not in html(tree, PROTOCOL)


def test_the_explainer_links_each_article_it_names_to_the_text(tree: dict[str, bytes]) -> None:
    assert '<a href="/en/protocol/text/#art-17">article 17</a>' in html(tree, "en/protocol/history/")
    assert '<a href="/en/protocol/text/#art-17" hreflang="en">article 17</a>' in html(tree, "fr/protocole/historique/")
    assert 'articles <a href="/en/protocol/text/#art-10">10</a> and <a href="/en/protocol/text/#art-11">11</a>' in (
        html(tree, "en/protocol/procedures/"))
