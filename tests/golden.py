"""Refresh the golden output of the fixture site: `make golden` (or `python -m tests.golden`); review the diff."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ratify.pipeline import build
from ratify.search import INDEX_DIR
from tests.conftest import FIXTURES, make_site

GOLDEN = Path(__file__).resolve().parent / "golden" / "site"
# The fixture site with the campaign's pages laid over it (the tracker with its map, the State pages, the
# declaration with its reader and side-by-side pages, the news, the search and join pages), so that every template
# shows in the golden diff.
# An overlay, not part of tests/fixtures/site/: the other tests build variants of the plain fixture site.
GOLDEN_LAYERS = (FIXTURES / "site", FIXTURES / "campaign")


def build_fixture(workspace: Path) -> Path:
    """Build the fixture site inside `workspace`; return the output folder, without the search index."""
    site = make_site(workspace / "site", *GOLDEN_LAYERS)
    build(site, workspace / "public")
    # Pagefind's index and scripts (~280 KB) follow Pagefind's version, not the site's templates; test_search.py
    # checks them.
    shutil.rmtree(workspace / "public" / INDEX_DIR)
    return workspace / "public"


def main() -> None:
    with tempfile.TemporaryDirectory() as workspace:
        output = build_fixture(Path(workspace))
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(output, GOLDEN)
    print(f"wrote {GOLDEN.relative_to(Path.cwd()) if GOLDEN.is_relative_to(Path.cwd()) else GOLDEN}; "
          "review it with 'git diff tests/golden'")


if __name__ == "__main__":
    main()
