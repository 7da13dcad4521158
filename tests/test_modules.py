"""The optional modules of site.yaml on the engine's own fixtures: `modules:` checked, a site with every module off
builds its plain pages only and says nothing about them, a module's shortcode is an error naming it, a module on
without its inputs says what to add, once."""

from __future__ import annotations

from pathlib import Path

import pytest

from ratify.config import parse_config
from ratify.errors import SiteErrors
from ratify.model import MODULES
from ratify.pipeline import has_search, load, render_site
from tests.conftest import FIXTURES, make_site

SITE_YAML = (FIXTURES / "site" / "site.yaml").read_text(encoding="utf-8")


def _errors(text: str) -> list[str]:
    with pytest.raises(SiteErrors) as failure:
        parse_config(text, "site.yaml")
    return [str(error) for error in failure.value.errors]


def test_without_modules_every_module_is_on_and_none_needs_its_inputs() -> None:
    modules = parse_config(SITE_YAML, "site.yaml").modules
    assert modules.on == frozenset(MODULES) - {"admin"} and not modules.listed  # /admin/ needs a repository


def test_listed_modules_are_the_only_ones_on() -> None:
    modules = parse_config(SITE_YAML + "modules: [news, search]\n", "site.yaml").modules
    assert modules.on == {"news", "search"} and modules.listed
    assert "news" in modules and "tracker" not in modules


def test_an_unknown_module_is_an_error_with_did_you_mean() -> None:
    line = SITE_YAML.count("\n") + 1
    assert _errors(SITE_YAML + "modules: [news, serch]\n") == [
        f"site.yaml:{line}: modules: unknown module \"serch\"\n    did you mean 'search'?"]


def test_a_module_listed_twice_and_state_pages_without_the_tracker_are_errors() -> None:
    errors = _errors(SITE_YAML + "modules: [news, news, state_pages]\n")
    assert any("'news' is listed twice" in error for error in errors)
    assert any("'state_pages' needs the tracker" in error and "add 'tracker' to modules:" in error
               for error in errors)


def test_modules_must_be_a_list() -> None:
    assert any("'modules' must be a list" in error for error in _errors(SITE_YAML + "modules: news\n"))


def _modules_off_site(tmp_path: Path) -> Path:
    """The fixture site with the campaign's pages and tracker data, and `modules: []`."""
    return make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "campaign", FIXTURES / "modules-off")


def test_a_site_with_every_module_off_builds_its_plain_pages_only_and_warns_of_nothing(tmp_path: Path) -> None:
    root = _modules_off_site(tmp_path)
    loaded = load(root)
    files = render_site(root, loaded.site)
    assert sorted(path for path in files if not path.startswith("static/")) == [
        "404.html", "_headers", "en/404.html", "en/about/index.html", "en/index.html", "fr/404.html",
        "fr/about/index.html", "fr/index.html", "index.html", "robots.txt", "sitemap.xml", "translations/index.html"]
    assert loaded.warnings == () and loaded.data_warnings == () and loaded.structure_errors == ()
    site = loaded.site
    assert not site.trackers and not site.news and not site.generated and site.world_map is None
    assert not has_search(site)
    assert [entry.key for entry in site.menus["en"]] == ["index", "about"]
    sitemap = files["sitemap.xml"].decode()
    assert "states" not in sitemap and "news" not in sitemap and "join" not in sitemap


def test_the_join_error_comes_with_its_module_only(tmp_path: Path) -> None:
    root = _modules_off_site(tmp_path)
    config = root / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("modules: []", "modules: [join]"), encoding="utf-8")
    (root / "content/en/index.md").write_text((FIXTURES / "site/content/en/index.md").read_text(encoding="utf-8"),
                                              encoding="utf-8")
    (root / "content/fr/index.md").write_text((FIXTURES / "site/content/fr/index.md").read_text(encoding="utf-8"),
                                              encoding="utf-8")
    with pytest.raises(SiteErrors) as failure:  # no form, no address, no route: at the line that turns join on
        load(root)
    line = config.read_text(encoding="utf-8").splitlines().index("modules: [join]") + 1
    assert [str(error).split("\n")[0] for error in failure.value.errors] == [
        f"site.yaml:{line}: the Join page has no way to join: neither join.form_action, contact_email nor join.route "
        "is set"]


def test_a_shortcode_of_a_module_switched_off_is_an_error_at_its_line_naming_the_module(tmp_path: Path) -> None:
    root = _modules_off_site(tmp_path)
    about = root / "content/en/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nParties: {{< figure what=parties >}}.\n",
                     encoding="utf-8")
    line = about.read_text(encoding="utf-8").count("\n")
    with pytest.raises(SiteErrors) as failure:
        load(root)
    assert [str(error) for error in failure.value.errors] == [
        f"content/en/about.md:{line}: shortcode {{{{< figure what=parties >}}}}: it belongs to the module "
        "'tracker', which is off: add 'tracker' to modules: in site.yaml\n    see 'Shortcodes' in README.md"]


@pytest.mark.parametrize("module, says", [
    ("news", "the site has no news page\n    create content/en/news.md with 'template: news.html'"),
    ("search", "the site has no search page\n    create content/en/search.md with 'template: search.html'"),
    ("join", "the site has no Join page\n    create content/en/join.md with 'template: join.html'"),
    ("reader", "the site has no declaration\n    create content/en/declaration.md with 'template: declaration.html'"),
    ("tracker", "the site has no data/states.yaml\n    create data/states.yaml"),
])
def test_a_module_on_without_its_inputs_says_what_to_add_once(tmp_path: Path, module: str, says: str) -> None:
    root = make_site(tmp_path / "site")  # the plain fixture site: no module's inputs
    with open(root / "site.yaml", "a", encoding="utf-8") as config:
        config.write(f"modules: [{module}]\n")
    line = (root / "site.yaml").read_text(encoding="utf-8").count("\n")
    with pytest.raises(SiteErrors) as failure:
        load(root)
    errors = [str(error) for error in failure.value.errors]
    assert len(errors) == 1
    assert errors[0].startswith(f"site.yaml:{line}: modules: '{module}' is on, but {says}")
    assert errors[0].endswith(f"or take '{module}' out of modules:")


def test_state_pages_off_keeps_the_tracker_and_drops_every_link_to_a_state_page(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "tracker")
    with open(root / "site.yaml", "a", encoding="utf-8") as config:
        config.write("modules: [tracker]\n")
    loaded = load(root)
    files = render_site(root, loaded.site)
    assert loaded.site.trackers and not loaded.site.generated
    assert "en/states/index.html" in files and "en/states/feed.xml" in files
    assert not [path for path in files if path.startswith("en/states/") and path.count("/") > 2]
    for path in ("en/states/index.html", "en/states/feed.xml"):
        assert "/states/ec/" not in files[path].decode(), path
