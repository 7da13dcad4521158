"""The nginx and Apache recipes in deploy/, run in real servers on 127.0.0.1 in front of the built bundled site.

Only what a deployment must change is changed: the port, and the folder the site is in. Without the servers
(Debian's nginx and apache2) these tests skip, except in CI, where they fail: .ci/run installs both.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Iterator

import pytest

from ratify.config import read_config
from ratify.policies import SEARCH_SCRIPT_SOURCES, admin_security_policy, content_security_policy
from tests.conftest import REPO
from tests.test_publishing import crawl

pytestmark = pytest.mark.bundled  # the recipes are tried in front of the bundled site, built

NGINX = "/usr/sbin/nginx"
APACHE = "/usr/sbin/apache2"
APACHE_MODULES = Path("/usr/lib/apache2/modules")


def _require(program: str) -> None:
    if Path(program).exists():
        return
    if os.environ.get("CI"):
        raise RuntimeError(f"{program} must be installed in CI (.ci/run installs it)")
    pytest.skip(f"{program} is not installed (.ci/run installs it)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def _running(command: list[str], port: int, log: Path) -> Iterator[int]:
    """The server started by `command`, once it listens on `port`; stopped afterwards."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None:
                raise AssertionError(f"the server stopped: {log.read_text() if log.exists() else process.returncode}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def public_copy(built_site: Path) -> Iterator[Path]:
    """The built site in a folder every user may read: the servers' workers do not run as the test's user."""
    folder = Path(tempfile.mkdtemp(prefix="ratify-served-"))
    folder.chmod(0o755)
    shutil.copytree(built_site, folder / "public")
    yield folder / "public"
    shutil.rmtree(folder)


@pytest.fixture(scope="module")
def nginx(public_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    _require(NGINX)
    prefix = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    recipe = (REPO / "deploy" / "nginx.conf").read_text()
    recipe = recipe.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("/srv/campaign/public", str(public_copy))
    temporary = " ".join(f"{kind}_temp_path {prefix}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi",
                                                                             "scgi"))
    (prefix / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"worker_processes 1;\ndaemon off;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\n"
        f"events {{}}\nhttp {{\ninclude /etc/nginx/mime.types;\naccess_log off;\n{temporary}\n{recipe}\n}}\n")
    with _running([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf")], port, prefix / "error.log"):
        yield port


@pytest.fixture(scope="module")
def apache(public_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    _require(APACHE)
    server_root = tmp_path_factory.mktemp("apache")
    port = _free_port()
    shutil.copy(REPO / "deploy" / "apache.htaccess", public_copy / ".htaccess")
    modules = ["mpm_event", "authz_core", "dir", "mime", "rewrite", "headers", "alias"]
    user = "User www-data\nGroup www-data\n" if os.geteuid() == 0 else ""  # Apache will not serve as root
    (server_root / "httpd.conf").write_text(
        "".join(f"LoadModule {name}_module {APACHE_MODULES}/mod_{name}.so\n" for name in modules)
        + f"ServerRoot {server_root}\nServerName 127.0.0.1\nListen 127.0.0.1:{port}\nPidFile {server_root}/httpd.pid\n"
        f"ErrorLog {server_root}/error.log\nTypesConfig /etc/mime.types\nAddDefaultCharset utf-8\n{user}"
        f"DocumentRoot {public_copy}\nDirectoryIndex index.html\n"
        f"<Directory {public_copy}>\n  AllowOverride All\n  Require all granted\n</Directory>\n")
    try:
        with _running([APACHE, "-f", str(server_root / "httpd.conf"), "-DFOREGROUND"], port,
                      server_root / "error.log"):
            yield port
    finally:
        (public_copy / ".htaccess").unlink()


def _get(port: int, path: str, accept_language: str | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Accept-Language": accept_language} if accept_language else {})
    response = connection.getresponse()
    response.read()
    return response


@pytest.fixture(params=["nginx", "apache"])
def server(request: pytest.FixtureRequest) -> int:
    return request.getfixturevalue(request.param)


@pytest.mark.parametrize("accept_language, language", [
    ("fr-FR,fr;q=0.9,en;q=0.8", "fr"),
    ("es", "es"),
    ("de-CH,de;q=0.9,es;q=0.8,en;q=0.7", "es"),  # the first language the site has, not merely the first asked
    ("pt-BR, fr;q=0.5", "fr"),
    ("de-ES", "en"),  # German as written in Spain: not Spanish
    ("ja", "en"),
    (None, "en"),
])
def test_the_root_sends_each_visitor_to_their_language(server: int, accept_language: str | None,
                                                       language: str) -> None:
    response = _get(server, "/", accept_language)
    assert response.status == 302
    assert response.headers["Location"].endswith(f"/{language}/")
    assert "Accept-Language" in response.headers["Vary"]


def test_pages_and_assets_carry_their_cache_lifetimes_and_the_policy(server: int, public_copy: Path) -> None:
    policy = content_security_policy(read_config(REPO), header=True)
    for path in ("/en/", "/fr/protocole/", "/es/"):
        page = _get(server, path)
        assert page.status == 200, path
        assert page.headers["Content-Security-Policy"] == policy, path
        assert page.headers["Cache-Control"] == "public, max-age=300, must-revalidate", path
        assert page.headers["X-Content-Type-Options"] == "nosniff"
        assert "charset=utf-8" in page.headers["Content-Type"].lower()
    stylesheet = next((public_copy / "static").glob("style.*.css")).name
    asset = _get(server, f"/static/{stylesheet}")
    assert asset.status == 200 and asset.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert asset.headers["Content-Security-Policy"] == policy
    data = _get(server, "/data/states.json")
    assert data.status == 200 and data.headers["Cache-Control"] == "public, max-age=3600"
    assert data.headers["Access-Control-Allow-Origin"] == "*", "other sites' scripts may read the open data"
    assert "Access-Control-Allow-Origin" not in _get(server, "/en/").headers


def test_the_editor_and_the_search_pages_are_served_with_their_own_policies_and_the_public_pages_keep_theirs(server: int) -> None:
    """The editor needs 'unsafe-eval' and inline styles, the search pages WebAssembly: each in its folder only, the
    public pages' policy stays strict."""
    config = read_config(REPO)
    for path in ("/admin/", "/admin/config.yml"):
        response = _get(server, path)
        assert response.status == 200, path
        assert response.headers.get_all("Content-Security-Policy") == [admin_security_policy(config, header=True)]
    public = _get(server, "/en/about/")
    assert public.headers.get_all("Content-Security-Policy") == [content_security_policy(config, header=True)]
    searching = content_security_policy(config, header=True, script_sources=SEARCH_SCRIPT_SOURCES)
    for path in ("/en/search/", "/fr/recherche/", "/es/buscar/index.html"):
        assert _get(server, path).headers.get_all("Content-Security-Policy") == [searching], path
    assert "wasm" not in _get(server, "/en/searching/").headers["Content-Security-Policy"], "the folder, no prefix"


def test_a_missing_page_gets_the_404_page_of_its_language(server: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server, timeout=10)
    for path, language in (("/fr/nulle-part/", "fr"), ("/es/ninguna-parte/", "es"), ("/nowhere/", "en")):
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read().decode()
        assert response.status == 404, path
        assert f'<html lang="{language}"' in body, path


def test_every_link_served_by_nginx_leads_somewhere(nginx: int) -> None:
    seen, broken = crawl(f"http://127.0.0.1:{nginx}/en/")
    assert broken == []
    assert len(seen) > 600
