"""Where things live: every rule that turns a page, a language or a view into a path under the output folder.

Paths here are relative to the site's base path ("fr/rejoindre/"); templates add the base path with `url()`.
"""

from __future__ import annotations

import re
import uuid
from urllib.parse import quote, urlsplit

# What a path may keep as it is in a link: ASCII's reserved and unreserved characters; the rest (a slug in Arabic
# letters) is percent-encoded as UTF-8, as sitemaps and hreflang want it.
_KEPT_IN_LINKS = "/#?&=:;,+!$'()*@~%"


# Hosts that stand for an address nobody publishes at (RFC 2606 and RFC 6761): example.org, *.test, localhost...
# Not 127.0.0.1: the live preview serves its pages there, and gives them that address on purpose.
_PLACEHOLDER_HOST = re.compile(r"(^|\.)(example\.(org|com|net)|localhost|[^.]+\.(test|invalid|example|localhost))$")


def is_placeholder(address: str) -> bool:
    """Whether an address is a stand-in (https://example.org/, http://localhost:8000/), never a real site's."""
    host = (urlsplit(address).hostname or "").lower()
    return not host or bool(_PLACEHOLDER_HOST.search(host))


# Labels of a host that serves a copy under test rather than the published site (web.test.ohchr.un-icc.cloud).
_TEST_COPY_LABELS = frozenset({"test", "testing", "staging", "stage", "uat", "preprod", "qa"})


def is_test_copy(address: str) -> bool:
    """Whether an address is on a placeholder host or a test or staging copy of a site, never to be cited."""
    host = (urlsplit(address).hostname or "").lower()
    return is_placeholder(address) or bool(_TEST_COPY_LABELS & set(host.split(".")))


def encoded(path: str) -> str:
    """A path as a link writes it: "ar/الدول/" -> "ar/%D8%A7%D9%84%D8%AF%D9%88%D9%84/"; ASCII paths unchanged."""
    return path if path.isascii() else quote(path, safe=_KEPT_IN_LINKS)


def in_language(url_path: str, source_language: str, language: str) -> str:
    """The path of a page in `language` when its text comes from `source_language` (a stand-in page lives where the
    translation would): "en/about/" shown in French is "fr/about/"."""
    return language + url_path[len(source_language):]


def file_of(url_path: str) -> str:
    """The file a page's path is served from: "fr/a-propos/" -> "fr/a-propos/index.html"."""
    return url_path + "index.html"


def compare_path(reader_path: str, other: str) -> str:
    """Where a reader page's side-by-side view with language `other` lives: "en/declaration/compare/fr/"."""
    return f"{reader_path}compare/{other}/"


def list_page_path(index_path: str, number: int) -> str:
    """Page `number` of a list that starts at `index_path`: the list itself, then "…/page/2/", "…/page/3/"."""
    return index_path if number == 1 else f"{index_path}page/{number}/"


def feed_path(index_path: str) -> str:
    """The Atom feed beside a list page: "fr/actualites/feed.xml"."""
    return f"{index_path}feed.xml"


# ratify's own namespace for the names of a site's pages in name-based UUIDs (RFC 9562 sec. 5.5: any UUID chosen once).
_PAGE_NAMES = uuid.UUID("d4884de6-6397-4bfb-9b8b-2d220378f1c7")


def lasting_id(site_name: str, path: str) -> str:
    """An id for a page, or a "#part" of it, that needs no address: "urn:uuid:…", named by the site and the path only
    (not the host), so that every build of the same site gives the same page the same id (RFC 4287 sec. 4.2.6)."""
    return f"urn:uuid:{uuid.uuid5(uuid.uuid5(_PAGE_NAMES, site_name), path)}"


def state_path(states_path: str, code: str) -> str:
    """A State's page under the page that lists the States: "fr/etats/ec/"."""
    return f"{states_path}{code.lower()}/"


def language_home(language: str) -> str:
    return f"{language}/"


def not_found_file(language: str) -> str:
    return f"{language}/404.html"
