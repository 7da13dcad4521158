"""The way out: a site built for a sub-path works when served under it, and the hosting recipes are sound."""

from __future__ import annotations

import functools
import http.server
import re
import threading
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from ratify.pipeline import build
from tests.conftest import REPO, make_site

PREFIX = "/campaign/"


class _PrefixedHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder only under PREFIX, as a host would serve a site published at a sub-path."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "no-such-file")
        return super().translate_path("/" + path[len(PREFIX):])

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "href" and tag in ("a", "link") or name == "src"):
                self.links.append(value)


def crawl(start: str) -> tuple[set[str], list[str]]:
    """Follow every link, image and stylesheet from `start` within its host; (URLs seen, broken ones with status)."""
    seen, queue, broken = {start}, [start], []
    while queue:
        url = queue.pop()
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read()
                kind = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            broken.append(f"{url}: {error.code}")
            continue
        if "html" not in kind:
            continue
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        for link in parser.links:
            target = urljoin(url, link).split("#")[0]
            if urlsplit(target).netloc == urlsplit(start).netloc and target not in seen:
                seen.add(target)
                queue.append(target)
    return seen, broken


@pytest.mark.bundled
def test_a_sub_path_build_served_under_its_prefix_has_no_broken_link(tmp_path: Path) -> None:
    out = tmp_path / "public"
    handler = functools.partial(_PrefixedHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    build(REPO, out, base)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        seen, broken = crawl(base)
    finally:
        server.shutdown()
        server.server_close()
    assert broken == []
    assert [url for url in seen if not url.startswith(base)] == [], "every link stays under the sub-path"
    assert len(seen) > 600, "the crawl reached every page in every language"


def read_headers(built_site: Path) -> dict[str, dict[str, str]]:
    """The rules of the built _headers file: path pattern -> header -> value."""
    rules: dict[str, dict[str, str]] = {}
    current = ""
    for line in (built_site / "_headers").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            current = line.strip()
            rules.setdefault(current, {})  # a path written twice: hosts merge its headers
        else:
            name, value = line.strip().split(": ", 1)
            rules[current][name] = value
    return rules


def test_the_headers_file_caches_assets_long_pages_briefly(built_site: Path) -> None:
    rules = read_headers(built_site)
    assert rules["/static/*"]["Cache-Control"] == "public, max-age=31536000, immutable"
    for rule in ("/en/*", "/fr/*", "/es/*", "/"):
        assert rules[rule]["Cache-Control"] == "public, max-age=300, must-revalidate"
    assert rules["/*"]["X-Content-Type-Options"] == "nosniff"
    assert sum("Cache-Control" in headers for headers in rules.values()) == 6, "no rule's cache setting overlaps"


# The policy the README promises, written out rather than computed: the site's own files only, images also from
# data: URLs, no plugins, no <base> elsewhere, forms sent to the site only (the bundled site has no join form).
POLICY = {"default-src": ["'self'"], "img-src": ["'self'", "data:"], "style-src": ["'self'"],
          "script-src": ["'self'"], "object-src": ["'none'"], "base-uri": ["'self'"], "form-action": ["'self'"]}
# Pagefind runs its index as WebAssembly: the search pages allow that, and only they.
SEARCH_POLICY = {**POLICY, "script-src": ["'self'", "'wasm-unsafe-eval'"]}
_META_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def directives(policy: str) -> dict[str, list[str]]:
    """A Content-Security-Policy as directive -> its sources, in the order written."""
    return {words[0]: words[1:] for words in (part.split() for part in policy.split(";")) if words}


def is_search_page(html: str) -> bool:
    return bool(re.search(r'<script defer src="[^"]*/static/search\.[0-9a-f]{10}\.js"', html))


@pytest.fixture(params=["fixture site", "bundled site"])
def policy_site(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """The output of the small fixture site, built by the test itself, and of the bundled site (with search)."""
    if request.param == "bundled site":
        return request.getfixturevalue("built_site")
    build(make_site(tmp_path / "site"), tmp_path / "public")
    return tmp_path / "public"


def test_every_page_carries_the_whole_policy_in_its_meta(policy_site: Path) -> None:
    pages = sorted(policy_site.rglob("*.html"))
    for page in pages:
        if page.relative_to(policy_site).parts[0] == "admin":  # the editor's own policy: tests/test_admin.py
            continue
        html = page.read_text(encoding="utf-8")
        policies = _META_POLICY.findall(html)
        assert len(policies) == 1, page
        assert directives(policies[0]) == (SEARCH_POLICY if is_search_page(html) else POLICY), page
    assert pages and any(page.name == "404.html" for page in pages) and (policy_site / "index.html") in pages


def test_the_bundled_search_pages_alone_allow_webassembly(built_site: Path) -> None:
    searches = [page for page in built_site.rglob("*.html") if is_search_page(page.read_text(encoding="utf-8"))]
    assert searches, "the search pages are among the pages checked above"


def sent_policies(rules: dict[str, dict[str, str]], url_path: str) -> list[str]:
    """The Content-Security-Policy values the rules of _headers send for `url_path`, as Netlify and Cloudflare
    Pages match them: '*' stands for anything, the rest is exact."""
    return [headers["Content-Security-Policy"] for pattern, headers in rules.items()
            if "Content-Security-Policy" in headers
            and re.fullmatch(re.escape(pattern).replace("\\*", ".*"), url_path)]


def url_paths(site: Path, base_path: str = "/") -> list[str]:
    """Every file of the built site as readers ask for it, a page also at its folder's address."""
    files = [path.relative_to(site).as_posix() for path in sorted(site.rglob("*")) if path.is_file()]
    return [base_path + name for file in files if file != "_headers"
            for name in ((file, file.removesuffix("index.html")) if file.endswith("index.html") else (file,))]


def test_the_headers_file_sends_one_whole_policy_to_every_file_and_forbids_framing(policy_site: Path) -> None:
    """Hosts join every matching rule's policy and browsers apply each: two rules on one path would make the
    strictest win, blocking the search pages' index and the editor. So each file gets exactly one."""
    rules = read_headers(policy_site)
    base_path = "/op/" if "/op/*" in rules else "/"
    public, search = ({**policy, "frame-ancestors": ["'none'"]} for policy in (POLICY, SEARCH_POLICY))
    for path in url_paths(policy_site, base_path):
        sent = sent_policies(rules, path)
        assert len(sent) == 1, (path, sent)
        file = policy_site / (path.removeprefix(base_path) + ("index.html" if path.endswith("/") else ""))
        html = file.read_text(encoding="utf-8") if file.suffix == ".html" else ""
        if path.startswith(base_path + "admin/"):
            assert "'unsafe-eval'" in directives(sent[0])["script-src"], path
        else:
            assert directives(sent[0]) == (search if is_search_page(html) else public), path


def test_the_headers_file_lets_the_search_pages_run_their_index_and_the_editor_its_script(built_site: Path) -> None:
    rules = read_headers(built_site)
    for path in ("/en/search/", "/fr/recherche/", "/es/buscar/index.html"):
        assert [directives(policy) for policy in sent_policies(rules, path)] == [
            {**SEARCH_POLICY, "frame-ancestors": ["'none'"]}], path
    assert [directives(policy)["style-src"] for policy in sent_policies(rules, "/admin/")] == [
        ["'self'", "'unsafe-inline'"]]
    assert [directives(policy)["script-src"] for policy in sent_policies(rules, "/en/about/")] == [["'self'"]]


@pytest.mark.parametrize("recipe", ["github-pages.yml", "gitlab-ci.yml"])
def test_ci_recipes_are_valid_yaml_that_run_make_site(recipe: str) -> None:
    text = (REPO / "deploy" / recipe).read_text()
    assert yaml.safe_load(text)
    assert re.search(r"make site BUILD_ARGS=\"--base-url ", text)
