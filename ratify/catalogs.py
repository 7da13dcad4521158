"""templates and code -> locale/messages.pot -> locale/<lang>/LC_MESSAGES/messages.po (+ .mo), through Babel."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from ratify.i18n import DOMAIN, LOCALE_DIR, SOURCE_LANGUAGE, catalog_path, expected_plural_forms, parse_catalog
from ratify.model import Config

MAPPING_FILE = "babel.cfg"
TEMPLATE_FILE = f"{LOCALE_DIR}/{DOMAIN}.pot"
HEADER = ("# The interface strings of the site's templates.\n"
          "# Translate with Poedit, Weblate or any gettext tool; see 'For translators' in README.md.")


def extract_messages(root: Path) -> Catalog:
    """Every translatable string of the templates and the code, as `pybabel extract -F babel.cfg` finds them."""
    with open(root / MAPPING_FILE, encoding="utf-8") as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)
    catalog = Catalog(project="ratify", charset="utf-8", fuzzy=False, header_comment=HEADER)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(root), method_map, options_map, keywords={"_": None, "gettext": None, "ngettext": (1, 2),
                                                          "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3)}):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def write_template(root: Path, catalog: Catalog) -> Path:
    """Write locale/messages.pot without a creation date, so an unchanged template is an unchanged file."""
    path = root / TEMPLATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=False, omit_header=False, include_lineno=True)
    path.write_bytes(_without_dates(buffer.getvalue()))
    return path


def update_catalogs(root: Path, config: Config) -> list[Path]:
    """Merge the template into each language's .po (new strings added, changed ones marked fuzzy)."""
    template = read_po(io.BytesIO((root / TEMPLATE_FILE).read_bytes()))
    written = []
    for language in config.languages:
        if language.code == SOURCE_LANGUAGE:
            continue
        path = catalog_path(root, language.code)
        if path.is_file():
            catalog = read_po(io.BytesIO(path.read_bytes()), locale=language.locale)
        else:
            catalog = new_catalog(language.locale)
            path.parent.mkdir(parents=True, exist_ok=True)
        catalog.update(template, update_header_comment=False)
        buffer = io.BytesIO()
        write_po(buffer, catalog, width=100, ignore_obsolete=False, include_previous=True)
        path.write_bytes(_without_dates(buffer.getvalue()))
        written.append(path)
    return written


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


def _without_dates(po: bytes) -> bytes:
    """Drop the creation and revision dates Babel writes, which would change the file on every run."""
    lines = [line for line in po.split(b"\n")
             if not line.startswith((b'"POT-Creation-Date:', b'"PO-Revision-Date:'))]
    return b"\n".join(lines)
