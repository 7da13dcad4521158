"""site.yaml -> Config: the schema checked once, every problem reported together, unknown keys treated as typos."""

from __future__ import annotations

import re
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Mapping

import babel

from ratify.datafile import LineDict, parse_yaml
from ratify.errors import SiteError, SiteErrors, did_you_mean, raise_all
from ratify.schema import (LIST, MAPPING, TEXT, WHOLE_NUMBER, Field, Problem, Schema, Values, must_be, read_mapping,
                           shown, text_per_language)
from ratify.model import (MODULES, MODULES_BY_DEFAULT, AdminSettings, Config, JoinForm, JoinRoute, Language, MenuLink,
                          Modules, Organisation, SocialAccount)
from ratify.textfile import read_text

CONFIG_FILE = "site.yaml"

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_HTTPS_ADDRESS = re.compile(r"^https://[A-Za-z0-9.-]+(:\d+)?(/\S*)?$")  # its origin goes into the CSP as it is
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
    return parse_config(read_text(path, CONFIG_FILE), CONFIG_FILE, base_url)


def parse_config(text: str, path: str, base_url: str | None = None) -> Config:
    """Check the text of site.yaml against the schema; raise SiteErrors listing every problem."""
    try:
        data = parse_yaml(text, path)
    except SiteError as error:
        raise SiteErrors([error]) from None
    if not isinstance(data, LineDict):
        raise SiteErrors([SiteError("site.yaml must be a set of 'key: value' lines", path, 1)])
    errors: list[SiteError] = []
    values = read_mapping(data, _SITE, path, errors)
    languages = _parse_languages(values.get("languages") or [], path, errors)
    codes = [language.code for language in languages]
    default_language = values.get("default_language")
    if default_language is not None and default_language not in codes:
        errors.append(SiteError(must_be("default_language", f"one of the languages ({', '.join(codes)})",
                                        default_language), path, data.line_of("default_language"),
                                did_you_mean(default_language, codes)))
    title = read_mapping(data["title"], text_per_language(codes), path, errors, "title", line=data.line_of("title")) \
        if "title" in values else {}
    url = base_url if base_url is not None else values.get("base_url")
    if url is not None:
        url = _check_base_url(url, path, data.line_of("base_url"), errors)
    menus = _parse_menus(values.get("menus"), data, codes, path, errors)
    join = _parse_join(values.get("join"), data, codes, path, errors)
    organisation = _parse_organisation(data, codes, path, errors) if values.get("organisation") else None
    modules = _parse_modules(data, path, errors)
    admin = _parse_admin(values.get("admin"))
    raise_all(errors)
    return Config(
        title=MappingProxyType(dict(title)),
        base_url=url,
        default_language=default_language,
        languages=tuple(languages),
        contact_email=values.get("contact_email") or "",
        menus=MappingProxyType(menus),
        join=join,
        organisation=organisation,
        modules=modules,
        admin=admin,
        social=tuple(SocialAccount(label=account["label"], url=account["url"])
                     for account in values.get("social") or () if account.ok),
    )


def address_warnings(config: Config) -> list[str]:
    """One line when base_url is a placeholder: what the site leaves out or writes otherwise rather than publish it."""
    if config.has_address:
        return []
    return [f"site.yaml: base_url {config.base_url} is a placeholder, so the pages have no canonical address, "
            "Open Graph URL or share links and there is no sitemap, and the feeds link from the site's root with "
            "urn:uuid ids: set base_url to the address the site is published at, or build with --base-url"]


def _matching(pattern: re.Pattern[str], described: str,
              hint: str | None = None) -> Callable[[str, Any], Problem | None]:
    """A check that a text matches `pattern`, described as what it must be."""
    return lambda key, value: None if pattern.match(value) else (must_be(key, described, value), hint)


def _field_name(key: str, value: str) -> Problem | None:
    if not _FIELD_NAME.match(value):
        return (must_be(key, "a field name like _next", value),
                "letters, digits, '_', '-' and '.', not starting with a digit")
    if value in JOIN_FIELDS:
        return (must_be(key, "a name the form does not use", value), f"the form's fields are {', '.join(JOIN_FIELDS)}")
    return None


def _two_marks(key: str, value: list) -> Problem | None:
    if len(value) == 2 and all(isinstance(mark, str) for mark in value):
        return None
    return must_be(key, "a list of the opening and closing marks", value), 'for example quotes: ["« ", " »"]'


_LANGUAGE: Schema = {
    "code": Field(TEXT, required=True, check=_matching(re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$"),
                                                       "a language code like fr or pt-BR")),
    "name": Field(TEXT),
    "dir": Field(TEXT, check=lambda key, value: None if value in ("ltr", "rtl")
                 else (must_be(key, '"ltr" or "rtl"', value), None)),
    "locale": Field(TEXT),
    "quotes": Field(LIST, default=["\u201c", "\u201d"], check=_two_marks),
    "numbers": Field(TEXT, default="latin", check=lambda key, value: None if value in ("latin", "native")
                     else (must_be(key, '"latin" or "native"', value), "native: the digits CLDR gives the locale")),
}
_MENU_LINK: Schema = {
    "title": Field(TEXT, required=True),
    "url": Field(TEXT, required=True),
    "weight": Field(WHOLE_NUMBER, required=True),
}
_JOIN: Schema = {
    "form_action": Field(TEXT, check=_matching(
        _HTTPS_ADDRESS, "an https address like https://forms.example.org/join",
        "the form carries names and e-mail addresses: it must be sent over https")),
    "redirect_field": Field(TEXT, check=_field_name),
    "honeypot_field": Field(TEXT, default=DEFAULT_HONEYPOT, check=_field_name),
    "route": Field(MAPPING),  # url and a label per language: checked once the languages are known
}
_SOCIAL_ACCOUNT: Schema = {
    "label": Field(TEXT, required=True),
    "url": Field(TEXT, required=True,
                 check=_matching(_HTTPS_ADDRESS, "an https address like https://x.com/OPICESCR")),
}
_ADMIN: Schema = {
    "backend": Field(TEXT, default="github", check=lambda key, value: None if value in ("github", "gitlab")
                     else (must_be(key, '"github" or "gitlab"', value), None)),
    "repo": Field(TEXT, default="", check=_matching(re.compile(r"^[\w.-]+(/[\w.-]+)+$"),
                                                    "a repository like coalition/campaign-site")),
    "branch": Field(TEXT, default="main"),
    "auth_url": Field(TEXT, check=_matching(re.compile(r"^https://[^/\s]+$"),
                                            "an https address without a path, like https://auth.example.org")),
}
_SITE: Schema = {
    "title": Field(MAPPING, required=True),  # one text per language: checked once the languages are known
    "base_url": Field(TEXT, required=True),
    "default_language": Field(TEXT, required=True),
    "languages": Field(LIST, required=True, fields=_LANGUAGE,
                       check=lambda key, value: None if value else (f"'{key}' is empty", "list at least one")),
    "contact_email": Field(TEXT, check=_matching(_EMAIL, "an e-mail address")),
    "menus": Field(MAPPING),  # a list of links per language: checked once the languages are known
    "join": Field(MAPPING, fields=_JOIN),
    "organisation": Field(MAPPING),  # texts per language: checked once the languages are known
    "modules": Field(LIST),  # names of MODULES: checked below, each with its line
    "admin": Field(MAPPING, fields=_ADMIN),
    "social": Field(LIST, fields=_SOCIAL_ACCOUNT),  # the campaign's accounts: a link each in the footer
}


def _parse_languages(entries: list[Values], path: str, errors: list[SiteError]) -> list[Language]:
    languages: list[Language] = []
    first_line: dict[str, int] = {}
    for entry in entries:
        line = entry.source.line_of("code")
        if "code" not in entry:  # reported; a mistake in another key is reported too, and leaves the language in
            continue
        code = entry["code"]
        if code in first_line:
            errors.append(SiteError(f"languages: '{code}' is listed twice (first on line {first_line[code]})",
                                    path, line))
            continue
        language = _parse_language(entry, path, errors)
        if language is not None:
            first_line[code] = line
            languages.append(language)
    return languages


def _parse_language(entry: Values, path: str, errors: list[SiteError]) -> Language | None:
    code = entry["code"]
    locale_name = entry.get("locale") or code.replace("-", "_")
    try:
        locale = babel.Locale.parse(locale_name)
    except (ValueError, TypeError, babel.UnknownLocaleError):
        key = "locale" if "locale" in entry.source else "code"
        errors.append(SiteError(f"languages: {must_be(key, 'a locale Babel knows', locale_name)}", path,
                                entry.source.line_of(key), "use a CLDR locale such as 'fr', 'es' or 'en_GB'"))
        return None
    direction = entry.get("dir") or (locale.character_order == "right-to-left" and "rtl" or "ltr")
    spoken = babel.Locale.parse(code.replace("-", "_"))  # the language itself, not the locale's country variant
    name = entry.get("name") or spoken.get_display_name(spoken)[:1].upper() + spoken.get_display_name(spoken)[1:]
    return Language(code=code, name=str(name), direction=direction, locale=str(locale),
                    quotes=tuple(entry.get("quotes") or _LANGUAGE["quotes"].default),
                    native_digits=entry.get("numbers") == "native")


def _check_base_url(url: str, path: str, line: int, errors: list[SiteError]) -> str:
    if not re.match(r"^https?://[^/\s]+(/\S*)?$", url):
        errors.append(SiteError(must_be("base_url", "a full address like https://example.org/campaign/", url),
                                path, line))
        return ""
    return url if url.endswith("/") else url + "/"


def _parse_menus(value: Mapping[str, Any] | None, data: LineDict, codes: list[str], path: str,
                 errors: list[SiteError]) -> dict[str, tuple[MenuLink, ...]]:
    menus: dict[str, tuple[MenuLink, ...]] = {code: () for code in codes}
    if value is None:
        return menus
    per_language = {code: Field(LIST, fields=_MENU_LINK) for code in codes}
    read = read_mapping(value, per_language, path, errors, "menus", line=data.line_of("menus"))
    for code in codes:
        menus[code] = tuple(MenuLink(title=link["title"], url=link["url"], weight=link["weight"])
                            for link in read.get(code) or () if link.ok)
    return menus


def _parse_join(value: Values | None, data: LineDict, codes: list[str], path: str,
                errors: list[SiteError]) -> JoinForm:
    if value is None:
        return JoinForm(form_action=None, redirect_field=None, honeypot_field=DEFAULT_HONEYPOT)
    redirect, honeypot = value.get("redirect_field"), value.get("honeypot_field") or DEFAULT_HONEYPOT
    if redirect is not None and redirect == honeypot:
        errors.append(SiteError("join: 'redirect_field' and 'honeypot_field' must differ", path,
                                value.source.line_of("redirect_field")))
    route = _parse_route(value, codes, path, errors) if value.get("route") is not None else None
    return JoinForm(form_action=value.get("form_action"), redirect_field=redirect, honeypot_field=honeypot,
                    route=route, line=data.line_of("join"))


def _parse_route(join: Values, codes: list[str], path: str, errors: list[SiteError]) -> JoinRoute | None:
    """`join.route`: the https page where people join, and the link's words in every language of the site."""
    block = join.source["route"]
    line = join.source.line_of("route")
    keys = {"url": Field(TEXT, required=True, check=_matching(
                _HTTPS_ADDRESS, "an https address like https://www.escr-net.org/ngo-coalition-op-icescr/",
                "the page where people join, on the organisation's own site")),
            "label": Field(MAPPING, required=True)}
    values = read_mapping(block, keys, path, errors, "join.route", line=line)
    if values.get("label") is None:
        return None
    label = read_mapping(values["label"], text_per_language(codes), path, errors, "join.route.label",
                         line=block.line_of("label") if isinstance(block, LineDict) else line)
    if not values.ok or not label.ok:
        return None
    return JoinRoute(url=values["url"], label=MappingProxyType(dict(label)))


_ORGANISATION_TEXTS = {"name": True, "short_name": True, "called": True, "how_to_join": False}  # key -> required
_LINKED_WORDS = re.compile(r"^[^\[\]]*\[[^\[\]]+\][^\[\]]*$")  # one [words] pair: the link to the home page


def _parse_organisation(data: LineDict, codes: list[str], path: str, errors: list[SiteError]) -> Organisation | None:
    """`organisation:`: each of its texts in every language of the site."""
    block = data["organisation"]
    keys = {key: Field(MAPPING, required=required) for key, required in _ORGANISATION_TEXTS.items()}
    values = read_mapping(block, keys, path, errors, "organisation", line=data.line_of("organisation"))
    texts: dict[str, dict[str, str] | None] = {}
    for key in _ORGANISATION_TEXTS:
        if values.get(key) is None:
            texts[key] = None
            continue
        check = _one_link if key == "how_to_join" else None
        read = read_mapping(values[key], text_per_language(codes, check), path, errors, f"organisation.{key}",
                            line=block.line_of(key) if isinstance(block, LineDict) else None)
        texts[key] = MappingProxyType(dict(read)) if read.ok else None
    if not values.ok or any(texts[key] is None for key, required in _ORGANISATION_TEXTS.items() if required):
        return None
    return Organisation(name=texts["name"], short_name=texts["short_name"], called=texts["called"],
                        how_to_join=texts["how_to_join"])


def _one_link(key: str, value: str) -> Problem | None:
    if _LINKED_WORDS.match(value):
        return None
    return (must_be(key, "a sentence with the words that link to the home page in [square brackets], once", value),
            'for example: "To join, write to one of the organisations named on [the home page]."')


def _parse_modules(data: LineDict, path: str, errors: list[SiteError]) -> Modules:
    """`modules:` as listed, each name known; without the key, every module is on and needs no inputs."""
    if "modules" not in data:
        return Modules(on=frozenset(MODULES_BY_DEFAULT), listed=False, line=None)
    line = data.line_of("modules")
    listed = data["modules"] if isinstance(data["modules"], list) else []  # another kind is reported by the schema
    on: set[str] = set()
    for name in listed:
        if name not in MODULES:
            errors.append(SiteError(f"modules: unknown module {shown(name)}", path, line,
                                    did_you_mean(str(name), MODULES) or f"the modules are {', '.join(MODULES)}"))
        elif name in on:
            errors.append(SiteError(f"modules: '{name}' is listed twice", path, line))
        on.add(str(name))
    if "state_pages" in on and "tracker" not in on:
        errors.append(SiteError("modules: 'state_pages' needs the tracker, which is not listed", path, line,
                                "add 'tracker' to modules: (each State's page shows its data)"))
    return Modules(on=frozenset(on & set(MODULES)), listed=True, line=line)


def _parse_admin(values: Any) -> AdminSettings:
    """`admin:` as read (its problems are reported by the schema); without it, local mode only."""
    values = values or {}
    return AdminSettings(backend=values.get("backend") or "github", repo=values.get("repo") or "",
                         branch=values.get("branch") or "main", auth_url=values.get("auth_url"))
