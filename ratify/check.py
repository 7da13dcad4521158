"""Rendered output -> a health report of what only the whole rendered site shows: links and anchors the templates
write that lead nowhere, their images without alt, one-way hreflang. The pages' own links, anchors and images are
checked by the build, at their source line (ratify/markup.py, ratify/links.py)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Mapping
from urllib.parse import unquote, urlsplit


@dataclass
class _Document:
    """What the checks need to know of one HTML file."""

    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, int]] = field(default_factory=list)  # (href, line)
    images_without_alt: list[int] = field(default_factory=list)  # lines
    alternates: list[tuple[str, str]] = field(default_factory=list)  # (hreflang, href)
    language: str = ""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.document = _Document()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        line = self.getpos()[0]
        if attributes.get("id"):
            self.document.ids.add(attributes["id"] or "")
        if tag == "a" and attributes.get("name"):
            self.document.ids.add(attributes["name"] or "")
        if tag == "html":
            self.document.language = attributes.get("lang") or ""
        if tag in ("a", "area") and attributes.get("href") is not None:
            self.document.links.append((attributes["href"] or "", line))
        if tag in ("img", "script") and attributes.get("src"):
            self.document.links.append((attributes["src"] or "", line))
        if tag == "link" and attributes.get("href"):
            if attributes.get("rel") == "alternate" and attributes.get("hreflang"):
                self.document.alternates.append((attributes["hreflang"] or "", attributes["href"] or ""))
            elif attributes.get("rel") in ("stylesheet", "icon"):
                self.document.links.append((attributes["href"] or "", line))
        if tag == "img" and "alt" not in attributes:
            self.document.images_without_alt.append(line)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the built site, at a file of the output (or of the sources) and a line of it."""

    path: str  # the output file, e.g. "fr/a-propos/index.html", or a source file: "content/fr/declaration.md"
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


def read_documents(output: Mapping[str, bytes]) -> dict[str, _Document]:
    documents = {}
    for path, content in output.items():
        if path.endswith(".html"):
            reader = _Reader()
            reader.feed(content.decode("utf-8"))
            documents[path] = reader.document
    return documents


def check_output(output: Mapping[str, bytes], base_url: str) -> list[Problem]:
    """Every problem of the rendered site: links, anchors, alt texts and hreflang pairs."""
    documents = read_documents(output)
    problems = []
    problems += link_problems(output, documents, base_url)
    problems += alt_problems(documents)
    problems += hreflang_problems(documents, base_url)
    return sorted(problems, key=lambda problem: (problem.path, problem.line or 0, problem.message))


def _site_path(href: str, page: str, base_url: str) -> tuple[str, str] | None:
    """(file path in the output, fragment) for a link to this site; None for another site or a mailto."""
    parts = urlsplit(href)
    base = urlsplit(base_url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc and (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        return None
    path = unquote(parts.path)
    if not path:  # "#anchor": the page itself
        return page, parts.fragment
    if not path.startswith("/"):  # relative to the page, which is served under the base URL's path
        path = posixpath.normpath(posixpath.join(posixpath.dirname((base.path or "/") + page), path)) + (
            "/" if path.endswith("/") else "")
    if not path.startswith(base.path or "/"):
        return ("<outside the site>" + path, parts.fragment)
    inside = path[len(base.path or "/"):]
    if inside == "" or inside.endswith("/"):
        inside += "index.html"
    return inside, parts.fragment


def link_problems(output: Mapping[str, bytes], documents: Mapping[str, _Document], base_url: str) -> list[Problem]:
    problems = []
    for page, document in documents.items():
        for href, line in document.links:
            target = _site_path(href, page, base_url)
            if target is None:
                continue
            file, fragment = target
            if file not in output:
                problems.append(Problem(page, line, f"the link '{href}' leads to no page"))
            elif fragment and file in documents and unquote(fragment) not in documents[file].ids:
                problems.append(Problem(page, line, f"the link '{href}' leads to no anchor '#{fragment}' in {file}"))
    return problems


def alt_problems(documents: Mapping[str, _Document]) -> list[Problem]:
    return [Problem(page, line, "an image has no alt text (write alt=\"\" if it is only decoration)")
            for page, document in documents.items() for line in document.images_without_alt]


def hreflang_problems(documents: Mapping[str, _Document], base_url: str) -> list[Problem]:
    """Search engines ignore a hreflang link that the other page does not return."""
    problems = []
    for page, document in documents.items():
        own_url = base_url + page.removesuffix("index.html")
        for hreflang, href in document.alternates:
            if hreflang == "x-default":
                continue
            target = _site_path(href, page, base_url)
            if target is None or target[0] not in documents:
                problems.append(Problem(page, None, f"hreflang '{hreflang}' points to '{href}', which is not built"))
                continue
            other = documents[target[0]]
            if other.language != hreflang:
                problems.append(Problem(page, None, f"hreflang '{hreflang}' points to a page in '{other.language}'"))
            if own_url not in {unquote(alternate) for _, alternate in other.alternates}:  # a slug may be encoded
                problems.append(Problem(page, None, f"{target[0]} does not link back with hreflang"))
    return problems
