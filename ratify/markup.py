"""Markdown body of a page -> HTML, table of contents and anchors, with the typography of the page's language."""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, replace
from typing import Callable
from urllib.parse import unquote

import markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from ratify import urls
from ratify.assets import STATIC_DIR
from ratify.errors import SiteError, SiteErrors
from ratify.model import Asset, Reference, Widget
from ratify.shortcodes import WidgetCheck, check_shortcode, marker, widget_anchors

# Resolves a link to another Markdown file ("about.md", "../news/x.md", as written, relative to the linking
# file's folder within its language) to the linked page's URL path, or None when no such page exists.
LinkResolver = Callable[[str], "str | None"]
# Resolves a file a page refers to (an image) to its Asset, or None: a path written relative to the page's file
# ("poster.jpg" beside it), or "/static/NAME" for a file of static/ (decoded, base_url's sub-path taken off).
AssetResolver = Callable[[str], "Asset | None"]

SHORTCODE = re.compile(r"\{\{<\s*(?P<name>[\w-]+)(?P<arguments>(?:\s+[\w-]+=(?:\"[^\"]*\"|[^\s\"]+))*)\s*>\}\}")
_SHORTCODE_START = re.compile(r"\{\{<")
_ARGUMENT = re.compile(r'([\w-]+)=(?:"([^"]*)"|([^\s"]+))')
_EXTERNAL = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|//)")
_ID = re.compile(r'\sid="([^"]+)"')
# A start tag of raw HTML in Markdown and its attributes; a comment is matched whole, so that what it hides is left
# alone.
_RAW_TAG = re.compile(r"<!--.*?-->|<([a-zA-Z][\w-]*)\b([^<>]*)>", re.IGNORECASE | re.DOTALL)
_LINKING_TAGS = {"a", "area", "img"}  # the tags whose href or src is resolved as Markdown's links and images are
# What the site's Content Security Policy blocks, so that a page would be published with a hole in it: an element
# that runs a script or loads another host's page or plug-in, an event-handler attribute, a javascript: URL.
_REFUSED_TAGS = {"script", "iframe", "object", "embed"}
_EVENT_HANDLER = re.compile(r"""(?:^|\s)(on[a-z]+)\s*=""", re.IGNORECASE)
_JAVASCRIPT_URL = re.compile(r"^javascript:", re.IGNORECASE)
_NOT_IN_URLS = re.compile(r"[\x00-\x20]")  # browsers ignore these inside a URL's scheme: "java script:" still runs
_SCRIPT_HINT = "a page's scripts live in static/, loaded by the templates"
_EMBED_HINT = ("the site loads nothing from other hosts: link to the video or page instead: "
               "[Watch the video](https://...)")
_RAW_ATTRIBUTE = re.compile(r"""(\b(?:href|src)\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_RAW_ALT = re.compile(r"\balt\s*=", re.IGNORECASE)
# attr_list's "{alt=\"\"}" after an image: its author says it is only decoration.
_DECORATIVE = re.compile(r"""^\{:?[^}]*\balt=(?:""|'')""")
_NO_ALT = "data-ratify-no-alt"  # marks, between two steps of the conversion, an image whose alt text is missing
_PLACE_FILES = ("write its path relative to this file ('poster.jpg' beside it, as in a folder with index.md) or "
                "/static/NAME for a file of static/")


@dataclass(frozen=True)
class Converted:
    """What one page's Markdown becomes."""

    html: str  # the body as HTML, with a marker where each widget goes
    toc: tuple[tuple[int, str, str], ...]  # (level, anchor, text) of each heading, in order
    anchors: frozenset[str]  # every id in `html`, and those its widgets will have (shortcodes.WIDGET_ANCHORS)
    widgets: tuple[Widget, ...] = ()  # the shortcodes, in order: marker number N is widgets[N]
    references: tuple[Reference, ...] = ()  # links and images into the site, for checking once all are converted


class _SourceLines:
    """Finds the line of each link's target in the Markdown, occurrence after occurrence of the same text."""

    def __init__(self, text: str, first_line: int) -> None:
        self.text, self.first_line = text, first_line
        self._after: dict[str, int] = {}  # needle -> where its next occurrence is looked for

    def line_of(self, needle: str, advance: bool = True) -> int:
        """The line of the next occurrence of `needle`; with advance=False, the one after is still this one."""
        start = self._after.get(needle, 0)
        index = self.text.find(f"]({needle}", start)
        index = self.text.find(needle, start) if index < 0 else index
        if index < 0:  # written differently (an entity, a reference-style link): its first occurrence, if any
            index = max(self.text.find(needle), 0)
        if advance:
            self._after[needle] = index + 1
        return self.first_line + self.text.count("\n", 0, index)


class _AltProcessor(Treeprocessor):
    """Marks the images of Markdown written without alt text, before attr_list takes their "{...}" away."""

    def run(self, root: etree.Element) -> None:
        for image in root.iter("img"):
            if not image.get("alt") and not _DECORATIVE.match(image.tail or ""):
                image.set(_NO_ALT, "")


class _LinkProcessor(Treeprocessor):
    """Resolves every link and image: links to Markdown files become links to their pages, images and files
    become their fingerprinted URLs with their size, and links into the site are kept for checking; what leads
    nowhere is kept as a problem at its line."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.resolve: LinkResolver = lambda target: None
        self.assets: AssetResolver | None = None
        self.base_path = "/"
        self.lines = _SourceLines("", 1)
        self.references: list[Reference] = []
        self.problems: list[tuple[int, str, str | None]] = []  # (line, message, hint)

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "a" and element.get("href"):
                element.set("href", self.rewrite(element.get("href", ""), is_image=False))
            elif element.tag == "img":
                self._image(element)
        # Raw HTML waits in the stash until the end; Python-Markdown's postprocessors also run on the table of
        # contents, so it is resolved here, once, after the tree.
        stash = self.md.htmlStash.rawHtmlBlocks
        stash[:] = [self._raw_html(block) if isinstance(block, str) else block for block in stash]

    def _raw_html(self, block: str) -> str:
        """Raw HTML in Markdown is resolved as Markdown's links and images are: href and src, and alt; what the
        Content Security Policy would block (a script, an embed, an event handler) is a problem at its line."""

        def tag(match: re.Match[str]) -> str:
            name = (match[1] or "").lower()
            if not name:  # a comment
                return match[0]
            line = self.lines.line_of(match[0])
            if name in _REFUSED_TAGS:
                self.problems.append((line, f"<{name}> is refused: the site's Content Security Policy would block it",
                                      _SCRIPT_HINT if name == "script" else _EMBED_HINT))
            self.problems.extend((line, f"the attribute '{handler}' runs a script, which the site's Content Security "
                                        "Policy blocks", f"remove it: {_SCRIPT_HINT}")
                                 for handler in _EVENT_HANDLER.findall(match[2]))
            if name not in _LINKING_TAGS:
                return match[0]
            is_image = name == "img"
            if is_image and not _RAW_ALT.search(match[2]):
                self.problems.append((line, "an image has no alt text",
                                      'add alt="what it shows" (alt="" if it is only decoration)'))
            return "<" + match[1] + _RAW_ATTRIBUTE.sub(lambda attribute: attribute[1] + '"' + html.escape(
                self.rewrite(html.unescape(attribute[2] if attribute[2] is not None else attribute[3]), is_image,
                             line=line)) + '"', match[2]) + ">"

        return _RAW_TAG.sub(tag, block)

    def _image(self, image: etree.Element) -> None:
        source = image.get("src", "")
        if _NO_ALT in image.attrib:
            del image.attrib[_NO_ALT]
            self.problems.append((self.lines.line_of(source, advance=False), f"the image '{source}' has no alt text",
                                  f"describe it: ![What it shows]({source}); an image that is only decoration says "
                                  f'so: ![]({source}){{alt=""}}'))
        if source:
            image.set("src", self.rewrite(source, is_image=True, image=image))

    def rewrite(self, href: str, is_image: bool, image: etree.Element | None = None, line: int | None = None) -> str:
        """The URL `href` becomes in the page; a problem or a reference to check is noted on the way."""
        if _JAVASCRIPT_URL.match(_NOT_IN_URLS.sub("", href)):
            self.problems.append((line or self.lines.line_of(href), f"the link '{href}' runs a script, which the "
                                  "site's Content Security Policy blocks", "link to a page or a file instead"))
            return href
        if _EXTERNAL.match(href):
            return href
        target, hash_sign, fragment = href.partition("#")
        if not target:  # "#anchor": this page
            self.references.append(Reference(href, None, unquote(fragment), self.lines.line_of(href)))
            return href
        suffix = hash_sign + fragment
        if target.startswith("/"):  # the site's root, wherever base_url puts it; written with base_url's path or not
            inside = target[len(self.base_path):] if target.startswith(self.base_path) else target[1:]
            return self._site_path(href, inside, suffix, is_image, image)
        if target.endswith(".md"):
            url_path = self.resolve(target)
            if url_path is None:
                self.problems.append((self.lines.line_of(target), f"the link to '{target}' leads to no page",
                                      "link to an existing .md file, relative to this one (e.g. 'about.md' or "
                                      "'../index.md')"))
                return href
            if fragment:
                self.references.append(Reference(href, url_path, unquote(fragment), self.lines.line_of(href)))
            return self.base_path + urls.encoded(url_path) + suffix
        if self.assets is None or not (is_image or _names_a_file(target)):
            return href  # a relative URL ("../about/"): the browser resolves it against the page's URL
        asset = self.assets(unquote(target))
        if asset is None:
            what = "image" if is_image else "file"
            self.problems.append((self.lines.line_of(target), f"the {what} '{target}' is not beside this page",
                                  _PLACE_FILES))
            return href
        return self._asset_url(asset, suffix, image)

    def _site_path(self, href: str, inside: str, suffix: str, is_image: bool, image: etree.Element | None) -> str:
        decoded = unquote(inside.partition("?")[0])
        if self.assets is not None and decoded.startswith(f"{STATIC_DIR}/"):
            asset = self.assets("/" + decoded)
            if asset is not None:
                return self._asset_url(asset, suffix, image)
            if is_image:
                self.problems.append((self.lines.line_of(href), f"the image '{href}' is not in static/",
                                      _PLACE_FILES))
                return href
        self.references.append(Reference(href, decoded, unquote(suffix[1:]), self.lines.line_of(href)))
        return self.base_path + inside + suffix

    def _asset_url(self, asset: Asset, suffix: str, image: etree.Element | None) -> str:
        if image is not None and asset.size and not (image.get("width") and image.get("height")):
            _set_size(image, asset.size)
        return self.base_path + urls.encoded(asset.url_path) + suffix


def _names_a_file(target: str) -> bool:
    """True for "report.pdf" or "files/map.svg"; False for "../about/" or "about": the name ends in a suffix."""
    return "." in posixpath.basename(target.split("?")[0]).lstrip(".")


def _set_size(image: etree.Element, size: tuple[int, int]) -> None:
    """Width and height from the file, or the one not written kept in proportion, so the page does not jump."""
    width, height = size
    if image.get("width", "").isdigit():
        image.set("height", str(round(int(image.get("width", "")) * height / width)))
    elif image.get("height", "").isdigit():
        image.set("width", str(round(int(image.get("height", "")) * width / height)))
    else:
        image.set("width", str(width))
        image.set("height", str(height))


_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_INDENTED_CODE = re.compile(r"^(    |\t)")
_HEADING = re.compile(r"^ {0,3}#")
_TABLE_SEPARATOR = re.compile(r"^[\s|:-]*-[\s|:-]*$")  # "|---|:--:|", "--- | ---": dashes, colons, pipes, spaces
_CELL_CODE = re.compile(r"(`+).*?\1")  # a code span, whose pipes do not divide cells
_CELL_PIPE = re.compile(r"(?<!\\)\|")  # a pipe that divides cells: not escaped as \|


def _cells(row: str) -> int:
    """How many cells a pipe table's row has, as Python-Markdown's tables extension counts them."""
    row = _CELL_CODE.sub(lambda code: "x" * len(code[0]), row.strip())
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return len(_CELL_PIPE.findall(row)) + 1


def _cells_in_words(cells: int) -> str:
    return "1 cell" if cells == 1 else f"{cells} cells"


def table_problems(text: str) -> list[tuple[int, str, str]]:
    """(line within `text`, message, hint) of each pipe table whose Markdown would lose text: a separator row whose
    cells differ from its header's (the table is shown as a paragraph of pipes), a row with more cells than the
    header (the tables extension drops the extra ones). Code, fenced or indented, is not read as tables."""
    problems: list[tuple[int, str, str]] = []
    lines = text.split("\n")
    in_fence, block_start, header = False, True, None  # header: its number of cells, while in a table
    for number, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence, header = not in_fence, None
            continue
        blank = not line.strip()
        if in_fence or blank or (block_start and _INDENTED_CODE.match(line)):
            block_start, header = blank or block_start, None
            continue
        if header is not None:
            if _cells(line) > header:
                problems.append((number, f"this table row has {_cells_in_words(_cells(line))} and its header "
                                         f"{_cells_in_words(header)}: Markdown drops the cells past the header's",
                                 "add the column to the header and to the separator row under it, or write '\\|' "
                                 "for a pipe that is part of the text"))
        elif block_start and "|" in line and number + 1 < len(lines) and "|" in lines[number + 1] \
                and _TABLE_SEPARATOR.match(lines[number + 1]):
            if _cells(lines[number + 1]) != _cells(line):
                problems.append((number + 1, f"this table's separator row has {_cells_in_words(_cells(lines[number + 1]))} "
                                             f"and its header {_cells_in_words(_cells(line))}: Markdown would show the table "
                                             "as plain text",
                                 "give the row under the header one '---' for each of its cells: | --- | --- |"))
            else:
                header = _cells(line)
            block_start = False
            continue
        block_start = bool(_HEADING.match(line))  # a heading ends its block: a table may follow on the next line
    return problems


class _ShortcodeProcessor(Preprocessor):
    """Replaces each {{< shortcode >}} with a marker for its widget, kept away from Markdown's own processing."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.check: WidgetCheck | None = None
        self.first_line = 1
        self.widgets: list[Widget] = []
        self.problems: list[tuple[int, str, str | None]] = []  # (line within the body, message, hint)

    def run(self, lines: list[str]) -> list[str]:
        return [self._replace_in(line, number) for number, line in enumerate(lines)]

    def _replace_in(self, line: str, number: int) -> str:
        def replace(match: re.Match[str]) -> str:
            arguments = {key: quoted if quoted is not None and value == "" else value or quoted
                         for key, quoted, value in _ARGUMENT.findall(match["arguments"])}
            if self.check is None:
                self.problems.append((number, f"shortcodes cannot be used here: {match[0]}", None))
                return ""
            try:
                check_shortcode(match["name"], arguments)
                self.check(match["name"], arguments)
            except ValueError as error:
                self.problems.append((number, f"shortcode {match[0]}: {error}", "see 'Shortcodes' in README.md"))
                return ""
            self.widgets.append(Widget(match["name"], tuple(sorted(arguments.items())), self.first_line + number))
            return self.md.htmlStash.store(marker(len(self.widgets) - 1, match["name"]))

        replaced = SHORTCODE.sub(replace, line)
        if _SHORTCODE_START.search(replaced):
            self.problems.append((number, "a shortcode is not closed or not written like {{< name key=value >}}",
                                  "see 'Shortcodes' in README.md"))
        return replaced


class _RatifyExtension(Extension):
    """ratify's own steps in Python-Markdown: shortcodes, typography, links between pages, images and files."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_LinkProcessor(md), "ratify_links", 1)
        md.treeprocessors.register(_AltProcessor(md), "ratify_alt", 9)  # after inline (20), before attr_list (8)
        md.treeprocessors.register(_Typography(md), "ratify_typography", 2)  # after inline, before links
        md.ESCAPED_CHARS.extend(['"', "'"])  # a backslash before a quote keeps it straight, as with smarty
        md.preprocessors.register(_ShortcodeProcessor(md), "ratify_shortcodes", 25)  # after whitespace clean-up


class _Typography(Treeprocessor):
    """Straight quotes, apostrophes, dashes and ellipses become their typographic forms, in text only.

    Python-Markdown's smarty extension does this with a second pass of inline patterns over every text, which
    more than doubled the time of converting a page (bench/run.py); one regular expression over the finished
    tree does the same job. Code, preformatted text and raw HTML are left alone.
    """

    _SKIP = {"code", "pre", "kbd", "samp", "script", "style"}
    _TOKENS = re.compile(r'---|--|\.\.\.|"|\'')
    _OPENS_AFTER = set(" \t\n\u00a0([{\u2014\u2013/-\u00ab\u201c\u2018")  # a quote after these opens

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.quotes = ("\u201c", "\u201d")

    def run(self, root: etree.Element) -> None:
        self._previous = " "
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if element.tag in self._SKIP:
            self._previous = "x"
            return
        if element.text:
            element.text = self._fix(element.text)
        for child in element:
            self._walk(child)
            if child.tail:
                child.tail = self._fix(child.tail)

    def _fix(self, text: str) -> str:
        def replace(match: re.Match[str]) -> str:
            token = match[0]
            before = text[match.start() - 1] if match.start() > 0 else self._previous
            if token == "---":
                return "\u2014"
            if token == "--":
                return "\u2013"
            if token == "...":
                return "\u2026"
            opening = before in self._OPENS_AFTER or before in "\x02\x03"
            if token == '"':
                return self.quotes[0] if opening else self.quotes[1]
            return "\u2018" if opening else "\u2019"

        fixed = self._TOKENS.sub(replace, text)
        self._previous = text[-1]
        return fixed


class Converter:
    """One Markdown parser per language, reused page after page (creating one per page is slow)."""

    def __init__(self, quotes: tuple[str, str], base_path: str, backlink_title: str) -> None:
        self._md = markdown.Markdown(
            extensions=["tables", "footnotes", "toc", "attr_list", _RatifyExtension()],
            extension_configs={
                "footnotes": {"BACKLINK_TITLE": backlink_title},
                # No [TOC] marker: templates place the table of contents, so no page is searched for one.
                "toc": {"toc_depth": "2-3", "marker": ""},
            },
            output_format="html",
        )
        # The inline step looks its patterns up by index in a registry that re-sorts itself on every lookup,
        # millions of times a build; the same patterns in a frozen list spare about 5% of the conversion.
        inline = self._md.treeprocessors["inline"]
        inline.inlinePatterns = list(inline.inlinePatterns)
        # Asked of every element, in a list of some 40 tags; a set answers at once (another 4%). No extension
        # used here adds block-level tags after this point.
        self._md.block_level_elements = frozenset(self._md.block_level_elements)
        self._links: _LinkProcessor = self._md.treeprocessors["ratify_links"]
        self._links.base_path = base_path
        self._shortcodes: _ShortcodeProcessor = self._md.preprocessors["ratify_shortcodes"]
        self._md.treeprocessors["ratify_typography"].quotes = quotes

    def convert(self, text: str, path: str, first_line: int, resolve: LinkResolver,
                shortcodes: WidgetCheck | None = None, assets: AssetResolver | None = None) -> Converted:
        """Convert one page's body; a link to a missing page or file, an image without alt text or a wrong
        shortcode is an error at its line.

        Shortcodes are allowed when `shortcodes` is given: each is checked by it and becomes a Widget. Images and
        files are resolved when `assets` is given.
        """
        self._md.reset()
        self._links.resolve, self._links.assets = resolve, assets
        self._links.lines = _SourceLines(text, first_line)
        self._links.references, self._links.problems = [], []
        self._shortcodes.check = shortcodes
        self._shortcodes.first_line = first_line
        self._shortcodes.widgets = []
        self._shortcodes.problems = []
        body = self._md.convert(text)
        problems = [(first_line + number, message, hint)
                    for number, message, hint in [*self._shortcodes.problems, *table_problems(text)]]
        problems += self._links.problems
        if problems:
            raise SiteErrors([SiteError(message, path, line, hint) for line, message, hint in sorted(
                problems, key=lambda problem: problem[0])])
        toc = tuple(_flatten(self._md.toc_tokens))  # type: ignore[attr-defined]
        widgets = tuple(self._shortcodes.widgets)
        return Converted(html=body, toc=toc, anchors=frozenset(_ID.findall(body)) | widget_anchors(widgets),
                         widgets=widgets, references=tuple(self._links.references))

    def convert_inline(self, text: str, path: str, line: int, resolve: LinkResolver) -> Converted:
        """Convert one paragraph's inline Markdown (emphasis, links, quotes): its HTML without the <p> around it,
        and its links into the site."""
        converted = self.convert(text, path, line, resolve)
        html = converted.html
        if not (html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1):
            raise SiteError("this text does not stay one paragraph in Markdown", path, line,
                            "a text starting with '- ', '> ', '#' or a number and '.' becomes a list, a quote or a "
                            "heading; write it differently or put a backslash before that sign")
        return replace(converted, html=html[len("<p>"):-len("</p>")])


def _flatten(tokens: list[dict]) -> list[tuple[int, str, str]]:
    flat: list[tuple[int, str, str]] = []
    for token in tokens:
        flat.append((token["level"], token["id"], html.unescape(token["name"])))
        flat.extend(_flatten(token["children"]))
    return flat


def resolve_relative(from_rel_path: str, target: str) -> str:
    """The path within the language folder that `target`, written in `from_rel_path`, points to."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_rel_path), target))
