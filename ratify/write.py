"""{output path: bytes} -> the output folder, swapped in whole: the only module that writes the built site."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Mapping

_RENAME_EXCHANGE = 2  # renameat2(2) flag: swap two paths in one step
_AT_FDCWD = -100


def write_site(output: Mapping[str, bytes], out_dir: Path,
               finish: Callable[[Path], None] | None = None) -> None:
    """Write everything into a new folder beside `out_dir`, let `finish` complete it, then swap it in.

    `finish` (the search index) works on the written folder; if it raises, nothing is swapped in. Until the
    swap, the previous site stays exactly as it was, so a failed or killed build never leaves a half-written
    site behind; leftovers of a killed build are removed by the next one.
    """
    out_dir = out_dir.absolute()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out_dir)

    def make(staging: Path) -> None:
        write_tree(output, staging)
        if finish is not None:
            finish(staging)

    replace_folder(out_dir, make)


def update_site(output: Mapping[str, bytes], previous: Mapping[str, bytes], out_dir: Path) -> int:
    """Bring `out_dir`, which holds `previous`, to `output`: write what changed, remove what is gone.

    For live preview, where a rebuild must take a fraction of a second: each file is replaced in one step (a
    reader never sees half a file), but the site as a whole changes file by file. Returns the files touched.
    """
    touched = 0
    for relative, content in output.items():
        if previous.get(relative) is content or previous.get(relative) == content:
            continue
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.new")
        temporary.write_bytes(content)
        os.replace(temporary, path)
        touched += 1
    for relative in sorted(set(previous) - set(output)):
        (out_dir / relative).unlink(missing_ok=True)
        touched += 1
    return touched


def replace_folder(folder: Path, make: Callable[[Path], None]) -> None:
    """Let `make` fill a new folder beside `folder`, then swap it in whole; if `make` fails, `folder` stays."""
    folder = folder.absolute()
    fresh = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=folder.parent))
    try:
        make(fresh)
        fresh.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read it
        swap_in(fresh, folder)
    finally:
        if fresh.exists():
            shutil.rmtree(fresh)


def write_tree(output: Mapping[str, bytes], folder: Path) -> None:
    """Write each file under `folder`, creating the folders it needs."""
    made: set[Path] = set()
    for relative, content in output.items():
        path = folder / relative
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(content)


def swap_in(staging: Path, out_dir: Path) -> None:
    """Put `staging` where `out_dir` is; afterwards `staging` holds the old site, or nothing."""
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return
    if _exchange(staging, out_dir):
        return
    # Without an atomic exchange, two renames: the old site is gone only for the instant between them.
    old = staging.with_name(staging.name.replace(".new-", ".old-"))
    os.rename(out_dir, old)
    os.rename(staging, out_dir)
    os.rename(old, staging)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step with Linux's renameat2; False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return result == 0


def remove_leftovers(out_dir: Path) -> None:
    """Remove the staging folders of earlier builds that were killed before they could clean up."""
    for leftover in out_dir.parent.glob(f".{out_dir.name}.new-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in sorted(out_dir.parent.glob(f".{out_dir.name}.old-*")):
        if not out_dir.exists():  # killed between the two renames: this is the previous site, put it back
            os.rename(leftover, out_dir)
        else:
            shutil.rmtree(leftover, ignore_errors=True)
