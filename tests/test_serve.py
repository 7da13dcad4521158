"""Live preview: rebuilds equal clean builds after every kind of edit; the real server reloads, shows errors and
refuses paths outside the output folder."""

from __future__ import annotations

import datetime
import html
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable, Iterator

import pytest

from ratify.errors import SiteError
from ratify.pipeline import build
from ratify.preview import Rebuilder
from ratify.serve import Preview, allow_live_script, resolve_request
from tests.conftest import FIXTURES, REPO, make_site, read_tree, run_cli
from tests.test_links import png

TODAY = datetime.date(2027, 1, 1)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def front_matter(path: Path, line: str) -> None:
    """Add `line` to the front matter of the page at `path`."""
    edit(path, "---\n", "---\n" + line + "\n")


CONTENT = Path("content")
# One edit of each front-matter field a page may have, then of the other inputs. Menus, language switchers, lists,
# feeds and sitemaps show a page's front matter on other pages than its own, and links between pages depend on
# other pages' slugs and translation keys: each edit must reach every file it changes, and no other.
EDITS = [
    pytest.param(lambda site: edit(site / CONTENT / "en/join.md", "title: Join", "title: Join us"), id="title"),
    pytest.param(lambda site: edit(site / CONTENT / "en/join.md", "description: Join the", "description: Enter the"),
                 id="description"),
    pytest.param(lambda site: front_matter(site / CONTENT / "fr/rejoindre.md", "slug: adherer"), id="slug"),
    pytest.param(lambda site: edit(site / CONTENT / "en/about.md", "date: 2013-05-05", "date: 2014-06-06"), id="date"),
    pytest.param(lambda site: front_matter(site / CONTENT / "en/join.md", "template: join.html"), id="template"),
    pytest.param(lambda site: edit(site / CONTENT / "fr/rejoindre.md", "translation_key: join",
                                   "translation_key: about"), id="translation_key"),
    pytest.param(lambda site: edit(site / CONTENT / "fr/draft.md", "draft: true", "draft: false"), id="draft-published"),
    pytest.param(lambda site: front_matter(site / CONTENT / "fr/index.md", "draft: true"), id="draft"),
    pytest.param(lambda site: edit(site / CONTENT / "en/about.md", "weight: 20", "weight: 0"), id="weight"),
    pytest.param(lambda site: edit(site / CONTENT / "en/index.md", "menu_title: Home", "menu_title: Start"),
                 id="menu_title"),
    pytest.param(lambda site: front_matter(site / CONTENT / "en/about.md", "noindex: true"), id="noindex"),
    pytest.param(lambda site: front_matter(site / CONTENT / "fr/index.md", "source_hash: 0123456789ab"),
                 id="source_hash"),
    pytest.param(lambda site: edit(site / CONTENT / "en/about.md", "It entered", "It finally entered"), id="body"),
    pytest.param(lambda site: (site / CONTENT / "fr/about.md").write_text(
        "---\ntitle: À propos\ndescription: Page.\n---\n## Histoire {#history}\n\nTexte.\n"), id="a-new-page"),
    pytest.param(lambda site: (site / CONTENT / "fr/states.md").unlink(), id="a-removed-page"),
    pytest.param(lambda site: edit(site / "templates/page.html", "<h1>", '<h1 class="title">'), id="a-template"),
    pytest.param(lambda site: edit(site / "data/states.yaml", "  - code: \"KZ\"\n    signed: 2010-09-23",
                                   "  - code: \"KZ\"\n    signed: 2010-09-24"), id="the-data"),
    pytest.param(lambda site: edit(site / "locale/fr/LC_MESSAGES/messages.po", '"Aller au contenu"',
                                   '"Passer au contenu"'), id="a-catalog"),
    pytest.param(lambda site: edit(site / "static/style.css", "--accent: #8a1c1c;", "--accent: #8a1c1d;"),
                 id="a-stylesheet"),
    pytest.param(lambda site: ((site / CONTENT / "en/poster.png").write_bytes(png(4, 3)), edit(
        site / CONTENT / "en/about.md", "## History {#history}\n", "## History {#history}\n\n![The poster](poster.png)\n")),
                 id="an-image-beside-a-page"),
    pytest.param(lambda site: (site / CONTENT / "en/poster.png").write_bytes(png(8, 6)), id="the-image-itself"),
]


@pytest.mark.parametrize("change", EDITS)
def test_a_rebuild_after_an_edit_equals_a_clean_build(tmp_path: Path, change: Callable[[Path], None]) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "tracker")
    rebuilder = Rebuilder(site, tmp_path / "live")
    rebuilder.build(TODAY)
    change(site)
    rebuilder.build(TODAY)
    build(site, tmp_path / "clean", today=TODAY)
    assert read_tree(tmp_path / "live") == read_tree(tmp_path / "clean")


def test_rebuilds_equal_clean_builds_after_a_series_of_edits(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "tracker")
    rebuilder = Rebuilder(site, tmp_path / "live")
    rebuilder.build(TODAY)
    for number, param in enumerate(EDITS):
        if param.id == "translation_key":
            continue  # in a series it would clash with the French 'about' page that a later edit adds
        param.values[0](site)
        rebuilder.build(TODAY)
        build(site, tmp_path / f"clean-{number}", today=TODAY)
        assert read_tree(tmp_path / "live") == read_tree(tmp_path / f"clean-{number}"), f"after editing {param.id}"


@pytest.mark.bundled
def test_rebuilds_of_the_bundled_site_redo_only_what_an_edit_touched(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import ratify.content
    import ratify.i18n

    site = tmp_path / "site"
    shutil.copytree(REPO, site, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "public", "tests"))
    presented: list[str] = []
    catalogs_read: list[int] = []
    present, read_catalogs = ratify.content.present_declaration, ratify.i18n.read_catalogs
    monkeypatch.setattr(ratify.content, "present_declaration",
                        lambda declaration, *rest: presented.append(declaration.path) or present(declaration, *rest))
    monkeypatch.setattr(ratify.i18n, "read_catalogs",
                        lambda *arguments: catalogs_read.append(1) or read_catalogs(*arguments))
    rebuilder = Rebuilder(site, tmp_path / "live")
    rebuilder.build(TODAY)
    assert len(presented) == 4 and len(catalogs_read) == 1  # the declaration in 3 languages, the Protocol, catalogs once
    edits = [
        ("a page's text", lambda: edit(site / "content/en/about.md", "\n\n", "\n\nIn short: justice now.\n\n"), 0, 0),
        ("a declaration's article", lambda: edit(site / "content/fr/declaration.md", "## Article 1\n\n1. ",
                                                 "## Article 1\n\n1. Ainsi, "), 1, 0),
        # The page's keys are not part of the declaration's text: only its document is.
        ("a declaration's description", lambda: edit(site / "content/es/declaration.md", "description: \"",
                                                     "description: \"Texto: "), 0, 0),
        ("a declaration's document", lambda: edit(site / "content/es/declaration.md", "  symbol: ",
                                                  "  symbol: ES "), 1, 0),
        ("a catalog", lambda: edit(site / "locale/fr/LC_MESSAGES/messages.po", '"Aller au contenu"',
                                   '"Passer au contenu"'), 4, 1),
    ]
    for name, change, declarations, catalogs in edits:
        presented.clear()
        catalogs_read.clear()
        change()
        rebuilder.build(TODAY)
        assert (len(presented), len(catalogs_read)) == (declarations, catalogs), name
        rebuilder.refresh_search()  # what the preview does beside the server
        build(site, tmp_path / "clean", today=TODAY)
        assert read_tree(tmp_path / "live") == read_tree(tmp_path / "clean"), f"after editing {name}"


def test_a_burst_of_saves_is_one_rebuild(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    messages: list[str] = []
    preview = Preview(site, tmp_path / "public", "http://127.0.0.1:1/", lambda: TODAY, messages.append, settle=0.3)
    assert preview.rebuild_if_changed() and preview.builds == 1
    assert not preview.rebuild_if_changed(), "nothing changed, nothing built"
    for number in range(5):  # an editor's "save all"
        (site / "content" / "en" / f"new-{number}.md").write_text(f"---\ntitle: N{number}\ndescription: D\n---\nX\n")
    assert preview.rebuild_if_changed()
    assert preview.builds == 2 and not preview.rebuild_if_changed()
    assert (tmp_path / "public" / "en" / "new-4" / "index.html").is_file()


def test_the_preview_indexes_an_edit_for_search_beside_the_server(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    (site / "content/en/search.md").write_text("---\ntitle: Search\ndescription: Search.\ntemplate: search.html\n---\n")
    preview = Preview(site, tmp_path / "public", "http://127.0.0.1:1/", lambda: TODAY, lambda message: None,
                      settle=0.05)
    threading.Thread(target=preview.keep_search_fresh, daemon=True).start()
    assert preview.rebuild_if_changed()
    first_index = read_tree(tmp_path / "public" / "pagefind")
    edit(site / "content/en/about.md", "It entered", "Zanzibarian solidarity entered")
    assert preview.rebuild_if_changed()
    deadline = time.monotonic() + 60
    while preview.search_refreshes < 1:
        assert time.monotonic() < deadline, "the index was not made again"
        time.sleep(0.1)
    assert read_tree(tmp_path / "public" / "pagefind") != first_index
    build(site, tmp_path / "clean", "http://127.0.0.1:1/", today=TODAY)
    assert read_tree(tmp_path / "public") == read_tree(tmp_path / "clean"), "the new index is a clean build's"
    assert not preview.rebuild_if_changed() and preview.search_refreshes == 1, "nothing changed, nothing indexed"


def test_a_search_index_that_cannot_be_replaced_is_an_error_not_a_dead_thread(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    (site / "content/en/search.md").write_text("---\ntitle: Search\ndescription: Search.\ntemplate: search.html\n---\n")
    rebuilder = Rebuilder(site, tmp_path / "public")
    rebuilder.build(TODAY)
    edit(site / "content/en/about.md", "It entered", "It finally entered")
    rebuilder.build(TODAY)
    shutil.rmtree(tmp_path / "public")  # removed while the preview runs
    with pytest.raises(SiteError, match="search index: "):
        rebuilder.refresh_search()
    assert rebuilder.search_stale, "the next save tries again"


@pytest.mark.bundled
def test_the_error_overlay_speaks_the_language_of_the_page_asked_for(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(REPO, site, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "public", "tests"))
    preview = Preview(site, tmp_path / "public", "http://127.0.0.1:1/", lambda: TODAY, lambda message: None)
    preview.build()
    edit(site / "content/es/about.md", 'title: "Acerca', 'title: ["Acerca')
    preview.build()
    assert preview.errors, "the broken front matter fails the build"
    for path, language, heading in [("/en/about/", "en", "The site could not be built"),
                                    ("/fr/a-propos/", "fr", "Le site n’a pas pu être construit"),
                                    ("/es/acerca-de/", "es", "No se pudo construir el sitio")]:
        statuses: list[str] = []
        body = b"".join(preview.app({"PATH_INFO": path}, lambda status, headers: statuses.append(status))).decode()
        assert statuses == ["500 Internal Server Error"], path
        assert f'<html lang="{language}"' in body and heading in body, path
        assert "content/es/about.md:2" in body and "title: [&quot;Acerca" in body, "file, line and the line itself"


@pytest.mark.parametrize("url", ["/../site.yaml", "/%2e%2e/site.yaml", "/%2E%2E/%2e%2e/etc/passwd", "//etc/passwd",
                                 "/en/../../site.yaml", "/link-out/secret.txt", "/en/%00", "/..%5csite.yaml"])
def test_the_server_refuses_every_path_outside_the_output(tmp_path: Path, url: str) -> None:
    out = tmp_path / "public"
    (out / "en").mkdir(parents=True)
    (out / "en" / "index.html").write_text("inside")
    (tmp_path / "site.yaml").write_text("outside")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("secret")
    (out / "link-out").symlink_to(tmp_path / "outside")
    assert resolve_request(out, url) is None
    assert resolve_request(out, "/en/") == (out / "en" / "index.html").resolve()


def test_pages_served_live_allow_only_the_reload_script() -> None:
    page = b"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; x\">"
    served = allow_live_script(page)
    assert re.search(rb"script-src 'self' 'sha256-[A-Za-z0-9+/=]{44}'; x", served)
    assert b"unsafe-inline" not in served


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen]]:
    site = make_site(tmp_path / "site")
    port = free_port()
    process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--root", str(site), "--out",
                                str(tmp_path / "public"), "--port", str(port)], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    deadline = time.monotonic() + 30
    while "serving on" not in process.stdout.readline():
        assert time.monotonic() < deadline and process.poll() is None, "the server did not start"
    os.set_blocking(process.stdout.fileno(), False)
    yield site, f"http://127.0.0.1:{port}/", process
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.browser
def test_edit_break_and_fix_a_page_in_a_live_browser(server, browser) -> None:
    from playwright.sync_api import expect

    site, url, process = server
    page = browser.new_page()
    page.goto(url + "en/join/")
    expect(page.locator("h1")).to_have_text("Join")
    page.wait_for_timeout(1500)  # let the reload script connect
    edit(site / "content/en/join.md", "title: Join", "title: Join today")
    expect(page.locator("h1")).to_have_text("Join today", timeout=15000)
    edit(site / "content/en/join.md", "description: Join the campaign.", "description: [broken")
    expect(page.locator("h1")).to_have_text("The site could not be built", timeout=15000)
    expect(page.locator("main")).to_contain_text("content/en/join.md:3")
    expect(page.locator("main")).to_contain_text("description: [broken")
    edit(site / "content/en/join.md", "description: [broken", "description: Join the campaign.")
    expect(page.locator("h1")).to_have_text("Join today", timeout=15000)
    assert process.poll() is None, "the server lives through a bad edit"
    page.close()


def test_the_preview_listens_on_loopback_only(server) -> None:
    _, url, _ = server
    port = int(url.rsplit(":", 1)[1].strip("/"))
    listening = []
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:] + Path("/proc/net/tcp6").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.rsplit(":", 1)
        if state == "0A" and int(hex_port, 16) == port:  # 0A: listening
            listening.append(address)
    assert listening and all(address == "0100007F" for address in listening), listening


def test_the_preview_never_touches_public_and_leaves_no_folder_behind(tmp_path: Path) -> None:
    """Preview, edit, stop: public/ is byte for byte what `build` wrote, and the preview's own folder is gone."""
    import urllib.request

    site = make_site(tmp_path / "site")
    assert run_cli("build", "--root", str(site), "--out", str(site / "public"), cwd=site).returncode == 0
    published = read_tree(site / "public")
    assert not any(b"127.0.0.1" in content for content in published.values()), "a build has the configured address"
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port = free_port()
    process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--root", str(site),
                                "--port", str(port)], cwd=site, env={**os.environ, "TMPDIR": str(temporary)},
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 30
        while "serving on" not in process.stdout.readline():
            assert time.monotonic() < deadline and process.poll() is None, "the server did not start"
        (preview,) = temporary.glob("ratify-preview-*")
        assert b"127.0.0.1" in (preview / "sitemap.xml").read_bytes()  # the preview's own address, in its folder
        edit(site / "content/en/join.md", "title: Join", "title: Join today")
        deadline = time.monotonic() + 30
        while b"Join today" not in urllib.request.urlopen(f"http://127.0.0.1:{port}/en/join/").read():
            assert time.monotonic() < deadline, "the edit was not rebuilt"
            time.sleep(0.2)
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert read_tree(site / "public") == published
    assert list(temporary.glob("ratify-preview-*")) == [], "the preview's folder is removed when it stops"


def test_the_preview_refuses_to_write_into_public(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    result = run_cli("serve", "--root", str(site), "--out", "public", cwd=site)
    assert result.returncode == 1
    assert result.stderr.startswith(f"the preview does not write into {site / 'public'}: its pages link to the "
                                    "preview's address, and that folder is what gets published\n")
    assert not (site / "public").exists()


# One broken input of each kind the issue names: the overlay shows its file, line and message, and public/ is untouched.
BROKEN_INPUTS = ["page-windows-1252", "page-utf-16", "page-nul-byte", "template-latin-1", "config-windows-1252",
                 "catalog-windows-1252", "yaml-unclosed-quote", "yaml-tab", "include-missing"]


@pytest.mark.parametrize("case", BROKEN_INPUTS)
def test_the_preview_shows_an_input_it_cannot_read_in_the_browser(tmp_path: Path, case: str) -> None:
    site = make_site(tmp_path / "site")
    assert run_cli("build", "--root", str(site), "--out", str(site / "public"), cwd=site).returncode == 0
    published = read_tree(site / "public")
    preview = Preview(site, tmp_path / "preview", "http://127.0.0.1:1/", lambda: TODAY, lambda message: None)
    preview.build()
    assert not preview.errors
    shutil.copytree(FIXTURES / "invalid" / case, site, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    preview.build()
    where, message = (FIXTURES / "invalid" / case / "expected.txt").read_text().split("\n")[0].split(": ", 1)
    statuses: list[str] = []
    body = b"".join(preview.app({"PATH_INFO": "/en/join/"}, lambda status, headers: statuses.append(status))).decode()
    assert statuses == ["500 Internal Server Error"]
    assert f"<code>{where}</code>" in body and html.escape(message) in body
    assert "<pre><span class=\"line\">" in body, "the line itself, bad bytes and all"
    assert read_tree(site / "public") == published
