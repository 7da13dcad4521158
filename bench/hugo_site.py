"""The same corpus as a Hugo site: a minimal multilingual config and one layout, for the comparison."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

CONFIG = """\
baseURL = "https://example.org/"
title = "Benchmark"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS"]
[markup.goldmark.renderer]
  unsafe = true
[languages.en]
  weight = 1
  contentDir = "content/en"
[languages.fr]
  weight = 2
  contentDir = "content/fr"
[languages.es]
  weight = 3
  contentDir = "content/es"
"""
SINGLE = ('<!DOCTYPE html><html lang="{{ .Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
          '</head><body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>\n')
_MD_LINK = re.compile(r"\]\((page-\d{4})\.md\)")


def make_hugo_site(corpus: Path, folder: Path) -> Path:
    """Copy the corpus's pages into a Hugo site; links to .md files become relative page links."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "layouts" / "_default").mkdir(parents=True)
    (folder / "hugo.toml").write_text(CONFIG)
    (folder / "layouts" / "_default" / "single.html").write_text(SINGLE)
    (folder / "layouts" / "_default" / "list.html").write_text(SINGLE)
    for page in sorted((corpus / "content").rglob("*.md")):
        target = folder / page.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = _MD_LINK.sub(r"](../\1/)", page.read_text(encoding="utf-8"))
        if page.name == "index.md":
            target = target.with_name("_index.md")
        target.write_text(text, encoding="utf-8")
    return folder
