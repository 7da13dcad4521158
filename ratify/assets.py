"""static/** (the site's, then the theme's) and the files beside pages under content/ -> Assets whose names carry a
fingerprint of their content, so hosts may cache them forever."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path, PurePosixPath

from ratify.images import IMAGE_SUFFIXES, image_size
from ratify.model import Asset
from ratify.theme import lookup_folders

STATIC_DIR = "static"
PAGE_FILES_DIR = "content"  # a page's own files (a page bundle's images) live beside it, under content/<lang>/


def read_assets(root: Path) -> dict[str, Asset]:
    """Every file under the site's static/ and the theme's, fingerprinted, by its name under static/; a site's
    file replaces the theme's of the same name."""
    files: dict[str, Path] = {}
    for folder in reversed(lookup_folders(root, STATIC_DIR)):  # the theme's first, so that the site's replace them
        files.update((path.relative_to(folder).as_posix(), path) for path in folder.rglob("*")
                     if path.is_file() and not path.name.startswith("."))
    return {name: fingerprint(name, files[name].read_bytes()) for name in sorted(files)}


def page_files(root: Path) -> list[tuple[str, Path]]:
    """(name, file) of every file under content/ that is not a page, named by its path: "content/en/x/poster.jpg".

    os.walk, as for the pages: the preview lists these on every save.
    """
    found = []
    for directory, folders, names in os.walk(root / PAGE_FILES_DIR):
        folders[:] = [folder for folder in folders if not folder.startswith(".")]
        within = Path(directory).relative_to(root).as_posix()
        found.extend((f"{within}/{name}", Path(directory, name)) for name in names
                     if not name.endswith(".md") and not name.startswith("."))
    return sorted(found)


def read_page_file(name: str, file: Path) -> Asset:
    return fingerprint(name, file.read_bytes())


def fingerprint(name: str, content: bytes) -> Asset:
    """style.css -> static/style.1a2b3c4d5e.css: a new name whenever the content changes; an image's size read."""
    digest = hashlib.sha256(content).hexdigest()[:10]
    path = PurePosixPath(name)
    fingerprinted = path.with_name(f"{path.stem}.{digest}{path.suffix}")
    size = image_size(content) if path.suffix.lower() in IMAGE_SUFFIXES else None
    return Asset(name=name, url_path=f"{STATIC_DIR}/{fingerprinted.as_posix()}", content=content, size=size)
