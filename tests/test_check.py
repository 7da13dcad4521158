"""`build.py check`: the site's health in one command, for people and (with --format json) for machines."""

from __future__ import annotations

import json
from pathlib import Path

from ratify.check import Problem, check_output
from tests.conftest import FIXTURES, make_site, run_cli

PLANTED = """---
title: Planted
description: A page with mistakes that only the rendered site shows.
---
A [link to a page that is not built](/en/nowhere/), a [link to a missing anchor](about.md#nowhere), and
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="> an image without alt text.
"""


def planted_site(tmp_path: Path) -> Path:
    site = make_site(tmp_path / "site", FIXTURES / "site")
    (site / "content" / "en" / "planted.md").write_text(PLANTED)
    return site


def test_check_finds_a_broken_link_a_broken_anchor_and_a_missing_alt(tmp_path: Path) -> None:
    result = run_cli("check", "--root", str(planted_site(tmp_path)))
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if line.startswith(("en/", "fr/"))]
    assert problems == [
        "en/planted/index.html:42: the link '/op/en/about/#nowhere' leads to no anchor '#nowhere' in "
        "en/about/index.html",
        "en/planted/index.html:42: the link '/op/en/nowhere/' leads to no page",
        "en/planted/index.html:43: an image has no alt text (write alt=\"\" if it is only decoration)",
        "fr/planted/index.html:43: the link '/op/en/nowhere/' leads to no page",
        "fr/planted/index.html:43: the link '/op/fr/about/#nowhere' leads to no anchor '#nowhere' in "
        "fr/about/index.html",
        "fr/planted/index.html:44: an image has no alt text (write alt=\"\" if it is only decoration)",
    ]
    assert result.stdout.splitlines()[-1].startswith("6 problems in ")


def test_check_reports_to_machines_in_json(tmp_path: Path) -> None:
    result = run_cli("check", "--root", str(planted_site(tmp_path)), "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert {problem["path"] for problem in report["errors"]} == {"en/planted/index.html", "fr/planted/index.html"}
    assert all(set(problem) == {"path", "line", "message"} for problem in report["errors"])
    assert any("not translated into 'fr'" in warning for warning in report["warnings"])


def test_a_healthy_site_passes_and_strict_fails_on_warnings(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site")
    assert run_cli("check", "--root", str(site)).returncode == 0
    strict = run_cli("check", "--root", str(site), "--strict")
    assert strict.returncode == 1  # the fixture leaves about.md untranslated into French: a warning
    assert "content/en/about.md: not translated into 'fr'" in strict.stderr


BASE = "https://example.org/op/"


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
