"""content/<lang>/**/*.md -> SourcePages (front matter checked), then Pages for every language, translations linked."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from ratify.datafile import LineDict, parse_yaml
from ratify.declaration import DOCUMENT_SCHEMA, parse_declaration
from ratify.errors import SiteError, SiteErrors, did_you_mean, problems_of, raise_all
from ratify.markup import Converted, Converter, LinkResolver, ShortcodeRenderer, resolve_relative
from ratify.cache import digest, file_stamp
from ratify.parallel import map_jobs
from ratify.model import Config, Declaration, DeclarationText, MenuEntry, Page, SourceDocument, SourcePage
from ratify.reader import DECLARATION_TEMPLATE, compare_paths_of, languages_with_own_text, present_declaration
from ratify.schema import DATE, MAPPING, TEXT, TRUE_FALSE, WHOLE_NUMBER, Field, Problem, Schema, must_be, read_mapping

CONTENT_DIR = "content"

_SLUG_CHARACTERS = set("abcdefghijklmnopqrstuvwxyz0123456789-_")


def _slug(key: str, value: str) -> Problem | None:
    if set(value) <= _SLUG_CHARACTERS:
        return None
    return must_be(key, "made of a-z, 0-9, '-' and '_'", value), "for example 'rejoindre' or 'a-propos'"


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


def read_sources(root: Path, config: Config,
                 cache: dict[str, tuple[tuple[int, int], SourcePage]] | None = None) -> list[SourcePage]:
    """Read every Markdown file under content/, reporting all problems of all files together.

    With a `cache` from the previous build, a file whose modification time and size are unchanged is not re-read.
    """
    content = root / CONTENT_DIR
    errors: list[SiteError] = []
    pages: list[SourcePage] = []
    if not content.is_dir():
        raise SiteErrors([SiteError("there is no content folder", CONTENT_DIR, None,
                                    "create content/<language>/index.md for each language")])
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
        for rel_path in markdown_files(folder):
            file = folder / rel_path
            path = f"{CONTENT_DIR}/{folder.name}/{rel_path}"
            stamp = file_stamp(file)
            if cache is not None and path in cache and cache[path][0] == stamp:
                page = cache[path][1]
                if not page.draft:
                    pages.append(page)
                continue
            try:
                page = parse_source(file.read_text(encoding="utf-8"), path, folder.name, rel_path)
            except (SiteError, SiteErrors) as failure:
                errors.extend(problems_of(failure))
                continue
            if cache is not None:
                cache[path] = (stamp, page)
            if not page.draft:
                pages.append(page)
    raise_all(errors)
    return pages


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
    front, body, body_line = split_front_matter(text, path)
    data = parse_yaml(front, path, line_offset=1)
    if data is None:
        data = LineDict()
        data.line, data.key_lines = 2, {}
    if not isinstance(data, LineDict):
        raise SiteError("front matter must be 'key: value' lines", path, 2)
    errors: list[SiteError] = []
    if data.get("template") == DECLARATION_TEMPLATE:
        values = read_mapping(data, DECLARATION_FRONT_MATTER, path, errors, about="front matter")
        declaration = _read_declaration(body, body_line, path, language, values, errors)
    else:
        values = read_mapping(data, FRONT_MATTER, path, errors, about="front matter",
                              elsewhere=_ONLY_IN_A_DECLARATION)
        declaration = None
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




def make_pages(chosen: dict[str, dict[str, SourcePage]], config: Config, converters: dict[str, Converter],
               shortcodes: Mapping[str, ShortcodeRenderer] = MappingProxyType({}),
               cache: dict[tuple[str, ...], Converted | DeclarationText] | None = None, context_key: str = "",
               ) -> tuple[tuple[Page, ...], dict[str, dict[str, Page]]]:
    """Convert each page's Markdown for each language; links lead to pages of the language being built.

    With a `cache`, a page whose text and `context_key` (what links and shortcodes resolve against) are unchanged
    keeps its previous conversion, and a declaration its previous presentation.
    """
    by_rel_path = {(source.language, source.rel_path): source
                   for versions in chosen.values() for source in versions.values()}
    preference = [config.default_language, *config.language_codes]
    if cache is not None:
        link_key = digest(sorted((language, rel, page.url_path) for (language, rel), page in by_rel_path.items()))
        # The body itself is in the key: Python caches a string's hash, so this costs nothing after the first use.
        keys = {(key, code): (code, source.path, source.body, str(source.body_line), context_key, link_key)
                if source.declaration is None
                # A declaration's page shows what was read from the whole file, front matter included.
                else (code, source.path, digest(source.declaration), context_key, link_key)
                for key, versions in chosen.items() for code, source in versions.items()}
        cache_keys = set(keys.values())
        for stale in [stored for stored in cache if stored not in cache_keys]:
            del cache[stale]
    jobs = [(key, code) for key, versions in chosen.items() for code, source in versions.items()
            if source.declaration is None and (cache is None or keys[(key, code)] not in cache)]

    def convert(job: tuple[str, str]) -> Converted | list[tuple[str, str | None, int | None, str | None]]:
        key, code = job
        source = chosen[key][code]
        resolve = _resolver(source, code, by_rel_path, chosen, preference)
        try:
            return converters[code].convert(source.body, source.path, source.body_line, resolve,
                                            shortcodes.get(code))
        except (SiteError, SiteErrors) as failure:  # errors come back as data: they cross from a worker process
            return [_as_data(error) for error in problems_of(failure)]

    errors: list[SiteError] = []
    translations: dict[str, dict[str, Page]] = {}
    results = dict(zip(jobs, map_jobs(convert, jobs)))
    for key, versions in chosen.items():
        own_texts = languages_with_own_text(config, versions)
        for code, source in versions.items():
            if source.declaration is not None:  # few: presented here rather than in the workers
                page = Page(language=code, source=source, html="", toc=(), anchors=frozenset())
                text = cache.get(keys[(key, code)]) if cache is not None else None
                if not isinstance(text, DeclarationText):
                    resolve = _resolver(source, code, by_rel_path, chosen, preference)
                    try:
                        text = present_declaration(source.declaration, converters[code], resolve,
                                                   compare_paths_of(page.url_path, code, own_texts))
                    except (SiteError, SiteErrors) as failure:
                        errors.extend(problems_of(failure))
                        continue
                    if cache is not None:
                        cache[keys[(key, code)]] = text
                translations.setdefault(key, {})[code] = replace(page, anchors=frozenset(text.anchors),
                                                                 declaration=text)
                continue
            if (key, code) in results:
                converted = results[(key, code)]
                if cache is not None and not isinstance(converted, list):
                    cache[keys[(key, code)]] = converted
            else:
                converted = cache[keys[(key, code)]]  # type: ignore[index]
            if isinstance(converted, list):
                errors.extend(SiteError(*fields) for fields in converted)
                continue
            translations.setdefault(key, {})[code] = Page(language=code, source=source,
                                                          html=converted.html, toc=converted.toc,
                                                          anchors=converted.anchors)
    raise_all(errors)
    pages = tuple(sorted((page for versions in translations.values() for page in versions.values()),
                         key=lambda page: page.url_path))
    return pages, translations


def _as_data(error: SiteError) -> tuple[str, str | None, int | None, str | None]:
    return (error.message, error.path, error.line, error.hint)


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
        shown = chosen[linked.translation_key][code]
        return shown.url_path if shown.language == code else code + shown.url_path[len(shown.language):]

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
