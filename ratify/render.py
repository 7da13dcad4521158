"""Site + plan -> {output path: bytes}: the only stage that runs templates. Writes nothing."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import jinja2
import jinja2.meta
from markupsafe import Markup

from ratify import charts, i18n, urls
from ratify.errors import SiteError, raise_all
from ratify.i18n import TEMPLATES_DIR
from ratify.model import Config, Language, Page, Site, SourcePage, TrackerView
from ratify.parallel import map_jobs
from ratify.plan import Output, Produced, Rendered
from ratify.policies import SEARCH_SCRIPT_SOURCES, content_security_policy
from ratify.reader import COMPARE_TEMPLATE
from ratify.model import Widget
from ratify.shortcodes import fill_widgets, template_of, widget_values
from ratify.tracker import STATE_TEMPLATE
from ratify.worldmap import render_map

Files = dict[str, bytes]
Environments = Mapping[str, jinja2.Environment]  # language code -> its Jinja environment

# Templates of pages the engine makes itself; the others that extend base.html are for Markdown pages to name.
ENGINE_PAGE_TEMPLATES = frozenset({"404.html", "translations.html", STATE_TEMPLATE, COMPARE_TEMPLATE})
_BASE_TEMPLATE = "base.html"


def make_environments(root: Path, site: Site, compiled: i18n.CompiledTemplates) -> dict[str, jinja2.Environment]:
    """One Jinja environment per language, sharing the compiled code of the templates."""
    return {language.code: i18n.make_environment(root, language, site.interface[language.code], compiled)
            for language in site.config.languages}


def template_problems(environments: Environments, site: Site) -> list[SiteError]:
    """Every template compiled (a syntax error is reported before any page is made), and every page's template
    known. The worker processes forked to render inherit the compiled templates."""
    errors = i18n.template_errors(environments.values())
    if errors:
        return errors
    environment = environments[site.config.default_language]
    known = set(environment.list_templates())
    sources: dict[str, SourcePage] = {page.source.path: page.source for page in site.pages}
    unknown = [source for source in sources.values() if source.template not in known]
    if not unknown:
        return []
    for_pages = page_templates(environment)
    hint = f"use one of: {', '.join(for_pages)}" if for_pages else "the templates folder is missing or empty"
    return [SiteError(f"front matter: there is no template '{source.template}'", source.path,
                      source.front_matter_lines.get("template"), hint) for source in unknown]


def page_templates(environment: jinja2.Environment) -> list[str]:
    """The templates a Markdown page may name: those at the top of templates/ that extend base.html, directly or
    through another, less the ones the engine uses for its own pages."""
    parents: dict[str, set[str]] = {}
    for name in environment.list_templates(extensions=["html"]):
        source = environment.loader.get_source(environment, name)[0]  # type: ignore[union-attr]
        parents[name] = set(jinja2.meta.find_referenced_templates(environment.parse(source))) - {None}

    def extends_base(name: str, seen: frozenset[str] = frozenset()) -> bool:
        return name not in seen and any(parent == _BASE_TEMPLATE or extends_base(parent, seen | {name})
                                        for parent in parents.get(name, ()))

    return sorted(name for name in parents
                  if "/" not in name and name not in ENGINE_PAGE_TEMPLATES and extends_base(name))


def render(site: Site, outputs: Sequence[Output], environments: Environments) -> Files:
    """The bytes of every output, on every core; raises every error of every file together."""
    shared = {language.code: shared_context(site, language.code, environments[language.code])
              for language in site.config.languages}

    def make(index: int) -> bytes | SiteError:
        output = outputs[index]  # only the index goes to a worker process, which has the outputs already
        try:
            if isinstance(output, Produced):
                return output.produce(*output.inputs)
            return render_file(output, environments[output.language], shared[output.language])
        except SiteError as error:  # comes back as itself, even from a worker process
            return error

    results = map_jobs(make, range(len(outputs)))
    raise_all([result for result in results if isinstance(result, SiteError)])
    return {output.path: result for output, result in zip(outputs, results)}  # type: ignore[misc]


def render_file(output: Rendered, environment: jinja2.Environment, shared: Mapping[str, Any]) -> bytes:
    """One file made by its template, with the widgets of its page drawn in place."""
    context = {**shared, **output.context}
    page = context.get("page")
    if isinstance(page, Page):
        context["page_body"] = Markup(shared["body_of"](page))
    return render_template(environment, output.template, context)


def shared_context(site: Site, language: str, environment: jinja2.Environment) -> dict[str, Any]:
    """What every file of one language may show: the site, its menu, and the functions templates call."""
    config = site.config
    shared: dict[str, Any] = {}

    def body_of(page: Page) -> str:
        """A page's text as HTML, its widgets drawn in place (a feed escapes it; a page marks it safe)."""
        if not page.widgets:
            return page.html
        on_page = frozenset(widget.name for widget in page.widgets)
        return fill_widgets(page.html, lambda index: draw_widget(
            environment, shared, page.widgets[index], site.trackers.get(language), page.source.path, on_page))

    shared.update({
        "site": site,
        "config": config,
        "language": config.language(language),
        "site_title": config.title[language],
        "menu": site.menus[language],
        # Shown by one page each (search, Join), the same for every file of the language: kept out of each file's
        # own values, which the preview compares between builds.
        "directory": site.directory[language],
        "countries": site.countries[language],
        # Our own constant text: no escaping needed.
        "content_security_policy": lambda header=False, script_sources="": Markup(content_security_policy(
            config, header, script_sources)),
        "search_script_sources": SEARCH_SCRIPT_SOURCES,
        "page_path": page_finder(site, language),
        "timeline_chart": lambda view, **labels: Markup(timeline_chart(view, config.language(language), **labels)),
        "world_map": lambda view, **labels: Markup(world_map(site, view, **labels)),
        "body_of": body_of,
        **url_helpers(site),
    })
    return shared


def render_template(environment: jinja2.Environment, name: str, context: Mapping[str, Any]) -> bytes:
    """Render one template; an error inside it is reported at its line in the template."""
    text = i18n.finish_fallbacks(_rendered(environment, name, context), name, context["language"].direction)
    return text.encode("utf-8")


def _rendered(environment: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    try:
        return environment.get_template(name).render(context)
    except jinja2.TemplateNotFound as error:
        # A missing template that another includes, extends or imports is named at that line of the other.
        path, line = _template_location(error, environment)
        raise SiteError(f"there is no template '{error.name}'", path or f"{TEMPLATES_DIR}/{name}", line,
                        f"correct the name, or create {TEMPLATES_DIR}/{error.name} (a template is looked up in the "
                        f"site's {TEMPLATES_DIR}/ folder, then in the theme's)") from None
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


def url_helpers(site: Site) -> dict[str, Callable[[str], str]]:
    """Template functions that turn a path under the site's root into a link, wherever base_url puts the site."""
    config, assets = site.config, site.assets

    def url(path: str) -> str:
        return config.base_path + urls.encoded(path)

    def absolute_url(path: str) -> str:
        return config.base_url + urls.encoded(path)

    def asset_url(name: str) -> str:
        if name not in assets:
            raise jinja2.TemplateRuntimeError(f"there is no file 'static/{name}'")
        return config.base_path + assets[name].url_path

    return {"url": url, "absolute_url": absolute_url, "asset_url": asset_url,
            "feed_link": lambda path: feed_link(config, path), "feed_id": lambda path: feed_id(config, path)}


def feed_link(config: Config, path: str) -> str:
    """How a feed links to `path`: by its address when base_url is real; without one, from the site's root, which a
    reader resolves against the feed's own address (RFC 4287 sec. 2, RFC 3986 sec. 5.1.3), not the placeholder's.
    The news list's rel="prev" and rel="next" links follow the same rule."""
    return (config.base_url if config.has_address else config.base_path) + urls.encoded(path)


def feed_id(config: Config, path: str) -> str:
    """The Atom id of the page at `path` (which may end in "#part"): its address when base_url is real; without one,
    a urn:uuid of the site's title and the path, an absolute IRI that no host change alters."""
    if config.has_address:
        return config.base_url + urls.encoded(path)
    return urls.lasting_id(config.title[config.default_language], path)


def page_finder(site: Site, language: str) -> Callable[[str], str]:
    """A template function: the path of the page with translation key `key` in `language`."""

    def page_path(key: str) -> str:
        if key not in site.translations:
            raise jinja2.TemplateRuntimeError(f"there is no page with translation_key '{key}'")
        return site.translations[key][language].url_path

    return page_path


def draw_widget(environment: jinja2.Environment, shared: Mapping[str, Any], widget: Widget,
                view: TrackerView | None, path: str, on_page: frozenset[str] = frozenset()) -> str:
    """The HTML of one shortcode's widget; loading has checked it against the same data.

    `on_page` names the widgets of the same page: a widget does not repeat what another one there says (the public
    figure, under the counter) nor point to one that is not there ("the table below").
    """
    context = {**shared, "view": view, "on_page": on_page, **widget_values(widget, view)}
    try:
        return _rendered(environment, template_of(widget), context).strip()
    except SiteError as error:
        raise SiteError(f"{error.message} (drawing {{{{< {widget.name} >}}}} of {path}:{widget.line})", error.path,
                        error.line, error.hint) from None


def timeline_chart(view: TrackerView, language: Language, signatories: str, parties: str, title: str,
                   description: str) -> str:
    """The timeline chart in one language: signatories and parties, step by step since the opening."""
    number = i18n.formatters(language.locale, language.native_digits)["number"]
    digits = i18n.digits_of(language.locale, language.native_digits)
    signed = [act.day for act in view.acts if act.kind == "signature"]
    joined = [act.day for act in view.acts if act.kind != "signature"]
    return charts.timeline_svg(
        [charts.Series("series-signatories", signatories, charts.running_counts(signed)),
         charts.Series("series-parties", parties, charts.running_counts(joined))],
        start=view.tracker.treaty.opened_for_signature, end=view.latest, title=title, description=description,
        year_label=lambda year: digits(str(year)), number_label=number,
        id_prefix=f"timeline-{view.language}", direction=language.direction)


def world_map(site: Site, view: TrackerView, labels: Mapping[str, str], state_title: Callable[[str, str], str],
              title: str, description: str) -> str:
    """The world map in one language, coloured by status, each State named with its status's label in the
    language's own sentence (`state_title`: "Luxembourg: State party", French "Luxembourg : État partie")."""
    return render_map(
        site.world_map,
        statuses={row.code: row.group for row in view.rows},
        # The labels and titles come from a template, as Markup; the map escapes its text itself.
        names={row.code: Markup(state_title(row.name, labels[row.group])).unescape() for row in view.rows},
        links={row.code: site.config.base_path + urls.encoded(row.url_path) for row in view.rows
               if row.url_path is not None},
        title=title, description=description, id_prefix=f"map-{view.language}")
