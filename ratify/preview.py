"""The live preview's memory: builds one site again and again in one process, remembering between builds what an
edit did not touch. It wraps the pipeline's stages (ratify/pipeline.py); no stage knows it exists.

Every remembered result is kept with what it was made from (its inputs, compared by equality) and, unless it is
marked otherwise, a fingerprint of the site-wide inputs: templates, catalogs, static files, data and site.yaml.
Editing one page's text changes the inputs of that page's conversion and file only; editing a site-wide input or
any page's front matter makes everything again. Results never depend on the memory: a rebuild and a clean build
give the same bytes (tests/test_serve.py checks it after each kind of edit).
"""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path
from typing import Any, Callable, Hashable, Sequence, TypeVar

import jinja2

from ratify.errors import SiteError
from ratify.pipeline import BuildResult, Files, has_search, load, render_site, result_of, write_whole_site
from ratify.search import INDEX_DIR, index_folder
from ratify.write import replace_folder, update_site

Item = TypeVar("Item")
Result = TypeVar("Result")

# The inputs besides content/: a change to any of them can change every page.
SITE_WIDE_INPUTS = ("site.yaml", "templates", "locale", "static", "data")


def inputs_fingerprint(root: Path) -> str:
    """A hash of the content of every site-wide input file: templates, catalogs, static files, data, site.yaml."""
    hasher = hashlib.sha256()
    for name in SITE_WIDE_INPUTS:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
        for file in files:
            hasher.update(file.relative_to(root).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return hasher.hexdigest()


class Memory:
    """The pipeline's Recall for a series of builds: results kept by kind and item, with their inputs."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, Hashable], tuple[Any, Any]] = {}  # (kind, item) -> (inputs, result)
        self._used: set[tuple[str, Hashable]] = set()
        self.site_inputs = ""  # the fingerprint of the site-wide inputs for the build under way

    def begin(self, root: Path) -> None:
        self.site_inputs = inputs_fingerprint(root)
        self._used = set()

    def end(self) -> None:
        """Forget what the last build did not ask for: deleted pages, old versions."""
        self._kept = {key: value for key, value in self._kept.items() if key in self._used}

    def one(self, kind: str, inputs: Callable[[], Any], make: Callable[[], Result], site_wide: bool = True) -> Result:
        return self.each(kind, [None], lambda _: (None, inputs()), lambda todo: [make()], site_wide)[0]

    def each(self, kind: str, items: Sequence[Item], inputs: Callable[[Item], tuple[Hashable, Any]],
             make: Callable[[list[Item]], list[Result]], site_wide: bool = True) -> list[Result]:
        results: list[Any] = [None] * len(items)
        todo: list[tuple[int, tuple[str, Hashable], Any]] = []
        for index, item in enumerate(items):
            name, made_from = inputs(item)
            key = (kind, name)
            made_from = (self.site_inputs, made_from) if site_wide else made_from
            self._used.add(key)
            kept = self._kept.get(key)
            if kept is not None and kept[0] == made_from:
                results[index] = kept[1]
            else:
                todo.append((index, key, made_from))
        if todo:
            for (index, key, made_from), result in zip(todo, make([items[index] for index, _, _ in todo])):
                results[index] = result
                self._kept[key] = (made_from, result)
        return results


class Rebuilder:
    """Builds one site again and again in one process (live preview), redoing only what each edit changed.

    The first build writes the whole output folder as `build` does; later ones replace only the files whose
    content changed, each in one step, and remove the files the site no longer has. On an error nothing is
    written, as in `build`.
    """

    def __init__(self, root: Path, out_dir: Path, base_url: str | None = None,
                 templates_on_disk: jinja2.BytecodeCache | None = None) -> None:
        self.root, self.out_dir, self.base_url = root, out_dir, base_url
        self.templates_on_disk = templates_on_disk
        self.memory = Memory()
        self.written: Files | None = None  # what the output folder holds, as this process last wrote it
        self.search_stale = False  # pages changed since the search index was made

    def build(self, today: datetime.date | None = None) -> BuildResult:
        self.memory.begin(self.root)
        loaded = load(self.root, self.base_url, today, recall=self.memory)
        files = render_site(self.root, loaded.site, self.memory, self.templates_on_disk)
        self.memory.end()
        if self.written is None or not self.out_dir.is_dir():
            write_whole_site(loaded.site, files, self.out_dir)
        elif update_site(files, self.written, self.out_dir):
            # Indexing takes a second or more, too slow to wait for on every save: see refresh_search.
            self.search_stale = has_search(loaded.site)
        self.written = files
        return result_of(loaded, files)

    def refresh_search(self) -> None:
        """Index the output folder for search again if pages changed since the last index, and swap the new index
        in whole. The preview runs this beside the server after each rebuild, so a save never waits for it."""
        if not self.search_stale:
            return
        self.search_stale = False  # a rebuild during indexing marks it stale again, and it is run once more
        try:
            replace_folder(self.out_dir / INDEX_DIR, lambda fresh: index_folder(self.out_dir, fresh))
        except OSError as error:  # the output folder moved or vanished meanwhile: the next save tries again
            self.search_stale = True
            raise SiteError(f"search index: {error.strerror or error}", None, None) from None
