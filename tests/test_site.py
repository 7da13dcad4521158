"""The real bundled site, built into a temporary folder: every page in every language, links, hreflang, sitemap."""

from __future__ import annotations

import gzip
import io
import os
import html
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ratify.check import check_output, read_documents
from ratify.config import read_config
from ratify.pipeline import build, load
from tests.conftest import PUBLISHED_URL, REPO, make_site, read_tree, run_cli

LANGUAGES = ("en", "fr", "es")
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="session")
def tree(built_site: Path) -> dict[str, bytes]:
    return read_tree(built_site)


def text(tree: dict[str, bytes], path: str) -> str:
    return tree[path].decode("utf-8")


@pytest.mark.bundled
def test_every_page_exists_in_every_language(tree: dict[str, bytes]) -> None:
    site = load(REPO).site
    assert set(site.translations) >= {"index", "about"}
    for key, versions in site.translations.items():
        assert set(versions) == set(LANGUAGES), key
        for page in versions.values():
            assert page.output_path in tree
    for language in LANGUAGES:
        assert f"{language}/index.html" in tree and f"{language}/404.html" in tree


def test_no_broken_link_anchor_or_one_way_hreflang(tree: dict[str, bytes]) -> None:
    assert check_output(tree, "https://example.org/") == []


def test_pages_carry_language_direction_canonical_description_and_open_graph(published_tree: dict[str, bytes]) -> None:
    page = text(published_tree, "fr/a-propos/index.html")
    assert '<html lang="fr" dir="ltr">' in page
    assert '<link rel="canonical" href="https://ratify-fixture.org/fr/a-propos/">' in page
    assert re.search(r'<meta name="description" content="[^"]{20,}">', page)
    for hreflang, url in (("en", "en/about/"), ("fr", "fr/a-propos/"), ("es", "es/acerca-de/"),
                          ("x-default", "en/about/")):
        assert f'<link rel="alternate" hreflang="{hreflang}" href="https://ratify-fixture.org/{url}">' in page
    assert '<meta property="og:title" content="' in page and '<meta property="og:url" content="' in page
    assert '<a class="skip-link" href="#content">Aller au contenu</a>' in page
    assert '<main id="content"' in page and "<header" in page and "<footer" in page


def test_the_language_switcher_lands_on_the_same_page(tree: dict[str, bytes]) -> None:
    page = text(tree, "es/acerca-de/index.html")
    assert '<a href="/en/about/" hreflang="en" lang="en">English</a>' in page
    assert '<a href="/fr/a-propos/" hreflang="fr" lang="fr">Français</a>' in page
    assert '<a href="/es/acerca-de/" hreflang="es" lang="es" aria-current="true">Español</a>' in page


def test_the_sitemap_lists_exactly_the_real_pages_with_alternates(published_tree: dict[str, bytes]) -> None:
    tree = published_tree
    root = ElementTree.fromstring(tree["sitemap.xml"])
    listed = {url.findtext("s:loc", namespaces=SITEMAP) for url in root.findall("s:url", SITEMAP)}
    pages = {path for path in tree if path.endswith("/index.html") and path.split("/")[0] in LANGUAGES}
    # Stand-ins for missing translations and thank-you pages are kept out of search engines, and of the sitemap.
    real = {path for path in pages if '<meta name="robots" content="noindex">' not in text(tree, path)}
    assert {"en/join/thanks/index.html", "fr/rejoindre/merci/index.html"} <= pages - real
    assert listed == {PUBLISHED_URL + path.removesuffix("index.html") for path in real}
    for url in root.findall("s:url", SITEMAP):
        hreflangs = [link.get("hreflang") for link in url.findall("x:link", SITEMAP)]
        assert "x-default" in hreflangs


def test_each_language_keeps_its_words_in_urls_while_its_folders_are_named_as_in_english(
        tree: dict[str, bytes]) -> None:
    # content/fr/news/ holds the same file names as content/en/news/: the French news page's `slug:` names the folder
    # in URLs, each post's `slug:` the post; the URLs published before the folders were renamed are all there.
    for path in ("fr/actualites/", "fr/actualites/2010-06-11-equateur-premiere-ratification/",
                 "es/noticias/2023-04-20-alemania-adhesion/", "fr/protocole/communications/",
                 "es/protocolo/comunicaciones/", "fr/protocole/texte/", "fr/rejoindre/merci/", "es/unase/gracias/"):
        assert f"{path}index.html" in tree, path
    assert "fr/actualites/feed.xml" in tree and "es/noticias/feed.xml" in tree
    assert not [path for path in tree if path.startswith(("fr/news/", "es/news/", "fr/protocol/", "es/protocol/",
                                                          "fr/join/", "es/join/"))]


def test_root_page_offers_every_language_without_javascript(tree: dict[str, bytes]) -> None:
    root = text(tree, "index.html")
    for language in LANGUAGES:
        assert re.search(rf'<a href="/{language}/" hreflang="{language}" lang="{language}"', root)
    assert re.search(r'<script src="/static/language\.[0-9a-f]{10}\.js"', root)


def test_404_pages_are_localized(tree: dict[str, bytes]) -> None:
    assert "<h1>Page introuvable</h1>" in text(tree, "fr/404.html")
    assert "<h1>Página no encontrada</h1>" in text(tree, "es/404.html")
    assert tree["404.html"] == tree["en/404.html"]


def test_robots_txt_points_to_the_sitemap(published_tree: dict[str, bytes]) -> None:
    assert "Sitemap: https://ratify-fixture.org/sitemap.xml" in text(published_tree, "robots.txt")


@pytest.mark.bundled
def test_a_placeholder_base_url_is_never_published(tree: dict[str, bytes]) -> None:
    # The bundled site's base_url is https://example.org/: no file may carry it, not a page, a feed, the open data,
    # robots.txt, the editor's configuration or the search index (whose files are compressed).
    assert "sitemap.xml" not in tree and "Sitemap:" not in text(tree, "robots.txt")
    assert any(path.startswith("pagefind/fragment/") for path in tree)
    for path, content in tree.items():
        readable = gzip.decompress(content) if content[:2] == b"\x1f\x8b" else content
        assert b"example.org" not in readable, path
    assert "site_url" not in text(tree, "admin/config.yml") and "display_url" not in text(tree, "admin/config.yml")
    page = text(tree, "fr/a-propos/index.html")
    assert 'rel="canonical"' not in page and 'property="og:url"' not in page and 'class="share"' not in page
    assert 'property="og:title"' in page  # what needs no address stays


def test_check_strict_fails_on_a_placeholder_base_url(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    warning = ("warning: site.yaml: base_url https://example.org/op/ is a placeholder, so the pages have no canonical "
               "address, Open Graph URL or share links and there is no sitemap")
    published = run_cli("check", "--strict", "--root", str(site))
    assert "is a placeholder" not in published.stderr  # the fixture's base_url is a real-looking address
    placeholder = run_cli("check", "--strict", "--root", str(site), "--base-url", "https://example.org/op/")
    assert placeholder.returncode == 1 and warning in placeholder.stderr
    built = run_cli("build", "--root", str(site), "--out", str(tmp_path / "out"), "--base-url", "http://localhost/")
    assert built.returncode == 0 and built.stderr.count("is a placeholder") == 1


def test_assets_are_fingerprinted_and_nothing_comes_from_another_host(tree: dict[str, bytes]) -> None:
    assets = [path for path in tree if path.startswith("static/")]
    assert assets and all(re.search(r"\.[0-9a-f]{10}\.\w+$", path) for path in assets)
    for path, document in read_documents(tree).items():
        for href, _ in document.links:
            if href.startswith(("http://", "https://", "//")):
                assert not re.search(r"\.(css|js|woff2?|png|jpe?g|svg)$", href), f"{path} loads {href}"


# Attributes whose value is a URL that a browser may fetch, or that names another site for it to contact.
_URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "data", "poster", "ping", "cite", "background",
                   "manifest", "xlink:href", "imagesrcset")


class _ForeignReferences(HTMLParser):
    """(line, tag, attribute, value) of each URL attribute that names a host other than `own_host`, except the
    href of a link a person follows (<a>)."""

    def __init__(self, own_host: str) -> None:
        super().__init__(convert_charrefs=True)
        self.own_host = own_host
        self.found: list[tuple[int, str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name not in _URL_ATTRIBUTES or not value or (tag == "a" and name == "href"):
                continue
            urls = [candidate.split()[0] for candidate in value.split(",") if candidate.split()] \
                if name.endswith("srcset") else [value]
            for url in urls:
                host = urlsplit(url.strip()).netloc
                if host and host != self.own_host:
                    self.found.append((self.getpos()[0], tag, name, value))


def test_no_page_refers_to_another_host_except_in_ordinary_links(tree: dict[str, bytes]) -> None:
    """No preconnect, prefetch, preload, script, image, frame or form that would contact another host."""
    own_host = urlsplit(read_config(REPO).base_url).netloc
    found = []
    for path, content in tree.items():
        if path.endswith(".html"):
            references = _ForeignReferences(own_host)
            references.feed(content.decode("utf-8"))
            found += [(path, *reference) for reference in references.found]
    assert found == []


def test_french_typography(tree: dict[str, bytes]) -> None:
    page = text(tree, "fr/index.html")
    assert "«\u202f" in page and "\u202f»" in page
    assert '"' not in re.sub(r"<[^>]+>", "", page.split("<main", 1)[1].split(">", 1)[1])  # none left in text


@pytest.mark.bundled
def test_two_builds_are_byte_identical(tmp_path: Path, tree: dict[str, bytes]) -> None:
    build(REPO, tmp_path / "again")
    assert read_tree(tmp_path / "again") == tree


@pytest.mark.bundled
def test_builds_in_processes_with_different_hash_seeds_are_byte_identical(tmp_path: Path) -> None:
    """Iterating a set or a dict of strings follows the process's hash seed: only sorted iteration reproduces."""
    trees = []
    for seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--out", str(tmp_path / seed)],
                                cwd=REPO, env=environment, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        trees.append(read_tree(tmp_path / seed))
    differing = sorted(path for path in set(trees[0]) | set(trees[1]) if trees[0].get(path) != trees[1].get(path))
    assert differing == []


@pytest.mark.bundled
def test_a_sub_path_base_url_prefixes_every_link(tmp_path: Path) -> None:
    out = tmp_path / "public"
    build(REPO, out, "https://ratify-fixture.org/campaign/")
    output = read_tree(out)
    assert check_output(output, "https://ratify-fixture.org/campaign/") == []
    page = output["en/about/index.html"].decode()
    assert '<link rel="canonical" href="https://ratify-fixture.org/campaign/en/about/">' in page
    assert re.search(r'href="/campaign/static/style\.[0-9a-f]{10}\.css"', page)
    assert not re.search(r'(href|src)="/(en|fr|es|static)/', page)


@pytest.mark.bundled
def test_the_command_line_builds_and_explains_itself(tmp_path: Path) -> None:
    result = run_cli("--out", str(tmp_path / "public"))
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"built \d+ pages \(\d+ files\) into .*public in \d+\.\d s\n", result.stdout)
    # Stage lines ("  wrote ...") appear only when this build took more than StageReporter.QUIET_FOR.
    assert all(line.startswith(("warning: ", "  ")) for line in result.stderr.splitlines()), result.stderr
    verbose = run_cli("--out", str(tmp_path / "public"), "--verbose")
    stages = re.findall(r"^ +\d+\.\d\d s  (\w+)", verbose.stderr, re.MULTILINE)
    assert stages == ["read", "converted", "rendered", "wrote"]
    assert "\033[" not in verbose.stderr + verbose.stdout, "no colour when the output is not a terminal"
    assert (tmp_path / "public" / "en" / "index.html").is_file()
    help_text = run_cli("--help").stdout
    for command in ("build", "serve", "check", "i18n"):
        assert re.search(rf"^    {command}\s", help_text, re.MULTILINE)


@pytest.mark.bundled
def test_a_quick_build_prints_no_stages_and_a_slow_one_does() -> None:
    from ratify.cli import StageReporter

    for seconds_per_stage, verbose, expected in [
        (0.1, False, ""),
        (1.0, False, "  converted\n  wrote\n"),  # quiet until the build has taken QUIET_FOR seconds
        (0.1, True, "    0.10 s  read\n    0.10 s  converted\n    0.10 s  wrote\n"),
    ]:
        ticks = iter([0.0, seconds_per_stage, 2 * seconds_per_stage, 3 * seconds_per_stage])
        stream = io.StringIO()
        report = StageReporter(verbose, clock=lambda: next(ticks), stream=stream)
        for stage in ("read", "converted", "wrote"):
            report(stage)
        assert stream.getvalue() == expected


def test_missing_translation_is_shown_under_a_localized_notice(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    build(site, tmp_path / "public")
    page = (tmp_path / "public" / "fr" / "about" / "index.html").read_text()
    assert '<html lang="fr" dir="ltr">' in page
    assert "Cette page n’est pas encore disponible en français. Voici la version originale, en anglais." in page
    assert '<article lang="en" dir="ltr">' in page
    assert '<link rel="canonical" href="https://ratify-fixture.org/op/en/about/">' in page
    assert 'hreflang="fr"' not in page.split("</head>")[0]
    sitemap = (tmp_path / "public" / "sitemap.xml").read_text()
    assert "https://ratify-fixture.org/op/fr/about/" not in sitemap
    assert "https://ratify-fixture.org/op/en/about/" in sitemap


# --- the Optional Protocol explainer -----------------------------------------------------------------------------

EXPLAINER = {
    "en": ("en/protocol/", "communications", "procedures", "history"),
    "fr": ("fr/protocole/", "communications", "procedures", "historique"),
    "es": ("es/protocolo/", "comunicaciones", "procedimientos", "historia"),
}


def main_text(page: str) -> str:
    """The words of a page's main content, without its tags."""
    return re.sub(r"<[^>]+>", "", page.split("<main", 1)[1].split(">", 1)[1].split("</main>", 1)[0])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_explainer_is_written_in_every_language(tree: dict[str, bytes], language: str) -> None:
    index, *pages = EXPLAINER[language]
    for path in (index, *(f"{index}{page}/" for page in pages)):
        page = text(tree, path + "index.html")
        assert f'<html lang="{language}"' in page and 'class="notice"' not in page, path
        assert "{{<" not in page, "every shortcode is rendered"
    home = text(tree, index + "index.html")
    assert f'<a href="/{index}" aria-current="page">' in home, "the explainer is in the menu"
    for code in LANGUAGES:
        assert f"mtdsg_no=IV-3-a&amp;chapter=4&amp;clang=_{code}" in home, "the official text in each language"
    assert 'class="counter"' in home


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_explainer_states_the_admissibility_rules_with_their_articles(tree: dict[str, bytes],
                                                                          language: str) -> None:
    index, communications, procedures, history = EXPLAINER[language]
    steps = main_text(text(tree, f"{index}{communications}/index.html"))
    article = {"en": "article", "fr": "article", "es": "artículo"}[language]
    for number in (3, 5, 7, 9):
        assert f"{article} {number})" in steps
    both = main_text(text(tree, f"{index}{procedures}/index.html"))
    conjunction = {"en": "and", "fr": "et", "es": "y"}[language]
    for mention in (f"{article} 10)", f"{article}s 11 {conjunction} 12)", f"{article} 12 "):
        assert mention in both.casefold()
    dates = main_text(text(tree, f"{index}{history}/index.html"))
    assert {"en": "5 May 2013", "fr": "5 mai 2013", "es": "5 de mayo de 2013"}[language] in dates


def test_the_french_explainer_follows_french_typography(tree: dict[str, bytes]) -> None:
    for page in ("fr/protocole/", "fr/protocole/communications/", "fr/protocole/procedures/",
                 "fr/protocole/historique/"):
        # The text as read: character references unescaped (a footnote's "&#160;&#8617;" is no semicolon).
        words = html.unescape(main_text(text(tree, page + "index.html")))
        assert not re.search(r"[^\s\u202f][;:!?»]|«[^\u202f]", words), page  # narrow no-break spaces
        assert "'" not in words and '"' not in words, page  # typographic apostrophes and quotes


BASE_PYTHON = Path(getattr(sys, "_base_executable", sys.executable))


@pytest.mark.skipif(not (REPO / ".venv" / "bin" / "python").is_file() or BASE_PYTHON.resolve().parent
                    == (REPO / ".venv" / "bin").resolve(), reason="needs the repository's .venv and another Python")
def test_build_py_runs_in_the_venv_when_started_with_another_python() -> None:
    """The README writes `python build.py …`: after `make site` it works without activating .venv."""
    result = subprocess.run([str(BASE_PYTHON), str(REPO / "build.py"), "check", "translations"], cwd=REPO,
                            capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONPATH": ""})
    assert result.returncode == 0, result.stderr
    assert "every translation is complete" in result.stdout


def test_build_py_without_its_dependencies_says_to_run_make_site(tmp_path: Path) -> None:
    shutil.copy(REPO / "build.py", tmp_path / "build.py")
    shutil.copytree(REPO / "ratify", tmp_path / "ratify")
    probe = subprocess.run([str(BASE_PYTHON), "-c", "import babel"], capture_output=True)
    if probe.returncode == 0:
        pytest.skip("this machine's base Python has babel: nothing is missing")
    result = subprocess.run([str(BASE_PYTHON), str(tmp_path / "build.py"), "check"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": ""})
    assert result.returncode == 1
    assert result.stderr.strip() == ("build.py: the Python package 'babel' is not installed: run `make site` first, "
                                     "which installs ratify's dependencies into .venv (this command then uses it "
                                     "by itself)")
