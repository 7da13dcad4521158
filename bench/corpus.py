"""A synthetic site of N pages per language (en, fr, es) for the benchmark: deterministic, 600-900 words a page."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

LANGUAGES = ("en", "fr", "es")
WORDS = {
    "en": "rights treaty state party protocol committee communication remedy solidarity justice housing food water "
          "health education work security people dignity covenant ratification signature campaign coalition".split(),
    "fr": "droits traité État partie protocole comité communication recours solidarité justice logement "
          "alimentation eau santé éducation travail sécurité personnes dignité pacte ratification campagne".split(),
    "es": "derechos tratado Estado parte protocolo comité comunicación recurso solidaridad justicia vivienda "
          "alimentación agua salud educación trabajo seguridad personas dignidad pacto ratificación campaña".split(),
}
SITE_YAML = """\
title: {en: "Benchmark campaign", fr: "Campagne d'essai", es: "Campaña de prueba"}
base_url: "https://example.org/"
default_language: en
languages:
  - {code: en, locale: en_GB}
  - {code: fr, quotes: ["« ", " »"]}
  - {code: es, quotes: ["«", "»"]}
"""


def sentence(rng: random.Random, words: list[str], length: int) -> str:
    chosen = [rng.choice(words) for _ in range(length)]
    return " ".join(chosen).capitalize() + "."


def page_text(rng: random.Random, language: str, number: int, pages: int) -> str:
    """One page: headings, paragraphs, a list, a table, links to other pages and a footnote."""
    words = WORDS[language]
    target = rng.randint(600, 900)
    parts = [f"---\ntitle: \"Page {number} {words[number % len(words)]}\"\n"
             f"description: \"Synthetic page {number} for the benchmark.\"\n---\n"]
    count = 0
    section = 0
    while count < target:
        section += 1
        parts.append(f"## {sentence(rng, words, 3)[:-1]} {section}\n")
        for _ in range(3):
            text = sentence(rng, words, rng.randint(12, 25))
            count += text.count(" ") + 1
            link = rng.randrange(pages)
            parts.append(f"{text} See [page {link}](page-{link:04d}.md) and \"{rng.choice(words)}\".\n")
        if section == 1:
            parts.append("\n".join(f"- {sentence(rng, words, 6)}" for _ in range(4)) + "\n")
            parts.append("| Year | Event | State |\n|---|---|---|\n" +
                         "\n".join(f"| {2009 + row} | {rng.choice(words)} | {rng.choice(words)} |" for row in range(4))
                         + "\n")
            parts.append("A fact worth a source.[^1]\n")
            count += 60
    parts.append("[^1]: A footnote for the benchmark.\n")
    return "\n".join(parts)


def make_corpus(folder: Path, pages: int, repo: Path, seed: int = 2013) -> Path:
    """Write the corpus to `folder` with the repository's templates, static files and catalogs."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / "site.yaml").write_text(SITE_YAML)
    for part in ("templates", "static", "locale"):
        shutil.copytree(repo / part, folder / part)
    rng = random.Random(seed)
    for language in LANGUAGES:
        content = folder / "content" / language
        content.mkdir(parents=True)
        (content / "index.md").write_text("---\ntitle: Home\ndescription: Home.\nweight: 1\n---\n[First](page-0000.md)\n")
        for number in range(pages):
            (content / f"page-{number:04d}.md").write_text(page_text(rng, language, number, pages))
    return folder
