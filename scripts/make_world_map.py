"""Natural Earth countries (TopoJSON of the npm package world-atlas) -> data/world-map.json: simplified SVG paths.

Run by hand when the map's shapes should change, never by the build; review the diff and a screenshot, then commit
data/world-map.json. Nothing here is imported by ratify.

    # the shapes: Natural Earth 4.1.0 (public domain) as TopoJSON, in the npm package world-atlas 2.0.2 (ISC)
    mkdir -p /tmp/worldmap-gen && (cd /tmp/worldmap-gen && npm install --no-save world-atlas@2.0.2)
    # ISO 3166-1 numeric -> alpha-2 (world-atlas names countries by numeric code): Debian's iso-codes package
    # (4.15.0-1 on Debian 12, already installed there; `apt-get install iso-codes` if /usr/share/iso-codes is missing)
    .venv/bin/python scripts/make_world_map.py --atlas /tmp/worldmap-gen/node_modules/world-atlas
    # options: --tolerance, --min-island-area, --min-state-area, --circle-radius, --out (see Settings below)

Steps: decode the TopoJSON arcs, project them with Equal Earth (Šavrič, Patterson & Jenny 2018), simplify each arc
once with Douglas-Peucker (so a border shared by two States is simplified the same way for both: no gaps, no
overlaps), round to integers, drop islands smaller than a threshold, and give every UN State too small to see (or
missing from the 1:50m file) a circle at the centroid of its largest polygon. Countries that are not UN States
(Greenland, Western Sahara, Taiwan, Kosovo, Somaliland...) go to a neutral, unlinked `background` list, as Natural
Earth draws them. Needs only Python and PyYAML (the project's .venv).
"""

from __future__ import annotations

import argparse
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import yaml

REPO = Path(__file__).resolve().parent.parent
ISO_CODES = Path("/usr/share/iso-codes/json/iso_3166-1.json")

MAP_WIDTH = 1000.0  # viewBox units across the whole Equal Earth outline (±180°); coordinates are whole units
MARGIN = 1  # viewBox units left around the drawing
DROPPED = {"010"}  # Antarctica: a seventh of the drawing for no State

SOURCE = ("Natural Earth 1:50m Admin 0 countries, version 4.1.0 (naturalearthdata.com), as TopoJSON in the npm "
          "package world-atlas 2.0.2 (countries-50m.json; countries-10m.json only to place States missing from it); "
          "Equal Earth projection; simplified by scripts/make_world_map.py")
LICENCE = ("Public domain (Natural Earth: 'All versions of Natural Earth raster + vector map data found on this "
           "website are in the public domain'); the world-atlas packaging is ISC-licensed, no code of it is used")


@dataclass(frozen=True)
class Settings:
    """How far to simplify; the defaults made the committed file, the options exist to try others."""

    # Tried 0.5 / 0.7 / 0.8 / 1.0: the rendered map weighed 64.7 / 56.9 / 54.0 / 50.0 KB with English labels,
    # and the difference in shape was visible only at five times the usual size.
    tolerance: float = 1.0  # Douglas-Peucker, in viewBox units: about one CSS pixel at the usual width
    min_island_area: float = 3.0  # polygons (and holes) smaller than this many square units are dropped
    min_state_area: float = 5.0  # a State whose largest polygon is smaller than this is drawn as a circle
    circle_radius: float = 3.0  # viewBox units: big enough to see and to hover, small enough for the Caribbean

    def describe(self) -> str:
        return (f"Douglas-Peucker per shared arc, tolerance {self.tolerance:g} (viewBox units); integer coordinates; "
                f"islands and holes under {self.min_island_area:g} square units dropped; a State whose "
                f"largest polygon is under {self.min_state_area:g} square units drawn as a circle of radius "
                f"{self.circle_radius:g} at that polygon's centroid")


Point = tuple[float, float]


@dataclass(frozen=True)
class Feature:
    """One country of the TopoJSON file, with its rings still as arc indexes."""

    numeric: str | None  # the TopoJSON `id`: ISO 3166-1 numeric code, None for Kosovo, Somaliland and a few more
    name: str  # `properties.name`, English, as Natural Earth spells it
    polygons: tuple[tuple[tuple[int, ...], ...], ...]  # polygon -> ring -> arc index (~i means arc i reversed)


def equal_earth(lon: float, lat: float) -> Point:
    """Equal Earth projection of a point in degrees, in radians of the unit sphere, y growing north."""
    a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
    m = math.sqrt(3) / 2
    theta = math.asin(m * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = math.radians(lon) * math.cos(theta) / (m * (a1 + 3 * a2 * t2 + t6 * (7 * a3 + 9 * a4 * t2)))
    y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
    return x, y


def to_map_units(lon: float, lat: float) -> Point:
    """A point in degrees -> viewBox units before cropping: x from 0 (180°W) to MAP_WIDTH, y growing south."""
    half_width, _ = equal_earth(180.0, 0.0)
    scale = MAP_WIDTH / (2 * half_width)
    x, y = equal_earth(lon, lat)
    return scale * (x + half_width), -scale * y


def decode_arcs(topology: dict) -> list[list[Point]]:
    """The topology's quantized, delta-encoded arcs -> lists of (longitude, latitude)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        qx = qy = 0
        points = []
        for dx, dy in arc:
            qx, qy = qx + dx, qy + dy
            points.append((qx * sx + tx, qy * sy + ty))
        arcs.append(points)
    return arcs


def read_features(topology: dict) -> list[Feature]:
    """The `countries` collection, every geometry as a list of polygons (a Polygon is a MultiPolygon of one)."""
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            raise ValueError(f"unexpected geometry type {geometry['type']} for {geometry['properties']['name']}")
        features.append(Feature(geometry.get("id"), geometry["properties"]["name"],
                                tuple(tuple(tuple(ring) for ring in polygon) for polygon in polygons)))
    return features


def _segment_distance(point: Point, start: Point, end: Point) -> float:
    """Distance from `point` to the segment start-end (to `start` itself when the segment is a point)."""
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def simplify_line(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: the fewest points within `tolerance` of the line, both ends kept (they are junctions)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:  # a loop, not recursion: Russia's coast has thousands of points
        first, last = stack.pop()
        farthest, distance = first, 0.0
        for index in range(first + 1, last):
            d = _segment_distance(points[index], points[first], points[last])
            if d > distance:
                farthest, distance = index, d
        if distance > tolerance:
            keep[farthest] = True
            stack.extend([(first, farthest), (farthest, last)])
    return [point for point, kept in zip(points, keep) if kept]


def _jumps(points: Sequence[Point]) -> list[int]:
    """Indexes i where the line goes from one edge of the map to the other between points i and i + 1:
    the antimeridian cuts made by cut_at_antimeridian, which are no line to draw."""
    return [i for i in range(len(points) - 1) if abs(points[i + 1][0] - points[i][0]) > MAP_WIDTH / 2]


def simplify_arc(points: Sequence[Point], tolerance: float) -> list[Point]:
    """One arc simplified, each side of an antimeridian cut on its own so that the cut points stay.
    A closed arc (an island's whole coast) is split at its farthest point first, because Douglas-Peucker
    measures from the segment between the ends, and a closed arc's ends coincide."""
    cuts = _jumps(points)
    if cuts:
        pieces = [points[start + 1: end + 1] for start, end in zip([-1, *cuts], [*cuts, len(points) - 1])]
        return [point for piece in pieces for point in simplify_line(piece, tolerance)]
    if len(points) > 3 and points[0] == points[-1]:
        far = max(range(len(points)), key=lambda i: math.dist(points[0], points[i]))
        return simplify_line(points[: far + 1], tolerance)[:-1] + simplify_line(points[far:], tolerance)
    return simplify_line(points, tolerance)


def round_arc(points: Iterable[Point]) -> list[tuple[int, int]]:
    """Points rounded to whole viewBox units, repeats that rounding creates removed."""
    rounded: list[tuple[int, int]] = []
    for x, y in points:
        point = (round(x), round(y))
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    return rounded


def build_ring(arc_indexes: Sequence[int], arcs: Sequence[Sequence[Point]]) -> list:
    """The arcs of one ring joined; each arc starts where the previous one ended, so that point is kept once."""
    ring: list = []
    for index in arc_indexes:
        arc = list(arcs[index]) if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(arc if not ring else arc[1:])
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring.pop()  # SVG's z closes the ring
    return ring


def split_ring(ring: list) -> list[list]:
    """A ring that crosses the antimeridian twice -> its two halves, each closed along the map's edge."""
    cuts = _jumps(ring + ring[:1])
    if not cuts:
        return [ring]
    if len(cuts) != 2:
        raise SystemExit(f"a ring crosses the antimeridian {len(cuts)} times; only 0 or 2 are handled")
    first, second = cuts
    return [ring[first + 1: second + 1], ring[second + 1:] + ring[: first + 1]]


def feature_polygons(feature: Feature, arcs: Sequence[Sequence[Point]]) -> list[list]:
    """The feature's polygons as rings of points, those across the antimeridian (Chukotka, Fiji) cut in two."""
    polygons = []
    for polygon in feature.polygons:
        outer, *holes = [build_ring(ring, arcs) for ring in polygon]
        if any(len(split_ring(hole)) > 1 for hole in holes):
            raise SystemExit(f"a hole of {feature.name} crosses the antimeridian; not handled")
        halves = split_ring(outer)
        if len(halves) > 1 and holes:
            raise SystemExit(f"a polygon of {feature.name} with holes crosses the antimeridian; not handled")
        polygons.extend([half, *holes] for half in halves)
    return polygons


def ring_area(ring: Sequence[Point]) -> float:
    """Unsigned area of a ring (shoelace)."""
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))) / 2


def ring_centroid(ring: Sequence[Point]) -> Point:
    """The centroid of a ring's area, or of its points when the ring has no area."""
    twice_area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, list(ring[1:]) + list(ring[:1])):
        cross = x0 * y1 - x1 * y0
        twice_area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if twice_area == 0:
        return sum(x for x, _ in ring) / len(ring), sum(y for _, y in ring) / len(ring)
    return cx / (3 * twice_area), cy / (3 * twice_area)


def visible_polygons(feature: Feature, arcs: Sequence[Sequence[tuple[int, int]]], min_area: float) -> list[list]:
    """The feature's simplified polygons, without the islands and holes too small to see."""
    polygons = []
    for rings in feature_polygons(feature, arcs):
        if len(rings[0]) < 3 or ring_area(rings[0]) < min_area:
            continue
        holes = [hole for hole in rings[1:] if len(hole) >= 3 and ring_area(hole) >= min_area]
        polygons.append([rings[0], *holes])
    return polygons


def largest_polygon_centroid(feature: Feature, arcs: Sequence[Sequence[Point]]) -> Point:
    """Where to put a State's circle: the middle of its largest polygon, from the unsimplified arcs
    (the middle of all its islands would be open sea for Kiribati or the Marshall Islands)."""
    return ring_centroid(max((polygon[0] for polygon in feature_polygons(feature, arcs)), key=ring_area))


def _join_numbers(values: Iterable[int]) -> str:
    """Numbers in SVG path syntax: a minus sign separates as well as a space does, so no space before one."""
    text = ""
    for value in values:
        part = str(value)
        text += part if (not text or part.startswith("-")) else " " + part
    return text


def path_data(polygons: Sequence[Sequence[Sequence[tuple[int, int]]]], offset: tuple[int, int]) -> str:
    """Polygons -> SVG path data: an absolute move to each ring's start, then relative lines (shorter text)."""
    ox, oy = offset
    parts = []
    for polygon in polygons:
        for ring in polygon:
            (x0, y0), rest = ring[0], ring[1:]
            deltas = []
            previous = (x0, y0)
            for point in rest:
                deltas.extend((point[0] - previous[0], point[1] - previous[1]))
                previous = point
            parts.append(f"M{x0 - ox} {y0 - oy}l{_join_numbers(deltas)}z")
    return "".join(parts)


def circle_data(center: Point, radius: float, offset: tuple[int, int]) -> str:
    """A circle as path data (two half arcs), so that every State is one <path> whatever its size."""
    x, y = _short(center[0] - offset[0] - radius), _short(center[1] - offset[1])
    r, d = _short(radius), _short(2 * radius)
    return f"M{x} {y}a{r} {r} 0 1 0 {d} 0a{r} {r} 0 1 0 -{d} 0z"


def _short(value: float) -> str:
    """A number with at most one decimal and no trailing '.0'."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def read_un_codes(path: Path) -> list[str]:
    """The ISO alpha-2 codes of the UN Member and observer States, from data/un-states.yaml."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return sorted(entry["code"] for entry in data["member_states"] + data["observer_states"])


def read_numeric_to_alpha2(path: Path) -> dict[str, str]:
    """ISO 3166-1 numeric -> alpha-2, from Debian's iso-codes."""
    return {entry["numeric"]: entry["alpha_2"] for entry in json.loads(path.read_text())["3166-1"]}


def cut_at_antimeridian(arc: Sequence[Point]) -> list[Point]:
    """An arc in degrees with a point added on each side of 180° where it crosses it: the source's rings go
    straight across (Chukotka, Fiji), which on a flat map would be a line through the whole world."""
    cut: list[Point] = list(arc[:1])
    for (lon0, lat0), (lon1, lat1) in zip(arc, arc[1:]):
        if abs(lon1 - lon0) > 180:
            east = 180.0 if lon0 > 0 else -180.0
            unwrapped = lon1 + (360 if lon0 > 0 else -360)
            t = (east - lon0) / (unwrapped - lon0) if unwrapped != lon0 else 0.0  # from +180° to -180°
            lat = lat0 + t * (lat1 - lat0)
            cut.extend([(east, lat), (-east, lat)])
        cut.append((lon1, lat1))
    return [point for index, point in enumerate(cut) if index == 0 or point != cut[index - 1]]


def projected_arcs(topology: dict) -> list[list[Point]]:
    """The topology's arcs in viewBox units (before cropping)."""
    return [[to_map_units(lon, lat) for lon, lat in cut_at_antimeridian(arc)] for arc in decode_arcs(topology)]


def make_world_map(topology: dict, fine_topology: dict, alpha2: dict[str, str], un_codes: Sequence[str],
                   settings: Settings) -> dict:
    """The whole data file: viewBox, a path per UN State, a neutral background, and how each was made."""
    raw_arcs = projected_arcs(topology)
    arcs = [round_arc(simplify_arc(arc, settings.tolerance)) for arc in raw_arcs]
    features = [f for f in read_features(topology) if f.numeric not in DROPPED]
    by_code: dict[str, list[Feature]] = {}
    background: list[Feature] = []
    for feature in features:
        code = alpha2.get(feature.numeric or "")
        if code in un_codes:
            by_code.setdefault(code, []).append(feature)  # Ashmore and Cartier Is. carries Australia's code
        else:
            background.append(feature)

    state_polygons: dict[str, list] = {}
    circles: dict[str, Point] = {}
    for code, parts in sorted(by_code.items()):
        polygons = [p for feature in parts for p in visible_polygons(feature, arcs, settings.min_island_area)]
        largest = max((ring_area(p[0]) for p in polygons), default=0.0)
        if largest < settings.min_state_area:
            biggest = max(parts, key=lambda f: max(ring_area(p[0]) for p in feature_polygons(f, raw_arcs)))
            circles[code] = largest_polygon_centroid(biggest, raw_arcs)
        else:
            state_polygons[code] = polygons

    missing = [code for code in un_codes if code not in by_code]
    fine_arcs = projected_arcs(fine_topology)
    for feature in read_features(fine_topology):
        code = alpha2.get(feature.numeric or "")
        if code in missing:
            circles[code] = largest_polygon_centroid(feature, fine_arcs)
    unplaced = [code for code in missing if code not in circles]
    if unplaced:
        raise SystemExit(f"no shape nor point for {', '.join(unplaced)} in either file; add one by hand")

    background_polygons = {f.name: visible_polygons(f, arcs, settings.min_island_area) for f in background}
    background_polygons = {name: polys for name, polys in background_polygons.items() if polys}

    xs, ys = [], []
    for polygons in [*state_polygons.values(), *background_polygons.values()]:
        for polygon in polygons:
            xs.extend(x for x, _ in polygon[0])
            ys.extend(y for _, y in polygon[0])
    r = settings.circle_radius
    for cx, cy in circles.values():
        xs.extend((math.floor(cx - r), math.ceil(cx + r)))
        ys.extend((math.floor(cy - r), math.ceil(cy + r)))
    offset = (min(xs) - MARGIN, min(ys) - MARGIN)
    width, height = max(xs) - offset[0] + MARGIN, max(ys) - offset[1] + MARGIN

    shapes = {code: path_data(polygons, offset) for code, polygons in state_polygons.items()}
    shapes.update({code: circle_data(center, r, offset) for code, center in circles.items()})
    return {
        "source": SOURCE,
        "licence": LICENCE,
        "projection": "Equal Earth, central meridian 0°, Antarctica dropped, cropped to the remaining land",
        "simplification": settings.describe(),
        "viewbox": f"0 0 {width} {height}",
        "no_shape_in_source": missing,
        "circles": sorted(circles),
        "shapes": dict(sorted(shapes.items())),
        "background": [{"name": name, "d": path_data(polys, offset)}
                       for name, polys in sorted(background_polygons.items())],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--atlas", type=Path, required=True, help="the installed world-atlas package folder")
    parser.add_argument("--iso-codes", type=Path, default=ISO_CODES, help="iso-codes' iso_3166-1.json")
    parser.add_argument("--un-states", type=Path, default=REPO / "data" / "un-states.yaml")
    parser.add_argument("--out", type=Path, default=REPO / "data" / "world-map.json")
    defaults = Settings()
    for name in ("tolerance", "min_island_area", "min_state_area", "circle_radius"):
        parser.add_argument("--" + name.replace("_", "-"), type=float, default=getattr(defaults, name))
    args = parser.parse_args()
    settings = Settings(args.tolerance, args.min_island_area, args.min_state_area, args.circle_radius)
    topology = json.loads((args.atlas / "countries-50m.json").read_text())
    fine_topology = json.loads((args.atlas / "countries-10m.json").read_text())
    world = make_world_map(topology, fine_topology, read_numeric_to_alpha2(args.iso_codes),
                           read_un_codes(args.un_states), settings)
    text = json.dumps(world, ensure_ascii=False, indent=1) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(text.encode())} bytes, {len(world['shapes'])} States, "
          f"{len(world['background'])} background shapes, circles: {', '.join(world['circles'])}; "
          f"no shape in the 1:50m file: {', '.join(world['no_shape_in_source']) or 'none'}")


if __name__ == "__main__":
    main()
