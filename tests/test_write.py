"""The output folder is replaced whole or not at all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ratify.write import remove_leftovers, write_site
from tests.conftest import REPO, read_tree


def test_a_new_build_replaces_the_old_one_entirely(tmp_path: Path) -> None:
    out = tmp_path / "public"
    write_site({"index.html": b"one", "old/page.html": b"gone soon"}, out)
    write_site({"index.html": b"two", "en/index.html": b"new"}, out)
    assert read_tree(out) == {"index.html": b"two", "en/index.html": b"new"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["public"]


def test_a_failure_while_writing_leaves_the_old_site(tmp_path: Path) -> None:
    out = tmp_path / "public"
    write_site({"index.html": b"one"}, out)

    class Exploding(dict):
        def items(self):
            yield "index.html", b"half"
            raise OSError("disk full")

    with pytest.raises(OSError):
        write_site(Exploding(), out)
    assert read_tree(out) == {"index.html": b"one"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["public"]


def test_leftovers_of_a_killed_build_are_cleaned_and_an_interrupted_swap_is_undone(tmp_path: Path) -> None:
    out = tmp_path / "public"
    (tmp_path / ".public.new-abc").mkdir()
    (tmp_path / ".public.old-abc").mkdir()
    (tmp_path / ".public.old-abc" / "index.html").write_bytes(b"previous")
    remove_leftovers(out)  # killed between the two renames of the fallback swap: the old site comes back
    assert read_tree(out) == {"index.html": b"previous"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["public"]


_SLOW_WRITER = """
import sys, time
from pathlib import Path
sys.path.insert(0, {repo!r})
import ratify.write as write

original = write.write_tree
def slow_tree(output, folder):
    for name, content in output.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        print("wrote", name, flush=True)
        time.sleep(0.05)
write.write_tree = slow_tree
write.write_site({{f"page{{n}}/index.html": b"new" for n in range(200)}}, Path({out!r}))
"""


def test_a_build_killed_while_writing_leaves_the_previous_site(tmp_path: Path) -> None:
    out = tmp_path / "public"
    write_site({"index.html": b"previous"}, out)
    script = _SLOW_WRITER.format(repo=str(REPO), out=str(out))
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    for _ in range(5):  # let it write a few files into its staging folder
        assert process.stdout.readline().startswith("wrote")
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert read_tree(out) == {"index.html": b"previous"}
    assert list(tmp_path.glob(".public.new-*")), "the killed build left its staging folder"
    write_site({"index.html": b"next"}, out)
    assert read_tree(out) == {"index.html": b"next"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["public"]


_READER = """
import os, sys, time
page, stop = sys.argv[1], sys.argv[2]
print("ready", flush=True)
looks = misses = 0
deadline = time.monotonic() + 60
while not os.path.exists(stop) and time.monotonic() < deadline:
    looks += 1
    try:
        os.stat(page)
    except FileNotFoundError:
        misses += 1
print(looks, misses, flush=True)
"""


def test_a_reader_never_finds_the_output_folder_missing_during_swaps(tmp_path: Path) -> None:
    """The swap is one step (renameat2's RENAME_EXCHANGE): two renames would leave an instant with no site."""
    out = tmp_path / "public"
    write_site({"index.html": b"0"}, out)
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", _READER, str(out / "index.html"), str(stop)],
                              stdout=subprocess.PIPE, text=True)
    assert reader.stdout is not None
    assert reader.stdout.readline() == "ready\n"
    for number in range(1, 301):
        write_site({"index.html": str(number).encode()}, out)
    stop.touch()
    looks, misses = map(int, reader.stdout.readline().split())
    reader.wait(timeout=10)
    assert looks > 1000, "the reader looked while the folder was swapped"
    assert misses == 0, f"the site was missing {misses} times out of {looks} looks"
    assert read_tree(out) == {"index.html": b"300"}
