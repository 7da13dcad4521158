"""A folder, languages and a treaty's name -> a starter site that builds at once, every text to fill marked so."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import babel

from ratify.errors import SiteError
from ratify.theme import default_theme

STARTER_FILES = Path(__file__).resolve().parent / "starter_files"
# Real data that is the same for every treaty: the UN States (each gets a page) and the world map's shapes.
SHARED_DATA = ("data/un-states.yaml", "data/world-map.json")
_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$")


def new_site(folder: Path, languages: list[str], treaty: str = "", title: str = "") -> list[Path]:
    """Write a starter site into `folder` (new or empty); the first language is the default. Returns the files."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise SiteError("is not an empty folder: a new site needs one of its own", str(folder),
                        hint="name a new folder, e.g. ratify new my-campaign")
    names = [_language_name(code) for code in languages]
    shown_title = title or (f"Campaign for the {treaty}" if treaty else "TO FILL: the campaign's title")
    files = {
        "site.yaml": site_yaml(languages, shown_title),
        "README.md": _filled("README.md", title=shown_title, default_language=languages[0]),
        "data/states.to-fill.yaml": _filled("data/states.to-fill.yaml", treaty_name=json.dumps(treaty) if treaty
                                            else ""),
        ".gitignore": "public/\n.public.*\n",
        **{f"content/{code}/index.md": _filled("content/index.md", code=code, language_name=name,
                                               title=json.dumps(shown_title, ensure_ascii=False))
           for code, name in zip(languages, names)},
    }
    written = []
    for name, text in files.items():
        written.append(_write(folder / name, text.encode("utf-8")))
    for name in SHARED_DATA:
        written.append(_write(folder / name, (default_theme() / name).read_bytes()))
    return written


def site_yaml(languages: list[str], title: str) -> str:
    """site.yaml for these languages, the same title in each until it is translated."""
    quoted = json.dumps(title, ensure_ascii=False)  # JSON strings are YAML strings
    return "\n".join([
        "# The site's configuration. See \"Configuration\" in ratify's README for every key.",
        "title:                             # TO FILL: the title in each language",
        *(f"  {code}: {quoted}" for code in languages),
        "# TO FILL: the address the site is published at; every canonical link, the sitemap and the feeds use it.",
        'base_url: "https://example.org/"',
        f"default_language: {languages[0]}",
        "languages:",
        *(f"  - code: {code}" for code in languages),
        "",
    ])


def parse_languages(text: str) -> list[str]:
    """"en,ar,pt" -> ["en", "ar", "pt"], each a language CLDR knows."""
    codes = [code.strip() for code in text.split(",") if code.strip()]
    if not codes:
        raise SiteError("--languages: give at least one language code, e.g. --languages en,fr")
    for code in codes:
        if not _CODE.match(code):
            raise SiteError(f"--languages: '{code}' is not a language code like fr or pt-BR")
        _language_name(code)
    if len(set(codes)) != len(codes):
        raise SiteError("--languages: a language is listed twice")
    return codes


def _language_name(code: str) -> str:
    """The language's name in English, for the texts to replace ("Arabic")."""
    try:
        return babel.Locale.parse(code.replace("-", "_")).get_display_name("en") or code
    except (ValueError, babel.UnknownLocaleError):
        raise SiteError(f"--languages: '{code}' is not a language CLDR knows",
                        hint="use an ISO 639 code, e.g. ar for Arabic, pt for Portuguese") from None


def _filled(name: str, **values: str) -> str:
    return string.Template((STARTER_FILES / name).read_text(encoding="utf-8")).substitute(values)


def _write(path: Path, content: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path
