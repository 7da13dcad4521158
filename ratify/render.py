"""Site -> {output path: bytes}: every page, sitemap, robots.txt, 404 pages and assets; writes nothing."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

import jinja2

from ratify.errors import SiteError
from ratify.i18n import TEMPLATES_DIR
from ratify.markup import ShortcodeRenderer
from ratify.model import Asset, Config, Language, News, NewsList, Page, Site
from ratify.news import NEWS_KEY
from ratify.search import SEARCH_KEY, is_searchable
from ratify.tracker import TrackerView, parse_day

Output = dict[str, bytes]


@dataclass(frozen=True)
class SwitcherEntry:
    """One language in the language switcher of a page."""

    language: Language
    href: str  # the same page in that language
    is_current: bool


def render_site(site: Site, environments: Mapping[str, jinja2.Environment]) -> Output:
    """Render the whole site; every file it will hold, by path under the output folder."""
    output: Output = {asset.url_path: asset.content for asset in site.assets.values()}
    output.update(site.files)
    for page in site.pages:
        environment = environments[page.language]
        output[page.output_path] = render_template(environment, page.source.template, page_context(site, page))
    for key, versions in site.generated.items():
        for code, generated in versions.items():
            context = base_context(site, site.config.language(code), key, generated.url_path)
            context.update(subject=generated.subject, view=site.trackers.get(code),
                           alternates=_alternates({other: page.url_path for other, page in versions.items()},
                                                  site.config.default_language),
                           canonical=generated.url_path,
                           searchable=SEARCH_KEY in site.translations)  # by name and status only: see state.html
            output[generated.output_path] = render_template(environments[code], generated.template, context)
    for code, view in site.trackers.items():
        context = {**base_context(site, site.config.language(code), None, view.states_url_path), "view": view}
        output[view.feed_path] = render_template(environments[code], "feed.xml", context)
    for code, news in site.news.items():
        for listing in news.lists[1:]:
            output[listing.url_path + "index.html"] = render_template(
                environments[code], news.index.source.template, listing_context(site, news, listing))
        if news.posts:
            context = {**base_context(site, site.config.language(code), None, news.index.url_path), "news": news}
            output[news.feed_path] = render_template(environments[code], "news-feed.xml", context)
    for language in site.config.languages:
        context = base_context(site, language, None, None)
        output[f"{language.code}/404.html"] = render_template(environments[language.code], "404.html", context)
    default = site.config.default_language
    output["404.html"] = output[f"{default}/404.html"]
    root_context = base_context(site, site.config.language(default), None, None)
    output["index.html"] = render_template(environments[default], "root.html", root_context)
    output["sitemap.xml"] = render_template(environments[default], "sitemap.xml", {**root_context,
                                            "entries": sitemap_entries(site)})
    output["robots.txt"] = render_template(environments[default], "robots.txt", root_context)
    output["translations/index.html"] = render_template(environments[default], "translations.html",
                                                        {**root_context, "report": site.translation_report})
    return dict(sorted(output.items()))


def render_template(environment: jinja2.Environment, name: str, context: dict[str, Any]) -> bytes:
    """Render one template; an error inside it is reported at its line in the template."""
    try:
        return environment.get_template(name).render(context).encode("utf-8")
    except jinja2.TemplateNotFound as error:
        raise SiteError(f"there is no template '{error.name}'", f"{TEMPLATES_DIR}/{name}", None) from None
    except jinja2.TemplateSyntaxError as error:
        raise SiteError(f"template: {error.message}", f"{TEMPLATES_DIR}/{error.name or name}", error.lineno) from None
    except (jinja2.TemplateError, TypeError, ValueError, KeyError, AttributeError) as error:
        path, line = _template_location(error, environment)
        raise SiteError(f"template: {_plain(error)}", path or f"{TEMPLATES_DIR}/{name}", line) from None


def _template_location(error: Exception, environment: jinja2.Environment) -> tuple[str | None, int | None]:
    """The innermost template frame of an error's traceback (Jinja rewrites its frames to template lines)."""
    folders = [Path(folder).resolve() for folder in getattr(environment.loader, "searchpath", [])]
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        file = Path(frame.filename).resolve() if frame.filename else None
        for folder in folders:
            if file and file.is_relative_to(folder):
                return f"{TEMPLATES_DIR}/{file.relative_to(folder).as_posix()}", frame.lineno
    return None, None


def _plain(error: Exception) -> str:
    if isinstance(error, jinja2.UndefinedError):
        return f"{error.message} (a misspelt name, or a value the page does not have)"
    return str(error)


def url_helpers(config: Config, assets: Mapping[str, Asset]) -> dict[str, Callable[[str], str]]:
    """Template functions that turn a path under the site's root into a link, wherever base_url puts the site."""

    def url(path: str) -> str:
        return config.base_path + path

    def absolute_url(path: str) -> str:
        return config.base_url + path

    def asset_url(name: str) -> str:
        if name not in assets:
            raise jinja2.TemplateRuntimeError(f"there is no file 'static/{name}'")
        return config.base_path + assets[name].url_path

    return {"url": url, "absolute_url": absolute_url, "asset_url": asset_url}


def page_finder(site: Site, language: str) -> Callable[[str], str]:
    """A template function: the path of the page with translation key `key` in `language`."""

    def page_path(key: str) -> str:
        if key not in site.translations:
            raise jinja2.TemplateRuntimeError(f"there is no page with translation_key '{key}'")
        return site.translations[key][language].url_path

    return page_path


def base_context(site: Site, language: Language, key: str | None, url_path: str | None) -> dict[str, Any]:
    """What every template gets: the site, the language, the switcher and the menu for the page `key`."""
    versions = _versions(site, key)
    switcher = [SwitcherEntry(other, versions.get(other.code, f"{other.code}/"), other.code == language.code)
                for other in site.config.languages]
    return {
        "site": site,
        "config": site.config,
        "language": language,
        "site_title": site.config.title[language.code],
        "menu": site.menus[language.code],
        "switcher": switcher,
        "page": None,
        "page_key": key,
        "url_path": url_path,
        "page_path": page_finder(site, language.code),
        **url_helpers(site.config, site.assets),
    }


def _versions(site: Site, key: str | None) -> dict[str, str]:
    """language -> path of the page `key` in that language."""
    if key is None:
        return {}
    if key in site.translations:
        return {code: page.url_path for code, page in site.translations[key].items()}
    return {code: page.url_path for code, page in site.generated[key].items()}


def page_context(site: Site, page: Page) -> dict[str, Any]:
    """The context of one Markdown page: base context plus its alternates for search engines."""
    context = base_context(site, site.config.language(page.language), page.key, page.url_path)
    context["page"] = page
    context["alternates"] = hreflang_alternates(site, page)
    context["canonical"] = canonical_path(site, page)
    context["view"] = site.trackers.get(page.language)
    news = site.news.get(page.language)
    context["news"] = news
    context["is_post"] = bool(news and news.has(page))
    context["listing"] = news.lists[0] if news and page.key == NEWS_KEY else None
    context["searchable"] = SEARCH_KEY in site.translations and is_searchable(page)
    context["directory"] = site.directory[page.language]
    context["countries"] = site.countries[page.language]
    return context


def listing_context(site: Site, news: News, listing: NewsList) -> dict[str, Any]:
    """The context of a later page of the news list: the news page's, with its own posts, address and links."""
    context = page_context(site, news.index)
    number = listing.number
    same_page = {code: other.lists[number - 1].url_path for code, other in site.news.items()}
    real = {code: path for code, path in same_page.items() if not site.news[code].index.is_fallback}
    context.update(
        listing=listing,
        url_path=listing.url_path,
        canonical=listing.url_path if not news.index.is_fallback else
        news.index.source.language + listing.url_path[len(news.language):],
        alternates=[] if news.index.is_fallback else _alternates(real, site.config.default_language,
                                                                   same_page[site.config.default_language]),
        switcher=[SwitcherEntry(entry.language, same_page[entry.language.code], entry.is_current)
                  for entry in context["switcher"]],
    )
    return context


def hreflang_alternates(site: Site, page: Page) -> list[tuple[str, str]]:
    """(hreflang, path) for every real translation of the page and x-default; none for a stand-in page."""
    if page.is_fallback:
        return []
    real = {other.language: other.url_path for other in site.translations[page.key].values()
            if not other.is_fallback}
    default = site.translations[page.key][site.config.default_language]
    return _alternates(real, site.config.default_language, default.source.url_path)


def _alternates(paths: dict[str, str], default_language: str, default_path: str | None = None) -> list[tuple[str, str]]:
    pairs = [(code, paths[code]) for code in sorted(paths)]
    return pairs + [("x-default", default_path or paths[default_language])]


def canonical_path(site: Site, page: Page) -> str:
    """A stand-in page is a copy of its source, so search engines are sent to the source."""
    return page.source.url_path


def sitemap_entries(site: Site) -> list[tuple[str, list[tuple[str, str]]]]:
    """(path, alternates) of every page that is a real translation and not kept out of search engines, of every
    later page of the news lists, and of every page made from data."""
    entries = [(page.url_path, hreflang_alternates(site, page)) for page in site.pages
               if not page.is_fallback and not page.source.noindex]
    for news in site.news.values():
        if not news.index.is_fallback:
            entries += [(listing.url_path, listing_context(site, news, listing)["alternates"])
                        for listing in news.lists[1:]]
    for versions in site.generated.values():
        paths = {code: page.url_path for code, page in versions.items()}
        alternates = _alternates(paths, site.config.default_language)
        entries += [(path, alternates) for path in paths.values()]
    return sorted(entries)


# Shortcode name -> (template under templates/widgets/, the arguments it takes).
WIDGETS: dict[str, tuple[str, frozenset[str]]] = {
    "counter": ("widgets/counter.html", frozenset()),
    "timeline": ("widgets/timeline.html", frozenset()),
    "map": ("widgets/map.html", frozenset()),
    "table": ("widgets/table.html", frozenset()),
    "figure": ("widgets/figure.html", frozenset({"what", "on"})),
    "date": ("widgets/date.html", frozenset({"on"})),
    "states": ("widgets/states.html", frozenset({"status"})),
}
STATUSES = ("party", "signatory", "none")


def shortcode_renderer(view: TrackerView | None, environment: jinja2.Environment, config: Config,
                       assets: Mapping[str, Asset], extra: Mapping[str, Any]) -> ShortcodeRenderer:
    """Renders the tracker's widgets where an editor writes {{< name key=value >}} in Markdown."""

    def render(name: str, arguments: dict[str, str]) -> str:
        if name not in WIDGETS:
            raise ValueError(f"there is no shortcode '{name}'; there are: {', '.join(sorted(WIDGETS))}")
        template, allowed = WIDGETS[name]
        unknown = sorted(set(arguments) - allowed)
        if unknown:
            raise ValueError(f"'{unknown[0]}' is not an argument of '{name}'"
                             + (f" (it takes {', '.join(sorted(allowed))})" if allowed else " (it takes none)"))
        if view is None:
            raise ValueError("this site has no data/states.yaml, so it has no tracker widgets")
        if name == "map" and not extra.get("map_svg"):
            raise ValueError("this site has no data/world-map.json (see scripts/make_world_map.py)")
        context: dict[str, Any] = {"view": view, "config": config, **url_helpers(config, assets), **extra}
        if "on" in allowed:
            context["day"] = parse_day(arguments.get("on", "today"), view)
        if name == "figure":
            context["count"], context["at_least"] = view.figure(arguments.get("what", ""), context["day"])
        if name == "states":
            status = arguments.get("status", "")
            if status not in STATUSES:
                raise ValueError(f"'status' must be one of {', '.join(STATUSES)}, got '{status}'")
            context["rows"] = tuple(row for row in view.rows if row.status == status)
        try:
            return environment.get_template(template).render(context).strip()
        except jinja2.TemplateError as error:
            path, line = _template_location(error, environment)
            raise SiteError(f"template: {_plain(error)}", path or f"{TEMPLATES_DIR}/{template}", line) from None

    return render
