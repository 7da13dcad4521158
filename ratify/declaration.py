"""One language's legal text in Markdown (a declaration, or a treaty) -> a Declaration (preamble, articles, paragraphs,
anchors), or SiteErrors.

ratify.content splits the file and checks its front matter (a page's, with `document:`, DOCUMENT_SCHEMA here);
this module reads the body.

The convention, for the people who edit and translate content/<lang>/declaration.md
(docs/declaration-convention.md says the same with an example):

    ---                                  front matter: title, description, translation_key,
    title: ...                           template and document (symbol, official_url and,
    ---                                  in a translation, unofficial_translation: true);
                                         optional, as for any page: slug, weight, menu_title
    # Full title of the declaration      the one and only '#' heading
    ## Notes                             optional, any wording: free Markdown about the text
    ## Preamble                          any wording: the last '##' heading before the articles
    The General Assembly,                first paragraph: the chapeau
    *Recalling* the Charter ...,         then one paragraph per preamble paragraph
    *Declares*:                          a last paragraph ending in ':' opens the articles
    ## Article 1                         any word, ending with the article's number
    ### Title of the article             optional, right under the heading (a treaty's)
    1. Text of paragraph 1.              numbered paragraphs, each on its own line(s)
    (a) Text of a subparagraph;          belongs to the numbered paragraph above it, or to
                                         the article itself when the article has none
    (i) Text of an item;                 after a subparagraph ending with ':' only
    Closing text.                        text after items closes their subparagraph; after
                                         subparagraphs, their paragraph

Only article headings end with a number. An article without numbered paragraphs may open with one unnumbered
paragraph (its chapeau). A paragraph or subparagraph may be wrapped over several lines; a blank line, a new '1.'
or a new '(a)' at the start of a line ends it. Text stays inline Markdown. Every element gets an anchor that is the same in every language:
preamble-4, art-7, art-9-3, art-7-b, art-4-2-a, art-10-1-h-ii.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from ratify.errors import SiteError, raise_all
from ratify.schema import TEXT, TRUE_FALSE, Field, Schema, must_be
from ratify.model import Article, Declaration, Paragraph, PreambleParagraph, SourceDocument, Subparagraph

_HEADING = re.compile(r"^(?P<hashes>#{1,6})(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*$")
_ARTICLE_HEADING = re.compile(r"^(?P<word>.*?)[ \t]*(?P<number>\d+)$")
_NUMBERED = re.compile(r"^(?P<label>\d+)\.(?:[ \t]+|$)")
_LETTERED = re.compile(r"^\((?P<label>[a-z]|[ivx]+)\)(?:[ \t]+|$)")  # "(a)", or an item's "(ii)"
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv")
# Setext underlines and thematic breaks: Markdown would turn the line above into a heading or draw a rule.
_RULE = re.compile(r"^(?:-+|=+|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")

# The keys of a declaration's `document:`, which it has besides a page's front matter (ratify.content reads both).
DOCUMENT_SCHEMA: Schema = {
    "symbol": Field(TEXT, required=True),
    "official_url": Field(TEXT, required=True, check=lambda key, value: None if value.startswith("https://") else (
        must_be(key, "a full address", value), "write it starting with 'https://'")),
    "unofficial_translation": Field(TRUE_FALSE, default=False),
}


def parse_declaration(body: str, first_line: int, path: str, language: str,
                      document: SourceDocument) -> Declaration:
    """Read one language's declaration from the `body` of its file, which starts at line `first_line`, and its
    front matter's checked `document:`; raise SiteErrors listing every problem found in the body."""
    outline, errors = _outline([line.rstrip("\r") for line in body.split("\n")], first_line, path)
    raise_all(errors)
    return Declaration(path=path, language=language, document=document, **outline)


def compare_structure(source: Declaration, translation: Declaration) -> SiteError | None:
    """The first place where a translation's structure differs from its source's, located in the translation."""
    return next(_differences(source, translation), None)


# --- body: headings and sections --------------------------------------------------------------------------------


@dataclass
class _Section:
    """A '##' heading and the lines up to the next one, while the outline is being found."""

    heading: str
    line: int
    number: int | None  # the number ending the heading, None when it has none
    lines: list[tuple[int, str]] = field(default_factory=list)
    title: str | None = None  # a '###' line right under an article's heading: the article's title


def _outline(lines: list[str], first_line: int, path: str) -> tuple[dict[str, Any], list[SiteError]]:
    """The Declaration fields that come from the body, and every problem found in it."""
    title, sections, errors = _sections(lines, first_line, path)
    before, articles, unnumbered, heading_errors = _classify(sections, path)
    errors.extend(heading_errors)
    preamble = before[-1] if before else None
    notes = before[0] if len(before) == 2 else None
    for extra in before[1:-1]:
        errors.append(SiteError(
            f"the heading '{extra.heading}' comes between the notes and the preamble ('{before[-1].heading}')",
            path, extra.line, "only one '##' section, the notes, may come before the preamble"))
    last_line = max((number for number, text in enumerate(lines, start=first_line) if text.strip()),
                    default=first_line)
    if title is None:
        errors.append(SiteError("the declaration has no title", path, first_line,
                                "write its full title on the first line after the front matter, starting with '# '"))
    if not articles and not heading_errors:
        errors.append(SiteError("the declaration has no articles", path, last_line,
                                "after the preamble, start each article with a heading like '## Article 1'"))
    if preamble is None and articles:
        errors.append(SiteError(f"there is no preamble heading before '{articles[0].heading}'", path,
                                articles[0].line,
                                "start the preamble with a heading such as '## Preamble' in the page's language"))
    parsed_preamble: dict[str, Any] = {}
    if preamble is not None:
        parsed_preamble, preamble_errors = _parse_preamble(preamble, path)
        errors.extend(preamble_errors)
    parsed_articles = []
    for section in articles:
        article, article_errors = _parse_article(section, path)
        parsed_articles.append(article)
        errors.extend(article_errors)
    errors.extend(_article_order([s for s in sections if s.number is not None or any(s is u for u in unnumbered)],
                                 path))
    if errors:
        return {}, errors
    assert title is not None and preamble is not None  # both would be errors above
    return {
        "title": title[0],
        "title_line": title[1],
        "notes_heading": notes.heading if notes else None,
        "notes": _markdown(notes.lines) if notes else None,
        "notes_line": next((number for number, text in notes.lines if text.strip()), notes.line) if notes else None,
        "preamble_heading": preamble.heading,
        "preamble_line": preamble.line,
        **parsed_preamble,
        "articles": tuple(parsed_articles),
    }, []


def _sections(lines: list[str], first_line: int,
              path: str) -> tuple[tuple[str, int] | None, list[_Section], list[SiteError]]:
    """The title and its line, the '##' sections, with errors for text and headings the convention has no place for."""
    title: tuple[str, int] | None = None
    sections: list[_Section] = []
    errors: list[SiteError] = []
    stray_reported = False  # one message per run of misplaced text is enough
    for number, raw in enumerate(lines, start=first_line):
        text = raw.strip()
        heading = _HEADING.match(text)
        if heading:
            level, heading_text = len(heading["hashes"]), (heading["text"] or "").strip()
            stray_reported = False
            if not heading_text:
                errors.append(SiteError(f"the heading '{heading['hashes']}' has no text", path, number))
            elif level == 1 and title is None:
                if sections:
                    errors.append(SiteError(f"the title comes after the heading '{sections[0].heading}'", path,
                                            number, "the title is the first line after the front matter"))
                title = (heading_text, number)
            else:
                # A wrong level is reported, then read as the '##' it most likely meant, so one slip gives one message.
                if level == 1:
                    errors.append(SiteError(f"a second title: '# {heading_text}'", path, number,
                                            f"the page has one title (line {title[1] if title else number}); "
                                            "start the notes, the preamble and each article with '## '"))
                elif (level == 3 and sections and sections[-1].number is not None and sections[-1].title is None
                      and not any(text.strip() for _, text in sections[-1].lines)):
                    sections[-1].title = heading_text  # an article's title, as treaties have them
                    continue
                elif level > 2:
                    errors.append(SiteError(f"'{heading['hashes']}' headings are not part of the declaration's "
                                            "convention", path, number,
                                            "use '## ' for the notes, the preamble and each article, '### ' only for "
                                            "an article's title right under its heading, and plain paragraphs for "
                                            "everything else"))
                found = _ARTICLE_HEADING.match(heading_text)
                sections.append(_Section(heading_text, number, int(found["number"]) if found else None))
            continue
        if text and _RULE.match(text):
            errors.append(SiteError(f"a line of only '{text[0]}' is not part of the declaration's convention", path,
                                    number, "Markdown would draw a rule or turn the line above into a heading; "
                                    "remove it"))
            continue
        if sections:
            sections[-1].lines.append((number, raw))
        elif text and not stray_reported:
            stray_reported = True
            if title is None:
                errors.append(SiteError("text before the title", path, number,
                                        "the first line after the front matter is the title, starting with '# '"))
            else:
                errors.append(SiteError("text between the title and the first '##' heading", path, number,
                                        "put notes under a heading such as '## Notes', and the preamble under "
                                        "'## Preamble'"))
    return title, sections, errors


def _classify(sections: list[_Section],
              path: str) -> tuple[list[_Section], list[_Section], list[_Section], list[SiteError]]:
    """(sections before the first article, articles, article headings without a number, errors for the latter)."""
    article_words = {_first_word(s.heading) for s in sections if s.number is not None}
    first_article = next((index for index, s in enumerate(sections) if s.number is not None), len(sections))
    before: list[_Section] = []
    articles: list[_Section] = []
    unnumbered: list[_Section] = []
    errors: list[SiteError] = []
    for index, section in enumerate(sections):
        if section.number is not None:
            articles.append(section)
        elif index > first_article or _first_word(section.heading) in article_words:
            unnumbered.append(section)
            errors.append(SiteError(
                f"the heading '{section.heading}' has no article number", path, section.line,
                "after the preamble every '##' heading is an article and ends with its number, e.g. '## Article 7'"))
        else:
            before.append(section)
    return before, articles, unnumbered, errors


def _first_word(heading: str) -> str:
    return heading.split()[0].strip(".:").casefold() if heading.split() else ""


def _article_order(articles: list[_Section], path: str) -> Iterator[SiteError]:
    """Articles run 1, 2, 3, …: no gap, no repeat (an article heading without a number is already reported)."""
    yield from _sequence_problems(
        [(s.number, s.line) for s in articles],
        first=1, following=lambda n: n + 1,
        repeated=lambda n, first: f"article {n} is given twice (first on line {first})",
        wrong_first=lambda n: f"the first article is article {n}; expected article 1",
        out_of_order=lambda n, previous, expected: f"article {n} comes after article {previous}; "
                                                   f"expected article {expected}",
        path=path)


def _sequence_problems(labelled: list[tuple[Any, int]], first: Any, following: Callable[[Any], Any],
                       repeated: Callable[[Any, int], str], wrong_first: Callable[[Any], str],
                       out_of_order: Callable[[Any, Any, Any], str], path: str) -> Iterator[SiteError]:
    """Errors for labels that repeat or skip; after a mistake, counting goes on from the label as written.

    A label of None is one already reported as missing: what should follow it cannot be known, so the label after
    it is only checked for repeats.
    """
    seen: dict[Any, int] = {}
    previous = None
    unknown = False
    for label, line in labelled:
        if label is None:
            unknown = True
            continue
        expected = first if previous is None else following(previous)
        if label in seen:
            yield SiteError(repeated(label, seen[label]), path, line)
        elif label != expected and not unknown:
            message = wrong_first(label) if previous is None else out_of_order(label, previous, expected)
            yield SiteError(message, path, line)
        seen.setdefault(label, line)
        previous, unknown = label, False


# --- body: blocks, preamble and articles ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Block:
    """One paragraph of text: numbered ('1. '), lettered ('(a) ') or plain, with its wrapped lines joined."""

    kind: str  # "numbered", "lettered" or "plain"
    label: str | None  # "1" or "a"; None for plain text
    text: str
    line: int


def _blocks(lines: list[tuple[int, str]]) -> list[_Block]:
    """Split a section into paragraphs: at blank lines, and wherever a line starts with '1.' or '(a)'."""
    blocks: list[_Block] = []
    current: tuple[str, str | None, list[str], int] | None = None
    for number, raw in [*lines, (0, "")]:
        text = raw.strip()
        marker = _NUMBERED.match(text) or _LETTERED.match(text)
        if current is not None and (not text or marker):
            kind, label, parts, line = current
            blocks.append(_Block(kind, label, " ".join(part for part in parts if part), line))
            current = None
        if marker:
            kind = "numbered" if marker.re is _NUMBERED else "lettered"
            current = (kind, marker["label"], [text[marker.end():]], number)
        elif text and current is None:
            current = ("plain", None, [text], number)
        elif text and current is not None:
            current[2].append(text)
    return blocks


def _parse_preamble(section: _Section, path: str) -> tuple[dict[str, Any], list[SiteError]]:
    """The chapeau, the preamble paragraphs and the operative verb, from the preamble section."""
    blocks = _blocks(section.lines)
    errors: list[SiteError] = []
    for block in blocks:
        if block.kind == "numbered":
            errors.append(SiteError(f"a numbered paragraph ({block.label}.) in the preamble", path, block.line,
                                    "numbered paragraphs belong to articles; preamble paragraphs have no number"))
        elif block.kind == "lettered":
            errors.append(SiteError(f"subparagraph ({block.label}) in the preamble", path, block.line,
                                    "subparagraphs belong to an article or to one of its numbered paragraphs"))
    plain = [block for block in blocks if block.kind == "plain"]
    if not plain:
        errors.append(SiteError(f"the preamble ('{section.heading}') has no text", path, section.line,
                                "its first paragraph is 'The General Assembly,' in the page's language"))
        return {}, errors
    chapeau, rest = plain[0], plain[1:]
    operative = rest.pop() if rest and rest[-1].text.endswith(":") else None
    return {
        "chapeau": chapeau.text,
        "preamble": tuple(PreambleParagraph(number, block.text, block.line, f"preamble-{number}")
                          for number, block in enumerate(rest, start=1)),
        "operative_verb": operative.text if operative else None,
    }, errors


@dataclass
class _OpenSubparagraph:
    """A subparagraph while its items and closing text are still being read."""

    block: _Block
    items: list[_Block] = field(default_factory=list)
    closing: str | None = None

    def opens_items(self) -> bool:
        """Whether an '(i)' after it is its first item rather than the next letter: it ends with ':' (art. 10(1)(h)
        of the OP-ICESCR, "submit a report, as follows:"), or has items already."""
        return self.closing is None and (bool(self.items) or self.block.text.endswith(":"))


@dataclass
class _OpenParagraph:
    """A numbered paragraph while its subparagraphs and closing text are still being read."""

    number: int
    text: str
    line: int
    subparagraphs: list[_OpenSubparagraph] = field(default_factory=list)
    closing: str | None = None


def _parse_article(section: _Section, path: str) -> tuple[Article, list[SiteError]]:
    """One article: its chapeau, numbered paragraphs, subparagraphs, items and closing texts, placed by the
    convention."""
    number = section.number if section.number is not None else 0
    name = f"article {number}"
    errors: list[SiteError] = []
    chapeau: _Block | None = None
    paragraphs: list[_OpenParagraph] = []
    own_subparagraphs: list[_OpenSubparagraph] = []
    closing: str | None = None
    blocks = _blocks(section.lines)
    if not blocks:
        errors.append(SiteError(f"{name} has no text", path, section.line))
    for block in blocks:
        if block.kind != "plain" and not block.text:
            what = f"paragraph {block.label}" if block.kind == "numbered" else f"subparagraph ({block.label})"
            errors.append(SiteError(f"{what} of {name} has no text", path, block.line))
        open_list = paragraphs[-1].subparagraphs if paragraphs else own_subparagraphs
        holder = open_list[-1] if open_list and (paragraphs[-1].closing if paragraphs else closing) is None else None
        if block.kind == "lettered" and holder is not None and holder.opens_items() and block.label in _ROMAN:
            holder.items.append(block)
        elif block.kind == "lettered" and len(block.label or "") > 1:
            errors.append(SiteError(f"item ({block.label}) of {name} does not follow a subparagraph ending with ':'",
                                    path, block.line, "items (i), (ii), ... belong to the subparagraph above them, "
                                    "whose text ends with ':'"))
        elif block.kind == "numbered":
            if own_subparagraphs:
                errors.append(SiteError(f"paragraph {block.label} of {name} comes after subparagraphs of the "
                                        "article itself", path, block.line,
                                        "an article has either numbered paragraphs or subparagraphs of its own"))
            elif chapeau is not None and not paragraphs:
                errors.append(SiteError(f"{name} has numbered paragraphs, so this text needs a number too", path,
                                        chapeau.line, "start it with its number, e.g. '1. '"))
            paragraphs.append(_OpenParagraph(int(block.label or 0), block.text, block.line))
        elif block.kind == "lettered":
            if paragraphs and paragraphs[-1].closing is not None:
                errors.append(SiteError(f"subparagraph ({block.label}) comes after the closing text of paragraph "
                                        f"{paragraphs[-1].number} of {name}", path, block.line))
            elif paragraphs:
                paragraphs[-1].subparagraphs.append(_OpenSubparagraph(block))
            elif closing is not None:
                errors.append(SiteError(f"subparagraph ({block.label}) comes after the closing text of {name}",
                                        path, block.line))
            else:
                own_subparagraphs.append(_OpenSubparagraph(block))
        elif holder is not None and holder.items and holder.closing is None:
            holder.closing = block.text  # text after the items closes their subparagraph
        elif paragraphs:
            last = paragraphs[-1]
            if not last.subparagraphs:
                errors.append(SiteError(f"text without a number after paragraph {last.number} of {name}", path,
                                        block.line, f"start it with its number, e.g. '{last.number + 1}. ', or, if "
                                        f"it belongs to paragraph {last.number}, remove the blank line above it"))
            elif last.closing is not None:
                errors.append(SiteError(f"a second text after the subparagraphs of paragraph {last.number} of "
                                        f"{name}", path, block.line,
                                        "join it to the text above, or give it a number"))
            else:
                last.closing = block.text
        elif own_subparagraphs:
            if closing is not None:
                errors.append(SiteError(f"a second text after the subparagraphs of {name}", path, block.line,
                                        "join it to the text above"))
            else:
                closing = block.text
        elif chapeau is not None:
            errors.append(SiteError(f"a second paragraph without a number in {name}", path, block.line,
                                    "an article's own text is one paragraph; number the paragraphs '1.', '2.' if "
                                    "it has several"))
        else:
            chapeau = block
    errors.extend(_sequence_problems(
        [(p.number, p.line) for p in paragraphs], first=1, following=lambda n: n + 1,
        repeated=lambda n, first: f"paragraph {n} of {name} is given twice (first on line {first})",
        wrong_first=lambda n: f"{name} starts with paragraph {n}; expected paragraph 1",
        out_of_order=lambda n, previous, expected: f"paragraph {n} of {name} comes after paragraph {previous}; "
                                                   f"expected paragraph {expected}",
        path=path))
    errors.extend(_letter_problems(own_subparagraphs, name, path))
    for paragraph in paragraphs:
        errors.extend(_letter_problems(paragraph.subparagraphs, f"paragraph {paragraph.number} of {name}", path))
    anchor = f"art-{number}"
    article = Article(
        number=number,
        heading=section.heading,
        title=section.title,
        chapeau=chapeau.text if chapeau else None,
        paragraphs=tuple(
            Paragraph(p.number, p.text, _subparagraphs(p.subparagraphs, f"{anchor}-{p.number}"), p.closing, p.line,
                      f"{anchor}-{p.number}")
            for p in paragraphs),
        subparagraphs=_subparagraphs(own_subparagraphs, anchor),
        closing=closing,
        line=section.line,
        anchor=anchor,
    )
    return article, errors


def _letter_problems(subparagraphs: list[_OpenSubparagraph], owner: str, path: str) -> Iterator[SiteError]:
    """Subparagraph letters run (a), (b), (c), …, and their items (i), (ii), (iii), …: no gap, no repeat."""
    yield from _sequence_problems(
        [(sub.block.label, sub.block.line) for sub in subparagraphs], first="a",
        following=lambda letter: chr(ord(letter) + 1),
        repeated=lambda letter, first: f"subparagraph ({letter}) of {owner} is given twice (first on line {first})",
        wrong_first=lambda letter: f"the subparagraphs of {owner} start with ({letter}); expected (a)",
        out_of_order=lambda letter, previous, expected: f"subparagraph ({letter}) of {owner} comes after "
                                                        f"({previous}); expected ({expected})",
        path=path)
    for sub in subparagraphs:
        where = f"subparagraph ({sub.block.label}) of {owner}"
        yield from _sequence_problems(
            [(item.label, item.line) for item in sub.items], first="i",
            following=lambda numeral: _ROMAN[_ROMAN.index(numeral) + 1] if numeral in _ROMAN[:-1] else "",
            repeated=lambda numeral, first: f"item ({numeral}) of {where} is given twice (first on line {first})",
            wrong_first=lambda numeral: f"the items of {where} start with ({numeral}); expected (i)",
            out_of_order=lambda numeral, previous, expected: f"item ({numeral}) of {where} comes after "
                                                             f"({previous}); expected ({expected})",
            path=path)


def _subparagraphs(subparagraphs: list[_OpenSubparagraph], owner_anchor: str) -> tuple[Subparagraph, ...]:
    made = []
    for sub in subparagraphs:
        anchor = f"{owner_anchor}-{sub.block.label}"
        items = tuple(Subparagraph(item.label or "", item.text, item.line, f"{anchor}-{item.label}")
                      for item in sub.items)
        made.append(Subparagraph(sub.block.label or "", sub.block.text, sub.block.line, anchor, items, sub.closing))
    return tuple(made)


def _markdown(lines: list[tuple[int, str]]) -> str:
    """A section's lines as written, without the blank lines around them."""
    return "\n".join(text.rstrip() for _, text in lines).strip("\n")


# --- comparing a translation with its source --------------------------------------------------------------------


def _differences(source: Declaration, translation: Declaration) -> Iterator[SiteError]:
    """Every structural difference, in the translation's document order."""
    here = translation.path
    preamble_end = translation.preamble[-1].line if translation.preamble else translation.preamble_line
    yield from _list_difference(
        "the preamble", "paragraphs", [str(p.number) for p in source.preamble],
        [(str(p.number), p.line, p.line) for p in translation.preamble], translation.preamble_line, source.path, here)
    if (source.operative_verb is None) != (translation.operative_verb is None):
        where = ("in " + source.path + " but not here") if source.operative_verb else ("here but not in " +
                                                                                       source.path)
        yield SiteError(f"the preamble ends with a paragraph ending in ':' (like '*Declares*:') {where}", here,
                        preamble_end)
    for source_article, article in zip(source.articles, translation.articles):
        yield from _article_differences(source_article, article, source.path, here)
    yield from _list_difference(
        "the declaration", "articles", [str(a.number) for a in source.articles],
        [(str(a.number), a.line, _last_line(a)) for a in translation.articles], translation.preamble_line,
        source.path, here)


def _article_differences(source: Article, article: Article, source_path: str, here: str) -> Iterator[SiteError]:
    name = f"article {article.number}"
    if (source.title is None) != (article.title is None):
        where = f"in {source_path} but not here" if source.title else f"here but not in {source_path}"
        yield SiteError(f"{name} has a title ('### ' under its heading) {where}", here, article.line)
    if (source.chapeau is None) != (article.chapeau is None):
        where = f"in {source_path} but not here" if source.chapeau else f"here but not in {source_path}"
        yield SiteError(f"{name} opens with a paragraph without a number {where}", here, article.line)
    yield from _list_difference(name, "paragraphs", [str(p.number) for p in source.paragraphs],
                                [(str(p.number), p.line, max([p.line, *(s.line for s in p.subparagraphs)]))
                                 for p in article.paragraphs], article.line, source_path, here)
    yield from _subparagraph_difference(name, source.subparagraphs, article.subparagraphs, article.line,
                                        source_path, here)
    if (source.closing is None) != (article.closing is None):
        where = f"in {source_path} but not here" if source.closing else f"here but not in {source_path}"
        yield SiteError(f"{name} has a closing text after its subparagraphs {where}", here, _last_line(article))
    for source_paragraph, paragraph in zip(source.paragraphs, article.paragraphs):
        owner = f"paragraph {paragraph.number} of {name}"
        yield from _subparagraph_difference(owner, source_paragraph.subparagraphs, paragraph.subparagraphs,
                                            paragraph.line, source_path, here)
        if (source_paragraph.closing is None) != (paragraph.closing is None):
            where = f"in {source_path} but not here" if source_paragraph.closing else f"here but not in {source_path}"
            last = paragraph.subparagraphs[-1].line if paragraph.subparagraphs else paragraph.line
            yield SiteError(f"{owner} has a closing text after its subparagraphs {where}", here, last)


def _subparagraph_difference(owner: str, source: tuple[Subparagraph, ...], translation: tuple[Subparagraph, ...],
                             owner_line: int, source_path: str, here: str) -> Iterator[SiteError]:
    yield from _list_difference(owner, "subparagraphs", [f"({s.letter})" for s in source],
                                [(f"({s.letter})", s.line, max([s.line, *(i.line for i in s.items)]))
                                 for s in translation], owner_line, source_path, here)
    for source_sub, sub in zip(source, translation):
        where = f"subparagraph ({sub.letter}) of {owner}"
        yield from _list_difference(where, "items", [f"({i.letter})" for i in source_sub.items],
                                    [(f"({i.letter})", i.line, i.line) for i in sub.items], sub.line, source_path,
                                    here)
        if (source_sub.closing is None) != (sub.closing is None):
            there = f"in {source_path} but not here" if source_sub.closing else f"here but not in {source_path}"
            yield SiteError(f"{where} has a closing text after its items {there}", here,
                            sub.items[-1].line if sub.items else sub.line)


def _list_difference(owner: str, kind: str, source: list[str], translation: list[tuple[str, int, int]],
                     owner_line: int, source_path: str, here: str) -> Iterator[SiteError]:
    """A difference between two runs of labels; `translation` holds (label, first line, last line) of each item.

    The line given is the first line of the translation's first extra item, or else the last line of the item
    after which the missing one should come.
    """
    labels = [label for label, _, _ in translation]
    if labels == source:
        return
    common = next((index for index, (a, b) in enumerate(zip(source, labels)) if a != b), min(len(source), len(labels)))
    if common < len(translation) and common >= len(source):
        line = translation[common][1]
    else:
        line = translation[common - 1][2] if common else owner_line
    ours = f"{kind if len(source) > 1 else kind[:-1]} {_span(source)}" if source else f"no {kind}"
    theirs = _span(labels) if labels else "none"
    yield SiteError(f"{owner} has {ours} in {source_path} but {theirs} here", here, line)


def _span(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else f"{labels[0]}-{labels[-1]}"


def _last_line(article: Article) -> int:
    """The line of the article's last numbered or lettered element, or of its heading."""
    lines = [article.line, *(s.line for s in article.subparagraphs)]
    for paragraph in article.paragraphs:
        lines.append(paragraph.line)
        lines.extend(s.line for s in paragraph.subparagraphs)
    return max(lines)
