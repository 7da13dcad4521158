"""/admin/: the editor's configuration follows the build's schemas, and the build takes what the editor writes."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from ratify.admin import _ALT_PATTERN, admin_security_policy, config_of, index_html, preview_data, preview_figures
from ratify.content import DECLARATION_FRONT_MATTER, FRONT_MATTER, parse_source
from ratify.pipeline import build, load
from ratify.states import _states_schema
from tests.conftest import FIXTURES, REPO, copy_bundled_site, make_site

MODULES_WITH_ADMIN = "\nmodules: [tracker, state_pages, reader, join, news, search, admin]\n"


@pytest.fixture(scope="module")
def campaign(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_site(tmp_path_factory.mktemp("admin") / "site", FIXTURES / "site", FIXTURES / "campaign")


@pytest.fixture(scope="module")
def configuration(campaign: Path) -> dict:
    return config_of(load(campaign).site, ["join.html", "news.html", "page.html", "search.html"])


def test_the_editor_links_to_the_site_at_its_address_and_never_to_a_placeholder(campaign: Path,
                                                                              configuration: dict) -> None:
    assert configuration["site_url"] == configuration["display_url"] == "https://ratify-fixture.org/op/"
    placeholder = config_of(load(campaign, "https://example.org/op/").site, ["page.html"])
    assert "site_url" not in placeholder and "display_url" not in placeholder


def _collection(configuration: dict, name: str) -> dict:
    return next(collection for collection in configuration["collections"] if collection["name"] == name)


def _form_keys(fields: list[dict]) -> dict[str, bool]:
    return {field["name"]: field["required"] for field in fields if field["name"] != "body"}


def test_the_pages_form_has_every_front_matter_key_the_build_allows_and_no_other(configuration: dict) -> None:
    fields = _collection(configuration, "pages")["fields"]
    assert _form_keys(fields) == {key: field.required for key, field in FRONT_MATTER.items()}
    assert fields[-1]["name"] == "body"


def test_each_news_form_has_the_same_keys_but_the_template_with_the_date_required(configuration: dict) -> None:
    news = [collection for collection in configuration["collections"] if collection["name"].startswith("news-")]
    assert [collection["folder"] for collection in news] == ["content/en/news", "content/fr/news"]
    for collection in news:
        keys = _form_keys(collection["fields"])
        assert set(keys) == set(FRONT_MATTER) - {"template"} and keys["date"] is True, "a post has the default one"


def test_the_declaration_form_has_its_keys_and_the_document(configuration: dict) -> None:
    declaration = _collection(configuration, "declaration")
    assert [file["file"] for file in declaration["files"]] == ["content/en/declaration.md",
                                                               "content/fr/declaration.md"]
    keys = _form_keys(declaration["files"][0]["fields"])
    assert keys == {key: field.required for key, field in DECLARATION_FRONT_MATTER.items()}
    document = next(field for field in declaration["files"][0]["fields"] if field["name"] == "document")
    assert [field["name"] for field in document["fields"]] == ["symbol", "official_url", "unofficial_translation"]


def test_the_states_form_has_the_keys_of_an_entry_and_chooses_among_known_values(configuration: dict,
                                                                                  campaign: Path) -> None:
    states = _collection(configuration, "data")["files"][0]
    assert states["file"] == "data/states.yaml"
    entry = states["fields"][0]["fields"]
    schema = _states_schema((), (), {}, __import__("datetime").date.max)["states"].fields
    assert {field["name"]: field["required"] for field in entry} == {key: field.required
                                                                     for key, field in schema.items()}
    by_name = {field["name"]: field for field in entry}
    tracker = load(campaign).site.trackers["en"].tracker
    assert {option["value"] for option in by_name["code"]["options"]} == {state.code for state in tracker.un_states}
    assert by_name["source"]["options"] == sorted(source.id for source in tracker.sources)
    pattern = re.compile(by_name["ratified"]["pattern"][0])
    assert pattern.match("2025-02-05") and pattern.match("unknown")
    assert not any(pattern.match(value) for value in ("5 February 2025", "2025-2-5", "2025-13-01", "2025-02-05 "))


def test_the_form_refuses_what_the_build_refuses_in_dates_and_slugs(configuration: dict) -> None:
    by_name = {field["name"]: field for field in _collection(configuration, "pages")["fields"]}
    date = re.compile(by_name["date"]["pattern"][0])
    slug = re.compile(by_name["slug"]["pattern"][0])
    assert date.match("2013-05-05") and not date.match("05/05/2013")
    assert slug.match("rejoindre") and slug.match("a-propos")
    assert not any(slug.match(value) for value in ("Rejoindre", "a propos", "fr/rejoindre"))
    for value in ("Rejoindre", "a propos", "fr/rejoindre"):
        with pytest.raises(Exception):
            parse_source(f"---\ntitle: T\ndescription: D\nslug: {value}\n---\n", "content/fr/x.md", "fr", "x.md")
    assert by_name["template"]["options"] == ["join.html", "news.html", "page.html", "search.html"]


# Front matter as Decap CMS writes it: its form's order, blank optional fields as null or "", dates bare, texts
# quoted only where YAML needs it, long texts folded, and on Windows CRLF line endings.
WRITTEN_BY_THE_EDITOR = """---
title: "Le Kenya ratifie : un pas de plus"
description: Le Kenya ratifie le Protocole facultatif, douzième État d’Afrique
  à le faire.
slug: le-kenya-ratifie
date: 2026-11-20
template: page.html
translation_key: news/2026-11-20-kenya-ratifies
draft: false
weight: null
menu_title: ""
source_hash: null
noindex: false
---
Le Kenya a **déposé** son instrument.
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_the_build_takes_front_matter_as_the_editor_writes_it(newline: str) -> None:
    page = parse_source(WRITTEN_BY_THE_EDITOR.replace("\n", newline), "content/fr/news/x.md", "fr",
                        "news/x.md")
    assert (page.title, page.slug, str(page.date), page.weight, page.menu_title, page.draft) == (
        "Le Kenya ratifie : un pas de plus", "le-kenya-ratifie", "2026-11-20", None,
        "Le Kenya ratifie : un pas de plus", False)
    assert page.description.endswith("douzième État d’Afrique à le faire.")
    assert "déposé" in page.body


def test_a_blank_required_key_is_still_an_error() -> None:
    with pytest.raises(Exception, match="'title' has no value"):
        parse_source("---\ntitle: null\ndescription: D\n---\n", "content/en/x.md", "en", "x.md")


def test_admin_is_built_only_when_the_module_is_on(campaign: Path, tmp_path: Path) -> None:
    build(campaign, tmp_path / "without")
    assert not (tmp_path / "without" / "admin").exists()
    site = make_site(tmp_path / "with", FIXTURES / "site", FIXTURES / "campaign")
    with open(site / "site.yaml", "a", encoding="utf-8") as config:
        config.write(MODULES_WITH_ADMIN + 'admin:\n  repo: "coalition/campaign"\n')
    build(site, tmp_path / "public")
    admin = tmp_path / "public" / "admin"
    assert sorted(path.name for path in admin.iterdir()) == ["config.yml", "decap-cms.js", "index.html",
                                                              "preview.js"]
    configuration = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert configuration["backend"] == {"name": "github", "repo": "coalition/campaign", "branch": "main"}
    assert configuration["publish_mode"] == "editorial_workflow"
    assert configuration["i18n"]["locales"] == ["en", "fr"]
    page = (admin / "index.html").read_text(encoding="utf-8")
    config = load(site).site.config
    assert f'content="{admin_security_policy(config)}"' in page
    assert re.search(r'<script src="preview.js" data-style="/op/static/style\.[0-9a-f]+\.css">', page)
    assert re.findall(r'(?:src|href)="([^"]*)"', page) == ["config.yml", "decap-cms.js", "preview.js"]
    preview = json.loads(re.search(r'<script type="application/json" id="ratify-preview">([^<]*)</script>', page)[1])
    loaded = load(site).site
    assert preview == preview_data(loaded, config_of(loaded, [])), "the preview's figures are the build's, as data"
    for public_page in (tmp_path / "public").rglob("*.html"):
        if "admin" not in public_page.parts:
            assert "decap-cms" not in public_page.read_text(encoding="utf-8")


def test_the_preview_marks_the_language_of_each_collection_with_a_text(campaign: Path, configuration: dict) -> None:
    """The preview script takes over the preview of each form with a text, to mark it with the entry's language;
    the ratifications' form has none."""
    assert preview_data(load(campaign).site, configuration)["previews"] == [
        "pages", "news-en", "news-fr", "declaration-en", "declaration-fr"]


@pytest.mark.bundled
def test_the_preview_has_each_languages_figures_as_its_pages_show_them() -> None:
    """The numbers, dates, States' names and "at least" of each language, as the French or Spanish page says them."""
    figures = preview_figures(load(REPO).site)
    assert sorted(figures) == ["en", "es", "fr"]
    on_the_day = {code: (figures[code]["date on=2012-11-01"], figures[code]["figure on=2012-11-01 what=signatories"])
                  for code in figures}
    assert on_the_day == {"en": ("1 November 2012", "at least 40"), "fr": ("1er novembre 2012", "au moins 40"),
                          "es": ("1 de noviembre de 2012", "al menos 40")}
    assert re.match(r"\d+ States: Albanie, Allemagne, ", figures["fr"]["states status=party"]), "French names"
    assert figures["fr"].keys() == figures["en"].keys() == figures["es"].keys()


def test_the_editor_policy_loads_nothing_from_another_host(campaign: Path) -> None:
    policy = admin_security_policy(load(campaign).site.config)
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self' 'unsafe-eval'"
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert "http" not in directives["style-src"]


def test_an_editor_with_no_repository_is_said_to_work_on_this_computer_only(tmp_path):
    """The bundled site names no repository yet: the build says that its /admin/ cannot save once published."""
    from ratify.admin import setup_warnings
    from ratify.config import read_config

    bundled = read_config(REPO)
    assert bundled.admin.repo == ""
    assert setup_warnings(bundled) == (
        "site.yaml: the editor in the browser (/admin/) has no repository to save to (admin: repo:), so it works "
        "only on this computer, with 'make cms' beside 'make serve'",)
    with_repo = dataclasses.replace(bundled, admin=dataclasses.replace(bundled.admin, repo="coalition/site"))
    assert setup_warnings(with_repo) == ()


def _as_decap_writes(text: str) -> str:
    """A YAML data file as the editor saves it: tests/decap_yaml.js does what Decap CMS's YAML format does, with the
    `yaml` library Decap itself uses (node_modules). tests/test_cms_browser.py checks the real editor's file."""
    if not shutil.which("node") or not (REPO / "node_modules" / "yaml").is_dir():
        pytest.skip("node and node_modules (npm ci) are needed to write YAML as Decap CMS does")
    written = subprocess.run(["node", str(REPO / "tests" / "decap_yaml.js")], input=text, capture_output=True,
                             text=True, cwd=REPO, check=True)
    return written.stdout


@pytest.mark.bundled
def test_data_states_yaml_as_the_editor_saves_it_builds_the_same_open_data(tmp_path: Path) -> None:
    site = copy_bundled_site(tmp_path / "site")
    build(site, tmp_path / "before")
    states = site / "data" / "states.yaml"
    saved = _as_decap_writes(states.read_text(encoding="utf-8"))
    assert "\nstates:\n  - code: AL\n" in saved, "codes unquoted, as Decap writes them"
    assert not re.search(r"^\s*#|\s#\s", saved, re.MULTILINE), "the comments are gone: the guide is in the README"
    states.write_text(saved, encoding="utf-8")
    build(site, tmp_path / "after")
    for name in ("states.json", "states.csv"):
        assert (tmp_path / "after" / "data" / name).read_bytes() == (tmp_path / "before" / "data" / name).read_bytes()
    assert _as_decap_writes(saved) == saved, "the editor's own file, saved again, is the same"


@pytest.mark.parametrize("body, accepted", [
    ("Text.\n\n![A poster of the webinar](/static/images/poster.jpg)\n", True),
    ("![](/static/images/divider.png){alt=\"\"}", True),
    ("Text.\n\n![](/static/images/poster.jpg)\n\nMore.", False),
    ("![ ](/static/images/poster.jpg \"A title\")", False),
])
def test_the_text_field_refuses_an_image_without_alt_text_as_the_build_does(body: str, accepted: bool) -> None:
    """Decap checks a field's pattern with JavaScript's RegExp; this one reads the same in Python."""
    assert bool(re.search(_ALT_PATTERN[0], body)) is accepted


@pytest.mark.bundled
def test_an_image_as_the_editor_writes_it_is_published_with_its_alt_text(tmp_path: Path) -> None:
    """Uploads go to static/images/ and are written /static/images/name: the build resolves and fingerprints them."""
    site = copy_bundled_site(tmp_path / "site")
    configuration = yaml.safe_load(config_yaml_of(site, tmp_path))
    assert (configuration["media_folder"], configuration["public_folder"]) == ("static/images", "/static/images")
    (site / "static" / "images").mkdir(parents=True, exist_ok=True)
    (site / "static" / "images" / "poster.png").write_bytes(_PNG)
    about = site / "content" / "en" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n![The webinar's poster](/static/images/poster.png)\n",
                     encoding="utf-8")
    build(site, tmp_path / "public")
    html = (tmp_path / "public" / "en" / "about" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<img alt="The webinar\'s poster" height="1" src="/static/images/poster\.[0-9a-f]{10}\.png"',
                     html)


def config_yaml_of(site: Path, tmp_path: Path) -> str:
    build(site, tmp_path / "first")
    return (tmp_path / "first" / "admin" / "config.yml").read_text(encoding="utf-8")


# A 1 x 1 PNG.
_PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f"
                     "0005fe02fea7d6a4a50000000049454e44ae426082")


def test_each_collection_says_which_of_its_pages_are_untranslated_or_out_of_date(campaign: Path) -> None:
    """From the translation report: Decap shows a collection's description above its list."""
    site = load(campaign).site
    report = site.translation_report
    outdated = dataclasses.replace(next(status for status in report.pages if status.key == "index"), state="outdated")
    site = dataclasses.replace(site, translation_report=dataclasses.replace(report, pages=(*report.pages, outdated)))
    collections = {collection["name"]: collection for collection in config_of(site, ["page.html"])["collections"]}
    assert collections["pages"]["description"] == (
        "Not translated yet in fr: About. Out of date (the original changed since) in fr: Fixture home. "
        "The site's report: /op/translations/.")
    assert collections["news-fr"]["description"].startswith("Not translated yet in fr: Uruguay accedes")
    assert "description" not in collections["declaration"], "a translation merely not stamped is not said"


@pytest.mark.bundled
def test_a_declaration_chosen_in_the_form_is_read_as_true_or_false(tmp_path: Path) -> None:
    """The form's list of true, false and unknown holds texts: Decap writes them quoted, and they mean the same."""
    site = copy_bundled_site(tmp_path / "site")
    states = site / "data" / "states.yaml"
    chosen = states.read_text(encoding="utf-8").replace('declarations: {"10": true, "11": true}',
                                                        'declarations: {"10": "true", "11": "unknown"}', 1)
    saved = _as_decap_writes(chosen)
    assert '      "10": "true"\n      "11": unknown\n' in saved
    states.write_text(saved, encoding="utf-8")
    declared = {state.code: dict(state.declarations) for state in load(site).site.trackers["en"].tracker.states}
    assert {"10": True, "11": None} in declared.values()


def _note_field(site: Path) -> dict:
    entry = _collection(config_of(load(site).site, ["page.html"]), "data")["files"][0]["fields"][0]["fields"]
    return next(field for field in entry if field["name"] == "note")


def _with_notes(tmp_path: Path, campaign: Path, *notes: tuple[str, str]) -> Path:
    """The campaign fixture with each (State's `code: "XX"` line, note line) given a note."""
    site = tmp_path / "site"
    shutil.copytree(campaign, site)
    states = site / "data" / "states.yaml"
    text = states.read_text(encoding="utf-8")
    for code_line, note in notes:
        assert code_line in text
        text = text.replace(code_line, f"{code_line}\n    {note}", 1)
    states.write_text(text.replace('    note: "The day of its instrument is known; the source gives no signature."\n',
                                   ""), encoding="utf-8")
    return site


def test_a_note_given_per_language_has_a_field_for_english_and_each_language_of_the_treaty(
        tmp_path: Path, campaign: Path) -> None:
    """The build reads a note per language in English and the languages of treaty.name (here en and fr): the form
    has exactly those fields, English first, so that a note saved in the editor keeps its translations."""
    from ratify.admin import note_warnings

    site = _with_notes(tmp_path, campaign, ('  - code: "UY"', 'note: {en: "Known day.", fr: "Jour connu."}'))
    note = _note_field(site)
    assert note["widget"] == "object" and note["collapsed"] is True and note["required"] is False
    assert [(field["name"], field["label"], field["widget"]) for field in note["fields"]] == [
        ("en", "English", "text"), ("fr", "French", "text")]
    # Decap requires a required field of an optional object in every entry, one without a note too (decap-cms
    # issue 2103): the form could then save no State at all. The hint says English is needed; the build checks it.
    assert not any(field["required"] for field in note["fields"]) and "English" in note["hint"]
    loaded = load(site)
    assert note_warnings(loaded.site.config, loaded.site.trackers["en"].tracker) == ()


def test_a_note_written_as_one_text_keeps_one_text_box(campaign: Path, configuration: dict) -> None:
    """Decap's form puts a note written as one text in each field of a note per language: while no note of the data
    is given per language, a note is one text box, as the data writes it."""
    entry = _collection(configuration, "data")["files"][0]["fields"][0]["fields"]
    note = next(field for field in entry if field["name"] == "note")
    assert note["widget"] == "text" and "fields" not in note


def test_notes_written_both_ways_name_the_ones_the_editor_cannot_show(tmp_path: Path, campaign: Path) -> None:
    site = _with_notes(tmp_path, campaign, ('  - code: "UY"', 'note: {en: "Known day.", fr: "Jour connu."}'),
                       ('  - code: "KZ"', 'note: "Signed only."'))
    assert _note_field(site)["widget"] == "object"
    assert not [warning for warning in load(site).warnings if "note is one text" in warning], "no editor, no warning"
    with (site / "site.yaml").open("a", encoding="utf-8") as config:
        config.write(MODULES_WITH_ADMIN)
    warnings = load(site).warnings
    said = [warning for warning in warnings if "note is one text" in warning]
    assert said == [f"data/states.yaml:{_line_of(site, 'KZ')}: KZ's note is one text while other notes are given per "
                    "language, so the editor in the browser cannot show it: write it as 'note: {en: ...}'"]


def _line_of(site: Path, code: str) -> int:
    lines = (site / "data" / "states.yaml").read_text(encoding="utf-8").splitlines()
    return lines.index(f'  - code: "{code}"') + 1


def test_the_editor_s_page_names_the_site_as_written(campaign: Path) -> None:
    """The tab shows the site's name as its pages do: accents as they are, '<' and '&' escaped, not JSON's \\u."""
    config = load(campaign).site.config
    named = dataclasses.replace(config, title={**config.title, config.default_language: "Ratifiez « vite » <&>"})
    page = index_html(named, "", "{}").decode("utf-8")
    assert "<title>Ratifiez « vite » &lt;&amp;&gt; – editor</title>" in page
