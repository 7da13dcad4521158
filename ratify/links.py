"""Every page's links into the site, kept from conversion -> the ones that lead nowhere, as errors at their source
line: a site URL that no file answers, an anchor the target page lacks. Run once every page is converted and the
site's files are planned, since a link may lead to any of them."""

from __future__ import annotations

from typing import Iterable

from ratify import urls
from ratify.errors import SiteError
from ratify.model import Page


def reference_problems(pages: Iterable[Page], files: frozenset[str]) -> list[SiteError]:
    """Each broken link once per source file and line, however many languages show the page.

    `files` are the paths of every file the build writes ("en/about/index.html", "static/style.1a2b.css").
    """
    anchors = {page.url_path: page.anchors for page in pages}
    missing: dict[tuple[str, int, str], list[str]] = {}  # (source, line, written) -> pages lacking the anchor
    errors: dict[tuple[str, int, str], SiteError] = {}
    for page in pages:
        for reference in page.references:
            where = (page.source.path, reference.line, reference.written)
            target = page.url_path if reference.url_path is None else reference.url_path
            if reference.url_path is not None and _file_of(target, files) is None:
                errors[where] = SiteError(f"the link to '{reference.written}' leads to no page", page.source.path,
                                          reference.line, "link to a page of the site by its address ('/en/about/') "
                                          "or by its file, relative to this one ('about.md')")
            elif reference.fragment and target in anchors and reference.fragment not in anchors[target]:
                shown = "/" + urls.encoded(target)
                if shown not in missing.setdefault(where, []):
                    missing[where].append(shown)
    for (path, line, written), targets in missing.items():
        fragment = written.partition("#")[2]
        errors.setdefault((path, line, written), SiteError(
            f"the link to '{written}' leads to no anchor '#{fragment}' in {', '.join(targets)}", path, line,
            "link to a heading's id (shown in the page's table of contents) or an article's ('#art-7')"))
    return sorted(errors.values(), key=SiteError.sort_key)


def _file_of(url_path: str, files: frozenset[str]) -> str | None:
    """The file a path leads to: itself ("static/x.png", "en/feed.xml") or the page it names ("en/about/")."""
    for candidate in (url_path, urls.file_of(url_path) if url_path.endswith("/") or not url_path
                      else f"{url_path}/index.html"):
        if candidate in files:
            return candidate
    return None
