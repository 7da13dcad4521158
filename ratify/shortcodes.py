"""{{< name key=value >}} in a page's Markdown -> a Widget (data) at loading, and its HTML in rendering.

Loading checks every shortcode against the site's data and leaves a marker in the page's HTML; rendering draws
each widget with its template and puts it in place of its marker. So loading needs no template, and a page's
converted text does not change when only the tracker's wording does.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Mapping

from ratify.model import STATUSES, TrackerView, Widget
from ratify.tracker import figure, parse_day

# Shortcode name -> (template under templates/, the arguments it takes, whether it sits inside a sentence).
WIDGETS: Mapping[str, tuple[str, frozenset[str], bool]] = {
    "counter": ("widgets/counter.html", frozenset(), False),
    "timeline": ("widgets/timeline.html", frozenset(), False),
    "map": ("widgets/map.html", frozenset({"as"}), False),  # as="picture": an image linking to the States page
    "states": ("widgets/states.html", frozenset({"status"}), False),
    "table": ("widgets/table.html", frozenset(), False),
    "find": ("widgets/find.html", frozenset(), False),
    "figure": ("widgets/figure.html", frozenset({"what", "on"}), True),
    "date": ("widgets/date.html", frozenset({"on"}), True),
}

MAP_PICTURE = "picture"  # {{< map as="picture" >}}: the map as an image of its own, which a page caches (the home page)
MAP_PICTURE_FILE = "map.svg"  # that picture, in the States page's folder: /en/states/map.svg

# The ids a widget's template gives its elements, so that a page's links to them are checked like its headings'
# ("[Write to your government](#find-state)" on the home page).
WIDGET_ANCHORS: Mapping[str, frozenset[str]] = {"find": frozenset({"find-state"})}

# Checks one shortcode against the site's data; raises ValueError saying what is wrong with it.
WidgetCheck = Callable[[str, Mapping[str, str]], None]

# A block widget's marker is an HTML comment, which Markdown lifts out of its paragraph as it does a <div>; an
# inline widget's is an unknown element, which stays inside the sentence.
_BLOCK_MARKER, _INLINE_MARKER = "<!--ratify-widget-{}-->", "<ratify-widget-{}/>"
_MARKER = re.compile(r"<!--ratify-widget-(\d+)-->|<ratify-widget-(\d+)/>")


def check_shortcode(name: str, arguments: Mapping[str, str]) -> None:
    """What every site requires of a shortcode, whatever its data: a known name and known arguments."""
    if name not in WIDGETS:
        raise ValueError(f"there is no shortcode '{name}'; there are: {', '.join(sorted(WIDGETS))}")
    allowed = WIDGETS[name][1]
    unknown = sorted(set(arguments) - allowed)
    if unknown:
        raise ValueError(f"'{unknown[0]}' is not an argument of '{name}'"
                         + (f" (it takes {', '.join(sorted(allowed))})" if allowed else " (it takes none)"))


def widget_anchors(widgets: tuple[Widget, ...]) -> frozenset[str]:
    """The ids the templates of `widgets` give their elements (WIDGET_ANCHORS)."""
    return frozenset(anchor for widget in widgets for anchor in WIDGET_ANCHORS.get(widget.name, ()))


def shows_map_picture(widget: Widget) -> bool:
    """Whether the widget is the map drawn as a picture of its own ({{< map as="picture" >}})."""
    return widget.name == "map" and widget.argument("as", "") == MAP_PICTURE


def template_of(widget: Widget) -> str:
    return WIDGETS[widget.name][0]


def widget_values(widget: Widget, view: TrackerView | None) -> dict[str, Any]:
    """What a widget's template shows besides the tracker: the day it is about, the States or the figure."""
    if view is None:
        return {}
    values: dict[str, Any] = {}
    if widget.name in ("figure", "date"):
        values["day"] = parse_day(widget.argument("on", "today"), view)
    if widget.name == "states":
        values["rows"] = tuple(row for row in view.rows if row.status == widget.argument("status"))
    if widget.name == "figure":
        values["count"], values["at_least"] = figure(view, widget.argument("what"), values["day"])
    if widget.name == "map":
        values["picture_path"] = view.states_url_path + MAP_PICTURE_FILE if shows_map_picture(widget) else None
    return values


def widget_check(view: TrackerView | None, has_map: bool, tracker_on: bool = True) -> WidgetCheck:
    """Checks a shortcode against the site's data, as drawing it will need it."""

    def check(name: str, arguments: Mapping[str, str]) -> None:
        if not tracker_on:
            raise ValueError("it belongs to the module 'tracker', which is off: add 'tracker' to modules: in "
                             "site.yaml")
        if view is None:
            raise ValueError("this site has no data/states.yaml, so it has no tracker widgets")
        if name == "map" and not has_map:
            raise ValueError("this site has no data/world-map.json (see scripts/make_world_map.py)")
        if name == "map" and arguments.get("as", MAP_PICTURE) != MAP_PICTURE:
            raise ValueError(f"'as' can only be '{MAP_PICTURE}' (the map as a picture that links to the States "
                             f"page), got '{arguments['as']}'")
        if name == "states" and arguments.get("status", "") not in STATUSES:
            raise ValueError(f"'status' must be one of {', '.join(STATUSES)}, got '{arguments.get('status', '')}'")
        widget_values(Widget(name, tuple(sorted(arguments.items())), 0), view)

    return check


def marker(index: int, name: str) -> str:
    """What stands in a page's HTML for its widget number `index` until the page is rendered."""
    return (_INLINE_MARKER if WIDGETS[name][2] else _BLOCK_MARKER).format(index)


def fill_widgets(html: str, draw: Callable[[int], str]) -> str:
    """`html` with each widget marker replaced by `draw(index)`."""
    return _MARKER.sub(lambda match: draw(int(match[1] or match[2])), html)
