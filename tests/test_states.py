"""Tests for ratify.states: the real data files, and one fixture folder per invalid states.yaml."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from ratify.datafile import parse_yaml
from ratify.errors import SiteError, SiteErrors
from ratify.model import Delay, EntryIntoForceRule, State, Tracker
from ratify.states import STATES_FILE, UN_STATES_FILE, parse_states, parse_un_states, read_states
from ratify.tracker import note_parts
from tests.conftest import bundled_data

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "states"
TODAY = datetime.date(2027, 1, 1)  # a fixed "today": tests must not depend on the clock
day = datetime.date.fromisoformat


@pytest.fixture(scope="module")
def tracker() -> Tracker:
    return read_states(ROOT, TODAY)


@pytest.fixture(scope="module")
def known_codes() -> dict:
    un_states = parse_un_states((ROOT / UN_STATES_FILE).read_text(encoding="utf-8"), UN_STATES_FILE)
    return {state.code: state for state in un_states}


def _state(tracker: Tracker, code: str) -> State:
    return next(state for state in tracker.states if state.code == code)


def _located(error: SiteError | SiteErrors) -> list[str]:
    """Each problem as the person reads it: 'path:line: message', and the hint on the next line."""
    errors = error.errors if isinstance(error, SiteErrors) else [error]
    return [str(e) for e in errors]


# The real data

@pytest.mark.bundled
def test_real_data_loads(tracker: Tracker) -> None:
    assert len(tracker.states) == len(bundled_data("states.yaml")["states"])
    assert [state.code for state in tracker.states] == sorted(state.code for state in tracker.states)
    treaty = tracker.treaty
    assert (treaty.adopted, treaty.adopted_by, treaty.opened_for_signature) == (
        day("2008-12-10"),
        "A/RES/63/117",
        day("2009-09-24"),
    )
    assert treaty.entry_into_force_rule == EntryIntoForceRule(instruments=10, after=Delay(3, "months"))
    assert treaty.denunciation_delay == Delay(6, "months")
    assert [(each.article, each.opt) for each in treaty.declarations] == [("10", "in"), ("11", "in")]
    assert treaty.languages == ("en", "fr", "es")
    assert treaty.name["fr"] == ("Protocole facultatif se rapportant au Pacte international relatif aux droits "
                                 "économiques, sociaux et culturels")
    assert treaty.monitoring_body["es"] == "el Comité de Derechos Económicos, Sociales y Culturales"
    assert (treaty.hashtag, dict(treaty.articles)) == (
        "OPICESCR", {"who_may_join": "17", "entry_into_force": "18", "denunciation": "20"})
    assert treaty.depositary.reference == "IV-3-a"
    totals = treaty.depositary_totals
    assert (totals.signatories, totals.parties, totals.as_of_or_later) == (46, 29, day("2024-02-05"))
    assert len(tracker.sources) == len(bundled_data("states.yaml")["sources"])


@pytest.mark.bundled
def test_real_data_has_nothing_after_the_day_it_was_last_checked() -> None:
    # South Sudan acceded on 2024-02-05: on the day before, that date and every later fact are in the future.
    with pytest.raises(SiteErrors) as caught:
        read_states(ROOT, day("2024-02-04"))
    # Messages only: the lines move whenever someone adds a State.
    assert [error.message for error in caught.value.errors] == [
        "treaty.depositary: 'last_checked' 2026-11-30 is after today (2024-02-04)",
        "treaty.depositary_totals: 'as_of_or_later' 2024-02-05 is after today (2024-02-04)",
        "treaty.parties_reported (2024-02-12): 'as_of' 2024-02-12 is after today (2024-02-04)",
        "treaty.parties_reported (2024-09-30): 'as_of' 2024-09-30 is after today (2024-02-04)",
        "treaty.parties_reported (2025-09): 'as_of' 2025-09-01 is after today (2024-02-04)",
        "SS: acceded on 2024-02-05, which is after today (2024-02-04)",
    ]
    read_states(ROOT, day("2026-11-30"))


@pytest.mark.bundled
def test_un_states_are_the_193_members_and_2_observers(tracker: Tracker) -> None:
    assert len(tracker.un_states) == 195
    kinds = [state.kind for state in tracker.un_states]
    assert (kinds.count("member"), kinds.count("observer")) == (193, 2)
    by_code = {state.code: state for state in tracker.un_states}
    assert {code for code, state in by_code.items() if state.kind == "observer"} == {"PS", "VA"}
    assert by_code["NO"].name == "Norway"  # unquoted, YAML would have read NO as false
    assert by_code["GB"].aliases == ("UK",) and by_code["GR"].aliases == ("EL",)


@pytest.mark.bundled
def test_every_code_in_states_yaml_is_a_un_state() -> None:
    # Read both files raw, so this holds even if the loader stopped checking codes.
    states = parse_yaml((ROOT / STATES_FILE).read_text(encoding="utf-8"), STATES_FILE)["states"]
    un = parse_yaml((ROOT / UN_STATES_FILE).read_text(encoding="utf-8"), UN_STATES_FILE)
    un_codes = {entry["code"] for entry in un["member_states"] + un["observer_states"]}
    codes = [entry["code"] for entry in states]
    assert len(codes) == len(set(codes)) == len(bundled_data("states.yaml")["states"])
    assert set(codes) <= un_codes


@pytest.mark.bundled
def test_gaps_are_kept_as_gaps(tracker: Tracker) -> None:
    niger, san_marino, portugal, macedonia = (_state(tracker, c) for c in ("NE", "SM", "PT", "MK"))
    assert (niger.party, niger.consent, niger.consent_kind, niger.signatory) == (True, day("2014-11-07"), None, False)
    assert (san_marino.party, san_marino.consent, san_marino.consent_kind) == (True, None, None)
    assert (portugal.signatory, portugal.signed, portugal.consent_kind) == (True, None, "ratification")
    assert (macedonia.signatory, macedonia.signed, macedonia.party) == (True, None, False)
    for state in (niger, san_marino, portugal, macedonia):
        assert state.note, f"{state.code} keeps the note that explains its gap"
    belgium = _state(tracker, "BE")
    assert dict(belgium.declarations) == {"10": True, "11": True}
    germany = _state(tracker, "DE")
    assert dict(germany.declarations) == {"10": False, "11": False}  # a source says it made none: not a gap
    assert {tuple(s.declarations.values()) for s in tracker.states if s.code not in ("BE", "DE")} == {(None, None)}
    assert {s.denounced for s in tracker.states} == {None}  # no State has denounced the Protocol


# Invalid files: one folder each, every problem with its file and line

INVALID = {
    "before_treaty": [
        'data/states.yaml:44: CL: signed on 2009-09-23, before the treaty opened for signature on 2009-09-24',
        'data/states.yaml:47: HN: acceded on 2008-12-09, before the treaty was adopted on 2008-12-10',
    ],
    "duplicate_state": [
        "data/states.yaml:47: 'ES' is listed twice (first on line 43)",
    ],
    "future_date": [
        'data/states.yaml:44: KE: signed on 2031-09-24, which is after today (2027-01-01)'
        "\n    " 'record only what has happened',
    ],
    "impossible_date": [
        "data/states.yaml:45: '2013-02-30' is not a real date (day is out of range for month)"
        "\n    " 'write dates as YYYY-MM-DD, e.g. 2013-05-05',
    ],
    "missing_treaty_field": [
        "data/states.yaml:1: treaty: 'adopted_by' is missing"
        "\n    " "add a line 'adopted_by: ...'",
    ],
    "quoted_date": [
        'data/states.yaml:44: GH: \'signed\' must be a date like 2013-05-05 or unknown, got "2009-09-24"'
        "\n    " 'remove the quotes around the date',
    ],
    "ratified_and_acceded": [
        'data/states.yaml:46: HN: both ratified and acceded; a State does one or the other'
        "\n    " 'keep the one the source gives',
        'data/states.yaml:46: HN: both signed and acceded; a State that signed joins by ratifying'
        "\n    " "if it signed, write 'ratified:' instead of 'acceded:'; if it never signed, remove 'signed:'",
    ],
    "ratified_before_signed": [
        'data/states.yaml:45: EC: ratified on 2009-09-24, before it signed on 2010-06-11',
    ],
    "ratified_or_acceded_and_ratified": [
        "data/states.yaml:46: NE: 'ratified_or_acceded' is for when the kind is not known, but 'ratified' is given too"
        "\n    " "keep 'ratified' and remove 'ratified_or_acceded'",
    ],
    "ratified_without_signature": [
        'data/states.yaml:44: PT: ratified without a signature'
        "\n    " "a State signs before it ratifies: add 'signed:' with its date, or 'signed: unknown'; "
        "a State that never signed accedes",
    ],
    "several_problems": [
        "data/states.yaml:45: SK: unknown key 'ratifed'"
        "\n    " "did you mean 'ratified'?",
        "data/states.yaml:47: 'SK' is listed twice (first on line 43)",
        'data/states.yaml:48: SK: signed on 2031-01-01, which is after today (2027-01-01)'
        "\n    " 'record only what has happened',
        'data/states.yaml:50: states: \'code\' must be the ISO 3166-1 code of a UN Member or observer State, got "uy"'
        "\n    " "did you mean 'UY'?",
        "data/states.yaml:50: states: 'source' is missing"
        "\n    " "add a line 'source: ...'",
    ],
    "signed_and_acceded": [
        'data/states.yaml:45: DE: both signed and acceded; a State that signed joins by ratifying'
        "\n    " "if it signed, write 'ratified:' instead of 'acceded:'; if it never signed, remove 'signed:'",
    ],
    "unknown_code": [
        'data/states.yaml:43: states: \'code\' must be the ISO 3166-1 code of a UN Member or observer State, got "UK"'
        "\n    " "did you mean 'GB'?",
        'data/states.yaml:46: states: \'code\' must be the ISO 3166-1 code of a UN Member or observer State, '
        'got "Grmany"'
        "\n    " "did you mean 'DE' (Germany)?",
        'data/states.yaml:49: states: \'code\' must be the ISO 3166-1 code of a UN Member or observer State, got "XX"'
        "\n    " 'the codes are listed in data/un-states.yaml',
    ],
    "unknown_key": [
        "data/states.yaml:45: MN: unknown key 'ratifed'"
        "\n    " "did you mean 'ratified'?",
    ],
    "unknown_source": [
        'data/states.yaml:45: GT: \'source\' must be the id of a source listed under sources:, got "un-mtdsg"'
        "\n    " "did you mean 'un-mtdsg-en'?",
    ],
    "test_copy_source": [
        'data/states.yaml:42: source \'ohchr\': \'url\' must be the address of the published page, not of a test copy '
        'or a placeholder, got "https://web.test.ohchr.un-icc.cloud/EN/NewYork/Stories/Pages/x.aspx"'
        "\n    " "cite the page on its publisher's own host (www.ohchr.org, not web.test.ohchr.un-icc.cloud)",
    ],
    "wrong_type": [
        'data/states.yaml:46: BE: \'declarations.10\' must be true, false or unknown, got "yes please"'
        "\n    " 'true: the State made the declaration; false: a source says it did not; unknown: not known',
        'data/states.yaml:47: BE: \'denounced\' must be a date like 2013-05-05, got "2020-01-01"'
        "\n    " 'remove the quotes around the date',
    ],
    "unknown_declaration": [
        'data/states.yaml:46: BE: \'declarations\' names article "12", which is not one of treaty.declarations'
        "\n    " 'the treaty\'s declarations are: "10", "11"',
    ],
    "denounced_wrongly": [
        "data/states.yaml:45: BE: denounced without being a party"
        "\n    " "only a party can denounce: add the day it joined",
        "data/states.yaml:50: EC: denounced on 2010-01-01, before it joined on 2010-06-11",
    ],
    "bad_treaty": [
        "data/states.yaml:10: treaty.entry_into_force: 'after' must give either days or months, got days and months"
        "\n    " "for example  after: {months: 3}  or  after: {days: 90}",
        'data/states.yaml:13: treaty.declarations (article 10): \'opt\' must be "in" or "out", got "maybe"'
        "\n    " "in: the procedure applies to a State once it declares it accepts it; out: unless it declares it does not",
        "data/states.yaml:18: treaty.wording: 'party.en' uses the placeholder {treaty}, which this sentence does not have"
        "\n    " "its placeholders are {name}, {short_name}, {adopting_body}, {monitoring_body}, {resolution}, {hashtag}",
    ],
    "extra_language": [
        "data/states.yaml:7: treaty.monitoring_body: 'fr' is not a language of treaty.name (en)"
        "\n    " "add the language to treaty.name, or remove the line",
    ],
}


@pytest.mark.bundled
@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_states_file(case: str, known_codes: dict) -> None:
    text = (FIXTURES / case / "states.yaml").read_text(encoding="utf-8")
    with pytest.raises((SiteError, SiteErrors)) as caught:
        parse_states(text, STATES_FILE, known_codes, TODAY)
    assert _located(caught.value) == INVALID[case]


def test_every_fixture_folder_has_a_case() -> None:
    assert sorted(path.name for path in FIXTURES.iterdir() if path.is_dir()) == sorted(INVALID)


@pytest.mark.bundled
def test_a_code_written_as_the_editor_writes_it_unquoted_is_read_as_that_code(known_codes: dict) -> None:
    """YAML 1.1 read NO (Norway) as false; the editor in the browser writes YAML 1.2, which leaves it unquoted."""
    text = (FIXTURES / "unknown_code" / "states.yaml").read_text(encoding="utf-8")
    states = text[:text.index("\nstates:")] + "\nstates:\n  - code: NO\n    signed: 2009-09-24\n    source: un-mtdsg-en\n"
    tracker = parse_states(states, STATES_FILE, known_codes, TODAY)
    assert [(state.code, state.signed) for state in tracker.states] == [("NO", datetime.date(2009, 9, 24))]


def test_un_states_problems_are_reported_together() -> None:
    text = 'member_states:\n  - {code: "FR", name: "France", admitted: 1945}\n  - {code: "FR", name: "Fr"}\n' \
        'observer_states:\n  - {code: va, name: "Holy See", admited: 1}\n'
    with pytest.raises(SiteErrors) as caught:
        parse_un_states(text, UN_STATES_FILE)
    assert _located(caught.value) == [
        "data/un-states.yaml:3: 'FR' is listed twice (first on line 2)",
        "data/un-states.yaml:3: FR: 'admitted' is missing\n    add a line 'admitted: ...'",
        "data/un-states.yaml:5: observer_states: 'code' must be a two-letter code in quotes like \"DE\", got \"va\"\n"
        "    write the two-letter code in capitals and quotes, e.g. \"DE\"",
        "data/un-states.yaml:5: observer_states: unknown key 'admited'\n    known keys: code, name, aliases",
    ]


def test_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(SiteError) as caught:
        read_states(tmp_path, TODAY)
    assert _located(caught.value) == ["data/un-states.yaml: file not found\n    the site needs data/un-states.yaml"]


@pytest.mark.bundled
def test_a_treaty_opened_before_it_was_adopted_is_refused(known_codes: dict) -> None:
    text = (FIXTURES / "duplicate_state" / "states.yaml").read_text(encoding="utf-8")
    text = text.replace("opened_for_signature: 2009-09-24", "opened_for_signature: 2008-12-09")
    with pytest.raises(SiteErrors) as caught:
        parse_states(text, STATES_FILE, known_codes, TODAY)
    assert _located(caught.value)[0] == (
        "data/states.yaml:6: treaty: opened for signature on 2008-12-09, before it was adopted on 2008-12-10")


def test_every_text_of_the_treaty_has_the_languages_of_its_name(known_codes: dict) -> None:
    text = (FIXTURES / "before_treaty" / "states.yaml").read_text(encoding="utf-8")
    text = text.replace('name: {en: "Convention on the Right to Test"}',
                        'name: {en: "Convention on the Right to Test", fr: "Convention sur le droit d’essayer"}')
    with pytest.raises(SiteErrors) as caught:
        parse_states(text, STATES_FILE, known_codes, TODAY)
    located = _located(caught.value)
    assert located[0] == ("data/states.yaml:3: treaty.short_name: no text in 'fr'\n"
                          "    every text of the treaty is given in the languages of treaty.name: en, fr")
    first_lines = [line.split("\n")[0] for line in located]
    assert "data/states.yaml:16: treaty.wording.status_title: no text in 'fr'" in first_lines
    assert len(located) == 3 + 2 + 22  # short_name, adopted_by.body, monitoring_body, 2 labels, every sentence


# Who may join (article 17): the treaty's data against its prerequisite's (data/covenant.yaml)

def _site_with(tmp_path: Path, covenant: dict[str, str] | None = None, states: dict[str, str] | None = None) -> Path:
    """A copy of the real data/ in tmp_path, with text replaced in covenant.yaml and states.yaml (old -> new)."""
    (tmp_path / "data").mkdir()
    for name, changes in (("covenant.yaml", covenant), ("states.yaml", states), ("un-states.yaml", None), ("un-names.yaml", None)):
        text = (ROOT / "data" / name).read_text(encoding="utf-8")
        for old, new in (changes or {}).items():
            assert text.count(old) == 1, old
            text = text.replace(old, new)
        (tmp_path / "data" / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.bundled
def test_the_covenant_gives_every_un_state_a_standing_with_its_source(tracker: Tracker) -> None:
    covenant = tracker.prerequisite
    assert covenant is not None and covenant.as_of == day("2024-09-30")
    assert len(covenant.states) == 195
    standings = [state.standing for state in covenant.states.values()]
    assert (standings.count("party"), standings.count("signatory"), standings.count("none")) == (172, 4, 19)
    assert {state.source for state in covenant.states.values()} <= {source.id for source in covenant.sources}
    assert tracker.treaty.prerequisite.data == "data/covenant.yaml"
    assert tracker.treaty.prerequisite.name["es"] == ("Pacto Internacional de Derechos Económicos, Sociales y "
                                                      "Culturales")


@pytest.mark.bundled
@pytest.mark.parametrize("covenant, states, message", [
    # Germany, a party to the Protocol, made only a signatory of the Covenant
    ({'{code: "DE", status: party, year: 1973,': '{code: "DE", status: signatory, year: 1973,'}, None,
     "DE: recorded as a party, but data/covenant.yaml line {line} says it is only a signatory of the ICESCR"),
    # Chile, a signatory of the Protocol, made a State that neither signed nor joined the Covenant
    ({'{code: "CL", status: party, year: 1972,': '{code: "CL", status: none,'}, None,
     "CL: recorded as a signatory, but data/covenant.yaml line {line} says it has neither signed nor joined the "
     "ICESCR"),
    # Ecuador left out of the Covenant's file: nothing can be said of its right to join
    ({'  - {code: "EC", status: party, year: 1969, source: datalab-icescr}   # Ecuador\n': ""}, None,
     "EC: it signed or joined the treaty, but data/covenant.yaml does not say whether it signed or joined the "
     "ICESCR"),
    # South Sudan joining the Protocol in 2023, before it joined the Covenant in 2024
    (None, {"acceded: 2024-02-05": "acceded: 2023-02-05"},
     "SS: joined on 2023-02-05, before it became a party to the ICESCR in 2024 (data/covenant.yaml line {line})"),
])
def test_a_party_or_signatory_outside_the_covenant_is_an_error(tmp_path: Path, covenant: dict | None,
                                                                states: dict | None, message: str) -> None:
    root = _site_with(tmp_path, covenant, states)
    with pytest.raises(SiteErrors) as caught:
        read_states(root, TODAY)
    [error] = caught.value.errors
    code = message[:2]
    lines = (root / "data" / "covenant.yaml").read_text(encoding="utf-8").splitlines()
    line = next((number for number, text in enumerate(lines, 1) if f'code: "{code}"' in text), None)
    assert error.message == message.format(line=line)
    states_lines = (root / STATES_FILE).read_text(encoding="utf-8").splitlines()
    state_line = next(number for number, text in enumerate(states_lines, 1) if text.startswith(f'  - code: "{code}"'))
    assert (error.path, error.line) == (STATES_FILE, state_line)  # where the State's entry is


@pytest.mark.bundled
def test_the_covenant_file_is_checked_like_the_others(tmp_path: Path) -> None:
    root = _site_with(tmp_path, covenant={
        '{code: "AD", status: none,': '{code: "AX", status: none,',
        '{code: "AE", status: none, source: datalab-icescr}': '{code: "AE", status: neither, source: datalab}',
        "as_of: 2024-09-30": "as_of: 2031-09-30",
    })
    with pytest.raises(SiteErrors) as caught:
        read_states(root, TODAY)
    assert [error.message for error in caught.value.errors] == [
        "'as_of' 2031-09-30 is after today (2027-01-01)",
        "AX: 'code' must be the ISO 3166-1 code of a UN Member or observer State, got \"AX\"",
        "AE: 'source' must be the id of a source listed under sources:, got \"datalab\"",
        "AE: 'status' must be \"party\", \"signatory\" or \"none\", got \"neither\"",
    ]
    assert {error.path for error in caught.value.errors} == {"data/covenant.yaml"}


@pytest.mark.bundled
def test_a_treaty_with_a_prerequisite_says_what_a_state_outside_it_can_do(tmp_path: Path) -> None:
    text = (ROOT / STATES_FILE).read_text(encoding="utf-8")
    start = text.index("    step_prerequisite_none:")
    end = text.index("    ask_prerequisite_none:")
    root = _site_with(tmp_path, states={text[start:end]: ""})
    with pytest.raises(SiteErrors) as caught:
        read_states(root, TODAY)
    assert [error.message for error in caught.value.errors] == ["treaty.wording: 'step_prerequisite_none' is missing"]
    assert "{prerequisite}" in caught.value.errors[0].hint


# A source's title in several languages

TRACKER_STATES = Path(__file__).resolve().parent / "fixtures" / "tracker" / "data" / "states.yaml"  # in en and fr
WRITTEN_TITLE = '    title: "UN <Treaty> Collection & co"\n'


def _with_title(title_lines: str) -> str:
    return _replacing(WRITTEN_TITLE, title_lines)


def _replacing(written: str, lines: str) -> str:
    """The tracker fixture's states.yaml with the `written` lines replaced by `lines`."""
    text = TRACKER_STATES.read_text(encoding="utf-8")
    assert written in text
    return text.replace(written, lines)


def test_a_title_given_per_language_is_shown_in_each_and_in_english_elsewhere(known_codes: dict) -> None:
    text = _with_title('    title:\n      en: "UN Treaty Collection"\n'
                       '      fr: "Collection des traités des Nations Unies"\n')
    source = parse_states(text, STATES_FILE, known_codes, TODAY).source("un")
    assert source.title == "UN Treaty Collection"  # the English one: open data gives it
    assert (source.title_in("fr"), source.title_language("fr")) == ("Collection des traités des Nations Unies", "fr")
    assert (source.title_in("en"), source.title_language("en")) == ("UN Treaty Collection", "en")
    assert (source.title_in("es"), source.title_language("es")) == ("UN Treaty Collection", "en")


def test_a_title_given_as_one_text_is_english_in_every_language(known_codes: dict) -> None:
    source = parse_states(TRACKER_STATES.read_text(encoding="utf-8"), STATES_FILE, known_codes, TODAY).source("un")
    assert source.title == "UN <Treaty> Collection & co"
    assert [(source.title_in(code), source.title_language(code)) for code in ("en", "fr")] == [
        ("UN <Treaty> Collection & co", "en"), ("UN <Treaty> Collection & co", "en")]


# Each mistake in a title given per language, as the lines written, and what is reported
WRONG_TITLES = [
    ('    title:\n      en: "UN Treaty Collection"\n      fe: "Collection des traités"\n',
     ["data/states.yaml:50: source 'un': title: unknown key 'fe'\n"
      "    a title is given in English and the languages of treaty.name: en, fr"]),
    ('    title:\n      en: "UN Treaty Collection"\n      FR: "Collection des traités"\n',
     ["data/states.yaml:50: source 'un': title: unknown key 'FR'\n    did you mean 'fr'?"]),
    ('    title:\n      en: "UN Treaty Collection"\n      de: "Vertragssammlung der Vereinten Nationen"\n',
     ["data/states.yaml:50: source 'un': title: unknown key 'de'\n"
      "    a title is given in English and the languages of treaty.name: en, fr"]),
    ('    title:\n      en: "UN Treaty Collection"\n      fr: ""\n',
     ["data/states.yaml:50: source 'un': title: 'fr' is empty"]),
    ('    title:\n      en: "UN Treaty Collection"\n      fr:\n',
     ["data/states.yaml:50: source 'un': title: 'fr' has no value\n"
      "    write its value after 'fr:', or remove the line"]),
    ('    title:\n      fr: "Collection des traités des Nations Unies"\n',
     ["data/states.yaml:48: source 'un': title: 'en' is missing\n"
      "    add a line 'en: ...': the English title is shown where a language has none"]),
    ('    title: ""\n', ["data/states.yaml:48: source 'un': 'title' is empty"]),
    ('    title: ["UN Treaty Collection"]\n',
     ["data/states.yaml:48: source 'un': 'title' must be a text, or one text per language, one 'en: ...' line each, "
      "got a list"]),
]


@pytest.mark.bundled
def test_every_source_of_the_bundled_data_is_described_in_french_and_spanish(tracker: Tracker) -> None:
    """A reader meets each source in the page's language; a title it quotes keeps the page's quotation marks."""
    sources = (*tracker.sources, *tracker.prerequisite.sources)
    assert len(sources) == 23 + 16
    for source in sources:
        assert sorted(source.titles) == ["en", "es", "fr"], source.id
        french, spanish = source.titles["fr"], source.titles["es"]
        assert not {'"', "“", "”"} & set(french) and '"' not in spanish, source.id
        assert french.count("«\u202f") == french.count("\u202f»") == french.count("«") == french.count("»"), source.id
        assert spanish.count("“") == spanish.count("”") and "«" not in spanish, source.id


# A State's note in several languages

WRITTEN_NOTE = '    note: "=HYPERLINK(\\"http://evil.example\\") <script>alert(1)</script>"\n'


def _with_note(note_lines: str) -> str:
    return _replacing(WRITTEN_NOTE, note_lines)


def test_a_note_given_per_language_is_read_in_each_and_english_is_its_note(known_codes: dict) -> None:
    text = _with_note('    note:\n      en: "un gives the day."\n      fr: "un donne le jour."\n')
    argentina = _state(parse_states(text, STATES_FILE, known_codes, TODAY), "AR")
    assert argentina.note == "un gives the day."  # the English one: open data gives it
    assert dict(argentina.notes) == {"en": "un gives the day.", "fr": "un donne le jour."}
    assert (argentina.note_in("fr"), argentina.note_in("en"), argentina.note_in("es")) == (
        "un donne le jour.", "un gives the day.", None)


def test_a_note_given_as_one_text_is_english_only(known_codes: dict) -> None:
    argentina = _state(parse_states(_with_note('    note: "un gives the day."\n'), STATES_FILE, known_codes, TODAY),
                       "AR")
    assert (argentina.note, dict(argentina.notes), argentina.note_in("fr")) == (
        "un gives the day.", {"en": "un gives the day."}, None)
    kazakhstan = _state(parse_states(_with_note(""), STATES_FILE, known_codes, TODAY), "KZ")
    assert (kazakhstan.note, dict(kazakhstan.notes), kazakhstan.note_in("en")) == (None, {}, None)


def test_a_note_in_another_language_alone_is_read_and_pages_link_to_it(known_codes: dict) -> None:
    """The editor in the browser saves a note written in French alone as `note: {fr: ...}`: the build takes it
    (English pages link to it, the translation report lists the English as missing), never refuses it."""
    argentina = _state(parse_states(_with_note('    note:\n      fr: "un donne le jour."\n'), STATES_FILE,
                                    known_codes, TODAY), "AR")
    assert (argentina.note, dict(argentina.notes), argentina.note_language) == (
        None, {"fr": "un donne le jour."}, "fr")


WRONG_NOTES = [
    ('    note:\n      en: "un gives the day."\n      fe: "un donne le jour."\n',
     ["data/states.yaml:57: AR: note: unknown key 'fe'\n"
      "    a note is given in English and the languages of treaty.name: en, fr"]),
    ('    note:\n      en: "un gives the day."\n      FR: "un donne le jour."\n',
     ["data/states.yaml:57: AR: note: unknown key 'FR'\n    did you mean 'fr'?"]),
    ('    note:\n      en: "un gives the day."\n      fr: ""\n', ["data/states.yaml:57: AR: note: 'fr' is empty"]),
    ('    note: ""\n', ["data/states.yaml:55: AR: 'note' is empty"]),
    ('    note: {}\n', ["data/states.yaml:55: AR: note: no text in any language\n"
                       "    write it in English at least ('en: ...'), or leave 'note' out"]),
    ('    note: ["un gives the day."]\n',
     ["data/states.yaml:55: AR: 'note' must be a text, or one text per language, one 'en: ...' line each, "
      "got a list"]),
]


@pytest.mark.parametrize("edit, lines, expected", [*((_with_title, *case) for case in WRONG_TITLES),
                                                   *((_with_note, *case) for case in WRONG_NOTES)])
def test_a_wrong_title_or_note_is_reported_at_its_line(edit, lines: str, expected: list[str],
                                                       known_codes: dict) -> None:
    """A source's title and a State's note are given the same way, and told wrong the same way."""
    with pytest.raises((SiteError, SiteErrors)) as caught:
        parse_states(edit(lines), STATES_FILE, known_codes, TODAY)
    assert _located(caught.value) == expected


@pytest.mark.bundled
def test_every_note_of_the_bundled_data_is_written_in_french_and_spanish(tracker: Tracker) -> None:
    """Each names the same sources as the English, and keeps the page's quotation marks and French spacing."""
    noted = [state for state in tracker.states if state.note]
    assert len(noted) == 16
    for state in noted:
        assert sorted(state.notes) == ["en", "es", "fr"], state.code
        named = {language: sorted({source.id for _, source in note_parts(text, tracker.sources) if source})
                 for language, text in state.notes.items()}
        assert named["fr"] == named["es"] == named["en"], state.code
        french, spanish = state.notes["fr"], state.notes["es"]
        assert not {'"', "“", "”", "'"} & set(french) and not {'"', "«", "'"} & set(spanish), state.code
        assert not re.search(r"[ \u00a0][;:!?»]|«[ \u00a0]", french), state.code
        assert not re.search(r"\w[;!?]|[^\W\d][:]|«\w|\w»", french), state.code  # U+202F before ; : ! ? and inside « »
