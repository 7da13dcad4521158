"""Shared fixtures: a copy of a site in tmp_path (never in the repository), built by the real pipeline."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# What a fixture site borrows from the real one when it has none of its own.
SHARED_PARTS = ("templates", "static", "locale")
# Everything a build of the real site reads.
SITE_PARTS = ("site.yaml", "content", "data", "templates", "static", "locale")


def make_site(destination: Path, source: Path = FIXTURES / "site", *overlays: Path) -> Path:
    """Copy the site `source` to `destination`, borrowing the real templates, static files and catalogs,
    then lay each overlay folder over it (files replaced or added; a file named NAME.delete removes NAME)."""
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns("public", ".public.*"))
    for part in SHARED_PARTS:
        if not (destination / part).exists():
            shutil.copytree(REPO / part, destination / part)
    for overlay in overlays:
        for file in sorted(overlay.rglob("*")):
            if not file.is_file() or file.name == "expected.txt":
                continue
            target = destination / file.relative_to(overlay)
            if file.suffix == ".delete":
                target.with_suffix("").unlink()
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, target)
    return destination


def copy_bundled_site(destination: Path, site_yaml_extra: str = "") -> Path:
    """A copy of the real site (its inputs only), with lines added to its site.yaml, to build a variant of it; a
    top-level key of `site_yaml_extra` (join:) replaces the site's own block of that key."""
    destination.mkdir(parents=True)
    for part in SITE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, destination / part)
        else:
            shutil.copyfile(source, destination / part)
    replaced = {line.split(":", 1)[0] for line in site_yaml_extra.splitlines() if line[:1].isalpha()}
    kept, skipping = [], False
    for line in (destination / "site.yaml").read_text(encoding="utf-8").splitlines(keepends=True):
        if line[:1].isalpha():
            skipping = line.split(":", 1)[0] in replaced
        if not skipping or not line.strip() or line.startswith("#"):
            kept.append(line)
    (destination / "site.yaml").write_text("".join(kept) + site_yaml_extra, encoding="utf-8")
    return destination


def bundled_data(name: str) -> Any:
    """A data file of the bundled site as plain YAML: counts the tests expect are derived from it, so that adding
    a State to the data breaks no test."""
    return yaml.safe_load((REPO / "data" / name).read_text(encoding="utf-8"))


def un_state_count() -> int:
    """How many States data/un-states.yaml lists: each has a page, a row, a shape and a search entry."""
    data = bundled_data("un-states.yaml")
    return len(data["member_states"]) + len(data["observer_states"])


def read_tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by its path relative to it."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def run_cli(*arguments: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run build.py as a person would, in a separate process."""
    return subprocess.run([sys.executable, str(REPO / "build.py"), *arguments], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


# A test that uses the bundled site built (or served) reads the repository's own content: it is marked `bundled`,
# as are, by hand, the tests that load, copy or read the bundled site's files. `pytest -m "not bundled"` (make
# test-engine) runs the engine's tests alone, on fixtures, for a site whose content is not the bundled one.
BUNDLED_FIXTURES = ("built_site", "site_url")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if any(name in BUNDLED_FIXTURES for name in getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.bundled)


@pytest.fixture
def fixture_site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site")


# A real-looking address for the tests of what only a site with its address has (canonical, sitemap, share links):
# the bundled site's own base_url is a placeholder, which leaves those out.
PUBLISHED_URL = "https://ratify-fixture.org/"


@pytest.fixture(scope="session")
def published_tree(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The bundled site rendered in memory as if published at PUBLISHED_URL."""
    from ratify.pipeline import load, render_site

    return render_site(REPO, load(REPO, PUBLISHED_URL).site)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real bundled site, built once for the whole test session."""
    from ratify.pipeline import build

    out = tmp_path_factory.mktemp("built") / "public"
    build(REPO, out)
    return out


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The bundled site served on 127.0.0.1 for the whole session; its links are root-relative, so any port does."""
    from tests.browser import serve_folder

    with serve_folder(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Debian Chromium for the whole session. Without it the browser tests skip, except in CI, where they fail."""
    from tests.browser import CHROMIUM, CHROMIUM_FLAGS, chromium_missing

    why_not = chromium_missing()
    if why_not and os.environ.get("CI"):
        raise RuntimeError(f"browser tests must run in CI: {why_not}")
    if why_not:
        pytest.skip(why_not)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()
