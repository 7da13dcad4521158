"""One folder per mistake under fixtures/invalid/: each laid over the fixture site must fail with exactly the
messages in its expected.txt, exit 1, print no traceback and leave the previous output untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, make_site, read_tree, run_cli

CASES = sorted(path for path in (FIXTURES / "invalid").iterdir() if path.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_mistake_is_reported_with_file_and_line(case: Path, tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", case)
    out = tmp_path / "public"
    out.mkdir()
    (out / "index.html").write_text("the previous build")
    result = run_cli("build", "--root", str(site), "--out", str(out))
    assert (result.returncode, result.stderr) == (1, (case / "expected.txt").read_text())
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert read_tree(out) == {"index.html": b"the previous build"}
    assert not list(tmp_path.glob(".public.*")), "no staging folder is left behind"


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "invalid" / "bad-date")
    result = run_cli("build", "--root", str(site), "--out", str(tmp_path / "public"), "--debug")
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "SiteErrors" in result.stderr


def test_errors_are_coloured_only_on_a_terminal(tmp_path: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    from tests.conftest import REPO

    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "invalid" / "bad-date")
    leader, follower = pty.openpty()
    command = [sys.executable, str(REPO / "build.py"), "build", "--root", str(site), "--out", str(tmp_path / "out")]
    environment = {key: value for key, value in os.environ.items() if key != "NO_COLOR"} | {"TERM": "xterm"}
    process = subprocess.run(command, stdin=follower, stdout=follower, stderr=follower, env=environment, timeout=60)
    os.close(follower)
    shown = os.read(leader, 65536).decode()
    os.close(leader)
    assert process.returncode == 1
    assert "\x1b[31mcontent/fr/rejoindre.md:5: front matter: 'date' must be a date" in shown
