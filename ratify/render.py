"""Site -> {output path: bytes}: every page, sitemap, robots.txt, 404 pages and assets; writes nothing."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

import jinja2
from markupsafe import Markup

from ratify.errors import SiteError
from ratify.i18n import TEMPLATES_DIR
from ratify.markup import ShortcodeRenderer
from ratify.model import Asset, Config, GeneratedPage, Language, News, NewsList, Page, Site, TrackerView
from ratify.news import NEWS_KEY
from ratify.search import SEARCH_KEY, is_searchable
from ratify.parallel import map_jobs
from ratify.tracker import figure, parse_day

Output = dict[str, bytes]


@dataclass(frozen=True)
class SwitcherEntry:
    """One language in the language switcher of a page."""

    language: Language
    href: str  # the same page in that language
    is_current: bool


def render_site(site: Site, environments: Mapping[str, jinja2.Environment],
                cache: dict[str, tuple[tuple[str, ...], bytes]] | None = None, site_key: str = "") -> Output:
    """Render the whole site; every file it will hold, by path under the output folder.

    With a `cache` of the previous build, a file whose key (`site_key`, plus its page's own text) is unchanged is
    not rendered again.
    """
    output: Output = {asset.url_path: asset.content for asset in site.assets.values()}
    output.update(site.files)
    jobs = render_jobs(site)
    keys = {job: job_key(site, job, site_key) for job in jobs} if cache is not None else {}
    reused = {job: cache[path][1] for job in jobs if cache is not None
              and (path := job_path(site, job)) in cache and cache[path][0] == keys[job]}

    def render(job: tuple[str, str, str]) -> tuple[str, bytes] | tuple[str, str, str | None, int | None]:
        try:
            return render_job(site, environments, job)
        except SiteError as error:  # comes back as data: it may cross from a worker process
            return ("error", error.message, error.path, error.line)

    errors = []
    to_render = [job for job in jobs if job not in reused]
    for job, result in zip(to_render, map_jobs(render, to_render)):
        if len(result) == 4:
            errors.append(SiteError(*result[1:]))
        else:
            output[result[0]] = result[1]
            if cache is not None:
                cache[result[0]] = (keys[job], result[1])
    if errors:
        raise errors[0]
    for job, content in reused.items():
        output[job_path(site, job)] = content
    output["404.html"] = output[f"{site.config.default_language}/404.html"]
    return dict(sorted(output.items()))


def render_jobs(site: Site) -> list[tuple[str, str, str]]:
    """(kind, key, language) of every file a template makes; each is rendered on its own, maybe in a worker."""
    jobs = [("page", page.key, page.language) for page in site.pages]
    jobs += [("generated", key, code) for key, versions in site.generated.items() for code in versions]
    jobs += [("feed", "", code) for code in site.trackers]
    jobs += [("news-list", str(listing.number), code) for code, news in site.news.items() for listing in news.lists[1:]]
    jobs += [("news-feed", "", code) for code, news in site.news.items() if news.posts]
    jobs += [("404", "", language.code) for language in site.config.languages]
    jobs += [(kind, "", site.config.default_language)
             for kind in ("root", "sitemap", "robots", "translations", "headers")]
    return jobs


def job_path(site: Site, job: tuple[str, str, str]) -> str:
    """The output path a render job writes, known without rendering it."""
    kind, key, code = job
    if kind == "page":
        return site.translations[key][code].output_path
    if kind == "generated":
        return site.generated[key][code].output_path
    if kind == "feed":
        return site.trackers[code].feed_path
    if kind == "news-list":
        return site.news[code].lists[int(key) - 1].url_path + "index.html"
    if kind == "news-feed":
        return site.news[code].feed_path
    return {"404": f"{code}/404.html", "root": "index.html", "sitemap": "sitemap.xml", "robots": "robots.txt",
            "translations": "translations/index.html", "headers": "_headers"}[kind]


def job_key(site: Site, job: tuple[str, str, str], site_key: str) -> tuple[str, ...]:
    """What a job's output depends on: everything site-wide, and for a page, its own converted text.

    The page's HTML itself is part of the key (not a hash of it): the same string object comes back from the
    conversion cache, so comparing it costs nothing.
    """
    kind, key, code = job
    if kind == "generated":  # a State's page or a side-by-side view: what it shows is in its subject
        return (site_key, repr(site.generated[key][code].subject))
    if kind in ("news-list", "news-feed"):  # they show the posts' own text
        return (site_key, repr(site.news[code]))
    if kind != "page":
        return (site_key,)
    page = site.translations[key][code]
    # The source's body too: a declaration's page is made from its model, not from `html`.
    return (site_key, page.language, page.source.path, page.html, repr(page.toc), page.source.body,
            repr(page.declaration) if page.declaration is not None else "")


def render_job(site: Site, environments: Mapping[str, jinja2.Environment],
               job: tuple[str, str, str]) -> tuple[str, bytes]:
    """(output path, content) of one job of render_jobs."""
    kind, key, code = job
    environment = environments[code]
    language = site.config.language(code)
    if kind == "page":
        page = site.translations[key][code]
        return page.output_path, render_template(environment, page.source.template, page_context(site, page))
    if kind == "generated":
        versions = site.generated[key]
        generated = versions[code]
        context = base_context(site, language, key, generated.url_path, generated.switcher)
        context.update(subject=generated.subject, view=site.trackers.get(code),
                       alternates=generated_alternates(site.config, versions), canonical=generated.url_path,
                       searchable=SEARCH_KEY in site.translations)  # by name and status only: see state.html
        return generated.output_path, render_template(environment, generated.template, context)
    if kind == "news-list":
        news = site.news[code]
        listing = news.lists[int(key) - 1]
        return listing.url_path + "index.html", render_template(environment, news.index.source.template,
                                                                listing_context(site, news, listing))
    if kind == "news-feed":
        news = site.news[code]
        context = {**base_context(site, language, None, news.index.url_path), "news": news}
        return news.feed_path, render_template(environment, "news-feed.xml", context)
    if kind == "feed":
        view = site.trackers[code]
        context = {**base_context(site, language, None, view.states_url_path), "view": view}
        return view.feed_path, render_template(environment, "feed.xml", context)
    context = base_context(site, language, None, None)
    if kind == "404":
        return f"{code}/404.html", render_template(environment, "404.html", context)
    if kind == "sitemap":
        return "sitemap.xml", render_template(environment, "sitemap.xml", {**context, "entries": sitemap_entries(site)})
    if kind == "translations":
        return "translations/index.html", render_template(environment, "translations.html",
                                                          {**context, "report": site.translation_report})
    names = {"root": ("index.html", "root.html"), "robots": ("robots.txt", "robots.txt"),
             "headers": ("_headers", "_headers")}
    path, template = names[kind]
    return path, render_template(environment, template, context)


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


def content_security_policy(config: Config, header: bool = False) -> str:
    """The site's Content-Security-Policy: its own files only, no inline script or style, no other host.

    As an HTTP header (in _headers) it also forbids framing, which a <meta> policy cannot say.
    """
    form_action = "'self'" + (f" {config.join.origin}" if config.join.origin else "")
    policy = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
              f"base-uri 'self'; form-action {form_action}")
    return policy + ("; frame-ancestors 'none'" if header else "")


def page_finder(site: Site, language: str) -> Callable[[str], str]:
    """A template function: the path of the page with translation key `key` in `language`."""

    def page_path(key: str) -> str:
        if key not in site.translations:
            raise jinja2.TemplateRuntimeError(f"there is no page with translation_key '{key}'")
        return site.translations[key][language].url_path

    return page_path


def base_context(site: Site, language: Language, key: str | None, url_path: str | None,
                 switcher_paths: Mapping[str, str] | None = None) -> dict[str, Any]:
    """What every template gets: the site, the language, the switcher and the menu for the page `key`.

    The switcher leads to the page `key` in each language, or to `switcher_paths` when a page says where.
    """
    versions = dict(switcher_paths) if switcher_paths else _versions(site, key)
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
        "csp": Markup(content_security_policy(site.config)),  # our own constant text: no escaping needed
        "csp_header": content_security_policy(site.config, header=True),
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


def generated_alternates(config: Config, versions: Mapping[str, GeneratedPage]) -> list[tuple[str, str]]:
    """hreflang alternates of a page made from data; x-default is its default-language version, or its first."""
    paths = {code: page.url_path for code, page in versions.items()}
    default = next(code for code in (config.default_language, *config.language_codes) if code in paths)
    return _alternates(paths, default)


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
        alternates = generated_alternates(site.config, versions)
        entries += [(page.url_path, alternates) for page in versions.values()]
    return sorted(entries)


# Shortcode name -> (template under templates/widgets/, the arguments it takes).
WIDGETS: dict[str, tuple[str, frozenset[str]]] = {
    "counter": ("widgets/counter.html", frozenset()),
    "timeline": ("widgets/timeline.html", frozenset()),
    "map": ("widgets/map.html", frozenset()),
    "states": ("widgets/states.html", frozenset({"status"})),
    "table": ("widgets/table.html", frozenset()),
    "figure": ("widgets/figure.html", frozenset({"what", "on"})),
    "date": ("widgets/date.html", frozenset({"on"})),
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
        if name == "states":
            status = arguments.get("status", "")
            if status not in STATUSES:
                raise ValueError(f"'status' must be one of {', '.join(STATUSES)}, got '{status}'")
            context["rows"] = tuple(row for row in view.rows if row.status == status)
        if name == "figure":
            context["count"], context["at_least"] = figure(view, arguments.get("what", ""), context["day"])
        try:
            return environment.get_template(template).render(context).strip()
        except jinja2.TemplateError as error:
            path, line = _template_location(error, environment)
            raise SiteError(f"template: {_plain(error)}", path or f"{TEMPLATES_DIR}/{template}", line) from None

    return render
