"""site.yaml -> Config: the schema checked once, every problem reported together, unknown keys treated as typos."""

from __future__ import annotations

import re
from pathlib import Path
from types import MappingProxyType
from typing import Any

import babel

from ratify.datafile import LineDict, parse_yaml
from ratify.errors import SiteError, SiteErrors, did_you_mean, raise_all
from ratify.model import Config, JoinForm, Language, MenuLink

CONFIG_FILE = "site.yaml"

_TOP_KEYS = {"title", "base_url", "default_language", "languages", "contact_email", "menus", "join"}
_REQUIRED_TOP_KEYS = ("title", "base_url", "default_language", "languages")
_LANGUAGE_KEYS = {"code", "name", "dir", "locale", "quotes"}
_MENU_KEYS = {"title", "url", "weight"}
_JOIN_KEYS = {"form_action", "redirect_field", "honeypot_field"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_FORM_ACTION = re.compile(r"^https://[A-Za-z0-9.-]+(:\d+)?(/\S*)?$")  # its origin goes into the CSP as it is
_FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
# The Join form's own fields (templates/join.html): the hidden fields of site.yaml must not take their names.
JOIN_FIELDS = ("member_type", "name", "organisation", "email", "country", "consent", "language")
DEFAULT_HONEYPOT = "_gotcha"


def read_config(root: Path, base_url: str | None = None) -> Config:
    """Read and check `root/site.yaml`; `base_url`, when given, replaces the file's."""
    path = root / CONFIG_FILE
    if not path.is_file():
        raise SiteErrors([SiteError("the site's configuration is missing", CONFIG_FILE, None,
                                    "create site.yaml at the top of the site (see README.md)")])
    return parse_config(path.read_text(encoding="utf-8"), CONFIG_FILE, base_url)


def parse_config(text: str, path: str, base_url: str | None = None) -> Config:
    """Check the text of site.yaml against the schema; raise SiteErrors listing every problem."""
    try:
        data = parse_yaml(text, path)
    except SiteError as error:
        raise SiteErrors([error]) from None
    if not isinstance(data, LineDict):
        raise SiteErrors([SiteError("site.yaml must be a set of 'key: value' lines", path, 1)])
    errors: list[SiteError] = []
    _check_keys(data, _TOP_KEYS, path, "site.yaml", errors)
    for key in _REQUIRED_TOP_KEYS:
        if key not in data:
            errors.append(SiteError(f"'{key}' is missing", path, 1, "see README.md for a complete site.yaml"))
    languages = _parse_languages(data.get("languages"), data, path, errors)
    codes = [language.code for language in languages]
    default_language = data.get("default_language")
    if "default_language" in data and default_language not in codes:
        errors.append(SiteError(f"default_language '{default_language}' is not one of the languages {codes}",
                                path, data.line_of("default_language"), did_you_mean(str(default_language), codes)))
    title = _parse_per_language(data.get("title"), "title", data, codes, path, errors)
    url = base_url if base_url is not None else data.get("base_url")
    if "base_url" in data or base_url is not None:
        url = _check_base_url(url, path, data.line_of("base_url"), errors)
    email = data.get("contact_email")
    if email is not None and not (isinstance(email, str) and _EMAIL.match(email)):
        errors.append(SiteError(f"contact_email must be an e-mail address, got {email!r}", path,
                                data.line_of("contact_email")))
    menus = _parse_menus(data.get("menus"), data, codes, path, errors)
    join = _parse_join(data.get("join"), data, path, errors)
    raise_all(errors)
    return Config(
        title=MappingProxyType(title),
        base_url=url,
        default_language=default_language,
        languages=tuple(languages),
        contact_email=email or "",
        menus=MappingProxyType(menus),
        join=join,
    )


def _check_keys(mapping: LineDict, allowed: set[str], path: str, where: str, errors: list[SiteError]) -> None:
    for key in mapping:
        if key not in allowed:
            errors.append(SiteError(f"unknown key '{key}' in {where}", path, mapping.line_of(key),
                                    did_you_mean(str(key), allowed) or f"known keys: {', '.join(sorted(allowed))}"))


def _parse_languages(value: Any, data: LineDict, path: str, errors: list[SiteError]) -> list[Language]:
    if value is None:
        return []
    if not isinstance(value, list) or not value:
        errors.append(SiteError("'languages' must be a list of languages, each with a 'code'", path,
                                data.line_of("languages")))
        return []
    languages: list[Language] = []
    for entry in value:
        if not isinstance(entry, LineDict):
            errors.append(SiteError("each language must be given as 'code: xx' with optional name, dir and locale",
                                    path, data.line_of("languages")))
            continue
        _check_keys(entry, _LANGUAGE_KEYS, path, "a language", errors)
        language = _parse_language(entry, path, errors)
        if language is None:
            continue
        if any(known.code == language.code for known in languages):
            errors.append(SiteError(f"language '{language.code}' is listed twice", path, entry.line))
            continue
        languages.append(language)
    return languages


def _parse_language(entry: LineDict, path: str, errors: list[SiteError]) -> Language | None:
    code = entry.get("code")
    if not isinstance(code, str) or not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)?", code):
        errors.append(SiteError(f"a language needs a 'code' like 'fr' or 'pt-BR', got {code!r}", path,
                                entry.line_of("code")))
        return None
    locale_name = entry.get("locale", code.replace("-", "_"))
    try:
        locale = babel.Locale.parse(locale_name)
    except (ValueError, TypeError, babel.UnknownLocaleError):
        errors.append(SiteError(f"'{locale_name}' is not a locale Babel knows", path,
                                entry.line_of("locale" if "locale" in entry else "code"),
                                "use a CLDR locale such as 'fr', 'es' or 'en_GB'"))
        return None
    direction = entry.get("dir", locale.character_order == "right-to-left" and "rtl" or "ltr")
    if direction not in ("ltr", "rtl"):
        errors.append(SiteError(f"'dir' must be 'ltr' or 'rtl', got {direction!r}", path, entry.line_of("dir")))
        return None
    quotes = entry.get("quotes", ["\u201c", "\u201d"])
    if not (isinstance(quotes, list) and len(quotes) == 2 and all(isinstance(mark, str) for mark in quotes)):
        errors.append(SiteError(f"'quotes' must be a list of the opening and closing marks, got {quotes!r}", path,
                                entry.line_of("quotes"), 'for example quotes: ["« ", " »"]'))
        return None
    spoken = babel.Locale.parse(code.replace("-", "_"))  # the language itself, not the locale's country variant
    name = entry.get("name") or spoken.get_display_name(spoken)[:1].upper() + spoken.get_display_name(spoken)[1:]
    return Language(code=code, name=str(name), direction=direction, locale=str(locale), quotes=tuple(quotes))


def _parse_per_language(value: Any, key: str, data: LineDict, codes: list[str], path: str,
                        errors: list[SiteError]) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, LineDict):
        errors.append(SiteError(f"'{key}' must give one text per language, like 'en: ...'", path, data.line_of(key)))
        return {}
    for code in value:
        if code not in codes:
            errors.append(SiteError(f"'{key}' has a text for '{code}', which is not one of the languages", path,
                                    value.line_of(code), did_you_mean(str(code), codes)))
    for code in codes:
        if not isinstance(value.get(code), str) or not value.get(code).strip():
            errors.append(SiteError(f"'{key}' has no text for '{code}'", path, value.line))
    return {code: str(value[code]) for code in codes if isinstance(value.get(code), str)}


def _check_base_url(url: Any, path: str, line: int, errors: list[SiteError]) -> str:
    if not isinstance(url, str) or not re.match(r"^https?://[^/\s]+(/\S*)?$", url):
        errors.append(SiteError(f"base_url must be a full address like https://example.org/campaign/, got {url!r}",
                                path, line))
        return ""
    return url if url.endswith("/") else url + "/"


def _parse_menus(value: Any, data: LineDict, codes: list[str], path: str,
                 errors: list[SiteError]) -> dict[str, tuple[MenuLink, ...]]:
    menus: dict[str, tuple[MenuLink, ...]] = {code: () for code in codes}
    if value is None:
        return menus
    if not isinstance(value, LineDict):
        errors.append(SiteError("'menus' must list the extra menu entries of each language, like 'en: [...]'",
                                path, data.line_of("menus")))
        return menus
    for code, entries in value.items():
        if code not in codes:
            errors.append(SiteError(f"'menus' has entries for '{code}', which is not one of the languages", path,
                                    value.line_of(code), did_you_mean(str(code), codes)))
            continue
        if not isinstance(entries, list):
            errors.append(SiteError(f"the menu of '{code}' must be a list", path, value.line_of(code)))
            continue
        links = [_parse_menu_link(entry, value.line_of(code), path, errors) for entry in entries]
        menus[code] = tuple(link for link in links if link is not None)
    return menus


def _parse_menu_link(entry: Any, line: int, path: str, errors: list[SiteError]) -> MenuLink | None:
    if not isinstance(entry, LineDict):
        errors.append(SiteError("a menu entry needs 'title', 'url' and 'weight'", path, line))
        return None
    _check_keys(entry, _MENU_KEYS, path, "a menu entry", errors)
    title, url, weight = entry.get("title"), entry.get("url"), entry.get("weight")
    if not isinstance(title, str) or not isinstance(url, str) or not isinstance(weight, int):
        errors.append(SiteError("a menu entry needs a text 'title', a 'url' and a whole-number 'weight'", path,
                                entry.line))
        return None
    return MenuLink(title=title, url=url, weight=weight)


def _parse_join(value: Any, data: LineDict, path: str, errors: list[SiteError]) -> JoinForm:
    if value is None:
        return JoinForm(form_action=None, redirect_field=None, honeypot_field=DEFAULT_HONEYPOT)
    if not isinstance(value, LineDict):
        errors.append(SiteError("'join' must be 'key: value' lines: form_action, redirect_field, honeypot_field",
                                path, data.line_of("join")))
        return JoinForm(form_action=None, redirect_field=None, honeypot_field=DEFAULT_HONEYPOT)
    _check_keys(value, _JOIN_KEYS, path, "join", errors)
    action = value.get("form_action")
    if action is not None and not (isinstance(action, str) and _FORM_ACTION.match(action)):
        errors.append(SiteError(f"join.form_action must be an https address like https://forms.example.org/join, "
                                f"got {action!r}", path, value.line_of("form_action"),
                                "the form carries names and e-mail addresses: it must be sent over https"))
        action = None
    fields = {}
    for key, default in (("redirect_field", None), ("honeypot_field", DEFAULT_HONEYPOT)):
        name = value.get(key, default)
        if name is not None and not (isinstance(name, str) and _FIELD_NAME.match(name)):
            errors.append(SiteError(f"join.{key} must be a field name like _next, got {name!r}", path,
                                    value.line_of(key), "letters, digits, '_', '-' and '.', not starting with a digit"))
            name = default
        elif name in JOIN_FIELDS:
            errors.append(SiteError(f"join.{key} '{name}' is already a field of the form", path, value.line_of(key),
                                    f"the form's fields are {', '.join(JOIN_FIELDS)}"))
            name = default
        fields[key] = name
    if fields["redirect_field"] is not None and fields["redirect_field"] == fields["honeypot_field"]:
        errors.append(SiteError("join.redirect_field and join.honeypot_field must differ", path,
                                value.line_of("redirect_field")))
    return JoinForm(form_action=action, redirect_field=fields["redirect_field"],
                    honeypot_field=fields["honeypot_field"] or DEFAULT_HONEYPOT)
