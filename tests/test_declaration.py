"""ratify.declaration and ratify.reader: the real declaration in three languages, each malformed fixture, comparisons,
the declaration as a page and its passages paired across languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ratify.content import parse_source
from ratify.declaration import Declaration, compare_structure
from ratify.errors import SiteError, SiteErrors
from ratify.markup import Converter
from ratify.model import DeclarationText
from ratify.reader import compare_texts, present_declaration

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "declaration"
LANGUAGES = ("en", "fr", "es")

SMALL = """---
title: "Draft declaration"
description: "A small declaration for tests."
translation_key: declaration
template: declaration.html
document:
  symbol: A/HRC/35/35
  official_url: https://docs.un.org/en/A/HRC/35/35
---

# A small declaration

## Preamble

The General Assembly,

*Recalling* something,

*Declares*:

## Article 1

1. First paragraph.

2. Second paragraph:

(a) First subparagraph;

(b) Second subparagraph.

## Article 2

Chapeau:

(a) One;

(b) Two.
"""


def _read(language: str) -> tuple[str, str]:
    path = f"content/{language}/declaration.md"
    return (ROOT / path).read_text(encoding="utf-8"), path


def _declaration(text: str, path: str, language: str) -> Declaration:
    """The declaration read from a whole file, front matter and body, as the site reads it."""
    try:
        source = parse_source(text, path, language, "declaration.md")
    except SiteError as error:
        raise SiteErrors([error]) from None
    assert source.declaration is not None
    return source.declaration


def _parse(language: str) -> Declaration:
    text, path = _read(language)
    return _declaration(text, path, language)


def _line_of(text: str, start: str, after: str = "") -> int:
    """1-based line of the first line starting with `start` that comes after the first line starting with `after`."""
    lines = text.split("\n")
    begin = next(index for index, line in enumerate(lines) if line.startswith(after)) if after else 0
    return next(index for index in range(begin, len(lines)) if lines[index].startswith(start)) + 1


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


# --- the real declaration ---------------------------------------------------------------------------------------


@pytest.mark.bundled
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_the_whole_declaration(language: str) -> None:
    declaration = _parse(language)
    assert [article.number for article in declaration.articles] == list(range(1, 13))
    assert len(declaration.preamble) == 13
    assert sum(len(article.paragraphs) for article in declaration.articles) == 25
    assert sum(len(article.subparagraphs) + sum(len(p.subparagraphs) for p in article.paragraphs)
               for article in declaration.articles) == 42
    assert declaration.operative_verb is not None
    assert declaration.notes is not None and "A/HRC/35/35" in declaration.notes


@pytest.mark.bundled
@pytest.mark.parametrize("language", LANGUAGES)
def test_article_7_has_subparagraphs_a_to_i(language: str) -> None:
    article = _parse(language).articles[6]
    assert article.number == 7
    assert article.paragraphs == ()
    assert article.chapeau is not None
    assert [sub.letter for sub in article.subparagraphs] == list("abcdefghi")


@pytest.mark.bundled
def test_anchors_are_identical_in_every_language() -> None:
    english, french, spanish = (_present(_read(language)[0], language).anchors for language in LANGUAGES)
    assert english == french == spanish
    assert len(english) == len(set(english))
    for anchor in ("preamble-4", "art-7", "art-9-3", "art-7-b", "art-4-2-a"):
        assert anchor in english
    assert english.index("art-4") < english.index("art-4-2") < english.index("art-4-2-a") < english.index("art-5")


@pytest.mark.bundled
def test_preamble_has_as_many_paragraphs_in_every_language() -> None:
    counts = {language: len(_parse(language).preamble) for language in LANGUAGES}
    assert counts == {"en": 13, "fr": 13, "es": 13}


@pytest.mark.bundled
@pytest.mark.parametrize("language", ["fr", "es"])
def test_translations_have_the_structure_of_the_english(language: str) -> None:
    assert compare_structure(_parse("en"), _parse(language)) is None


@pytest.mark.bundled
@pytest.mark.parametrize("language", LANGUAGES)
def test_front_matter_names_the_official_document_in_the_page_language(language: str) -> None:
    declaration = _parse(language)
    assert declaration.document.symbol == "A/HRC/35/35"
    assert declaration.document.official_url == f"https://docs.un.org/{language}/A/HRC/35/35"
    assert declaration.document.unofficial_translation is (language != "en")
    source = parse_source(*_read(language), language, "declaration.md")
    assert (source.translation_key, source.template) == ("declaration", "declaration.html")


@pytest.mark.bundled
def test_english_keeps_the_texts_of_the_original() -> None:
    english = _parse("en")
    assert english.title == ("Proposed draft declaration on the right of peoples and individuals to "
                             "international solidarity")
    assert english.chapeau == "The General Assembly,"
    assert english.preamble[0].text.startswith("*Recalling* the Charter of the United Nations")
    assert english.articles[1].chapeau == "International solidarity shall be founded on the following principles:"
    assert english.articles[8].paragraphs[2].text.endswith("and the privacy of the individual.")


@pytest.mark.bundled
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_footnote_marker_or_page_number_is_left(language: str) -> None:
    text, _ = _read(language)
    body = text.split("\n---\n", 1)[1]
    prose = re.sub(r"\(https?://[^)]*\)", "", body)
    assert not re.findall(r"[^\W\d][0-9]+\b", prose)  # "recognized2", "States5"
    assert not re.findall(r"[,.;:][ ]?[0-9]{1,2}\s*$", prose, flags=re.M)  # "peoples, 1", "action,10"
    assert not re.findall(r"[,.;:][0-9]+\s", prose)  # "way,14 such as"
    assert not re.findall(r"^[0-9]+\s*$", prose, flags=re.M)  # a page number on its own line
    assert "solidarity*" not in prose and "solidarité internationale*" not in prose


@pytest.mark.bundled
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_element_points_at_its_own_line(language: str) -> None:
    text, _ = _read(language)
    lines = text.split("\n")
    declaration = _parse(language)
    for paragraph in declaration.preamble:
        assert lines[paragraph.line - 1] == paragraph.text
    for article in declaration.articles:
        assert lines[article.line - 1] == f"## {article.heading}"
        for sub in article.subparagraphs:
            assert lines[sub.line - 1] == f"({sub.letter}) {sub.text}"
        for paragraph in article.paragraphs:
            assert lines[paragraph.line - 1] == f"{paragraph.number}. {paragraph.text}"
            for sub in paragraph.subparagraphs:
                assert lines[sub.line - 1] == f"({sub.letter}) {sub.text}"


# --- the convention on small texts ------------------------------------------------------------------------------


def test_small_declaration_gives_every_part_and_anchor() -> None:
    declaration = _declaration(SMALL, "x.md", "en")
    assert declaration.path == "x.md" and declaration.language == "en"
    assert not hasattr(declaration, "page_title"), "the page's keys are its SourcePage's only"
    assert declaration.title == "A small declaration"
    assert declaration.notes is None and declaration.notes_heading is None
    assert declaration.preamble_heading == "Preamble" and declaration.preamble_line == 13
    assert declaration.operative_verb == "*Declares*:"
    assert _present(SMALL).anchors == ("preamble", "preamble-1", "art-1", "art-1-1", "art-1-2", "art-1-2-a",
                                       "art-1-2-b", "art-2", "art-2-a", "art-2-b")
    second = declaration.articles[0].paragraphs[1]
    assert (second.number, second.text, second.line) == (2, "Second paragraph:", 25)
    assert [(s.letter, s.line, s.anchor) for s in second.subparagraphs] == [("a", 27, "art-1-2-a"),
                                                                             ("b", 29, "art-1-2-b")]


def test_notes_wrapped_lines_and_closing_texts() -> None:
    text = _replace_once(SMALL, "## Preamble", "## Background\n\nSome *notes*,\nover two lines.\n\n## Preamble")
    text = _replace_once(text, "(b) Second subparagraph.", "(b) Second\nsubparagraph,\n\nwhich closes paragraph 2.")
    text = _replace_once(text, "(b) Two.", "(b) Two,\n\nand the article's closing words.")
    declaration = _declaration(text, "x.md", "en")
    assert declaration.notes_heading == "Background"
    assert declaration.notes == "Some *notes*,\nover two lines."
    paragraph = declaration.articles[0].paragraphs[1]
    assert paragraph.subparagraphs[1].text == "Second subparagraph,"
    assert paragraph.closing == "which closes paragraph 2."
    assert declaration.articles[1].closing == "and the article's closing words."


def test_a_numbered_paragraph_may_start_on_the_line_after_its_number() -> None:
    text = _replace_once(SMALL, "1. First paragraph.", "1.\nFirst paragraph.")
    assert _declaration(text, "x.md", "en").articles[0].paragraphs[0].text == "First paragraph."


# --- malformed files: one folder each ---------------------------------------------------------------------------

CASES = {
    "no-front-matter": ["1: the page has no front matter"],
    "unclosed-front-matter": ["1: the front matter is never closed"],
    "unknown-front-matter-key": ["2: front matter: unknown key 'titel'"],  # not also "'title' is missing"
    "yaml-syntax-error": ["3: the value of 'description' holds ': ', which YAML reads as the start of another key"],
    "text-before-title": ["11: text before the title"],
    "second-title": ["31: a second title: '# Article 2'"],
    "unknown-heading-level": ["31: '###' headings are not part of the declaration's convention"],
    "article-without-number": ["31: the heading 'Article' has no article number"],
    "articles-out-of-order": ["31: article 3 comes after article 1; expected article 2"],
    "article-repeated": ["31: article 1 is given twice (first on line 21)"],
    "paragraphs-out-of-order": ["25: paragraph 3 of article 1 comes after paragraph 1; expected paragraph 2"],
    "paragraph-repeated": ["25: paragraph 1 of article 1 is given twice (first on line 23)"],
    "subparagraphs-out-of-order": ["37: subparagraph (c) of article 2 comes after (a); expected (b)"],
    "subparagraph-repeated": ["29: subparagraph (a) of paragraph 2 of article 1 is given twice (first on line 27)"],
    "subparagraph-in-preamble": ["17: subparagraph (a) in the preamble"],
    "no-articles": ["19: the declaration has no articles"],
    "unplaced-text": ["25: text without a number after paragraph 1 of article 1"],
    "several-errors": [
        "3: front matter: unknown key 'descripton'",
        "4: front matter: 'translation_key' must be a text, got 7",
        "25: paragraph 3 of article 1 comes after paragraph 1; expected paragraph 2",
        "39: subparagraph (b) of article 2 is given twice (first on line 37)",
    ],
}


def _raised(case: str) -> SiteErrors:
    path = f"tests/fixtures/declaration/{case}/declaration.md"
    with pytest.raises(SiteErrors) as raised:
        _declaration((FIXTURES / case / "declaration.md").read_text(encoding="utf-8"), path, "en")
    return raised.value


def test_every_fixture_folder_has_a_case() -> None:
    assert sorted(folder.name for folder in FIXTURES.iterdir() if folder.is_dir()) == sorted(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_file_is_reported_at_its_line(case: str) -> None:
    path = f"tests/fixtures/declaration/{case}/declaration.md"
    found = [f"{error.path}:{error.line}: {error.message}" for error in _raised(case).errors]
    assert found == [f"{path}:{expected}" for expected in CASES[case]]


def test_reports_say_what_to_do() -> None:
    path = "tests/fixtures/declaration/no-front-matter/declaration.md"
    assert str(_raised("no-front-matter")).startswith(f"{path}:1: the page has no front matter\n"
                                                      "    start the file with a line '---'")
    typo = next(e for e in _raised("unknown-front-matter-key").errors if "titel" in e.message)
    assert typo.hint == "did you mean 'title'?"


def test_missing_article_number_does_not_make_the_next_article_out_of_order() -> None:
    text = _replace_once(SMALL, "## Article 1", "## Article") + "\n## Article 3\n\nText.\n"
    with pytest.raises(SiteErrors) as raised:
        _declaration(text, "x.md", "en")
    assert [f"{e.line}: {e.message}" for e in raised.value.errors] == [
        "21: the heading 'Article' has no article number",
    ]


# --- comparing a translation with its source --------------------------------------------------------------------


@pytest.mark.bundled
def test_missing_subparagraph_in_a_translation_is_located_in_the_translation() -> None:
    text, path = _read("fr")
    line_i = _line_of(text, "(i) ", after="## Article 7")
    lines = text.split("\n")
    shortened = "\n".join(lines[: line_i - 1] + lines[line_i + 1:])  # drop "(i) …" and the blank line after it
    translation = _declaration(shortened, path, "fr")
    error = compare_structure(_parse("en"), translation)
    assert error is not None
    assert f"{error.path}:{error.line}: {error.message}" == (
        f"content/fr/declaration.md:{_line_of(shortened, '(h) ', after='## Article 7')}: article 7 has "
        "subparagraphs (a)-(i) in content/en/declaration.md but (a)-(h) here")


def test_different_preamble_count_is_reported_at_the_first_extra_paragraph() -> None:
    text = _replace_once(SMALL, "*Recalling* something,", "*Recalling* something,\n\n*Noting* more,")
    error = compare_structure(_declaration(SMALL, "en.md", "en"), _declaration(text, "es.md", "es"))
    assert error is not None
    assert (error.path, error.line, error.message) == (
        "es.md", 19, "the preamble has paragraph 1 in en.md but 1-2 here")


def test_missing_article_and_paragraph_are_reported() -> None:
    source = _declaration(SMALL, "en.md", "en")
    no_article_2 = _declaration(SMALL.split("## Article 2")[0], "fr.md", "fr")
    error = compare_structure(source, no_article_2)
    assert error is not None
    assert (error.line, error.message) == (29, "the declaration has articles 1-2 in en.md but 1 here")
    extra_paragraph = _replace_once(SMALL, "(b) Second subparagraph.", "(b) Second subparagraph.\n\n3. Third.")
    error = compare_structure(source, _declaration(extra_paragraph, "fr.md", "fr"))
    assert error is not None
    assert (error.line, error.message) == (31, "article 1 has paragraphs 1-2 in en.md but 1-3 here")


def test_identical_structure_gives_no_difference() -> None:
    translated = SMALL.replace("The General Assembly,", "L’Assemblée générale,").replace("## Article", "## Artículo")
    assert compare_structure(_declaration(SMALL, "en.md", "en"),
                             _declaration(translated, "es.md", "es")) is None


# --- the declaration as a page: front matter, HTML of every passage, pairs of languages --------------------------


def _present(text: str, language: str = "en", quotes: tuple[str, str] = ("“", "”")) -> DeclarationText:
    declaration = _declaration(text, f"content/{language}/declaration.md", language)
    return present_declaration(declaration, Converter(quotes, "/", "Back"), lambda target: None, ())


def test_a_declaration_file_is_a_page_with_its_declaration() -> None:
    text = _replace_once(SMALL, "template: declaration.html\n",
                         "template: declaration.html\nslug: declaracion\nweight: 30\nmenu_title: Declaración\n")
    source = parse_source(text, "content/es/declaration.md", "es", "declaration.md")
    assert (source.title, source.translation_key, source.template, source.weight, source.menu_title) == (
        "Draft declaration", "declaration", "declaration.html", 30, "Declaración")
    assert source.url_path == "es/declaracion/"
    assert source.declaration is not None and source.declaration.articles[1].number == 2


def test_a_declaration_slug_is_checked_like_any_page_slug() -> None:
    text = _replace_once(SMALL, "template: declaration.html\n", "template: declaration.html\nslug: Déclaration\n")
    with pytest.raises(SiteErrors) as raised:
        parse_source(text, "content/fr/declaration.md", "fr", "declaration.md")
    assert [f"{e.line}: {e.message}" for e in raised.value.errors] == [
        "6: front matter: 'slug' must be lower-case letters or digits of any script, '-' and '_', without spaces "
        "or '/', got \"Déclaration\""]


def test_document_in_a_page_of_another_template_says_what_is_missing() -> None:
    text = SMALL.replace("template: declaration.html\n", "")
    with pytest.raises(SiteErrors) as raised:
        parse_source(text, "content/en/declaration.md", "en", "declaration.md")
    error = raised.value.errors[0]
    assert (error.line, error.message, error.hint) == (
        5, "front matter: unknown key 'document'", "only a declaration has 'document:'; give it "
                                                    "'template: declaration.html'")


def test_every_passage_has_its_key_kind_label_and_inline_html() -> None:
    text = _present(_replace_once(SMALL, "*Recalling* something,", '*Recalling* "something",'), "fr",
                    ("«\u202f", "\u202f»"))
    assert text.title.html == "A small declaration"
    rows = [(p.key, p.anchor, p.kind, p.label) for p in text.passages]
    assert rows == [
        ("title", None, "title", ""),
        ("preamble", "preamble", "heading", ""),
        ("preamble-chapeau", None, "chapeau", ""),
        ("preamble-1", "preamble-1", "preamble", ""),
        ("preamble-operative", None, "operative", ""),
        ("art-1", "art-1", "heading", ""),
        ("art-1-1", "art-1-1", "paragraph", "1."),
        ("art-1-2", "art-1-2", "paragraph", "2."),
        ("art-1-2-a", "art-1-2-a", "subparagraph", "(a)"),
        ("art-1-2-b", "art-1-2-b", "subparagraph", "(b)"),
        ("art-2", "art-2", "heading", ""),
        ("art-2-chapeau", None, "chapeau", ""),
        ("art-2-a", "art-2-a", "subparagraph", "(a)"),
        ("art-2-b", "art-2-b", "subparagraph", "(b)"),
    ]
    preamble = text.sections[0].passages[1]
    assert preamble.html == "<em>Recalling</em> «\u202fsomething\u202f»,"
    assert text.anchors == ("preamble", "preamble-1", "art-1", "art-1-1", "art-1-2", "art-1-2-a", "art-1-2-b",
                            "art-2", "art-2-a", "art-2-b")
    sub = text.sections[1].passages[2]
    assert (sub.article, sub.paragraph, sub.letter) == (1, 2, "a")


def test_a_text_that_markdown_would_not_keep_inline_is_an_error_at_its_line() -> None:
    with pytest.raises(SiteErrors) as raised:
        _present(_replace_once(SMALL, "(a) One;", "(a) - One;"))
    assert [f"{e.path}:{e.line}: {e.message}" for e in raised.value.errors] == [
        "content/en/declaration.md:35: this text does not stay one paragraph in Markdown"]


def test_two_texts_are_paired_passage_by_passage() -> None:
    comparison = compare_texts(_present(SMALL), _present(SMALL.replace("Article", "Artículo"), "es"),
                               "en/declaration/", "Draft declaration")
    assert comparison.is_aligned and comparison.reader_title == "Draft declaration"
    assert [row.key for row in comparison.rows] == [passage.key for passage in comparison.left.passages]
    heading = next(row for row in comparison.rows if row.key == "art-2")
    assert (heading.left.html, heading.right.html) == ("Article 2", "Artículo 2")


def test_a_passage_one_text_lacks_leaves_a_gap_in_its_place() -> None:
    shorter = _replace_once(SMALL, "(a) First subparagraph;\n\n(b) Second subparagraph.", "(a) First subparagraph.")
    longer = _replace_once(SMALL, "(b) Two.", "(b) Two;\n\n(c) Three.")
    comparison = compare_texts(_present(shorter), _present(longer, "fr"), "en/declaration/", "Draft")
    assert not comparison.is_aligned
    gaps = [(row.key, row.left is None, row.right is None) for row in comparison.rows
            if row.left is None or row.right is None]
    assert gaps == [("art-1-2-b", True, False), ("art-2-c", True, False)]
    keys = [row.key for row in comparison.rows]
    assert keys.index("art-1-2-a") + 1 == keys.index("art-1-2-b") < keys.index("art-2")
    assert keys[-1] == "art-2-c"


def test_the_document_is_checked_with_the_front_matter_and_the_body_too() -> None:
    text = _replace_once(SMALL, "  symbol: A/HRC/35/35\n  official_url: https://", "  official_url: http://")
    text = _replace_once(text, "## Article 1", "## Article")
    with pytest.raises(SiteErrors) as raised:
        _declaration(text, "x.md", "en")
    assert [f"{e.line}: {e.message}" for e in raised.value.errors] == [
        "6: front matter: document: 'symbol' is missing",
        "7: front matter: document: 'official_url' must be a full address, got \"http://docs.un.org/en/A/HRC/35/35\"",
        "20: the heading 'Article' has no article number",
    ]


# --- a treaty's text: article titles, items (i), (ii) and the text that closes them ------------------------------

TREATY = _replace_once(_replace_once(SMALL, "## Article 1\n", "## Article 1\n\n### Competence of the Committee\n"),
                       "(b) Two.\n", "(b) Two, as follows:\n\n(i) First item;\n\n(ii) Second item.\n\n"
                                     "In every matter, a closing text.\n")


def test_a_treaty_has_article_titles_items_and_their_closing_text() -> None:
    declaration = _declaration(TREATY, "content/en/protocol/text.md", "en")
    first, second = declaration.articles
    assert (first.title, second.title) == ("Competence of the Committee", None)
    sub = second.subparagraphs[1]
    assert [(item.letter, item.text, item.anchor) for item in sub.items] == [
        ("i", "First item;", "art-2-b-i"), ("ii", "Second item.", "art-2-b-ii")]
    assert sub.closing == "In every matter, a closing text."
    assert second.closing is None


def test_an_i_after_a_subparagraph_that_does_not_end_with_a_colon_is_the_letter_i() -> None:
    letters = "\n\n".join(f"({chr(code)}) Letter {chr(code)};" for code in range(ord("a"), ord("j")))
    text = _replace_once(SMALL, "(a) One;\n\n(b) Two.\n", letters + "\n")
    subparagraphs = _declaration(text, "x.md", "en").articles[1].subparagraphs
    assert [sub.letter for sub in subparagraphs] == list("abcdefghi")
    assert all(not sub.items for sub in subparagraphs)


@pytest.mark.parametrize("old, new, message", [
    ("(b) Two.\n", "(b) Two.\n\n(ii) An item;\n", "item (ii) of article 2 does not follow a subparagraph ending with ':'"),
    ("(b) Two.\n", "(b) Two:\n\n(i) One;\n\n(iii) Three.\n",
     "item (iii) of subparagraph (b) of article 2 comes after (i); expected (ii)"),
    ("## Article 2\n\nChapeau:", "## Article 2\n\nChapeau:\n\n### A late title", "'###' headings are not part of"),
])
def test_items_and_titles_out_of_place_are_errors(old: str, new: str, message: str) -> None:
    with pytest.raises(SiteErrors) as caught:
        _declaration(_replace_once(SMALL, old, new), "x.md", "en")
    assert any(error.message.startswith(message) for error in caught.value.errors), caught.value.errors


def test_a_translation_must_have_the_same_titles_and_items() -> None:
    source = _declaration(TREATY, "content/en/protocol/text.md", "en")
    no_title = _declaration(_replace_once(TREATY, "### Competence of the Committee\n", ""), "fr.md", "fr")
    assert compare_structure(source, no_title).message == (
        "article 1 has a title ('### ' under its heading) in content/en/protocol/text.md but not here")
    one_item = _declaration(_replace_once(TREATY, "(ii) Second item.\n\n", ""), "fr.md", "fr")
    assert compare_structure(source, one_item).message == (
        "subparagraph (b) of article 2 has items (i)-(ii) in content/en/protocol/text.md but (i) here")
    unclosed = _declaration(_replace_once(TREATY, "\nIn every matter, a closing text.\n", ""), "fr.md", "fr")
    assert compare_structure(source, unclosed).message == (
        "subparagraph (b) of article 2 has a closing text after its items in content/en/protocol/text.md but not here")
