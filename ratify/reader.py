"""A legal text (a Declaration: a declaration or a treaty) + its page's Markdown converter -> the text the reader shows;
two texts -> the side-by-side view."""

from __future__ import annotations

from types import MappingProxyType
from typing import Callable, Mapping

from ratify.declaration import compare_structure
from ratify.urls import compare_path
from ratify.errors import SiteError, SiteErrors, problems_of, raise_all
from ratify.markup import Converter, LinkResolver
from ratify.model import (Article, ComparedRow, Comparison, Config, DeclarationSection, DeclarationText, Declaration,
                          GeneratedPage, Page, Passage, Reference, SourcePage, Subparagraph)

DECLARATION_TEMPLATE = "declaration.html"  # the template that makes a Markdown file a declaration
COMPARE_TEMPLATE = "compare.html"

# Converts one text of the declaration, written at a line of its file, as inline Markdown.
_Inline = Callable[[str, int], str]


def present_declaration(declaration: Declaration, converter: Converter, resolve: LinkResolver,
                        compare_paths: tuple[tuple[str, str], ...]) -> DeclarationText:
    """Convert the Markdown of every part for a page; SiteErrors for each text that is not one inline paragraph."""
    errors: list[SiteError] = []
    references: list[Reference] = []  # every part's links into the site, checked once all pages are converted

    def inline(text: str, line: int) -> str:
        try:
            converted = converter.convert_inline(text, declaration.path, line, resolve)
        except (SiteError, SiteErrors) as failure:
            errors.extend(problems_of(failure))
            return ""
        references.extend(converted.references)
        return converted.html

    title = Passage("title", None, "title", "", None, None, None, inline(declaration.title, declaration.title_line))
    notes_html = None
    if declaration.notes is not None and declaration.notes_line is not None:
        try:
            notes = converter.convert(declaration.notes, declaration.path, declaration.notes_line, resolve)
            notes_html = notes.html
            references.extend(notes.references)
        except (SiteError, SiteErrors) as failure:
            errors.extend(problems_of(failure))
    sections = [_preamble(declaration, inline)]
    sections += [_article(article, inline) for article in declaration.articles]
    raise_all(errors)
    return DeclarationText(declaration=declaration, title=title, notes_html=notes_html, sections=tuple(sections),
                           compare_paths=compare_paths, references=tuple(references))


def _preamble(declaration: Declaration, inline: _Inline) -> DeclarationSection:
    line = declaration.preamble_line
    passages = [Passage("preamble-chapeau", None, "chapeau", "", None, None, None, inline(declaration.chapeau, line))]
    passages += [Passage(paragraph.anchor, paragraph.anchor, "preamble", "", None, paragraph.number, None,
                         inline(paragraph.text, paragraph.line)) for paragraph in declaration.preamble]
    if declaration.operative_verb is not None:
        last = declaration.preamble[-1].line if declaration.preamble else line
        passages.append(Passage("preamble-operative", None, "operative", "", None, None, None,
                                inline(declaration.operative_verb, last)))
    heading = Passage("preamble", "preamble", "heading", "", None, None, None,
                      inline(declaration.preamble_heading, line))
    return DeclarationSection("preamble", heading, tuple(passages))


def _article(article: Article, inline: _Inline) -> DeclarationSection:
    """An article's passages in document order: its title, chapeau, paragraphs with their subparagraphs and items,
    closing texts."""
    number, line = article.number, article.line
    passages: list[Passage] = []
    if article.title is not None:
        passages.append(Passage(f"{article.anchor}-title", None, "article-title", "", number, None, None,
                                inline(article.title, line)))
    if article.chapeau is not None:
        passages.append(Passage(f"{article.anchor}-chapeau", None, "chapeau", "", number, None, None,
                                inline(article.chapeau, line)))
    for sub in article.subparagraphs:
        passages += _subparagraph(sub, number, None, inline)
    if article.closing is not None:
        passages.append(Passage(f"{article.anchor}-closing", None, "closing", "", number, None, None,
                                inline(article.closing, line)))
    for paragraph in article.paragraphs:
        passages.append(Passage(paragraph.anchor, paragraph.anchor, "paragraph", f"{paragraph.number}.", number,
                                paragraph.number, None, inline(paragraph.text, paragraph.line)))
        for sub in paragraph.subparagraphs:
            passages += _subparagraph(sub, number, paragraph.number, inline)
        if paragraph.closing is not None:
            passages.append(Passage(f"{paragraph.anchor}-closing", None, "closing", "", number, paragraph.number,
                                    None, inline(paragraph.closing, paragraph.line)))
    heading = Passage(article.anchor, article.anchor, "heading", "", number, None, None, inline(article.heading, line))
    return DeclarationSection(article.anchor, heading, tuple(passages))


def _subparagraph(sub: Subparagraph, article: int, paragraph: int | None, inline: _Inline) -> list[Passage]:
    """A subparagraph, its items and the text that closes them."""
    passages = [Passage(sub.anchor, sub.anchor, "subparagraph", f"({sub.letter})", article, paragraph, sub.letter,
                        inline(sub.text, sub.line))]
    passages += [Passage(item.anchor, item.anchor, "item", f"({item.letter})", article, paragraph, sub.letter,
                         inline(item.text, item.line), item.letter) for item in sub.items]
    if sub.closing is not None:
        last = sub.items[-1].line if sub.items else sub.line
        passages.append(Passage(f"{sub.anchor}-closing", None, "closing", "", article, paragraph, sub.letter,
                                inline(sub.closing, last)))
    return passages


def compare_texts(left: DeclarationText, right: DeclarationText, reader_path: str, reader_title: str) -> Comparison:
    """Pair the passages of two languages by their key; a passage one text lacks gets a gap in the other."""
    right_by_key = {passage.key: passage for passage in right.passages}
    left_by_key = {passage.key: passage for passage in left.passages}
    rows = [ComparedRow(key, (left_by_key.get(key) or right_by_key[key]).anchor,
                        (left_by_key.get(key) or right_by_key[key]).kind, left_by_key.get(key), right_by_key.get(key))
            for key in _merged_order([p.key for p in left.passages], [p.key for p in right.passages])]
    return Comparison(left=left, right=right, rows=tuple(rows), reader_path=reader_path, reader_title=reader_title)


def _merged_order(first: list[str], second: list[str]) -> list[str]:
    """Every key of both lists once, in `first`'s order; a key only `second` has comes after its predecessor there."""
    merged = list(first)
    for index, key in enumerate(second):
        if key not in merged:
            merged.insert(merged.index(second[index - 1]) + 1 if index else 0, key)
    return merged


def languages_with_own_text(config: Config, versions: Mapping[str, SourcePage]) -> tuple[str, ...]:
    """The languages, in site.yaml's order, that have their own text of a declaration: they are compared pairwise."""
    return tuple(code for code in config.language_codes
                 if versions[code].language == code and versions[code].declaration is not None)


def compare_paths_of(reader_path: str, code: str, languages: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(language, path) of the side-by-side pages of the reader page in `code`; none when it has no text of its own."""
    if code not in languages:
        return ()
    return tuple((other, compare_path(reader_path, other)) for other in languages if other != code)


def compare_pages(translations: Mapping[str, Mapping[str, Page]],
                  config: Config) -> dict[str, dict[str, GeneratedPage]]:
    """A side-by-side page for every ordered pair of languages that have a declaration text of their own.

    The page of (fr, es) and that of (es, fr) show the same two texts with the interface in either language: they are
    one page in two languages for hreflang. The language switcher of (fr, es) leads to (en, es) in English.
    """
    generated: dict[str, dict[str, GeneratedPage]] = {}
    for key, versions in translations.items():
        texts = {code: page.reader_text for code, page in versions.items()
                 if page.reader_text is not None and not page.is_fallback}
        languages = tuple(code for code in config.language_codes if code in texts)
        for left in languages:
            for right in languages:
                if left == right:
                    continue
                pair = "-".join(code for code in languages if code in (left, right))
                reader = versions[left].url_path
                switcher = MappingProxyType({
                    code: (compare_path(versions[code].url_path, right if code != right else left)
                           if code in texts else versions[code].url_path)
                    for code in config.language_codes})
                generated.setdefault(f"{key}/compare/{pair}", {})[left] = GeneratedPage(
                    language=left, key=f"{key}/compare/{pair}", url_path=compare_path(reader, right),
                    template=COMPARE_TEMPLATE, subject=compare_texts(texts[left], texts[right], reader,
                                                                             versions[left].source.title),
                    switcher=switcher)
    return dict(sorted(generated.items()))


def structure_differences(sources: Mapping[str, Mapping[str, SourcePage]], config: Config) -> list[SiteError]:
    """For each declaration, the first difference of each translation's structure from the default language's."""
    differences = []
    for versions in sources.values():
        original = versions[config.default_language]
        if original.declaration is None:
            continue
        for code in config.language_codes:
            translation = versions[code]
            if translation.language != code or translation is original or translation.declaration is None:
                continue
            difference = compare_structure(original.declaration, translation.declaration)
            if difference is not None:
                differences.append(difference)
    return differences
