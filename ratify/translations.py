"""Sources, catalogs and history -> the translation report: strings and pages missing, fuzzy or out of date."""

from __future__ import annotations

import difflib
import hashlib
import io
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Mapping

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from ratify.content import split_front_matter
from ratify.datafile import parse_yaml
from ratify.errors import SiteError
from ratify.i18n import LOCALE_DIR, SOURCE_LANGUAGE
from ratify.model import Config, SourcePage

PageState = Literal["current", "outdated", "unstamped", "missing"]
_HISTORY_DEPTH = 200  # how many commits of a source page to search for the version a translation was made from


def source_hash(title: str, description: str, body: str) -> str:
    """A short fingerprint of what a translator translates: title, description and text (not menus or dates)."""
    return hashlib.sha256("\n".join((title, description, body)).encode("utf-8")).hexdigest()[:12]


def page_hash(page: SourcePage) -> str:
    return source_hash(page.title, page.description, page.body)


@dataclass(frozen=True)
class CatalogSummary:
    """How complete one language's interface strings are."""

    language: str
    total: int  # msgids in locale/messages.pot (or in the catalog, when there is no template)
    translated: int  # translated and checked
    fuzzy: int  # translated, but marked for review: shown in English until checked
    missing: tuple[str, ...]  # msgids with no translation: shown in English


@dataclass(frozen=True)
class PageStatus:
    """One page in one language, compared with its source in the default language."""

    key: str  # the translation key
    language: str
    state: PageState  # current, outdated (source changed since stamped), unstamped (no source_hash), missing
    source_path: str  # the default language's file
    path: str | None  # the translation's file; None when missing
    changes: str | None  # for an outdated page: a unified diff of the source since the stamped version, if found


@dataclass(frozen=True)
class TranslationReport:
    source_language: str
    catalogs: tuple[CatalogSummary, ...]
    pages: tuple[PageStatus, ...]  # every page of every other language that is not current

    def problems(self) -> list[str]:
        """One line per missing or out-of-date translation, as --strict reports them."""
        lines = [f"{summary.language}: {len(summary.missing)} interface strings not translated, {summary.fuzzy} fuzzy"
                 for summary in self.catalogs if summary.missing or summary.fuzzy]
        for status in self.pages:
            if status.state == "missing":
                lines.append(f"{status.source_path}: not translated into '{status.language}'")
            elif status.state == "outdated":
                lines.append(f"{status.path}: out of date: {status.source_path} changed since it was translated")
            elif status.state == "unstamped":
                lines.append(f"{status.path}: no source_hash: run 'build.py i18n stamp {status.path}' once it "
                             "matches the source")
        return lines


def make_report(sources: list[SourcePage], config: Config, catalogs: Mapping[str, Catalog], template: Catalog | None,
                history: "Mapping[tuple[str, str], str | None]") -> TranslationReport:
    """Compare every translation with its source; `history` gives the stamped version of sources, when known."""
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
            if state == "current":
                continue
            changes = None
            if state == "outdated" and translation is not None:
                old = history.get((source.path, translation.source_hash or ""))
                changes = _diff(old, source) if old is not None else None
            statuses.append(PageStatus(key, code, state, source.path, translation.path if translation else None,
                                       changes))
    summaries = tuple(summarize_catalog(code, catalogs.get(code), template)
                      for code in config.language_codes if code != SOURCE_LANGUAGE)
    return TranslationReport(config.default_language, summaries, tuple(statuses))


def page_state(source: SourcePage, translation: SourcePage | None) -> PageState:
    if translation is None:
        return "missing"
    if translation.source_hash is None:
        return "unstamped"
    return "current" if translation.source_hash == page_hash(source) else "outdated"


def summarize_catalog(language: str, catalog: Catalog | None, template: Catalog | None) -> CatalogSummary:
    ids = [message.id for message in (template or catalog or []) if message.id]
    translated = fuzzy = 0
    missing = []
    for message_id in ids:
        message = catalog.get(message_id, context=_context_of(template, message_id)) if catalog else None
        strings = message.string if message is not None else None
        has_text = bool(strings) and all(strings) if isinstance(strings, (list, tuple)) else bool(strings)
        if message is None or not has_text:
            missing.append(message_id[0] if isinstance(message_id, (list, tuple)) else message_id)
        elif message.fuzzy:
            fuzzy += 1
        else:
            translated += 1
    return CatalogSummary(language, len(ids), translated, fuzzy, tuple(missing))


def _context_of(template: Catalog | None, message_id: object) -> str | None:
    if template is None:
        return None
    message = template.get(message_id)  # type: ignore[arg-type]
    return message.context if message is not None else None


def _diff(old: str, source: SourcePage) -> str:
    new = "\n".join((source.title, source.description, source.body))
    return "\n".join(difflib.unified_diff(old.splitlines(), new.splitlines(), "translated from", "source now",
                                         lineterm="", n=1))


def read_template(root: Path) -> Catalog | None:
    path = root / LOCALE_DIR / "messages.pot"
    return read_po(io.BytesIO(path.read_bytes())) if path.is_file() else None


def stamped_versions(root: Path, sources: list[SourcePage], config: Config) -> dict[tuple[str, str], str | None]:
    """For each outdated translation, the text of its source as it was when stamped, searched in git history."""
    wanted: dict[str, set[str]] = {}
    by_key = {(page.language, page.translation_key): page for page in sources}
    for page in sources:
        source = by_key.get((config.default_language, page.translation_key))
        if page.language != config.default_language and source and page.source_hash \
                and page.source_hash != page_hash(source):
            wanted.setdefault(source.path, set()).add(page.source_hash)
    found: dict[tuple[str, str], str | None] = {}
    for path, hashes in sorted(wanted.items()):
        for hash_, text in _history(root, path, hashes).items():
            found[(path, hash_)] = text
    return found


def _history(root: Path, path: str, hashes: set[str]) -> dict[str, str]:
    """Old versions of `path` whose translatable text has one of `hashes`, from git; empty without git."""
    try:
        commits = subprocess.run(["git", "-C", str(root), "log", f"-{_HISTORY_DEPTH}", "--format=%H", "--", path],
                                 capture_output=True, text=True, check=True, timeout=30).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return {}
    found: dict[str, str] = {}
    for commit in commits:
        try:
            text = subprocess.run(["git", "-C", str(root), "show", f"{commit}:{path}"], capture_output=True,
                                  text=True, check=True, timeout=30).stdout
            front, body, _ = split_front_matter(text, path)
            data = parse_yaml(front, path) or {}
            title, description = str(data.get("title", "")), str(data.get("description", ""))
        except (OSError, subprocess.SubprocessError, SiteError, AttributeError):
            continue
        hash_ = source_hash(title.strip(), description.strip(), body)
        if hash_ in hashes and hash_ not in found:
            found[hash_] = "\n".join((title.strip(), description.strip(), body))
    return found


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
