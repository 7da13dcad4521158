"""Work spread over processes gives what the same work gives in one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from ratify import parallel
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
