"""The bundled site with each module switched off in turn: exactly that module's files and menu entries go.

Its pages link to the module's pages and use its shortcodes, which are then errors; the copy is edited where the
errors say (the link made plain text, the shortcode taken out) until it builds, as a coalition would edit it. The
file lists are compared with the bundled site's own, which such edits inside pages do not change.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ratify.errors import SiteError, SiteErrors
from ratify.model import MODULES, Site
from ratify.pipeline import Files, has_search, load, render_site
from tests.conftest import PUBLISHED_URL, REPO, copy_bundled_site

pytestmark = pytest.mark.bundled

# A link to a page that is gone, or to the anchor of a widget that is gone ("#find-state" on the home page).
_BROKEN_LINK = re.compile(r"^the link to '(?P<target>[^']+)' leads to no (page|anchor '[^']+' in .*)$")
_SHORTCODE_OFF = re.compile(r"^shortcode (?P<shortcode>\{\{<.*?>\}\}): it belongs to the module")


@pytest.fixture(scope="module")
def bundled() -> tuple[Site, Files]:
    site = load(REPO, PUBLISHED_URL).site  # with an address, so that there is a sitemap to compare
    return site, render_site(REPO, site)


def _edit_where_told(root: Path, error: SiteError) -> None:
    """Unlink a link to a page that is gone, or take out a shortcode of a module that is off, at the error's line."""
    file = root / str(error.path)
    lines = file.read_text(encoding="utf-8").split("\n")
    link, shortcode = _BROKEN_LINK.match(error.message), _SHORTCODE_OFF.match(error.message)
    assert error.line is not None and (link or shortcode), f"not an edit a module switched off calls for: {error}"
    line = lines[error.line - 1]
    if link:
        edited = re.sub(r"\[([^\]]*)\]\(" + re.escape(link["target"]) + r"(?:#[\w-]*)?\)(\{[^}]*\})?", r"\1", line)
    else:
        edited = line.replace(shortcode["shortcode"], "")  # type: ignore[index]
    assert edited != line, error
    lines[error.line - 1] = edited
    file.write_text("\n".join(lines), encoding="utf-8")


def _without(tmp_path: Path, off: set[str]) -> tuple[Site, Files]:
    root = copy_bundled_site(tmp_path / "site")
    config = (root / "site.yaml").read_text(encoding="utf-8")
    every, kept = ", ".join(MODULES), ", ".join(module for module in MODULES if module not in off)
    assert f"\nmodules: [{every}]\n" in config, "the bundled site lists every module"
    (root / "site.yaml").write_text(config.replace(f"modules: [{every}]", f"modules: [{kept}]"), encoding="utf-8")
    for _ in range(20):  # a page reports its first broken link only: a few rounds
        try:
            site = load(root, PUBLISHED_URL).site
            return site, render_site(root, site)
        except SiteErrors as failure:
            for error in failure.errors:
                _edit_where_told(root, error)
    raise AssertionError("the copy never built")


def _under(files: Files, prefixes: list[str]) -> set[str]:
    return {path for path in files if any(path.startswith(prefix) for prefix in prefixes)}


def _page_prefixes(site: Site, keys: list[str]) -> list[str]:
    return [page.url_path for key in keys for page in site.translations[key].values() if not page.is_fallback]


def _expected(site: Site, files: Files, module: str) -> set[str]:
    """The files the module makes in the bundled site: its pages and everything under them."""
    states = _page_prefixes(site, ["states"])
    if module == "state_pages":
        return _under(files, states) - {f"{prefix}{name}" for prefix in states
                                        for name in ("index.html", "feed.xml", "map.svg")}
    if module == "tracker":
        return _under(files, states) | {"data/states.json", "data/states.csv"}
    if module == "reader":  # every legal text in every language (the Protocol's French page too), and its views
        keys = [key for key, versions in site.translations.items()
                if any(page.reader_text is not None for page in versions.values())]
        return _under(files, _page_prefixes(site, keys))
    if module == "admin":  # the editor's folder, which no page links to
        return _under(files, ["admin/"])
    keys = {"news": [key for key in site.translations if key == "news" or key.startswith("news/")],
            "search": ["search"], "join": ["join", "join/thanks"]}[module]
    return _under(files, _page_prefixes(site, keys))


@pytest.mark.parametrize("module", [module for module in MODULES])
def test_a_module_switched_off_removes_exactly_its_files_and_menu_entries(
        tmp_path: Path, bundled: tuple[Site, Files], module: str) -> None:
    site, files = bundled
    off = {module, "state_pages"} if module == "tracker" else {module}  # State pages need the tracker
    without_site, without = _without(tmp_path, off)
    expected = _expected(site, files, module) | (_expected(site, files, "state_pages") if module == "tracker"
                                                 else set())
    assert expected, "the bundled site has no files of this module: the comparison would prove nothing"
    assert set(files) - set(without) == expected
    assert set(without) <= set(files)
    gone = {path.removesuffix("index.html") for path in expected}
    for code, menu in site.menus.items():
        assert without_site.menus[code] == tuple(entry for entry in menu if entry.href not in gone), code
    assert has_search(without_site) == (module != "search")
    sitemap = without["sitemap.xml"].decode()
    assert not [path for path in gone if f"/{path}<" in sitemap]
    links = {link for path, file in without.items() if path.endswith((".html", ".xml"))
             for link in re.findall(r'href="(?:https://ratify-fixture\.org)?/([^"#]*)', file.decode())}
    # Links written by hand as paths ("/en/states/ec/") are not the engine's: `build.py check` reports them.
    written = {link for page in (REPO / "content").rglob("*.md")
               for link in re.findall(r"\]\(/([^)#\s]*)", page.read_text(encoding="utf-8"))}
    assert not (links - written) & gone, sorted((links - written) & gone)[:5]
