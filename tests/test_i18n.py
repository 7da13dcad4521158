"""Catalogs read straight from .po, checked at build time; Babel formatting for each locale."""

from __future__ import annotations

import datetime
import re
import gettext
from pathlib import Path

import jinja2
import pytest

from ratify.config import parse_config
from ratify.errors import SiteErrors
from ratify.i18n import (CompiledTemplates, compile_catalog, finish_fallbacks, formatters, make_environment,
                         parse_catalog, read_catalogs, template_errors)

HEADER = ('msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n'
          '"Content-Type: text/plain; charset=utf-8\\n"\n\n')


def catalog_errors(body: str) -> list[str]:
    with pytest.raises(SiteErrors) as caught:
        parse_catalog((HEADER + body).encode(), "locale/fr/LC_MESSAGES/messages.po", "fr")
    return [str(error) for error in caught.value.errors]


def test_a_good_catalog_translates_with_plurals() -> None:
    catalog = parse_catalog((HEADER + 'msgid "Skip to content"\nmsgstr "Aller au contenu"\n\n'
                             'msgid "%(count)s State"\nmsgid_plural "%(count)s States"\n'
                             'msgstr[0] "%(count)s État"\nmsgstr[1] "%(count)s États"\n').encode(), "x.po", "fr")
    translations = compile_catalog(catalog)
    assert translations.gettext("Skip to content") == "Aller au contenu"
    assert [translations.ngettext("%(count)s State", "%(count)s States", n) % {"count": n} for n in (0, 1, 2)] == [
        "0 État", "1 État", "2 États"]


def test_fuzzy_translations_are_not_used() -> None:
    catalog = parse_catalog((HEADER + '#, fuzzy\nmsgid "Languages"\nmsgstr "Langues ?"\n').encode(), "x.po", "fr")
    assert compile_catalog(catalog).gettext("Languages") == "Languages"


def test_a_syntax_error_names_the_line() -> None:
    assert catalog_errors('msgid "Languages"\nmsgstr "Langues\n') == [
        "locale/fr/LC_MESSAGES/messages.po:8: translation catalog syntax: this line is not a keyword followed by "
        "a quoted text\n    every text must start and end with \" and any \" inside it written \\\""]


def test_an_unknown_keyword_names_the_line() -> None:
    assert catalog_errors('msgid "Languages"\nmsgtsr "Langues"\n') == [
        "locale/fr/LC_MESSAGES/messages.po:8: translation catalog syntax: this line is not a keyword followed by "
        "a quoted text\n    every text must start and end with \" and any \" inside it written \\\""]


def test_a_dropped_or_renamed_placeholder_is_an_error() -> None:
    assert catalog_errors('msgid "Not yet in %(language)s."\nmsgstr "Pas encore en %(langue)s."\n') == [
        "locale/fr/LC_MESSAGES/messages.po:7: the translation of 'Not yet in %(language)s.' drops %(language)s; "
        "uses unknown %(langue)s\n    keep every %(name)s of the English text, spelled the same"]


def test_a_wrong_number_of_plural_forms_is_an_error() -> None:
    assert catalog_errors('msgid "%(count)s State"\nmsgid_plural "%(count)s States"\n'
                          'msgstr[0] "%(count)s État"\nmsgstr[1] "%(count)s États"\nmsgstr[2] "%(count)s Étatz"\n'
                          ) == [
        "locale/fr/LC_MESSAGES/messages.po:7: translation catalog: a message has more plural forms than the "
        "catalog's Plural-Forms header allows\n    open the file in Poedit, which shows what is wrong"]


PLURAL_STATE = 'msgid "%(count)s State"\nmsgid_plural "%(count)s States"\n'


@pytest.mark.parametrize("strings", ['msgstr[0] ""\nmsgstr[1] ""\n', 'msgstr[0] "%(count)s État"\nmsgstr[1] ""\n',
                                     'msgstr[0] "%(count)s État"\n'],
                         ids=["untranslated", "one form missing", "one line missing"])
def test_a_plural_not_fully_translated_is_shown_in_english(strings: str) -> None:
    catalog = parse_catalog((HEADER + PLURAL_STATE + strings).encode(), "x.po", "fr")
    translations = compile_catalog(catalog)
    assert [translations.ngettext("%(count)s State", "%(count)s States", n) for n in (1, 2)] == [
        "%(count)s State", "%(count)s States"]


ARABIC = ('msgid ""\nmsgstr ""\n"Language: ar\\n"\n"Plural-Forms: nplurals=6; plural={formula};\\n"\n'
          '"Content-Type: text/plain; charset=utf-8\\n"\n\n')
CLDR_ARABIC = "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)"
BABEL_ARABIC = "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=0 && n%100<=2 ? 4 : 5)"


@pytest.mark.parametrize("formula", [CLDR_ARABIC, "n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : (n%100>=3 && n%100<=10) ? 3 : "
                                                   "(n%100>=11 && n%100<=99) ? 4 : 5"])
def test_the_arabic_plural_formula_of_cldr_and_weblate_is_accepted_however_written(formula: str) -> None:
    catalog = parse_catalog((ARABIC.format(formula=formula) + PLURAL_STATE + "".join(
        f'msgstr[{n}] "{n}: %(count)s"\n' for n in range(6))).encode(), "x.po", "ar")
    translations = compile_catalog(catalog)
    assert [translations.ngettext("%(count)s State", "%(count)s States", n)[0] for n in (0, 1, 2, 3, 11, 101)] == [
        "0", "1", "2", "3", "4", "5"]


def test_babels_arabic_plural_formula_is_an_error_with_the_right_one_in_the_hint() -> None:
    with pytest.raises(SiteErrors) as caught:
        parse_catalog(ARABIC.format(formula=BABEL_ARABIC).encode(), "locale/ar/LC_MESSAGES/messages.po", "ar")
    assert [str(error) for error in caught.value.errors] == [
        "locale/ar/LC_MESSAGES/messages.po:4: translation catalog: the Plural-Forms header does not order the "
        "plural forms as translators and Weblate do for 'ar'\n"
        f'    the header line for ar is "Plural-Forms: nplurals=6; plural={CLDR_ARABIC};\\n"']


def test_every_catalogs_plural_formula_is_checked() -> None:
    wrong = HEADER.replace("(n > 1)", "(n != 1)")
    with pytest.raises(SiteErrors) as caught:
        parse_catalog(wrong.encode(), "locale/fr/LC_MESSAGES/messages.po", "fr")
    assert [error.line for error in caught.value.errors] == [4]
    assert "nplurals=2; plural=(n > 1);" in caught.value.errors[0].hint


def test_an_unreadable_plural_formula_is_an_error() -> None:
    with pytest.raises(SiteErrors) as caught:
        parse_catalog(HEADER.replace("(n > 1)", "(n >>> 1)").encode(), "locale/fr/LC_MESSAGES/messages.po", "fr")
    assert [error.message for error in caught.value.errors] == [
        "translation catalog: the Plural-Forms formula cannot be read"]


@pytest.mark.parametrize("locale, expected", [
    ("en_GB", "5 May 2013"), ("fr", "5 mai 2013"), ("es", "5 de mayo de 2013")])
def test_dates_follow_cldr(locale: str, expected: str) -> None:
    assert formatters(locale)["date"](datetime.date(2013, 5, 5)) == expected


@pytest.mark.parametrize("locale, expected", [
    ("en_GB", "1 November 2012"), ("fr", "1er novembre 2012"), ("es", "1 de noviembre de 2012")])
def test_the_first_of_the_month(locale: str, expected: str) -> None:
    assert formatters(locale)["date"](datetime.date(2012, 11, 1)) == expected


@pytest.mark.parametrize("locale, number, percent, english", [
    ("en_GB", "1,234.5", "63%", "English"), ("fr", "1\u202f234,5", "63\u00a0%", "anglais"),
    ("es", "1.234,5", "63\u00a0%", "inglés")])
def test_numbers_percentages_and_language_names(locale: str, number: str, percent: str, english: str) -> None:
    format = formatters(locale)
    assert (format["number"](1234.5), format["percent"](0.63), format["language_name"]("en")) == (
        number, percent, english)


def test_a_missing_catalog_is_a_warning_not_silence(tmp_path: Path) -> None:
    config = parse_config("title: {en: a, de: b}\nbase_url: https://x.org/\ndefault_language: en\n"
                          "languages: [{code: en}, {code: de}]\n", "site.yaml")
    catalogs = read_catalogs(tmp_path, config.languages)
    assert catalogs.warnings == (
        "locale/de/LC_MESSAGES/messages.po: missing, so the interface of 'de' is shown in English",)


def test_templates_speak_the_language_of_their_environment(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "t.html").write_text(
        "{% trans count=n %}{{ count }} State{% pluralize %}{{ count }} States{% endtrans %} {{ day|date }}")
    catalog = parse_catalog((HEADER + 'msgid "%(count)s State"\nmsgid_plural "%(count)s States"\n'
                             'msgstr[0] "%(count)s État"\nmsgstr[1] "%(count)s États"\n').encode(), "x.po", "fr")
    config = parse_config("title: {fr: a}\nbase_url: https://x.org/\ndefault_language: fr\n"
                          "languages: [{code: fr}]\n", "site.yaml")
    environment = make_environment(tmp_path, config.language("fr"), compile_catalog(catalog))
    template = environment.get_template("t.html")
    assert template.render(n=2, day=datetime.date(2013, 5, 5)) == "2 États 5 mai 2013"
    assert template.render(n=1, day=datetime.date(2009, 9, 24)) == "1 État 24 septembre 2009"


def test_a_template_compiles_once_for_every_language_and_again_when_edited(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "t.html").write_text("{% trans %}State{% endtrans %} {{ day|date }}")
    (tmp_path / "templates" / "u.html").write_text("{{ _('States') }}")
    catalog = parse_catalog((HEADER + 'msgid "State"\nmsgstr "État"\n').encode(), "x.po", "fr")
    config = parse_config("title: {fr: a, en: a}\nbase_url: https://x.org/\ndefault_language: fr\n"
                          "languages: [{code: fr}, {code: en}]\n", "site.yaml")
    translations = {"fr": compile_catalog(catalog), "en": gettext.NullTranslations()}
    compiled = CompiledTemplates()
    compiles: list[str] = []
    original = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile",
                        lambda self, source, name=None, *rest: compiles.append(name) or original(self, source, name, *rest))

    def environments() -> list[jinja2.Environment]:
        return [make_environment(tmp_path, language, translations[language.code], compiled)
                for language in config.languages]

    french, english = environments()
    assert template_errors([french, english]) == []
    assert sorted(compiles) == french.list_templates(), "once, not once per language (the theme's too)"
    assert {"t.html", "u.html"} <= set(compiles)
    day = datetime.date(2013, 5, 5)
    assert french.get_template("t.html").render(day=day) == "État 5 mai 2013"
    assert english.get_template("t.html").render(day=day) == "State May 5, 2013", "each speaks its own language"
    (tmp_path / "templates" / "t.html").write_text("{% trans %}State{% endtrans %}!")
    compiles.clear()
    assert template_errors(environments()) == []
    assert compiles == ["t.html"], "only the edited template compiles again"


def test_compiled_templates_kept_on_disk_outlive_a_build_and_change_no_byte(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from ratify.pipeline import build
    from tests.conftest import make_site, read_tree

    site = make_site(tmp_path / "site")
    build(site, tmp_path / "without")
    compiles: list[str] = []
    original = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile",
                        lambda self, source, name=None, *rest: compiles.append(name) or original(self, source, name, *rest))
    (tmp_path / "cache").mkdir()
    on_disk = jinja2.FileSystemBytecodeCache(str(tmp_path / "cache"))
    build(site, tmp_path / "first", templates_on_disk=on_disk)
    templates = len(compiles)
    assert templates == sum(file.is_file() for file in (site / "templates").rglob("*")), "once, for every language"
    compiles.clear()
    build(site, tmp_path / "second", templates_on_disk=on_disk)
    assert compiles == [], "the next build compiles nothing"
    assert read_tree(tmp_path / "first") == read_tree(tmp_path / "second") == read_tree(tmp_path / "without")
    page = site / "templates" / "page.html"
    page.write_text(page.read_text().replace("<h1>", '<h1 class="title">'))
    build(site, tmp_path / "third", templates_on_disk=on_disk)
    assert compiles == ["page.html"], "an edited template compiles again, alone"
    assert '<h1 class="title">' in (tmp_path / "third" / "en" / "about" / "index.html").read_text()


def test_a_damaged_or_missing_cache_of_templates_never_fails_a_build(tmp_path: Path) -> None:
    from ratify.pipeline import build
    from tests.conftest import make_site, read_tree

    site = make_site(tmp_path / "site")
    build(site, tmp_path / "without")
    (tmp_path / "cache").mkdir()
    build(site, tmp_path / "first", templates_on_disk=jinja2.FileSystemBytecodeCache(str(tmp_path / "cache")))
    for file in (tmp_path / "cache").iterdir():
        file.write_bytes(file.read_bytes()[:40])  # cut short, as by a full disk
    build(site, tmp_path / "damaged", templates_on_disk=jinja2.FileSystemBytecodeCache(str(tmp_path / "cache")))
    build(site, tmp_path / "missing", templates_on_disk=jinja2.FileSystemBytecodeCache(str(tmp_path / "gone")))
    assert read_tree(tmp_path / "damaged") == read_tree(tmp_path / "missing") == read_tree(tmp_path / "without")


def test_english_fallbacks_are_marked_where_markup_may_stand_and_plain_elsewhere() -> None:
    marked = "\ue000Status\ue001"
    rendered = (f'<title>{marked}</title><p title="{marked}">{marked} &lt; 1 < 2</p><svg><title>{marked}</title>'
                f'<text>{marked}</text></svg><select><option>{marked}</option></select><br/><b>{marked}</b>')
    assert finish_fallbacks(rendered, "page.html", "ltr") == (
        '<title>Status</title><p title="Status"><span lang="en">Status</span> &lt; 1 < 2</p><svg><title>Status'
        '</title><text>Status</text></svg><select><option>Status</option></select><br/><b><span lang="en">Status'
        '</span></b>')
    assert finish_fallbacks(f"<p>{marked}</p>", "page.html", "rtl") == '<p><span lang="en" dir="ltr">Status</span></p>'
    assert finish_fallbacks(f"<title>{marked}</title>", "news-feed.xml", "ltr") == "<title>Status</title>"


def test_the_templates_get_english_fallbacks_marked_and_translations_as_they_are() -> None:
    catalog = parse_catalog((HEADER + 'msgid "Languages"\nmsgstr "Langues"\n').encode(), "x.po", "fr")
    config = parse_config("title: {en: T, fr: T}\nbase_url: https://example.org/\ndefault_language: en\n"
                          "languages: [{code: en}, {code: fr}]\n", "site.yaml")
    french, english = config.language("fr"), config.language("en")
    template = ('{{ _("Languages") }} {{ _("Menu") }} '
                '{% trans count=2 %}{{ count }} State{% pluralize %}{{ count }} States{% endtrans %}')
    rendered = make_environment(Path("."), french, compile_catalog(catalog)).from_string(template).render()
    assert rendered == "Langues \ue000Menu\ue001 \ue0002 States\ue001"
    assert make_environment(Path("."), english, gettext.NullTranslations()).from_string(template).render() == (
        "Languages Menu 2 States")


@pytest.mark.parametrize("locale, native, expected", [
    ("ar_EG", True, ("١٢٬٣٤٥", "٥ مايو ٢٠١٣", "٥٠%")), ("ar_EG", False, ("12,345", "5 مايو 2013", "50%")),
    ("fa", True, ("۱۲٬۳۴۵", "۵ مهٔ ۲۰۱۳", "۵۰%")), ("fr", True, ("12\u202f345", "5 mai 2013", "50\u00a0%"))])
def test_digits_follow_the_locale_when_the_site_asks(locale: str, native: bool, expected: tuple) -> None:
    format = formatters(locale, native)
    assert (format["number"](12345), format["date"](datetime.date(2013, 5, 5)), format["percent"](0.5)) == expected


# Punctuation that French sets off with a (narrow) no-break space, written in a template next to a translated string
# instead of inside it: `{{ _("Source") }}:` or `{{ name }}: {{ _("signature") }}` can only ever read "Source:".
_SPACED_PUNCTUATION_OUTSIDE = re.compile(
    r"(\{\{[^{}]*\b(?:_|gettext|ngettext|pgettext)\([^{}]*\}\}|\{%-?\s*endtrans\s*-?%\})(</?\w[^>]*>)*\s*[:;!?»]"
    r"|[«:;!?]\s*(\{%[^%]*%\}\s*)*\{\{[^{}]*\b(?:_|gettext|ngettext|pgettext)\(")


def test_punctuation_that_french_spaces_is_inside_the_translatable_strings() -> None:
    from ratify.theme import default_theme

    found = [f"{path.name}:{number}: {line.strip()}"
             for path in sorted((default_theme() / "templates").rglob("*.*"))
             for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1)
             if _SPACED_PUNCTUATION_OUTSIDE.search(line.replace("://", ""))]
    assert found == []


@pytest.mark.bundled
def test_the_french_feeds_put_a_narrow_no_break_space_before_the_colon(built_site: Path) -> None:
    feed = (built_site / "fr" / "etats" / "feed.xml").read_text(encoding="utf-8")
    assert "\u202f: signatures et ratifications</title>" in feed and "\u202f: adhésion</title>" in feed
    assert ": signature" in (built_site / "en" / "states" / "feed.xml").read_text(encoding="utf-8")
