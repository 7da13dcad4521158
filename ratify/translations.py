"""Sources, catalogs, kept source texts and the data's sources -> the translation report: strings, pages and
titles of sources missing, fuzzy or out of date, with what changed in the source since each translation was
stamped."""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Literal, Mapping, Sequence

import yaml
from babel.messages.catalog import Catalog

from ratify.content import EmptyFile, split_front_matter
from ratify.datafile import LineDict, parse_yaml
from ratify.errors import SiteError
from ratify.i18n import LOCALE_DIR, SOURCE_LANGUAGE, read_template_catalog
from ratify.model import FALLBACK_LANGUAGE, Config, SourcePage, Tracker
from ratify.states import STATES_FILE

PageState = Literal["current", "outdated", "unkept", "unstamped", "missing"]
# Where `i18n stamp` keeps the source text each translation was made from: locale/stamped/<lang>/<its path>.
KEPT_DIR = f"{LOCALE_DIR}/stamped"
NOT_KEPT = "stamped, source text not kept: stamp again to see changes"


def source_hash(title: str, description: str, body: str) -> str:
    """A short fingerprint of what a translator translates: title, description and text (not menus or dates)."""
    return hashlib.sha256("\n".join((title, description, body)).encode("utf-8")).hexdigest()[:12]


def page_hash(page: SourcePage) -> str:
    return source_hash(page.title, page.description, page.body)


@dataclass(frozen=True)
class KeptSource:
    """The source text a translation was stamped from, as kept in locale/stamped/ by `i18n stamp`."""

    path: str  # the kept file: "locale/stamped/fr/rejoindre.md"
    title: str  # `title` of its front matter
    description: str  # `description` of its front matter
    body: str  # the Markdown after its front matter
    front_matter_lines: Mapping[str, int]  # the line of each front-matter key in the kept file
    body_line: int  # the line of the kept file where `body` starts
    translation_hash: str | None  # `translation_hash`: page_hash of the translation when it was stamped (None in a
    # text kept before it was recorded)


@dataclass(frozen=True)
class CatalogSummary:
    """How complete one language's interface strings are."""

    language: str
    total: int  # msgids in locale/messages.pot (or in the catalog, when there is no template)
    translated: int  # translated and checked
    fuzzy: tuple[str, ...]  # msgids translated but marked for review: shown in English until checked
    missing: tuple[str, ...]  # msgids with no translation: shown in English


@dataclass(frozen=True)
class PageStatus:
    """One page in one language, compared with its source in the default language."""

    key: str  # the translation key
    language: str
    state: PageState  # outdated (source changed since stamped), unkept (stamped, current, but the source text it
    # was made from is not in locale/stamped/), unstamped (no source_hash), missing
    source_path: str  # the default language's file
    path: str | None  # the translation's file; for a missing one, its empty file (EmptyFile) or None
    changes: str | None  # for an outdated page: a unified diff of the kept source text and the source now; None
    # when that text was not kept


@dataclass(frozen=True)
class UntranslatedTitle:
    """A source of the data whose title has no text in a language of the site: shown there in English."""

    file: str  # the data file that lists it: "data/states.yaml"
    source_id: str  # sources[].id
    language: str


@dataclass(frozen=True)
class UntranslatedNote:
    """A State of the data whose note has no text in a language of the site: its pages there list the sources the
    note names and link to the note in English."""

    file: str  # the data file that lists it: "data/states.yaml"
    state: str  # states[].code
    language: str


@dataclass(frozen=True)
class TranslationReport:
    source_language: str
    catalogs: tuple[CatalogSummary, ...]
    pages: tuple[PageStatus, ...]  # every page of every other language that is not current
    source_titles: tuple[UntranslatedTitle, ...] = ()  # by file, in the file's order, then by language
    state_notes: tuple[UntranslatedNote, ...] = ()  # by file, by code, then by language

    def problems(self) -> list[str]:
        """One line per missing or out-of-date translation, as --strict reports them."""
        lines = [f"{summary.language}: {len(summary.missing)} interface strings not translated, "
                 f"{len(summary.fuzzy)} fuzzy" for summary in self.catalogs if summary.missing or summary.fuzzy]
        for status in self.pages:
            if status.state == "missing":
                lines.append(f"{status.source_path}: not translated into '{status.language}'"
                             + (f" ({status.path} has no title and no text yet)" if status.path else ""))
            elif status.state == "outdated":
                lines.append(f"{status.path}: out of date: {status.source_path} changed since it was translated"
                             + ("" if status.changes else f" ({NOT_KEPT})"))
            elif status.state == "unkept":
                lines.append(f"{status.path}: {NOT_KEPT}: run 'ratify i18n stamp {status.path}' while it still "
                             "matches the source")
            elif status.state == "unstamped":
                lines.append(f"{status.path}: no source_hash: run 'ratify i18n stamp {status.path}' once it "
                             "matches the source")
        lines.extend(f"{title.file}: source '{title.source_id}': title not translated into '{title.language}'"
                     for title in self.source_titles)
        lines.extend(f"{note.file}: State '{note.state}': note not translated into '{note.language}'"
                     for note in self.state_notes)
        return lines


def make_report(sources: list[SourcePage], config: Config, catalogs: Mapping[str, Catalog], template: Catalog | None,
                kept: Mapping[str, KeptSource], tracker: Tracker | None = None,
                empty: Sequence[EmptyFile] = ()) -> TranslationReport:
    """Compare every translation with its source; `kept` gives, by translation, the source text it was stamped
    from (stamped_versions); `tracker`, the data whose sources' titles and States' notes are checked (None: the
    site has none); `empty`, the files of translations not written yet (content.set_aside_empty)."""
    empty_paths = {(file.translation_key, file.language): file.path for file in empty}
    by_key: dict[str, dict[str, SourcePage]] = {}
    for page in sources:
        by_key.setdefault(page.translation_key, {})[page.language] = page
    statuses = []
    for key in sorted(by_key):
        versions = by_key[key]
        source = versions.get(config.default_language)
        if source is None:
            continue  # a page that exists only in other languages has nothing to be translated from
        for code in config.language_codes:
            if code == config.default_language:
                continue
            translation = versions.get(code)
            state = page_state(source, translation)
            version = kept.get(translation.path) if translation is not None else None
            if state == "current" and version is None:
                state = "unkept"
            if state == "current":
                continue
            changes = diff_source(version, source) if state == "outdated" and version is not None else None
            statuses.append(PageStatus(key, code, state, source.path, translation.path if translation
                                       else empty_paths.get((key, code)), changes))
    summaries = tuple(summarize_catalog(code, catalogs.get(code), template)
                      for code in config.language_codes if code != SOURCE_LANGUAGE)
    if tracker is None:
        return TranslationReport(config.default_language, summaries, tuple(statuses))
    return TranslationReport(config.default_language, summaries, tuple(statuses),
                             untranslated_titles(tracker, config.language_codes),
                             untranslated_notes(tracker, config.language_codes))


def untranslated_titles(tracker: Tracker, languages: tuple[str, ...]) -> tuple[UntranslatedTitle, ...]:
    """Each source of the data, the prerequisite treaty's file's too, whose title lacks one of `languages` (never
    English, which a title always has)."""
    rule = tracker.treaty.prerequisite
    by_file = {STATES_FILE: tracker.sources,
               **({rule.data: tracker.prerequisite.sources} if rule and tracker.prerequisite else {})}
    return tuple(UntranslatedTitle(file, source.id, language)
                 for file, listed in by_file.items() for source in listed
                 for language in _lacking(source.titles, languages))


def untranslated_notes(tracker: Tracker, languages: tuple[str, ...]) -> tuple[UntranslatedNote, ...]:
    """Each State with a note that lacks one of `languages`, English included (a note written in the editor in
    French alone)."""
    return tuple(UntranslatedNote(STATES_FILE, state.code, language)
                 for state in tracker.states for language in _lacking(state.notes, languages))


def _lacking(texts: Mapping[str, str], languages: tuple[str, ...]) -> list[str]:
    """The languages, English first, that a text of the data given by language (a source's title, a State's note)
    has no text in; none when there is no text at all."""
    return [language for language in dict.fromkeys((FALLBACK_LANGUAGE, *languages))
            if texts and language not in texts]


def page_state(source: SourcePage, translation: SourcePage | None) -> PageState:
    if translation is None:
        return "missing"
    if translation.source_hash is None:
        return "unstamped"
    return "current" if translation.source_hash == page_hash(source) else "outdated"


def summarize_catalog(language: str, catalog: Catalog | None, template: Catalog | None) -> CatalogSummary:
    ids = [message.id for message in (template or catalog or []) if message.id]
    translated = 0
    missing, fuzzy = [], []
    for message_id in ids:
        message = catalog.get(message_id, context=_context_of(template, message_id)) if catalog else None
        strings = message.string if message is not None else None
        has_text = bool(strings) and all(strings) if isinstance(strings, (list, tuple)) else bool(strings)
        shown_id = message_id[0] if isinstance(message_id, (list, tuple)) else message_id
        if message is None or not has_text:
            missing.append(shown_id)
        elif message.fuzzy:
            fuzzy.append(shown_id)
        else:
            translated += 1
    return CatalogSummary(language, len(ids), translated, tuple(fuzzy), tuple(missing))


def _context_of(template: Catalog | None, message_id: object) -> str | None:
    if template is None:
        return None
    message = template.get(message_id)  # type: ignore[arg-type]
    return message.context if message is not None else None


def diff_source(old: KeptSource, source: SourcePage) -> str:
    """What changed in `source` since the kept text: a unified diff whose lines are numbered as in the two files."""
    hunks = [_field_hunk(key, getattr(old, key), getattr(source, key), old.front_matter_lines.get(key, 1),
                         source.front_matter_lines.get(key, 1))
             for key in ("title", "description") if getattr(old, key) != getattr(source, key)]
    body = difflib.unified_diff(old.body.split("\n"), source.body.split("\n"), lineterm="", n=1)
    hunks.extend(_numbered_from(line, old.body_line - 1, source.body_line - 1) for line in list(body)[2:])
    return "\n".join((f"--- {old.path}", f"+++ {source.path}", *hunks))


def _field_hunk(key: str, old: str, new: str, old_line: int, new_line: int) -> str:
    return f"@@ -{old_line} +{new_line} @@\n-{key}: {old}\n+{key}: {new}"


_HUNK = re.compile(r"^@@ -(\d+)(.*?) \+(\d+)(.*) @@$")


def _numbered_from(line: str, old_offset: int, new_offset: int) -> str:
    """A line of difflib's diff of a body, its hunk headers moved by the lines of front matter above the body."""
    match = _HUNK.match(line)
    if match is None:
        return line
    old, old_count, new, new_count = match.groups()
    return f"@@ -{int(old) + old_offset}{old_count} +{int(new) + new_offset}{new_count} @@"


def read_template(root: Path) -> Catalog | None:
    path = root / LOCALE_DIR / "messages.pot"
    return read_template_catalog(path.read_bytes(), f"{LOCALE_DIR}/messages.pot") if path.is_file() else None


def kept_path(translation: SourcePage) -> str:
    """Where the source text a translation was stamped from is kept: its own path under locale/stamped/."""
    return f"{KEPT_DIR}/{translation.language}/{translation.rel_path}"


def kept_text(source: SourcePage, translation: SourcePage) -> str:
    """The file that keeps what `translation` is translated from: the source's title, description and body, as now;
    and the fingerprint of the translation as stamped, to tell later whether it was updated since."""
    fields = yaml.safe_dump({"title": source.title, "description": source.description,
                             "translation_hash": page_hash(translation)}, allow_unicode=True, width=float("inf"),
                            sort_keys=False)
    return (f"---\n# {source.path} as {translation.path} was translated from it, kept by "
            f"'i18n stamp' to show what changes in it later. Do not edit.\n{fields}---\n{source.body}")


def parse_kept(text: str, path: str) -> KeptSource:
    """A kept file's text -> its title, description and body, with the lines they stand on."""
    front, body, body_line = split_front_matter(text, path)
    data = parse_yaml(front, path, line_offset=1)
    if not isinstance(data, LineDict):
        raise SiteError("front matter must be 'key: value' lines", path, 2,
                        f"run 'ratify i18n stamp' on the translation again to write {path} anew")
    recorded = data.get("translation_hash")
    return KeptSource(path, str(data.get("title", "")).strip(), str(data.get("description", "")).strip(), body,
                      MappingProxyType(dict(data.key_lines)), body_line, str(recorded) if recorded else None)


def stamp_hides_a_change(source: SourcePage, translation: SourcePage, kept: KeptSource | None) -> bool:
    """Whether stamping `translation` now would mark it up to date although its source changed since the last stamp
    and the translation did not: most often a translator stamping before updating, or the wrong page."""
    return (translation.source_hash is not None and translation.source_hash != page_hash(source)
            and kept is not None and kept.translation_hash == page_hash(translation))


def stamped_versions(root: Path, sources: list[SourcePage], config: Config) -> dict[str, KeptSource]:
    """The kept source text of every stamped translation, by the translation's path; a text that is missing, or
    is not the one its stamp names, is left out (the report says it was not kept)."""
    kept: dict[str, KeptSource] = {}
    for page in sources:
        if page.language == config.default_language or not page.source_hash:
            continue
        path = kept_path(page)
        file = root / path
        if not file.is_file():
            continue
        version = parse_kept(file.read_text(encoding="utf-8"), path)
        if source_hash(version.title, version.description, version.body) == page.source_hash:
            kept[page.path] = version
    return kept


def stamp(text: str, path: str, new_hash: str) -> str:
    """The file's text with `source_hash: new_hash` in its front matter, the rest untouched."""
    split_front_matter(text, path)  # raises a clear error when the file has no front matter
    lines = text.split("\n")
    closing = next(number for number, line in enumerate(lines[1:], start=1) if line.rstrip() in ("---", "..."))
    for number in range(1, closing):
        if lines[number].startswith("source_hash:"):
            lines[number] = f"source_hash: {new_hash}"
            return "\n".join(lines)
    lines.insert(closing, f"source_hash: {new_hash}")
    return "\n".join(lines)
