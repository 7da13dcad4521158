"""Work spread over processes gives what the same work gives in one process."""

from __future__ import annotations

import os
import pickle
import threading
from pathlib import Path

import pytest

from ratify import parallel
from ratify.errors import SiteError, SiteErrors
from ratify.pipeline import build
from tests.conftest import FIXTURES, make_site, read_tree


def test_jobs_come_back_in_order_from_several_processes() -> None:
    jobs = list(range(500))
    assert parallel.map_jobs(lambda number: number * number, jobs, processes=2) == [number * number for number in jobs]


def test_a_site_built_on_several_processes_equals_one_built_in_one(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "tracker")
    monkeypatch.setattr(parallel, "worker_count", lambda: 1)
    build(site, tmp_path / "serial")
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)
    monkeypatch.setattr(parallel, "SERIAL_BELOW", 1)  # even a few jobs go to the workers
    build(site, tmp_path / "parallel")
    assert read_tree(tmp_path / "parallel") == read_tree(tmp_path / "serial")


def test_errors_come_back_from_the_workers_whole_and_every_one_is_reported(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken link in every page, converted on two processes: each page's error, at its line, with its hint."""
    site = make_site(tmp_path / "site", FIXTURES / "site")
    pages = sorted((site / "content").rglob("*.md"))
    expected = set()
    for page in pages:
        if "draft: true" in page.read_text(encoding="utf-8"):
            continue  # a draft is not published, so not converted
        text = page.read_text(encoding="utf-8").rstrip("\n") + "\n\nSee [this](no-such-page.md).\n"
        page.write_text(text, encoding="utf-8")
        expected.add((page.relative_to(site).as_posix(), text.count("\n")))
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)
    monkeypatch.setattr(parallel, "SERIAL_BELOW", 1)
    with pytest.raises(SiteErrors) as failure:
        build(site, tmp_path / "public")
    errors = failure.value.errors
    assert {(error.path, error.line) for error in errors} == expected
    assert all(error.message == "the link to 'no-such-page.md' leads to no page" for error in errors)
    assert all(error.hint and error.hint.startswith("link to an existing .md file") for error in errors)
    assert not (tmp_path / "public").exists()


def test_a_template_error_on_many_pages_rendered_on_two_processes_is_reported_at_its_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site")
    page_template = site / "templates" / "page.html"
    page_template.write_text(page_template.read_text(encoding="utf-8").replace(
        "{{ page_body }}", "{{ page.source.no_such_field }}"), encoding="utf-8")
    line = page_template.read_text(encoding="utf-8").split("\n").index("{{ page.source.no_such_field }}") + 1
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)
    monkeypatch.setattr(parallel, "SERIAL_BELOW", 1)
    with pytest.raises(SiteErrors) as failure:
        build(site, tmp_path / "public")
    assert [(error.path, error.line) for error in failure.value.errors] == [("templates/page.html", line)]
    assert "no_such_field" in failure.value.errors[0].message


def test_a_site_error_crosses_a_process_boundary_whole() -> None:
    error = SiteError("the link leads nowhere", "content/en/a.md", 3, "link to an existing page")
    back = parallel.map_jobs(lambda job: error, list(range(4)), processes=2)
    assert back == [error] * 4 and back[0].hint == "link to an existing page"
    errors = pickle.loads(pickle.dumps(SiteErrors([error])))
    assert errors.errors == [error]


def test_a_process_with_threads_is_not_forked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview rebuilds beside its server's threads: the jobs then run in the process itself."""
    started = threading.Event()
    stop = threading.Event()
    thread = threading.Thread(target=lambda: (started.set(), stop.wait(10)))
    thread.start()
    started.wait()
    try:
        pids = parallel.map_jobs(lambda job: os.getpid(), list(range(400)), processes=2)
    finally:
        stop.set()
        thread.join()
    assert set(pids) == {os.getpid()}
    # With no other thread (as far as the guard can tell: the test runner may have threads of its own), the jobs go
    # to forked workers.
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    assert os.getpid() not in parallel.map_jobs(lambda job: os.getpid(), list(range(400)), processes=2)
