"""The site's search: which pages each language's search page lists and Pagefind indexes; the index of a built folder."""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Mapping

from ratify.errors import SiteError
from ratify.model import Config, News, Page
from ratify.news import NEWS_KEY
from ratify.tracker import collation_key

SEARCH_KEY = "search"  # the translation key of the search page; without one, no index is built
INDEX_DIR = "pagefind"  # where the index is published, under the site's root
# Pagefind's ready-made interfaces, which the search page does not use: it has its own (static/search.js).
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
           "wasm.unknown.pagefind")  # and the code for pages without a language, which this site has none of
_TIMEOUT = 300  # seconds; Pagefind takes about one for this site
# An elided word (l', d', j', n', qu', jusqu', lorsqu'...: one letter, or ending in "qu") and its apostrophe,
# straight or curly, written as HTML may write it, before the next word's first letter, perhaps after tags:
# "l’<a href=...>Allemagne</a>". Pagefind splits words at white space only, so it indexes "l’Allemagne" as the one
# word "lallemagne", which a search for "Allemagne" does not find.
_ELISION = re.compile(r"(?<!\w)((?:\w*qu|[^\W\d_])(?:'|’|&#39;|&#x27;|&rsquo;|&apos;))(?=(?:<[^<>]*>)*[^\W\d_])",
                      re.IGNORECASE)


def is_searchable(page: Page) -> bool:
    """Whether a page's text goes into its language's index.

    Not a stand-in (its text is in another language), not a page kept out of search engines, and neither the
    search page nor the news list, whose text only repeats the pages they lead to.
    """
    return not page.is_fallback and not page.source.noindex and page.key not in (SEARCH_KEY, NEWS_KEY)


def search_folders(translations: Mapping[str, Mapping[str, Page]]) -> list[str]:
    """The folders of the search pages ("en/search/"), whose policy lets Pagefind's index run as WebAssembly."""
    return sorted({page.output_path.rpartition("/")[0] + "/" for page in translations.get(SEARCH_KEY, {}).values()})


def make_directory(pages: tuple[Page, ...], news: Mapping[str, News], config: Config) -> dict[str, tuple[Page, ...]]:
    """Per language, the pages the search page lists for readers without JavaScript (news posts have their list):
    the menu's pages in its order, then the others by title."""
    directory: dict[str, tuple[Page, ...]] = {}
    for code in config.language_codes:
        posts = news.get(code)
        listed = [page for page in pages if page.language == code and not page.source.noindex
                  and page.key != SEARCH_KEY and not (posts and posts.has(page))]
        listed.sort(key=lambda page: (page.source.weight is None, page.source.weight or 0,
                                      collation_key(page.source.menu_title)))
        directory[code] = tuple(listed)
    return directory


def index_folder(folder: Path, into: Path | None = None) -> None:
    """Write Pagefind's index of the built site in `folder` into `folder/pagefind/` (or `into`), one index per
    <html lang>.

    Pagefind reads only the parts of pages marked data-pagefind-body, so the pages is_searchable() refuses
    are left out. A failure is an error, raised before the folder replaces the published site.
    """
    into = into or folder / INDEX_DIR
    with tempfile.TemporaryDirectory(prefix="ratify-index-") as copy:
        _copy_indexed_pages(folder, Path(copy))
        command = [str(pagefind_program()), "--site", copy, "--output-path", str(into.absolute()), "--quiet"]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=_TIMEOUT)
        except (OSError, subprocess.SubprocessError) as error:
            raise SiteError(f"search index: Pagefind could not run: {error}") from None
    if result.returncode != 0:
        said = (result.stderr.strip() or result.stdout.strip()).splitlines()[-3:]
        raise SiteError(f"search index: Pagefind failed (exit status {result.returncode}): {' / '.join(said)}")
    for name in _UNUSED:
        (into / name).unlink(missing_ok=True)
    _sort_entry(into / "pagefind-entry.json")


def split_elisions(html: str) -> str:
    """The page's HTML with a space after each elided word's apostrophe, so that Pagefind indexes the word after it
    on its own: "l’ Allemagne", "d’ Ivoire", "qu’ elle". Only the copy Pagefind reads gets it; static/search.js
    takes the space out again in the titles and excerpts it shows."""
    return _ELISION.sub(r"\1 ", html)


def _copy_indexed_pages(folder: Path, copy: Path) -> None:
    """Every page of `folder` at the same path in `copy`, elisions split: Pagefind reads only HTML, and reads it
    from the copy, so the published pages stay exactly as rendered."""
    for page in sorted(folder.rglob("*.html")):
        target = copy / page.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(split_elisions(page.read_text(encoding="utf-8")), encoding="utf-8")


def pagefind_program() -> Path:
    """The Pagefind binary: the one PAGEFIND_BINARY_PATH names (Pagefind's own setting), else pagefind-bin's."""
    chosen = os.environ.get("PAGEFIND_BINARY_PATH")
    if chosen:
        return Path(chosen)
    try:
        from pagefind_bin import get_executable  # imported only when a site has a search page

        return get_executable()
    except (ImportError, FileNotFoundError):
        raise SiteError("search index: the Pagefind program is not installed", None, None,
                        "install the pinned dependencies: pip install -r requirements.txt") from None


def _sort_entry(path: Path) -> None:
    """Pagefind lists the languages of its entry file in a different order on each run: sort them, so that two
    builds of the same site are byte-identical (its other files already are)."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
