"""`build.py check`: the site's health in one command, for people and (with --format json) for machines."""

from __future__ import annotations

import json
from pathlib import Path

from ratify.check import Problem, check_output
from tests.conftest import FIXTURES, make_site, run_cli

PLANTED = """---
title: Planted
description: A page with mistakes in its links and images.
---
A [link to a page that is not built](/en/nowhere/), a [link to a missing anchor](about.md#nowhere), and

<a href="/op/en/about/#history">a good link</a> beside <a href="/op/en/gone/">a bad one</a> in HTML.
"""


def planted_site(tmp_path: Path) -> Path:
    site = make_site(tmp_path / "site", FIXTURES / "site")
    (site / "content" / "en" / "planted.md").write_text(PLANTED)
    return site


def test_check_reports_links_anchors_and_alt_texts_against_the_sources_once(tmp_path: Path) -> None:
    result = run_cli("check", "--root", str(planted_site(tmp_path)))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/en/planted.md:5: the link to '/en/nowhere/' leads to no page",
        "content/en/planted.md:5: the link to 'about.md#nowhere' leads to no anchor '#nowhere' in /en/about/, "
        "/fr/about/",
        "content/en/planted.md:7: the link to '/op/en/gone/' leads to no page",
        "3 problems; the site does not build",
    ]


def test_check_reports_to_machines_in_json(tmp_path: Path) -> None:
    result = run_cli("check", "--root", str(planted_site(tmp_path)), "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert {problem["path"] for problem in report["errors"]} == {"content/en/planted.md"}
    assert all(set(problem) == {"path", "line", "message"} for problem in report["errors"])


def test_check_still_reports_what_templates_write_against_the_output(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site")
    (site / "templates/page.html").write_text((site / "templates/page.html").read_text().replace(
        "<h1>", '<a href="{{ url(\'en/nowhere/\') }}">x</a><h1>', 1))
    result = run_cli("check", "--root", str(site), "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert {(problem["path"], problem["message"]) for problem in report["errors"]} >= {
        ("en/about/index.html", "the link '/op/en/nowhere/' leads to no page")}
    assert any("not translated into 'fr'" in warning for warning in report["warnings"])


def test_a_healthy_site_passes_and_strict_fails_on_warnings(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site")
    assert run_cli("check", "--root", str(site)).returncode == 0
    strict = run_cli("check", "--root", str(site), "--strict")
    assert strict.returncode == 1  # the fixture leaves about.md untranslated into French: a warning
    assert "content/en/about.md: not translated into 'fr'" in strict.stderr


BASE = "https://ratify-fixture.org/op/"


def page(language: str, *alternates: tuple[str, str]) -> bytes:
    """A built page in `language` that names its versions in other languages with <link rel="alternate">."""
    links = "".join(f'<link rel="alternate" hreflang="{hreflang}" href="{BASE}{href}">\n'
                    for hreflang, href in alternates)
    return f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n{links}</head>\n<body></body>\n</html>\n'.encode()


def test_hreflang_pairs_that_link_both_ways_pass() -> None:
    output = {"en/index.html": page("en", ("en", "en/"), ("fr", "fr/"), ("x-default", "en/")),
              "fr/index.html": page("fr", ("en", "en/"), ("fr", "fr/"), ("x-default", "en/"))}
    assert check_output(output, BASE) == []


def test_a_one_way_hreflang_pair_is_a_problem() -> None:
    output = {"en/index.html": page("en", ("en", "en/"), ("fr", "fr/")),
              "fr/index.html": page("fr", ("fr", "fr/"))}
    assert check_output(output, BASE) == [
        Problem("en/index.html", None, "fr/index.html does not link back with hreflang")]


def test_a_hreflang_alternate_that_is_not_built_is_a_problem() -> None:
    output = {"en/index.html": page("en", ("en", "en/"), ("es", "es/"))}
    assert check_output(output, BASE) == [
        Problem("en/index.html", None, f"hreflang 'es' points to '{BASE}es/', which is not built")]


def test_a_hreflang_alternate_in_another_language_is_a_problem() -> None:
    output = {"en/index.html": page("en", ("en", "en/"), ("fr", "de/")),
              "de/index.html": page("de", ("de", "de/"), ("en", "en/"))}
    assert check_output(output, BASE) == [
        Problem("en/index.html", None, "hreflang 'fr' points to a page in 'de'")]


def test_links_anchors_and_alt_texts_of_rendered_pages() -> None:
    """The same checks as `build.py check`, on output built in the test: what is found, and what is not."""
    body = """<p id="top"><a name="old-anchor"></a>
<a href="/op/en/about/">page</a> <a href="/op/en/about/#history">anchor</a> <a href="#top">self</a>
<a href="/op/en/about/#old">no such anchor</a> <a href="/op/en/nowhere/">no page</a> <a href="#nothing">self</a>
<a href="https://ratify-fixture.org/op/en/about/">absolute</a> <a href="https://ratify-fixture.org/op/en/gone/">absolute, gone</a>
<a href="https://other.example/x/">another site</a> <a href="mailto:a@example.org">mail</a> <a href="/elsewhere/">out</a>
<img src="/op/static/a.png" alt=""> <img src="/op/static/missing.png"> <a href="#old-anchor">named</a>
<link rel="stylesheet" href="/op/static/style.css"><link rel="icon" href="/op/static/gone.ico">
<a href="/op/en/about/#his%74ory">escaped anchor</a> <area href="/op/en/away/"> <script src="/op/static/a.js"></script>
</p>"""
    output = {"en/index.html": f'<html lang="en"><body>\n{body}\n</body></html>'.encode(),
              "en/about/index.html": b'<html lang="en"><body><h2 id="history">History</h2></body></html>',
              "static/a.png": b"", "static/style.css": b"", "static/a.js": b""}
    assert [str(problem) for problem in check_output(output, BASE)] == [
        "en/index.html:4: the link '#nothing' leads to no anchor '#nothing' in en/index.html",
        "en/index.html:4: the link '/op/en/about/#old' leads to no anchor '#old' in en/about/index.html",
        "en/index.html:4: the link '/op/en/nowhere/' leads to no page",
        "en/index.html:5: the link 'https://ratify-fixture.org/op/en/gone/' leads to no page",
        "en/index.html:6: the link '/elsewhere/' leads to no page",
        "en/index.html:7: an image has no alt text (write alt=\"\" if it is only decoration)",
        "en/index.html:7: the link '/op/static/missing.png' leads to no page",
        "en/index.html:8: the link '/op/static/gone.ico' leads to no page",
        "en/index.html:9: the link '/op/en/away/' leads to no page",
    ]


RELATIVE_LINKS = '<html lang="en"><body><a href="about/">x</a> <a href="../en/about/#history">y</a></body></html>'


def test_relative_links_lead_from_the_page_they_are_on() -> None:
    output = {"en/index.html": RELATIVE_LINKS.encode(),
              "en/about/index.html": b'<html lang="en"><body><h2 id="history">History</h2></body></html>'}
    assert check_output(output, "https://example.org/") == []
    del output["en/about/index.html"]
    assert [problem.message for problem in check_output(output, "https://example.org/")] == [
        "the link '../en/about/#history' leads to no page", "the link 'about/' leads to no page"]


def test_relative_links_lead_from_the_page_they_are_on_under_a_sub_path() -> None:
    output = {"en/index.html": RELATIVE_LINKS.encode(),
              "en/about/index.html": b'<html lang="en"><body><h2 id="history">History</h2></body></html>'}
    assert check_output(output, BASE) == []


def test_every_alternate_of_a_page_is_checked_whatever_its_place() -> None:
    output = {"en/index.html": page("en", ("x-default", "en/"), ("es", "es/"), ("de", "de/"), ("en", "en/"),
                                    ("fr", "fr/")),
              "fr/index.html": page("fr", ("fr", "fr/")), "de/index.html": page("de", ("en", "en/"))}
    assert [problem.message for problem in check_output(output, BASE) if problem.path == "en/index.html"] == [
        "fr/index.html does not link back with hreflang",
        f"hreflang 'es' points to '{BASE}es/', which is not built"]


def test_a_link_to_the_site_by_its_full_http_address_is_checked() -> None:
    output = {"index.html": b'<html lang="en"><body><a href="http://example.org/nowhere/">x</a></body></html>'}
    assert [str(problem) for problem in check_output(output, "http://example.org/")] == [
        "index.html:1: the link 'http://example.org/nowhere/' leads to no page"]
