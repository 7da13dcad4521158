"""Quality checks on the real bundled site in every language (valid HTML, accessibility, Lighthouse, weight, no
other host, no JavaScript needed, a strict CSP, well-formed external links, the keyboard), each also shown to
fail on the small fixture site with a defect planted in its output."""

from __future__ import annotations

import base64
import os
import random
import re
from pathlib import Path
from typing import Iterator

import pytest

from ratify.config import read_config
from ratify.pipeline import build
from tests import quality
from tests.browser import serve_folder
from tests.conftest import REPO, make_site

_missing = quality.tools_missing()
if _missing and os.environ.get("CI"):
    raise RuntimeError(f"the quality checks must run in CI: {'; '.join(_missing.values())}")


def _need(*tools: str) -> None:
    """Skip (outside CI, where every tool must be there) when a tool this test needs is missing."""
    lacking = [_missing[tool] for tool in tools if tool in _missing]
    if lacking:
        pytest.skip("; ".join(lacking))


# --- The real site ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pages(built_site: Path) -> list[str]:
    return quality.html_pages(built_site)


@pytest.fixture(scope="module")
def languages() -> list[str]:
    return list(read_config(REPO).language_codes)


def _report(problems: list[str]) -> str:
    return f"{len(problems)} problem(s):\n" + "\n".join(problems)


def test_the_html_is_valid(built_site: Path) -> None:
    _need("java", "npm")
    problems = quality.vnu_problems(built_site)
    print(f"Nu Html Checker: {len(problems)} error(s) in {len(quality.html_pages(built_site))} pages")
    assert not problems, _report(problems)


@pytest.mark.browser
def test_no_axe_violation_on_any_page_in_any_language(browser, site_url: str, pages: list[str]) -> None:
    problems = []
    for page in quality.sample_pages(pages):
        found = quality.axe_url_problems(browser, quality.page_url(site_url, page))
        print(f"axe {page}: {len(found)} violation(s)")
        problems += found
    assert not problems, _report(problems)


@pytest.mark.browser
@pytest.mark.lighthouse
@pytest.mark.parametrize("path", ["en/", "fr/", "fr/etats/", "es/declaracion/"])  # home, status page, declaration
def test_lighthouse_scores_the_main_pages_well(site_url: str, path: str, tmp_path: Path) -> None:
    _need("chromium", "npm")
    report = quality.run_lighthouse(f"{site_url}{path}", tmp_path / "lighthouse.json")
    print(f"lighthouse /{path}: {quality.lighthouse_scores(report)}")
    problems = quality.lighthouse_problems(report)
    assert not problems, _report(problems)


def test_each_home_page_fits_the_first_round_trips(built_site: Path, languages: list[str]) -> None:
    problems = []
    for language in languages:
        sizes = quality.page_files(built_site, f"{language}/index.html")
        print(f"home /{language}/ HTML + CSS gzipped: "
              f"{sum(size for name, size in sizes.items() if name.endswith(('.html', '.css')))} bytes")
        problems += quality.home_budget_problems(built_site, language)
    assert languages and not problems, _report(problems)


def test_no_page_is_heavier_than_the_budget(built_site: Path, pages: list[str]) -> None:
    heaviest = max(pages, key=lambda page: sum(quality.page_files(built_site, page).values()))
    print(f"heaviest page {heaviest}: {sum(quality.page_files(built_site, heaviest).values())} bytes gzipped")
    problems = quality.page_budget_problems(built_site, pages)
    assert not problems, _report(problems)


@pytest.mark.browser
def test_nothing_is_requested_from_another_host(browser, built_site: Path, site_url: str, pages: list[str]) -> None:
    problems = sorted({problem for page in pages for problem in quality.foreign_reference_problems(built_site, page)})
    for page in quality.sample_pages(pages):
        problems += quality.foreign_request_problems(browser, quality.page_url(site_url, page))
    assert not problems, _report(problems)


@pytest.mark.browser
def test_every_page_reads_without_javascript(browser, site_url: str, pages: list[str]) -> None:
    problems = []
    for page in quality.sample_pages(pages):
        problems += quality.no_javascript_problems(browser, quality.page_url(site_url, page))
    assert not problems, _report(problems)


def test_the_output_is_locked_down_by_its_content_security_policy(built_site: Path, pages: list[str]) -> None:
    problems = []
    for page in pages:
        problems += quality.security_problems(page, (built_site / page).read_text(encoding="utf-8"))
    assert not problems, _report(problems)


def test_external_links_are_well_formed(built_site: Path, pages: list[str]) -> None:
    problems = []
    for page in pages:
        problems += quality.external_link_problems(page, (built_site / page).read_text(encoding="utf-8"))
    assert not problems, _report(problems)


@pytest.mark.browser
def test_a_keyboard_reaches_everything_in_order_with_visible_focus(
        browser, site_url: str, pages: list[str], languages: list[str]) -> None:
    problems = []
    for language in languages:
        inner = quality.inner_pages(pages, language)
        assert inner, f"no inner page in {language}"
        for page in (f"{language}/index.html", inner[0]):
            problems += [f"{page}: {problem}" for problem in _walk(browser, quality.page_url(site_url, page))]
    assert not problems, _report(problems)


def _walk(browser, url: str) -> list[str]:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        return quality.keyboard_problems(page)
    finally:
        context.close()


# --- Each check fails on a planted defect ----------------------------------------------------------------------

def _build_fixture(tmp_path: Path, base_url: str | None = None) -> Path:
    out = tmp_path / "public"
    build(make_site(tmp_path / "site"), out, base_url)
    return out


def _plant(out: Path, page: str, before: str, addition: str) -> None:
    """Insert `addition` in the built `page` just before the first `before`."""
    path = out / page
    html = path.read_text(encoding="utf-8")
    assert before in html, f"{before!r} is not in {page}"
    path.write_text(html.replace(before, addition + before, 1), encoding="utf-8")


def _replace(out: Path, page: str, old: str, new: str) -> None:
    path = out / page
    html = path.read_text(encoding="utf-8")
    assert old in html, f"{old!r} is not in {page}"
    path.write_text(html.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def served_fixture(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """The fixture site built for, and served at, a local address."""
    out = tmp_path / "public"
    with serve_folder(out) as url:
        _build_fixture(tmp_path, url)
        yield out, url


def test_the_fixture_site_passes_the_static_checks(tmp_path: Path) -> None:
    """The planted defects below are the only reason their checks fail."""
    out = _build_fixture(tmp_path)
    pages = quality.html_pages(out)
    assert [problem for page in pages
            for problem in quality.security_problems(page, (out / page).read_text(encoding="utf-8"))] == []
    assert [problem for page in pages
            for problem in quality.external_link_problems(page, (out / page).read_text(encoding="utf-8"))] == []
    assert [problem for page in pages for problem in quality.foreign_reference_problems(out, page)] == []
    assert quality.page_budget_problems(out, pages) == []
    assert quality.home_budget_problems(out, "en") == []


def test_a_large_site_is_sampled_with_every_kind_of_page_in_every_language() -> None:
    pages = ["index.html", "404.html"]
    for language, section in (("en", "states"), ("fr", "etats"), ("es", "estados")):
        pages += [f"{language}/index.html", f"{language}/404.html", f"{language}/about/index.html",
                  f"{language}/{section}/index.html", f"{language}/news/2013/05/entry-into-force/index.html"]
        pages += [f"{language}/{section}/{number:03}/index.html" for number in range(200)]
    sample = quality.sample_pages(sorted(pages))
    assert len(sample) <= quality.SAMPLE_ABOVE
    every = set(pages)
    assert {quality.page_kind(page, every) for page in sample} == {quality.page_kind(page, every) for page in pages}
    assert {"en/states/000/index.html", "en/states/199/index.html", "fr/etats/index.html"} <= set(sample)
    assert quality.sample_pages(pages[:50]) == pages[:50]


def test_the_html_check_reports_a_stray_end_tag(tmp_path: Path) -> None:
    _need("java", "npm")
    out = _build_fixture(tmp_path)
    _plant(out, "en/about/index.html", "</main>", "</div>\n")
    problems = quality.vnu_problems(out)
    assert len(problems) == 1 and re.match(r"en/about/index\.html:\d+: error: Stray end tag “div”", problems[0]), \
        problems


@pytest.mark.browser
def test_axe_reports_an_image_without_alt_text(browser, served_fixture: tuple[Path, str]) -> None:
    out, url = served_fixture
    _plant(out, "en/about/index.html", "</article>", '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">\n')
    problems = quality.axe_url_problems(browser, url + "en/about/")
    assert any("image-alt (critical)" in problem for problem in problems), problems
    assert quality.axe_url_problems(browser, url + "en/join/") == []


@pytest.mark.browser
@pytest.mark.lighthouse
def test_lighthouse_reports_a_page_without_title_description_or_alt_text(served_fixture: tuple[Path, str],
                                                                         tmp_path: Path) -> None:
    _need("chromium", "npm")
    out, url = served_fixture
    page = "en/about/index.html"
    html = (out / page).read_text(encoding="utf-8")
    html = re.sub(r"<title>.*?</title>|<meta name=\"description\"[^>]*>", "", html)
    html = html.replace("</article>", '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="300">'
                        '<a href="/en/"></a></article>')
    (out / page).write_text(html, encoding="utf-8")
    problems = quality.lighthouse_problems(quality.run_lighthouse(url + "en/about/", tmp_path / "lighthouse.json"))
    assert any(problem.startswith("seo:") and "meta-description" in problem for problem in problems), problems
    assert any(problem.startswith("accessibility:") and "image-alt" in problem for problem in problems), problems


def test_the_budgets_report_a_heavy_inline_blob(tmp_path: Path) -> None:
    out = _build_fixture(tmp_path)
    blob = base64.b64encode(random.Random(0).randbytes(150_000)).decode("ascii")
    _plant(out, "en/index.html", "</article>", f'<img alt="" src="data:image/png;base64,{blob}">\n')
    home = quality.home_budget_problems(out, "en")
    assert len(home) == 1 and home[0].startswith("en/index.html: HTML + CSS is "), home
    assert quality.home_budget_problems(out, "fr") == []
    pages = quality.page_budget_problems(out, quality.html_pages(out))
    assert len(pages) == 1 and pages[0].startswith("en/index.html: "), pages


def test_the_page_weight_counts_what_the_page_loads(tmp_path: Path) -> None:
    out = _build_fixture(tmp_path)
    heavy = out / "static" / "heavy.png"
    heavy.write_bytes(random.Random(1).randbytes(120_000))
    _plant(out, "fr/index.html", "</article>", '<img alt="" src="../static/heavy.png">\n')
    files = quality.page_files(out, "fr/index.html")
    assert "static/heavy.png" in files and any(name.endswith(".css") for name in files), files
    problems = quality.page_budget_problems(out, ["fr/index.html"])
    assert len(problems) == 1 and "static/heavy.png" in problems[0], problems


@pytest.mark.browser
def test_the_request_check_reports_an_image_from_another_host(browser, served_fixture: tuple[Path, str]) -> None:
    out, url = served_fixture
    assert quality.foreign_request_problems(browser, url + "en/about/") == []
    _plant(out, "en/join/index.html", "</article>", '<img alt="" src="https://example.com/x.png">\n')
    problems = quality.foreign_request_problems(browser, url + "en/join/")
    assert f"{url}en/join/: requests https://example.com/x.png" in problems, problems
    assert [re.sub(r":\d+:", ":N:", problem) for problem in quality.foreign_reference_problems(
        out, "en/join/index.html")] == ["en/join/index.html:N: <img> loads https://example.com/x.png"]

    stylesheet = _stylesheet(out)
    with stylesheet.open("a", encoding="utf-8") as css:
        css.write('\nbody { background-image: url("https://example.com/paper.png"); }\n')
    assert quality.foreign_reference_problems(out, "en/about/index.html") == [
        f"{stylesheet.relative_to(out).as_posix()}: loads https://example.com/paper.png"]
    problems = quality.foreign_request_problems(browser, url + "en/about/")
    assert f"{url}en/about/: requests https://example.com/paper.png" in problems, problems


@pytest.mark.browser
def test_the_no_javascript_check_reports_hidden_content(browser, served_fixture: tuple[Path, str]) -> None:
    out, url = served_fixture
    _replace(out, "en/join/index.html", '<main id="content"', '<main hidden id="content"')
    _replace(out, "fr/index.html", "<h1>", "<h1 hidden>")
    _replace(out, "en/about/index.html", "<h1>", "<p>")
    assert quality.no_javascript_problems(browser, url + "en/join/") == [
        f"{url}en/join/: the <h1> is hidden or empty without JavaScript",
        f"{url}en/join/: the main content is hidden or empty without JavaScript"]
    assert quality.no_javascript_problems(browser, url + "fr/") == [
        f"{url}fr/: the <h1> is hidden or empty without JavaScript"]
    assert quality.no_javascript_problems(browser, url + "en/about/") == [f"{url}en/about/: no <h1> without JavaScript"]
    assert quality.no_javascript_problems(browser, url + "fr/rejoindre/") == []


def test_the_security_check_reports_inline_code_and_a_loose_policy(tmp_path: Path) -> None:
    out = _build_fixture(tmp_path)
    _plant(out, "en/about/index.html", "</article>",
           '<script>alert(1)</script>\n<button onclick="go()">Go</button>\n'
           '<a href=" JavaScript:alert(1)">x</a>\n<p style="color: red">red</p>\n')
    _replace(out, "fr/index.html", "style-src 'self'", "style-src 'self' 'unsafe-inline'")
    _replace(out, "en/join/index.html", "script-src 'self'", "script-src 'self' https://cdn.example.com")
    _replace(out, "fr/about/index.html", 'http-equiv="Content-Security-Policy"', 'http-equiv="X-Nothing"')
    _plant(out, "en/index.html", '<meta http-equiv="Content-Security-Policy"', '<link rel="stylesheet" href="a.css">')
    problems = {page: quality.security_problems(page, (out / page).read_text(encoding="utf-8"))
                for page in quality.html_pages(out)}
    about = problems.pop("en/about/index.html")
    assert [re.sub(r"^en/about/index\.html:\d+: ", "", problem) for problem in about] == [
        "<script> inline script whose hash 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=' is not in the CSP",
        "<button> event handler attribute onclick='go()'",
        "<a> javascript: URL in href",
        "<p> style attribute 'color: red', blocked by the CSP"]
    assert problems.pop("fr/index.html") == ["fr/index.html: CSP style-src allows 'unsafe-inline'"]
    assert problems.pop("en/join/index.html") == [
        "en/join/index.html: CSP script-src allows another origin: https://cdn.example.com"]
    assert problems.pop("fr/about/index.html") == ["fr/about/index.html: no Content-Security-Policy meta tag"]
    assert [re.sub(r"\d+", "N", problem) for problem in problems.pop("en/index.html")] == [
        "en/index.html:N: the CSP meta tag comes after <link> on line N, which it therefore does not govern"]
    assert all(found == [] for found in problems.values()), problems


def test_an_inline_script_is_allowed_by_its_hash(tmp_path: Path) -> None:
    out = _build_fixture(tmp_path)
    _plant(out, "en/about/index.html", "</article>", "<script>alert(1)</script>\n")
    _replace(out, "en/about/index.html", "script-src 'self'",
             "script-src 'self' 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='")
    assert quality.security_problems("en/about/index.html",
                                     (out / "en/about/index.html").read_text(encoding="utf-8")) == []


def test_the_link_check_reports_malformed_external_links(tmp_path: Path) -> None:
    out = _build_fixture(tmp_path)
    _plant(out, "en/about/index.html", "</article>",
           '<a href="https:///no-host">a</a> <a href="http//example.org/">b</a> '
           '<a href="https://exa mple.org/">c</a> <a href="https://example.org:99999/">d</a> '
           '<a href="https://example_org/">e</a> <a href="https://example.org/fine?q=1#top">fine</a>\n')
    problems = [re.sub(r"^en/about/index\.html:\d+: ", "", problem)
                for problem in quality.external_link_problems("en/about/index.html",
                                                              (out / "en/about/index.html").read_text("utf-8"))]
    assert problems == [
        "<a href='https:///no-host'>: has no host",
        "<a href='http//example.org/'>: has no http(s) scheme",
        "<a href='https://exa mple.org/'>: contains white space",
        "<a href='https://example.org:99999/'>: does not parse: Port out of range 0-65535",
        "<a href='https://example_org/'>: host 'example_org' is not a valid name"]


def _stylesheet(out: Path) -> Path:
    return next((out / "static").glob("style.*.css"))


@pytest.mark.browser
def test_the_keyboard_check_passes_on_the_fixture_site(browser, served_fixture: tuple[Path, str]) -> None:
    _, url = served_fixture
    assert _walk(browser, url + "en/") == []
    assert _walk(browser, url + "fr/rejoindre/") == []


@pytest.mark.browser
def test_the_keyboard_check_reports_a_focus_without_outline(browser, served_fixture: tuple[Path, str]) -> None:
    out, url = served_fixture
    with _stylesheet(out).open("a", encoding="utf-8") as css:
        css.write("\n.menu a:focus-visible { outline: none; }\n")
    problems = _walk(browser, url + "en/")
    assert problems and all(problem.startswith("no visible focus indicator on a ") for problem in problems), problems
    assert any('"Treaty text"' in problem for problem in problems), problems


@pytest.mark.browser
def test_the_keyboard_check_reports_order_skip_link_and_trap(browser, served_fixture: tuple[Path, str]) -> None:
    out, url = served_fixture
    _replace(out, "en/index.html", '<a class="skip-link" href="#content">Skip to content</a>', "")
    _replace(out, "en/index.html", 'hreflang="fr" lang="fr"', 'hreflang="fr" lang="fr" tabindex="2"')
    problems = _walk(browser, url + "en/")
    assert any(problem.startswith('tabindex=2 on a "Français"') for problem in problems), problems
    assert any(problem.startswith("Tab does not follow the DOM order") for problem in problems), problems
    assert any(problem.startswith("the first element Tab reaches is a ") for problem in problems), problems

    # A script that keeps Tab inside the language switcher: focus never reaches the menu or leaves the page.
    (out / "static" / "trap.js").write_text(
        "document.addEventListener('keydown', function (event) {\n"
        "  var links = document.querySelectorAll('nav.languages a');\n"
        "  if (event.key === 'Tab' && document.activeElement === links[links.length - 1]) {\n"
        "    event.preventDefault(); links[0].focus();\n"
        "  }\n"
        "});\n", encoding="utf-8")
    _plant(out, "fr/index.html", "</head>", f'<script src="{url}static/trap.js"></script>\n')
    problems = _walk(browser, url + "fr/")
    assert any(problem.startswith("Tab does not follow the DOM order") for problem in problems), problems
    assert any(problem.startswith("focus is trapped") for problem in problems), problems
    assert any(problem.startswith('Tab never reaches a "Accueil"') or "Tab never reaches" in problem
               for problem in problems), problems


def test_webassembly_is_allowed_only_where_the_search_runs() -> None:
    policy = ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; "
              "script-src 'self' 'wasm-unsafe-eval'\">")
    search = f"<html><head>{policy}</head><body><form data-search></form></body></html>"
    other = f"<html><head>{policy}</head><body><p>text</p></body></html>"
    assert quality.security_problems("en/search/index.html", search) == []
    assert quality.security_problems("en/about/index.html", other) == [
        "en/about/index.html: CSP script-src allows 'wasm-unsafe-eval' on a page without the search form"]


# --- Phones, focus, the dark scheme ----------------------------------------------------------------------------

@pytest.mark.browser
def test_every_page_fits_a_phone_in_every_language(browser, site_url: str, pages: list[str]) -> None:
    """Every page at 320 and 390 px: no sideways scrolling, no text under 12 px, no tap target under 24 px (one
    Chromium page, resized rather than reloaded: about two minutes for the bundled site's ~670 pages)."""
    page = browser.new_page()
    problems = []
    for path in pages:
        page.goto(quality.page_url(site_url, path))
        problems += [f"{path}: {problem}" for problem in quality.phone_problems(page)]
    page.close()
    assert not problems, _report(problems)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_focus_ring_stands_out_on_the_header_and_on_the_page(browser, site_url: str, pages: list[str],
                                                                  languages: list[str], scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    problems = []
    for language in languages:
        for path in (f"{language}/index.html", quality.inner_pages(pages, language)[0]):
            page.goto(quality.page_url(site_url, path))
            problems += [f"{path}: {problem}" for problem in quality.focus_contrast_problems(page)]
    context.close()
    assert not problems, _report(problems)


@pytest.mark.browser
@pytest.mark.parametrize("screen", [(390, 844), (360, 800), (320, 568)])
def test_the_header_takes_at_most_a_fifth_of_a_phone_screen(browser, site_url: str, languages: list[str],
                                                             screen: tuple[int, int]) -> None:
    page = browser.new_page()
    shares = {}
    for language in languages:
        page.goto(quality.page_url(site_url, f"{language}/index.html"))
        shares[language] = quality.header_share(page, *screen)
    page.close()
    assert max(shares.values()) <= quality.HEADER_SHARE, shares


@pytest.mark.browser
def test_no_axe_violation_in_the_dark_scheme(browser, built_site: Path, site_url: str, pages: list[str],
                                             languages: list[str]) -> None:
    """The dark scheme's colours checked like the light ones, on fewer pages (the same templates, other colours):
    each language's home page, first inner page, and the pages with the map or the chart."""
    chosen = {page for language in languages
              for page in (f"{language}/index.html", quality.inner_pages(pages, language)[0])}
    chosen |= {page for page in pages if re.search(r'<svg class="(world-map|timeline)"',
                                                   (built_site / page).read_text(encoding="utf-8"))}
    problems = []
    for page in sorted(chosen):
        problems += quality.axe_url_problems(browser, quality.page_url(site_url, page), color_scheme="dark")
    assert not problems, _report(problems)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_field_takes_the_schemes_field_colours(browser, site_url: str, languages: list[str],
                                                           scheme: str) -> None:
    """A field drawn in the light scheme's grey border on a dark page, or white on it, stands out as broken: every
    text field of the home and search pages takes the scheme's --field and --field-border."""
    page = browser.new_page(color_scheme=scheme)
    fields: dict[str, tuple[str, str]] = {}
    for language in languages:
        for path in (f"{language}/index.html", f"{language}/search/index.html"):
            page.goto(quality.page_url(site_url, path))
            fields.update(page.evaluate("""path => Object.fromEntries([...document.querySelectorAll(
              "input[type=text], input[type=search], input:not([type]), textarea")].map((field, index) => {
                const probe = document.createElement("span");
                probe.style.cssText = "background: var(--field); border: 1px solid var(--field-border)";
                document.body.append(probe);
                const want = getComputedStyle(probe), got = getComputedStyle(field);
                const result = [`${got.backgroundColor} ${got.borderTopColor}`,
                                `${want.backgroundColor} ${want.borderTopColor}`];
                probe.remove();
                return [`${path} #${field.id || index}`, result];
              }))""", path))
    page.close()
    assert fields and all(got == want for got, want in fields.values()), fields


@pytest.mark.browser
def test_the_phone_check_reports_overflow_small_text_and_small_targets(browser,
                                                                       served_fixture: tuple[Path, str]) -> None:
    out, url = served_fixture

    def check(widths: tuple[int, ...]) -> list[str]:
        page = browser.new_page()  # a page of its own: nothing kept from before in its cache
        page.goto(url + "fr/")
        problems = quality.phone_problems(page, widths)
        page.close()
        return problems

    assert check(quality.PHONE_WIDTHS) == []
    _plant(out, "fr/index.html", "</main>",
           '<p class="wide" style="inline-size: 500px">x</p><p style="font-size: 11px">petit</p>'
           '<p><a href="/fr/" style="font-size: 10px; line-height: 1">seul</a></p>'
           '<p>Une phrase avec <a href="/fr/" style="font-size: 12px; line-height: 1">un lien</a> dedans.</p>')
    _replace(out, "fr/index.html", "<meta http-equiv=\"Content-Security-Policy\"", "<meta name=\"x\"")
    problems = check((320,))
    assert [problem.split(":")[0] for problem in problems] == [
        "scrolls sideways by 196 px at 320 px", "text of 11.0 px at 320 px", "text of 10.0 px at 320 px",
        "target of 20x11 px at 320 px"], problems  # the link inside a sentence is exempt


@pytest.mark.browser
def test_the_focus_check_reports_a_faint_ring_and_a_missing_one(browser, served_fixture: tuple[Path, str]) -> None:
    out, url = served_fixture

    def check() -> list[str]:
        page = browser.new_page()  # a page of its own: no stylesheet kept from before in its cache
        page.goto(url + "fr/")
        problems = quality.focus_contrast_problems(page)
        page.close()
        return problems

    assert check() == []
    stylesheet = _stylesheet(out)
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8")
                          + "\n.site-header :focus-visible { outline-color: #1f4e9c; }"
                          + "\nmain a:focus-visible { outline: none; }", encoding="utf-8")
    problems = check()
    assert any("on the header: focus ring rgb(31, 78, 156) on rgb(138, 28, 28) has 1.16:1" in p
               for p in problems), problems
    assert any("on the page: no focus outline" in p for p in problems), problems
