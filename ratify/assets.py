"""static/** -> Assets whose names carry a fingerprint of their content, so hosts may cache them forever."""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

from ratify.model import Asset

STATIC_DIR = "static"


def read_assets(root: Path) -> dict[str, Asset]:
    """Every file under static/, fingerprinted, by its name under static/."""
    folder = root / STATIC_DIR
    if not folder.is_dir():
        return {}
    files = sorted(path for path in folder.rglob("*") if path.is_file() and not path.name.startswith("."))
    return {asset.name: asset for asset in (fingerprint(path.relative_to(folder).as_posix(), path.read_bytes())
                                            for path in files)}


def fingerprint(name: str, content: bytes) -> Asset:
    """style.css -> static/style.1a2b3c4d5e.css: a new name whenever the content changes."""
    digest = hashlib.sha256(content).hexdigest()[:10]
    path = PurePosixPath(name)
    fingerprinted = path.with_name(f"{path.stem}.{digest}{path.suffix}")
    return Asset(name=name, url_path=f"{STATIC_DIR}/{fingerprinted.as_posix()}", content=content)
