"""Tests for ratify.worldmap: the committed data/world-map.json, the rendered SVG, its escaping and its byte budget."""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from ratify.errors import SiteError, SiteErrors
from ratify.worldmap import (WORLD_MAP_FILE, WorldMap, map_picture, parse_world_map, picture_style, read_world_map,
                             render_map)
from tests.conftest import bundled_data, un_state_count

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
STATUSES = ("party", "signatory", "none")
# The budget of one rendered map, every State labelled and linked: what the page may spend on it.
MAX_RAW_BYTES = 60_000
MAX_GZIP_BYTES = 25_000


def un_codes() -> set[str]:
    data = bundled_data("un-states.yaml")
    return {entry["code"] for entry in data["member_states"] + data["observer_states"]}


@pytest.fixture(scope="module")
def world() -> WorldMap:
    return read_world_map(ROOT)


def tiny_world() -> WorldMap:
    """Three States: two squares and one circle (AD), listed out of order."""
    return parse_world_map(json.dumps({
        "viewbox": "0 0 100 50",
        "shapes": {"FR": "M10 10l10 0 0 10-10 0z", "AD": "M5 5a3 3 0 1 0 6 0a3 3 0 1 0 -6 0z",
                   "EC": "M40 40l5 0 0 5-5 0z"},
        "circles": ["AD"],
        "background": [{"name": "Greenland", "d": "M1 1l2 0 0 2z"}],
        "source": "test shapes",
        "licence": "public domain",
    }), "world-map.json")


def inputs(codes: list[str], label: str = "State party") -> tuple[dict, dict, dict]:
    """Statuses cycling through all three, a label and a link for every State."""
    statuses = {code: STATUSES[index % 3] for index, code in enumerate(sorted(codes))}
    names = {code: f"{code}: {label}" for code in codes}
    links = {code: f"/en/states/{code.lower()}/" for code in codes}
    return statuses, names, links


def states_of(svg: str) -> list[ET.Element]:
    """The State paths of a rendered map, parsed as XML (which also proves the markup well-formed)."""
    return [path for path in ET.fromstring(svg).iter(f"{SVG}path") if "state" in path.get("class", "").split()]


# --- the committed data -------------------------------------------------------------------------------------------

@pytest.mark.bundled
def test_the_data_file_has_a_shape_for_every_un_state_and_nothing_else(world: WorldMap) -> None:
    assert set(world.shapes) == un_codes()
    assert len(world.shapes) == un_state_count()


def test_every_shape_is_path_data_inside_the_viewbox(world: WorldMap) -> None:
    _, _, width, height = (float(part) for part in world.viewbox.split())
    for code, d in [*world.shapes.items(), *(("background", d) for d in world.background)]:
        assert re.fullmatch(r"(M[-\d. ]+([la][-\d. ]+)+z)+", d), code
        for x, y in re.findall(r"M(-?[\d.]+) (-?[\d.]+)", d):
            assert 0 <= float(x) <= width and 0 <= float(y) <= height, (code, x, y)


def test_the_data_file_names_its_source_and_licence(world: WorldMap) -> None:
    assert "Natural Earth" in world.source and "world-atlas" in world.source
    assert "public domain" in world.licence.lower()


@pytest.mark.bundled
def test_small_states_are_circles_drawn_from_the_file(world: WorldMap) -> None:
    assert {"VA", "MC", "SM", "TV", "NR"} <= world.circles  # microstates and Tuvalu, absent from the 1:50m file
    assert {"RU", "BR", "FR"}.isdisjoint(world.circles)


# --- rendering ----------------------------------------------------------------------------------------------------

def test_one_element_per_state_with_its_status_class(world: WorldMap) -> None:
    statuses, names, links = inputs(list(world.shapes))
    paths = states_of(render_map(world, statuses, names, links, "Map", "Who has joined"))
    assert sorted(path.get("data-code") for path in paths) == sorted(world.shapes)
    for path in paths:
        code = path.get("data-code")
        small = " small" if code in world.circles else ""
        assert path.get("class") == f"state status-{statuses[code]}{small}"
        assert path.get("d") == world.shapes[code]
        assert path.find(f"{SVG}title").text == names[code]


def test_linked_states_are_wrapped_in_links_out_of_the_tab_order() -> None:
    statuses, names, links = inputs(["AD", "EC", "FR"])
    del links["EC"]
    svg = render_map(tiny_world(), statuses, names, links, "Map", "Who has joined")
    anchors = list(ET.fromstring(svg).iter(f"{SVG}a"))
    assert {a.find(f"{SVG}path").get("data-code"): a.get("href") for a in anchors} == {
        "AD": "/en/states/ad/", "FR": "/en/states/fr/"}
    assert all(a.get("tabindex") == "-1" for a in anchors)
    assert '<path class="state status-signatory" fill="url(#world-map-hatch)" data-code="EC"' in svg  # no <a>


def test_map_is_one_labelled_picture_without_style_or_script() -> None:
    svg = render_map(tiny_world(), *inputs(["AD", "EC", "FR"]), "Where the treaty stands", "A world map",
                     id_prefix="map-2")
    root = ET.fromstring(svg)
    assert not svg.startswith("<?xml")
    assert root.get("aria-labelledby") == "map-2-title" and root.get("aria-describedby") == "map-2-desc"
    assert root.find(f"{SVG}title").get("id") == "map-2-title"
    assert root.find(f"{SVG}title").text == "Where the treaty stands"
    assert root.find(f"{SVG}desc").get("id") == "map-2-desc"
    assert root.find(f"{SVG}g").get("aria-hidden") == "true"  # the States: the table says the same to AT
    assert root.get("role") is None  # role="img" around links is nested-interactive for axe
    for element in root.iter():
        assert element.tag not in (f"{SVG}style", f"{SVG}script")
        assert not [name for name in element.attrib if name == "style" or name.startswith("on")]
        # Colours come from the stylesheet; a fill only names the map's own pattern, coloured there too.
        assert element.get("fill") in (None, "url(#map-2-hatch)")


def test_background_is_one_unlinked_neutral_path() -> None:
    svg = render_map(tiny_world(), *inputs(["AD", "EC", "FR"]), "Map", "Who has joined")
    backgrounds = [p for p in ET.fromstring(svg).iter(f"{SVG}path") if p.get("class") == "background"]
    assert [p.get("d") for p in backgrounds] == ["M1 1l2 0 0 2z"]


def test_hostile_names_links_and_titles_are_escaped() -> None:
    hostile = '<script>alert("x")</script> & "quoted"'
    statuses, names, links = inputs(["AD", "EC", "FR"])
    names["EC"] = hostile
    links["EC"] = '/states/ec/" onmouseover="alert(1)'
    svg = render_map(tiny_world(), statuses, names, links, hostile, hostile, id_prefix='x" onload="y')
    assert "<script>" not in svg
    assert 'onmouseover="' not in svg and 'onload="' not in svg
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quoted&quot;" in svg
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == hostile  # escaped, not mangled
    ec = next(path for path in states_of(svg) if path.get("data-code") == "EC")
    assert ec.find(f"{SVG}title").text == hostile


def test_output_is_deterministic_and_sorted_by_code_with_circles_last() -> None:
    statuses, names, links = inputs(["AD", "EC", "FR"])
    first = render_map(tiny_world(), statuses, names, links, "Map", "Who has joined")
    reversed_inputs = [dict(reversed(list(mapping.items()))) for mapping in (statuses, names, links)]
    second = render_map(tiny_world(), *reversed_inputs, "Map", "Who has joined")
    assert first == second
    # AD is a circle: drawn after the outlines so that no neighbour covers it.
    assert [path.get("data-code") for path in states_of(first)] == ["EC", "FR", "AD"]


def test_real_map_is_deterministic(world: WorldMap) -> None:
    statuses, names, links = inputs(list(world.shapes))
    assert render_map(world, statuses, names, links, "Map", "Who") == render_map(
        read_world_map(ROOT), dict(sorted(statuses.items(), reverse=True)), names, links, "Map", "Who")


def test_rendered_map_stays_within_its_byte_budget(world: WorldMap) -> None:
    # Every status present, long labels (longer than most languages' "Name: status") and a link for every State.
    data = yaml.safe_load((ROOT / "data" / "un-states.yaml").read_text(encoding="utf-8"))
    english = {entry["code"]: entry["name"] for entry in data["member_states"] + data["observer_states"]}
    statuses, _, _ = inputs(list(world.shapes))
    names = {code: f"{english[code]}: signatory, not yet a State party" for code in world.shapes}
    links = {code: f"/campaign/fr/etats/{code.lower()}/" for code in world.shapes}
    svg = render_map(world, statuses, names, links, "Où en est le Protocole facultatif dans le monde",
                     "Carte du monde : chaque État est coloré selon qu'il est partie, signataire ou ni l'un ni "
                     "l'autre. Le tableau qui suit donne les mêmes informations.")
    raw = svg.encode("utf-8")
    assert set(statuses.values()) == set(STATUSES)
    assert len(raw) < MAX_RAW_BYTES, f"{len(raw)} bytes"
    assert len(gzip.compress(raw, compresslevel=9)) < MAX_GZIP_BYTES, f"{len(gzip.compress(raw))} bytes gzipped"


# --- mistakes -----------------------------------------------------------------------------------------------------

def test_every_state_needs_a_status_and_a_name_and_no_unknown_code() -> None:
    statuses, names, links = inputs(["AD", "EC", "FR"])
    with pytest.raises(ValueError, match="no status for EC"):
        render_map(tiny_world(), {"AD": "party", "FR": "none"}, names, links, "Map", "Who")
    with pytest.raises(ValueError, match="no name for AD, FR"):
        render_map(tiny_world(), statuses, {"EC": "x"}, links, "Map", "Who")
    with pytest.raises(ValueError, match="links for codes not on the map: XK"):
        render_map(tiny_world(), statuses, names, {**links, "XK": "/xk/"}, "Map", "Who")
    with pytest.raises(ValueError, match="status not one of party, signatory, none, outside for FR"):
        render_map(tiny_world(), {**statuses, "FR": "ratified"}, names, links, "Map", "Who")


def test_a_missing_data_file_is_reported_with_its_path(tmp_path: Path) -> None:
    with pytest.raises(SiteError) as error:
        read_world_map(tmp_path)
    assert str(error.value).startswith(f"{WORLD_MAP_FILE}: file not found")


def test_a_damaged_data_file_is_reported_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / WORLD_MAP_FILE).write_text('{\n "viewbox": "0 0 1 1",\n "shapes": {,\n}\n', encoding="utf-8")
    with pytest.raises(SiteError) as error:
        read_world_map(tmp_path)
    assert (error.value.path, error.value.line) == (WORLD_MAP_FILE, 3)


def test_a_data_file_missing_keys_names_them() -> None:
    with pytest.raises(SiteErrors) as raised:
        parse_world_map(json.dumps({"viewbox": "0 0 1 1", "shapes": {}, "background": [], "source": "x"}), "f.json")
    assert [str(error) for error in raised.value.errors] == [
        f"f.json: '{key}' is missing\n    regenerate it with scripts/make_world_map.py" for key in ("circles", "licence")]


def test_every_problem_of_the_data_file_is_reported_together() -> None:
    with pytest.raises(SiteErrors) as raised:
        parse_world_map(json.dumps({"viewbox": "", "shapes": {"FR": 3}, "circles": ["AD"], "background": [{}],
                                    "source": "x", "licence": "y", "projection": 1}), "f.json")
    assert [error.message for error in raised.value.errors] == [
        "'circles' must name only codes of 'shapes'; these are not: AD",
        "'projection' must be a text, got 1",
        "'shapes' must be a mapping of codes to path data, got a set of 'key: value' lines",
        "'viewbox' is empty",
        "background: 'd' is missing",
    ]


# --- The map's palette, as people with a colour-vision deficiency see it ---------------------------------------

STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "style.css"
MAP_STATUSES = ("party", "signatory", "none", "outside")


def map_palettes(css: str) -> dict[str, dict[str, str]]:
    """{"light": {status: hex}, "dark": {...}}: the statuses' custom properties as the stylesheet sets them, in the
    light scheme and in the dark one (the same properties inside `prefers-color-scheme: dark`)."""
    dark_start = css.index("@media (prefers-color-scheme: dark)", css.index("--party:"))
    palettes = {}
    for scheme, text in (("light", css[:dark_start]), ("dark", css[dark_start:])):
        palettes[scheme] = {status: re.findall(rf"--{status}:\s*(#[0-9a-fA-F]{{3,6}})", text)[-1 if scheme == "light" else 0]
                            for status in MAP_STATUSES}
    return palettes


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("vision", ["typical", "protanopia", "deuteranopia", "tritanopia"])
def test_the_map_statuses_stay_apart_under_every_colour_vision(scheme: str, vision: str) -> None:
    """Every two statuses differ by at least 15 (CIEDE2000) as simulated, and party and signatory, the two a reader
    compares most, differ in lightness too (2:1), so that the red-green confusions keep them apart."""
    from tests.colour import contrast_ratio, delta_e_2000, linear_rgb, simulate

    palette = map_palettes(STYLESHEET.read_text(encoding="utf-8"))[scheme]
    seen = {status: linear_rgb(colour) if vision == "typical" else simulate(linear_rgb(colour), vision)
            for status, colour in palette.items()}
    close = [f"{a}/{b}: {delta_e_2000(seen[a], seen[b]):.1f}" for index, a in enumerate(MAP_STATUSES)
             for b in MAP_STATUSES[index + 1:] if delta_e_2000(seen[a], seen[b]) < 15]
    assert not close, f"statuses too alike ({scheme} scheme, {vision}): {', '.join(close)}"
    assert contrast_ratio(seen["party"], seen["signatory"]) >= 2


def test_the_colour_simulation_finds_the_old_palettes_confusion() -> None:
    """The old green and orange (1.09:1 under protanopia) fail the same check: the simulation does its job."""
    from tests.colour import contrast_ratio, delta_e_2000, linear_rgb, simulate

    green, orange = (simulate(linear_rgb(colour), "protanopia") for colour in ("#1b6b3a", "#b35c00"))
    assert delta_e_2000(green, orange) < 15 and contrast_ratio(green, orange) < 1.2
    assert delta_e_2000(linear_rgb("#1b6b3a"), linear_rgb("#b35c00")) > 40  # plain sight tells them apart


def test_signatories_are_hatched_as_well_as_coloured() -> None:
    """The second cue: a signatory's shape is filled with the map's own hatch pattern, no other status is."""
    svg = render_map(tiny_world(), *inputs(["AD", "EC", "FR"]), "Map", "Who has joined", id_prefix="map-fr")
    root = ET.fromstring(svg)
    pattern = root.find(f"{SVG}defs/{SVG}pattern")
    assert pattern.get("id") == "map-fr-hatch" and pattern.find(f"{SVG}line") is not None
    fills = {path.get("data-code"): path.get("fill") for path in states_of(svg)}
    statuses = inputs(["AD", "EC", "FR"])[0]
    assert {code: fill for code, fill in fills.items() if fill} == {
        code: "url(#map-fr-hatch)" for code, status in statuses.items() if status == "signatory"}
    assert "signatory" in statuses.values()


def test_the_map_as_a_picture_carries_the_stylesheet_s_marked_map_rules_and_nothing_else() -> None:
    """An <img> cannot see the page's stylesheet: the picture takes the rules marked for it, light and dark."""
    stylesheet = ("body { color: red; }\n/* map picture: begin */\n:root { --party: #17653a; }\n"
                  "/* map picture: end */\n.counter { margin: 0; }\n/* map picture: begin */\n"
                  ".world-map .status-party { fill: var(--party); }\n/* map picture: end */\n")
    assert picture_style(stylesheet) == ":root { --party: #17653a; }\n.world-map .status-party { fill: var(--party); }"
    world = tiny_world()
    statuses = {code: "party" for code in world.shapes}
    root = ET.fromstring(map_picture(world, statuses, stylesheet))
    style = root.find(f"{SVG}style")
    assert style is not None and style.text == picture_style(stylesheet)
    assert root.find(f".//{SVG}a") is None  # an image links nowhere: its page links it to the States
    assert all(element.find(f"{SVG}title") is None for element in root.iter(f"{SVG}path"))


@pytest.mark.bundled
def test_the_bundled_stylesheet_gives_the_picture_every_status_colour_and_the_dark_scheme() -> None:
    style = picture_style((Path(__file__).resolve().parent.parent / "static" / "style.css").read_text())
    for rule in (".world-map .status-party", ".world-map .hatch-ground", ".world-map .status-none",
                 ".world-map .status-outside", ".world-map .background", "prefers-color-scheme: dark", "--party:"):
        assert rule in style, rule
