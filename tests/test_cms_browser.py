"""The editor in the browser (/admin/, Decap CMS) in local mode, in Chromium, on a copy of the bundled site: what a
coalition member does there lands on disk as files the build accepts, and shows in the built site."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import time
from pathlib import Path
from typing import Iterator

import pytest
import yaml
from playwright.sync_api import Page, expect

from ratify.admin import LOCAL_SERVER
from ratify.content import parse_source
from ratify.pipeline import build
from tests.browser import serve_folder
from tests.conftest import REPO, copy_bundled_site

pytestmark = [pytest.mark.browser, pytest.mark.bundled]

DECAP_SERVER = REPO / "node_modules" / ".bin" / "decap-server"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def editing(tmp_path: Path) -> Iterator[tuple[Path, Path, str]]:
    """(site, built site, address of /admin/): a copy of the bundled site built, served on localhost (Decap uses the
    local server only there), and decap-server writing into the copy, as `make cms` runs it."""
    if not DECAP_SERVER.exists():
        pytest.skip("decap-server is not installed (npm ci installs it)")
    site = copy_bundled_site(tmp_path / "site")
    public = tmp_path / "public"
    build(site, public)
    port = _free_port()
    for name in ("config.yml", "index.html"):  # the test's own port, not the 8081 of `make cms`
        file = public / "admin" / name
        file.write_text(file.read_text(encoding="utf-8").replace(LOCAL_SERVER, f"http://localhost:{port}"),
                        encoding="utf-8")
    server = subprocess.Popen([str(DECAP_SERVER)], cwd=site, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              env={**os.environ, "PORT": str(port), "GIT_REPO_DIRECTORY": str(site), "MODE": "fs"})
    try:
        _wait_for(port)
        with serve_folder(public) as url:
            yield site, public, url.replace("127.0.0.1", "localhost") + "admin/"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"decap-server did not start on port {port}")


def _open(page: Page, address: str) -> None:
    """Open an editor of /admin/ afresh: after a save, Decap moves between editors within the page, and an editor
    reached so may open with the previous one's data, or none (a file's list empty)."""
    page.goto(address)
    page.reload()


def _publish(page: Page) -> None:
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("Publish now", exact=True).click()
    expect(page.get_by_text("Changes saved", exact=True)).to_be_visible(timeout=15_000)


def _body(page: Page, text: str, which: int = 0) -> None:
    editor = page.locator("[data-slate-editor=true]").nth(which)
    editor.click()
    page.keyboard.type(text)


def _new_post(page: Page, admin: str, code: str, title: str, description: str, text: str,
              translation_key: str = "") -> None:
    _open(page, f"{admin}#/collections/news-{code}/new")
    page.locator("input[id^=title-field]").fill(title)
    page.locator("textarea[id^=description-field]").fill(description)
    page.locator("input[type=date]").fill("2026-11-20")
    if translation_key:
        page.locator("input[id^=translation_key-field]").fill(translation_key)
    _body(page, text)
    _publish(page)
    expect(page).to_have_url(re.compile(f"#/collections/news-{code}/entries/2026-11-20-"))


def test_a_member_edits_a_page_posts_news_and_records_a_ratification(editing, browser) -> None:
    site, public, admin = editing
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(admin)
    page.get_by_role("button", name="Login").click()

    open_data_before = (public / "data/states.json").read_text(encoding="utf-8")

    # A French page's text, beside the English one.
    _open(page, f"{admin}#/collections/pages/entries/about")
    french_description = page.locator("textarea[id^=description-field]").nth(1)
    expect(french_description).to_have_value(re.compile("Le Protocole facultatif"))
    french_description.fill("Le Protocole facultatif au PIDESC, modifié dans le navigateur.")
    _publish(page)
    about = (site / "content/fr/about.md").read_text(encoding="utf-8")
    assert "modifié dans le navigateur" in parse_source(about, "content/fr/about.md", "fr", "about.md").description

    # The preview shows each shortcode as what it will show, with the build's figure, in a block or a sentence.
    _open(page, f"{admin}#/collections/pages/entries/states")
    page.get_by_title("Toggle preview").click()
    preview = page.frame_locator("iframe").first.locator("body")
    expect(preview).to_contain_text(re.compile(
        r"\[counter: the number of States parties and signatories: \d+ parties, \d+ signatories\]"))
    expect(preview).to_contain_text("On [date on=2012-11-01: 1 November 2012], the data on this site counts "
                                    "[figure what=signatories on=2012-11-01: at least 40]")
    assert "{{<" not in preview.inner_text()
    # ... in the language of the entry it shows: the French page (the left side's language, which the preview shows)
    # with its figures as the French page says them, and a post of News (fr).
    page.get_by_text("Writing in EN", exact=True).click()
    page.get_by_role("menuitem", name="fr", exact=True).click()
    preview = page.frame_locator("iframe").first.locator("body")
    expect(preview).to_contain_text("Au [date on=2012-11-01: 1er novembre 2012], les données de ce site comptent "
                                    "[figure what=signatories on=2012-11-01: au moins 40]")
    expect(preview.locator("[lang=fr] .cms-shortcode").first).to_contain_text(
        re.compile(r"\[counter: the number of States parties and signatories: \d+ parties"))
    _open(page, f"{admin}#/collections/news-es/entries/2009-09-24-opening-for-signature")  # the preview stays open
    expect(page.frame_locator("iframe").first.locator("body")).to_contain_text(
        re.compile(r"\[figure what=signatories on=2009-09-24: al menos \d+\] Estados"))

    # A news post in three languages, the translations naming the original.
    _new_post(page, admin, "en", "Kenya ratifies", "Kenya ratifies the Protocol.", "Kenya deposited its instrument.")
    _new_post(page, admin, "fr", "Le Kenya ratifie", "Le Kenya ratifie le Protocole.",
              "Le Kenya a déposé son instrument.", "news/2026-11-20-kenya-ratifies")
    _new_post(page, admin, "es", "Kenia ratifica", "Kenia ratifica el Protocolo.",
              "Kenia depositó su instrumento.", "news/2026-11-20-kenya-ratifies")
    for path in ("en/news/2026-11-20-kenya-ratifies.md", "fr/news/2026-11-20-le-kenya-ratifie.md",
                 "es/news/2026-11-20-kenia-ratifica.md"):
        written = (site / "content" / path).read_text(encoding="utf-8")
        assert str(parse_source(written, path, path[:2], path[3:]).date) == "2026-11-20"
        assert "template:" not in written, "a post takes the default template; the editor writes none"

    # A ratification date for Angola, which has signed: a date in words is refused in the form, then one is saved.
    _open(page, f"{admin}#/collections/data/entries/states")
    angola = page.locator("[class*=SortableListItem]").filter(has=page.get_by_text("AO", exact=True))
    angola.locator("button").first.click()
    ratified = angola.locator("input[id^=ratified-field]")
    before = (site / "data/states.yaml").read_text(encoding="utf-8")
    ratified.fill("5 February 2025")
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("Publish now", exact=True).click()
    expect(angola.get_by_text("a date like 2013-05-05, or unknown")).to_be_visible()
    assert (site / "data/states.yaml").read_text(encoding="utf-8") == before
    ratified.click()  # fill() would add to the refused text: Decap keeps its own copy of the field
    page.keyboard.press("End")
    for _ in "5 February 2025":
        page.keyboard.press("Backspace")
    page.keyboard.type("2025-02-05")
    expect(ratified).to_have_value("2025-02-05")
    # Portugal's note, one field per language: its English and French texts are shown, the French one is changed.
    portugal = page.locator("[class*=SortableListItem]").filter(has=page.get_by_text("PT", exact=True))
    portugal.locator("button").first.click()
    portugal.locator("[class*=TopBarContainer]").filter(has_text=re.compile("^Note$")).get_by_role(
        "button", name="Expand").click()
    expect(portugal.locator("textarea[id^=en-field]")).to_have_value(re.compile("^The ninth State party"))
    french_note = portugal.locator("textarea[id^=fr-field]")
    expect(french_note).to_have_value(re.compile("^Neuvième État partie"))
    french_note.fill("Neuvième État partie, le 28 janvier 2013 : note modifiée dans le navigateur.")
    notes_before = {state["code"]: state.get("note") for state in yaml.safe_load(before)["states"]}
    _publish(page)
    saved = (site / "data/states.yaml").read_text(encoding="utf-8")
    assert re.search(r"code: AO\n(    .*\n)*?    ratified: 2025-02-05", saved)
    notes = {state["code"]: state.get("note") for state in yaml.safe_load(saved)["states"]}
    assert notes["PT"] == {**notes_before["PT"],
                           "fr": "Neuvième État partie, le 28 janvier 2013 : note modifiée dans le navigateur."}
    assert {code: note for code, note in notes.items() if code != "PT"} == {
        code: note for code, note in notes_before.items() if code != "PT"}, "every other note as it was"
    assert not re.search(r"^\s*#", saved, re.MULTILINE), "the editor keeps no comment: the guide is in the README"

    # A new page written in English only: the editor writes a file for every language, the French and Spanish ones
    # with only the keys every language shares, which the build reads as a page not translated yet.
    _open(page, f"{admin}#/collections/pages/new")
    page.locator("input[id^=title-field]").first.fill("Campaign events")
    page.locator("textarea[id^=description-field]").first.fill("Where to meet the Coalition.")
    _body(page, "The Coalition meets in Geneva.")
    _publish(page)
    written = {code: (site / "content" / code / "campaign-events.md").read_text(encoding="utf-8")
               for code in ("en", "fr", "es")}
    shared = "template: page.html\ndraft: false\nnoindex: false\n"
    assert written == {"en": f"---\ntitle: Campaign events\ndescription: Where to meet the Coalition.\n{shared}---\n"
                             "The Coalition meets in Geneva.\n",
                       "fr": f"---\n{shared}---\n", "es": f"---\n{shared}---\n"}
    page.close()

    # The build takes every file as the editor wrote it, and shows the changes.
    result = build(site, public)
    for code in ("fr", "es"):
        assert (f"content/{code}/campaign-events.md: no title and no text yet: content/en/campaign-events.md is shown "
                "in its place until it is translated") in result.warnings
        assert "The Coalition meets in Geneva." in (public / code / "campaign-events/index.html").read_text(
            encoding="utf-8")
    assert "modifié dans le navigateur" in (public / "fr/a-propos/index.html").read_text(encoding="utf-8")
    assert "Kenia depositó su instrumento." in (public / "es/noticias/2026-11-20-kenia-ratifica/index.html").read_text(
        encoding="utf-8")
    assert "2025" in (public / "en/states/ao/index.html").read_text(encoding="utf-8")
    assert "note modifiée dans le navigateur" in (public / "fr/etats/pt/index.html").read_text(encoding="utf-8")
    # The rewritten data/states.yaml (its comments gone, its keys reordered) gives the same data, Angola aside (and
    # the figures the site leads with, which count Angola now).
    before, after = (json.loads(text) for text in (open_data_before,
                                                  (public / "data/states.json").read_text(encoding="utf-8")))
    assert after["treaty"]["headline"]["parties"] == before["treaty"]["headline"]["parties"] + 1
    for data in (before, after):
        data["states"] = [state for state in data["states"] if state["code"] != "AO"]
        del data["treaty"]["headline"]
    assert [before[key] for key in ("treaty", "sources", "states")] == [after[key] for key in ("treaty", "sources",
                                                                                              "states")]
