"""templates and code -> locale/messages.pot -> locale/<lang>/LC_MESSAGES/messages.po (+ .mo), through Babel."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import jinja2
import jinja2.meta
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import generate_po

from ratify.errors import SiteError, relative_name
from ratify.i18n import (DOMAIN, LOCALE_DIR, SOURCE_LANGUAGE, TEMPLATES_DIR, catalog_path, expected_plural_forms,
                         parse_catalog, read_catalog, read_template_catalog, shows_translation)
from ratify.model import Config
from ratify.poformat import is_wrapped, po_text
from ratify.theme import THEME_PREFIX, default_theme

MAPPING_FILE = "babel.cfg"
TEMPLATE_FILE = f"{LOCALE_DIR}/{DOMAIN}.pot"
HEADER = ("# The interface strings of the site's templates.\n"
          "# Translate with Poedit, Weblate or any gettext tool; see 'For translators' in README.md.")


# Where a site without a babel.cfg of its own keeps its translatable strings: its templates.
_SITE_MAPPING = """
[jinja2: templates/**.html]
extensions = jinja2.ext.i18n
trimmed = true
[jinja2: templates/**.xml]
trimmed = true
"""
_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3)}


@dataclass(frozen=True)
class Updated:
    """One language's catalog as `i18n update` left it."""

    path: Path  # locale/<lang>/LC_MESSAGES/messages.po of the site
    to_translate: int  # strings this catalog holds
    by_theme: int  # strings left out because the default theme's catalog translates them


def extract_messages(root: Path) -> Catalog:
    """Every translatable string a site's pages show, as `pybabel extract` finds them.

    With a babel.cfg (the bundled site, the default theme's home) its mapping says where to look. Without one (a
    site made with `ratify new`): the strings of the site's own templates, the engine's (from the theme's
    messages.pot) and those of the theme's templates as they are now, less those of templates the site replaced.
    """
    catalog = Catalog(project="ratify", charset="utf-8", fuzzy=False, header_comment=HEADER)
    own_mapping = root / MAPPING_FILE
    mapping = own_mapping.read_text(encoding="utf-8") if own_mapping.is_file() else _SITE_MAPPING
    method_map, options_map = parse_mapping_cfg(io.StringIO(mapping))
    if not own_mapping.is_file():
        # The engine's own strings (its code's) as the theme's messages.pot lists them; the theme's templates' as
        # they are now, so that a string no template shows any more is not given to translators.
        for message in _theme_template():
            locations = [(file, line) for file, line in message.locations if not file.startswith(_TEMPLATES)]
            if message.id and locations:
                catalog.add(message.id, None, locations, auto_comments=message.auto_comments,
                            context=message.context)
        replaced = replaced_templates(root)
        theme_templates = default_theme() / TEMPLATES_DIR
        for filename, lineno, message, comments, context in extract_from_dir(
                str(theme_templates.parent), method_map, options_map, keywords=_KEYWORDS,
                directory_filter=lambda folder: Path(folder).resolve().is_relative_to(theme_templates.resolve())):
            if filename not in replaced:  # named as the theme's, so that no reference points into the site's own
                # template of the same name, whose lines hold other strings
                catalog.add(message, None, [(f"{THEME_PREFIX}{filename}", lineno)], auto_comments=comments,
                            context=context)
    for filename, lineno, message, comments, context in extract_from_dir(str(root), method_map, options_map,
                                                                         keywords=_KEYWORDS):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


_TEMPLATES = f"{TEMPLATES_DIR}/"


def replaced_templates(root: Path) -> set[str]:
    """The theme's templates whose strings a site no longer shows: those it has one of the same name for, unless
    that one extends the theme's ({% extends "theme/base.html" %}), which still shows them."""
    folder = root / TEMPLATES_DIR
    names = [path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()]
    return {f"{TEMPLATES_DIR}/{name}" for name in names
            if f"{THEME_PREFIX}{name}" not in _referenced_templates(folder / name)}


def _referenced_templates(path: Path) -> set[str]:
    environment = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    try:
        tree = environment.parse(path.read_text(encoding="utf-8"))
    except (jinja2.TemplateSyntaxError, UnicodeDecodeError):
        return set()  # not a template that extends another; the build reports a broken one at its line
    return set(jinja2.meta.find_referenced_templates(tree)) - {None}


def _theme_template() -> Catalog:
    path = default_theme() / TEMPLATE_FILE
    return read_template_catalog(path.read_bytes(), path.as_posix()) if path.is_file() else Catalog()


def write_template(root: Path, catalog: Catalog) -> Path:
    """Write locale/messages.pot without a creation date, so an unchanged template is an unchanged file; wrapped
    as gettext wraps, which is what Weblate and Poedit show and write."""
    path = root / TEMPLATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(po_text(catalog, new_header(catalog), wrapped=True), encoding="utf-8")
    return path


def update_catalogs(root: Path, config: Config) -> list[Updated]:
    """Merge the template into each language's .po (new strings added, changed ones marked fuzzy).

    In a site other than the default theme's own, a language the theme translates gets only the strings the
    theme does not translate (and those the site's catalog holds already, to translate them its own way).
    """
    template_path = root / TEMPLATE_FILE
    if not template_path.is_file():
        raise SiteError("the list of strings to translate is missing", TEMPLATE_FILE, None,
                        "run 'ratify i18n extract' first: it writes this file from the site's templates")
    template = read_template_catalog(template_path.read_bytes(), TEMPLATE_FILE)
    theme_locale = default_theme() / LOCALE_DIR
    is_theme = (root / LOCALE_DIR).resolve() == theme_locale.resolve()
    written = []
    for language in config.languages:
        if language.code == SOURCE_LANGUAGE:
            continue
        path = catalog_path(root, language.code)
        if path.is_file():
            catalog, text = read_catalog(path.read_bytes(), relative_name(path, root), language.locale)
            header, wrapped = text.split("\n\n", 1)[0], is_wrapped(text)  # as the translator's tool left them
        else:
            catalog = new_catalog(language.locale)
            header, wrapped = new_header(catalog), True
            path.parent.mkdir(parents=True, exist_ok=True)
        theme_path = catalog_path(theme_locale.parent, language.code)
        wanted, by_theme = template, 0
        if not is_theme and theme_path.is_file():
            theme, _ = read_catalog(theme_path.read_bytes(), theme_path.as_posix(), language.locale)
            wanted, by_theme = _not_translated_by(theme, template, catalog)
        catalog.update(wanted, update_header_comment=False)
        path.write_text(po_text(catalog, header, wrapped), encoding="utf-8")
        written.append(Updated(path, sum(1 for message in catalog if message.id), by_theme))
    return written


def _not_translated_by(theme: Catalog, template: Catalog, own: Catalog) -> tuple[Catalog, int]:
    """The template less the strings `theme` translates and `own` does not hold; and how many were left out."""
    wanted = Catalog(project="ratify", charset="utf-8", fuzzy=False)
    left_out = 0
    for message in template:
        if not message.id:
            continue
        translated = theme.get(message.id, context=message.context)
        if translated is not None and shows_translation(translated) \
                and own.get(message.id, context=message.context) is None:
            left_out += 1
            continue
        wanted[message.id] = message
    return wanted, left_out


def new_catalog(locale: str) -> Catalog:
    """An empty catalog for a new language, with the Plural-Forms header the build checks for (Babel's own table
    has Arabic's forms in another order than CLDR and Weblate: see ratify.i18n)."""
    catalog = Catalog(locale=locale, project="ratify", charset="utf-8", fuzzy=False, header_comment=HEADER)
    plural_forms = expected_plural_forms(locale)
    if plural_forms is not None:
        catalog.mime_headers = [("Plural-Forms", plural_forms)]  # Babel's way of reading the header sets the formula
    return catalog


def compile_catalogs(root: Path, config: Config) -> list[Path]:
    """Write a .mo beside each .po, for tools that want one; the build itself always reads the .po."""
    written = []
    for language in config.languages:
        path = catalog_path(root, language.code)
        if not path.is_file():
            continue
        catalog = parse_catalog(path.read_bytes(), path.relative_to(root).as_posix(), language.locale)
        with open(path.with_suffix(".mo"), "wb") as target:
            write_mo(target, catalog, use_fuzzy=False)
        written.append(path.with_suffix(".mo"))
    return written


def new_header(catalog: Catalog) -> str:
    """The header comment and entry Babel writes for `catalog`, without the creation and revision dates, which
    would change the file on every run."""
    header = "".join(generate_po(catalog, width=0)).split("\n\n", 1)[0]
    return "\n".join(line for line in header.split("\n")
                     if not line.startswith(('"POT-Creation-Date:', '"PO-Revision-Date:')))
