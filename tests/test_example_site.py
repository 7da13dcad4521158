"""examples/op3-crc, a second campaign made with `ratify new` and the README alone: it builds, checks and reads right.

Another treaty (the OP3-CRC), other rules (an opt-out declaration, a denunciation after a year), other languages
(English, Arabic right to left, Portuguese with a partial catalog of its own) and no code or template of the engine
changed for it: what the bundled site shares with it is the engine and the default theme only.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from babel.messages.catalog import Catalog

import ratify.catalogs
from ratify.catalogs import extract_messages
from ratify.cli import main
from ratify.datafile import parse_yaml
from ratify.errors import SiteErrors
from ratify.i18n import finish_fallbacks
from ratify.model import FALLBACK_END, FALLBACK_START, add_months
from ratify.pipeline import build
from ratify.starter import new_site
from tests.conftest import REPO, read_tree

EXAMPLE = REPO / "examples" / "op3-crc"
LANGUAGES = {"en": "ltr", "ar": "rtl", "pt": "ltr"}
# The warnings the example is meant to give: it is an example, so it is published nowhere (its base_url is a
# placeholder); the UN gives no Arabic name for Türkiye, and no names in Portuguese, which is not one of its languages.
EXPECTED_WARNINGS = ["warning: site.yaml: base_url https://example.org/op3-crc/ is a placeholder, so the pages have "
                     "no canonical address, Open Graph URL or share links and there is no sitemap, and the feeds "
                     "link from the site's root with urn:uuid ids: set base_url to the address the site is published "
                     "at, or build with --base-url",
                     "warning: data/un-names.yaml: 1 States have no 'ar' names (TR), so they are named in English "
                     "until they do",
                     "warning: data/un-names.yaml: 195 States have no 'pt' names (AD, AE, AF, AG, AL, ...), so they "
                     "are named in English until they do"]
# Words of the bundled campaign that must not reach another treaty's site from the engine or the theme.
BUNDLED_WORDS = re.compile(r"OP-ICESCR|ICESCR|Covenant|OPICESCR|ESCR-Net", re.IGNORECASE)
NOTICE = 'class="notice example-notice" role="note"'


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example, so that nothing is written into the repository."""
    site = tmp_path_factory.mktemp("example") / "op3-crc"
    shutil.copytree(EXAMPLE, site, ignore=shutil.ignore_patterns("public", ".public.*"))
    return site


@pytest.fixture(scope="module")
def built(example: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], list[str]]:
    """The example built as a coalition builds it, `ratify build --root FOLDER`: its files and its warnings."""
    out = tmp_path_factory.mktemp("public") / "public"
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        assert main(["build", "--root", str(example), "--out", str(out)]) == 0
    warnings = [line for line in stderr.getvalue().splitlines() if line.startswith("warning:")]
    return read_tree(out), warnings


def pages(built: tuple[dict[str, bytes], list[str]], language: str | None = None) -> dict[str, str]:
    files, _ = built
    return {path: data.decode("utf-8") for path, data in files.items()
            if path.endswith(".html") and (language is None or path.startswith(f"{language}/"))}


def test_the_example_builds_with_only_the_expected_warnings(built: tuple[dict[str, bytes], list[str]]) -> None:
    files, warnings = built
    assert warnings == EXPECTED_WARNINGS
    for language in LANGUAGES:
        assert f"{language}/index.html" in files
    # Its modules, and no others: the tracker with State pages and the Join page; no reader, news or search.
    assert "data/states.json" in files and "ar/الدول/br/index.html" in files and "pt/adira/index.html" in files
    assert not any("pagefind" in path or "feed.xml" in path and "news" in path for path in files)


def test_every_page_has_its_languages_lang_and_dir_and_the_example_notice(
        built: tuple[dict[str, bytes], list[str]]) -> None:
    for language, direction in LANGUAGES.items():
        found = pages(built, language)
        assert len(found) > 195, language  # a page per UN State, and the site's own
        for path, html in found.items():
            assert f'<html lang="{language}" dir="{direction}">' in html, path
            assert html.count(NOTICE) == 1, path


def test_no_word_of_the_bundled_campaign_reaches_its_output(built: tuple[dict[str, bytes], list[str]]) -> None:
    files, _ = built
    for path, data in files.items():
        text = data.decode("utf-8", errors="replace")
        assert not BUNDLED_WORDS.search(text), (path, BUNDLED_WORDS.search(text))


def test_no_fallback_marker_is_left_for_a_reader_to_see(built: tuple[dict[str, bytes], list[str]]) -> None:
    """An untranslated string inside JSON for a script (the States table's labels) loses its markers too."""
    files, _ = built
    for path, data in files.items():
        text = data.decode("utf-8", errors="replace")
        assert "\ue000" not in text and "\\ue000" not in text and "\ue001" not in text, path


def test_its_tracker_follows_its_own_data_and_rule(example: Path, built: tuple[dict[str, bytes], list[str]]) -> None:
    files, _ = built
    data = parse_yaml((example / "data" / "states.yaml").read_text(encoding="utf-8"), "data/states.yaml")
    rule = data["treaty"]["entry_into_force"]
    instruments = sorted(day for state in data["states"]
                         for key in ("ratified", "acceded", "ratified_or_acceded")
                         if isinstance(day := state.get(key), datetime.date))
    expected = add_months(instruments[rule["instruments"] - 1], rule["after"]["months"])
    assert expected == datetime.date(2014, 4, 14)  # as the depositary records it (art. 19(1))

    opened = json.loads(files["data/states.json"])
    assert opened["treaty"]["entry_into_force"] == expected.isoformat()
    assert opened["treaty"]["entry_into_force_rule"] == {"instruments": 10, "after": {"months": 3}}
    assert [(d["article"], d["opt"]) for d in opened["treaty"]["declarations"]] == [("12", "in"), ("13", "out")]
    parties = [s for s in opened["states"] if s["party"]]
    assert len(parties) == len(instruments) == 10

    home = pages(built, "en")["en/index.html"]
    assert "14 April 2014" in home
    assert re.search(r"States parties</dt><dd>10</dd>", home)
    assert "14 de abril de 2014" in pages(built, "pt")["pt/index.html"]
    # A State's page follows the rules of this treaty: in force for Costa Rica three months after its instrument.
    costa_rica = pages(built, "en")["en/states/cr/index.html"]
    assert "This State is a party to the OP3-CRC." in costa_rica
    assert "has been in force for it since 14 April 2014" in costa_rica
    assert "(article 13)" in costa_rica and "(article 12)" in costa_rica


def test_arabic_is_right_to_left_and_portuguese_falls_back_visibly(
        built: tuple[dict[str, bytes], list[str]]) -> None:
    arabic = pages(built, "ar")["ar/الدول/index.html"]
    assert '<html lang="ar" dir="rtl">' in arabic
    assert "<h1>حالة التصديق</h1>" in arabic
    assert "انتقل إلى المحتوى" in arabic  # translated by the example's own catalog
    portuguese = pages(built, "pt")
    home = portuguese["pt/index.html"]
    assert "Saltar para o conteúdo" in home and "Uma campanha da Coligação de Exemplo" in home
    state = portuguese["pt/estados/cr/index.html"]
    assert "Este Estado é parte no Terceiro Protocolo Facultativo." in state  # the treaty's wording, from data
    # An interface string the example's catalog leaves out is shown in English, and marked so.
    assert '<span lang="en">Write to the Ministry of Foreign Affairs</span>' in state
    assert '<span lang="en" dir="ltr">Write to the Ministry of Foreign Affairs</span>' in \
        pages(built, "ar")["ar/الدول/cr/index.html"]


def test_its_check_passes(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--root", str(example)]) == 0
    report = capsys.readouterr()
    assert "0 problems" in report.out + report.err


# What the engine needed to make the example with no change of its own: each guarded here on a starter site.

NOTICE_TEMPLATE = """{% extends "theme/base.html" %}
{% block notice %}<p class="notice">{{ _("Our own notice.") }}</p>{% endblock %}
"""


def _starter(tmp_path: Path, base: str | None = NOTICE_TEMPLATE) -> Path:
    site = tmp_path / "campaign"
    new_site(site, ["en", "fr"])
    if base is not None:
        (site / "templates").mkdir()
        (site / "templates" / "base.html").write_text(base, encoding="utf-8")
    return site


def test_a_sites_template_can_extend_the_theme_template_it_replaces(tmp_path: Path) -> None:
    site = _starter(tmp_path)
    build(site, tmp_path / "public")
    home = (tmp_path / "public" / "fr" / "index.html").read_text(encoding="utf-8")
    assert '<p class="notice"><span lang="en">Our own notice.</span></p>' in home
    assert "Aller au contenu" in home  # the rest of the theme's frame, translated by the theme's catalog
    (site / "templates" / "base.html").write_text('{% extends "theme/nothing.html" %}', encoding="utf-8")
    with pytest.raises(SiteErrors) as failure:
        build(site, tmp_path / "public")
    assert "theme/nothing.html" in str(failure.value)


def test_extract_keeps_the_strings_of_a_theme_template_the_site_extends(tmp_path: Path) -> None:
    extended = {message.id for message in extract_messages(_starter(tmp_path / "extends"))}
    assert {"Our own notice.", "Skip to content", "Main menu"} <= extended
    replaced = {message.id for message in extract_messages(_starter(tmp_path / "replaces", "<html></html>"))}
    assert "Skip to content" not in replaced and "Find a State" in replaced


def test_extract_names_the_themes_templates_apart_from_the_sites_own_of_the_same_name(tmp_path: Path) -> None:
    catalog = extract_messages(_starter(tmp_path))
    own = catalog.get("Our own notice.").locations
    theirs = catalog.get("Skip to content").locations
    assert own and all(file == "templates/base.html" for file, _ in own)
    assert theirs and all(file == "theme/templates/base.html" for file, _ in theirs), \
        "templates/base.html:N would point at a line of the site's own base.html, which holds another string"


def test_extract_gives_no_string_that_no_template_of_the_theme_shows(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    stale = Catalog()
    stale.add("A string the theme's templates no longer have", locations=[("templates/state.html", 9)])
    stale.add("Back to footnote %d in the text", locations=[("ratify/pipeline.py", 88)])
    monkeypatch.setattr(ratify.catalogs, "_theme_template", lambda: stale)
    extracted = {message.id for message in extract_messages(_starter(tmp_path, None))}
    assert "A string the theme's templates no longer have" not in extracted
    assert {"Back to footnote %d in the text", "Find a State"} <= extracted


def test_stamp_takes_its_pages_after_root_and_from_the_sites_folder(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    site = _starter(tmp_path, None)
    monkeypatch.chdir(tmp_path)
    assert main(["i18n", "stamp", "--root", str(site), "content/fr/index.md"]) == 0
    assert "source_hash:" in (site / "content" / "fr" / "index.md").read_text(encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["i18n", "stamp", "--root", str(site), "--no-such-option", "content/fr/index.md"])


def test_an_english_fallback_in_json_for_a_script_loses_its_markers() -> None:
    labels = json.dumps({"shown": f"{FALLBACK_START}States shown: %(count)s{FALLBACK_END}"})
    finished = finish_fallbacks(f"<div data-labels='{labels}'>{FALLBACK_START}Hello{FALLBACK_END}</div>",
                                "page.html", "rtl")
    assert finished == ('<div data-labels=\'{"shown": "States shown: %(count)s"}\'>'
                        '<span lang="en" dir="ltr">Hello</span></div>')
