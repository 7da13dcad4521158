"""Site + the build's own schemas -> /admin/: the editor in the browser (Decap CMS), its configuration and its page.

The configuration is made from what the build accepts, never written by hand: each front-matter key of
content.FRONT_MATTER is a field of the form, required where the schema requires it, with the same allowed values
and patterns; each State entry of data/states.yaml has the keys of the tracker's schema, its code chosen among the
UN States by their UN names. What the form refuses is what the build would refuse, before anything is committed.

The editor itself is Decap CMS, vendored at a pinned version in ratify/admin_files/ (scripts/vendor-cms.sh); the
public pages never load it.
"""

from __future__ import annotations

import datetime
import html
import json
from pathlib import Path
from typing import Any, Callable, Mapping

import babel
import yaml

from ratify.content import CONTENT_DIR, DECLARATION_FRONT_MATTER, DEFAULT_TEMPLATE, FRONT_MATTER
from ratify import i18n
from ratify.model import FALLBACK_LANGUAGE, STATUSES, Config, Language, Site, Tracker, Widget
from ratify.news import NEWS_KEY, news_folder
from ratify.policies import ADMIN_DIR, LOCAL_SERVER, admin_security_policy
from ratify.reader import DECLARATION_TEMPLATE
from ratify.shortcodes import widget_values
from ratify.status import FIGURES
from ratify.schema import DATE, DATE_OR_UNKNOWN, TEXT, TRUE_FALSE, WHOLE_NUMBER, Field, Schema
from ratify.states import STATES_FILE, _states_schema

VENDORED = Path(__file__).resolve().parent / "admin_files"
SCRIPT = "decap-cms.js"  # the editor's one script, as its npm package builds it
PREVIEW = "preview.js"  # ratify's own: the site's stylesheet in the preview, shortcodes as placeholders
PUBLISHED = (SCRIPT, PREVIEW)
IMAGES_FOLDER = "static/images"  # where images uploaded in the editor go; pages refer to them as /static/images/...

# A date as the build reads it, and as the form checks it before saving: YYYY-MM-DD.
_DAY = r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_DATE_PATTERN = [f"^{_DAY}$", "a date like 2013-05-05"]
_DATE_OR_UNKNOWN_PATTERN = [f"^({_DAY}|unknown)$", "a date like 2013-05-05, or unknown"]
# The build's slug rule (content._slug) allows letters of any script; the form refuses what is commonly mistyped.
_SLUG_PATTERN = ["^[^\\sA-Z/]+$", "lower-case letters or digits, '-' and '_', without spaces or '/'"]
# The build refuses an image without alt text (ratify/markup.py) unless it is marked decorative with {alt=""}: the
# form refuses the same before saving. JavaScript's syntax, which Python's re reads the same for this pattern.
_ALT_PATTERN = [r'^(?![\s\S]*!\[\s*\]\([^)]*\)(?!\{alt=""\}))',
                "every image needs its alt text: describe what it shows (or mark a decoration with {alt=\"\"})"]
_HINTS = {
    "title": "The page's title: its heading and the browser tab.",
    "description": "One sentence for search engines and link previews.",
    "slug": "Replaces the file name in the address: 'rejoindre' gives /fr/rejoindre/.",
    "date": "The day, for a news post.",
    "template": "Leave it as it is unless you know the page needs another one.",
    "translation_key": "Links translations whose file names differ: the English file's path without .md.",
    "draft": "A draft is left out of the site.",
    "weight": "Puts the page in the menu; smaller numbers come first.",
    "menu_title": "The page's name in the menu (default: its title).",
    "source_hash": "Written by 'build.py i18n stamp': which version of the original this translation follows.",
    "noindex": "Keeps the page out of search engines and of the site's search (a thank-you page).",
}


def config_of(site: Site, page_templates: list[str]) -> dict[str, Any]:
    """Decap CMS's configuration for the site: its backends, its languages, and a collection for each kind of
    content the build reads, each field from the build's schema."""
    config = site.config
    codes = list(config.language_codes)
    collections = [_pages(site, page_templates)]
    collections += _news(site, page_templates)
    collections.append(_declaration(site, page_templates))
    if site.trackers:
        collections.append(_states(site))
    # The editor links its header and its "view live" buttons to the site's address: none rather than a placeholder's.
    address = {"site_url": config.base_url, "display_url": config.base_url} if config.has_address else {}
    return {
        "backend": _backend(config),
        "publish_mode": "editorial_workflow",
        "local_backend": {"url": f"{LOCAL_SERVER}/api/v1"},
        **address,
        "locale": config.default_language,
        "media_folder": IMAGES_FOLDER,
        "public_folder": f"/{IMAGES_FOLDER}",
        "omit_empty_optional_fields": True,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "i18n": {"structure": "multiple_folders", "locales": codes, "default_locale": config.default_language},
        "collections": collections,
    }


def config_yaml(configuration: dict[str, Any]) -> bytes:
    """The configuration (config_of) as /admin/config.yml."""
    return yaml.dump(configuration, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False,
                     width=120).encode("utf-8")


class _PlainDumper(yaml.SafeDumper):
    """Writes a value each time it occurs: the configuration is read by people too, and &id001 anchors puzzle them."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def vendored_file(name: str) -> bytes:
    """A file of the vendored editor, as it is published under /admin/."""
    return (VENDORED / name).read_bytes()


def setup_warnings(config: Config) -> tuple[str, ...]:
    """What a person should know of the editor's set-up: without a repository, the published /admin/ cannot save."""
    if "admin" not in config.modules or config.admin.repo:
        return ()
    return ("site.yaml: the editor in the browser (/admin/) has no repository to save to (admin: repo:), so it works "
            "only on this computer, with 'make cms' beside 'make serve'",)


def _backend(config: Config) -> dict[str, Any]:
    backend = {"name": config.admin.backend, "repo": config.admin.repo, "branch": config.admin.branch}
    if config.admin.auth_url:
        backend["base_url"] = config.admin.auth_url
    return backend


def front_matter_fields(schema: Schema, page_templates: list[str], *, default_template: str = DEFAULT_TEMPLATE,
                        side_by_side: bool = True) -> list[dict[str, Any]]:
    """The form's fields for a page's front matter: every key of `schema`, as the build checks it, then the body.
    `side_by_side`: the collection shows its languages side by side, and each field says whether it is the page's
    in every language; a collection of one language's files (news, the declaration) says nothing of it."""
    fields = [_field(key, field, page_templates, default_template, side_by_side) for key, field in schema.items()
              if key != "document"]
    if "document" in schema:
        document = schema["document"].fields or {}
        fields.append({"name": "document", "label": "Document", "widget": "object",
                       "required": schema["document"].required,
                       "fields": [_field(key, field, page_templates, default_template, True)
                                  for key, field in document.items()]})
    fields.append({"name": "body", "label": "Text", "widget": "markdown", **({"i18n": True} if side_by_side else {}),
                   "pattern": _ALT_PATTERN})
    return fields


def _field(key: str, field: Field, page_templates: list[str], default_template: str,
           side_by_side: bool) -> dict[str, Any]:
    described = _labelled(key, field, _HINTS)
    if key == "template":
        described.update(widget="select", options=page_templates, default=default_template)
    elif field.kind is TRUE_FALSE:
        described.update(widget="boolean", default=bool(field.default))
    elif field.kind is WHOLE_NUMBER:
        described.update(widget="number", value_type="int")
    elif field.kind is DATE:
        described.update(widget="datetime", format="YYYY-MM-DD", date_format="YYYY-MM-DD", time_format=False,
                         pattern=_DATE_PATTERN)
    elif field.kind is TEXT:
        described["widget"] = "text" if key == "description" else "string"
    else:
        raise ValueError(f"no form field for the kind of '{key}'")  # a new kind in the schema needs one here
    if key == "slug":
        described["pattern"] = _SLUG_PATTERN
    if key == "official_url":
        described["pattern"] = ["^https://", "a full address starting with https://"]
    # Each language has its own title, text and address; the rest is the page's in every language.
    if side_by_side:
        described["i18n"] = True if key in ("title", "description", "slug", "menu_title", "body", "source_hash",
                                            "symbol", "official_url", "unofficial_translation") else "duplicate"
    return described


def _labelled(key: str, field: Field, hints: Mapping[str, str]) -> dict[str, Any]:
    """What every field of the form starts with: its key, its label, whether it is required, and its hint."""
    described: dict[str, Any] = {"name": key, "label": key.replace("_", " ").capitalize(), "required": field.required}
    if key in hints:
        described["hint"] = hints[key]
    return described


def _pages(site: Site, page_templates: list[str]) -> dict[str, Any]:
    """The pages at the top of each language folder, the three languages side by side."""
    top = f"{CONTENT_DIR}/{site.config.default_language}/"
    return {
        "name": "pages", "label": "Pages", "label_singular": "Page",
        **_translation_state(site, lambda path: path.startswith(top) and "/" not in path[len(top):]),
        "folder": CONTENT_DIR, "create": True, "extension": "md", "format": "frontmatter",
        "identifier_field": "title", "summary": "{{title}}",
        "i18n": True,
        "fields": front_matter_fields(FRONT_MATTER, [name for name in page_templates
                                                     if name != DECLARATION_TEMPLATE]),
    }


def _news(site: Site, page_templates: list[str]) -> list[dict[str, Any]]:
    """One collection of posts per language (content/fr/news/); a French post written in the editor names its English
    original with translation_key. One collection of every language (folder content, path news/{{slug}}) writes and
    opens a post side by side, but cannot list them: Decap CMS 3.16 groups the languages of a listed file by the
    folder right above it (lib/i18n.ts getLocaleFromPath), "news" for content/fr/news/x.md, and lists every
    Markdown file as deep, pages included (decap-cms issue 4416; README.md, "Editing in the browser")."""
    if NEWS_KEY not in site.translations:
        return []
    collections = []
    default = site.config.default_language
    # A post takes the default template, which shows it as a post: the form has no template field, which the
    # editor would otherwise write into every new post with its default value.
    fields = [field for field in front_matter_fields(FRONT_MATTER, page_templates, side_by_side=False)
              if field["name"] != "template"]
    for field in fields:
        if field["name"] == "date":
            field["required"] = True  # a post needs its date (ratify/news.py)
    posts = f"{CONTENT_DIR}/{default}/{news_folder(site.translations[NEWS_KEY][default].source)}"
    for code, page in site.translations[NEWS_KEY].items():
        if page.is_fallback:
            continue
        collections.append({
            "name": f"news-{code}", "label": f"News ({code})", "label_singular": f"Post ({code})",
            **_translation_state(site, lambda path: path.startswith(posts), None if code == default else code),
            "folder": f"{CONTENT_DIR}/{code}/{news_folder(page.source).rstrip('/')}", "create": True,
            "extension": "md", "format": "frontmatter", "slug": "{{year}}-{{month}}-{{day}}-{{slug}}",
            "sortable_fields": ["date", "title"], "summary": "{{date}}: {{title}}",
            "fields": fields,
        })
    return collections


def _declaration(site: Site, page_templates: list[str]) -> dict[str, Any]:
    """The declaration: one Markdown file per language, following the convention (Decap pairs the languages of
    folder collections only, so each language's file is an entry of its own)."""
    fields = front_matter_fields(DECLARATION_FRONT_MATTER, page_templates, default_template=DECLARATION_TEMPLATE,
                                 side_by_side=False)
    for field in fields:
        if field["name"] == "body":
            field["hint"] = ("One '#' heading with the full title; '## Preamble', then one paragraph each; "
                             "'## Article 1' and so on, numbered paragraphs '1.' and subparagraphs '(a)'. "
                             "See docs/declaration-convention.md.")
    original = f"{CONTENT_DIR}/{site.config.default_language}/declaration.md"
    return {
        "name": "declaration", "label": "Declaration",
        **_translation_state(site, lambda path: path == original),
        "files": [{"name": f"declaration-{code}", "label": f"Declaration ({code})",
                   "file": f"{CONTENT_DIR}/{code}/declaration.md", "fields": fields}
                  for code in site.config.language_codes],
    }


# The guide to data/states.yaml, as the editor shows it beside each key (README.md, "Recording what a State did",
# says the same): the editor rewrites the whole file when it saves, without its comments.
_STATE_HINTS = {
    "code": "The State, by its UN name.",
    "signed": "The day the State signed.",
    "ratified": "The day it deposited its instrument of ratification (a State signs before it ratifies).",
    "acceded": "The day it deposited its instrument of accession (a State that accedes has not signed).",
    "ratified_or_acceded": "Instead of ratified or acceded, when a source gives the day but not which it was.",
    "denounced": "The day the depositary received its notification of denunciation; the site computes the day it "
                 "takes effect.",
    "note": "Plain English: what is uncertain and why, and where sources disagree.",
    "source": "The source the dates come from (a new source is added to the file's sources: first).",
}
_NOTE_PER_LANGUAGE_HINT = ("What is uncertain and why, and where sources disagree: one text per language, English "
                           "first; a page in a language left empty links to the note in English.")
_DATE_HINT = " YYYY-MM-DD, or unknown when the State did it on a day nobody found: never a guess."
_STATES_GUIDE = ("Every figure of the site is computed from this list: never type a total anywhere else. Every date "
                 "comes from a listed source; what is not known stays a gap (leave the date empty, or write unknown, "
                 "and say why in the note).")


_UNFINISHED = {"missing": "Not translated yet", "outdated": "Out of date (the original changed since)"}


def _translation_state(site: Site, is_listed: Callable[[str], bool], language: str | None = None) -> dict[str, str]:
    """A collection's description, from the translation report (/translations/): which of its pages are not
    translated yet, or out of date, in each language (only `language`'s when given); nothing when all are done."""
    default = site.config.default_language
    titles: dict[tuple[str, str], list[str]] = {}
    for status in site.translation_report.pages:
        if status.state in _UNFINISHED and is_listed(status.source_path) and language in (None, status.language):
            original = site.translations.get(status.key, {}).get(default)
            titles.setdefault((status.state, status.language), []).append(
                original.source.title if original else status.key)
    if not titles:
        return {}
    said = [f"{_UNFINISHED[state]} in {code}: {', '.join(sorted(names))}." for (state, code), names in
            sorted(titles.items(), key=lambda item: (item[0][0] != "missing", item[0][1]))]
    return {"description": " ".join(said) + f" The site's report: {site.config.base_path}translations/."}


def _states(site: Site) -> dict[str, Any]:
    """data/states.yaml as a data file: each State's entry with the keys the build reads, a State chosen by its UN
    name, each date YYYY-MM-DD or unknown, the source among the sources' ids, the file's guide beside each key."""
    view = site.trackers[site.config.default_language]
    tracker = view.tracker
    language = site.config.default_language
    states = [{"label": (state.names[language].short if language in state.names else state.name),
               "value": state.code} for state in tracker.un_states]
    schema = _states_schema((), (), {}, datetime.date.max)["states"].fields or {}
    sources = sorted(source.id for source in tracker.sources)
    fields: list[dict[str, Any]] = []
    for key, field in schema.items():
        described = _labelled(key, field, _STATE_HINTS)
        if key == "code":
            described.update(widget="select", options=sorted(states, key=lambda option: option["label"]))
        elif key == "source":
            described.update(widget="select", options=sources)
        elif field.kind is DATE_OR_UNKNOWN:
            described.update(widget="string", pattern=_DATE_OR_UNKNOWN_PATTERN)
            described["hint"] = described.get("hint", "") + _DATE_HINT
        elif field.kind is DATE:
            described.update(widget="string", pattern=_DATE_PATTERN)
            described["hint"] = described.get("hint", "") + " YYYY-MM-DD."
        elif key == "declarations":
            articles = [declaration.article for declaration in tracker.treaty.declarations]
            described.update(widget="object", collapsed=True, hint=(
                "By article: true when the State made the declaration, false when a source says it did not, "
                "unknown (or empty) while this is not known."), fields=[
                {"name": article, "label": f"Article {article}", "required": False, "widget": "select",
                 "options": ["true", "false", "unknown"]} for article in articles])
        elif key == "note" and _notes_per_language(tracker):
            described.update(_note_per_language(tracker))
        else:
            described["widget"] = "text" if key == "note" else "string"
        fields.append(described)
    return {
        "name": "data", "label": "Ratifications", "description": _STATES_GUIDE,
        "files": [{"name": "states", "label": "States and their ratifications", "file": STATES_FILE,
                   "fields": [{"name": "states", "label": "States", "widget": "list", "summary": "{{fields.code}}",
                               "hint": _STATES_GUIDE, "fields": fields}]}],
    }


def note_warnings(config: Config, tracker: Tracker) -> tuple[str, ...]:
    """The States whose note the editor cannot show: written as one text while other notes are given per language,
    the form has one field per language, and Decap's form puts the one text in each of them."""
    if "admin" not in config.modules or not _notes_per_language(tracker):
        return ()
    plain = [state for state in tracker.states if state.note is not None and not state.note_per_language]
    return tuple(f"{STATES_FILE}:{state.line}: {state.code}'s note is one text while other notes are given per "
                 f"language, so the editor in the browser cannot show it: write it as 'note: {{en: ...}}'"
                 for state in plain)


def _notes_per_language(tracker: Tracker) -> bool:
    """Whether the form gives a note one field per language: when a note of the data is written so. While none is,
    a note stays one text box, as the data writes it (note_warnings names the one-text notes when the two mix)."""
    return any(state.note_per_language for state in tracker.states)


def _note_per_language(tracker: Tracker) -> dict[str, Any]:
    """A State's note as the build reads it when given per language: English and each language of treaty.name.
    The English field is not marked required: Decap then requires it in every State's entry, even one without a
    note (decap-cms issue 2103), and refuses to save the file; a note saved in one language alone builds, and the
    translation report lists it (ratify/translations.py untranslated_notes)."""
    codes = (FALLBACK_LANGUAGE, *(code for code in tracker.treaty.languages if code != FALLBACK_LANGUAGE))
    return {"widget": "object", "collapsed": True, "hint": _NOTE_PER_LANGUAGE_HINT,
            "fields": [{"name": code, "label": _language_name(code), "required": False, "widget": "text"}
                       for code in codes]}


def _language_name(code: str) -> str:
    """The language's name in English, as the editor's labels are written ("French"); its code when CLDR has none."""
    try:
        return babel.Locale.parse(code.replace("-", "_")).get_display_name("en") or code
    except (ValueError, babel.UnknownLocaleError):
        return code  # treaty.name may use a code CLDR lacks; the build accepts it, and so must the form


def index_html(config: Config, style_path: str, preview: str) -> bytes:
    """/admin/index.html: the editor's page, with a policy of its own (the editor styles itself inline and talks to
    its backend: decap-server on this computer, or GitHub's API), and what its preview shows (preview_data) as data
    (JSON, which no browser runs as a script)."""
    policy = admin_security_policy(config)
    return f"""<!doctype html>
<html lang="{config.default_language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="robots" content="noindex">
<title>{html.escape(config.title[config.default_language], quote=False)} – editor</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
<script type="application/json" id="ratify-preview">{preview}</script>
</head>
<body>
<script src="{SCRIPT}"></script>
<script src="{PREVIEW}" data-style="{style_path}"></script>
</body>
</html>
""".encode("utf-8")


NAMED_DAYS = ("today", "adoption", "opening", "entry-into-force")  # the days a shortcode's on= may name


def shortcode_key(name: str, arguments: Mapping[str, str]) -> str:
    """A shortcode as the preview looks it up: its name, then its arguments sorted ("figure on=opening what=parties")."""
    return " ".join([name, *(f"{key}={value}" for key, value in sorted(arguments.items()))])


def preview_figures(site: Site) -> dict[str, dict[str, str]]:
    """What each tracker shortcode will show, by language and then by shortcode_key, as that language's pages show
    it (its numbers, dates, States' names and "at least"): for the blocks, their headline figures; for `figure` and
    `date`, every one the site's pages write and every one of the treaty's named days. The editor's preview writes
    them into its placeholders, in the language of the entry it shows; a new one shows once the site is built."""
    inline = {shortcode_key(name, arguments): (name, arguments) for name, arguments in [  # once each, pages repeat
        ("date", {}), *[("date", {"on": day}) for day in NAMED_DAYS],
        *[("figure", {"what": what, **({"on": day} if day else {})}) for what in FIGURES for day in ("", *NAMED_DAYS)],
        *[(widget.name, dict(widget.arguments)) for page in site.pages for widget in page.widgets
          if widget.name in ("figure", "date")]]}
    return {language.code: _figures_in(site, language, inline) for language in site.config.languages
            if language.code in site.trackers}


def _figures_in(site: Site, language: Language, inline: Mapping[str, tuple[str, dict[str, str]]]) -> dict[str, str]:
    view = site.trackers[language.code]
    formats = i18n.formatters(language.locale, language.native_digits)
    at_least = site.interface[language.code].gettext("at least %(number)s")  # as templates/widgets/figure.html
    counts = {what: formats["number"](view.recorded(what)) for what in FIGURES}
    shown = {"counter": f"{counts['parties']} parties, {counts['signatories']} signatories",
             "map": f"{counts['parties']} parties, {counts['signatories']} signatories, coloured by status",
             "timeline": f"{counts['parties']} parties and {counts['signatories']} signatories by "
                         f"{formats['date'](view.latest)}",
             "table": f"{formats['number'](len(view.rows))} States"}
    for status in STATUSES:
        names = [row.name for row in view.rows if row.status == status]
        shown[shortcode_key("states", {"status": status})] = (
            f"{formats['number'](len(names))} States: {', '.join(names[:3])}{', …' if len(names) > 3 else ''}")
    for key, (name, arguments) in inline.items():
        try:
            values = widget_values(Widget(name, tuple(sorted(arguments.items())), 0), view)
        except ValueError:  # a day the treaty does not have yet (entry-into-force): nothing to show
            continue
        number = formats["number"](values["count"]) if name == "figure" else ""
        shown[key] = formats["date"](values["day"]) if name == "date" else (
            at_least % {"number": number} if values["at_least"] else number)
    return dict(sorted(shown.items()))


def preview_data(site: Site, configuration: dict[str, Any]) -> dict[str, Any]:
    """What the editor's preview script reads from /admin/index.html: the figures by language, and the previews it
    takes over (each collection's, or each file's, whose form has a text), so that it can mark each preview with
    the language of the entry it shows."""
    previews = [part["name"] for collection in configuration["collections"]
                for part in collection.get("files", [collection])
                if any(field["widget"] == "markdown" for field in part["fields"])]
    return {"figures": preview_figures(site), "previews": previews}


def _json_in_html(data: dict[str, Any]) -> str:
    """JSON inside a <script> element: '<' escaped, so that no text of the data can close the element."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def outputs_of(site: Site, page_templates: list[str]) -> list[tuple[str, Any, tuple[Any, ...]]]:
    """(path, function, inputs) of each file of /admin/."""
    stylesheet = site.assets.get("style.css")
    style_path = site.config.base_path + stylesheet.url_path if stylesheet else ""
    configuration = config_of(site, page_templates)  # made once: the preview data names its previews
    return [(f"{ADMIN_DIR}/config.yml", config_yaml, (configuration,)),
            (f"{ADMIN_DIR}/index.html", index_html,
             (site.config, style_path, _json_in_html(preview_data(site, configuration)))),
            *[(f"{ADMIN_DIR}/{name}", vendored_file, (name,)) for name in PUBLISHED]]
