"""locale/<lang>/LC_MESSAGES/messages.po -> checked translations; one Jinja environment per language, Babel formatting."""

from __future__ import annotations

import copy
import datetime
import gettext
import io
import pickle
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import babel
import jinja2
from babel.dates import format_date
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.numbers import format_decimal, format_percent

from ratify.errors import SiteError, SiteErrors, raise_all, relative_name
from ratify.model import Language
from ratify.theme import lookup_folders

LOCALE_DIR = "locale"
TEMPLATES_DIR = "templates"
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"  # the language the templates are written in: msgids are English
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@dataclass(frozen=True)
class Catalogs:
    """The checked catalog of each language that has one, and the warnings about those that have none."""

    translations: dict[str, gettext.NullTranslations]  # language code -> what Jinja's i18n extension calls
    catalogs: dict[str, Catalog]  # language code -> the .po as read, for the translation report
    warnings: tuple[str, ...]


def catalog_path(root: Path, code: str) -> Path:
    return root / LOCALE_DIR / code.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogs(root: Path, languages: tuple[Language, ...]) -> Catalogs:
    """Read every language's .po directly (never a compiled .mo that could be stale) and check it: the site's own,
    whose translations win, and the default theme's, which translates the rest."""
    translations: dict[str, gettext.NullTranslations] = {}
    catalogs: dict[str, Catalog] = {}
    warnings: list[str] = []
    errors: list[SiteError] = []
    for language in languages:
        paths = [catalog_path(folder.parent, language.code) for folder in lookup_folders(root, LOCALE_DIR)]
        found = [path for path in paths if path.is_file()]
        if not found:
            translations[language.code] = gettext.NullTranslations()
            if language.code != SOURCE_LANGUAGE:
                shown = relative_name(catalog_path(root, language.code), root)
                warnings.append(f"{shown}: missing, so the interface of '{language.code}' is shown in English")
            continue
        try:
            own, *theme = [parse_catalog(path.read_bytes(), relative_name(path, root), language.locale)
                           for path in found]
        except SiteErrors as problems:
            errors.extend(problems.errors)
            continue
        catalog = merge_catalogs(own, theme[0]) if theme else own
        catalogs[language.code] = catalog
        translations[language.code] = compile_catalog(catalog)
    raise_all(errors)
    return Catalogs(translations, catalogs, tuple(warnings))


def merge_catalogs(own: Catalog, theme: Catalog) -> Catalog:
    """The site's catalog, with the theme's translation of every string the site does not translate itself (or
    only fuzzily): the site's words win, the theme's fill the rest."""
    merged = copy.deepcopy(own)
    for message in theme:
        if not message.id or not shows_translation(message):
            continue
        mine = merged.get(message.id, context=message.context)
        if mine is None or not shows_translation(mine):
            merged.delete(message.id, context=message.context)  # setting alone would keep the fuzzy flag
            merged[message.id] = copy.copy(message)
    return merged


def shows_translation(message: Message) -> bool:
    """Whether a page shows this translation: it has every form and is not marked fuzzy."""
    strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    return not message.fuzzy and all(strings)


def parse_catalog(data: bytes, path: str, locale: str) -> Catalog:
    """Parse a .po file and check what would break a page: syntax, placeholders, number of plural forms."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SiteErrors([SiteError(f"translation catalog is not UTF-8 text ({error.reason})", path,
                                    data[: error.start].count(b"\n") + 1, "save it as UTF-8")]) from None
    raise_all(syntax_problems(text, path))
    try:
        catalog = read_po(io.BytesIO(data), locale=locale, abort_invalid=True)
    except PoFileError as error:
        message = str(error).rsplit(" on ", 1)[0]
        if "more translations than num_plurals" in message:
            message = "a message has more plural forms than the catalog's Plural-Forms header allows"
        raise SiteErrors([SiteError(f"translation catalog: {message}", path, error.lineno + 1,
                                    "open the file in Poedit, which shows what is wrong")]) from None
    except ValueError as error:
        raise SiteErrors([SiteError(f"translation catalog cannot be read: {error}", path, None)]) from None
    raise_all(list(catalog_problems(catalog, path)))
    return catalog


_PO_LINE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$')


def syntax_problems(text: str, path: str) -> list[SiteError]:
    """Lines that are neither a comment nor a keyword with a properly quoted string: the usual hand-editing slip."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not _PO_LINE.match(stripped):
            problems.append(SiteError("translation catalog syntax: this line is not a keyword followed by a "
                                      "quoted text", path, number,
                                      'every text must start and end with " and any " inside it written \\"'))
    return problems[:1]  # after the first slip, the following lines are often misread too


def catalog_problems(catalog: Catalog, path: str) -> list[SiteError]:
    """Translations whose placeholders or plural forms do not match their English original."""
    problems: list[SiteError] = []
    expected_forms = catalog.num_plurals
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        if not any(strings):  # not translated yet (`i18n update` writes a plural so): shown in English, reported
            continue
        wanted = set().union(*(_PLACEHOLDER.findall(text) for text in ids))
        given = sum(1 for text in strings if text)
        if isinstance(message.id, (list, tuple)) and given != expected_forms:
            problems.append(SiteError(
                f"'{ids[0]}' has {given} plural forms, but the catalog's Plural-Forms header says "
                f"{expected_forms}", path, message.lineno, "give one msgstr[N] line per plural form"))
            continue
        for text in strings:
            if not text:
                continue
            found = set(_PLACEHOLDER.findall(text))
            if found != wanted:
                missing, unknown = sorted(wanted - found), sorted(found - wanted)
                detail = "; ".join(part for part in (
                    missing and "drops " + ", ".join(f"%({name})s" for name in missing),
                    unknown and "uses unknown " + ", ".join(f"%({name})s" for name in unknown)) if part)
                problems.append(SiteError(f"the translation of '{ids[0]}' {detail}", path, message.lineno,
                                          "keep every %(name)s of the English text, spelled the same"))
                break
    return problems


def compile_catalog(catalog: Catalog) -> gettext.GNUTranslations:
    """Compile in memory; fuzzy translations are left out, so the English text shows until someone checks them."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory and shared by the environments of every language; and, when given a
    cache on disk, kept there between builds too.

    Each language has its own environment, but a template compiles to the same code in all of them: translations
    and filters are looked up when a page is rendered, not when it is compiled. Sharing the code compiles each
    template once instead of once per language (a third of the bundled site's build went to compiling). On disk,
    the code outlives the build the way Python's own .pyc files do, and for the same reason: compiling the
    templates takes a quarter of a second of every build of the bundled site. Jinja keys the code by template and
    checks it against a hash of the source, so an edited template compiles again; the output never depends on it.
    """

    def __init__(self, on_disk: jinja2.BytecodeCache | None = None) -> None:
        self._code: dict[str, bytes] = {}
        self._on_disk = on_disk

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])
        elif self._on_disk is not None:
            try:
                self._on_disk.load_bytecode(bucket)  # leaves the bucket empty when the source has changed since
            except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):  # unreadable or damaged:
                # compile, as without the cache
                bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
        if self._on_disk is not None:
            try:
                self._on_disk.dump_bytecode(bucket)
            except OSError:  # a full disk or a removed folder costs the next build its head start, nothing more
                pass


def templates_cache_on_disk() -> jinja2.BytecodeCache | None:
    """Jinja's cache of compiled templates in the system's temporary folder (a folder of this user's only), or
    None where there is no safe one: the build is then only a quarter of a second slower."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


def make_environment(root: Path, language: Language, translations: gettext.NullTranslations,
                     compiled: CompiledTemplates | None = None) -> jinja2.Environment:
    """A Jinja environment for one language: autoescaped, strict about undefined names, speaking its language."""
    environment = jinja2.Environment(
        # The site's templates first, then the theme's: a site replaces a template by one of the same name.
        loader=jinja2.FileSystemLoader(lookup_folders(root, TEMPLATES_DIR)),
        bytecode_cache=compiled,
        autoescape=jinja2.select_autoescape(["html", "xml", "svg"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.policies["ext.i18n.trimmed"] = True
    environment.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    environment.filters.update(formatters(language.locale))
    return environment


def formatters(locale: str) -> dict[str, Callable]:
    """Babel's formatting for one locale, as Jinja filters: dates, numbers, percentages, language names."""

    def date(value: datetime.date, format: str = "long") -> str:
        text = format_date(value, format=format, locale=locale)
        # French writes the first of the month as an ordinal ("1er mai"); CLDR's patterns have no such case.
        if babel.Locale.parse(locale).language == "fr" and value.day == 1 and text.startswith("1 "):
            text = "1er" + text[1:]
        return text

    def number(value: float) -> str:
        return format_decimal(value, locale=locale)

    def percent(value: float) -> str:
        return format_percent(value, locale=locale)

    def language_name(code: str) -> str:
        """The name of language `code` as a reader of this locale says it ("anglais" in French)."""
        return babel.Locale.parse(code.replace("-", "_")).get_display_name(locale) or code

    return {"date": date, "number": number, "percent": percent, "language_name": language_name}


def template_errors(environments: Iterable[jinja2.Environment]) -> list[SiteError]:
    """Compile every template, so a syntax error is reported (once) before any page is written.

    Every environment then holds every template ready, and the worker processes forked to render inherit them.
    """
    errors: list[SiteError] = []
    first, *others = environments
    for name in first.list_templates():
        try:
            first.get_template(name)
        except jinja2.TemplateSyntaxError as error:
            errors.append(SiteError(f"template: {error.message}", f"{TEMPLATES_DIR}/{error.name or name}",
                                    error.lineno))
            continue
        for environment in others:
            environment.get_template(name)
    return errors
