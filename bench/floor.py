"""The floor for this stack: PyYAML front matter, one reused markdown.Markdown, one Jinja template, files written,
on N processes. What any Python generator built on these libraries must at least spend on the corpus.

Usage: python bench/floor.py CORPUS OUT [PROCESSES] [plain]
With `plain`, Markdown runs without extensions: the bare minimum, for comparison with figures measured that way.
"""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path

import jinja2
import markdown
import markupsafe
import yaml

# The Markdown extensions ratify uses (its typographic quotes are its own code), so that the floor does the same
# Markdown work.
EXTENSIONS = ["tables", "footnotes", "toc", "attr_list"]
TEMPLATE = jinja2.Template("<!DOCTYPE html><html lang=\"{{ lang }}\"><head><meta charset=\"utf-8\">"
                           "<title>{{ title }}</title></head><body><main><h1>{{ title }}</h1>{{ body }}</main>"
                           "</body></html>", autoescape=True)


def build_part(arguments: tuple[list[str], str, bool]) -> int:
    files, out, plain = arguments
    converter = markdown.Markdown(extensions=[] if plain else EXTENSIONS)
    for name in files:
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.load(front, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        converter.reset()
        html = converter.convert(body)
        language = path.parent.name
        target = Path(out) / language / path.stem / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(TEMPLATE.render(lang=language, title=meta["title"], body=markupsafe.Markup(html)),
                          encoding="utf-8")
    return len(files)


def main(corpus: Path, out: Path, processes: int, plain: bool) -> None:
    files = sorted(str(path) for path in (corpus / "content").rglob("*.md"))
    parts = [(files[index::processes], str(out), plain) for index in range(processes)]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        total = sum(pool.map(build_part, parts))
    print(f"floor: {total} pages")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 2,
         len(sys.argv) > 4 and sys.argv[4] == "plain")
