"""The tracker as the public sees it: figures, rows in each alphabet, widgets in Markdown, State pages, open data."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from ratify.check import check_output
from ratify.errors import SiteErrors
from ratify.i18n import make_environment, read_catalogs
from ratify.config import parse_config
from ratify.model import FALLBACK_END, FALLBACK_START, Language, PublicFigure, ReportedCount
from ratify.pipeline import build, load
from ratify.states import read_states
from ratify.tracker import (collation_key, figure, make_view, open_data_csv, open_data_json, parse_day,
                            treaty_language_warnings)
from tests.conftest import FIXTURES, REPO, make_site, read_tree, run_cli, un_state_count
from tests.golden import build_fixture

ATOM = {"a": "http://www.w3.org/2005/Atom"}
TODAY = datetime.date(2027, 1, 1)


@pytest.fixture(scope="module")
def tracker_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("tracker")
    site = make_site(folder / "site", FIXTURES / "site", FIXTURES / "tracker")
    build(site, folder / "public", today=TODAY)
    return read_tree(folder / "public")


@pytest.fixture(scope="module")
def real_tracker():
    return read_states(REPO, TODAY)


def html(output: dict[str, bytes], path: str) -> str:
    return output[path].decode("utf-8")


def test_accents_do_not_send_names_to_the_end() -> None:
    names = ["Zambie", "Équateur", "Espagne", "Égypte", "Islande", "Îles Salomon", "Estonie"]
    assert sorted(names, key=collation_key) == [
        "Égypte", "Équateur", "Espagne", "Estonie", "Îles Salomon", "Islande", "Zambie"]


@pytest.mark.bundled
def test_rows_list_every_un_state_in_the_order_of_each_language(real_tracker) -> None:
    french = make_view(real_tracker, "fr", "fr/etats/")
    spanish = make_view(real_tracker, "es", "es/estados/")
    assert len(french.rows) == un_state_count()
    names = [row.name for row in french.rows]
    assert names.index("Équateur") < names.index("Érythrée") < names.index("Espagne") < names.index("Fidji")
    assert next(row for row in spanish.rows if row.code == "IS").name == "Islandia"
    assert next(row for row in french.rows if row.code == "EC").url_path == "fr/etats/ec/"


@pytest.mark.bundled
def test_status_on_the_campaigns_date_is_computed_and_shown_as_a_lower_bound(real_tracker) -> None:
    view = make_view(real_tracker, "en", "en/states/")
    day = datetime.date(2012, 11, 1)
    # The campaign counted 41 and 8 that day; the data dates 40 signatures (Portugal's is not known).
    assert figure(view, "signatories", day) == (40, True)
    assert figure(view, "parties", day) == (8, True)  # San Marino's day is unknown, so this is "at least"
    # Before the newest act, undated parties (San Marino, Albania) may belong: a lower bound; from it, all 29.
    assert figure(view, "parties", datetime.date(2023, 4, 20)) == (26, True)
    assert figure(view, "parties", datetime.date(2024, 2, 5)) == (29, False)
    assert view.entry_into_force == datetime.date(2013, 5, 5)


@pytest.mark.bundled
@pytest.mark.parametrize("value, message", [
    ("2013-02-30", "'2013-02-30' is not a date like 2012-11-01, nor one of adoption, entry-into-force, opening, today"),
    ("yesterday", "'yesterday' is not a date like 2012-11-01, nor one of adoption, entry-into-force, opening, today"),
])
def test_shortcode_days_are_checked(real_tracker, value: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_day(value, make_view(real_tracker, "en", "en/states/"))
    assert str(caught.value) == message


@pytest.mark.bundled
def test_open_data_matches_the_yaml(real_tracker) -> None:
    document = json.loads(open_data_json(real_tracker, "https://example.org/"))
    rows = list(csv.DictReader(io.StringIO(open_data_csv(real_tracker).decode())))
    assert len(document["states"]) == len(rows) == len(real_tracker.states)
    for state, record, row in zip(real_tracker.states, document["states"], rows):
        assert record["code"] == row["code"] == state.code
        assert record["signed"] == (state.signed.isoformat() if state.signed else None)
        assert row["consent"] == (state.consent.isoformat() if state.consent else "")
        assert record["party"] is state.party and row["party"] == ("true" if state.party else "false")
    assert document["treaty"]["entry_into_force"] == "2013-05-05"
    assert document["treaty"]["depositary_totals"] == {"signatories": 46, "parties": 29,
                                                       "as_of_or_later": "2024-02-05", "source": "un-mtdsg-en"}
    assert document["treaty"]["depositary"]["last_checked"] == "2026-11-30"
    assert document["treaty"]["parties_reported"][-1] == {"parties": 31, "as_of": "2025-09",
                                                          "source": "ungeneva-2025-09"}
    assert document["as_of"] == "2024-02-05"
    assert {source["id"] for source in document["sources"]} >= {state.source for state in real_tracker.states}
    # A source's title as before, in English, though the data describes it in French and Spanish too.
    first = real_tracker.sources[0]
    assert document["sources"][0] == {"id": "un-mtdsg-en", "url": first.url, "as_of": first.as_of,
                                      "title": "UN Treaty Collection, MTDSG ch. IV-3-a (English status page)"}
    # The treaty's rules and wording, and each State's declarations by article, as the data gives them.
    treaty = document["treaty"]
    assert treaty["entry_into_force_rule"] == {"instruments": 10, "after": {"months": 3}}
    assert treaty["denunciation_rule"] == {"after": {"months": 6}}
    assert [declaration["article"] for declaration in treaty["declarations"]] == ["10", "11"]
    assert treaty["short_name"]["en"] == "OP-ICESCR" and treaty["adopted_by"] == "A/RES/63/117"
    belgium = next(record for record in document["states"] if record["code"] == "BE")
    assert (belgium["declarations"], belgium["denounced"]) == ({"10": True, "11": True}, None)
    assert list(rows[0])[7:11] == ["declaration_10", "declaration_11", "denounced", "denunciation_effective"]
    assert next(row for row in rows if row["code"] == "BE")["declaration_11"] == "true"
    # Article 17: each State's standing under the Covenant, and what it can do next, for every UN State.
    assert list(rows[0])[11:13] == ["prerequisite_status", "next_step"]
    assert {row["code"]: (row["prerequisite_status"], row["next_step"]) for row in rows
            if row["code"] in ("DE", "BE", "CL")} == {"BE": ("party", "party"), "CL": ("party", "signatory"),
                                                       "DE": ("party", "declare")}
    assert len(document["next_steps"]) == 195
    assert {code: document["next_steps"][code] for code in ("AD", "US", "KE")} == {
        "AD": "prerequisite_none", "US": "prerequisite_signatory", "KE": "none"}
    covenant = document["treaty"]["prerequisite"]
    assert (covenant["short_name"]["en"], covenant["as_of"], len(covenant["states"])) == ("ICESCR", "2024-09-30", 195)
    assert {source["id"] for source in covenant["sources"]} >= {state["source"] for state in covenant["states"]}


def test_every_state_has_a_page_in_every_language(tracker_site: dict[str, bytes]) -> None:
    for code in ("ar", "ec", "es", "is", "kz", "uy", "va"):
        assert f"en/states/{code}/index.html" in tracker_site
        assert f"fr/etats/{code}/index.html" in tracker_site
    page = html(tracker_site, "fr/etats/kz/index.html")
    assert "<h1>Kazakhstan</h1>" in page
    assert "Cet État a signé la Convention d’essai mais ne l’a pas encore ratifiée." in page  # from the data
    assert "Nous exhortons le Gouvernement à ratifier la Convention d’essai." in page
    assert '<link rel="alternate" hreflang="en" href="https://ratify-fixture.org/op/en/states/kz/">' in page
    assert '<a href="/op/en/states/kz/" hreflang="en" lang="en">English</a>' in page


# The fixture's treaty.wording: nobody knows what Argentina declared, Uruguay did not accept article 10, Ecuador
# accepts article 10 (opt in) and did not opt out of article 11.
@pytest.mark.parametrize("code, call", [
    ("is", "We urge the Government to join the Test Convention."),
    ("kz", "We urge the Government to ratify the Test Convention."),
    ("ar", "We ask the Government whether it has accepted every procedure of the CRT."),
    ("uy", "We urge the Government to accept every procedure of the CRT."),
    ("ec", "We urge the Government to make the Test Convention known."),
])
def test_the_call_to_action_follows_the_status(tracker_site: dict[str, bytes], code: str, call: str) -> None:
    assert call in html(tracker_site, f"en/states/{code}/index.html")


def test_data_from_yaml_is_escaped_in_every_output(tracker_site: dict[str, bytes]) -> None:
    page = html(tracker_site, "en/states/ar/index.html")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "UN &lt;Treaty&gt; Collection &amp; co" in page
    rows = list(csv.DictReader(io.StringIO(tracker_site["data/states.csv"].decode())))
    assert rows[0]["note"].startswith("'=HYPERLINK")  # not run as a formula by a spreadsheet
    assert json.loads(tracker_site["data/states.json"])["states"][0]["note"].startswith("=HYPERLINK")


def test_the_table_is_complete_without_javascript(tracker_site: dict[str, bytes]) -> None:
    page = html(tracker_site, "en/states/index.html")
    rows = re.findall(r'<tr data-status="(\w+)">\s*<th scope="row"><a href="([^"]+)">([^<]+)</a>', page)
    assert [(status, name) for status, _, name in rows] == [
        ("party", "Argentina"), ("party", "Ecuador"), ("none", "Holy See"), ("none", "Iceland"),
        ("signatory", "Kazakhstan"), ("none", "Spain"), ("party", "Uruguay")]
    assert '<time datetime="2013-02-05">5 Feb 2013</time>' in page
    assert "date not known" in page  # Uruguay's signature


STATUS_LABELS = ("State party", "Signatory", "Neither signatory nor party")


def test_a_status_is_named_in_one_template_only() -> None:
    templates = REPO / "templates"
    for template in sorted(templates.rglob("*.html")):
        if template.relative_to(templates).as_posix() != "macros/status.html":
            text = template.read_text(encoding="utf-8")
            assert not [label for label in STATUS_LABELS if f'"{label}"' in text], \
                f"{template.name} names a status itself: call templates/macros/status.html"


@pytest.mark.parametrize("language, labels", [("en", STATUS_LABELS),
                                              ("fr", ("État partie", "Signataire", "Ni signataire ni partie"))])
def test_the_status_macros_speak_the_language_without_a_page_context(language: str, labels: tuple) -> None:
    code = Language(code=language, locale=language, name="", direction="ltr", quotes=("“", "”"))
    translations = read_catalogs(REPO, (code,)).translations[language]
    macros = make_environment(REPO, code, translations).get_template("macros/status.html").module
    assert tuple(str(macros.status_label(status)) for status in ("party", "signatory", "none")) == labels
    assert str(macros.status_group("none")) == labels[2]
    legend = "States parties: 3" if language == "en" else "États parties\u202f: 3"
    assert str(macros.status_legend("party", "3")) == legend


def test_the_table_names_each_status_as_the_state_pages_do(tracker_site: dict[str, bytes]) -> None:
    table = html(tracker_site, "en/states/index.html")
    cells = dict(re.findall(r'<td class="status status-(\w+)">([^<]+)</td>', table))
    assert cells == dict(zip(("party", "signatory", "none"), STATUS_LABELS))
    for code, name, status in (("ec", "Ecuador", "party"), ("kz", "Kazakhstan", "signatory"),
                               ("is", "Iceland", "none")):
        page = html(tracker_site, f"en/states/{code}/index.html")
        assert f'<meta property="og:title" content="{name}: {cells[status]}">' in page


def test_widgets_fill_figures_from_the_data(tracker_site: dict[str, bytes]) -> None:
    page = html(tracker_site, "en/states/index.html")
    assert "On <time datetime=\"2010-12-31\">31 December 2010</time>: at least 3 signatories,\n1 parties." in page
    assert '<div><dt>States parties</dt><dd>3</dd></div>' in page
    assert '<time datetime="2012-01-24">24 January 2012</time>' in page  # 2 instruments, then 3 months
    assert '<svg class="timeline"' in page and 'role="img"' in page


def test_the_feed_is_atom_with_one_entry_per_dated_act(tracker_site: dict[str, bytes]) -> None:
    feed = ElementTree.fromstring(tracker_site["fr/etats/feed.xml"])
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    entries = feed.findall("a:entry", ATOM)
    assert len(entries) == 6  # 3 dated signatures + 3 ratifications; Uruguay's signature has no day
    titles = [entry.findtext("a:title", namespaces=ATOM) for entry in entries]
    assert titles[0] == "Uruguay : ratification".replace(" :", "\u202f:") or titles[0] == "Uruguay: ratification"
    assert len({entry.findtext("a:id", namespaces=ATOM) for entry in entries}) == 6
    assert feed.findtext("a:updated", namespaces=ATOM) == "2013-02-05T00:00:00Z"


def test_the_sitemap_lists_state_pages_and_links_are_sound(tracker_site: dict[str, bytes]) -> None:
    assert "https://ratify-fixture.org/op/fr/etats/kz/" in tracker_site["sitemap.xml"].decode()
    assert check_output(tracker_site, "https://ratify-fixture.org/op/") == []


def test_a_wrong_shortcode_is_an_error_at_its_line(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "tracker")
    page = site / "content" / "en" / "states.md"
    page.write_text(page.read_text().replace("{{< timeline >}}", "{{< timeline colour=red >}}\n\n{{< chart >}}"))
    result = run_cli("build", "--root", str(site), "--out", str(tmp_path / "public"))
    assert result.returncode == 1
    assert result.stderr.splitlines()[:4] == [
        "content/en/states.md:10: shortcode {{< timeline colour=red >}}: 'colour' is not an argument of "
        "'timeline' (it takes none)",
        "    see 'Shortcodes' in README.md",
        "content/en/states.md:12: shortcode {{< chart >}}: there is no shortcode 'chart'; there are: counter, "
        "date, figure, find, map, states, table, timeline",
        "    see 'Shortcodes' in README.md",
    ]


def test_a_future_date_in_the_data_stops_the_build(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "tracker")
    with pytest.raises(SiteErrors) as caught:
        load(site, today=datetime.date(2012, 1, 1))
    assert [str(error) for error in caught.value.errors] == [
        "data/states.yaml:44: treaty.depositary_totals: 'as_of_or_later' 2013-02-05 is after today (2012-01-01)\n"
        "    record only what has happened",
        "data/states.yaml:67: UY: ratified on 2013-02-05, which is after today (2012-01-01)\n"
        "    record only what has happened"]


@pytest.mark.bundled
def test_the_bundled_site_has_the_tracker_in_three_languages(built_site: Path) -> None:
    for states in ("en/states", "fr/etats", "es/estados"):
        assert len(list((built_site / states).glob("*/index.html"))) == un_state_count()
        ElementTree.parse(built_site / states / "feed.xml")
    home = (built_site / "fr" / "index.html").read_text()
    assert '<div class="counter" data-pagefind-ignore>' in home
    history = (built_site / "fr" / "protocole" / "historique" / "index.html").read_text()
    assert "signé par au moins 40 États et ratifié par au moins 8" in history


@pytest.mark.bundled
def test_the_map_has_one_shape_per_state_coloured_by_status(built_site: Path, real_tracker) -> None:
    page = (built_site / "es" / "estados" / "index.html").read_text()
    svg = page[page.index('<svg class="world-map"'):page.index("</svg>", page.index('<svg class="world-map"'))]
    found = {code: status for status, code in re.findall(r'class="state status-(\w+)(?: small)?"(?: fill="[^"]*")? data-code="(\w\w)"', svg)}
    view = make_view(real_tracker, "es", "es/estados/")
    assert found == {row.code: row.group for row in view.rows}
    assert len(found) == un_state_count()
    # The Covenant is a fourth status: 19 States that neither signed nor joined it and its 4 signatories (Comoros,
    # Cuba, Palau, United States) are not parties to it, and have done nothing about the Protocol.
    assert sum(status == "outside" for status in found.values()) == 23
    assert "Andorra: No es parte en el PIDESC" in svg
    assert '<a href="/es/estados/ec/" tabindex="-1">' in svg
    assert "Ecuador: Estado parte" in svg
    assert "<script" not in svg and "https://" not in svg.split("xmlns", 1)[-1].split(">", 1)[1]


@pytest.mark.bundled
def test_the_map_names_each_state_and_its_status_in_the_language_s_own_sentence(built_site: Path) -> None:
    """The tooltip, and the label a tap shows, use the catalog's "%(state)s: %(status)s": French puts a narrow
    no-break space before the colon."""
    french = (built_site / "fr" / "etats" / "index.html").read_text()
    assert "<title>Luxembourg\u202f: État partie</title>" in french
    assert "<title>Luxembourg: State party</title>" in (built_site / "en" / "states" / "index.html").read_text()


def test_a_map_shortcode_without_map_data_is_an_error(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "tracker")
    page = site / "content" / "en" / "states.md"
    page.write_text(page.read_text().replace("{{< timeline >}}", "{{< map >}}"))
    result = run_cli("build", "--root", str(site), "--out", str(tmp_path / "public"))
    assert result.stderr.splitlines()[0] == ("content/en/states.md:10: shortcode {{< map >}}: this site has no "
                                             "data/world-map.json (see scripts/make_world_map.py)")


# A generator, not a site: every word about the treaty and the organisation comes from the data

OP_ICESCR_WORDS = re.compile(r"ICESCR|Covenant|OPICESCR|ESCR-Net|Optional Protocol|Protocole facultatif|Coalition|"
                             r"Economic, Social|économiques|A/RES/63/117", re.IGNORECASE)


def test_a_site_for_another_treaty_says_nothing_of_the_op_icescr(tmp_path: Path) -> None:
    # The golden fixture: the "Convention on the Right to Test", campaigned for by "the Alliance".
    public = build_fixture(tmp_path)
    found = {}
    for path in sorted(public.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv", ".txt", ".js"):
            hits = OP_ICESCR_WORDS.findall(path.read_text(encoding="utf-8", errors="replace"))
            if hits:
                found[str(path.relative_to(public))] = sorted(set(hits))
    assert found == {}
    page = (public / "en" / "states" / "ec" / "index.html").read_text(encoding="utf-8")
    assert "Subject: the Convention on the Right to Test" in page  # the letter, from treaty.wording
    assert "adopted by the Assembly of Testers on 10 December 2008 (A/RES/99/1)" in page  # {adopted} from the data
    assert "<p>A campaign of the Alliance for the Right to Test.</p>" in page
    assert "hashtags=TestTreaty" in (public / "en" / "index.html").read_text(encoding="utf-8")


def test_the_table_has_a_column_for_each_declaration_of_the_treaty(tracker_site: dict[str, bytes]) -> None:
    page = html(tracker_site, "fr/etats/index.html")
    assert '<abbr title="Plaintes collectives, article 10">Art. 10</abbr>' in page
    assert '<abbr title="Enquêtes, article 11">Art. 11</abbr>' in page
    ecuador = html(tracker_site, "en/states/ec/index.html")
    # Article 11 is opt-out in the fixture: Ecuador did not opt out, so the procedure applies to it.
    assert "<dt>Inquiries (article 11)</dt><dd>accepted</dd>" in ecuador


def test_a_denunciation_shows_on_the_state_s_page(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "tracker", FIXTURES / "denunciation")
    build(site, tmp_path / "public", today=TODAY)
    page = (tmp_path / "public" / "en" / "states" / "ar" / "index.html").read_text(encoding="utf-8")
    assert "<dt>Denunciation</dt><dd>notified on 1 March 2015, effective on 1 September 2015</dd>" in page
    assert 'class="lead status-none"' in page  # the figures are as of the day it took effect
    assert "Argentina" not in re.findall(r'data-status="party">\s*<th scope="row"><a href="[^"]+">([^<]+)</a>',
                                         (tmp_path / "public" / "en" / "states" / "index.html").read_text())
    french = (tmp_path / "public" / "fr" / "etats" / "ar" / "index.html").read_text(encoding="utf-8")
    assert "notifiée le 1er mars 2015, prenant effet le 1er septembre 2015" in french


def test_a_language_the_treaty_lacks_shows_its_texts_in_english_marked_so_and_the_build_says_so(real_tracker) -> None:
    view = make_view(real_tracker, "de", "de/staaten/")
    assert view.say("party") == FALLBACK_START + real_tracker.treaty.say("party", "en") + FALLBACK_END
    label = real_tracker.treaty.declarations[0].label
    assert view.text(label) == FALLBACK_START + label["en"] + FALLBACK_END
    assert make_view(real_tracker, "fr", "fr/etats/").text(label) == label["fr"]
    config = parse_config('title: {en: T, de: T}\nbase_url: "https://example.org/"\ndefault_language: en\n'
                          'languages:\n  - code: en\n  - code: de\n', "site.yaml")
    assert treaty_language_warnings(real_tracker, config) == [
        "data/states.yaml: the treaty's texts have no 'de', so its pages show them in English until they do "
        "(add a 'de:' line to name, short_name, ... and each sentence of wording)"]




# Who may join (article 17): every State's page proposes the step it can really take, in every language

@pytest.mark.bundled
@pytest.mark.parametrize("path, covenant, step, ask", [
    # Kenya, a party to the Covenant: sign and ratify the Protocol
    ("en/states/ke/index.html", "party since 1972",
     "Sign and ratify the Optional Protocol, or accede to it directly.",
     "We urge the Government to sign and ratify the Optional Protocol"),
    # The United States, a signatory of the Covenant: ratify the Covenant first
    ("fr/etats/us/index.html", "signé le 5 octobre 1977, non ratifié",
     "Ratifier le Pacte international relatif aux droits économiques, sociaux et culturels, que cet État a signé.",
     "Nous exhortons le Gouvernement à mener à terme sans tarder la ratification du Pacte international relatif aux "
     "droits économiques, sociaux et culturels"),
    # Andorra, outside the Covenant: join the Covenant first
    ("es/estados/ad/index.html", "Ni signatario ni parte",
     "Hacerse primero parte en el Pacto Internacional de Derechos Económicos, Sociales y Culturales:",
     "Instamos al Gobierno a ratificar sin demora el Pacto Internacional de Derechos Económicos, Sociales y "
     "Culturales"),
])
def test_the_state_page_proposes_the_step_article_17_allows(built_site: Path, path: str, covenant: str, step: str,
                                                             ask: str) -> None:
    page = (built_site / path).read_text()
    facts = page[page.index('<dl class="facts">'):page.index("</dl>")]
    assert covenant in facts
    next_step = page[page.index('<p class="next-step'):]
    assert next_step[next_step.index(">") + 1:].startswith(step)
    letter = page[page.index('<div class="state-letter"'):page.index('<p class="letter-actions">')]
    assert ask in letter


@pytest.mark.bundled
def test_the_site_states_one_current_figure_with_its_source_and_as_of(built_site: Path) -> None:
    for path, sentence in (
            ("en/index.html", "The UN reported 31 States parties in September 2025; this site names 29 of them."),
            ("fr/index.html", "L’ONU a fait état de 31 États parties en septembre 2025\u202f; ce site en nomme 29."),
            ("es/estados/index.html", "Las Naciones Unidas informaron de 31 Estados partes en septiembre de 2025; "
                                      "este sitio nombra a 29 de ellos.")):
        page = (built_site / path).read_text()
        assert sentence in without_times(page)
        figure = page[page.index('<span class="public-figure">'):]
        figure = figure[:figure.index("</span>")]
        assert ("https://www.ungeneva.org/en/news-media/meeting-summary/2025/09/"
                "committee-economic-social-and-cultural-rights-opens-seventy") in figure
        assert "2026" in figure  # the day the data was last compared with the UN's records
    states = (built_site / "es" / "estados" / "index.html").read_text()
    # once, under the counter: the map's and the chart's captions on the same page do not repeat it
    assert states.count('<span class="public-figure">') == 1
    home = (built_site / "en" / "index.html").read_text()  # its map has no table under it, and points to none
    assert "table below" not in home
    assert "or use the table below." in (built_site / "en" / "states" / "index.html").read_text()


@pytest.mark.bundled
def test_the_feed_gives_each_state_s_covenant_standing_and_next_step(built_site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(built_site / "en" / "states" / "feed.xml").getroot()
    germany = next(entry for entry in feed.iter(f"{atom}entry") if entry.findtext(f"{atom}title").startswith("Germany"))
    categories = {category.get("scheme").rsplit("#", 1)[1]: category for category in germany.iter(f"{atom}category")}
    assert categories["prerequisite_status"].get("term") == "party"
    assert categories["next_step"].get("term") == "declare"
    assert categories["next_step"].get("label").startswith("Declare acceptance of the inter-State communications")


@pytest.mark.parametrize("language, month_only, named, sentence", [
    ("en", True, 29, "The UN reported 31 States parties in September 2025; this site names 29 of them."),
    ("en", False, 31, "The UN reported 31 States parties on 12 September 2025; this site names all of them."),
    ("fr", False, 33, "L’ONU a fait état de 31 États parties le 12 septembre 2025\u202f; ce site en nomme 33, en "
                      "comptant les États devenus parties depuis."),
    ("es", True, 29, "Las Naciones Unidas informaron de 31 Estados partes en septiembre de 2025; este sitio nombra "
                     "a 29 de ellos."),
])
def test_the_public_figure_says_when_the_un_counted_by_day_or_by_month(language: str, month_only: bool, named: int,
                                                                        sentence: str) -> None:
    code = Language(code=language, locale="en_GB" if language == "en" else language, name="", direction="ltr",
                    quotes=("“", "”"))
    translations = read_catalogs(REPO, (code,)).translations[language]
    macros = make_environment(REPO, code, translations).get_template("macros/status.html").module
    reported = ReportedCount(parties=31, as_of=datetime.date(2025, 9, 1 if month_only else 12), month_only=month_only,
                             source="s")
    figure = PublicFigure(reported=reported, named=named, sources=(), last_checked=None)
    shown = str(macros.public_figure(figure, language))
    assert sentence in without_times(shown)
    # The date a <time> of its own, which the stylesheet keeps on one line.
    assert f'<time datetime="{"2025-09" if month_only else "2025-09-12"}">' in shown


def without_times(html: str) -> str:
    """The text of `html` with its <time> elements' tags taken out (their dates kept)."""
    return re.sub(r"<time[^>]*>|</time>", "", html)


def test_an_entry_into_force_after_the_build_date_is_told_as_to_come(tmp_path: Path) -> None:
    """Uruguay deposited its instrument on 5 February 2013; the treaty enters into force for it on 5 May."""
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "tracker")
    lead = re.compile(r'<p class="lead[^"]*"[^>]*>\s*(.*?)\s*</p>', re.DOTALL)
    said = {}
    for day in ("2013-05-04", "2013-05-05"):
        result = run_cli("build", "--root", str(site), "--out", str(tmp_path / day), "--date", day)
        assert result.returncode == 0, result.stderr
        said[day] = [" ".join(lead.search((tmp_path / day / page).read_text())[1].split())
                     for page in ("en/states/uy/index.html", "fr/etats/uy/index.html", "en/states/ec/index.html")]
    assert said["2013-05-04"] == [
        "This State is a party to the Test Convention. The Convention will enter into force for it on 5 May 2013.",
        "Cet État est partie à la Convention d’essai. La Convention entrera en vigueur à son égard le 5 mai 2013.",
        "This State is a party to the Test Convention. The Convention has been in force for it since 24 January 2012."]
    assert said["2013-05-05"][0] == ("This State is a party to the Test Convention. The Convention has been in force "
                                     "for it since 5 May 2013.")


@pytest.mark.bundled
def test_the_headline_figure_is_equal_on_every_page_that_shows_it_and_in_states_json(built_site: Path) -> None:
    figures = json.loads((built_site / "data" / "states.json").read_text())["treaty"]["headline"]
    parties, signatories = figures["parties"], figures["signatories"]
    counters = captions = 0
    for page in sorted(built_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for counter in re.findall(r'<div class="counter".*?</dl>', text, re.S):
            counters += 1
            assert [int(number) for number in re.findall(r"<dd>(\d+)</dd>", counter)[:2]] == [parties, signatories]
        for caption in re.findall(r"<figcaption>(Each step.*?)</figcaption>", text, re.S):
            captions += 1
            plain = re.sub(r"<[^>]+>", "", caption)
            assert f"this site counts {signatories} signatories and {parties} States parties." in plain, page
            plotted = figures["plotted"]
            assert f"{plotted['signatories']} signatories and {plotted['parties']} States parties." in plain
            # each State the chart cannot place is named
            assert "becoming a party: Albania and San Marino; signing: North Macedonia and Portugal" in plain
        # the public figure, beside the site's, once on a page: where a counter gives it, the captions do not
        assert text.count('<span class="public-figure">') <= 1, page
        for legend in re.findall(r"States parties: (\d+)", text):
            assert int(legend) == parties, page
    assert counters >= 2 and captions >= 1  # the home page's and the States page's counters, the chart's caption
    assert plotted["parties"] + len(figures["day_not_known"]["parties"]) == parties
    assert figures["newest_reported"] == {"parties": 31, "as_of": "2025-09", "source": "ungeneva-2025-09"}


def test_the_chart_ends_where_the_headline_says(real_tracker) -> None:
    view = make_view(real_tracker, "en", "en/states/")
    joined = [act for act in view.acts if act.kind != "signature"]
    signed = [act for act in view.acts if act.kind == "signature"]
    assert (len(joined), len(signed)) == (view.headline.plotted_parties, view.headline.plotted_signatories)
    assert view.headline.parties == view.recorded("parties") == view.public_figure.named


def test_the_map_shortcode_takes_as_picture_and_nothing_else(real_tracker) -> None:
    from ratify.shortcodes import widget_check
    check = widget_check(make_view(real_tracker, "en", "en/states/"), has_map=True)
    check("map", {})
    check("map", {"as": "picture"})
    with pytest.raises(ValueError) as caught:
        check("map", {"as": "poster"})
    assert str(caught.value) == ("'as' can only be 'picture' (the map as a picture that links to the States page), "
                                 "got 'poster'")


@pytest.mark.bundled
def test_the_home_page_shows_the_map_as_a_picture_that_leads_to_the_states(built_site: Path) -> None:
    """The home page stays within its budget: the map is a file of its own, fetched once; the States page keeps
    the map to explore, each State a link."""
    for home, states in (("en", "en/states"), ("fr", "fr/etats"), ("es", "es/estados")):
        text = (built_site / home / "index.html").read_text()
        assert "<svg" not in text
        picture = re.search(r'<a class="map-picture" href="([^"]+)"><img class="world-map" src="([^"]+)" '
                            r'width="977" height="431" alt="([^"]+)"></a>', text)
        assert picture and picture[1] == f"/{states}/" and picture[2] == f"/{states}/map.svg", home
        svg = (built_site / states / "map.svg").read_text()
        assert svg.count('class="state status-party') == len(re.findall(r'class="state status-party',
                                                                         (built_site / states / "index.html")
                                                                         .read_text()))
    assert '<svg class="world-map"' in (built_site / "en" / "states" / "index.html").read_text()


def test_a_note_is_cut_in_the_views_language_and_a_language_it_lacks_links_the_english(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "tracker")
    states = site / "data" / "states.yaml"
    text = states.read_text(encoding="utf-8")
    text = text.replace('    title: "UN <Treaty> Collection & co"\n',
                        '    title:\n      en: "UN Treaty Collection"\n      fr: "Collection des traités"\n')
    text = text.replace('    note: "=HYPERLINK(\\"http://evil.example\\") <script>alert(1)</script>"\n',
                        '    note:\n      en: "The day comes from un."\n      fr: "Selon un, le jour est connu."\n')
    text = text.replace('  - code: "KZ"\n', '  - code: "KZ"\n    note: "un gives no day."\n')
    states.write_text(text, encoding="utf-8")
    tracker = read_states(site, TODAY)

    def row(language: str, code: str):
        return next(row for row in make_view(tracker, language, f"{language}/states/").rows if row.code == code)

    french = row("fr", "AR")
    assert [text or source.title_in("fr") for text, source in french.note_parts] == [
        "Selon ", "Collection des traités", ", le jour est connu."]
    assert french.note_language is None  # the note is there: no link to the English one
    english = row("en", "AR")
    assert [text or source.title_in("en") for text, source in english.note_parts] == [
        "The day comes from ", "UN Treaty Collection", "."]
    kazakhstan = row("fr", "KZ")  # a note in English only: the French page lists its sources and links to it
    assert (kazakhstan.note_parts, kazakhstan.note_language) == ((), "en")
    assert [text for text, _ in row("en", "KZ").note_parts] == ["", " gives no day."]
    assert (row("fr", "EC").note_parts, row("fr", "EC").note_language) == ((), None)  # no note at all
