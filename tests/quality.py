"""Quality checks on a built site: each takes built output (files, or a page open in Chromium) and returns a list
of problems, one readable line each; an empty list means the check passed. Used by tests/test_quality.py both on
the real bundled site and on pages with a planted defect, so every check is seen to fail when it should."""

from __future__ import annotations

import base64
import gzip
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from ratify.policies import ADMIN_DIR
from tests.browser import CHROMIUM, CHROMIUM_FLAGS
from tests.conftest import REPO

VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
# WCAG 2.2 level A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE_MINIMUM = 0.95
# What fits in the first round trips of a new connection, and what a page may weigh on a slow phone.
HOME_BUDGET = 14 * 1024
PAGE_BUDGET = 100 * 1024
# Past this many pages, axe and the browser checks look at a sample that still has every kind of page.
SAMPLE_ABOVE = 60


# --- Pages of a built site -------------------------------------------------------------------------------------

def html_pages(site: Path) -> list[str]:
    """Every public HTML page of the built site, by its path relative to the site's folder, sorted.

    The editor's page (/admin/) is not one: it is the vendored Decap CMS, for the campaign's members, loaded only
    there, with its own policy ('unsafe-eval', inline styles), its own weight and no use without JavaScript;
    tests/test_admin.py and tests/test_cms_browser.py check it.
    """
    return sorted(page for page in (path.relative_to(site).as_posix() for path in site.rglob("*.html")
                                    if path.is_file())
                  if not page.startswith(f"{ADMIN_DIR}/"))


def page_url(base_url: str, page: str) -> str:
    """The address of a built file, as a visitor types it: `en/about/index.html` is `BASE/en/about/`."""
    return base_url + page.removesuffix("index.html")


def page_kind(page: str, pages: frozenset[str] | set[str] = frozenset()) -> tuple[str, str]:
    """(first folder, kind) read from the URL structure: the root, a language's home, its 404 page, a section's
    index (a folder with pages under it, among `pages`: `news (section)`), or a page at a given place in the tree
    (`*` stands for one slug, a section's own name is kept: `news/*`)."""
    parts = page.split("/")
    if len(parts) == 1:
        return ("", "root" if page == "index.html" else parts[0])
    language, rest = parts[0], parts[1:]
    if rest == ["index.html"]:
        return (language, "home")
    if rest[-1] != "index.html":
        return (language, rest[-1] if len(rest) == 1 else "/".join(["*"] * (len(rest) - 1) + [rest[-1]]))
    slugs = rest[:-1]
    named = "/".join([slugs[0]] + ["*"] * (len(slugs) - 1))  # the section keeps its name: it has its own template
    folder = page.removesuffix("index.html")
    if any(other != page and other.startswith(folder) for other in pages):
        return (language, named + " (section)")
    return (language, named if len(slugs) > 1 else "*")


def sample_pages(pages: list[str], limit: int = SAMPLE_ABOVE) -> list[str]:
    """All the pages when there are at most `limit`; otherwise, for each language, a few pages of every kind
    (the first, the last and evenly spaced ones between), so every template is still seen in every language."""
    if len(pages) <= limit:
        return list(pages)
    every = set(pages)
    kinds: dict[tuple[str, str], list[str]] = defaultdict(list)
    for page in sorted(pages):
        kinds[page_kind(page, every)].append(page)
    per_kind = max(2, limit // len(kinds))
    chosen: set[str] = set()
    for members in kinds.values():
        if len(members) <= per_kind:
            chosen.update(members)
            continue
        step = (len(members) - 1) / (per_kind - 1)
        chosen.update(members[round(index * step)] for index in range(per_kind))
    return sorted(chosen)


def inner_pages(pages: list[str], language: str) -> list[str]:
    """A language's pages other than its home and its 404 page."""
    return [page for page in pages
            if page_kind(page)[0] == language and page_kind(page)[1] not in ("home", "404.html")]


# --- Reading HTML ------------------------------------------------------------------------------------------------

@dataclass
class Element:
    """A start tag of a page, with where it is; for <script> and <style>, their raw text."""

    tag: str
    attributes: dict[str, str]
    line: int
    text: str = ""


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._raw: Element | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs}, self.getpos()[0])
        self.elements.append(element)
        self._raw = element if tag in ("script", "style") else None

    def handle_data(self, data: str) -> None:
        if self._raw is not None:
            self._raw.text += data

    def handle_endtag(self, tag: str) -> None:
        self._raw = None


def read_elements(html: str) -> list[Element]:
    """The elements of one HTML page in source order."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.elements


# --- 1. Nu Html Checker -------------------------------------------------------------------------------------------

def vnu_problems(site: Path) -> list[str]:
    """Errors of the Nu Html Checker on every HTML file under `site`, as `file:line: message`."""
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--format", "json",
                             str(site)], capture_output=True, text=True, timeout=300)
    output = next((stream for stream in (result.stderr, result.stdout) if stream.lstrip().startswith("{")), None)
    if output is None:
        return [f"the Nu Html Checker did not run (exit {result.returncode}): {result.stderr.strip()[:500]}"]
    problems = []
    for message in json.loads(output)["messages"]:
        if message["type"] == "info":
            continue
        where = unquote(urlsplit(message.get("url", "")).path)
        where = Path(where).relative_to(site).as_posix() if where.startswith(str(site)) else where
        problems.append(f"{where}:{message.get('lastLine', '?')}: {message['type']}: {message['message']}")
    return problems


# --- 2. axe-core ---------------------------------------------------------------------------------------------------

def axe_problems(page: object) -> list[str]:
    """axe-core's violations of WCAG 2.2 A/AA and best practices on the page open in `page`, at any impact."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    violations = Axe().run(page, options=options).response["violations"]
    return [f"{violation['id']} ({violation.get('impact')}): {violation['help']}: "
            + "; ".join(" ".join(map(str, node["target"])) for node in violation["nodes"])
            for violation in violations]


def axe_url_problems(browser: object, url: str, color_scheme: str = "light") -> list[str]:
    """axe on the page at `url`, in the light or the dark `color_scheme`. A page that sends visitors elsewhere by
    script (the root page) is checked as it shows without scripts, the only way a person sees it."""
    context = browser.new_context(color_scheme=color_scheme)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        if page.url != url:
            page.close()
            page = context.new_page()
            page.route("**/*", lambda route: route.abort() if route.request.resource_type == "script"
                       else route.continue_())
            page.goto(url, wait_until="load")
        return [f"{url}: {problem}" for problem in axe_problems(page)]
    finally:
        context.close()


# --- 3. Lighthouse -------------------------------------------------------------------------------------------------

def run_lighthouse(url: str, report: Path) -> dict:
    """Lighthouse's report on `url` with its default mobile emulation, driving Debian's Chromium."""
    environment = dict(os.environ, CHROME_PATH=CHROMIUM)
    command = ["npx", "--no-install", "lighthouse", url, "--quiet", "--output=json", f"--output-path={report}",
               f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}", "--form-factor=mobile",
               f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}"]
    result = subprocess.run(command, cwd=REPO, env=environment, capture_output=True, text=True, timeout=180)
    if result.returncode != 0 or not report.exists():
        raise RuntimeError(f"lighthouse failed on {url} (exit {result.returncode}): {result.stderr.strip()[-1000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def lighthouse_scores(report: dict) -> dict[str, float | None]:
    return {name: report["categories"][name]["score"] for name in LIGHTHOUSE_CATEGORIES}


def lighthouse_problems(report: dict, minimum: float = LIGHTHOUSE_MINIMUM) -> list[str]:
    """Each category scoring under `minimum`, with the audits that cost it points."""
    problems = []
    for name in LIGHTHOUSE_CATEGORIES:
        category = report["categories"][name]
        score = category["score"]
        if score is not None and score >= minimum:
            continue
        failing = [report["audits"][ref["id"]] for ref in category["auditRefs"] if ref["weight"] > 0]
        failing = [f"{audit['id']} ({audit['score']})" for audit in failing
                   if audit.get("score") is not None and audit["score"] < 1]
        problems.append(f"{name}: {score} < {minimum}; failing audits: {', '.join(failing) or 'none listed'}")
    if problems and report.get("runWarnings"):
        problems.append("Lighthouse warned: " + " | ".join(report["runWarnings"]))
    return problems


# --- 4. Budgets ----------------------------------------------------------------------------------------------------

def gzipped_size(data: bytes) -> int:
    """Bytes on the wire with the usual server compression (gzip level 6)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


def _css_references(css: str) -> list[str]:
    """The addresses a stylesheet loads: url(...) and @import "..."."""
    return [first or second for _, first, _, second in _CSS_URL.findall(css)]


def _local_file(site: Path, base_path: str, page: str, reference: str) -> Path | None:
    """The built file a reference in `page` points to, or None when it is on another host, inline or missing."""
    reference = reference.strip()
    if not reference or reference.startswith(("data:", "#", "mailto:", "tel:")):
        return None
    prefix = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    parts = urlsplit(urljoin(prefix + page, reference))
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path.startswith(prefix):
        return None
    target = site / path[len(prefix):]
    if path.endswith("/"):
        target = target / "index.html"
    return target if target.is_file() else None


def _referenced(element: Element) -> list[str]:
    """What an element makes the browser load: stylesheets, scripts, images, icons, media, preloads."""
    attributes = element.attributes
    found: list[str] = []
    if element.tag == "link" and set(attributes.get("rel", "").lower().split()) & {
            "stylesheet", "icon", "preload", "modulepreload", "apple-touch-icon", "manifest"}:
        found.append(attributes.get("href", ""))
    if element.tag in ("script", "img", "source", "video", "audio", "iframe", "embed", "input", "track"):
        found.append(attributes.get("src", ""))
    if element.tag == "video":
        found.append(attributes.get("poster", ""))
    if element.tag == "object":
        found.append(attributes.get("data", ""))
    for candidate in attributes.get("srcset", "").split(","):
        found.append(candidate.strip().split(" ")[0])
    found.extend(_css_references(attributes.get("style", "")))
    return [reference for reference in found if reference]


def base_path_of(site: Path) -> str:
    """The path the site lives under (`/`, or `/op/` for https://ratify-fixture.org/op/), read from the canonical link
    of its root page."""
    root = site / "index.html"
    if root.is_file():
        for element in read_elements(root.read_text(encoding="utf-8")):
            if element.tag == "link" and element.attributes.get("rel") == "canonical":
                return urlsplit(element.attributes.get("href", "/")).path or "/"
    return "/"


def page_files(site: Path, page: str, base_path: str | None = None) -> dict[str, int]:
    """The page and everything it loads from the site (CSS, with what the CSS loads; scripts; images), each
    counted once, by path relative to `site`, with its gzipped size."""
    base_path = base_path_of(site) if base_path is None else base_path
    sizes: dict[str, int] = {}
    html = (site / page).read_bytes()
    sizes[page] = gzipped_size(html)
    for element in read_elements(html.decode("utf-8")):
        for reference in _referenced(element):
            target = _local_file(site, base_path, page, reference)
            if target is None:
                continue
            name = target.relative_to(site).as_posix()
            if name in sizes:
                continue
            data = target.read_bytes()
            sizes[name] = gzipped_size(data)
            if target.suffix == ".css":
                for url in _css_references(data.decode("utf-8")):
                    inner = _local_file(site, base_path, name, url)
                    if inner is not None:
                        sizes.setdefault(inner.relative_to(site).as_posix(), gzipped_size(inner.read_bytes()))
    return sizes


def home_budget_problems(site: Path, language: str, base_path: str | None = None,
                         budget: int = HOME_BUDGET) -> list[str]:
    """The home page of `language`: its HTML and its stylesheets together must stay under `budget` gzipped."""
    page = f"{language}/index.html"
    sizes = {name: size for name, size in page_files(site, page, base_path).items()
             if name == page or name.endswith(".css")}
    total = sum(sizes.values())
    if total < budget:
        return []
    return [f"{page}: HTML + CSS is {total} bytes gzipped, budget {budget}: {sizes}"]


def page_budget_problems(site: Path, pages: list[str], base_path: str | None = None,
                         budget: int = PAGE_BUDGET) -> list[str]:
    """Each page that weighs `budget` or more gzipped with everything it loads."""
    problems = []
    for page in pages:
        sizes = page_files(site, page, base_path)
        if sum(sizes.values()) >= budget:
            heaviest = sorted(sizes.items(), key=lambda item: -item[1])[:5]
            problems.append(f"{page}: {sum(sizes.values())} bytes gzipped with what it loads, budget {budget}; "
                            f"heaviest: {heaviest}")
    return problems


# --- 5. Requests and reading without JavaScript --------------------------------------------------------------------

def foreign_request_problems(browser: object, url: str) -> list[str]:
    """Every request the page at `url` makes in Chromium to anywhere but the server it came from, and every
    load its Content-Security-Policy had to block. Requests to other hosts are recorded, then aborted, so the
    check never reaches outside this machine."""
    own = urlsplit(url)

    def is_own(address: str) -> bool:
        parts = urlsplit(address)
        return (parts.scheme, parts.netloc) == (own.scheme, own.netloc) or parts.scheme in ("data", "blob")

    context = browser.new_context()
    context.route("**/*", lambda route: route.continue_() if is_own(route.request.url) else route.abort())
    page = context.new_page()
    requests: list[str] = []
    blocked: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: blocked.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text else None)
    try:
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    return ([f"{url}: requests {request}" for request in requests if not is_own(request)]
            + [f"{url}: {message}" for message in blocked])


def foreign_reference_problems(site: Path, page: str) -> list[str]:
    """What the built `page`, and the stylesheets it links, tell a browser to load from another host: read from
    the files, so it covers every page of a site too large to load each one in Chromium."""
    html = (site / page).read_text(encoding="utf-8")
    base_path = base_path_of(site)
    problems = []
    for element in read_elements(html):
        for reference in _referenced(element):
            if urlsplit(reference.strip()).netloc:
                problems.append(f"{page}:{element.line}: <{element.tag}> loads {reference}")
            target = _local_file(site, base_path, page, reference)
            if target is not None and target.suffix == ".css":
                problems += [f"{target.relative_to(site).as_posix()}: loads {url}"
                             for url in _css_references(target.read_text(encoding="utf-8")) if urlsplit(url).netloc]
    return problems


def no_javascript_problems(browser: object, url: str) -> list[str]:
    """With JavaScript off, the page at `url` must show an <h1> with text, and its <main> must be visible with
    text besides that heading."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    problems = []
    try:
        page.goto(url, wait_until="load")
        headings, mains = page.locator("h1"), page.locator("main")
        heading_text = ""
        if headings.count() == 0:
            problems.append(f"{url}: no <h1> without JavaScript")
        elif not headings.first.is_visible() or not headings.first.inner_text().strip():
            problems.append(f"{url}: the <h1> is hidden or empty without JavaScript")
        else:
            heading_text = headings.first.inner_text().strip()
        if mains.count() == 0:
            problems.append(f"{url}: no <main> without JavaScript")
        elif not mains.first.is_visible() or not mains.first.inner_text().replace(heading_text, "", 1).strip():
            problems.append(f"{url}: the main content is hidden or empty without JavaScript")
    finally:
        context.close()
    return problems


# --- 6. Security of the output -------------------------------------------------------------------------------------

_SAFE_SOURCES = {"'self'", "'none'"}
# Lets a page compile WebAssembly, nothing else: allowed on the search page only (Pagefind's index runs as wasm).
_WASM = "'wasm-unsafe-eval'"
_UNSAFE = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'"}
_HASH = re.compile(r"'sha(256|384|512)-[A-Za-z0-9+/=_-]+'")
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "cite", "background", "ping",
                   "xlink:href", "manifest", "codebase", "longdesc", "usemap", "srcdoc"}
# Script types that the browser runs; any other (JSON-LD, import maps aside) is a data block that CSP ignores.
_SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
                 "text/ecmascript", "importmap"}


def content_security_policy(elements: list[Element]) -> dict[str, list[str]] | None:
    """The directives of the page's CSP meta tag (the first one), or None when it has none."""
    for element in elements:
        if element.tag == "meta" and element.attributes.get("http-equiv", "").lower() == "content-security-policy":
            directives: dict[str, list[str]] = {}
            for directive in element.attributes.get("content", "").split(";"):
                words = directive.split()
                if words:
                    directives.setdefault(words[0].lower(), words[1:])
            return directives
    return None


def security_problems(page: str, html: str) -> list[str]:
    """A CSP meta tag, ahead of what it governs, that allows no inline code and no other origin for scripts and
    styles; no inline script or style sheet without its hash in the CSP (the CSP would block it); no
    event-handler or style attributes; no `javascript:` URLs."""
    elements = read_elements(html)
    policy = content_security_policy(elements)
    problems: list[str] = []
    if policy is None:
        problems.append(f"{page}: no Content-Security-Policy meta tag")
        policy = {}
    else:
        governed = next((element for element in elements if element.tag in ("script", "style") or (
            element.tag == "link" and {"stylesheet", "preload", "modulepreload"}
            & set(element.attributes.get("rel", "").lower().split()))), None)
        meta = next(element for element in elements if element.tag == "meta"
                    and element.attributes.get("http-equiv", "").lower() == "content-security-policy")
        if governed is not None and elements.index(governed) < elements.index(meta):
            problems.append(f"{page}:{meta.line}: the CSP meta tag comes after <{governed.tag}> on line "
                            f"{governed.line}, which it therefore does not govern")
    for name, sources in policy.items():
        for source in sources:
            if source.lower() in _UNSAFE:
                problems.append(f"{page}: CSP {name} allows {source}")
    effective: dict[str, list[str]] = {}
    for name in ("script-src", "style-src"):
        sources = policy.get(name, policy.get("default-src"))
        if sources is None:
            if policy:
                problems.append(f"{page}: CSP has neither {name} nor default-src, so it does not restrict {name}")
            continue
        effective[name] = sources
        for source in sources:
            if source.lower() == _WASM and name == "script-src":
                if "data-search" not in html:
                    problems.append(f"{page}: CSP script-src allows {_WASM} on a page without the search form")
                continue
            if source.lower() not in _SAFE_SOURCES | _UNSAFE and not _HASH.fullmatch(source):
                problems.append(f"{page}: CSP {name} allows another origin: {source}")
    script_hashes = {source for source in effective.get("script-src", []) if _HASH.fullmatch(source)}
    style_hashes = {source for source in effective.get("style-src", []) if _HASH.fullmatch(source)}
    for element in elements:
        where = f"{page}:{element.line}: <{element.tag}>"
        if element.tag == "script" and "src" not in element.attributes \
                and element.attributes.get("type", "").lower() in _SCRIPT_TYPES:
            digest = base64.b64encode(hashlib.sha256(element.text.encode("utf-8")).digest()).decode("ascii")
            if f"'sha256-{digest}'" not in script_hashes:
                problems.append(f"{where} inline script whose hash 'sha256-{digest}' is not in the CSP")
        if element.tag == "style":
            digest = base64.b64encode(hashlib.sha256(element.text.encode("utf-8")).digest()).decode("ascii")
            if f"'sha256-{digest}'" not in style_hashes:
                problems.append(f"{where} inline style sheet, blocked by the CSP (its hash is not listed)")
        for name, value in element.attributes.items():
            if name.startswith("on"):
                problems.append(f"{where} event handler attribute {name}={value!r}")
            if name == "style":
                problems.append(f"{where} style attribute {value!r}, blocked by the CSP")
            cleaned = re.sub(r"[\x00-\x20]", "", value).lower()
            if (name in _URL_ATTRIBUTES or name == "srcset") and cleaned.startswith("javascript:"):
                problems.append(f"{where} javascript: URL in {name}")
            if element.tag == "meta" and name == "content" and "url=javascript:" in cleaned:
                problems.append(f"{where} javascript: URL in a meta refresh")
    return problems


# --- 7. External links ---------------------------------------------------------------------------------------------

_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def external_link_problems(page: str, html: str) -> list[str]:
    """Every http(s) address in the page (links, sources, citations) parses with a scheme and a valid host.
    Nothing is fetched."""
    problems = []
    for element in read_elements(html):
        for name in ("href", "src", "cite", "action", "poster", "data"):
            value = element.attributes.get(name)
            if value is None:
                continue
            stripped = value.strip()
            looks_external = re.match(r"^(https?:|//|https?/|www\.)", stripped, re.IGNORECASE)
            if not looks_external:
                continue
            where = f"{page}:{element.line}: <{element.tag} {name}={value!r}>"
            problem = _address_problem(stripped)
            if problem:
                problems.append(f"{where}: {problem}")
    return problems


def _address_problem(address: str) -> str | None:
    if re.search(r"\s", address):
        return "contains white space"
    try:
        parts = urlsplit(address)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as error:
        return f"does not parse: {error}"
    if parts.scheme.lower() not in ("http", "https"):
        return "has no http(s) scheme"
    host = parts.hostname or ""
    if not host:
        return "has no host"
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return f"host {host!r} is not a valid name"
    labels = ascii_host.rstrip(".").split(".")
    if not all(_HOST_LABEL.match(label) for label in labels) and not re.fullmatch(r"\[[0-9a-f:.]+\]", host):
        return f"host {host!r} is not a valid name"
    if len(labels) < 2 and host != "localhost":
        return f"host {host!r} has no domain"
    return None


# --- 8. Keyboard ---------------------------------------------------------------------------------------------------

# Runs in the page: the elements Tab visits, in DOM order, kept on window for later calls; each described.
_LIST_TABBABLES = """() => {
  const selector = 'a[href], area[href], button, input, select, textarea, iframe, summary, details, '
    + '[tabindex], [contenteditable=""], [contenteditable="true"], audio[controls], video[controls]';
  const tabbable = [...document.querySelectorAll(selector)].filter(element =>
    element.tabIndex >= 0 && !element.disabled && !element.closest('[inert]')
    && element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden'
    // not rendered, and skipped by Tab, inside a closed <details>: checkVisibility() says so
    && (!element.checkVisibility || element.checkVisibility()));
  window.__tabbables = tabbable;
  const main = document.querySelector('main, [role=main]');
  const isMainTarget = target => !!target && !!main && (main.contains(target) || target.contains(main));
  // The language switcher: the first <nav> with links marked hreflang; the menu: the first other <nav>.
  const navs = [...document.querySelectorAll('nav')];
  const switcher = navs.find(nav => nav.querySelector('a[hreflang]'));
  const menu = navs.find(nav => nav !== switcher);
  return tabbable.map(element => ({
    tabindex: element.tabIndex,
    name: element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')
      + ' "' + (element.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '"'
      + (element.getAttribute('href') ? ' ' + element.getAttribute('href') : ''),
    skip: element.matches('a[href^="#"]')
      && isMainTarget(document.getElementById(decodeURIComponent(element.getAttribute('href').slice(1)))),
    switcher: !!switcher && switcher.contains(element),
    menu: !!menu && menu.contains(element),
  }));
}"""

# Runs in the page: the focus indicator of a tabbable element (by index, or the focused one with -1).
_FOCUS_STYLE = """(index) => {
  const element = index < 0 ? document.activeElement : window.__tabbables[index];
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  return {
    index: window.__tabbables.indexOf(document.activeElement),
    focused: document.hasFocus() && document.activeElement !== document.body,
    outline: style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0 ? 'none'
      : [style.outlineStyle, style.outlineWidth, style.outlineColor].join(' '),
    shadow: style.boxShadow,
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
      && box.top < window.innerHeight && box.left < window.innerWidth,
  };
}"""


def keyboard_problems(page: object) -> list[str]:
    """Tab through the page open in `page` from the top: the skip link comes first, then the language switcher,
    then the menu; focus follows the DOM, shows a visible indicator on every element, visits them all and then
    leaves the page and comes back to the top (it is never trapped)."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    tabbables = page.evaluate(_LIST_TABBABLES)
    names = [entry["name"] for entry in tabbables]
    problems = [f"tabindex={entry['tabindex']} on {entry['name']} changes the order from the DOM's"
                for entry in tabbables if entry["tabindex"] > 0]
    if not tabbables:
        return problems + ["nothing on the page can be reached with Tab"]
    resting = [page.evaluate(_FOCUS_STYLE, index) for index in range(len(tabbables))]
    visited: list[int] = []
    for step in range(len(tabbables) + 2):
        page.keyboard.press("Tab")
        state = page.evaluate(_FOCUS_STYLE, -1) if page.evaluate("document.activeElement !== null") else None
        index = state["index"] if state and state["focused"] else -1
        visited.append(index)
        if index < 0 or step >= len(tabbables):
            continue
        before = resting[index]
        shows = (state["outline"] != "none" and state["outline"] != before["outline"]) or (
            state["shadow"] not in ("none", before["shadow"]))
        if not shows:
            problems.append(f"no visible focus indicator on {names[index]} (outline {state['outline']}, "
                            f"box-shadow {state['shadow']}, same as unfocused)")
        if not state["onScreen"]:
            problems.append(f"{names[index]} is off screen when focused")
    walk = visited[:len(tabbables)]
    if walk != list(range(len(tabbables))):
        problems.append("Tab does not follow the DOM order: visited "
                        + " -> ".join(names[index] if index >= 0 else "(outside the page)" for index in walk)
                        + "; expected " + " -> ".join(names))
    after = visited[len(tabbables):]
    if not (after[0] == -1 and after[1] == 0) and after[0] != 0:
        problems.append("focus is trapped: after the last element Tab went to "
                        + ", ".join(names[index] if index >= 0 else "(outside the page)" for index in after)
                        + " instead of leaving the page and coming back to the top")
    if not tabbables[0]["skip"]:
        problems.append(f"the first element Tab reaches is {names[0]}, not a skip link to the main content")
    switcher = [index for index, entry in enumerate(tabbables) if entry["switcher"]]
    menu = [index for index, entry in enumerate(tabbables) if entry["menu"]]
    if not switcher:
        problems.append("there is no language switcher (a <nav> with links marked hreflang)")
    if not menu:
        problems.append("there is no menu (a <nav> other than the language switcher)")
    reached = {index for index in walk if index >= 0}
    for index in switcher + menu:
        if index not in reached:
            problems.append(f"Tab never reaches {names[index]}")
    if switcher and menu and max(switcher) > min(menu):
        problems.append("the menu comes before the end of the language switcher")
    return problems


def tools_missing() -> dict[str, str]:
    """What the quality checks need and this machine lacks: {tool: what to do about it}."""
    missing = {}
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        missing["chromium"] = "Debian's chromium is not installed (.ci/run installs it)"
    if not shutil.which("java"):
        missing["java"] = "no Java runtime for the Nu Html Checker (.ci/run installs default-jre-headless)"
    if not VNU_JAR.exists() or not LIGHTHOUSE.exists():
        missing["npm"] = "the npm packages vnu-jar and lighthouse are not installed (make test runs npm ci)"
    if not all(importlib.util.find_spec(name) for name in ("playwright", "axe_playwright_python")):
        missing["playwright"] = "playwright or axe-playwright-python is not installed (make test installs them)"
    return missing


# --- Phones: overflow, text size, tap targets, focus, the header ---------------------------------------------------

PHONE_WIDTHS = (320, 390)
SMALLEST_TEXT = 12  # CSS px, SVG text as scaled on screen
SMALLEST_TARGET = 24  # CSS px, WCAG 2.2 success criterion 2.5.8 (AA)
FOCUS_CONTRAST = 3  # WCAG 2.2 success criterion 1.4.11: a focus indicator against what it appears on
HEADER_SHARE = 0.2  # of a phone's screen

# In the page: what does not fit a phone. Every target is at least 24 px both ways (stricter than WCAG 2.5.8, which
# lets a small target off when it has room around it), except a link inside a sentence and the map's States
# (pointer shortcuts: the table has the same links, and a tap names the State before opening it, tracker.js).
_PHONE_PROBLEMS = """([smallestText, smallestTarget]) => {
  const problems = [];
  const over = document.documentElement.scrollWidth - innerWidth;
  if (over > 0) problems.push(`scrolls sideways by ${over} px at ${innerWidth} px`);
  const describe = (el) => `<${el.tagName.toLowerCase()}${el.className && typeof el.className === "string"
    ? ' class="' + el.className + '"' : ""}> "${(el.textContent || el.value || "").trim().slice(0, 40)}"`;
  const shown = (el) => el.checkVisibility({visibilityProperty: true}) && !el.closest("[aria-hidden=true] title")
    && (() => { const box = el.getBoundingClientRect(); return box.width > 1 && box.height > 1; })();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const reported = new Set();
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || !el || reported.has(el)) continue;
    if (el.closest("title, desc, script, style, noscript, template") || !shown(el)) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) { const m = el.getScreenCTM(); size *= Math.hypot(m.a, m.b); }
    if (size < smallestText - 0.05) {
      reported.add(el);
      problems.push(`text of ${size.toFixed(1)} px at ${innerWidth} px: ${describe(el)}`);
    }
  }
  const targets = [...document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])")]
    .filter((el) => !el.closest("svg") && shown(el) && !el.closest(".skip-link, .form-trap"));
  const boxes = targets.map((el) => el.getBoundingClientRect());
  const inSentence = (el) => {
    if (getComputedStyle(el).display !== "inline") return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display === "inline") block = block.parentElement;
    return block && block.textContent.trim().length > el.textContent.trim().length + 1;
  };
  targets.forEach((el, index) => {
    const box = boxes[index];
    if ((box.width >= smallestTarget - 0.5 && box.height >= smallestTarget - 0.5) || inSentence(el)) return;
    problems.push(`target of ${box.width.toFixed(0)}x${box.height.toFixed(0)} px at ${innerWidth} px: ${describe(el)}`);
  });
  return problems;
}"""


def phone_problems(page: object, widths: tuple[int, ...] = PHONE_WIDTHS) -> list[str]:
    """What does not fit a phone on the page open in `page`, at each of `widths`: sideways scrolling, text under
    12 px, tap targets under 24 px. The page is resized, not reloaded."""
    problems: list[str] = []
    for width in widths:
        page.set_viewport_size({"width": width, "height": 800})
        problems += page.evaluate(_PHONE_PROBLEMS, [SMALLEST_TEXT, SMALLEST_TARGET])
    return problems


# In the page: the element focused now, its outline, and the colours the outline is drawn on: what lies under the
# middle of the ring on each of the element's four sides (the nearest background that is not transparent there).
_FOCUS_RING = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el), box = el.getBoundingClientRect();
  const width = parseFloat(style.outlineWidth), away = parseFloat(style.outlineOffset) + width / 2;
  const points = [[box.left + box.width / 2, box.top - away], [box.left + box.width / 2, box.bottom + away],
                  [box.left - away, box.top + box.height / 2], [box.right + away, box.top + box.height / 2]];
  const backgrounds = new Set();
  for (const [x, y] of points) {
    const under = document.elementsFromPoint(x, y).find((other) => other !== el && !el.contains(other));
    if (!under) continue;
    let colour = "rgb(255, 255, 255)";
    for (let behind = under; behind; behind = behind.parentElement) {
      const value = getComputedStyle(behind).backgroundColor;
      if (!/^rgba\\(.*, 0\\)$/.test(value) && value !== "transparent") { colour = value; break; }
    }
    backgrounds.add(colour);
  }
  return {name: `<${el.tagName.toLowerCase()}> "${(el.textContent || el.value || "").trim().slice(0, 30)}"`,
          outline: style.outlineStyle === "none" ? null : style.outlineColor, width,
          backgrounds: [...backgrounds], inHeader: !!el.closest("header")};
}"""


def _rgb(css_colour: str) -> tuple[float, float, float]:
    """'rgb(31, 78, 156)' -> linear RGB, for tests.colour."""
    from tests.colour import linear_rgb

    red, green, blue = (int(float(part)) for part in re.findall(r"[\d.]+", css_colour)[:3])
    return linear_rgb(f"#{red:02x}{green:02x}{blue:02x}")


def focus_contrast_problems(page: object, most: int = 60) -> list[str]:
    """Tab through the page open in `page` (at most `most` stops): every focused element shows an outline at least
    2 px wide whose colour has 3:1 contrast against each background it is drawn on, in the header and below."""
    from tests.colour import contrast_ratio

    page.evaluate("document.activeElement && document.activeElement.blur()")
    problems, seen = [], set()
    for _ in range(most):
        page.keyboard.press("Tab")
        ring = page.evaluate(_FOCUS_RING)
        if ring is None or ring["name"] in seen:
            break
        seen.add(ring["name"])
        where = "on the header" if ring["inHeader"] else "on the page"
        if not ring["outline"] or ring["width"] < 2:
            problems.append(f"{ring['name']} {where}: no focus outline of 2 px or more")
            continue
        for background in ring["backgrounds"]:
            ratio = contrast_ratio(_rgb(ring["outline"]), _rgb(background))
            if ratio < FOCUS_CONTRAST:
                problems.append(f"{ring['name']} {where}: focus ring {ring['outline']} on {background} "
                                f"has {ratio:.2f}:1, under {FOCUS_CONTRAST}:1")
    return problems


def header_share(page: object, width: int, height: int) -> float:
    """How much of a `width` x `height` phone screen the header of the page open in `page` takes, 0..1."""
    page.set_viewport_size({"width": width, "height": height})
    return page.evaluate("document.querySelector('header').getBoundingClientRect().height") / height
