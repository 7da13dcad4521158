"""The UN's names of States (data/un-names.yaml): read, joined to the tracker, shown everywhere a State is named."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import pytest

from ratify.config import parse_config
from ratify.errors import SiteErrors
from ratify.model import FALLBACK_END, FALLBACK_START
from ratify.names import UN_NAMES_FILE, parse_un_names
from ratify.pipeline import build
from ratify.states import UN_STATES_FILE, parse_states, parse_un_states, read_states
from ratify.tracker import make_view, names_language_warnings, open_data_csv, open_data_json

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = datetime.date(2027, 1, 1)  # after the data's last check (treaty.depositary.last_checked)


@pytest.fixture(scope="module")
def real_tracker():
    return read_states(REPO, TODAY)


def _row(view, code):
    return next(row for row in view.rows if row.code == code)


@pytest.mark.bundled
def test_every_un_state_has_the_uns_names_in_english_french_and_spanish(real_tracker) -> None:
    assert len(real_tracker.un_states) == 195
    assert all(set(state.names) == {"en", "fr", "es"} for state in real_tracker.un_states)
    congo = {state.code: state for state in real_tracker.un_states}["CD"].names
    assert (congo["en"].short, congo["fr"].short, congo["es"].short) == (
        "Democratic Republic of the Congo", "République démocratique du Congo", "República Democrática del Congo")


@pytest.mark.bundled
@pytest.mark.parametrize("language, code, short, name_in", [
    ("fr", "BD", "Bangladesh", "au Bangladesh"),
    ("fr", "AR", "Argentine", "en Argentine"),
    ("fr", "BS", "Bahamas", "aux Bahamas"),
    ("fr", "MG", "Madagascar", "à Madagascar"),
    ("fr", "IL", "Israël", "en Israël"),  # written by hand: the rule would give "à Israël"
    ("es", "BS", "Bahamas", "en las Bahamas"),
    ("es", "AR", "Argentina", "en la Argentina"),
    ("en", "BS", "Bahamas", "in the Bahamas"),
    ("en", "BO", "Bolivia (Plurinational State of)", "in the Plurinational State of Bolivia"),
])
def test_lists_drop_the_article_and_sentences_use_it(real_tracker, language, code, short, name_in) -> None:
    row = _row(make_view(real_tracker, language, f"{language}/x/"), code)
    assert (row.name, row.name_in) == (short, name_in)


@pytest.mark.bundled
@pytest.mark.parametrize("language, code, formal_of", [
    ("en", "AR", "of the Argentine Republic"),
    ("fr", "AR", "de la République argentine"),
    ("fr", "BH", "du Royaume de Bahreïn"),
    ("fr", "AE", "des Émirats arabes unis"),
    ("fr", "IL", "de l’État d’Israël"),
    ("es", "AD", "del Principado de Andorra"),
    ("es", "AR", "de la República Argentina"),
])
def test_letters_address_the_state_by_its_formal_name(real_tracker, language, code, formal_of) -> None:
    assert _row(make_view(real_tracker, language, f"{language}/x/"), code).formal_of == formal_of


@pytest.mark.bundled
def test_rows_sort_uns_names_by_the_languages_alphabet(real_tracker) -> None:
    names = [row.name for row in make_view(real_tracker, "fr", "fr/etats/").rows]
    assert names.index("Égypte") < names.index("El Salvador") < names.index("Émirats arabes unis") < names.index(
        "Équateur")
    assert "Congo - Kinshasa" not in names and "République démocratique du Congo" in names


@pytest.mark.bundled
def test_a_language_the_names_lack_shows_english_marked_so_and_the_build_says_so(real_tracker) -> None:
    row = _row(make_view(real_tracker, "de", "de/staaten/"), "CD")
    assert row.name == FALLBACK_START + "Democratic Republic of the Congo" + FALLBACK_END
    assert row.formal_of == FALLBACK_START + "of the Democratic Republic of the Congo" + FALLBACK_END
    config = parse_config('title: {en: T, de: T}\nbase_url: "https://example.org/"\ndefault_language: en\n'
                          'languages:\n  - code: en\n  - code: de\n', "site.yaml")
    assert names_language_warnings(real_tracker, config) == [
        "data/un-names.yaml: 195 States have no 'de' names (AD, AE, AF, AG, AL, ...), so they are named in English "
        "until they do"]
    assert names_language_warnings(real_tracker, parse_config(
        'title: {en: T}\nbase_url: "https://example.org/"\ndefault_language: en\nlanguages:\n  - code: en\n',
        "site.yaml")) == []


@pytest.mark.bundled
def test_open_data_names_states_as_the_un_does(real_tracker) -> None:
    rows = {row["code"]: row for row in csv.DictReader(io.StringIO(open_data_csv(real_tracker).decode("utf-8")))}
    assert rows["CD"]["name"] == "Democratic Republic of the Congo"
    assert rows["BO"]["name"] == "Bolivia (Plurinational State of)"
    states = {state["code"]: state for state in json.loads(open_data_json(real_tracker, "https://example.org/"))[
        "states"]}
    assert states["CD"]["names"] == {
        "en": {"short": "Democratic Republic of the Congo", "article": "the",
               "formal": "the Democratic Republic of the Congo"},
        "es": {"short": "República Democrática del Congo", "article": "la",
               "formal": "la República Democrática del Congo"},
        "fr": {"short": "République démocratique du Congo", "article": "la",
               "formal": "la République démocratique du Congo"}}


@pytest.mark.bundled
def test_a_misspelt_code_is_matched_against_the_uns_names_in_every_language(real_tracker) -> None:
    known = {state.code: state for state in real_tracker.un_states}
    text = (FIXTURES / "states" / "unknown_code" / "states.yaml").read_text(encoding="utf-8")
    for written, hint in [("Fédération de Russie", "did you mean 'RU' (Russian Federation)?"),
                          ("Democratic Republic of Congo", "did you mean 'CD' (Democratic Republic of the Congo)?"),
                          ("Turkiye", "did you mean 'TR' (Türkiye)?")]:
        with pytest.raises(SiteErrors) as caught:
            parse_states(text.replace('"Grmany"', f'"{written}"'), "data/states.yaml", known, TODAY)
        assert hint in [error.hint for error in caught.value.errors], written


def _un_states():
    return parse_un_states((FIXTURES / "tracker" / UN_STATES_FILE).read_text(encoding="utf-8"), UN_STATES_FILE)


def test_every_problem_of_the_names_file_is_reported_with_its_line() -> None:
    text = (FIXTURES / "tracker" / UN_NAMES_FILE).read_text(encoding="utf-8")
    broken = (text.replace('"IS":', '"IX":')
              .replace("    en: {short: Uruguay,", "    de: {short: Uruguay,")
              .replace("  es:\n    in:", "  es:\n    inn:"))
    with pytest.raises(SiteErrors) as caught:
        parse_un_names(broken, UN_NAMES_FILE, _un_states())
    messages = [error.message for error in caught.value.errors]
    assert "forms.es: unknown key 'inn'" in messages
    assert "states: 'IX' is not one of the UN States of data/un-states.yaml" in messages
    assert "states.UY.de: there are no forms for 'de'" in messages
    assert "states.UY: no 'en' names" in messages
    assert "states: no names for IS" in messages
    assert all(error.line for error in caught.value.errors)


def test_a_fixture_site_names_states_as_the_un_does_on_pages_table_map_feed_and_letter(tmp_path: Path) -> None:
    from tests.conftest import make_site
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "tracker")
    build(site, tmp_path / "public")
    english = (tmp_path / "public" / "en" / "states" / "index.html").read_text(encoding="utf-8")
    assert "Holy See" in english and "Vatican" not in english  # table and map
    page = (tmp_path / "public" / "en" / "states" / "ar" / "index.html").read_text(encoding="utf-8")
    assert ">Argentina</h1>" in page
    assert "To the Minister of Foreign Affairs of the Argentine Republic" in page
    french = next((tmp_path / "public" / "fr").rglob("ar/index.html")).read_text(encoding="utf-8")
    assert ">Argentine</h1>" in french and "des Affaires étrangères de la République argentine" in french
    feed = (tmp_path / "public" / "en" / "states" / "feed.xml").read_text(encoding="utf-8")
    assert "<title>Argentina:" in feed
