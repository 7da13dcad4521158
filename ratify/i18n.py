"""locale/<lang>/LC_MESSAGES/messages.po -> checked translations; one Jinja environment per language, Babel formatting."""

from __future__ import annotations

import codecs
import copy
import datetime
import gettext
import io
import json
import os
import pickle
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import babel
import jinja2
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.plurals import PLURALS, get_plural
from babel.messages.pofile import PoFileError, read_po
from babel.numbers import format_decimal, format_percent

from ratify.errors import SiteError, SiteErrors, raise_all, relative_name
from ratify.letter import mailto
from ratify.model import FALLBACK_END, FALLBACK_START, Language, in_english, without_marks
from ratify.textfile import decode_text, read_text
from ratify.theme import THEME_PREFIX, default_theme, lookup_folders

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
    """Parse a .po file and check what would break a page: syntax, character set, a string translated twice,
    placeholders, number of plural forms."""
    catalog, text = read_catalog(data, path, locale)
    raise_all(plural_forms_problems(catalog, text, path) or list(catalog_problems(catalog, path)))
    return catalog


def read_catalog(data: bytes, path: str, locale: str | None) -> tuple[Catalog, str]:
    """A .po file -> the catalog and its text, refused (at the line) where gettext's tools would refuse or misread
    it: not UTF-8, a line that is not PO syntax, a header naming another character set, a msgid defined twice."""
    text = _utf8_text(data, path)
    raise_all(charset_problems(text, path) + duplicate_problems(text, path))
    try:
        catalog = read_po(io.StringIO(text), locale=locale, abort_invalid=True)
    except PoFileError as error:
        message = str(error).rsplit(" on ", 1)[0]
        if "more translations than num_plurals" in message:
            message = "a message has more plural forms than the catalog's Plural-Forms header allows"
        raise SiteErrors([SiteError(f"translation catalog: {message}", path, error.lineno + 1,
                                    "open the file in Poedit, which shows what is wrong")]) from None
    except ValueError as error:
        raise SiteErrors([SiteError(f"translation catalog cannot be read: {error}", path, None)]) from None
    return catalog, text


def read_template_catalog(data: bytes, path: str) -> Catalog:
    """A messages.pot -> its catalog, read as UTF-8 whatever its header says: a template made by xgettext keeps the
    placeholder charset=CHARSET, which is right in a template (msginit and Poedit replace it in each .po)."""
    return read_po(io.StringIO(_utf8_text(data, path)))


def _utf8_text(data: bytes, path: str) -> str:
    """A catalog's text, refused at its line when it is not UTF-8 or not PO syntax."""
    try:  # a byte order mark is dropped here: Babel would read it as part of the first keyword
        text = decode_text(data, path)
    except SiteError as error:
        raise SiteErrors([error]) from None
    raise_all(syntax_problems(text, path))
    return text


_CHARSET = re.compile(r'^"Content-Type:[^"]*?charset=([^\s;"\\]*)', re.IGNORECASE)
_UTF8_HEADER = 'the header line is "Content-Type: text/plain; charset=UTF-8\\n", as Poedit and Weblate write it'


def charset_problems(text: str, path: str) -> list[SiteError]:
    """A header that names a character set other than UTF-8 (or the placeholder CHARSET of a new template).

    The build reads every catalog as UTF-8 and has already refused one that is not, so such a header is wrong,
    not the text. It is refused rather than ignored: Poedit, Weblate and msgfmt trust the header, and would show
    translators (and compile) "Ã‰tats" where the file says "États".
    """
    header = text.split("\n\n", 1)[0].split("\n")
    for number, line in enumerate(header, start=1):
        match = _CHARSET.match(line.strip())
        if match is None:
            continue
        name = match[1]
        if name.upper() == "CHARSET":
            return [SiteError("translation catalog: the header names no character set (charset=CHARSET, as a new "
                              "template leaves it)", path, number, _UTF8_HEADER)]
        try:
            if codecs.lookup(name).name == "utf-8":
                return []
        except LookupError:
            return [SiteError(f"translation catalog: the header names an unknown character set '{name}'", path,
                              number, _UTF8_HEADER)]
        return [SiteError(f"translation catalog: the header says charset={name}, but the file is UTF-8 text",
                          path, number, _UTF8_HEADER)]
    return []


_ENTRY_LINE = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)?\s*"(.*)"\s*$')


def duplicate_problems(text: str, path: str) -> list[SiteError]:
    """A msgid defined twice (in the same context): msgfmt, Poedit and Weblate refuse the file, and Babel would
    silently keep one of the two translations."""
    first_lines: dict[tuple[str | None, str], int] = {}
    problems = []
    keyword, context, message_id, id_line = "", None, "", 0
    for number, line in enumerate([*text.split("\n"), 'msgctxt ""'], start=1):  # the last entry ends too
        match = _ENTRY_LINE.match(line.strip())
        if match is None:  # a comment, an obsolete entry or a blank line
            continue
        if match[1] is None:  # a continued string
            if keyword == "msgctxt":
                context = (context or "") + match[2]
            elif keyword == "msgid":
                message_id += match[2]
            continue
        if match[1] in ("msgctxt", "msgid") and keyword not in ("", "msgctxt"):  # a new entry begins
            key = (context, message_id)
            if message_id and key in first_lines:
                shown = f"'{message_id}'" + (f" (context '{context}')" if context is not None else "")
                problems.append(SiteError(f"translation catalog: the msgid {shown} is defined a second time; "
                                          f"the first is at line {first_lines[key]}", path, id_line,
                                          "keep one of the two entries: msgfmt, Poedit and Weblate refuse a "
                                          "catalog with both"))
            first_lines.setdefault(key, id_line)
            context = None
        keyword = match[1]
        if keyword == "msgctxt":
            context = match[2]
        elif keyword == "msgid":
            message_id, id_line = match[2], number
    return problems


# Babel's table of gettext plural formulas swaps Arabic's forms 4 and 5 ("many" and "other") against CLDR, gettext's
# own documentation and Weblate (python-babel/babel issue 816): a translator's "11 States" would show for 101.
_CORRECTED_PLURALS = {"ar": (6, "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)")}
_CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")  # the order of msgstr[N] in Weblate and CLDR tools
_PLURAL_SAMPLES = range(0, 1001)  # every remainder by 10 and 100 that a formula can test, and then some


def expected_plural_forms(locale: str) -> str | None:
    """The Plural-Forms header a catalog of `locale` should have, or None when no table knows the language."""
    parsed = babel.Locale.parse(locale)
    if parsed.language in _CORRECTED_PLURALS:
        count, formula = _CORRECTED_PLURALS[parsed.language]
        return f"nplurals={count}; plural={formula};"
    if parsed.language not in PLURALS and str(parsed) not in PLURALS:
        return None
    return get_plural(parsed).plural_forms


def plural_forms_problems(catalog: Catalog, text: str, path: str) -> list[SiteError]:
    """A Plural-Forms header that does not pick the forms in the order translators fill them in.

    A formula is right when it numbers the forms as gettext's usual table does (Arabic corrected as above) or as
    CLDR orders its categories (zero, one, two, few, many, other), which is what Weblate shows. Formulas are
    compared by what they give for 0 to 1000, not by how they are written.
    """
    expected = expected_plural_forms(str(catalog.locale)) if catalog.locale else None
    if expected is None:
        return []
    line = next((number for number, content in enumerate(text.split("\n"), start=1)
                 if content.lstrip('"').startswith("Plural-Forms:")), None)
    hint = f'the header line for {catalog.locale} is "Plural-Forms: {expected}\\n"'
    try:
        given = _plural_choices(catalog.num_plurals, catalog.plural_expr)
    except (ValueError, SyntaxError, ArithmeticError, RecursionError, TypeError):
        return [SiteError("translation catalog: the Plural-Forms formula cannot be read", path, line, hint)]
    right = {_plural_choices(*_count_and_formula(expected)), _cldr_choices(str(catalog.locale))}
    if given in right:
        return []
    if line is None:
        return [SiteError("translation catalog: there is no Plural-Forms header", path, 1, hint)]
    return [SiteError(f"translation catalog: the Plural-Forms header does not order the plural forms as "
                      f"translators and Weblate do for '{catalog.locale}'", path, line, hint)]


def _count_and_formula(plural_forms: str) -> tuple[int, str]:
    count, formula = (part.split("=", 1)[1].strip() for part in plural_forms.rstrip(";").split(";", 1))
    return int(count), formula


def _plural_choices(count: int, formula: str) -> tuple[int, tuple[int, ...]]:
    choose = gettext.c2py(formula)
    return count, tuple(choose(n) for n in _PLURAL_SAMPLES)


def _cldr_choices(locale: str) -> tuple[int, tuple[int, ...]]:
    """The forms CLDR gives whole numbers, numbered in CLDR's order of categories."""
    rule = babel.Locale.parse(locale).plural_form
    categories = [rule(n) for n in _PLURAL_SAMPLES]
    used = [category for category in _CLDR_ORDER if category in categories]
    return len(used), tuple(used.index(category) for category in categories)


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
    """Translations whose placeholders or plural forms do not match their English original.

    A plural message translated in none or only some of its forms is not an error: it is shown in English, like any
    missing translation, and the report lists it. (More forms than the header allows is Babel's error, on reading.)
    """
    problems: list[SiteError] = []
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        if not any(strings):  # not translated yet (`i18n update` writes a plural so): shown in English, reported
            continue
        wanted = set().union(*(_PLACEHOLDER.findall(text) for text in ids))
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


def _missing_a_form(string: object, forms: int) -> bool:
    """A plural translation begun but not finished: gettext would show an empty text for some numbers."""
    return isinstance(string, (list, tuple)) and any(string) and (not all(string) or len(string) < forms)


def compile_catalog(catalog: Catalog) -> gettext.GNUTranslations:
    """Compile in memory; fuzzy translations and plural ones missing a form are left out, so the English text
    shows until someone completes or checks them."""
    complete = catalog
    incomplete = [message for message in catalog
                  if message.id and _missing_a_form(message.string, catalog.num_plurals)]
    if incomplete:
        complete = copy.deepcopy(catalog)
        for message in incomplete:
            complete.delete(message.id, message.context)
    buffer = io.BytesIO()
    write_mo(buffer, complete, use_fuzzy=False)
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


class TextFileLoader(jinja2.FileSystemLoader):
    """Jinja's loader of template files, each decoded as every other input is: a template saved in another encoding
    than UTF-8 is an error at its line, not a traceback, and a byte order mark does not reach the page."""

    def __init__(self, folders: Iterable[Path], root: Path) -> None:
        super().__init__(list(folders))
        self._root = root  # the site's folder, which the error's path is named from

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)
        file = next((Path(folder, *pieces) for folder in self.searchpath if Path(folder, *pieces).is_file()), None)
        if file is None:
            raise jinja2.TemplateNotFound(template)
        modified = file.stat().st_mtime
        text = read_text(file, relative_name(file, self._root))
        return text, os.path.normpath(file), lambda: file.is_file() and file.stat().st_mtime == modified


class SiteAndThemeLoader(jinja2.BaseLoader):
    """The site's templates first, then the theme's: a site replaces a template by one of the same name. The
    theme's own are also reachable as "theme/<name>", so that the site's template can extend the one it replaces
    rather than copy it whole (and fall behind when the theme changes)."""

    def __init__(self, root: Path) -> None:
        self._site = TextFileLoader(lookup_folders(root, TEMPLATES_DIR), root)
        self._theme = TextFileLoader([default_theme() / TEMPLATES_DIR], root)
        self.searchpath = [*self._site.searchpath, *self._theme.searchpath]  # where an error's file is named from

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        if not template.startswith(THEME_PREFIX):
            return self._site.get_source(environment, template)
        try:
            return self._theme.get_source(environment, template.removeprefix(THEME_PREFIX))
        except jinja2.TemplateNotFound:
            raise jinja2.TemplateNotFound(template) from None

    def list_templates(self) -> list[str]:
        """The site's and the theme's templates, each once: the "theme/" names are the same files again."""
        return self._site.list_templates()


def make_environment(root: Path, language: Language, translations: gettext.NullTranslations,
                     compiled: CompiledTemplates | None = None) -> jinja2.Environment:
    """A Jinja environment for one language: autoescaped, strict about undefined names, speaking its language."""
    environment = jinja2.Environment(
        loader=SiteAndThemeLoader(root),
        bytecode_cache=compiled,
        autoescape=jinja2.select_autoescape(["html", "xml", "svg"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.policies["ext.i18n.trimmed"] = True
    environment.install_gettext_translations(  # type: ignore[attr-defined]
        with_marked_fallbacks(translations, language), newstyle=True)
    environment.filters.update(formatters(language.locale, language.native_digits))
    environment.filters["mailto"] = mailto
    return environment


# An interface string shown in English on a page of another language must say so (lang="en"), or a screen reader
# reads it with the page's voice. The gettext callables of the templates return such a string between two
# private-use characters; once the file is rendered, finish_fallbacks turns them into a <span lang="en"> where
# markup may stand, and drops them where it may not (attributes, <title>, <option>, SVG, feeds), since the same
# string may be shown in either place.
# tojson writes the markers as JSON escapes, which the script that reads them would show as they are.
_MARKERS_IN_JSON = tuple(json.dumps(marker)[1:-1] for marker in (FALLBACK_START, FALLBACK_END))
_NO_MARKUP_INSIDE = frozenset({"title", "textarea", "option", "script", "style", "svg"})
_TOKEN = re.compile(r"<!--.*?-->|<[^>]*>|<|[^<]+", re.S)  # comments, tags, and text (a lone "<" included)
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")


class _SourceText(gettext.NullTranslations):
    """The last fallback of a language's catalog: the English text, between the two markers."""

    def gettext(self, message: str) -> str:
        return in_english(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return in_english(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return self.gettext(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self.ngettext(msgid1, msgid2, n)


def with_marked_fallbacks(translations: gettext.NullTranslations, language: Language) -> gettext.NullTranslations:
    """The translations a language's templates use: those of its catalog, then English text marked as such (through
    gettext's own fallback chain). English pages need no mark. The catalog's object is copied, not changed: the
    same one serves the preview's next build and the error page."""
    if babel.Locale.parse(language.locale).language == SOURCE_LANGUAGE:
        return translations
    marked = copy.copy(translations)
    marked.add_fallback(_SourceText())
    return marked


def finish_fallbacks(text: str, template: str, direction: str) -> str:
    """The markers around English fallbacks in a rendered file, made into <span lang="en"> (with dir="ltr" on a
    right-to-left page) in an HTML file's text, and removed everywhere else."""
    for escaped in _MARKERS_IN_JSON:  # in JSON for a script (Jinja's tojson), where no markup can go
        text = text.replace(escaped, "")
    if FALLBACK_START not in text:
        return text
    if not template.endswith(".html"):
        return _unmarked(text)
    opening = f'<span lang="{SOURCE_LANGUAGE}"' + (' dir="ltr">' if direction == "rtl" else ">")
    inside: list[str] = []  # the open elements whose content cannot hold a <span>
    parts = []
    for token in _TOKEN.findall(text):
        if token.startswith("<") and token.endswith(">"):
            tag = _TAG_NAME.match(token)
            if tag and tag.group(2).lower() in _NO_MARKUP_INSIDE and not token.endswith("/>"):
                if tag.group(1):
                    if tag.group(2).lower() in inside:
                        inside.remove(tag.group(2).lower())
                else:
                    inside.append(tag.group(2).lower())
            parts.append(_unmarked(token))
        elif inside:
            parts.append(_unmarked(token))
        else:
            parts.append(token.replace(FALLBACK_START, opening).replace(FALLBACK_END, "</span>"))
    return "".join(parts)


def _unmarked(text: str) -> str:
    return without_marks(text)


# The zero of each numbering system that CLDR makes some locale's default; the other nine digits follow it.
_ZEROS = {"arab": 0x660, "arabext": 0x6F0, "beng": 0x9E6, "deva": 0x966, "mymr": 0x1040, "tibt": 0xF20,
          "olck": 0x1C50, "nkoo": 0x7C0, "adlm": 0x1E950, "cakm": 0x11136, "mtei": 0xABF0, "hmnp": 0x1E140}


def digits_of(locale: str, native: bool) -> Callable[[str], str]:
    """What turns Latin digits into the locale's own, when the site asks for them (`numbers: native`).

    Babel gives the locale's separators for its numbering system but keeps the digits 0-9, and its dates have
    no numbering system at all: the digits are swapped here, for numbers and dates alike.
    """
    system = babel.Locale.parse(locale).default_numbering_system if native else "latn"
    if system not in _ZEROS:
        return lambda text: text
    table = str.maketrans("0123456789", "".join(chr(_ZEROS[system] + digit) for digit in range(10)))
    return lambda text: text.translate(table)


def formatters(locale: str, native_digits: bool = False) -> dict[str, Callable]:
    """Babel's formatting for one locale, as Jinja filters: dates, numbers, percentages, language names."""
    system = "default" if native_digits else "latn"
    digits = digits_of(locale, native_digits)

    def date(value: datetime.date, format: str = "long") -> str:
        text = format_date(value, format=format, locale=locale)
        # French writes the first of the month as an ordinal ("1er mai"); CLDR's patterns have no such case.
        if babel.Locale.parse(locale).language == "fr" and value.day == 1 and text.startswith("1 "):
            text = "1er" + text[1:]
        return digits(text)

    def month(value: datetime.date) -> str:
        """The month alone, for a fact known to the month ("September 2025", "septiembre de 2025")."""
        return digits(format_skeleton("yMMMM", value, locale=locale))

    def year(value: int) -> str:
        return digits(str(value))  # a year is not a quantity: no grouping ("1983", not "1,983")

    def number(value: float) -> str:
        return digits(format_decimal(value, locale=locale, numbering_system=system))

    def percent(value: float) -> str:
        return digits(format_percent(value, locale=locale, numbering_system=system))

    def language_name(code: str) -> str:
        """The name of language `code` as a reader of this locale says it ("anglais" in French)."""
        return babel.Locale.parse(code.replace("-", "_")).get_display_name(locale) or code

    def and_list(items: Iterable[str]) -> str:
        """Names joined as the language joins them: "Albania and San Marino", "Albanie et Saint-Marin"."""
        return format_list(list(items), locale=locale)

    return {"date": date, "month": month, "year": year, "number": number, "percent": percent,
            "language_name": language_name, "and_list": and_list}


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
        except SiteError as error:  # a template that is not UTF-8 text
            errors.append(error)
            continue
        for environment in others:
            environment.get_template(name)
    return errors
