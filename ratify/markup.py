"""Markdown body of a page -> HTML, table of contents and anchors, with the typography of the page's language."""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import Callable

import markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from ratify import urls
from ratify.errors import SiteError, SiteErrors
from ratify.model import Widget
from ratify.shortcodes import WidgetCheck, check_shortcode, marker

# Resolves a link to another Markdown file ("about.md", "../news/x.md", as written, relative to the linking
# file's folder within its language) to the linked page's URL path, or None when no such page exists.
LinkResolver = Callable[[str], "str | None"]

SHORTCODE = re.compile(r"\{\{<\s*(?P<name>[\w-]+)(?P<arguments>(?:\s+[\w-]+=(?:\"[^\"]*\"|[^\s\"]+))*)\s*>\}\}")
_SHORTCODE_START = re.compile(r"\{\{<")
_ARGUMENT = re.compile(r'([\w-]+)=(?:"([^"]*)"|([^\s"]+))')
_EXTERNAL = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|//)")
_ID = re.compile(r'\sid="([^"]+)"')


@dataclass(frozen=True)
class Converted:
    """What one page's Markdown becomes."""

    html: str  # the body as HTML, with a marker where each widget goes
    toc: tuple[tuple[int, str, str], ...]  # (level, anchor, text) of each heading, in order
    anchors: frozenset[str]  # every id in `html`
    widgets: tuple[Widget, ...] = ()  # the shortcodes, in order: marker number N is widgets[N]


class _LinkProcessor(Treeprocessor):
    """Turns links to Markdown files into links to their pages, and keeps the ones that lead nowhere."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.resolve: LinkResolver = lambda target: None
        self.base_path = "/"
        self.unresolved: list[str] = []

    def run(self, root: etree.Element) -> None:
        for element in root.iter("a"):
            href = element.get("href")
            if href:
                element.set("href", self._rewrite(href))

    def _rewrite(self, href: str) -> str:
        if _EXTERNAL.match(href) or href.startswith("#"):
            return href
        if href.startswith("/"):  # "/" is the site's root, wherever base_url puts it
            return self.base_path + href[1:]
        target, _, fragment = href.partition("#")
        if not target.endswith(".md"):
            return href
        url_path = self.resolve(target)
        if url_path is None:
            self.unresolved.append(target)
            return href
        return self.base_path + urls.encoded(url_path) + (f"#{fragment}" if fragment else "")


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
    """ratify's own steps in Python-Markdown: shortcodes, typography and links between pages."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_LinkProcessor(md), "ratify_links", 1)
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
                shortcodes: WidgetCheck | None = None) -> Converted:
        """Convert one page's body; a link to a missing page or a wrong shortcode is an error at its line.

        Shortcodes are allowed when `shortcodes` is given: each is checked by it and becomes a Widget.
        """
        self._md.reset()
        self._links.resolve = resolve
        self._links.unresolved = []
        self._shortcodes.check = shortcodes
        self._shortcodes.first_line = first_line
        self._shortcodes.widgets = []
        self._shortcodes.problems = []
        body = self._md.convert(text)
        if self._shortcodes.problems:
            raise SiteErrors([SiteError(message, path, first_line + number, hint)
                              for number, message, hint in self._shortcodes.problems])
        if self._links.unresolved:
            target = self._links.unresolved[0]
            raise SiteError(f"the link to '{target}' leads to no page", path, _line_of(text, target, first_line),
                            "link to an existing .md file, relative to this one (e.g. 'about.md' or '../index.md')")
        toc = tuple(_flatten(self._md.toc_tokens))  # type: ignore[attr-defined]
        return Converted(html=body, toc=toc, anchors=frozenset(_ID.findall(body)),
                         widgets=tuple(self._shortcodes.widgets))

    def convert_inline(self, text: str, path: str, line: int, resolve: LinkResolver) -> str:
        """Convert one paragraph's inline Markdown (emphasis, links, quotes): its HTML without the <p> around it."""
        html = self.convert(text, path, line, resolve).html
        if not (html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1):
            raise SiteError("this text does not stay one paragraph in Markdown", path, line,
                            "a text starting with '- ', '> ', '#' or a number and '.' becomes a list, a quote or a "
                            "heading; write it differently or put a backslash before that sign")
        return html[len("<p>"):-len("</p>")]


def _flatten(tokens: list[dict]) -> list[tuple[int, str, str]]:
    flat: list[tuple[int, str, str]] = []
    for token in tokens:
        flat.append((token["level"], token["id"], html.unescape(token["name"])))
        flat.extend(_flatten(token["children"]))
    return flat


def _line_of(text: str, needle: str, first_line: int) -> int:
    index = text.find(f"]({needle}")
    index = text.find(needle) if index < 0 else index
    return first_line + text.count("\n", 0, max(index, 0))


def resolve_relative(from_rel_path: str, target: str) -> str:
    """The path within the language folder that `target`, written in `from_rel_path`, points to."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_rel_path), target))
