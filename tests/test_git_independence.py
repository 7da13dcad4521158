"""The bundled site builds the same from a full clone, a shallow clone and a copy without .git: no output depends
on the repository's history (the translation report's diffs come from the kept texts in locale/stamped/)."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest

from ratify.pipeline import build
from tests.conftest import REPO, read_tree

pytestmark = pytest.mark.bundled  # the bundled site's own pages, built or copied

TODAY = datetime.date(2027, 1, 1)  # one date for the three builds


def git(folder: Path, *arguments: str) -> str:
    return subprocess.run(["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.org",
                           *arguments], check=True, capture_output=True, text=True).stdout


def copy_tracked_files(repository: Path, destination: Path) -> Path:
    """What a tarball of the project holds: the files git tracks, and no .git."""
    for name in git(repository, "ls-files", "-z").split("\0"):
        if name and (repository / name).is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(repository / name, destination / name)
    return destination


@pytest.mark.skipif(shutil.which("git") is None or not (REPO / ".git").exists(),
                    reason="needs git and the project's repository to clone")
def test_a_full_clone_a_shallow_clone_and_a_copy_without_git_build_the_same_site(tmp_path: Path) -> None:
    full = tmp_path / "full"
    git(tmp_path, "clone", "-q", REPO.as_uri(), str(full))
    # A source page edited after its translations were stamped, committed on its own: a shallow clone has no
    # version of it that the translations were made from, so only the kept texts can show what changed.
    source = full / "content" / "en" / "about.md"
    source.write_text(source.read_text(encoding="utf-8").replace("title: ", "title: Revised ", 1), encoding="utf-8")
    git(full, "commit", "-qam", "revise the English about page")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", full.as_uri(), str(shallow))
    assert git(shallow, "rev-parse", "--is-shallow-repository").strip() == "true"
    bare = copy_tracked_files(full, tmp_path / "copy")
    assert not (bare / ".git").exists()
    trees = {}
    for name, root in (("full", full), ("shallow", shallow), ("copy", bare)):
        build(root, tmp_path / f"public-{name}", today=TODAY)
        trees[name] = read_tree(tmp_path / f"public-{name}")
    assert [path for path in trees["full"] if trees["full"][path] != trees["shallow"].get(path)] == []
    assert trees["full"] == trees["shallow"] == trees["copy"]
    report_page = trees["copy"]["translations/index.html"].decode()
    assert "+title: Revised" in report_page  # the diff is there: the trees are not equal for lack of one
