"""Live preview: build into a folder of its own, serve it on 127.0.0.1, rebuild on every change and reload the
open page.

The preview's pages carry the preview's address (http://127.0.0.1:PORT/) in canonical links, the sitemap and feeds,
so they are never written into public/, which only `build` writes, always with the configured base_url: the
preview builds into a temporary folder, removed when it stops. The server is livereload's, around a small WSGI
application of ours that serves only files inside that folder and, while the last rebuild has failed, shows the
error in place of every page.
"""

from __future__ import annotations

import base64
import datetime
import gettext
import hashlib
import html
import mimetypes
import posixpath
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import unquote

import babel
import jinja2

from ratify.preview import SITE_WIDE_INPUTS, Rebuilder
from ratify.errors import SiteError, SiteErrors, problems_of
from ratify.i18n import templates_cache_on_disk

# Everything a build reads; a change to any of them means a rebuild.
WATCHED = ("content", *SITE_WIDE_INPUTS)
SETTLE_SECONDS = 0.3  # a burst of saves ("save all", a git checkout) ends when nothing changed for this long

# livereload adds this inline script to every page; the page's Content-Security-Policy must allow its hash.
_LIVERELOAD_SCRIPT = (
    '(function(){var s=document.createElement("script");var port=%s;'
    's.src="//"+window.location.hostname+":"+port+ "/livereload.js?port=" + port;'
    'document.head.appendChild(s);})();'
) % "(window.location.port || (window.location.protocol == 'https:' ? 443: 80))"
_CSP_SCRIPT = re.compile(rb"(<meta http-equiv=\"Content-Security-Policy\" content=\"[^\"]*script-src 'self')")
StartResponse = Callable[[str, list[tuple[str, str]]], object]


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


class Preview:
    """The state of a live preview: the rebuilder, and the errors of the last rebuild if it failed."""

    def __init__(self, root: Path, out_dir: Path, base_url: str, today: Callable[[], datetime.date],
                 report: Callable[[str], None], settle: float = SETTLE_SECONDS,
                 templates_on_disk: jinja2.BytecodeCache | None = None) -> None:
        self.root, self.out_dir, self.today, self.report, self.settle = root, out_dir, today, report, settle
        self.rebuilder = Rebuilder(root, out_dir, base_url, templates_on_disk)
        self.errors: list[SiteError] = []
        self.snapshot: tuple = ()
        self.builds = 0  # how many builds ran, for tests and for the terminal
        self.search_wanted = threading.Event()  # set after a rebuild that changed pages; see keep_search_fresh
        self.search_refreshes = 0  # how many times the search index was made again, for tests

    def rebuild_if_changed(self) -> bool:
        """Rebuild once the inputs have stopped changing; never raise. True if a build ran."""
        snapshot = input_snapshot(self.root)
        if snapshot == self.snapshot:
            return False
        while True:  # wait for the end of a burst of saves, so that it costs one rebuild
            time.sleep(self.settle)
            settled = input_snapshot(self.root)
            if settled == snapshot:
                break
            snapshot = settled
        self.snapshot = snapshot
        self.build()
        return True

    def build(self) -> None:
        started = time.perf_counter()
        self.builds += 1
        try:
            result = self.rebuilder.build(self.today())
        except (SiteError, SiteErrors) as failure:
            self.errors = problems_of(failure)
            self.report("\n".join(str(error) for error in self.errors)
                        + "\nthe browser shows this error until the next good save")
            return
        self.errors = []
        self.report(f"rebuilt {result.pages} pages in {time.perf_counter() - started:.2f} s")
        if self.rebuilder.search_stale:
            self.search_wanted.set()

    def keep_search_fresh(self) -> None:
        """Make the search index again after each rebuild that changed pages; runs in its own thread for ever.

        Pagefind takes a second or more, so the page reloads with the new text at once and its search catches
        up a moment later. Saves made meanwhile are indexed by the next round.
        """
        while True:
            self.search_wanted.wait()
            self.search_wanted.clear()
            try:
                self.rebuilder.refresh_search()
                self.search_refreshes += 1
            except SiteError as error:
                self.report(f"the search index was not refreshed: {error}")

    def app(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        """The WSGI application: the output folder's files, or the error overlay while a rebuild has failed."""
        path = environ.get("PATH_INFO", "/")
        file = resolve_request(self.out_dir, path)
        if self.errors and (file is None or file.suffix == ".html"):
            language = language_of(path)
            body = error_page(self.errors, self.root, language, self.translator(language), self.direction(language))
            return _respond(start_response, "500 Internal Server Error", "text/html; charset=utf-8", body)
        if file is None:
            not_found = next((page for page in (self.out_dir / language_of(path) / "404.html",
                                                self.out_dir / "404.html") if page.is_file()), None)
            body = not_found.read_bytes() if not_found else b"Not found"
            return _respond(start_response, "404 Not Found", "text/html; charset=utf-8", allow_live_script(body))
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        body = file.read_bytes()
        if content_type == "text/html":
            body = allow_live_script(body)
            content_type += "; charset=utf-8"
        return _respond(start_response, "200 OK", content_type, body)

    def translator(self, language: str) -> gettext.NullTranslations:
        """The interface strings of `language`, if its catalog can be read; English otherwise."""
        from ratify.config import read_config
        from ratify.i18n import read_catalogs

        try:
            config = read_config(self.root)
            return read_catalogs(self.root, config.languages).translations.get(language, gettext.NullTranslations())
        except (SiteError, SiteErrors):
            return gettext.NullTranslations()


    def direction(self, language: str) -> str:
        """The writing direction of `language`: as site.yaml says, or CLDR's when site.yaml cannot be read."""
        from ratify.config import read_config

        try:
            return read_config(self.root).language(language).direction
        except (SiteError, SiteErrors, KeyError, StopIteration, ValueError):
            try:
                order = babel.Locale.parse(language.replace("-", "_")).character_order
            except (ValueError, TypeError, babel.UnknownLocaleError):
                return "ltr"
            return "rtl" if order == "right-to-left" else "ltr"


def resolve_request(out_dir: Path, url_path: str) -> Path | None:
    """The file a URL path names inside `out_dir`, or None: never a file outside it, however the path is written."""
    decoded = unquote(url_path)
    if "\0" in decoded or "\\" in decoded:
        return None
    normalized = posixpath.normpath("/" + decoded.lstrip("/"))
    if ".." in normalized.split("/"):
        return None
    candidate = out_dir / normalized.lstrip("/")
    if decoded.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    try:
        real = candidate.resolve(strict=True)
        real.relative_to(out_dir.resolve())  # a symbolic link out of the folder stops here
    except (OSError, ValueError):
        return None
    return real if real.is_file() else None


def language_of(url_path: str) -> str:
    return unquote(url_path).lstrip("/").split("/", 1)[0] or "en"


def allow_live_script(page: bytes) -> bytes:
    """Add livereload's inline script to the page's script-src by its hash; served pages only, not the files."""
    digest = base64.b64encode(hashlib.sha256(_LIVERELOAD_SCRIPT.encode()).digest()).decode()
    return _CSP_SCRIPT.sub(lambda match: match[1] + f" 'sha256-{digest}'".encode(), page, count=1)


def error_page(errors: list[SiteError], root: Path, language: str, translations: gettext.NullTranslations,
               direction: str = "ltr") -> bytes:
    """The overlay shown in place of every page while the site does not build: each error with its source line."""
    _ = translations.gettext
    items = []
    for error in errors:
        source = _source_line(root, error)
        where = html.escape(f"{error.path}:{error.line}" if error.line else error.path or "")
        items.append(
            f"<li><p><code>{where}</code></p><p><strong>{html.escape(error.message)}</strong></p>"
            + (f"<p>{html.escape(error.hint)}</p>" if error.hint else "")
            + (f'<pre><span class="line">{error.line}</span> {html.escape(source)}</pre>' if source else "")
            + "</li>")
    title = _("The site could not be built")
    explanation = _("Fix the file below and save it: this page reloads by itself.")
    body = (f'<!DOCTYPE html><html lang="{html.escape(language)}" dir="{html.escape(direction)}"><head>'
            '<meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{html.escape(title)}</title>'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\'; '
            'style-src \'unsafe-inline\'">'
            "<style>body{font-family:system-ui,sans-serif;margin:0;background:#fff5f5;color:#1a1a1a}"
            "main{max-width:50rem;margin:2rem auto;padding:1rem 1.5rem;border-inline-start:6px solid #a00000;"
            "background:#fff}pre{background:#f4f4f4;padding:.5rem;overflow:auto}.line{color:#666}"
            "</style></head>"
            f'<body><main role="alert"><h1>{html.escape(title)}</h1><p>{html.escape(explanation)}</p>'
            f"<ol>{''.join(items)}</ol></main></body></html>")
    return allow_live_script(body.encode("utf-8"))


def _source_line(root: Path, error: SiteError) -> str | None:
    if not error.path or not error.line:
        return None
    try:  # a file that is not UTF-8 is shown all the same, each bad byte as the replacement character
        lines = (root / error.path).read_bytes().decode("utf-8", "replace").replace("\0", "").split("\n")
    except OSError:
        return None
    return lines[error.line - 1] if 0 < error.line <= len(lines) else None


def _respond(start_response: StartResponse, status: str, content_type: str, body: bytes) -> list[bytes]:
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body))),
                            ("Cache-Control", "no-store")])
    return [body]


PREVIEW_FOLDER_PREFIX = "ratify-preview-"  # the preview's temporary folder, in the system's temporary folder


def preview_folder(root: Path, out_dir: Path | None, cwd: Path) -> Path:
    """Where the preview builds: the folder asked for, or a new temporary one; never the folder `build` writes."""
    if out_dir is None:
        return Path(tempfile.mkdtemp(prefix=PREVIEW_FOLDER_PREFIX))
    if out_dir.resolve() in {(root / "public").resolve(), (cwd / "public").resolve()}:
        raise SiteError(f"the preview does not write into {out_dir}: its pages link to the preview's address, "
                        "and that folder is what gets published", None, None,
                        "leave out --out (the preview builds in a temporary folder) or name another folder")
    return out_dir


def serve(root: Path, out_dir: Path | None, host: str, port: int, today: Callable[[], datetime.date]) -> None:
    """Build once, then serve and rebuild on every change until interrupted; a temporary folder is removed then."""
    folder = preview_folder(root, out_dir, Path.cwd())
    # `kill` (SIGTERM) stops the preview as Ctrl+C does, so that its temporary folder is removed either way.
    signal.signal(signal.SIGTERM, _stop)
    try:
        _serve(root, folder, host, port, today)
    finally:
        if out_dir is None:  # Pagefind may still be writing into it from its thread: whatever it leaves goes too
            shutil.rmtree(folder, ignore_errors=True)


def _stop(signal_number: int, frame: object) -> None:
    raise KeyboardInterrupt


def _serve(root: Path, out_dir: Path, host: str, port: int, today: Callable[[], datetime.date]) -> None:
    from livereload import Server  # imported here: only `serve` needs the server's dependencies
    from livereload.handlers import LiveReloadHandler
    from tornado.ioloop import IOLoop

    # livereload ignores a change that comes within 3 s of the last reload, so a quick second save would never
    # show; bursts of saves are already gathered into one rebuild by Preview.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0

    preview = Preview(root, out_dir, f"http://{host}:{port}/", today, lambda message: print(message, file=sys.stderr),
                      templates_on_disk=templates_cache_on_disk())
    preview.snapshot = input_snapshot(root)
    preview.build()
    threading.Thread(target=preview.keep_search_fresh, name="search index", daemon=True).start()
    server = Server(app=preview.app)
    for name in WATCHED:
        if (root / name).exists():
            server.watch(str(root / name), preview.rebuild_if_changed)
    # Said from the running loop, so after the socket listens: whoever waits for this line can connect at once.
    IOLoop.current().add_callback(lambda: print(f"serving on http://{host}:{port}/ (Ctrl+C stops)", flush=True))
    server.serve(host=host, port=port, debug=False, open_url_delay=None)
