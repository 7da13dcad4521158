"""What one build keeps for the next in the same process (live preview), and the keys that say when it still holds.

A key is a hash of everything a result depends on. Editing one page's text changes the keys of that page's
conversion and rendering only; editing a template, a catalog, the data or any page's front matter changes the
site-wide key, and everything is rendered again. Results never depend on the cache: a warm build and a clean
build give the same bytes (tests/test_serve.py checks it after each kind of edit).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ratify.i18n import CompiledTemplates
from ratify.markup import Converted
from ratify.model import DeclarationText, SourcePage

# The inputs besides content/: a change to any of them can change every page.
SITE_WIDE_INPUTS = ("site.yaml", "templates", "locale", "static", "data")


@dataclass
class BuildCache:
    """Results of the previous build, by what they were computed from."""

    sources: dict[str, tuple[tuple[int, int], SourcePage]] = field(default_factory=dict)  # file -> (mtime, size)
    converted: dict[tuple[str, ...], Converted | DeclarationText] = field(default_factory=dict)  # key -> result
    rendered: dict[str, tuple[tuple[str, ...], bytes]] = field(default_factory=dict)  # path -> (key, bytes)
    compiled: CompiledTemplates = field(default_factory=CompiledTemplates)  # templates' code, by source
    kept: dict[str, tuple[str, Any]] = field(default_factory=dict)  # kind -> (key, the latest thing of that kind)


def digest(*parts: Any) -> str:
    """A short, stable hash of `parts` (their repr: only plain data and frozen dataclasses go in)."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:20]


def file_stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return (status.st_mtime_ns, status.st_size)


def inputs_fingerprint(root: Path) -> str:
    """A hash of the content of every site-wide input file: templates, catalogs, static files, data, site.yaml."""
    hasher = hashlib.sha256()
    for name in SITE_WIDE_INPUTS:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
        for file in files:
            hasher.update(file.relative_to(root).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return hasher.hexdigest()[:20]


def outline(sources: Iterable[SourcePage]) -> tuple[tuple[Any, ...], ...]:
    """Every page's front matter, which menus, switchers, lists and sitemaps show on other pages than its own."""
    return tuple(sorted((page.path, page.translation_key, page.title, page.description, page.slug, page.date,
                         page.template, page.weight, page.menu_title, page.source_hash) for page in sources))
