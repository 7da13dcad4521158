"""Site -> every file the site will hold, as data: its path, and the template and values that make it (or the
function of data that makes it). Nothing is rendered here; the plan says what rendering must do."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Callable, Mapping

from ratify import urls
from ratify.model import Config, GeneratedPage, Language, News, NewsList, Page, Site
from ratify.news import NEWS_KEY
from ratify.policies import ADMIN_DIR, SEARCH_SCRIPT_SOURCES, admin_security_policy, content_security_policy, header_rules
from ratify.shortcodes import MAP_PICTURE_FILE, shows_map_picture
from ratify.search import INDEX_DIR, SEARCH_KEY, is_searchable, search_folders
from ratify.tracker import open_data_csv, open_data_json
from ratify.worldmap import map_picture


@dataclass(frozen=True)
class SwitcherEntry:
    """One language in the language switcher of a page."""

    language: Language
    href: str  # the same page in that language
    is_current: bool


@dataclass(frozen=True)
class Rendered:
    """A file made by a template, in one language."""

    path: str  # under the output folder: "fr/a-propos/index.html"
    language: str  # the language whose interface strings and formats the template uses
    template: str  # under templates/
    context: Mapping[str, Any]  # what this file shows; rendering adds what every page of its language shares


@dataclass(frozen=True)
class Produced:
    """A file made by a function of data: a fingerprinted asset, an open-data download."""

    path: str
    produce: Callable[..., bytes]
    inputs: tuple[Any, ...]  # produce(*inputs) is the file


Output = Rendered | Produced


def plan(site: Site) -> tuple[Output, ...]:
    """Every file of the site, sorted by path."""
    outputs: list[Output] = [Produced(asset.url_path, _as_is, (asset.content,)) for asset in site.assets.values()]
    outputs += _open_data(site)
    outputs += _map_pictures(site)
    alternates = translation_alternates(site)
    outputs += [_page(site, page, alternates) for page in site.pages]
    outputs += [_generated(site, key, code) for key, versions in site.generated.items() for code in versions]
    outputs += [_feed(site, code) for code in site.trackers]
    for code, news in site.news.items():
        outputs += [_news_list(site, news, listing) for listing in news.lists[1:]]
        if news.posts:
            outputs.append(_plain(site, code, news.feed_path, "news-feed.xml", news.index.url_path, news=news))
    default = site.config.default_language
    outputs += [_plain(site, language.code, urls.not_found_file(language.code), "404.html")
                for language in site.config.languages]
    outputs += [
        _plain(site, default, "404.html", "404.html"),  # for hosts that know one error page only
        _plain(site, default, "index.html", "root.html"),
        _plain(site, default, "robots.txt", "robots.txt"),
        _plain(site, default, "translations/index.html", "translations.html", report=site.translation_report),
    ]
    if site.config.has_address:  # a sitemap's addresses are absolute: none at all rather than the placeholder's
        outputs.append(_plain(site, default, "sitemap.xml", "sitemap.xml", entries=sitemap_entries(site, alternates)))
    outputs.append(_plain(site, default, "_headers", "_headers", security_rules=security_rules(site, outputs)))
    return tuple(sorted(outputs, key=lambda output: output.path))


def security_rules(site: Site, outputs: list[Output]) -> list[tuple[str, str]]:
    """The Content-Security-Policy rules of _headers: the editor's on /admin/, the search pages' on theirs, the
    public pages' everywhere else (the files the build makes after the plan included: the editor's, the index)."""
    config = site.config
    searches = search_folders(site.translations)
    made_later = [f"{ADMIN_DIR}/index.html"] if "admin" in config.modules else []
    made_later += [f"{INDEX_DIR}/pagefind.js"] if searches else []
    policies = {"admin": admin_security_policy(config, header=True),
                "search": content_security_policy(config, header=True, script_sources=SEARCH_SCRIPT_SOURCES),
                "public": content_security_policy(config, header=True)}

    def policy_of(path: str) -> str:
        if path.startswith(f"{ADMIN_DIR}/"):
            return policies["admin"]
        return policies["search" if path.rpartition("/")[0] + "/" in searches else "public"]

    paths = [output.path for output in outputs] + made_later
    return header_rules(config.base_path, paths, policy_of)


def _as_is(content: bytes) -> bytes:
    return content


def _open_data(site: Site) -> list[Output]:
    if not site.trackers:
        return []
    tracker = next(iter(site.trackers.values())).tracker
    return [Produced("data/states.json", open_data_json,
                     (tracker, site.config.base_url if site.config.has_address else None)),
            Produced("data/states.csv", open_data_csv, (tracker,))]


def _map_pictures(site: Site) -> list[Output]:
    """The map as a picture of its own, in the States page's folder of each language whose pages show it so."""
    if site.world_map is None or "style.css" not in site.assets:
        return []
    stylesheet = site.assets["style.css"].content.decode("utf-8")
    showing = {page.language for page in site.pages if any(map(shows_map_picture, page.widgets))}
    return [Produced(view.states_url_path + MAP_PICTURE_FILE, map_picture,
                     (site.world_map, MappingProxyType({row.code: row.group for row in view.rows}), stylesheet))
            for code, view in site.trackers.items() if code in showing]


def _context(site: Site, language: str, key: str | None, url_path: str | None,
             switcher_paths: Mapping[str, str] | None = None, **values: Any) -> Mapping[str, Any]:
    """What every file of a page shows besides its language's shared values: where it is and its switcher.

    The switcher leads to the page `key` in each language, or to `switcher_paths` when a page says where.
    """
    versions = dict(switcher_paths) if switcher_paths else _versions(site, key)
    switcher = tuple(SwitcherEntry(other, versions.get(other.code, urls.language_home(other.code)),
                                   other.code == language) for other in site.config.languages)
    return MappingProxyType({"switcher": switcher, "page": None, "page_key": key, "url_path": url_path, **values})


def _plain(site: Site, language: str, path: str, template: str, url_path: str | None = None,
           **values: Any) -> Rendered:
    return Rendered(path, language, template, _context(site, language, None, url_path, **values))


def _versions(site: Site, key: str | None) -> dict[str, str]:
    """language -> path of the page `key` in that language."""
    if key is None:
        return {}
    if key in site.translations:
        return {code: page.url_path for code, page in site.translations[key].items()}
    return {code: page.url_path for code, page in site.generated[key].items()}


def _page(site: Site, page: Page, alternates: Mapping[str, list[tuple[str, str]]]) -> Rendered:
    return Rendered(page.output_path, page.language, page.source.template,
                    page_context(site, page, page_alternates(alternates, page)))


def page_context(site: Site, page: Page, alternates: list[tuple[str, str]], **overrides: Any) -> Mapping[str, Any]:
    """What one Markdown page shows: its text, its alternates for search engines, and what its template lists."""
    news = site.news.get(page.language)
    values = dict(
        page=page,
        alternates=alternates,
        canonical=page.source.url_path,  # a stand-in page is a copy of its source: search engines go there
        view=site.trackers.get(page.language),
        news=news,
        is_post=bool(news and news.has(page)),
        listing=news.lists[0] if news and page.key == NEWS_KEY else None,
        searchable=SEARCH_KEY in site.translations and is_searchable(page),
    )
    values.update(overrides)
    switcher = values.pop("switcher", None)
    url_path = values.pop("url_path", page.url_path)
    context = dict(_context(site, page.language, page.key, url_path, **values))
    if switcher is not None:
        context["switcher"] = switcher
    return MappingProxyType(context)


def _generated(site: Site, key: str, code: str) -> Rendered:
    versions = site.generated[key]
    generated = versions[code]
    context = _context(site, code, key, generated.url_path, generated.switcher, subject=generated.subject,
                       view=site.trackers.get(code), alternates=generated_alternates(site.config, versions),
                       canonical=generated.url_path,
                       searchable=SEARCH_KEY in site.translations)  # by name and status only: see state.html
    return Rendered(generated.output_path, code, generated.template, context)


def _feed(site: Site, code: str) -> Rendered:
    view = site.trackers[code]
    return _plain(site, code, view.feed_path, "feed.xml", view.states_url_path, view=view)


def _news_list(site: Site, news: News, listing: NewsList) -> Rendered:
    return Rendered(urls.file_of(listing.url_path), news.language, news.index.source.template,
                    listing_context(site, news, listing))


def listing_context(site: Site, news: News, listing: NewsList) -> Mapping[str, Any]:
    """The context of a later page of the news list: the news page's, with its own posts, address and links."""
    number = listing.number
    same_page = {code: other.lists[number - 1].url_path for code, other in site.news.items()}
    real = {code: path for code, path in same_page.items() if not site.news[code].index.is_fallback}
    index = news.index
    return page_context(
        site, index,
        [] if index.is_fallback else _alternates(real, site.config.default_language,
                                                 same_page[site.config.default_language]),
        listing=listing,
        url_path=listing.url_path,
        canonical=listing.url_path if not index.is_fallback else
        urls.in_language(listing.url_path, news.language, index.source.language),
        switcher=tuple(SwitcherEntry(language, same_page[language.code], language.code == news.language)
                       for language in site.config.languages),
    )


def translation_alternates(site: Site) -> dict[str, list[tuple[str, str]]]:
    """Translation key -> (hreflang, path) of every real translation of the page and x-default; computed once for
    all the languages of a page, which share them."""
    alternates = {}
    for key, versions in site.translations.items():
        real = {other.language: other.url_path for other in versions.values() if not other.is_fallback}
        default = versions[site.config.default_language]
        alternates[key] = _alternates(real, site.config.default_language, default.source.url_path)
    return alternates


def page_alternates(alternates: Mapping[str, list[tuple[str, str]]], page: Page) -> list[tuple[str, str]]:
    """A page's hreflang alternates; none for a stand-in page."""
    return [] if page.is_fallback else alternates[page.key]


def _alternates(paths: dict[str, str], default_language: str, default_path: str | None = None) -> list[tuple[str, str]]:
    pairs = [(code, paths[code]) for code in sorted(paths)]
    return pairs + [("x-default", default_path or paths[default_language])]


def generated_alternates(config: Config, versions: Mapping[str, GeneratedPage]) -> list[tuple[str, str]]:
    """hreflang alternates of a page made from data; x-default is its default-language version, or its first."""
    paths = {code: page.url_path for code, page in versions.items()}
    default = next(code for code in (config.default_language, *config.language_codes) if code in paths)
    return _alternates(paths, default)


def sitemap_entries(site: Site, alternates: Mapping[str, list[tuple[str, str]]]
                    ) -> list[tuple[str, list[tuple[str, str]]]]:
    """(path, alternates) of every page that is a real translation and not kept out of search engines, of every
    later page of the news lists, and of every page made from data."""
    entries = [(page.url_path, page_alternates(alternates, page)) for page in site.pages
               if not page.is_fallback and not page.source.noindex]
    for news in site.news.values():
        if not news.index.is_fallback:
            entries += [(listing.url_path, listing_context(site, news, listing)["alternates"])
                        for listing in news.lists[1:]]
    for versions in site.generated.values():
        alternates = generated_alternates(site.config, versions)
        entries += [(page.url_path, alternates) for page in versions.values()]
    return sorted(entries)
