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
from ratify.pipeline import build, load
from ratify.states import read_states
from ratify.tracker import collation_key, figure, make_view, open_data_csv, open_data_json, parse_day
from tests.conftest import FIXTURES, REPO, make_site, read_tree, run_cli, un_state_count

ATOM = {"a": "http://www.w3.org/2005/Atom"}
TODAY = datetime.date(2026, 1, 1)


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


def test_rows_list_every_un_state_in_the_order_of_each_language(real_tracker) -> None:
    french = make_view(real_tracker, "fr", "fr", "fr/etats/")
    spanish = make_view(real_tracker, "es", "es", "es/estados/")
    assert len(french.rows) == un_state_count()
    names = [row.name for row in french.rows]
    assert names.index("Équateur") < names.index("Érythrée") < names.index("Espagne") < names.index("Fidji")
    assert spanish.row("IS").name == "Islandia"
    assert french.row("EC").url_path == "fr/etats/ec/"


def test_status_on_the_campaigns_date_is_computed_and_shown_as_a_lower_bound(real_tracker) -> None:
    view = make_view(real_tracker, "en", "en_GB", "en/states/")
    day = datetime.date(2012, 11, 1)
    # The campaign counted 41 and 8 that day; the data dates 40 signatures (Portugal's is not known).
    assert figure(view, "signatories", day) == (40, True)
    assert figure(view, "parties", day) == (8, True)  # San Marino's day is unknown, so this is "at least"
    assert figure(view, "parties", datetime.date(2023, 4, 20)) == (27, False)
    assert view.entry_into_force == datetime.date(2013, 5, 5)


@pytest.mark.parametrize("value, message", [
    ("2013-02-30", "'2013-02-30' is not a date like 2012-11-01, nor one of adoption, entry-into-force, opening, today"),
    ("yesterday", "'yesterday' is not a date like 2012-11-01, nor one of adoption, entry-into-force, opening, today"),
])
def test_shortcode_days_are_checked(real_tracker, value: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_day(value, make_view(real_tracker, "en", "en_GB", "en/states/"))
    assert str(caught.value) == message


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
                                                       "as_of_or_later": "2023-04-20"}
    assert document["as_of"] == "2023-04-20"
    assert {source["id"] for source in document["sources"]} >= {state.source for state in real_tracker.states}


def test_every_state_has_a_page_in_every_language(tracker_site: dict[str, bytes]) -> None:
    for code in ("ar", "ec", "es", "is", "kz", "uy", "va"):
        assert f"en/states/{code}/index.html" in tracker_site
        assert f"fr/etats/{code}/index.html" in tracker_site
    page = html(tracker_site, "fr/etats/kz/index.html")
    assert "<h1>Kazakhstan</h1>" in page
    assert "Cet État a signé le Protocole facultatif mais ne l’a pas encore ratifié." in page
    assert "Nous exhortons le Gouvernement à mener à terme la ratification" in page
    assert '<link rel="alternate" hreflang="en" href="https://example.org/op/en/states/kz/">' in page
    assert '<a href="/op/en/states/kz/" hreflang="en" lang="en">English</a>' in page


@pytest.mark.parametrize("code, call", [
    ("is", "We urge the Government to sign and ratify the Optional Protocol"),
    ("kz", "We urge the Government to complete the ratification"),
    ("ar", "we urge it to declare that it accepts the procedures of its articles 10 and 11"),
    ("ec", "and its acceptance of the procedures of its articles 10 and 11"),
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
        ("party", "Argentina"), ("party", "Ecuador"), ("none", "Iceland"), ("signatory", "Kazakhstan"),
        ("none", "Spain"), ("party", "Uruguay"), ("none", "Vatican City")]
    assert '<time datetime="2013-02-05">5 Feb 2013</time>' in page
    assert "date not known" in page  # Uruguay's signature


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
    assert "https://example.org/op/fr/etats/kz/" in tracker_site["sitemap.xml"].decode()
    assert check_output(tracker_site, "https://example.org/op/") == []


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
        "date, figure, map, states, table, timeline",
        "    see 'Shortcodes' in README.md",
    ]


def test_a_future_date_in_the_data_stops_the_build(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "tracker")
    with pytest.raises(SiteErrors) as caught:
        load(site, today=datetime.date(2012, 1, 1))
    assert [str(error) for error in caught.value.errors] == [
        "data/states.yaml:15: treaty: depositary_totals: as_of_or_later 2013-02-05 is after today (2012-01-01)",
        "data/states.yaml:39: UY: ratified on 2013-02-05, which is after today (2012-01-01)\n"
        "    record only what has happened"]


def test_the_bundled_site_has_the_tracker_in_three_languages(built_site: Path) -> None:
    for states in ("en/states", "fr/etats", "es/estados"):
        assert len(list((built_site / states).glob("*/index.html"))) == un_state_count()
        ElementTree.parse(built_site / states / "feed.xml")
    home = (built_site / "fr" / "index.html").read_text()
    assert '<div class="counter" data-pagefind-ignore>' in home
    assert "signé par au moins 40 États et ratifié par au moins 8" in home


def test_the_map_has_one_shape_per_state_coloured_by_status(built_site: Path, real_tracker) -> None:
    page = (built_site / "es" / "estados" / "index.html").read_text()
    svg = page[page.index('<svg class="world-map"'):page.index("</svg>", page.index('<svg class="world-map"'))]
    found = {code: status for status, code in re.findall(r'class="state status-(\w+)" data-code="(\w\w)"', svg)}
    view = make_view(real_tracker, "es", "es", "es/estados/")
    assert found == {row.code: row.status for row in view.rows}
    assert len(found) == un_state_count()
    assert '<a href="/es/estados/ec/" tabindex="-1">' in svg
    assert "Ecuador: Estado parte" in svg
    assert "<script" not in svg and "https://" not in svg.split("xmlns", 1)[-1].split(">", 1)[1]


def test_a_map_shortcode_without_map_data_is_an_error(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "tracker")
    page = site / "content" / "en" / "states.md"
    page.write_text(page.read_text().replace("{{< timeline >}}", "{{< map >}}"))
    result = run_cli("build", "--root", str(site), "--out", str(tmp_path / "public"))
    assert result.stderr.splitlines()[0] == ("content/en/states.md:10: shortcode {{< map >}}: this site has no "
                                             "data/world-map.json (see scripts/make_world_map.py)")
