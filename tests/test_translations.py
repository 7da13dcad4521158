"""The translation workflow: extraction, plural forms, the report of missing and out-of-date pages, stamping."""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from ratify.catalogs import extract_messages
from ratify.config import read_config
from ratify.content import parse_source
from ratify.i18n import compile_catalog, read_catalogs
from ratify.cli import _report_translations
from ratify.pipeline import load, render_site
from ratify.model import SourcePage
from ratify.translations import (NOT_KEPT, CatalogSummary, KeptSource, diff_source, kept_text, make_report, page_hash,
                                 page_state, parse_kept, read_template, source_hash, stamp, stamped_versions,
                                 summarize_catalog, UntranslatedNote)
from tests.conftest import FIXTURES, REPO, make_site, run_cli

TEMPLATES = REPO / "templates"


def page(language: str, body: str, extra: str = "", title: str = "T") -> SourcePage:
    return parse_source(f"---\ntitle: {title}\ndescription: D\n{extra}---\n{body}", f"content/{language}/a.md",
                        language, "a.md")


def test_a_translation_is_missing_unstamped_outdated_or_current() -> None:
    source = page("en", "Text.\n")
    assert page_state(source, None) == "missing"
    assert page_state(source, page("fr", "Texte.\n")) == "unstamped"
    stamped = page("fr", "Texte.\n", f"source_hash: {page_hash(source)}\n")
    assert page_state(source, stamped) == "current"
    assert page_state(page("en", "Text, changed.\n"), stamped) == "outdated"


def test_stamping_writes_only_the_source_hash() -> None:
    text = "---\ntitle: Titre\ndescription: D\n---\nCorps\n"
    assert stamp(text, "x.md", "abc") == "---\ntitle: Titre\ndescription: D\nsource_hash: abc\n---\nCorps\n"
    assert stamp(stamp(text, "x.md", "abc"), "x.md", "def") == (
        "---\ntitle: Titre\ndescription: D\nsource_hash: def\n---\nCorps\n")


def test_missing_and_fuzzy_strings_are_counted_and_shown_in_english() -> None:
    template = Catalog()
    for message in ("Languages", "Main menu", "Skip to content"):
        template.add(message)
    catalog = Catalog(locale="fr")
    catalog.add("Languages", "Langues")
    catalog.add("Main menu", "Menu principal ?", flags=["fuzzy"])
    summary = summarize_catalog("fr", catalog, template)
    assert (summary.total, summary.translated, summary.fuzzy, summary.missing) == (
        3, 1, ("Main menu",), ("Skip to content",))
    translations = compile_catalog(catalog)
    assert [translations.gettext(text) for text in ("Languages", "Main menu", "Skip to content")] == [
        "Langues", "Main menu", "Skip to content"]


@pytest.mark.bundled
@pytest.mark.parametrize("language, expected", [
    ("fr", ["0 texte non traduit en x", "1 texte non traduit en x", "2 textes non traduits en x"]),
    ("es", ["0 textos sin traducir al x", "1 texto sin traducir al x", "2 textos sin traducir al x"]),
])
def test_plural_forms_of_the_real_catalogs(language: str, expected: list[str]) -> None:
    config = read_config(REPO)
    translations = read_catalogs(REPO, config.languages).translations[language]
    singular, plural = "%(count)s string not translated into %(language)s", \
        "%(count)s strings not translated into %(language)s"
    assert [translations.ngettext(singular, plural, n) % {"count": n, "language": "x"} for n in (0, 1, 2)] == expected


@pytest.mark.bundled
def test_the_real_catalogs_are_complete_and_the_template_is_current() -> None:
    config = read_config(REPO)
    catalogs = read_catalogs(REPO, config.languages)
    extracted = {message.id if isinstance(message.id, str) else tuple(message.id)
                 for message in extract_messages(REPO) if message.id}
    pot = (REPO / "locale" / "messages.pot").read_text()
    for message_id in extracted:
        first = message_id if isinstance(message_id, str) else message_id[0]
        assert f'"{first[:30]}' in pot.replace('"\n"', ""), f"run 'build.py i18n extract': {first!r} is new"
    for code in ("fr", "es"):
        summary = summarize_catalog(code, catalogs.catalogs[code], extract_messages(REPO))
        assert summary.missing == () and summary.fuzzy == (), code


# Text a reader sees that need not be translated: punctuation, numbers, file names and the like.
_NEUTRAL = re.compile(r"^[\s—·|()/:,.▲▼¶\d%-]*$|^(states\.json|states\.csv|[A-Z]{2,}(-[A-Z]+)?)$"
                      r"|^[\w-]+=\"[^\"]*\"$")  # the last: an attribute a block adds inside a tag


def visible_text(template: str) -> list[str]:
    """The words of a template that a reader would see, once every Jinja construct and tag is taken out."""
    text = re.sub(r"{#.*?#}", " ", template, flags=re.S)
    text = re.sub(r"{%-?\s*trans\b.*?endtrans\s*-?%}", " ", text, flags=re.S)
    text = re.sub(r"{{.*?}}|{%.*?%}", " ", text, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", "\n", text)
    return [chunk.strip() for chunk in text.split("\n") if chunk.strip() and not _NEUTRAL.match(chunk.strip())]


def test_every_visible_english_string_of_the_templates_is_marked_for_translation() -> None:
    unmarked = {path.relative_to(REPO).as_posix(): visible_text(path.read_text())
                for path in sorted(TEMPLATES.rglob("*.html"))}
    assert {path: words for path, words in unmarked.items() if words} == {}


def test_the_unmarked_string_check_can_fail() -> None:
    assert visible_text("<p>{{ _('Fine') }}</p><p>Not marked</p>{% trans %}Marked{% endtrans %}") == ["Not marked"]


def test_out_of_date_pages_are_flagged_with_what_changed_and_cleared_by_stamping(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site")
    shutil.rmtree(site / "locale" / "stamped")  # the bundled site's kept texts, borrowed with its catalogs
    stamped = run_cli("i18n", "stamp", str(site / "content" / "fr" / "index.md"), "--root", str(site))
    assert stamped.returncode == 0, stamped.stderr
    assert stamped.stdout == ("stamped content/fr/index.md as translated from the current content/en/index.md, "
                              "kept in locale/stamped/fr/index.md\n")
    source = site / "content" / "en" / "index.md"
    source.write_text(source.read_text().replace('A "quoted" word', 'A "quoted" phrase'))
    report = load(site).site.translation_report
    outdated = [status for status in report.pages if status.state == "outdated"]
    assert [(status.path, status.source_path) for status in outdated] == [("content/fr/index.md",
                                                                          "content/en/index.md")]
    assert outdated[0].changes.splitlines()[:3] == ["--- locale/stamped/fr/index.md", "+++ content/en/index.md",
                                                    "@@ -7,2 +7,2 @@"]
    assert '-A "quoted" word' in outdated[0].changes and '+A "quoted" phrase' in outdated[0].changes
    result = run_cli("check", "translations", "--strict", "--root", str(site))
    assert result.returncode == 1
    assert "fr: outdated: content/fr/index.md" in result.stdout
    assert "+A \"quoted\" phrase" in result.stdout
    # The translator finds the change does not affect the French, and confirms it.
    run_cli("i18n", "stamp", str(site / "content" / "fr" / "index.md"), "--root", str(site), "--force")
    report = load(site).site.translation_report
    assert [status.state for status in report.pages if status.path == "content/fr/index.md"] == []


def test_stamping_keeps_the_source_text_the_translation_was_made_from(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site")
    source = site / "content" / "en" / "join.md"
    run_cli("i18n", "stamp", str(site / "content" / "fr" / "rejoindre.md"), "--root", str(site))
    kept = site / "locale" / "stamped" / "fr" / "rejoindre.md"  # the translation's path, not its source's
    english = parse_source(source.read_text(), "content/en/join.md", "en", "join.md")
    version = parse_kept(kept.read_text(), "locale/stamped/fr/rejoindre.md")
    assert (version.title, version.description, version.body) == (english.title, english.description, english.body)
    french = parse_source((site / "content" / "fr" / "rejoindre.md").read_text(), "content/fr/rejoindre.md", "fr",
                          "rejoindre.md")
    assert french.source_hash == source_hash(version.title, version.description, version.body)
    # Stamping again after the source changed keeps the new text in place of the old one.
    source.write_text(source.read_text().replace("title: ", "title: New ", 1))
    run_cli("i18n", "stamp", str(site / "content" / "fr" / "rejoindre.md"), "--root", str(site), "--force")
    assert parse_kept(kept.read_text(), "k.md").title.startswith("New ")


def test_the_kept_text_reads_back_exactly_whatever_its_title() -> None:
    for title in ("Yes: no", "'quoted' \"twice\"", "#1", "yes", "2013-05-05", "Tab\there", "Étoile – ★"):
        source = parse_source(f"---\ntitle: {json.dumps(title)}\ndescription: D\n---\nBody\n", "content/en/a.md", "en",
                              "a.md")
        version = parse_kept(kept_text(source, page("fr", "Corps\n")), "k.md")
        assert source_hash(version.title, version.description, version.body) == page_hash(source), title


def kept_version(source: SourcePage) -> KeptSource:
    return parse_kept(kept_text(source, page("fr", "x")), "locale/stamped/fr/a.md")


def test_the_changes_come_from_the_kept_text_with_the_lines_of_both_files() -> None:
    old = page("en", "One.\n\nTwo.\n\nThree.\n")
    translation = page("fr", "Un.\n", f"source_hash: {page_hash(old)}\n")
    new = page("en", "One.\n\nTwo, changed.\n\nThree.\n", "weight: 3\nmenu_title: M\n", title="T2")
    config = read_config(FIXTURES / "site")
    kept = {"content/fr/a.md": kept_version(old)}
    report = make_report([new, translation], config, {}, None, kept)
    [status] = [status for status in report.pages if status.language == "fr"]
    assert status.state == "outdated"
    assert status.changes == "\n".join((
        "--- locale/stamped/fr/a.md", "+++ content/en/a.md",
        "@@ -3 +2 @@", "-title: T", "+title: T2",  # the kept file's line 3 (after its note), the source's line 2
        "@@ -8,3 +8,3 @@", " ", "-Two.", "+Two, changed.", " "))
    kept_lines = kept_text(old, translation).split("\n")
    assert kept_lines[7:10] == ["", "Two.", ""]  # lines 8-10 of the kept file, as the hunk says


def test_hunks_number_the_lines_of_each_file_wherever_the_body_starts() -> None:
    old = page("en", "\n".join(f"line {number}" for number in range(40)))
    new = page("en", "\n".join(f"line {number}" if number % 13 else "new" for number in range(41)),
               "weight: 1\nslug: s\nmenu_title: M\n")
    old_lines = kept_text(old, page("fr", "x")).split("\n")
    new_lines = f"---\ntitle: T\ndescription: D\nweight: 1\nslug: s\nmenu_title: M\n---\n{new.body}".split("\n")
    hunks = re.findall(r"^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@\n(.*)$", diff_source(kept_version(old), new),
                       flags=re.M)
    assert len(hunks) == 4
    for old_start, new_start, first_line in hunks:
        assert first_line[1:] in (old_lines[int(old_start) - 1], new_lines[int(new_start) - 1])


def test_a_stamp_whose_source_text_was_not_kept_is_reported() -> None:
    source = page("en", "Text.\n")
    translation = page("fr", "Texte.\n", f"source_hash: {page_hash(source)}\n")
    config = read_config(FIXTURES / "site")
    [status] = [status for status in make_report([source, translation], config, {}, None, {}).pages
                if status.language == "fr"]
    assert (status.state, status.changes) == ("unkept", None)
    report = make_report([page("en", "Text, changed.\n"), translation], config, {}, None, {})
    [outdated] = [status for status in report.pages if status.language == "fr"]
    assert (outdated.state, outdated.changes) == ("outdated", None)
    assert f"content/fr/a.md: out of date: content/en/a.md changed since it was translated ({NOT_KEPT})" \
        in report.problems()


def test_an_old_stamp_is_reported_by_check_and_on_the_report_page(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site")
    run_cli("i18n", "stamp", str(site / "content" / "fr" / "index.md"), "--root", str(site))
    (site / "locale" / "stamped" / "fr" / "index.md").unlink()  # as a stamp written before texts were kept
    result = run_cli("check", "translations", "--strict", "--root", str(site))
    assert result.returncode == 1
    assert f"fr: unkept: content/fr/index.md\n    {NOT_KEPT}\n" in result.stdout
    source = site / "content" / "en" / "index.md"
    source.write_text(source.read_text().replace('A "quoted" word', 'A "quoted" phrase'))
    result = run_cli("check", "translations", "--root", str(site))
    assert f"fr: outdated: content/fr/index.md\n    {NOT_KEPT}\n" in result.stdout
    run_cli("build", "--root", str(site), "--out", str(tmp_path / "public"))
    report_page = (tmp_path / "public" / "translations" / "index.html").read_text()
    assert f"out of date ({NOT_KEPT})" in report_page


def test_a_kept_text_that_is_not_the_stamped_version_is_not_used(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site")
    run_cli("i18n", "stamp", str(site / "content" / "fr" / "index.md"), "--root", str(site))
    kept = site / "locale" / "stamped" / "fr" / "index.md"
    config = read_config(site)
    sources = [parse_source((site / path).read_text(), path, path.split("/")[1], "index.md")
               for path in ("content/en/index.md", "content/fr/index.md")]
    assert list(stamped_versions(site, sources, config)) == ["content/fr/index.md"]
    kept.write_text(kept.read_text().replace("word", "edited by hand"))
    assert stamped_versions(site, sources, config) == {}


def test_the_report_page_is_built_for_editors(built_site: Path, published_tree: dict[str, bytes]) -> None:
    page_html = (built_site / "translations" / "index.html").read_text()
    assert '<meta name="robots" content="noindex">' in page_html
    assert "<h1>Translation report</h1>" in page_html
    assert "translations/" not in published_tree["sitemap.xml"].decode()
    assert 'href="/translations/"' not in (built_site / "en" / "index.html").read_text()


@pytest.mark.bundled
def test_the_bundled_translations_are_complete_and_stamped() -> None:
    result = run_cli("check", "translations", "--strict")
    assert (result.returncode, result.stdout.splitlines()[-1]) == (0, "every translation is complete and up to date")


def test_fuzzy_and_missing_strings_are_named_by_their_msgid_in_text_json_and_on_the_page(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A translator opens Poedit or Weblate at the string itself: the report names it, not only a count."""
    site_root = make_site(tmp_path / "site", FIXTURES / "site")
    site = load(site_root).site
    french = CatalogSummary("fr", 3, 1, ("Skip to content",), ("Main menu",))
    report = dataclasses.replace(site.translation_report, catalogs=(french,))
    _report_translations(report, argparse.Namespace(format="text", strict=False, command="ratify"))
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == ["fr: interface strings 1/3 translated, 1 fuzzy, 1 missing",
                         '    fuzzy: "Skip to content"', '    missing: "Main menu"']
    _report_translations(report, argparse.Namespace(format="json", strict=False, command="ratify"))
    assert json.loads(capsys.readouterr().out)["catalogs"][0]["fuzzy"] == ["Skip to content"]
    files = render_site(site_root, dataclasses.replace(site, translation_report=report))
    page = files["translations/index.html"].decode()
    assert "1 string marked fuzzy in French, shown in English until checked" in page
    assert '<ul lang="en"><li>Skip to content</li></ul>' in page and '<ul lang="en"><li>Main menu</li></ul>' in page


def test_stamping_a_translation_unchanged_since_its_source_changed_needs_force(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site")
    translation = site / "content" / "fr" / "index.md"
    assert run_cli("i18n", "stamp", str(translation), "--root", str(site)).returncode == 0
    source = site / "content" / "en" / "index.md"
    source.write_text(source.read_text().replace('A "quoted" word', 'A "quoted" phrase'))
    stamped = translation.read_text()
    refused = run_cli("i18n", "stamp", str(translation), "--root", str(site))
    assert (refused.returncode, refused.stderr) == (1, (
        "content/fr/index.md: content/en/index.md has changed since this translation was stamped, and the "
        "translation has not: stamping it now would mark it up to date\n"
        "    update it first ('python build.py check translations' shows what changed in the source); if the change "
        "does not affect the meaning, stamp it with --force\n"
        "1 error; the previous output was left as it was\n"))
    assert translation.read_text() == stamped
    forced = run_cli("i18n", "stamp", str(translation), "--root", str(site), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "content/fr/index.md" not in run_cli("check", "translations", "--root", str(site)).stdout
    source.write_text(source.read_text().replace('A "quoted" phrase', 'A "quoted" sentence'))
    translation.write_text(translation.read_text() + "\nUne phrase de plus.\n")  # the translator updated it
    assert run_cli("i18n", "stamp", str(translation), "--root", str(site)).returncode == 0


@pytest.mark.parametrize("program, command", [("build.py", "python build.py"), ("ratify", "ratify")])
def test_the_report_names_the_stamp_command_as_the_reader_runs_it(program: str, command: str, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from ratify.cli import main

    site = make_site(tmp_path / "site", FIXTURES / "site")
    main(["check", "translations", "--root", str(site)], program=program)
    out = capsys.readouterr().out
    main(["check", "translations", "--root", str(site), "--format", "json"], program=program)
    problems = json.loads(capsys.readouterr().out)["problems"]
    hint = f"run '{command} i18n stamp content/fr/index.md' once it matches the source"
    assert f"content/fr/index.md: no source_hash: {hint}" in problems
    assert not [line for line in problems if "'ratify" in line and command != "ratify"]
    main(["check", "--root", str(site)], program=program)
    assert hint in capsys.readouterr().err
    assert "fr: unstamped: content/fr/index.md" in out


@pytest.mark.bundled
def test_every_reference_of_the_template_points_at_a_line_that_holds_its_string() -> None:
    """No stale `#:` line: Poedit and Weblate open the template at it to show the translator the string's place."""
    template = read_template(REPO)
    stale = []
    for message in template:
        first = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
        words = re.findall(r"[A-Za-z]{3,}", re.sub(r"%\(\w+\)[sd]", "", first))[:1]  # a word of its own text
        for file, line in message.locations:
            lines = (REPO / file).read_text(encoding="utf-8").split("\n")
            if words and (line > len(lines) or words[0] not in lines[line - 1]):
                stale.append(f"{file}:{line}: {first!r}")
    assert stale == []


def test_a_source_title_without_a_translation_is_reported_in_text_json_and_on_the_page(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "campaign")
    states = site / "data" / "states.yaml"
    described = '    title:\n      en: "UN Treaty Collection"\n      fr: "Collection des traités des Nations Unies"\n'
    assert described in states.read_text(encoding="utf-8")
    assert load(site).site.translation_report.source_titles == ()
    states.write_text(states.read_text(encoding="utf-8").replace(described, '    title: "UN Treaty Collection"\n'),
                      encoding="utf-8")
    _assert_reported(site, tmp_path, "data/states.yaml: source 'un': title not translated into 'fr'",
                     "fr: title not translated: data/states.yaml, source 'un'",
                     ("source_titles", {"file": "data/states.yaml", "source_id": "un", "language": "fr"}),
                     "<tr><td><code>data/states.yaml</code></td><td><code>un</code></td><td>French</td></tr>")


def _assert_reported(site: Path, tmp_path: Path, problem: str, line: str, listed: tuple[str, dict], row: str) -> None:
    """One untranslated text of the data, reported everywhere: a problem, a line of `check translations` (failing
    --strict), an item of its JSON and a row of /translations/."""
    assert problem in load(site).site.translation_report.problems()
    result = run_cli("check", "translations", "--strict", "--root", str(site))
    assert result.returncode == 1
    assert line + "\n" in result.stdout
    key, item = listed
    assert json.loads(run_cli("check", "translations", "--format", "json", "--root", str(site)).stdout)[key] == [item]
    run_cli("build", "--root", str(site), "--out", str(tmp_path / "public"))
    assert row in (tmp_path / "public" / "translations" / "index.html").read_text(encoding="utf-8")


def test_a_state_note_without_a_translation_is_reported_in_text_json_and_on_the_page(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "campaign")
    states = site / "data" / "states.yaml"
    written = '    note: "The day of its instrument is known; the source gives no signature."\n'
    assert written in states.read_text(encoding="utf-8")
    assert load(site).site.translation_report.state_notes == (UntranslatedNote("data/states.yaml", "UY", "fr"),)
    _assert_reported(site, tmp_path, "data/states.yaml: State 'UY': note not translated into 'fr'",
                     "fr: note not translated: data/states.yaml, State 'UY'",
                     ("state_notes", {"file": "data/states.yaml", "state": "UY", "language": "fr"}),
                     "<tr><td><code>data/states.yaml</code></td><td><code>UY</code></td><td>French</td></tr>")
    states.write_text(states.read_text(encoding="utf-8").replace(written, (
        '    note:\n      en: "The day of its instrument is known."\n      fr: "Le jour de son instrument est connu."\n')),
        encoding="utf-8")
    assert load(site).site.translation_report.state_notes == ()


def test_a_note_written_in_french_alone_builds_links_from_english_and_is_reported(tmp_path: Path) -> None:
    """What the editor in the browser saves when only the French box of a note is filled: the build takes it, the
    English page lists the sources it names and links to it, and the report lists the English as missing."""
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "campaign")
    states = site / "data" / "states.yaml"
    written = '    note: "The day of its instrument is known; the source gives no signature."\n'
    states.write_text(states.read_text(encoding="utf-8").replace(
        written, '    note:\n      fr: "Le jour de son instrument est connu ; la source un ne donne pas de signature."\n'),
        encoding="utf-8")
    assert load(site).site.translation_report.state_notes == (UntranslatedNote("data/states.yaml", "UY", "en"),)
    result = run_cli("build", "--root", str(site), "--out", str(tmp_path / "public"))
    assert result.returncode == 0, result.stderr
    english = (tmp_path / "public" / "en" / "states" / "uy" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="(/op)?/fr/etats/uy/#sources" hreflang="fr">The note on these sources, in French</a>',
                     english), english[english.find('id="sources"'):][:1500]
    french = (tmp_path / "public" / "fr" / "etats" / "uy" / "index.html").read_text(encoding="utf-8")
    assert "Le jour de son instrument est connu" in french
    assert run_cli("check", "translations", "--strict", "--root", str(site)).returncode == 1


def test_a_page_the_editor_left_empty_in_a_language_is_shown_in_the_original_and_reported(tmp_path: Path) -> None:
    """The editor in the browser writes a file for every language of a new page; one left empty holds only the keys
    every language shares. The build shows the original there, says so, and the report lists it as not translated."""
    site = make_site(tmp_path / "site", FIXTURES / "site")
    (site / "content" / "fr" / "about.md").write_text("---\ntemplate: page.html\ndraft: false\nnoindex: false\n---\n")
    result = run_cli("build", "--root", str(site), "--out", str(tmp_path / "public"))
    assert result.returncode == 0, result.stderr
    assert ("warning: content/fr/about.md: no title and no text yet: content/en/about.md is shown in its place until "
            "it is translated") in result.stderr
    french = (tmp_path / "public" / "fr" / "about" / "index.html").read_text()
    assert "It entered into force." in french
    assert "Cette page n’est pas encore disponible en français" in french
    report_page = (tmp_path / "public" / "translations" / "index.html").read_text()
    assert re.search(r"<code>content/fr/about\.md</code></td>\s*<td>[^<]*</td>\s*<td>not translated", report_page), \
        report_page[report_page.find("content/fr/about.md") - 300:][:800]
    result = run_cli("check", "translations", "--strict", "--root", str(site))
    assert result.returncode == 1
    assert "fr: missing: content/fr/about.md\n" in result.stdout
    result = run_cli("check", "--root", str(site))
    assert ("content/en/about.md: not translated into 'fr' (content/fr/about.md has no title and no text yet)"
            in result.stderr), result.stderr
