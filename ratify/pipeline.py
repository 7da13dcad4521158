"""The build as a composition of its stages: load (inputs -> Site), plan (Site -> outputs), render (outputs ->
bytes), write (bytes -> the output folder). Each stage is a function from data to data.

A caller that builds again and again in one process (the live preview, ratify/preview.py) passes a `Recall` that
remembers results between builds; a clean build passes none and remembers nothing.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Hashable, Iterable, Protocol, Sequence, TypeVar

import jinja2

from ratify import admin, assets, config, content, i18n, modules, reader, render, translations
from ratify.errors import SiteError, SiteErrors, raise_all
from ratify.links import reference_problems
from ratify.markup import Converter
from ratify.model import FALLBACK_LANGUAGE, Asset, Config, Site, SourcePage, TrackerView
from ratify.news import future_posts, future_warnings, make_news
from ratify.plan import Produced, plan
from ratify.search import SEARCH_KEY, index_folder, make_directory
from ratify.shortcodes import widget_check
from ratify.states import STATES_FILE, read_states
from ratify.status import data_gaps, gap_warnings
from ratify.tracker import (STATES_KEY, form_countries, make_view, state_pages, treaty_language_warnings,
                            names_language_warnings)
from ratify.worldmap import WORLD_MAP_FILE, WorldMap, read_world_map
from ratify.write import write_site

Item = TypeVar("Item")
Result = TypeVar("Result")
Files = dict[str, bytes]


class Recall(Protocol):
    """What a caller may remember of the stages' results between builds in one process.

    `inputs` says what a result is made from; it is called only by a caller that remembers, so a clean build pays
    nothing for it. `site_wide=False` marks a result that does not depend on templates, catalogs, static files,
    data or site.yaml (a file read from content/).
    """

    def one(self, kind: str, inputs: Callable[[], Any], make: Callable[[], Result], site_wide: bool = True) -> Result:
        ...

    def each(self, kind: str, items: Sequence[Item], inputs: Callable[[Item], tuple[Hashable, Any]],
             make: Callable[[list[Item]], list[Result]], site_wide: bool = True) -> list[Result]:
        ...


class Fresh:
    """Remembers nothing: every result is made anew."""

    def one(self, kind: str, inputs: Callable[[], Any], make: Callable[[], Result], site_wide: bool = True) -> Result:
        return make()

    def each(self, kind: str, items: Sequence[Item], inputs: Callable[[Item], tuple[Hashable, Any]],
             make: Callable[[list[Item]], list[Result]], site_wide: bool = True) -> list[Result]:
        return make(list(items))


FRESH = Fresh()


@dataclass(frozen=True)
class Loaded:
    """A site gathered and checked, and what a person should know about it."""

    site: Site
    warnings: tuple[str, ...]  # things a person should know that do not stop the build
    data_warnings: tuple[str, ...]  # gaps in the tracker's data, for `check`: a build does not repeat them
    structure_errors: tuple[SiteError, ...]  # the first structural difference of each translated declaration from
    #                                          its original: errors for `check`, warnings for a build


@dataclass(frozen=True)
class BuildResult:
    pages: int  # pages in all languages, stand-ins included
    files: int  # files written
    warnings: tuple[str, ...]


Progress = Callable[[str], None]  # told, in plain words, when each stage of a build is done


def load(root: Path, base_url: str | None = None, today: datetime.date | None = None,
         progress: Progress = lambda stage: None, recall: Recall = FRESH) -> Loaded:
    """Read and check every input of the site under `root` into one Site; nothing is rendered.

    `today` is the build date (the command line's --date, SOURCE_DATE_EPOCH or the day of the build): the tracker's
    data may not lie after it, news posts dated after it are left out until then, and a State's entry into force
    after it is told in the future tense. None: no date bounds anything (the end of time).
    """
    site_config = config.read_config(root, base_url)
    catalogs = recall.one("catalogs", lambda: site_config.languages,
                          lambda: i18n.read_catalogs(root, site_config.languages))
    sources, empty = _read_sources(root, site_config, recall)
    unpublished = future_posts(sources, today, site_config) if today else []
    held_back = {post.path for post in unpublished}
    sources = [source for source in sources if source.path not in held_back]
    progress(f"read {len(sources)} pages ({_per_language(source.language for source in sources)})")
    modules.check_inputs(sources, site_config, has_states_data=(root / STATES_FILE).is_file())
    content.check_unique(sources)
    content.check_translation_keys(sources, site_config)
    chosen = content.choose_sources(sources, site_config)
    states_paths = tuple(sorted((code, source.url_path) for code, source in chosen.get(STATES_KEY, {}).items()))
    views, world = recall.one("trackers", lambda: (site_config, states_paths, today),
                              lambda: _trackers(root, site_config, chosen, today or datetime.date.max))
    converters = recall.one("converters", lambda: site_config, lambda: {
        language.code: Converter(language.quotes, site_config.base_path,
                                 catalogs.translations[language.code].gettext("Back to footnote %d in the text"))
        for language in site_config.languages})
    site_assets = {**assets.read_assets(root), **_read_page_files(root, recall)}
    pages, versions_by_key = _convert(chosen, site_config, converters, views, world is not None, site_assets, recall)
    progress(f"converted the Markdown of {len(pages)} pages ({_per_language(page.language for page in pages)})")
    generated = dict(sorted({**(state_pages(views) if "state_pages" in site_config.modules else {}),
                             **reader.compare_pages(versions_by_key, site_config)}.items()))
    news = make_news(pages, versions_by_key, site_config)
    content.check_no_clash(pages, generated, news)
    tracker = next(iter(views.values())).tracker if views else None
    site = Site(
        config=site_config,
        pages=pages,
        translations=MappingProxyType({key: MappingProxyType(versions) for key, versions in versions_by_key.items()}),
        menus=MappingProxyType(content.make_menus(pages, site_config)),
        assets=MappingProxyType(site_assets),
        generated=MappingProxyType(generated),
        trackers=MappingProxyType(views),
        world_map=world,
        news=MappingProxyType(news),
        directory=MappingProxyType(make_directory(pages, news, site_config)),
        countries=MappingProxyType(form_countries(views, site_config)),
        translation_report=translations.make_report(
            sources, site_config, catalogs.catalogs, translations.read_template(root),
            translations.stamped_versions(root, sources, site_config), tracker, empty=empty),
        interface=MappingProxyType(catalogs.translations),
    )
    return Loaded(site,
                  warnings=(*catalogs.warnings, *config.address_warnings(site_config),
                            *content.join_warnings(site_config, sources),
                            *content.empty_warnings(empty, sources, site_config),
                            *(future_warnings(unpublished, today) if today else ()), *content.size_warnings(sources),
                            *admin.setup_warnings(site_config),
                            *(admin.note_warnings(site_config, tracker) if tracker else ()),
                            *(treaty_language_warnings(tracker, site_config) if tracker else ()),
                            *(names_language_warnings(tracker, site_config) if tracker else ())),
                  data_warnings=tuple(gap_warnings(data_gaps(tracker))) if tracker else (),
                  structure_errors=tuple(reader.structure_differences(chosen, site_config)))


def _read_sources(root: Path, site_config: Config, recall: Recall
                  ) -> tuple[list[SourcePage], list[content.EmptyFile]]:
    """Every page of content/ of the modules switched on, its folders named, and the empty translations set aside;
    a file whose modification time and size are unchanged may be remembered (not its folders' names, which come from
    other files)."""
    files = content.source_files(root, site_config)
    read = recall.each("source", files, lambda file: (file[2], _stamp(file[2])),
                       lambda todo: [content.read_source(*file) for file in todo], site_wide=False)
    pages, empty = content.pages_read(read, site_config)
    return modules.switched_on(pages, site_config), empty


def _read_page_files(root: Path, recall: Recall) -> dict[str, Asset]:
    """The files beside pages under content/ (a page bundle's images); one whose modification time and size are
    unchanged may be remembered."""
    files = assets.page_files(root)
    read = recall.each("page file", files, lambda file: (file[1], _stamp(file[1])),
                       lambda todo: [assets.read_page_file(*file) for file in todo], site_wide=False)
    return {asset.name: asset for asset in read}


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return (status.st_mtime_ns, status.st_size)


def _trackers(root: Path, site_config: Config, chosen: dict[str, dict[str, SourcePage]],
              today: datetime.date) -> tuple[dict[str, TrackerView], WorldMap | None]:
    """The tracker in each language when the module is on and the site has data/states.yaml (its pages live under
    the page listing the States), and the world map when it has one."""
    if "tracker" not in site_config.modules or not (root / STATES_FILE).is_file():
        return {}, None
    tracker = read_states(root, today)
    missing = [code for code in site_config.language_codes if code not in tracker.treaty.languages]
    if missing and FALLBACK_LANGUAGE not in tracker.treaty.languages:
        raise SiteErrors([SiteError(
            f"treaty: no text in {', '.join(repr(code) for code in missing)}, a language of the site", STATES_FILE,
            tracker.treaty.line, f"give every text of the treaty (name, short_name, ..., wording) in these languages, "
            f"or in English ('{FALLBACK_LANGUAGE}'), which is shown until they are added")])
    if STATES_KEY not in chosen:
        raise SiteErrors([SiteError(f"the site has {STATES_FILE} but no page listing the States", STATES_FILE, None,
                                    f"create content/{site_config.default_language}/{STATES_KEY}.md "
                                    "(each State's page is published under it)")])
    views = {}
    for language in site_config.languages:
        page = chosen[STATES_KEY][language.code]
        views[language.code] = make_view(tracker, language.code,
                                         page.url_path_in(language.code),
                                         with_state_pages="state_pages" in site_config.modules, build_date=today)
    world = read_world_map(root) if (root / WORLD_MAP_FILE).is_file() else None
    return views, world


def _convert(chosen: dict[str, dict[str, SourcePage]], site_config: Config, converters: dict[str, Converter],
             views: dict[str, TrackerView], has_map: bool, site_assets: dict[str, Asset], recall: Recall
             ) -> tuple[Any, dict[str, dict[str, Any]]]:
    """Every page's body converted, every declaration presented for the reader; then the pages."""

    # What every link, image and stand-in resolves against, as a token that stays the same while it does:
    # comparing it for each page costs nothing.
    links = recall.one("links", lambda: (
        tuple((key, code, source.language, source.rel_path, source.url_path_in(code))
              for key, versions in chosen.items() for code, source in versions.items()),
        tuple((asset.name, asset.url_path, asset.size) for asset in site_assets.values())), object)
    checks = {code: widget_check(views.get(code), has_map, "tracker" in site_config.modules)
              for code in site_config.language_codes}
    jobs = content.conversion_jobs(chosen)
    converted = recall.each(
        "converted", jobs, lambda job: (job, (chosen[job[0]][job[1]].path, chosen[job[0]][job[1]].body,
                                              chosen[job[0]][job[1]].body_line, links)),
        lambda todo: content.convert_bodies(todo, chosen, site_config, converters, checks, site_assets))
    readers = content.reader_jobs(chosen)
    presented = recall.each(
        "presented", readers, lambda job: (job, (chosen[job[0]][job[1]].declaration, links)),
        lambda todo: content.present_readers(todo, chosen, site_config, converters))
    return content.make_pages(chosen, dict(zip(jobs, converted)), dict(zip(readers, presented)))


def render_site(root: Path, site: Site, recall: Recall = FRESH,
                templates_on_disk: jinja2.BytecodeCache | None = None) -> Files:
    """Every file of the site, by path under the output folder; errors in templates at their template line."""
    compiled = recall.one("compiled", lambda: None, lambda: i18n.CompiledTemplates(templates_on_disk),
                          site_wide=False)  # a template's code is checked against its source by Jinja itself
    environments = recall.one("environments", lambda: site.config,
                              lambda: render.make_environments(root, site, compiled))
    raise_all(render.template_problems(environments, site))
    outputs = plan(site) + _admin_outputs(site, environments)
    raise_all(reference_problems(site.pages, frozenset(output.path for output in outputs)))

    # What every page shows of the others (menus, switchers, lists), as a token as above.
    # The translation report is not in it: only the translations page shows it, and it is in that file's values.
    outline = recall.one("outline", lambda: (site.config, _outline(site)), object)
    made = recall.each("file", outputs, lambda output: (output.path, (outline, output)),
                       lambda todo: list(render.render(site, todo, environments).values()))
    return {output.path: file for output, file in zip(outputs, made)}


def _admin_outputs(site: Site, environments: render.Environments) -> tuple[Produced, ...]:
    """/admin/ when the module is on: its form offers the page templates the build accepts."""
    if "admin" not in site.config.modules:
        return ()
    templates = render.page_templates(environments[site.config.default_language])
    return tuple(Produced(path, produce, inputs) for path, produce, inputs in admin.outputs_of(site, templates))



def _outline(site: Site) -> tuple[tuple[Any, ...], ...]:
    """Every page's front matter, which menus, switchers, lists and sitemaps show on other pages than its own."""
    return tuple(sorted({(page.source.path, page.source.translation_key, page.source.title,
                          page.source.description, page.source.slug, page.source.date, page.source.template,
                          page.source.weight, page.source.menu_title, page.source.source_hash,
                          page.source.noindex) for page in site.pages}, key=repr))


def _per_language(codes: Iterable[str]) -> str:
    counts = Counter(codes)
    return ", ".join(f"{code} {counts[code]}" for code in sorted(counts))


def build(root: Path, out_dir: Path, base_url: str | None = None, today: datetime.date | None = None,
          progress: Progress = lambda stage: None, templates_on_disk: jinja2.BytecodeCache | None = None
          ) -> BuildResult:
    """Build the site under `root` into `out_dir`; on any error the previous `out_dir` is left as it was."""
    loaded = load(root, base_url, today, progress)
    files = render_site(root, loaded.site, templates_on_disk=templates_on_disk)
    progress(f"rendered {len(files)} files")
    write_whole_site(loaded.site, files, out_dir)
    progress(f"wrote {out_dir}")
    return result_of(loaded, files)


def result_of(loaded: Loaded, files: Files) -> BuildResult:
    return BuildResult(pages=len(loaded.site.pages), files=len(files), warnings=build_warnings(loaded))


def write_whole_site(site: Site, files: Files, out_dir: Path) -> None:
    """Write `files` into a new folder, index it for search when the site has a search page, then swap it in."""
    try:
        write_site(files, out_dir, index_folder if has_search(site) else None)
    except SiteError as error:  # the search index failed: nothing was swapped in
        raise SiteErrors([error]) from None


def has_search(site: Site) -> bool:
    return SEARCH_KEY in site.translations


def build_warnings(loaded: Loaded) -> tuple[str, ...]:
    """What a build prints besides its summary: catalog warnings, and declarations whose structure differs."""
    return loaded.warnings + tuple(f"{error} (the side-by-side view marks the gap)" for error in loaded.structure_errors)
