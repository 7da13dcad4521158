"""static/** (the site's, then the theme's) -> Assets whose names carry a fingerprint of their content, so hosts may
cache them forever."""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

from ratify.model import Asset
from ratify.theme import lookup_folders

STATIC_DIR = "static"


def read_assets(root: Path) -> dict[str, Asset]:
    """Every file under the site's static/ and the theme's, fingerprinted, by its name under static/; a site's
    file replaces the theme's of the same name."""
    files: dict[str, Path] = {}
    for folder in reversed(lookup_folders(root, STATIC_DIR)):  # the theme's first, so that the site's replace them
        files.update((path.relative_to(folder).as_posix(), path) for path in folder.rglob("*")
                     if path.is_file() and not path.name.startswith("."))
    return {name: fingerprint(name, files[name].read_bytes()) for name in sorted(files)}


def fingerprint(name: str, content: bytes) -> Asset:
    """style.css -> static/style.1a2b3c4d5e.css: a new name whenever the content changes."""
    digest = hashlib.sha256(content).hexdigest()[:10]
    path = PurePosixPath(name)
    fingerprinted = path.with_name(f"{path.stem}.{digest}{path.suffix}")
    return Asset(name=name, url_path=f"{STATIC_DIR}/{fingerprinted.as_posix()}", content=content)
