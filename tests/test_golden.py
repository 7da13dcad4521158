"""The fixture site's whole output, with the campaign overlay (tests/fixtures/campaign/), equals the reviewed golden
tree (refresh with `make golden`)."""

from __future__ import annotations

import difflib
from pathlib import Path

from tests.conftest import read_tree
from tests.golden import GOLDEN, build_fixture


def test_output_matches_the_golden_tree(tmp_path: Path) -> None:
    actual = read_tree(build_fixture(tmp_path))
    expected = read_tree(GOLDEN)
    assert sorted(actual) == sorted(expected), "files differ; if intended, run `make golden` and review"
    for path in sorted(expected):
        if actual[path] != expected[path]:
            diff = difflib.unified_diff(expected[path].decode().splitlines(), actual[path].decode().splitlines(),
                                        f"golden/{path}", f"built/{path}", lineterm="", n=2)
            raise AssertionError("\n".join(diff) + "\n\nif intended, run `make golden` and review the diff")
