"""Site -> {output path: bytes}: every page, sitemap, robots.txt, 404 pages and assets; writes nothing."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

import jinja2

from ratify.errors import SiteError
from ratify.i18n import TEMPLATES_DIR
from ratify.model import Config, Language, Page, Site

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
    for page in site.pages:
        environment = environments[page.language]
        output[page.output_path] = render_template(environment, page.source.template, page_context(site, page))
    for language in site.config.languages:
        context = base_context(site, language, None)
        output[f"{language.code}/404.html"] = render_template(environments[language.code], "404.html", context)
    default = site.config.default_language
    output["404.html"] = output[f"{default}/404.html"]
    root_context = base_context(site, site.config.language(default), None)
    output["index.html"] = render_template(environments[default], "root.html", root_context)
    output["sitemap.xml"] = render_template(environments[default], "sitemap.xml", {**root_context,
                                            "entries": sitemap_entries(site)})
    output["robots.txt"] = render_template(environments[default], "robots.txt", root_context)
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


def url_helpers(config: Config, site: Site) -> dict[str, Callable[[str], str]]:
    """Template functions that turn a path under the site's root into a link, wherever base_url puts the site."""

    def url(path: str) -> str:
        return config.base_path + path

    def absolute_url(path: str) -> str:
        return config.base_url + path

    def asset_url(name: str) -> str:
        if name not in site.assets:
            raise jinja2.TemplateRuntimeError(f"there is no file 'static/{name}'")
        return config.base_path + site.assets[name].url_path

    return {"url": url, "absolute_url": absolute_url, "asset_url": asset_url}


def base_context(site: Site, language: Language, page: Page | None) -> dict[str, Any]:
    """What every template gets: the site, the language and the switcher and menu for it."""
    translations = site.translations[page.key] if page else {}
    switcher = [
        SwitcherEntry(other, (translations[other.code].url_path if page else f"{other.code}/"),
                      other.code == language.code)
        for other in site.config.languages
    ]
    return {
        "site": site,
        "config": site.config,
        "language": language,
        "site_title": site.config.title[language.code],
        "menu": site.menus[language.code],
        "switcher": switcher,
        "page": page,
        **url_helpers(site.config, site),
    }


def page_context(site: Site, page: Page) -> dict[str, Any]:
    """The context of one page: base context plus its alternates for search engines."""
    context = base_context(site, site.config.language(page.language), page)
    context["alternates"] = hreflang_alternates(site, page)
    context["canonical"] = canonical_path(site, page)
    return context


def hreflang_alternates(site: Site, page: Page) -> list[tuple[str, str]]:
    """(hreflang, path) for every real translation of the page and x-default; none for a stand-in page."""
    if page.is_fallback:
        return []
    real = [other for other in site.translations[page.key].values() if not other.is_fallback]
    pairs = [(other.language, other.url_path) for other in sorted(real, key=lambda other: other.language)]
    default = site.translations[page.key][site.config.default_language]
    return pairs + [("x-default", default.source.url_path)]


def canonical_path(site: Site, page: Page) -> str:
    """A stand-in page is a copy of its source, so search engines are sent to the source."""
    return page.source.url_path


def sitemap_entries(site: Site) -> list[tuple[str, list[tuple[str, str]]]]:
    """(path, alternates) of every page that is a real translation: stand-ins are left out."""
    return [(page.url_path, hreflang_alternates(site, page)) for page in site.pages if not page.is_fallback]
