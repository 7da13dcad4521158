"""Refresh the golden output of the fixture site: `make golden` (or `python -m tests.golden`); review the diff."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ratify.pipeline import build
from tests.conftest import FIXTURES, make_site

GOLDEN = Path(__file__).resolve().parent / "golden" / "site"


def build_fixture(workspace: Path) -> Path:
    """Build the fixture site inside `workspace`; return the output folder."""
    site = make_site(workspace / "site", FIXTURES / "site")
    build(site, workspace / "public")
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
