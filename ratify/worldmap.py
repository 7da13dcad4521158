"""data/world-map.json -> WorldMap; WorldMap + each State's status, name and page -> an inline SVG map (no script)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from ratify.errors import SiteError, raise_all
from ratify.model import GROUPS
from ratify.schema import LIST, MAPPING, TEXT, Field, Problem, Schema, must_be, read_mapping
from ratify.textfile import read_text

WORLD_MAP_FILE = "data/world-map.json"  # made by scripts/make_world_map.py, committed
STATUSES = GROUPS  # the values of StateRow.group; each is a CSS class status-<value>
HATCHED = frozenset({"signatory"})  # statuses drawn with a pattern as well as a colour
HATCH = 7  # the pattern's period in map units: about 2.5 CSS pixels on a phone, 7 on a wide screen


@dataclass(frozen=True)
class WorldMap:
    """The shapes of the UN States in one projection, as data/world-map.json holds them."""

    viewbox: str  # `viewbox`: "0 0 W H", the coordinate system every path is drawn in
    shapes: Mapping[str, str]  # `shapes`: ISO 3166-1 alpha-2 code -> SVG path data, one for every UN State
    circles: frozenset[str]  # `circles`: codes drawn as a small circle (too small to see, or absent from the source)
    background: tuple[str, ...]  # `background[].d`: territories that are not UN States, drawn neutral, not linked
    source: str  # `source`: where the shapes come from
    licence: str  # `licence`: the shapes' licence


def _all_texts(key: str, value: Any) -> Problem | None:
    values = value.values() if isinstance(value, dict) else value
    if all(isinstance(item, str) and item for item in values):
        return None
    return must_be(key, "texts only" if isinstance(value, list) else "a mapping of codes to path data", value), None


_REGENERATE = "regenerate it with scripts/make_world_map.py"
_WORLD_MAP: Schema = {
    "viewbox": Field(TEXT, required=True),
    "shapes": Field(MAPPING, required=True, check=_all_texts),
    "circles": Field(LIST, required=True, check=_all_texts),
    "background": Field(LIST, required=True, fields={"name": Field(TEXT), "d": Field(TEXT, required=True)}),
    "source": Field(TEXT, required=True),
    "licence": Field(TEXT, required=True),
    # How the file was made, for the people who read it (scripts/make_world_map.py)
    "projection": Field(TEXT),
    "simplification": Field(TEXT),
    "no_shape_in_source": Field(LIST, check=_all_texts),
}


def parse_world_map(text: str, path: str) -> WorldMap:
    """The JSON text of the world map file -> a WorldMap; a damaged file becomes SiteErrors naming `path`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise SiteError(f"not valid JSON: {error.msg}", path, error.lineno, _REGENERATE) from None
    if not isinstance(data, dict):
        raise SiteError("the file must hold one JSON object", path, None, _REGENERATE)
    errors: list[SiteError] = []
    values = read_mapping(data, _WORLD_MAP, path, errors, missing_hint=_REGENERATE)
    shapes, circles = values.get("shapes") or {}, frozenset(values.get("circles") or ())
    if not circles <= shapes.keys():
        errors.append(SiteError(f"'circles' must name only codes of 'shapes'; these are not: "
                                f"{', '.join(sorted(circles - shapes.keys()))}", path, None, _REGENERATE))
    raise_all(errors)
    return WorldMap(
        viewbox=values["viewbox"],
        shapes=MappingProxyType(dict(sorted(shapes.items()))),
        circles=circles,
        background=tuple(entry["d"] for entry in values["background"]),
        source=values["source"],
        licence=values["licence"],
    )


def read_world_map(root: Path) -> WorldMap:
    """The site's world map, from data/world-map.json under `root`."""
    try:
        text = read_text(root / WORLD_MAP_FILE, WORLD_MAP_FILE)
    except FileNotFoundError:
        raise SiteError("file not found", WORLD_MAP_FILE, None, "make it with scripts/make_world_map.py") from None
    return parse_world_map(text, WORLD_MAP_FILE)


def render_map(world: WorldMap, statuses: Mapping[str, str], names: Mapping[str, str], links: Mapping[str, str],
               title: str, description: str, id_prefix: str = "world-map", style: str = "") -> str:
    """An inline SVG map with one <path> per State, classed by its status, titled with its name, linked to its page.

    `statuses` and `names` must cover every State of the map (a State left out would be drawn as if it had done
    nothing, which a campaign must not claim by accident); `links` may leave States out. `names` are the full
    accessible labels ("Ecuador: State party"). `id_prefix` keeps the ids unique when a page holds two maps.
    Colours come from the site's stylesheet (.status-party, .status-signatory, .status-none, .status-outside,
    .background).

    To assistive technology the map is one picture, named by `title` and described by `description`; the States
    are hidden from it and out of the tab order, because the table of States says the same and is the way in for
    keyboards and screen readers (195 stops on a map would bury the page). The links are for pointers only.
    No role="img": it would make the links nested interactive content, which axe reports (nested-interactive,
    WCAG 4.1.2) even with tabindex="-1"; Chromium exposes a titled <svg> as an image without it."""
    _check_states(world, statuses, names, links)
    title_id, desc_id = escape(f"{id_prefix}-title"), escape(f"{id_prefix}-desc")
    hatch_id = escape(f"{id_prefix}-hatch")
    parts = [
        f'<svg class="world-map" viewBox="{escape(world.viewbox)}" aria-labelledby="{title_id}" '
        f'aria-describedby="{desc_id}" fill-rule="evenodd" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
        *([f"<style><![CDATA[{style}]]></style>"] if style else []),
        # The second cue besides colour: signatories are hatched, so that they differ from parties in texture too.
        f'<defs><pattern id="{hatch_id}" patternUnits="userSpaceOnUse" width="{HATCH}" height="{HATCH}" '
        f'patternTransform="rotate(45)"><rect class="hatch-ground" width="{HATCH}" height="{HATCH}"/>'
        f'<line class="hatch-line" x1="0" y1="0" x2="0" y2="{HATCH}"/></pattern></defs>',
        '<g aria-hidden="true">',
    ]
    if world.background:
        parts.append(f'<path class="background" d="{escape("".join(world.background))}"/>')
    # Circles last: they stand for States smaller than their neighbours' outlines and must not be covered by them.
    for code in sorted(world.shapes, key=lambda code: (code in world.circles, code)):
        parts.append(_render_state(code, world.shapes[code], statuses[code], names[code], links.get(code),
                                   small=code in world.circles, hatch=f"url(#{hatch_id})"))
    parts.append("</g>\n</svg>")
    return "\n".join(parts)


# The parts of the stylesheet that colour the map are marked, so that a map drawn as a picture of its own (which
# cannot see the page's stylesheet) carries the same rules, light and dark, rather than a second copy of them.
_PICTURE_RULES = re.compile(r"/\* map picture: begin \*/(.*?)/\* map picture: end \*/", re.DOTALL)


def picture_style(stylesheet: str) -> str:
    """The marked rules of the site's stylesheet that colour the map, for a map drawn as a picture."""
    return "\n".join(part.strip() for part in _PICTURE_RULES.findall(stylesheet))


def map_picture(world: WorldMap, statuses: Mapping[str, str], stylesheet: str) -> bytes:
    """The map as an SVG file of its own, for an <img> (the home page's, which a phone gets in a second request and
    caches, rather than 50 KB of inline paths): coloured by status, without names or links, which an image cannot
    offer; the page that shows it names it and links to the States."""
    return render_map(world, statuses, names={code: "" for code in world.shapes}, links={}, title="", description="",
                      id_prefix="map", style=picture_style(stylesheet)).encode("utf-8")


def _render_state(code: str, path_data: str, status: str, name: str, link: str | None, small: bool,
                  hatch: str) -> str:
    """One State: its shape, with its label as a tooltip, inside a link to its page when it has one."""
    classes = f"state status-{status}" + (" small" if small else "")
    # A presentation attribute, which the stylesheet does not override: the pattern's id differs between maps.
    fill = f' fill="{hatch}"' if status in HATCHED else ""
    shape = (f'<path class="{classes}"{fill} data-code="{escape(code)}" d="{escape(path_data)}">'
             + (f'<title>{escape(name)}</title>' if name else "") + "</path>")
    if link is None:
        return shape
    return f'<a href="{escape(link)}" tabindex="-1">{shape}</a>'


def _check_states(world: WorldMap, statuses: Mapping[str, str], names: Mapping[str, str],
                  links: Mapping[str, str]) -> None:
    """Refuse statuses, names or links that do not match the map's States, naming every code at fault."""
    problems = []
    for label, given in (("status", statuses), ("name", names)):
        missing = sorted(world.shapes.keys() - given.keys())
        if missing:
            problems.append(f"no {label} for {', '.join(missing)}")
    for label, given in (("statuses", statuses), ("names", names), ("links", links)):
        unknown = sorted(given.keys() - world.shapes.keys())
        if unknown:
            problems.append(f"{label} for codes not on the map: {', '.join(unknown)}")
    wrong = sorted(code for code, status in statuses.items() if status not in STATUSES)
    if wrong:
        problems.append(f"status not one of {', '.join(STATUSES)} for {', '.join(wrong)}")
    if problems:
        raise ValueError("; ".join(problems))
