"""Site search: what each language's index holds, the search page without JavaScript, a failing Pagefind."""

from __future__ import annotations

import json
import re
import stat
import sys
from pathlib import Path

import pytest

from ratify.errors import SiteErrors
from ratify.pipeline import build, load
from ratify.search import split_elisions
from tests.conftest import REPO, make_site, read_tree, un_state_count

SEARCH_PAGES = {"en": "en/search/index.html", "fr": "fr/recherche/index.html", "es": "es/buscar/index.html"}


@pytest.fixture(scope="session")
def tree(built_site: Path) -> dict[str, bytes]:
    return read_tree(built_site)


def text(tree: dict[str, bytes], path: str) -> str:
    return tree[path].decode("utf-8")


@pytest.mark.bundled
def test_each_language_has_its_own_index(tree: dict[str, bytes]) -> None:
    entry = json.loads(tree["pagefind/pagefind-entry.json"])
    assert sorted(entry["languages"]) == ["en", "es", "fr"]
    site = load(REPO).site
    for code, details in entry["languages"].items():
        searchable = [page for page in site.pages if page.language == code and 'data-pagefind-body'
                      in text(tree, page.output_path)]
        assert details["page_count"] == len(searchable) + un_state_count(), code  # and every State by name and status
    assert "pagefind/pagefind.js" in tree and "pagefind/pagefind-ui.js" not in tree


def test_only_the_text_of_real_pages_is_indexed(tree: dict[str, bytes]) -> None:
    for path in ("translations/index.html", "en/404.html", "fr/rejoindre/merci/index.html",
                 "fr/actualites/index.html", SEARCH_PAGES["fr"], "index.html"):
        assert "data-pagefind-body" not in text(tree, path), path
    assert '<article data-pagefind-body>' in text(tree, "fr/a-propos/index.html")
    state = text(tree, "fr/etats/ec/index.html")
    assert state.count("data-pagefind-body") == 2  # its name and its status, not the letter every State has
    assert '<h1 data-pagefind-body>Équateur</h1>' in state


def test_a_stand_in_page_is_not_indexed_in_the_language_it_is_not_written_in(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    (site / "content/en/search.md").write_text("---\ntitle: Search\ndescription: Search.\ntemplate: search.html\n---\n")
    build(site, tmp_path / "public")
    assert "data-pagefind-body" in (tmp_path / "public/en/about/index.html").read_text()
    assert "data-pagefind-body" not in (tmp_path / "public/fr/about/index.html").read_text()  # English text
    entry = json.loads((tmp_path / "public/pagefind/pagefind-entry.json").read_text())
    assert {code: details["page_count"] for code, details in entry["languages"].items()} == {"en": 3, "fr": 2}


@pytest.mark.bundled
def test_without_javascript_the_search_page_lists_every_page_of_its_language(tree: dict[str, bytes]) -> None:
    page = text(tree, SEARCH_PAGES["es"])
    assert re.search(r'<form class="search-form" role="search" data-search [^>]*hidden>', page)
    directory = page.split('<section class="directory"', 1)[1].split("</section>", 1)[0]
    links = re.findall(r'<a href="/(es/[^"]*)"', directory)
    site = load(REPO).site
    expected = {page.url_path for page in site.pages if page.language == "es" and not page.source.noindex
                and page.key != "search"}
    assert set(links) == expected
    assert "/es/estados/" in directory and str(un_state_count()) in directory  # and where the State pages are


def test_only_the_search_page_may_run_webassembly(tree: dict[str, bytes]) -> None:
    for code, path in SEARCH_PAGES.items():
        assert "script-src 'self' 'wasm-unsafe-eval';" in text(tree, path), code
        assert re.search(r'<script defer src="/static/search\.[0-9a-f]{10}\.js"></script>', text(tree, path))
    others = [path for path in tree if path.endswith(".html") and path not in SEARCH_PAGES.values()]
    assert not [path for path in others if "wasm-unsafe-eval" in text(tree, path)]


def test_a_failing_pagefind_leaves_the_previous_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path / "site")
    (site / "content/en/search.md").write_text("---\ntitle: Search\ndescription: Search.\ntemplate: search.html\n---\n")
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: the disk is full' >&2\nexit 3\n")
    failing.chmod(failing.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(failing))  # Pagefind's own way to choose its binary
    out = tmp_path / "public"
    out.mkdir()
    (out / "index.html").write_text("the previous build")
    with pytest.raises(SiteErrors) as caught:
        build(site, out)
    assert str(caught.value) == "search index: Pagefind failed (exit status 3): Error: the disk is full"
    assert read_tree(out) == {"index.html": b"the previous build"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["pagefind", "public", "site"]


def test_without_pagefind_a_site_with_search_says_how_to_install_it(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path / "site")
    (site / "content/en/search.md").write_text("---\ntitle: Search\ndescription: Search.\ntemplate: search.html\n---\n")
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    monkeypatch.setitem(sys.modules, "pagefind_bin", None)  # as if the package were not installed
    with pytest.raises(SiteErrors) as caught:
        build(site, tmp_path / "public")
    assert "search index: the Pagefind program is not installed" in str(caught.value)
    assert "pip install -r requirements.txt" in str(caught.value.errors[0].hint)
    assert not (tmp_path / "public").exists()


@pytest.mark.parametrize("html, indexed", [
    ("l’Allemagne", "l’ Allemagne"),
    ("L'Équateur", "L' Équateur"),
    ("l&#39;Espagne et d&rsquo;Uruguay", "l&#39; Espagne et d&rsquo; Uruguay"),
    ("l’<a href=\"/fr/etats/de/\">Allemagne</a>", "l’ <a href=\"/fr/etats/de/\">Allemagne</a>"),
    ("jusqu’à ce qu’elle, lorsqu’il", "jusqu’ à ce qu’ elle, lorsqu’ il"),
    ("Côte d’Ivoire", "Côte d’ Ivoire"),
])
def test_pagefind_reads_the_word_after_an_elision_on_its_own(html: str, indexed: str) -> None:
    assert split_elisions(html) == indexed


@pytest.mark.parametrize("html", ["the States’ obligations", "it’s", "don't", "l’ Allemagne",
                                  "1'2", "l’.", "aujourd’hui"])
def test_other_apostrophes_are_left_as_they_are(html: str) -> None:
    assert split_elisions(html) == html


def test_the_published_pages_keep_their_elisions(tree: dict[str, bytes]) -> None:
    """Only Pagefind's copy is split: the page a reader gets, and copies from, is the page as rendered."""
    assert "l’<a href=\"/fr/etats/de/\">Allemagne</a>" in text(tree, "fr/actualites/2023-04-20-allemagne-adhesion/index.html")
