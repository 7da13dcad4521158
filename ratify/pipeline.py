"""The build as one line: write(render(load(root))). Loading gathers and checks everything before any rendering."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import jinja2

from ratify import assets, config, content, i18n
from ratify.errors import SiteError, SiteErrors, raise_all
from ratify.markup import Converter
from ratify.model import Site, SourcePage
from ratify.render import Output, render_site
from ratify.write import write_site


@dataclass(frozen=True)
class Loaded:
    """A site gathered and checked, with what rendering it needs."""

    site: Site
    environments: dict[str, jinja2.Environment]  # language code -> its Jinja environment
    warnings: tuple[str, ...]  # things a person should know that do not stop the build


@dataclass(frozen=True)
class BuildResult:
    pages: int  # pages in all languages, stand-ins included
    files: int  # files written
    warnings: tuple[str, ...]


def load(root: Path, base_url: str | None = None) -> Loaded:
    """Read and check every input of the site under `root`; nothing is rendered yet."""
    site_config = config.read_config(root, base_url)
    catalogs = i18n.read_catalogs(root, site_config.languages)
    environments = {language.code: i18n.make_environment(root, language, catalogs.translations[language.code])
                    for language in site_config.languages}
    first_environment = environments[site_config.default_language]
    errors = i18n.template_errors(first_environment, root)
    sources = content.read_sources(root, site_config)
    errors += _unknown_templates(sources, first_environment)
    raise_all(errors)
    content.check_unique(sources)
    chosen = content.choose_sources(sources, site_config)
    converters = {
        language.code: Converter(language.quotes, site_config.base_path,
                                 catalogs.translations[language.code].gettext("Back to footnote %d in the text"))
        for language in site_config.languages
    }
    pages, translations = content.make_pages(chosen, site_config, converters)
    site = Site(
        config=site_config,
        pages=pages,
        translations=MappingProxyType({key: MappingProxyType(versions) for key, versions in translations.items()}),
        menus=MappingProxyType(content.make_menus(pages, site_config)),
        assets=MappingProxyType(assets.read_assets(root)),
    )
    return Loaded(site, environments, catalogs.warnings)


_NOT_FOR_PAGES = {"base.html", "404.html", "root.html"}  # layouts and special pages, not for front matter


def _unknown_templates(sources: list[SourcePage], environment: jinja2.Environment) -> list[SiteError]:
    known = set(environment.list_templates())
    pages = sorted(name for name in known if name.endswith(".html") and name not in _NOT_FOR_PAGES)
    hint = f"use one of: {', '.join(pages)}" if pages else "the templates folder is missing or empty"
    return [SiteError(f"front matter: there is no template '{source.template}'", source.path,
                      source.front_matter_lines.get("template"), hint)
            for source in sources if source.template not in known]


def render(loaded: Loaded) -> Output:
    """Render a loaded site; errors in templates are reported with their template line."""
    try:
        return render_site(loaded.site, loaded.environments)
    except SiteError as error:
        raise SiteErrors([error]) from None


def build(root: Path, out_dir: Path, base_url: str | None = None) -> BuildResult:
    """Build the site under `root` into `out_dir`; on any error the previous `out_dir` is left as it was."""
    loaded = load(root, base_url)
    output = render(loaded)
    write_site(output, out_dir)
    return BuildResult(pages=len(loaded.site.pages), files=len(output), warnings=loaded.warnings)
