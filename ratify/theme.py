"""A site's folder -> where each of its templates, static files and catalogs is looked up: its own, then the theme's."""

from __future__ import annotations

from pathlib import Path

_ENGINE = Path(__file__).resolve().parent
# pip installs the repository's templates/, static/ and locale/ here (see pyproject.toml); in a checkout of the
# repository they stay where they are, at its root, beside ratify/.
_INSTALLED_THEME = _ENGINE / "default_theme"
# A site's template names the theme's template it extends with this prefix: {% extends "theme/base.html" %} in the
# site's templates/base.html adds to the theme's page frame instead of replacing it with a copy.
THEME_PREFIX = "theme/"


def default_theme() -> Path:
    """The folder holding the default theme's templates/, static/ and locale/: the engine's own look and words."""
    return _INSTALLED_THEME if _INSTALLED_THEME.is_dir() else _ENGINE.parent


def lookup_folders(root: Path, part: str) -> tuple[Path, ...]:
    """The folders `part` (templates, static, locale) is looked up in, the site's own first.

    A site without its own folder uses the theme's alone; the bundled site, which is the theme's folder, is
    looked up once.
    """
    own, theme = root / part, default_theme() / part
    folders = (own,) if own.resolve() == theme.resolve() else (own, theme)
    return tuple(folder for folder in folders if folder.is_dir())
