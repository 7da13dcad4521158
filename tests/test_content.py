"""content/<lang>/*.md -> SourcePages -> Pages: front matter, URLs, translations and stand-ins, menus."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from ratify.config import parse_config
from ratify.content import (EmptyFile, check_translation_keys, check_unique, choose_sources, conversion_jobs,
                            convert_bodies, empty_warnings, folder_url_names, make_menus, make_pages, markdown_files,
                            name_folders, parse_file, parse_source, set_aside_empty, split_front_matter)
from ratify.errors import SiteError, SiteErrors
from ratify.markup import Converter

CONFIG = parse_config("""\
title: {en: Campaign, fr: Campagne, es: Campaña}
base_url: https://ratify-fixture.org/op/
default_language: en
languages: [{code: en}, {code: fr}, {code: es}]
menus:
  fr: [{title: ONU, url: "https://un.org/", weight: 5}]
""", "site.yaml")


def source(language: str, rel_path: str, front: str = "", body: str = "Text.") -> object:
    text = f"---\ntitle: T {language} {rel_path}\ndescription: D\n{front}---\n{body}\n"
    return parse_source(text, f"content/{language}/{rel_path}", language, rel_path)


def test_front_matter_is_read_with_types_and_defaults() -> None:
    page = parse_source("---\ntitle: Rejoindre\ndescription: Adhérer\nslug: rejoindre\ndate: 2013-05-05\n"
                        "translation_key: join\nweight: 3\n---\nBody\n", "content/fr/join.md", "fr", "join.md")
    assert (page.title, page.slug, page.date, page.translation_key, page.weight, page.template) == (
        "Rejoindre", "rejoindre", datetime.date(2013, 5, 5), "join", 3, "page.html")
    assert page.body == "Body\n"
    assert page.body_line == 9
    assert page.front_matter_lines["slug"] == 4
    assert page.url_path == "fr/rejoindre/"


@pytest.mark.parametrize("rel_path, slug, url", [
    ("index.md", None, "fr/"),
    ("about.md", None, "fr/about/"),
    ("about.md", "a-propos", "fr/a-propos/"),
    ("about.md", "à-propos", "fr/à-propos/"),
    ("about.md", "حول_الحملة", "fr/حول_الحملة/"),
    ("about.md", "कार्रवाई", "fr/कार्रवाई/"),  # vowel signs are marks, not letters
    ("news/index.md", None, "fr/news/"),
    ("news/2013-05-05.md", None, "fr/news/2013-05-05/"),
])
def test_urls_are_pretty(rel_path: str, slug: str | None, url: str) -> None:
    front = f"slug: {slug}\n" if slug else ""
    assert source("fr", rel_path, front).url_path == url


def urls_of(*sources) -> dict[str, str]:
    """Each page's URL once load has named its folders, by its file."""
    return {page.path: page.url_path for page in name_folders(list(sources), CONFIG)}


def test_a_folder_takes_the_slug_of_its_section_page_beside_it_or_inside_it() -> None:
    assert urls_of(source("fr", "news.md", "slug: actualites\n"), source("fr", "news/2013-05-05.md"),
                   source("fr", "protocol/index.md", "slug: protocole\n"), source("fr", "protocol/history.md",
                                                                                   "slug: historique\n")) == {
        "content/fr/news.md": "fr/actualites/", "content/fr/news/2013-05-05.md": "fr/actualites/2013-05-05/",
        "content/fr/protocol/index.md": "fr/protocole/",
        "content/fr/protocol/history.md": "fr/protocole/historique/"}


def test_nested_folders_each_take_their_section_pages_slug_and_a_folder_without_one_keeps_its_name() -> None:
    assert urls_of(source("es", "protocol/index.md", "slug: protocolo\n"),
                   source("es", "protocol/annexes.md", "slug: anexos\n"), source("es", "protocol/annexes/i.md"),
                   source("es", "protocol/annexes/ii/index.md", "slug: segundo\n"),
                   source("es", "protocol/annexes/ii/notes.md", "slug: notas\n"),
                   source("es", "reports/2024.md")) == {
        "content/es/protocol/index.md": "es/protocolo/", "content/es/protocol/annexes.md": "es/protocolo/anexos/",
        "content/es/protocol/annexes/i.md": "es/protocolo/anexos/i/",
        "content/es/protocol/annexes/ii/index.md": "es/protocolo/anexos/segundo/",
        "content/es/protocol/annexes/ii/notes.md": "es/protocolo/anexos/segundo/notas/",
        "content/es/reports/2024.md": "es/reports/2024/"}


def test_an_index_file_names_its_folder_before_the_page_beside_it() -> None:
    assert folder_url_names([("fr", "news.md", "nouvelles"), ("fr", "news/index.md", "actualites"),
                             ("fr", "news/x.md", None)], ["en", "en", "fr"])["fr"] == {"news": "actualites"}


def test_a_stand_in_lives_where_its_translation_would_under_its_languages_folder_names() -> None:
    sources = name_folders([source("en", "news.md"), source("en", "news/2013-05-05.md"),
                            source("fr", "news.md", "slug: actualites\n"), source("en", "updates.md", "slug: latest\n"),
                            source("en", "updates/x.md")], CONFIG)
    post, listed_elsewhere = sources[1], sources[4]
    assert post.url_path_in("fr") == "fr/actualites/2013-05-05/"  # French has its own news page
    assert post.url_path_in("es") == "es/news/2013-05-05/"
    assert listed_elsewhere.url_path_in("fr") == "fr/latest/x/"  # under the English stand-in of updates.md


def test_two_pages_of_a_language_at_one_url_are_an_error_naming_both_files() -> None:
    sources = name_folders([source("fr", "news.md", "slug: actualites\n"), source("fr", "news/x.md"),
                            source("fr", "actualites/x.md")], CONFIG)
    with pytest.raises(SiteErrors) as caught:
        check_unique(sources)
    assert [str(error) for error in caught.value.errors] == [
        "content/fr/news/x.md:1: this page and content/fr/actualites/x.md both claim the URL 'fr/actualites/x/'\n"
        "    give one of them another 'slug' or file name"]


@pytest.mark.parametrize("text, expected", [
    ("title: x\n", "content/fr/x.md:1: the page has no front matter\n    start the file with a line '---', "
                   "then 'title: ...' and 'description: ...', then '---'"),
    ("---\ntitle: x\n", "content/fr/x.md:1: the front matter is never closed\n"
                        "    add a line '---' after the last 'key: value' line"),
])
def test_missing_front_matter_is_explained(text: str, expected: str) -> None:
    with pytest.raises(SiteError) as caught:
        split_front_matter(text, "content/fr/x.md")
    assert str(caught.value) == expected


@pytest.mark.parametrize("front, expected", [
    ("title: x\ndescription: y\ndate: 5 mai\n",
     "content/fr/x.md:4: front matter: 'date' must be a date like 2013-05-05, got \"5 mai\""),
    ("title: x\ndescription: y\ntitel: z\n",
     "content/fr/x.md:4: front matter: unknown key 'titel'\n    did you mean 'title'?"),
    ("title: x\n", "content/fr/x.md:2: front matter: 'description' is missing\n    add a line 'description: ...'"),
    ("title: x\ndescription: y\ndraft: yes please\n",
     "content/fr/x.md:4: front matter: 'draft' must be true or false, got \"yes please\""),
    ("title: x\ndescription: y\nweight: true\n",
     "content/fr/x.md:4: front matter: 'weight' must be a whole number, got true"),
    *[(f"title: x\ndescription: y\nslug: {slug}\n",
       "content/fr/x.md:4: front matter: 'slug' must be lower-case letters or digits of any script, '-' and '_', "
       f"without spaces or '/', got \"{slug}\"\n    for example 'rejoindre', 'a-propos' or 'الدول'")
      for slug in ("à propos", "À-propos", "fr/propos", "a.propos", "à-propos")],
    ("title: x\ndescription: y\ndate: 2013-02-30\n",
     "content/fr/x.md:4: '2013-02-30' is not a real date (day is out of range for month)\n"
     "    write dates as YYYY-MM-DD, e.g. 2013-05-05"),
    ("title: [x\ndescription: y\n",
     "content/fr/x.md:2: the title's list opened here with '[' is never closed\n"
     "    end it with ']', or, if the value is text, put it all in quotes"),
])
def test_front_matter_mistakes_name_file_and_line(front: str, expected: str) -> None:
    with pytest.raises((SiteError, SiteErrors)) as caught:
        parse_source(f"---\n{front}---\nBody\n", "content/fr/x.md", "fr", "x.md")
    assert str(caught.value) == expected


def test_missing_translations_are_filled_from_the_default_language() -> None:
    sources = [source("en", "index.md"), source("fr", "index.md"), source("en", "about.md"),
               source("fr", "only-fr.md")]
    chosen = choose_sources(sources, CONFIG)
    assert {code: page.language for code, page in chosen["about"].items()} == {"en": "en", "fr": "en", "es": "en"}
    assert {code: page.language for code, page in chosen["only-fr"].items()} == {"en": "fr", "fr": "fr", "es": "fr"}
    assert chosen["index"]["fr"].language == "fr"


def convert_pages(chosen: dict, config, converters: dict) -> tuple:
    """Every page made at once from its sources, as the pipeline does without its memory (no declarations here)."""
    jobs = conversion_jobs(chosen)
    return make_pages(chosen, dict(zip(jobs, convert_bodies(jobs, chosen, config, converters, {}))), {})


def test_pages_link_across_languages_and_stand_ins_live_under_their_language() -> None:
    sources = [source("en", "index.md", body="[About](about.md#history)"), source("en", "about.md"),
               source("fr", "index.md", body="[À propos](about.md)"),
               source("fr", "rejoindre.md", "translation_key: join\n"), source("en", "join.md")]
    converters = {code: Converter(("\u201c", "\u201d"), "/op/", "Back") for code in CONFIG.language_codes}
    pages, translations = convert_pages(choose_sources(sources, CONFIG), CONFIG, converters)
    assert [page.url_path for page in pages] == [
        "en/", "en/about/", "en/join/", "es/", "es/about/", "es/join/", "fr/", "fr/about/", "fr/rejoindre/"]
    assert translations["about"]["fr"].is_fallback
    assert translations["about"]["fr"].output_path == "fr/about/index.html"
    assert '<a href="/op/fr/about/">' in translations["index"]["fr"].html
    assert '<a href="/op/es/about/#history">' in translations["index"]["es"].html
    assert not translations["join"]["fr"].is_fallback


def test_menus_combine_weighted_pages_and_configured_links() -> None:
    sources = [source("en", "index.md", "weight: 1\nmenu_title: Home\n"), source("en", "about.md", "weight: 20\n"),
               source("fr", "index.md", "weight: 1\n")]
    converters = {code: Converter(("\u201c", "\u201d"), "/", "Back") for code in CONFIG.language_codes}
    pages, _ = convert_pages(choose_sources(sources, CONFIG), CONFIG, converters)
    menus = make_menus(pages, CONFIG)
    assert [(entry.title, entry.href, entry.language) for entry in menus["fr"]] == [
        ("T fr index.md", "fr/", "fr"), ("ONU", "https://un.org/", "fr"), ("T en about.md", "fr/about/", "en")]
    assert [entry.title for entry in menus["en"]] == ["Home", "T en about.md"]


def test_a_noindex_page_is_kept_out_of_search_engines_the_sitemap_and_sharing(tmp_path) -> None:
    from ratify.pipeline import build
    from tests.conftest import make_site

    site = make_site(tmp_path / "site")
    join = site / "content" / "en" / "join.md"
    join.write_text(join.read_text().replace("description: Join the campaign.\n",
                                             "description: Join the campaign.\nnoindex: true\n"))
    assert parse_source(join.read_text(), "content/en/join.md", "en", "join.md").noindex
    build(site, tmp_path / "public")
    page = (tmp_path / "public" / "en" / "join" / "index.html").read_text()
    assert '<meta name="robots" content="noindex">' in page and 'class="share"' not in page
    sitemap = (tmp_path / "public" / "sitemap.xml").read_text()
    assert "/en/join/</loc>" not in sitemap and "/fr/rejoindre/</loc>" in sitemap


def test_markdown_files_are_listed_folder_by_folder_in_name_order(tmp_path: Path) -> None:
    for name in ("b.md", "a-b.md", "a/z.md", "a/b/c.md", "notes.txt", "a/draft.md.bak"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert markdown_files(tmp_path) == ["a/b/c.md", "a/z.md", "a-b.md", "b.md"]


def test_a_translation_key_no_page_of_the_default_language_has_is_an_error() -> None:
    sources = [source("en", "join.md"), source("fr", "rejoindre.md", "translation_key: join\n"),
               source("fr", "seulement.md"),  # a page only in French, linked to nothing: a stand-in elsewhere
               source("es", "unete.md", "translation_key: afiliacion\n")]
    with pytest.raises(SiteErrors) as caught:
        check_translation_keys(sources, CONFIG)
    assert [str(error) for error in caught.value.errors] == [
        "content/es/unete.md:4: front matter: 'translation_key' 'afiliacion' matches no page in 'en'\n"
        "    use the translation_key of the page in content/en/ this page translates (its file name without '.md', "
        "unless it sets one)"]


def test_a_page_over_the_size_limit_is_a_warning_and_still_builds(tmp_path: Path) -> None:
    from ratify.content import LARGE_PAGE
    from tests.conftest import make_site, run_cli

    site = make_site(tmp_path / "site")
    paragraph = "The Committee examined the report of the State party and adopted its concluding observations.\n\n"
    body = paragraph * (LARGE_PAGE // len(paragraph) + 1)
    (site / "content/en/report.md").write_text(f"---\ntitle: Report\ndescription: The whole report.\n---\n{body}")
    (site / "content/en/short.md").write_text("---\ntitle: Short\ndescription: Under the limit.\n---\n"
                                              + body[:LARGE_PAGE])
    result = run_cli("build", "--root", str(site), "--out", str(tmp_path / "public"))
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if "of Markdown" in line] == [
        "warning: content/en/report.md: 501 KB of Markdown, over the 500 KB a page should stay under: split it into "
        "pages, or move long tables to a downloadable file"]
    assert (tmp_path / "public/en/report/index.html").stat().st_size > LARGE_PAGE


# What the editor in the browser writes for a language left empty when a page is created (tests/test_cms_browser.py
# checks it against Decap CMS itself): the keys every language shares, and no text.
WRITTEN_FOR_AN_EMPTY_LANGUAGE = "---\ntemplate: page.html\ndraft: false\nnoindex: false\n---\n"


@pytest.mark.parametrize("text", [
    WRITTEN_FOR_AN_EMPTY_LANGUAGE,
    "---\ntemplate: page.html\ndraft: false\nnoindex: false\n---\n\n  \n\t\n",  # whitespace is no text
    '---\ntitle: ""\ndescription:\nslug: ""\nweight: null\ntranslation_key: ""\n---\n',  # blank, as left out
    "---\r\ntemplate: page.html\r\n---\r\n",
    "---\n---\n",
])
def test_a_page_with_no_title_no_description_and_no_text_is_an_empty_file(text: str) -> None:
    read = parse_file(text, "content/fr/about.md", "fr", "about.md")
    assert isinstance(read, EmptyFile)
    assert (read.path, read.language, read.translation_key) == ("content/fr/about.md", "fr", "about")
    # raised if it translates no page: 'title' is missing (or empty)
    assert str(read.problems[0]).startswith("content/fr/about.md:2: front matter: 'title' is ")


@pytest.mark.parametrize("text, expected", [
    ("---\ntemplate: page.html\n---\nSome text already.\n",
     ["content/fr/about.md:2: front matter: 'description' is missing\n    add a line 'description: ...'",
      "content/fr/about.md:2: front matter: 'title' is missing\n    add a line 'title: ...'"]),
    ("---\ndescription: Begun.\n---\n", ["content/fr/about.md:2: front matter: 'title' is missing\n"
                                         "    add a line 'title: ...'"]),
    ("---\ntitle: Commencée\n---\n", ["content/fr/about.md:2: front matter: 'description' is missing\n"
                                       "    add a line 'description: ...'"]),
    ("---\nweight: many\n---\n", [  # an empty page's other keys are checked as any page's
        "content/fr/about.md:2: front matter: 'description' is missing\n    add a line 'description: ...'",
        "content/fr/about.md:2: front matter: 'title' is missing\n    add a line 'title: ...'",
        "content/fr/about.md:2: front matter: 'weight' must be a whole number, got \"many\""]),
])
def test_a_page_with_text_or_a_title_but_not_both_is_still_an_error(text: str, expected: list[str]) -> None:
    with pytest.raises(SiteErrors) as caught:
        parse_file(text, "content/fr/about.md", "fr", "about.md")
    assert [str(error) for error in caught.value.errors] == expected


def test_an_empty_file_read_as_a_page_is_an_error() -> None:
    """What reads one file alone (i18n stamp) has no original to set it aside for."""
    with pytest.raises(SiteErrors) as caught:
        parse_source(WRITTEN_FOR_AN_EMPTY_LANGUAGE, "content/fr/about.md", "fr", "about.md")
    assert "content/fr/about.md:2: front matter: 'title' is missing" in str(caught.value)


def empty(language: str, rel_path: str, front: str = "") -> EmptyFile:
    read = parse_file(f"---\n{front}template: page.html\n---\n", f"content/{language}/{rel_path}", language,
                      rel_path)
    assert isinstance(read, EmptyFile)
    return read


def test_an_empty_translation_of_a_page_is_set_aside_and_any_other_empty_file_is_an_error() -> None:
    read = [source("en", "about.md"), source("en", "join.md"), source("en", "news/x.md", "draft: true\n"),
            empty("fr", "about.md"), empty("es", "rejoindre.md", "translation_key: join\n"),
            empty("fr", "news/x.md", "draft: true\n"),  # a draft's: set aside, not warned about
            empty("en", "events.md"),  # the default language's own page, even where another claims its key
            source("en", "events-2026.md", "translation_key: events\n"),
            empty("fr", "only-fr.md")]  # translates no page
    kept, set_aside = set_aside_empty(read, CONFIG)
    assert [file.path for file in set_aside] == ["content/fr/about.md", "content/es/rejoindre.md",
                                                 "content/fr/news/x.md"]
    assert [result.path for result in kept if not isinstance(result, list)] == [
        "content/en/about.md", "content/en/join.md", "content/en/news/x.md", "content/en/events-2026.md"]
    assert [[str(error) for error in result] for result in kept if isinstance(result, list)] == [
        [f"content/{path}:2: front matter: '{key}' is missing\n    add a line '{key}: ...'"
         for key in ("title", "description")] for path in ("en/events.md", "fr/only-fr.md")]
    published = [page for page in kept if not isinstance(page, list) and not page.draft]
    assert empty_warnings(set_aside, published, CONFIG) == [
        "content/es/rejoindre.md: no title and no text yet: content/en/join.md is shown in its place until it is "
        "translated",
        "content/fr/about.md: no title and no text yet: content/en/about.md is shown in its place until it is "
        "translated"]
