"""Live preview: build, serve the output on 127.0.0.1 with livereload, rebuild when an input changes."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Callable

from ratify.errors import SiteError, SiteErrors
from ratify.pipeline import build

# Everything a build reads; a change to any of them means a rebuild.
WATCHED = ("site.yaml", "content", "data", "templates", "locale", "static")


def input_snapshot(root: Path) -> tuple[tuple[str, int, int], ...]:
    """(path, modification time, size) of every input file, to tell a real change from a repeated event."""
    files = []
    for name in WATCHED:
        path = root / name
        candidates = [path] if path.is_file() else sorted(path.rglob("*")) if path.is_dir() else []
        for file in candidates:
            if file.is_file():
                status = file.stat()
                files.append((file.relative_to(root).as_posix(), status.st_mtime_ns, status.st_size))
    return tuple(files)


def make_rebuilder(root: Path, out_dir: Path, base_url: str, today: Callable[[], datetime.date],
                   report: Callable[[str], None]) -> Callable[[], None]:
    """A rebuild that runs once per real change, however many watched paths saw it, and never raises."""
    last: list[tuple] = [input_snapshot(root)]

    def rebuild() -> None:
        snapshot = input_snapshot(root)
        if snapshot == last[0]:
            return
        last[0] = snapshot
        try:
            result = build(root, out_dir, base_url, today())
        except (SiteError, SiteErrors) as failure:
            errors = failure.errors if isinstance(failure, SiteErrors) else [failure]
            report("\n".join(str(error) for error in errors) + "\nthe previous build is still served")
            return
        report(f"rebuilt {result.pages} pages")

    return rebuild


def serve(root: Path, out_dir: Path, host: str, port: int, today: Callable[[], datetime.date]) -> None:
    """Build once, then serve and rebuild on every change until interrupted."""
    from livereload import Server  # imported here: only `serve` needs the server's dependencies

    base_url = f"http://{host}:{port}/"
    result = build(root, out_dir, base_url, today())
    print(f"built {result.pages} pages; serving on {base_url} (Ctrl+C stops)")
    rebuild = make_rebuilder(root, out_dir, base_url, today, lambda message: print(message, file=sys.stderr))
    server = Server()
    for name in WATCHED:
        if (root / name).exists():
            server.watch(str(root / name), rebuild)
    server.serve(host=host, port=port, root=str(out_dir), open_url_delay=None)
