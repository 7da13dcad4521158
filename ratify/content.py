"""content/<lang>/**/*.md -> SourcePages (front matter checked), then Pages for every language, translations linked."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Mapping

from ratify.datafile import LineDict, parse_yaml
from ratify.declaration import DOCUMENT_SCHEMA, parse_declaration
from ratify.errors import SiteError, SiteErrors, did_you_mean, problems_of, raise_all
from ratify.config import CONFIG_FILE
from ratify.assets import PAGE_FILES_DIR, STATIC_DIR
from ratify.markup import AssetResolver, Converted, Converter, LinkResolver, resolve_relative
from ratify.parallel import map_jobs
from ratify.shortcodes import WidgetCheck
from ratify.textfile import read_text
from ratify.model import (INDEX_NAMES, Asset, Config, Declaration, DeclarationText, GeneratedPage, MenuEntry, News,
                          Page, SourceDocument, SourcePage)
from ratify.reader import DECLARATION_TEMPLATE, compare_paths_of, languages_with_own_text, present_declaration
from ratify.schema import DATE, MAPPING, TEXT, TRUE_FALSE, WHOLE_NUMBER, Field, Problem, Schema, must_be, read_mapping

CONTENT_DIR = "content"

def _slug(key: str, value: str) -> Problem | None:
    """Letters and digits of any script (with their accents and vowel signs), '-' and '_': one path segment, lower
    case where the script has cases, composed (NFC) so that one name is one URL and one file."""
    if value and value == value.lower() and unicodedata.is_normalized("NFC", value) and all(
            character in "-_" or unicodedata.category(character)[0] in "LNM" for character in value):
        return None
    return (must_be(key, "lower-case letters or digits of any script, '-' and '_', without spaces or '/'", value),
            "for example 'rejoindre', 'a-propos' or 'الدول'")


# A page's front matter; anything else is a typo.
FRONT_MATTER: Schema = {
    "title": Field(TEXT, required=True),
    "description": Field(TEXT, required=True),
    "slug": Field(TEXT, check=_slug),
    "date": Field(DATE),
    "template": Field(TEXT),
    "translation_key": Field(TEXT),
    "draft": Field(TRUE_FALSE, default=False),
    "weight": Field(WHOLE_NUMBER),
    "menu_title": Field(TEXT),
    "source_hash": Field(TEXT),
    "noindex": Field(TRUE_FALSE, default=False),
}
# A declaration's: a page's, with the keys that link its languages required, and the document it is the text of.
DECLARATION_FRONT_MATTER: Schema = {
    **FRONT_MATTER,
    "translation_key": Field(TEXT, required=True),
    "template": Field(TEXT, required=True),
    "document": Field(MAPPING, required=True, fields=DOCUMENT_SCHEMA),
}
_ONLY_IN_A_DECLARATION = {"document": f"only a declaration has 'document:'; give it 'template: {DECLARATION_TEMPLATE}'"}
# Stands in for the document of a declaration whose front matter is wrong, so that its body is checked too.
_UNREAD_DOCUMENT = SourceDocument(symbol="", official_url="", unofficial_translation=False)
DEFAULT_TEMPLATE = "page.html"


def language_folders(root: Path, config: Config) -> list[tuple[str, Path]]:
    """(language, folder) of each language folder under content/; a folder for no language is an error."""
    content = root / CONTENT_DIR
    if not content.is_dir():
        raise SiteErrors([SiteError("there is no content folder", CONTENT_DIR, None,
                                    "create content/<language>/index.md for each language")])
    folders, errors = [], []
    for folder in sorted(content.iterdir()):
        if not folder.is_dir():
            continue
        if folder.name not in config.language_codes:
            errors.append(SiteError(
                f"the folder '{folder.name}' is not one of the languages in site.yaml "
                f"({', '.join(config.language_codes)})",
                f"{CONTENT_DIR}/{folder.name}", None,
                did_you_mean(folder.name, config.language_codes) or "add the language to site.yaml or rename the folder"))
            continue
        folders.append((folder.name, folder))
    raise_all(errors)
    return folders


def source_files(root: Path, config: Config) -> list[tuple[str, str, Path]]:
    """(language, path within its folder, file) of every Markdown file under content/."""
    return [(language, rel_path, folder / rel_path)
            for language, folder in language_folders(root, config) for rel_path in markdown_files(folder)]


@dataclass(frozen=True)
class EmptyFile:
    """A Markdown file with no title and no text: most often a translation not written yet, since the editor in the
    browser writes a file for every language of a new page, the keys all languages share and nothing else."""

    path: str  # the file, relative to the site root: "content/fr/about.md"
    language: str  # the folder under content/
    translation_key: str  # `translation_key`, or the path within the language folder without ".md"
    problems: tuple[SiteError, ...]  # what reading it as a page finds ("'title' is missing"): raised when no page
    # of the default language is the one it would translate


Read = SourcePage | EmptyFile | list[SiteError]  # one file read: a page, an empty file, or its problems


def read_sources(root: Path, config: Config) -> list[SourcePage]:
    """Every published page of content/, read and checked, its folders named; raises the problems of every file
    together."""
    return pages_read([read_source(*file) for file in source_files(root, config)], config)[0]


def read_source(language: str, rel_path: str, file: Path) -> Read:
    """One Markdown file read and checked, an empty one, or every problem found in it."""
    try:
        shown = f"{CONTENT_DIR}/{language}/{rel_path}"
        return parse_file(read_text(file, shown), shown, language, rel_path)
    except (SiteError, SiteErrors) as failure:
        return problems_of(failure)


def set_aside_empty(read: list[Read], config: Config) -> tuple[list[SourcePage | list[SiteError]], list[EmptyFile]]:
    """The files read less the empty translations, which are read as absent (their page is shown in the default
    language, as any page not translated yet); and those empty translations.

    An empty file is a translation when a page of the default language has its translation key; any other (an empty
    page of the default language, an empty page that translates nothing) is an error, as any page without a title.
    """
    default = config.default_language
    originals = {result.translation_key for result in read
                 if isinstance(result, SourcePage) and result.language == default}
    kept: list[SourcePage | list[SiteError]] = []
    empty: list[EmptyFile] = []
    for result in read:
        if not isinstance(result, EmptyFile):
            kept.append(result)
        elif result.language != default and result.translation_key in originals:
            empty.append(result)
        else:
            kept.append(list(result.problems))
    return kept, empty


def pages_read(read: list[Read], config: Config) -> tuple[list[SourcePage], list[EmptyFile]]:
    """The published pages of the files read, their folders named, and the empty translations set aside; raises the
    problems of every file together."""
    kept, empty = set_aside_empty(read, config)
    return name_folders(published(kept), config), empty


def empty_warnings(empty: list[EmptyFile], sources: list[SourcePage], config: Config) -> list[str]:
    """One line for each empty translation of a published page: the site shows that page in the default language
    (a draft's shows nothing, and says nothing)."""
    originals = {source.translation_key: source for source in sources if source.language == config.default_language}
    return [f"{file.path}: no title and no text yet: {originals[file.translation_key].path} is shown in its place "
            "until it is translated" for file in sorted(empty, key=lambda file: file.path)
            if file.translation_key in originals]


def published(read: list[SourcePage | list[SiteError]]) -> list[SourcePage]:
    """The pages read, less the drafts; raises every problem of every file together."""
    raise_all([error for result in read if isinstance(result, list) for error in result])
    return [page for page in read if isinstance(page, SourcePage) and not page.draft]


def name_folders(sources: list[SourcePage], config: Config) -> list[SourcePage]:
    """Each page in a folder with the URL names of its folders in every language (SourcePage.folder_slugs)."""
    names = folder_url_names([(source.language, source.rel_path, source.slug) for source in sources],
                             [config.default_language, *config.language_codes])
    return [replace(source, folder_slugs=MappingProxyType(
                {code: _folder_slugs(source.rel_path, names[code]) for code in config.language_codes}))
            if "/" in source.rel_path else source for source in sources]


def folder_url_names(files: list[tuple[str, str, str | None]], preference: list[str]) -> dict[str, dict[str, str]]:
    """Language -> folder ("protocol", "protocol/annexes") -> the name it takes in URLs, from (language, path within
    the language folder, slug) of every page and the languages in order of preference (the default one first).

    A folder's name in URLs is the `slug` of its section page, `<folder>/index.md`, else `<folder>.md` beside it,
    else the folder's own name: the same file names in every language, and each language's words in its URLs
    (content/fr/news.md with `slug: actualites` puts content/fr/news/x.md at /fr/actualites/x/). A language without
    the section page takes the slug of the one that stands in for it, so that a folder's pages are shown under
    its section page wherever that page is shown.
    """
    folders = {"/".join(parts[:depth]) for _, rel_path, _ in files
               for parts in [rel_path.split("/")] for depth in range(1, len(parts))}
    own: dict[str, dict[str, str]] = {}
    for language, rel_path, slug in files:
        stem = rel_path[: -len(".md")]
        parent, _, name = stem.rpartition("/")
        if name in INDEX_NAMES and parent:
            own.setdefault(language, {})[parent] = slug or parent.rpartition("/")[2]  # index.md wins over <folder>.md
        elif stem in folders:
            own.setdefault(language, {}).setdefault(stem, slug or name)
    return {code: {folder: next((own[other][folder] for other in [code, *preference] if folder in own.get(other, {})),
                                folder.rpartition("/")[2]) for folder in sorted(folders)}
            for code in dict.fromkeys(preference)}


def _folder_slugs(rel_path: str, names: Mapping[str, str]) -> tuple[str, ...]:
    """The URL names of the folders above `rel_path`, outermost first; a folder no page names keeps its own."""
    folders = rel_path.split("/")[:-1]
    return tuple(names.get("/".join(folders[: depth + 1]), folder) for depth, folder in enumerate(folders))


def markdown_files(folder: Path) -> list[str]:
    """The .md files under `folder`, as paths within it, folder by folder in name order.

    os.walk rather than Path.rglob: the preview lists every file on each save, and this is ten times quicker.
    """
    found = []
    for directory, _, names in os.walk(folder):
        within = os.path.relpath(directory, folder)
        found.extend(name if within == "." else f"{within}/{name}".replace(os.sep, "/")
                     for name in names if name.endswith(".md"))
    return sorted(found, key=lambda rel_path: rel_path.split("/"))


def split_front_matter(text: str, path: str) -> tuple[str, str, int]:
    """Split a file into (front matter, body, line where the body starts)."""
    text = text.removeprefix("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise SiteError("the page has no front matter", path, 1,
                        "start the file with a line '---', then 'title: ...' and 'description: ...', then '---'")
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1 : number - 1]), "\n".join(lines[number:]), number + 1
    raise SiteError("the front matter is never closed", path, 1, "add a line '---' after the last 'key: value' line")


def parse_source(text: str, path: str, language: str, rel_path: str) -> SourcePage:
    """Check one Markdown file's front matter and keep its body; raise SiteErrors with every problem found.

    A file with `template: declaration.html` is a declaration: its front matter has a `document:` too, and
    ratify.declaration reads its body.
    """
    read = parse_file(text, path, language, rel_path)
    if isinstance(read, EmptyFile):
        raise SiteErrors(list(read.problems))
    return read


def parse_file(text: str, path: str, language: str, rel_path: str) -> SourcePage | EmptyFile:
    """parse_source, but a page with no title, no description and no text is an EmptyFile, not an error:
    set_aside_empty decides whether it is a translation not written yet or a mistake."""
    front, body, body_line = split_front_matter(text, path)
    data = parse_yaml(front, path, line_offset=1)
    if data is None:
        data = LineDict()
        data.line, data.key_lines = 2, {}
    if not isinstance(data, LineDict):
        raise SiteError("front matter must be 'key: value' lines", path, 2)
    errors: list[SiteError] = []
    if data.get("template") == DECLARATION_TEMPLATE:
        values = read_mapping(data, DECLARATION_FRONT_MATTER, path, errors, about="front matter",
                              blank_is_absent=True)
        declaration = _read_declaration(body, body_line, path, language, values, errors)
    else:
        values = read_mapping(data, FRONT_MATTER, path, errors, about="front matter",
                              elsewhere=_ONLY_IN_A_DECLARATION, blank_is_absent=True)
        declaration = None
        if errors and _is_empty(data, body):
            return _empty_file(data, path, language, rel_path, errors)
    raise_all(errors)
    title = values["title"].strip()
    return SourcePage(
        path=path,
        language=language,
        rel_path=rel_path,
        translation_key=(values["translation_key"] or rel_path[: -len(".md")]).strip(),
        title=title,
        description=values["description"].strip(),
        slug=values["slug"],
        date=values["date"],
        template=(values["template"] or DEFAULT_TEMPLATE).strip(),
        weight=values["weight"],
        menu_title=(values["menu_title"] or title).strip(),
        source_hash=values["source_hash"],
        draft=values["draft"],
        noindex=values["noindex"],
        body=body,
        body_line=body_line,
        front_matter_lines=MappingProxyType(dict(data.key_lines)),
        declaration=declaration,
    )


# An empty page's front matter: a page's, less the two keys whose absence makes it empty. Its other keys are checked
# as any page's; a title or a description alone (no text) is a page begun, and stays an error without the other.
_EMPTY_FRONT_MATTER: Schema = {key: field for key, field in FRONT_MATTER.items()
                               if key not in ("title", "description")}


def _is_empty(data: Mapping[str, Any], body: str) -> bool:
    """No title, no description and no text: what the editor writes for a language left empty."""
    return not body.strip() and all(not str(data.get(key) or "").strip() for key in ("title", "description"))


def _empty_file(data: LineDict, path: str, language: str, rel_path: str, errors: list[SiteError]) -> EmptyFile:
    """An empty page whose other keys are right; raises their problems (and the missing title) when they are not."""
    rest = {key: value for key, value in data.items() if key not in ("title", "description")}
    problems: list[SiteError] = []
    values = read_mapping(rest, _EMPTY_FRONT_MATTER, path, problems, about="front matter",
                          elsewhere=_ONLY_IN_A_DECLARATION, blank_is_absent=True)
    if problems:
        raise SiteErrors(errors)
    return EmptyFile(path=path, language=language,
                     translation_key=(values["translation_key"] or rel_path[: -len(".md")]).strip(),
                     problems=tuple(errors))


def _read_declaration(body: str, body_line: int, path: str, language: str, values: Mapping[str, Any],
                      errors: list[SiteError]) -> Declaration | None:
    """The declaration in the body; its problems are added to `errors`, with those of the front matter."""
    document = values.get("document")
    try:
        return parse_declaration(body, body_line, path, language, SourceDocument(
            symbol=document["symbol"].strip(), official_url=document["official_url"].strip(),
            unofficial_translation=document["unofficial_translation"]) if document and document.ok
            else _UNREAD_DOCUMENT)
    except SiteErrors as failure:
        errors.extend(failure.errors)
        return None


# A page whose Markdown is larger than this is worth a warning: it is slow to send and to lay out on a phone, and
# long to search and to scroll; some sixteen times the bundled site's longest text (the French declaration, 30 KB).
# In bytes.
LARGE_PAGE = 500_000


def size_warnings(sources: list[SourcePage]) -> list[str]:
    """One line for each page whose Markdown is over LARGE_PAGE: a build does not stop for it."""
    return [f"{source.path}: {_kilobytes(size)} of Markdown, over the {_kilobytes(LARGE_PAGE)} a page should stay "
            "under: split it into pages, or move long tables to a downloadable file"
            for source in sorted(sources, key=lambda source: source.path)
            if (size := len(source.body.encode("utf-8"))) > LARGE_PAGE]


def _kilobytes(size: int) -> str:
    return f"{-(-size // 1000)} KB"  # rounded up: a page just over the limit does not read as at it


def check_unique(sources: list[SourcePage]) -> None:
    """Two files of one language may not claim the same URL or the same translation key."""
    errors: list[SiteError] = []
    for what, key_of in (("URL", lambda page: page.url_path), ("translation_key", _language_and_key)):
        first: dict[Any, SourcePage] = {}
        for page in sorted(sources, key=lambda page: page.path):
            claimed = key_of(page)
            if claimed in first:
                other = first[claimed]
                shown = page.url_path if what == "URL" else page.translation_key
                errors.append(SiteError(f"this page and {other.path} both claim the {what} '{shown}'", page.path,
                                        _claim_line(page, what), "give one of them another 'slug' or file name"
                                        if what == "URL" else "give one of them another 'translation_key'"))
            else:
                first[claimed] = page
    raise_all(errors)


def check_translation_keys(sources: list[SourcePage], config: Config) -> None:
    """A translation_key written in another language's page must be one of the default language's: a typo would
    make the page an orphan, shown as a page of its own in every menu."""
    default = config.default_language
    keys = {page.translation_key for page in sources if page.language == default}
    raise_all([SiteError(f"front matter: 'translation_key' {page.translation_key!r} matches no page in '{default}'",
                         page.path, page.front_matter_lines["translation_key"],
                         did_you_mean(page.translation_key, keys) or f"use the translation_key of the page in "
                         f"content/{default}/ this page translates (its file name without '.md', unless it sets one)")
               for page in sorted(sources, key=lambda page: page.path)
               if page.language != default and "translation_key" in page.front_matter_lines
               and page.translation_key not in keys])


def _language_and_key(page: SourcePage) -> tuple[str, str]:
    return (page.language, page.translation_key)


def _claim_line(page: SourcePage, what: str) -> int:
    key = "slug" if what == "URL" else "translation_key"
    return page.front_matter_lines.get(key, 1)


def choose_sources(sources: list[SourcePage], config: Config) -> dict[str, dict[str, SourcePage]]:
    """For every page and every language, the file that provides its text: its translation, or a stand-in.

    A stand-in is the default language's version if there is one, else the first language (in site.yaml's
    order) that has the page, so a reader always finds the page and is told it is not translated.
    """
    by_key: dict[str, dict[str, SourcePage]] = {}
    for page in sources:
        by_key.setdefault(page.translation_key, {})[page.language] = page
    preference = [config.default_language, *config.language_codes]
    chosen: dict[str, dict[str, SourcePage]] = {}
    for key in sorted(by_key):
        versions = by_key[key]
        stand_in = versions[next(code for code in preference if code in versions)]
        chosen[key] = {code: versions.get(code, stand_in) for code in config.language_codes}
    return chosen




Job = tuple[str, str]  # (translation key, language): one page to convert


def conversion_jobs(chosen: dict[str, dict[str, SourcePage]]) -> list[Job]:
    """Every (key, language) whose Markdown body is converted: all pages but the declarations' readers."""
    return [(key, code) for key, versions in chosen.items() for code, source in versions.items()
            if source.declaration is None]


def reader_jobs(chosen: dict[str, dict[str, SourcePage]]) -> list[Job]:
    """Every (key, language) that shows a declaration in the reader."""
    return [(key, code) for key, versions in chosen.items() for code, source in versions.items()
            if source.declaration is not None]


def convert_bodies(jobs: list[Job], chosen: dict[str, dict[str, SourcePage]], config: Config,
                   converters: Mapping[str, Converter], checks: Mapping[str, WidgetCheck],
                   assets: Mapping[str, Asset] = MappingProxyType({})) -> list[Converted | list[SiteError]]:
    """Each job's body converted for its language, on every core; a page's errors come back in its place.

    Links lead to pages of the language being built; shortcodes are checked against the tracker of that language;
    images and files are found beside the page or in static/ (`assets`).
    """
    resolvers = _resolvers(chosen, config)
    preference = [config.default_language, *config.language_codes]

    def convert(job: Job) -> Converted | list[SiteError]:
        key, code = job
        source = chosen[key][code]
        try:
            return converters[code].convert(source.body, source.path, source.body_line, resolvers(source, code),
                                            checks.get(code), _asset_resolver(source, assets, preference))
        except (SiteError, SiteErrors) as failure:
            return problems_of(failure)

    return map_jobs(convert, jobs)


def present_readers(jobs: list[Job], chosen: dict[str, dict[str, SourcePage]], config: Config,
                    converters: Mapping[str, Converter]) -> list[DeclarationText | list[SiteError]]:
    """Each job's declaration as the reader shows it: every part converted for its language."""
    resolvers = _resolvers(chosen, config)
    presented: list[DeclarationText | list[SiteError]] = []
    for key, code in jobs:
        source = chosen[key][code]
        url_path = source.url_path_in(code)
        try:
            presented.append(present_declaration(
                source.declaration, converters[code], resolvers(source, code),  # type: ignore[arg-type]
                compare_paths_of(url_path, code, languages_with_own_text(config, chosen[key]))))
        except (SiteError, SiteErrors) as failure:
            presented.append(problems_of(failure))
    return presented


def make_pages(chosen: dict[str, dict[str, SourcePage]],
               converted: Mapping[Job, Converted | list[SiteError]],
               presented: Mapping[Job, DeclarationText | list[SiteError]],
               ) -> tuple[tuple[Page, ...], dict[str, dict[str, Page]]]:
    """Every page in every language from its converted body or its presented declaration, sorted by URL, and the
    same pages by translation key and language; raises the problems of every page together."""
    errors = [error for results in (converted, presented) for result in results.values()
              if isinstance(result, list) for error in result]
    raise_all(errors)
    translations: dict[str, dict[str, Page]] = {}
    for key, versions in chosen.items():
        for code, source in versions.items():
            text = presented.get((key, code))
            if isinstance(text, DeclarationText):
                page = Page(language=code, source=source, html="", toc=(), anchors=frozenset(text.anchors),
                            reader_text=text, references=text.references)
            else:
                body = converted[(key, code)]
                assert isinstance(body, Converted)
                page = Page(language=code, source=source, html=body.html, toc=body.toc, anchors=body.anchors,
                            widgets=body.widgets, references=body.references)
            translations.setdefault(key, {})[code] = page
    pages = tuple(sorted((page for versions in translations.values() for page in versions.values()),
                         key=lambda page: page.url_path))
    return pages, translations


def _resolvers(chosen: dict[str, dict[str, SourcePage]], config: Config
               ) -> Callable[[SourcePage, str], LinkResolver]:
    by_rel_path = {(source.language, source.rel_path): source
                   for versions in chosen.values() for source in versions.values()}
    preference = [config.default_language, *config.language_codes]
    return lambda source, code: _resolver(source, code, by_rel_path, chosen, preference)


def _resolver(source: SourcePage, code: str, by_rel_path: dict[tuple[str, str], SourcePage],
              chosen: dict[str, dict[str, SourcePage]], preference: list[str]) -> LinkResolver:
    """Links are written between files of the text's own folder; they lead to the page in language `code`.

    A link to a file the folder lacks (a translation not written yet) finds that file in another language.
    """

    def resolve(target: str) -> str | None:
        rel_path = resolve_relative(source.rel_path, target)
        linked = next((by_rel_path[(language, rel_path)] for language in [source.language, *preference]
                       if (language, rel_path) in by_rel_path), None)
        if linked is None:
            return None
        return chosen[linked.translation_key][code].url_path_in(code)

    return resolve


def _asset_resolver(source: SourcePage, assets: Mapping[str, Asset], preference: list[str]) -> AssetResolver:
    """Files are written as "/static/NAME", or by their path relative to the page's file (a page bundle's images).

    A translation whose folder lacks the file uses the one beside the page in another language, as links do.
    """

    def resolve(target: str) -> Asset | None:
        if target.startswith("/"):
            static = f"/{STATIC_DIR}/"
            return assets.get(target.removeprefix(static)) if target.startswith(static) else None
        rel_path = resolve_relative(source.rel_path, target)
        return next((assets[name] for language in [source.language, *preference]
                     if (name := f"{PAGE_FILES_DIR}/{language}/{rel_path}") in assets), None)

    return resolve


def make_menus(pages: tuple[Page, ...], config: Config) -> dict[str, tuple[MenuEntry, ...]]:
    """Each language's menu: its pages that have a `weight`, and the extra links of site.yaml, by weight."""
    menus: dict[str, tuple[MenuEntry, ...]] = {}
    for code in config.language_codes:
        weighted = [(page.source.weight, page.source.menu_title,
                     MenuEntry(page.source.menu_title, page.url_path, page.key, page.content_language))
                    for page in pages if page.language == code and page.source.weight is not None]
        weighted += [(link.weight, link.title, MenuEntry(link.title, link.url.removeprefix("/"), None, code))
                     for link in config.menus.get(code, ())]
        menus[code] = tuple(entry for _, _, entry in sorted(weighted, key=lambda item: (item[0], item[1])))
    return menus


JOIN_TEMPLATE = "join.html"  # the template of the Join page, whose form site.yaml's `join:` configures


def join_warnings(config: Config, sources: list[SourcePage]) -> list[str]:
    """One line when the Join page offers a mailto: link instead of a form; an error when it has no way to join.

    A campaign page must never say that joining is impossible: with no form, no address and no `join.route`, the
    site does not build.
    """
    if not any(source.template == JOIN_TEMPLATE for source in sources) or config.join.form_action:
        return []
    if config.contact_email:
        return ["site.yaml: join.form_action is not set, so the Join page offers a mailto: link to "
                f"{config.contact_email} instead of a form"]
    if config.join.route:
        return []
    raise SiteErrors([SiteError(
        "the Join page has no way to join: neither join.form_action, contact_email nor join.route is set",
        CONFIG_FILE, config.join.line or config.modules.line,
        "set join.route to the page where people join the organisation (url, and a label per language), "
        "or a form endpoint, or contact_email")])


def check_no_clash(pages: tuple[Page, ...], generated: Mapping[str, Mapping[str, GeneratedPage]],
                   news: Mapping[str, News]) -> None:
    """A Markdown page may not take the URL of a page made from data or of a later page of the news list."""
    made = {page.url_path: f"a page made from data ({key})" for key, versions in generated.items()
            for page in versions.values()}
    made.update({listing.url_path: f"page {listing.number} of the news list" for item in news.values()
                 for listing in item.lists[1:]})
    raise_all([SiteError(f"this page's URL '{page.url_path}' is also {made[page.url_path]}",
                         page.source.path, None, "give the page another file name or 'slug'")
               for page in pages if page.url_path in made and not page.is_fallback])
