"""ratify.schema: one wording for every problem of every input, all problems at once, each at its line."""

from __future__ import annotations

import datetime

from ratify.datafile import parse_yaml
from ratify.errors import SiteError
from ratify.schema import (CODE, COUNT, DATE, DATE_OR_UNKNOWN, LIST, MAPPING, MAYBE, TEXT, TRUE_FALSE, WHOLE_NUMBER,
                           Field, read_mapping, shown, text_per_language)

SCHEMA = {
    "title": Field(TEXT, required=True),
    "weight": Field(WHOLE_NUMBER),
    "draft": Field(TRUE_FALSE, default=False),
    "date": Field(DATE),
    "code": Field(CODE),
    "document": Field(MAPPING, fields={"symbol": Field(TEXT, required=True), "count": Field(COUNT)}),
    "states": Field(LIST, fields={"signed": Field(DATE_OR_UNKNOWN), "article10": Field(MAYBE)},
                    label=lambda entry, where: str(entry.get("signed", where))),
}


def _read(text: str) -> tuple[dict, list[str]]:
    errors: list[SiteError] = []
    values = read_mapping(parse_yaml(text, "x.yaml"), SCHEMA, "x.yaml", errors, about="front matter")
    return values, [f"{error.line}: {error.message}" + (f" | {error.hint}" if error.hint else "") for error in errors]


def test_values_and_defaults_of_a_correct_mapping() -> None:
    values, problems = _read("title: A\nweight: 3\ndate: 2013-05-05\ndocument:\n  symbol: A/1\n")
    assert problems == []
    assert values == {"title": "A", "weight": 3, "draft": False, "date": datetime.date(2013, 5, 5), "code": None,
                      "document": {"symbol": "A/1", "count": None}, "states": None}
    assert values.ok and values["document"].ok


def test_every_problem_at_once_worded_one_way() -> None:
    text = ("titel: A\nweight: first\ndraft: 1\ndate: 5 mai\ncode: no\ndocument:\n  count: 0\n"
            "states:\n  - signed: '2013-05-05'\n    article10: yes please\n  - plain\n")
    values, problems = _read(text)
    assert problems == [
        "1: front matter: unknown key 'titel' | did you mean 'title'?",  # and no "'title' is missing" besides
        "2: front matter: 'weight' must be a whole number, got \"first\"",
        "3: front matter: 'draft' must be true or false, got 1",
        "4: front matter: 'date' must be a date like 2013-05-05, got \"5 mai\"",
        "5: front matter: 'code' must be a two-letter code in quotes like \"DE\", got \"no\""
        " | write the two-letter code in capitals and quotes, e.g. \"DE\"",
        "6: front matter: document: 'symbol' is missing | add a line 'symbol: ...'",
        "7: front matter: document: 'count' must be a whole number above 0, got 0",
        "9: front matter: 2013-05-05: 'signed' must be a date like 2013-05-05 or unknown, got \"2013-05-05\""
        " | remove the quotes around the date",
        "10: front matter: 2013-05-05: 'article10' must be true, false or null (not known), got \"yes please\""
        " | leave the key out while it is not known",
        "8: front matter: 'states' must list only 'key: value' groups, each starting with '- ', got \"plain\"",
    ]
    assert not values.ok and "weight" not in values and "draft" not in values


def test_yaml_reads_only_true_and_false_as_true_or_false() -> None:
    """YAML 1.2, as the editor in the browser writes it: NO is Norway's code, yes is a word."""
    assert _read("title: A\ncode: NO\ndraft: True\n")[0]["code"] == "NO"
    assert _read("title: A\ndraft: yes\n")[1] == [
        "2: front matter: 'draft' must be true or false, got \"yes\" | write true or false: yes, no, on and off are "
        "words here"]


def test_missing_empty_and_valueless_keys() -> None:
    assert _read("weight: 2\n")[1] == ["1: front matter: 'title' is missing | add a line 'title: ...'"]
    assert _read("title: A\nweight: true\n")[1] == ["2: front matter: 'weight' must be a whole number, got true"]
    assert _read("title: ' '\n")[1] == ["1: front matter: 'title' is empty"]
    assert _read("title:\n")[1] == ["1: front matter: 'title' has no value | write its value after 'title:', "
                                    "or remove the line"]


def test_values_are_shown_as_written() -> None:
    assert [shown(value) for value in ("x", 3, True, None, datetime.date(2013, 5, 5), [1], {"a": 1})] == [
        '"x"', "3", "true", "nothing", "2013-05-05", "a list", "a set of 'key: value' lines"]


def test_a_text_per_language_requires_every_language_or_those_named() -> None:
    def problems(text: str, **required: tuple[str, ...]) -> list[str]:
        errors: list[SiteError] = []
        read_mapping(parse_yaml(text, "x.yaml"), text_per_language(("en", "fr"), **required), "x.yaml", errors,
                     "title")
        return [f"{error.line}: {error.message}" for error in errors]

    assert problems("en: A\n") == ["1: title: 'fr' is missing"]
    assert problems("en: A\n", required=("en",)) == []
    assert problems("fr: A\n", required=("en",)) == ["1: title: 'en' is missing"]
    assert problems("en: A\nfr: ' '\nes: B\n", required=("en",)) == ["3: title: unknown key 'es'",
                                                                     "2: title: 'fr' is empty"]
