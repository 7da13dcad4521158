"""site.yaml -> Config: the schema, its defaults and every kind of mistake."""

from __future__ import annotations

import pytest

from ratify.config import parse_config
from ratify.errors import SiteErrors

GOOD = """\
title:
  en: Campaign
  fr: Campagne
base_url: https://ratify-fixture.org/op
default_language: en
languages:
  - code: en
    locale: en_GB
  - code: fr
    quotes: ["« ", " »"]
"""


def messages(text: str) -> list[str]:
    with pytest.raises(SiteErrors) as caught:
        parse_config(text, "site.yaml")
    return [str(error) for error in caught.value.errors]


def test_a_good_config_gets_defaults_from_babel() -> None:
    config = parse_config(GOOD, "site.yaml")
    assert config.language_codes == ("en", "fr")
    assert config.language("fr").name == "Français"
    assert config.language("en").name == "English"
    assert config.language("en").locale == "en_GB"
    assert config.language("fr").direction == "ltr"
    assert config.language("fr").quotes == ("« ", " »")
    assert config.language("en").quotes == ("\u201c", "\u201d")
    assert config.base_url == "https://ratify-fixture.org/op/"
    assert config.base_path == "/op/"
    assert config.menus == {"en": (), "fr": ()}


def test_base_url_given_on_the_command_line_wins() -> None:
    config = parse_config(GOOD, "site.yaml", base_url="https://example.net/campaign/")
    assert config.base_url == "https://example.net/campaign/"
    assert config.base_path == "/campaign/"


def test_right_to_left_comes_from_cldr_when_not_given() -> None:
    text = GOOD.replace("  fr: Campagne\n", "  fr: Campagne\n  ar: حملة\n") + "  - code: ar\n"
    assert parse_config(text, "site.yaml").language("ar").direction == "rtl"


def test_every_problem_is_reported_at_once_with_its_line() -> None:
    text = GOOD.replace("default_language: en", "default_langage: en").replace("  fr: Campagne\n", "")
    assert messages(text) == [
        "site.yaml:1: title: 'fr' is missing\n    add a line 'fr: ...'",
        "site.yaml:4: unknown key 'default_langage'\n    did you mean 'default_language'?",
    ]


@pytest.mark.parametrize("change, expected", [
    (("default_language: en", "default_language: de"),
     "site.yaml:5: 'default_language' must be one of the languages (en, fr), got \"de\""),
    (("base_url: https://ratify-fixture.org/op", "base_url: example.org"),
     "site.yaml:4: 'base_url' must be a full address like https://example.org/campaign/, got \"example.org\""),
    (("  - code: fr\n", "  - code: fr\n    dir: sideways\n"),
     "site.yaml:10: languages: 'dir' must be \"ltr\" or \"rtl\", got \"sideways\""),
    (("locale: en_GB", "locale: xx_YY"), "site.yaml:8: languages: 'locale' must be a locale Babel knows, "
                                         "got \"xx_YY\"\n"
                                         "    use a CLDR locale such as 'fr', 'es' or 'en_GB'"),
    (("  - code: fr\n", "  - code: en\n"), "site.yaml:9: languages: 'en' is listed twice (first on line 7)"),
    (("  - code: fr\n", "  - code: fr\n    colour: red\n"),
     "site.yaml:10: languages: unknown key 'colour'\n    known keys: code, name, dir, locale, quotes, numbers"),
    (("  - code: fr\n", "  - code: fr\n    numbers: arabic\n"),
     "site.yaml:10: languages: 'numbers' must be \"latin\" or \"native\", got \"arabic\"\n"
     "    native: the digits CLDR gives the locale"),
])
def test_each_mistake_has_its_message(change: tuple[str, str], expected: str) -> None:
    assert expected in messages(GOOD.replace(*change))


def test_yaml_syntax_errors_name_the_line() -> None:
    assert messages(GOOD.replace("  fr: Campagne", "  fr: Campagne: bis")) == [
        "site.yaml:3: the value of 'fr' holds ': ', which YAML reads as the start of another key\n"
        "    put the whole value in quotes: fr: \"Campagne: bis\""]


def test_menus_are_checked() -> None:
    text = GOOD + "menus:\n  en:\n    - {title: UN, url: 'https://un.org/', weight: 5}\n  de: []\n"
    assert messages(text) == ["site.yaml:14: menus: unknown key 'de'\n    known keys: en, fr"]
    config = parse_config(GOOD + "menus:\n  en:\n    - {title: UN, url: 'https://un.org/', weight: 5}\n", "site.yaml")
    assert config.menus["en"][0].title == "UN"


def test_without_join_there_is_no_form_endpoint() -> None:
    join = parse_config(GOOD, "site.yaml").join
    assert (join.form_action, join.redirect_field, join.honeypot_field, join.origin) == (None, None, "_gotcha", None)


def test_the_join_form_endpoint_and_its_hidden_fields() -> None:
    text = GOOD + "join:\n  form_action: https://forms.example.org/f/coalition\n  redirect_field: _next\n"
    join = parse_config(text, "site.yaml").join
    assert join.form_action == "https://forms.example.org/f/coalition"
    assert join.origin == "https://forms.example.org"
    assert (join.redirect_field, join.honeypot_field) == ("_next", "_gotcha")


@pytest.mark.parametrize("lines, expected", [
    ("  form_action: http://forms.example.org/f\n",
     "site.yaml:12: join: 'form_action' must be an https address like https://forms.example.org/join, "
     "got \"http://forms.example.org/f\"\n"
     "    the form carries names and e-mail addresses: it must be sent over https"),
    ("  redirect_field: 'next page'\n", "site.yaml:12: join: 'redirect_field' must be a field name like _next, "
                                        "got \"next page\"\n"
                                        "    letters, digits, '_', '-' and '.', not starting with a digit"),
    ("  honeypot_field: email\n", "site.yaml:12: join: 'honeypot_field' must be a name the form does not use, "
                                  "got \"email\"\n"
                                  "    the form's fields are member_type, name, organisation, email, country, consent, "
                                  "language"),
    ("  redirect_field: _trap\n  honeypot_field: _trap\n",
     "site.yaml:12: join: 'redirect_field' and 'honeypot_field' must differ"),
    ("  form_acton: https://forms.example.org/f\n",
     "site.yaml:12: join: unknown key 'form_acton'\n    did you mean 'form_action'?"),
])
def test_join_mistakes_are_reported_with_their_line(lines: str, expected: str) -> None:
    assert messages(GOOD + "join:\n" + lines) == [expected]


def test_a_site_needs_at_least_one_language() -> None:
    text = GOOD.split("languages:")[0] + "languages: []\n"
    assert "site.yaml:6: 'languages' is empty\n    list at least one" in messages(text)


ORGANISATION = """\
organisation:
  name: {en: "the Alliance for the Right to Test", fr: "l’Alliance pour le droit d’essayer"}
  short_name: {en: "the Test Alliance", fr: "l’Alliance d’essai"}
  called: {en: "the Alliance", fr: "l’Alliance"}
  how_to_join: {en: "Write to a member named on [the home page].", fr: "Écrivez à un membre cité sur [la page d’accueil]."}
"""


def test_the_organisation_is_named_in_every_language() -> None:
    assert parse_config(GOOD, "site.yaml").organisation is None  # the footer then names nobody
    organisation = parse_config(GOOD + ORGANISATION, "site.yaml").organisation
    assert organisation.name["fr"] == "l’Alliance pour le droit d’essayer"
    assert (organisation.called["en"], organisation.called_first("en"), organisation.called_first("fr")) == (
        "the Alliance", "The Alliance", "L’Alliance")
    assert organisation.how_to_join["en"] == "Write to a member named on [the home page]."


@pytest.mark.parametrize("change, expected", [
    (('fr: "l’Alliance"}', '}'), "site.yaml:14: organisation.called: 'fr' is missing\n    add a line 'fr: ...'"),
    (("[the home page]", "the home page"),
     "site.yaml:15: organisation.how_to_join: 'en' must be a sentence with the words that link to the home page in "
     "[square brackets], once, got \"Write to a member named on the home page.\"\n"
     "    for example: \"To join, write to one of the organisations named on [the home page].\""),
    (("  called:", "  caled:"), "site.yaml:14: organisation: unknown key 'caled'\n    did you mean 'called'?"),
])
def test_organisation_mistakes_are_reported_with_their_line(change: tuple[str, str], expected: str) -> None:
    assert messages(GOOD + ORGANISATION.replace(*change)) == [expected]


def test_the_join_route_is_the_organisations_own_page_with_words_in_every_language() -> None:
    text = GOOD + ('join:\n  route:\n    url: "https://www.escr-net.org/ngo-coalition-op-icescr/"\n'
                   '    label: {en: "Become a member", fr: "Devenir membre"}\n')
    route = parse_config(text, "site.yaml").join.route
    assert route is not None and route.url == "https://www.escr-net.org/ngo-coalition-op-icescr/"
    assert (route.host, dict(route.label)) == ("www.escr-net.org", {"en": "Become a member", "fr": "Devenir membre"})


@pytest.mark.parametrize("route, expected", [
    ('    url: "http://www.escr-net.org/join"\n    label: {en: A, fr: B}\n',
     "site.yaml:13: join.route: 'url' must be an https address like https://www.escr-net.org/ngo-coalition-op-icescr/"
     ", got \"http://www.escr-net.org/join\""),
    ('    url: "https://www.escr-net.org/join"\n    label: {en: Become a member}\n',
     "site.yaml:14: join.route.label: 'fr' is missing"),
])
def test_a_join_route_without_https_or_a_language_is_an_error_at_its_line(route: str, expected: str) -> None:
    with pytest.raises(SiteErrors) as failure:
        parse_config(GOOD + "join:\n  route:\n" + route, "site.yaml")
    assert [str(error).split("\n")[0] for error in failure.value.errors] == [expected]


@pytest.mark.parametrize("address, placeholder", [
    ("https://example.org/", True), ("https://www.example.com/op/", True), ("http://example.net/", True),
    ("http://localhost:8000/", True), ("https://campaign.test/", True), ("https://a.invalid/", True),
    ("https://site.example/", True), ("http://127.0.0.1:8000/", False),  # the preview's own address
    ("https://www.escr-net.org/", False), ("https://notexample.org/", False), ("https://ratify-fixture.org/op/", False),
])
def test_a_placeholder_address_is_told_from_a_real_one(address: str, placeholder: bool) -> None:
    config = parse_config(GOOD.replace("https://ratify-fixture.org/op", address), "site.yaml")
    assert config.has_address is not placeholder
