"""The build as one line: write(render(load(root))). Loading gathers and checks everything before any rendering."""

from __future__ import annotations

import datetime
import gettext
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Iterable, TypeVar

import babel
import jinja2
from babel.numbers import format_decimal

from ratify import assets, charts, config, content, i18n, reader, translations
from ratify.cache import BuildCache, digest, inputs_fingerprint, outline
from ratify.errors import SiteError, SiteErrors, raise_all
from ratify.markup import Converter, ShortcodeRenderer
from ratify.model import Config, GeneratedPage, News, Page, Site, SourcePage, Tracker, TrackerView
from ratify.news import make_news
from ratify.render import Output, render_site, shortcode_renderer
from ratify.search import INDEX_DIR, SEARCH_KEY, index_folder, make_directory
from ratify.states import STATES_FILE, read_states
from ratify.status import data_gaps, gap_warnings
from ratify.tracker import STATES_KEY, collation_key, make_view, open_data_csv, open_data_json
from ratify.worldmap import WORLD_MAP_FILE, WorldMap, read_world_map, render_map
from ratify.write import replace_folder, update_site, write_site


Reused = TypeVar("Reused")


@dataclass(frozen=True)
class Loaded:
    """A site gathered and checked, with what rendering it needs."""

    site: Site
    environments: dict[str, jinja2.Environment]  # language code -> its Jinja environment
    warnings: tuple[str, ...]  # things a person should know that do not stop the build
    data_warnings: tuple[str, ...]  # gaps in the tracker's data, for `check`: a build does not repeat them
    structure_errors: tuple[SiteError, ...]  # the first structural difference of each translated declaration from
    #                                          its original: errors for `check`, warnings for a build
    site_key: str = ""  # what every page depends on, when loaded with a cache: see ratify/cache.py


@dataclass(frozen=True)
class BuildResult:
    pages: int  # pages in all languages, stand-ins included
    files: int  # files written
    warnings: tuple[str, ...]


Progress = Callable[[str], None]  # told, in plain words, when each stage of a build is done


def load(root: Path, base_url: str | None = None, today: datetime.date | None = None,
         cache: BuildCache | None = None, progress: Progress = lambda stage: None,
         templates_on_disk: jinja2.BytecodeCache | None = None) -> Loaded:
    """Read and check every input of the site under `root`; nothing is rendered yet.

    `today` bounds the dates of the tracker's data (none may lie in the future); the output never depends on it.
    A `cache` from the previous build in this process spares the work an edit did not touch;
    `templates_on_disk` keeps compiled templates between builds (see i18n.CompiledTemplates).
    """
    inputs_key = inputs_fingerprint(root) if cache is not None else ""
    site_config = config.read_config(root, base_url)
    catalogs = _reused(cache, "catalogs", digest(inputs_key, site_config.languages),
                       lambda: i18n.read_catalogs(root, site_config.languages))
    environments = _environments(root, site_config, catalogs, cache, inputs_key, templates_on_disk)
    first_environment = environments[site_config.default_language]
    errors = i18n.template_errors(environments.values(), root)
    sources = content.read_sources(root, site_config, cache.sources if cache is not None else None)
    progress(f"read {len(sources)} pages ({_per_language(source.language for source in sources)})")
    errors += _unknown_templates(sources, first_environment)
    raise_all(errors)
    content.check_unique(sources)
    chosen = content.choose_sources(sources, site_config)
    site_assets = MappingProxyType(assets.read_assets(root))
    states_paths = sorted((code, source.url_path) for code, source in chosen.get(STATES_KEY, {}).items())
    trackers, shortcodes = _reused(
        cache, "trackers", digest(inputs_key, site_config, states_paths, today),
        lambda: _trackers_and_shortcodes(root, site_config, chosen, today or datetime.date.max, catalogs,
                                         environments, site_assets))
    converters = _reused(cache, "converters", digest(inputs_key, site_config), lambda: {
        language.code: Converter(language.quotes, site_config.base_path,
                                 catalogs.translations[language.code].gettext("Back to footnote %d in the text"))
        for language in site_config.languages
    })
    pages, versions_by_key = content.make_pages(chosen, site_config, converters, shortcodes,
                                                cache.converted if cache is not None else None,
                                                digest(inputs_key, site_config))
    progress(f"converted the Markdown of {len(pages)} pages ({_per_language(page.language for page in pages)})")
    generated = dict(sorted({**_state_pages(trackers), **reader.compare_pages(versions_by_key, site_config)}.items()))
    news = make_news(pages, versions_by_key, site_config)
    _check_no_clash(pages, generated, news)
    tracker = next(iter(trackers.values())).tracker if trackers else None
    site = Site(
        config=site_config,
        pages=pages,
        translations=MappingProxyType({key: MappingProxyType(versions) for key, versions in versions_by_key.items()}),
        menus=MappingProxyType(content.make_menus(pages, site_config)),
        assets=site_assets,
        generated=MappingProxyType(generated),
        trackers=MappingProxyType(trackers),
        files=MappingProxyType(_open_data(tracker, site_config.base_url) if tracker else {}),
        news=MappingProxyType(news),
        directory=MappingProxyType(make_directory(pages, news, site_config)),
        countries=MappingProxyType(_countries(trackers, site_config)),
        translation_report=translations.make_report(
            sources, site_config, catalogs.catalogs, translations.read_template(root),
            translations.stamped_versions(root, sources, site_config)),
    )
    data_warnings = tuple(gap_warnings(data_gaps(tracker))) if tracker else ()
    structure_errors = tuple(reader.structure_differences(chosen, site_config))
    site_key = digest(inputs_key, site_config, outline(sources), site.translation_report) if cache is not None else ""
    return Loaded(site, environments, (*catalogs.warnings, *_join_warnings(site_config, chosen)), data_warnings,
                  structure_errors, site_key)


def _environments(root: Path, site_config: Config, catalogs: i18n.Catalogs, cache: BuildCache | None,
                  inputs_key: str, templates_on_disk: jinja2.BytecodeCache | None) -> dict[str, jinja2.Environment]:
    """One Jinja environment per language; reused while templates and catalogs are unchanged, so a rebuild does not
    compile them again."""
    # In the preview, the compiled code outlives each build: an edit recompiles only the template it changed.
    compiled = cache.compiled if cache is not None else i18n.CompiledTemplates(templates_on_disk)
    return _reused(cache, "environments", digest(inputs_key, site_config), lambda: {
        language.code: i18n.make_environment(root, language, catalogs.translations[language.code], compiled)
        for language in site_config.languages
    })


def _reused(cache: BuildCache | None, kind: str, key: str, make: Callable[[], Reused]) -> Reused:
    """`make()`, or what it made in the previous build of this process if `key` (all it depends on) is the same."""
    if cache is None:
        return make()
    kept = cache.kept.get(kind)
    if kept is None or kept[0] != key:
        kept = cache.kept[kind] = (key, make())
    return kept[1]


def _trackers_and_shortcodes(root: Path, site_config: Config, chosen: dict[str, dict[str, SourcePage]],
                             today: datetime.date, catalogs: i18n.Catalogs,
                             environments: dict[str, jinja2.Environment], site_assets: MappingProxyType
                             ) -> tuple[dict[str, TrackerView], dict[str, ShortcodeRenderer]]:
    """The tracker in each language, and the shortcodes that show it in pages, with their charts drawn."""
    trackers = _tracker_views(root, site_config, chosen, today)
    world = read_world_map(root) if trackers and (root / WORLD_MAP_FILE).is_file() else None
    shortcodes = {
        code: shortcode_renderer(view, environments[code], site_config, site_assets,
                                 {"language": site_config.language(code),
                                  "timeline_svg": _timeline(view, catalogs.translations[code],
                                                            site_config.language(code).locale),
                                  "map_svg": _map(world, view, catalogs.translations[code], site_config.base_path)})
        for code, view in trackers.items()
    }
    return trackers, shortcodes


def _tracker_views(root: Path, site_config: Config, chosen: dict[str, dict[str, SourcePage]],
                   today: datetime.date) -> dict[str, TrackerView]:
    """The tracker in each language, when the site has data/states.yaml; its pages live under the 'states' page."""
    if not (root / STATES_FILE).is_file():
        return {}
    tracker = read_states(root, today)
    if STATES_KEY not in chosen:
        raise SiteErrors([SiteError(f"the site has {STATES_FILE} but no page listing the States", STATES_FILE, None,
                                    f"create content/{site_config.default_language}/{STATES_KEY}.md "
                                    "(each State's page is published under it)")])
    views = {}
    for language in site_config.languages:
        source = chosen[STATES_KEY][language.code]
        states_path = language.code + source.url_path[len(source.language):]
        views[language.code] = make_view(tracker, language.code, language.locale, states_path)
    return views


def _timeline(view: TrackerView, translations: gettext.NullTranslations, locale: str) -> str:
    """The timeline chart in one language: signatories and parties, step by step since the opening."""
    _ = translations.gettext
    signed = [act.day for act in view.acts if act.kind == "signature"]
    joined = [act.day for act in view.acts if act.kind != "signature"]
    return charts.timeline_svg(
        [charts.Series("series-signatories", _("Signatories"), charts.running_counts(signed)),
         charts.Series("series-parties", _("States parties"), charts.running_counts(joined))],
        start=view.tracker.treaty.opened_for_signature, end=view.latest,
        title=_("Signatures and ratifications over time"),
        description=_("Steps up on each day a State signed, or became a party; the table below lists every date."),
        year_label=str, number_label=lambda number: format_decimal(number, locale=locale),
        id_prefix=f"timeline-{view.language}")


def _map(world: WorldMap | None, view: TrackerView, translations: gettext.NullTranslations, base_path: str) -> str:
    """The world map in one language, coloured by status; empty when the site has no map data."""
    if world is None:
        return ""
    _ = translations.gettext
    status_names = {"party": _("State party"), "signatory": _("Signatory"), "none": _("Neither signatory nor party")}
    return render_map(
        world,
        statuses={row.code: row.status for row in view.rows},
        names={row.code: f"{row.name}: {status_names[row.status]}" for row in view.rows},
        links={row.code: base_path + row.url_path for row in view.rows},
        title=_("Map of the States parties and signatories"),
        description=_("States parties in green, signatories in orange, other States in grey. The table of every "
                      "State below gives the same facts."),
        id_prefix=f"map-{view.language}")


def _state_pages(trackers: dict[str, TrackerView]) -> dict[str, dict[str, GeneratedPage]]:
    """A page for every UN State in every language."""
    generated: dict[str, dict[str, GeneratedPage]] = {}
    for code, view in trackers.items():
        for row in view.rows:
            generated.setdefault(f"state/{row.code}", {})[code] = GeneratedPage(
                language=code, key=f"state/{row.code}", url_path=row.url_path, template="state.html", subject=row)
    return dict(sorted(generated.items()))


def _check_no_clash(pages: tuple[Page, ...], generated: dict[str, dict[str, GeneratedPage]],
                    news: dict[str, News]) -> None:
    made = {page.url_path: f"a page made from data ({key})" for key, versions in generated.items()
            for page in versions.values()}
    made.update({listing.url_path: f"page {listing.number} of the news list" for item in news.values()
                 for listing in item.lists[1:]})
    raise_all([SiteError(f"this page's URL '{page.url_path}' is also {made[page.url_path]}",
                         page.source.path, None, "give the page another file name or 'slug'")
               for page in pages if page.url_path in made and not page.is_fallback])


JOIN_TEMPLATE = "join.html"  # the template of the Join page, whose form site.yaml's `join:` configures
_NOT_COUNTRIES = {"EU", "EZ", "QO", "UN", "ZZ"}  # CLDR's two-letter regions that are not countries


def _join_warnings(site_config: Config, chosen: dict[str, dict[str, SourcePage]]) -> list[str]:
    """One line when the Join page has no form to show: it offers the contact address, or only words."""
    has_join_page = any(source.template == JOIN_TEMPLATE for versions in chosen.values()
                        for source in versions.values())
    if not has_join_page or site_config.join.form_action:
        return []
    if site_config.contact_email:
        return ["site.yaml: join.form_action is not set, so the Join page offers a mailto: link to "
                f"{site_config.contact_email} instead of a form"]
    return ["site.yaml: neither join.form_action nor contact_email is set, so the Join page has no form and no "
            "address: it can only tell people how else to join"]


def _countries(trackers: dict[str, TrackerView], site_config: Config) -> dict[str, tuple[tuple[str, str], ...]]:
    """Per language, the countries a form offers by name in that language: the tracker's UN States, or CLDR's."""
    countries = {}
    for language in site_config.languages:
        view = trackers.get(language.code)
        if view is not None:
            countries[language.code] = tuple((row.code, row.name) for row in view.rows)
            continue
        territories = babel.Locale.parse(language.locale).territories
        pairs = [(code, name) for code, name in territories.items()
                 if re.fullmatch(r"[A-Z]{2}", code) and code not in _NOT_COUNTRIES]
        countries[language.code] = tuple(sorted(pairs, key=lambda pair: collation_key(pair[1])))
    return countries


def _open_data(tracker: Tracker, base_url: str) -> dict[str, bytes]:
    return {"data/states.json": open_data_json(tracker, base_url), "data/states.csv": open_data_csv(tracker)}


# Layouts, special pages and pages made from data.
_NOT_FOR_PAGES = {"base.html", "404.html", "root.html", "state.html", "meta.html", "passage.html", "translations.html",
                  "share.html",                   reader.COMPARE_TEMPLATE}


def _unknown_templates(sources: list[SourcePage], environment: jinja2.Environment) -> list[SiteError]:
    known = set(environment.list_templates())
    pages = sorted(name for name in known if name.endswith(".html") and "/" not in name and name not in _NOT_FOR_PAGES)
    hint = f"use one of: {', '.join(pages)}" if pages else "the templates folder is missing or empty"
    return [SiteError(f"front matter: there is no template '{source.template}'", source.path,
                      source.front_matter_lines.get("template"), hint)
            for source in sources if source.template not in known]


def render(loaded: Loaded, cache: BuildCache | None = None) -> Output:
    """Render a loaded site; errors in templates are reported with their template line."""
    try:
        return render_site(loaded.site, loaded.environments, cache.rendered if cache is not None else None,
                           loaded.site_key)
    except SiteError as error:
        raise SiteErrors([error]) from None


def _per_language(codes: Iterable[str]) -> str:
    counts = Counter(codes)
    return ", ".join(f"{code} {counts[code]}" for code in sorted(counts))


def build(root: Path, out_dir: Path, base_url: str | None = None, today: datetime.date | None = None,
          progress: Progress = lambda stage: None, templates_on_disk: jinja2.BytecodeCache | None = None
          ) -> BuildResult:
    """Build the site under `root` into `out_dir`; on any error the previous `out_dir` is left as it was."""
    loaded = load(root, base_url, today, progress=progress, templates_on_disk=templates_on_disk)
    output = render(loaded)
    progress(f"rendered {len(output)} files")
    write_whole_site(loaded, output, out_dir)
    progress(f"wrote {out_dir}")
    return BuildResult(pages=len(loaded.site.pages), files=len(output), warnings=build_warnings(loaded))


def write_whole_site(loaded: Loaded, output: Output, out_dir: Path) -> None:
    """Write `output` into a new folder, index it for search when the site has a search page, then swap it in."""
    has_search = SEARCH_KEY in loaded.site.translations
    try:
        write_site(output, out_dir, index_folder if has_search else None)
    except SiteError as error:  # the search index failed: nothing was swapped in
        raise SiteErrors([error]) from None


class Rebuilder:
    """Builds one site again and again in one process (live preview), redoing only what each edit changed.

    The first build writes the whole output folder as `build` does; later ones replace only the files whose
    content changed, each in one step, and remove the files the site no longer has. On an error nothing is
    written, as in `build`.
    """

    def __init__(self, root: Path, out_dir: Path, base_url: str | None = None,
                 templates_on_disk: jinja2.BytecodeCache | None = None) -> None:
        self.root, self.out_dir, self.base_url = root, out_dir, base_url
        self.cache = BuildCache(compiled=i18n.CompiledTemplates(templates_on_disk))
        self.written: Output | None = None  # what the output folder holds, as this process last wrote it
        self.search_stale = False  # pages changed since the search index was made

    def build(self, today: datetime.date | None = None) -> BuildResult:
        loaded = load(self.root, self.base_url, today, self.cache)
        output = render(loaded, self.cache)
        if self.written is None or not self.out_dir.is_dir():
            write_whole_site(loaded, output, self.out_dir)
        elif update_site(output, self.written, self.out_dir):
            # Indexing takes a second or more, too slow to wait for on every save: see refresh_search.
            self.search_stale = SEARCH_KEY in loaded.site.translations
        self.written = output
        return BuildResult(pages=len(loaded.site.pages), files=len(output), warnings=build_warnings(loaded))

    def refresh_search(self) -> None:
        """Index the output folder for search again if pages changed since the last index, and swap the new index
        in whole. The preview runs this beside the server after each rebuild, so a save never waits for it."""
        if not self.search_stale:
            return
        self.search_stale = False  # a rebuild during indexing marks it stale again, and it is run once more
        try:
            replace_folder(self.out_dir / INDEX_DIR, lambda fresh: index_folder(self.out_dir, fresh))
        except OSError as error:  # the output folder moved or vanished meanwhile: the next save tries again
            self.search_stale = True
            raise SiteError(f"search index: {error.strerror or error}", None, None) from None


def build_warnings(loaded: Loaded) -> tuple[str, ...]:
    """What a build prints besides its summary: catalog warnings, and declarations whose structure differs."""
    return loaded.warnings + tuple(f"{error} (the side-by-side view marks the gap)" for error in loaded.structure_errors)
