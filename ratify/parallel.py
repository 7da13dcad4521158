"""A list of independent jobs -> their results, computed on every core by forked worker processes, in order.

Workers are forked, so they share the parent's loaded site (templates, Markdown parsers, pages) without copying
it through a pipe; only the jobs' small descriptions go out and their results come back. A process with other
threads (the live preview's server and search indexer) is never forked: a lock another thread holds at that
instant would stay locked for ever in the child. There the jobs run in the process itself.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Callable, Sequence, TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")

_work: Callable[[Any], Any] | None = None  # set in the parent just before forking; read by the workers
SERIAL_BELOW = 200  # fewer jobs than this are done in the parent: forking would cost more than it saves


def worker_count() -> int:
    """How many processes to use: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def map_jobs(work: Callable[[Job], Result], jobs: Sequence[Job], processes: int | None = None) -> list[Result]:
    """`[work(job) for job in jobs]`, spread over forked processes when it is worth it; order is kept."""
    processes = worker_count() if processes is None else processes
    if (processes <= 1 or len(jobs) < SERIAL_BELOW or "fork" not in multiprocessing.get_all_start_methods()
            or threading.active_count() > 1):
        return [work(job) for job in jobs]
    global _work
    _work = work
    try:
        chunks = _chunks(len(jobs), processes * 4)  # several chunks per worker evens out slow pages
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
            parts = pool.map(_run_chunk, [jobs[start:end] for start, end in chunks])
            return [result for part in parts for result in part]
    finally:
        _work = None


def _run_chunk(jobs: Sequence[Any]) -> list[Any]:
    assert _work is not None, "map_jobs sets the work before the workers are forked"
    return [_work(job) for job in jobs]


def _chunks(total: int, count: int) -> list[tuple[int, int]]:
    size = max(1, -(-total // count))
    return [(start, min(start + size, total)) for start in range(0, total, size)]
