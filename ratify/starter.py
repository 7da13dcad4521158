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
# Real data that is the same for every treaty: the UN States (each gets a page), their UN names and the map's shapes.
SHARED_DATA = ("data/un-states.yaml", "data/un-names.yaml", "data/world-map.json")
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
        "data/states.to-fill.yaml": _filled("data/states.to-fill.yaml",
                                            treaty_block=treaty_block(languages, names, treaty)),
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


# The sentences of the site about the treaty (treaty.wording), worded for any treaty: a starting point to adapt
# and translate. In braces, what the site fills in (see "The treaty block" in ratify's README).
GENERIC_WORDING = {
    "status_title": "{short_name} status",
    "description": "Status, dates and next steps for the {name}.",
    "party": "This State is a party to the {short_name}.",
    "in_force_for": "The {short_name} has been in force for it since {day}.",
    "enters_into_force_for": "The {short_name} will enter into force for it on {day}.",
    "signatory": "This State has signed the {short_name} but has not yet ratified it.",
    "none": "This State has neither signed nor joined the {short_name}.",
    "step_none": "Sign and ratify the {short_name}, or accede to it.",
    "ask_none": "We urge the Government to sign and ratify the {name}, or to accede to it, without delay.",
    "step_signatory": "Ratify the {short_name}, which it has signed.",
    "ask_signatory": "We urge the Government to complete the ratification of the {name}, which it has signed.",
    "step_declare": "Make the declarations the {short_name} provides for.",
    "ask_declare": "We welcome the Government's ratification of the {name} and urge it to make the declarations "
                   "it provides for.",
    "step_declarations_unknown": "Say whether it has made the declarations the {short_name} provides for: the sources "
                                 "used here do not say.",
    "ask_declarations_unknown": "We welcome the Government's ratification of the {name} and would be grateful to know "
                                "whether it has made the declarations it provides for; if it has not, we urge it to.",
    "step_party": "Make the {short_name} known to everyone who may need it, and carry out the views of "
                  "{monitoring_body}.",
    "ask_party": "We welcome the Government's ratification of the {name} and urge it to make it known and to carry "
                 "out the views of {monitoring_body}.",
    "what_it_means": "TO FILL: what the {short_name} means for the people of a State that joins it.",
    "letter_subject": "Subject: the {name}",
    "letter_opening": "The {name} was adopted by {adopting_body} on {adopted}.",
    "table_caption": "All {count} UN Member and observer States and the {short_name}",
    "feed_subtitle": "Each signature, ratification and accession of the {short_name} with a known date.",
}


def treaty_block(languages: list[str], names: list[str], treaty: str) -> str:
    """The treaty block to fill, every text in each language (in English until translated)."""

    def texts(indent: str, text: str) -> list[str]:
        return [f"{indent}{code}: {json.dumps(text, ensure_ascii=False)}"
                + ("" if code == "en" else f"  # TO FILL: in {name}") for code, name in zip(languages, names)]

    lines = ["treaty:                             # TO FILL: every key of this block",
             "  name:                             # the official title in each language",
             *texts("    ", treaty or "TO FILL: the treaty's official title"),
             "  short_name:                       # the short name the campaign uses, e.g. an acronym",
             *texts("    ", "TO FILL"),
             "  adopted:                          # YYYY-MM-DD, the day it was adopted",
             "  adopted_by:",
             "    resolution:                     # the resolution that adopted it",
             "    body:                           # as a sentence names it after \"adopted by\"",
             *texts("      ", "TO FILL: the adopting body, e.g. the UN General Assembly"),
             "  opened_for_signature:             # YYYY-MM-DD",
             "  monitoring_body:                  # the body that receives communications, as a sentence names it",
             *texts("    ", "TO FILL: the Committee"),
             "  hashtag:                          # the campaign's, without the #",
             "  entry_into_force:                 # e.g. in force three months after the tenth instrument",
             "    instruments:                    # how many ratifications or accessions bring it into force",
             "    after: {months: }               # or {days: }: after an instrument, for that State",
             "  declarations: []                  # optional declarations: - article: \"10\", opt: in, label: {en: ...}",
             "  wording:                          # the site's sentences about the treaty: adapt and translate",
             ]
    for sentence, text in GENERIC_WORDING.items():
        lines += [f"    {sentence}:", *texts("      ", text)]
    lines += ["  depositary:",
              "    reference:                      # the depositary's reference for the treaty",
              "    url:                            # the depositary's status page",
              "  depositary_totals:                # the depositary's own counts, as it publishes them",
              "    signatories:",
              "    parties:",
              "    as_of_or_later:                 # YYYY-MM-DD",
              "    source:                         # the `id` of a source below",
              ""]
    return "\n".join(lines)


def site_yaml(languages: list[str], title: str) -> str:
    """site.yaml for these languages, the same title in each until it is translated."""
    quoted = json.dumps(title, ensure_ascii=False)  # JSON strings are YAML strings
    return "\n".join([
        "# The site's configuration. See \"Configuration\" in ratify's README for every key.",
        "title:                             # TO FILL: the title in each language",
        *(f"  {code}: {quoted}" for code in languages),
        "# TO FILL: the address the site is published at; every canonical link, the sitemap and the feeds use it.",
        'base_url: "https://example.org/"',
        "# TO FILL when the site has a Join page (template: join.html): where people join, in every language;",
        "# or a form endpoint (join.form_action), or contact_email. See \"Join the Campaign\" in the README.",
        "# join:",
        "#   route:",
        '#     url: "https://…"',
        "#     label:",
        *(f'#       {code}: "…"' for code in languages),
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
