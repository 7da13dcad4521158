"""ratify as a generator for any campaign: `ratify new`, the default theme a site overrides file by file, i18n in a
site of its own, and the package installed with pip and run from an unrelated folder."""

from __future__ import annotations

import datetime
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
import yaml
from babel.messages.catalog import Catalog

import ratify.i18n
from ratify.cli import main
from ratify.errors import SiteErrors
from ratify.i18n import merge_catalogs, read_catalogs
from ratify.config import read_config
from ratify.pipeline import build
from ratify.states import parse_states, parse_un_states
from ratify.theme import default_theme, lookup_folders
from tests.conftest import REPO, read_tree, run_cli

# A 404 page of the site's own: it replaces the theme's, and brings a string of its own to translate.
OWN_404 = ('{% extends "base.html" %}{% block title %}{{ _("Page not found") }}{% endblock %}'
           '{% block meta %}{% endblock %}{% block main %}<p>{{ _("Our own words") }}</p>{% endblock %}')
TREATY = "Optional Protocol to the Convention on the Rights of the Child on a communications procedure"


def new_site(folder: Path, languages: str = "en,ar,pt") -> Path:
    assert main(["new", str(folder), "--languages", languages, "--treaty", TREATY]) == 0
    return folder


def test_a_new_site_builds_at_once_with_a_home_page_in_each_language(tmp_path: Path) -> None:
    site = new_site(tmp_path / "campaign")
    assert not any((site / part).exists() for part in ("templates", "static", "locale")), "the theme's are used"
    build(site, tmp_path / "public")
    built = read_tree(tmp_path / "public")
    for code in ("en", "ar", "pt"):
        assert f"{code}/index.html" in built, code
    assert '<html lang="ar" dir="rtl">' in built["ar/index.html"].decode()
    assert "content/pt/index.md" in built["pt/index.html"].decode(), "the text says which file to replace"
    assert not any(path.startswith("en/states") for path in built), "no tracker until its data is filled in"


def test_a_new_site_says_what_to_fill_and_pretends_nothing(tmp_path: Path) -> None:
    site = new_site(tmp_path / "campaign")
    assert (site / "README.md").read_text().startswith(f"# Campaign for the {TREATY}")
    assert "TO FILL" in (site / "site.yaml").read_text()
    assert "TO FILL" in (site / "content" / "ar" / "index.md").read_text()
    draft = yaml.safe_load((site / "data" / "states.to-fill.yaml").read_text())
    assert draft["states"] == [] and set(draft["treaty"]["name"].values()) == {TREATY}
    treaty = {key: value for key, value in draft["treaty"].items() if key != "wording"}
    # Only the name given is a fact; every other value is empty or says TO FILL. The sentences are generic.
    assert all(value is None or value == TREATY or "TO FILL" in value for value in _leaves(treaty))
    assert not any(character.isdigit() for value in _leaves(draft["treaty"]["wording"]) for character in value)
    assert not (site / "data" / "states.yaml").exists(), "the build reads no treaty data until it is real"


def _leaves(value: object) -> list:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


def test_the_treaty_block_to_fill_follows_the_data_format(tmp_path: Path) -> None:
    """Filled in, the starter's treaty block is read by the tracker as it is; left empty, the build says what to
    fill, line by line."""
    site = new_site(tmp_path / "campaign")
    text = (site / "data" / "states.to-fill.yaml").read_text()
    known = {state.code: state for state in parse_un_states((site / "data" / "un-states.yaml").read_text(), "un")}
    with pytest.raises(SiteErrors) as empty:
        parse_states(text, "data/states.yaml", known, datetime.date(2025, 1, 1))
    assert "'adopted' has no value" in str(empty.value) and "data/states.yaml:" in str(empty.value)
    draft = yaml.safe_load(text)
    languages = list(draft["treaty"]["name"])
    draft["treaty"].update(short_name=dict.fromkeys(languages, "OP3-CRC"), adopted=datetime.date(2011, 12, 19),
                           opened_for_signature=datetime.date(2012, 2, 28), hashtag="OP3CRC",
                           monitoring_body=dict.fromkeys(languages, "the Committee on the Rights of the Child"),
                           entry_into_force={"instruments": 10, "after": {"months": 3}})
    draft["treaty"]["adopted_by"]["resolution"] = "A/RES/66/138"
    draft["treaty"]["depositary"].update(
        reference="IV-11-d", url="https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=IV-11-d&chapter=4")
    draft["treaty"]["depositary_totals"].update(signatories=12, parties=3, as_of_or_later=datetime.date(2024, 1, 1),
                                                source="test")
    draft["sources"] = [{"id": "test", "title": "A test source", "url": "https://treaties.un.org/", "as_of": "2024"}]
    draft["states"] = [{"code": "KE", "signed": datetime.date(2024, 9, 24), "source": "test"}]
    tracker = parse_states(yaml.safe_dump(draft), "data/states.yaml", known, datetime.date(2025, 1, 1))
    assert (dict(tracker.treaty.name), [state.code for state in tracker.states]) == (
        dict.fromkeys(languages, TREATY), ["KE"])


def test_new_wants_an_empty_folder_and_known_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    assert main(["new", str(tmp_path / "taken")]) == 1
    assert main(["new", str(tmp_path / "x"), "--languages", "en,klingon"]) == 1
    assert main(["new", str(tmp_path / "y"), "--languages", "en,qq"]) == 1
    errors = capsys.readouterr().err
    assert "taken: is not an empty folder" in errors and "'klingon' is not a language code" in errors
    assert "'qq' is not a language CLDR knows" in errors and "Traceback" not in errors
    assert (tmp_path / "taken" / "notes.txt").read_text() == "mine" and not (tmp_path / "x").exists()


def test_a_site_replaces_one_template_and_one_static_file_and_keeps_the_rest(tmp_path: Path) -> None:
    site = new_site(tmp_path / "campaign", "en,fr")
    (site / "templates").mkdir()
    (site / "templates" / "404.html").write_text(OWN_404)
    (site / "static").mkdir()
    (site / "static" / "style.css").write_text("body { color: teal }\n")
    (site / "static" / "campaign.svg").write_text("<svg/>")
    build(site, tmp_path / "public")
    built = read_tree(tmp_path / "public")
    assert "Our own words" in built["fr/404.html"].decode()
    assert "Our own words" not in built["fr/index.html"].decode(), "the theme's page.html is still used"
    styles = [path for path in built if path.startswith("static/style.")]
    assert len(styles) == 1 and built[styles[0]] == b"body { color: teal }\n"
    assert f'href="/{styles[0]}"' in built["en/index.html"].decode()
    theme_files = {path.name for path in (default_theme() / "static").iterdir()}
    assert {re.sub(r"\.[0-9a-f]{10}\.", ".", path.removeprefix("static/"))
            for path in built if path.startswith("static/")} == theme_files | {"campaign.svg"}


def test_a_site_without_templates_speaks_the_languages_the_theme_has_catalogs_for(tmp_path: Path) -> None:
    site = new_site(tmp_path / "campaign", "en,fr")
    build(site, tmp_path / "public")
    french = (tmp_path / "public" / "fr" / "index.html").read_text()
    assert "Aller au contenu" in french and "Skip to content" not in french
    styles = sorted((tmp_path / "public" / "static").glob("style.*.css"))
    assert styles[0].read_bytes() == (default_theme() / "static" / "style.css").read_bytes()


def test_the_sites_translation_wins_and_the_themes_fill_the_rest(tmp_path: Path) -> None:
    site = new_site(tmp_path / "campaign", "en,fr")
    catalog = site / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                       'msgid "Skip to content"\nmsgstr "Sauter au texte"\n\n'
                       'msgid "Page not found"\nmsgstr ""\n', encoding="utf-8")
    catalogs = read_catalogs(site, read_config(site).languages)
    french = catalogs.translations["fr"]
    assert french.gettext("Skip to content") == "Sauter au texte", "the site's own word wins"
    assert french.gettext("Page not found") == "Page introuvable", "an empty entry of the site's leaves the theme's"
    assert french.gettext("Search") == "Rechercher", "the theme's catalog fills the rest"
    assert catalogs.warnings == ()


def test_merging_catalogs_keeps_the_site_translated_and_the_theme_for_the_rest() -> None:
    own, theme = Catalog(locale="fr"), Catalog(locale="fr")
    own.add("Ours", "Le nôtre")
    own.add("Fuzzy here", "Flou", flags=["fuzzy"])
    own.add("Only here", "Seulement ici")
    theme.add("Ours", "Celui du thème")
    theme.add("Fuzzy here", "Net")
    theme.add("Theirs", "Le leur")
    theme.add("Fuzzy there", "Flou là", flags=["fuzzy"])
    merged = merge_catalogs(own, theme)
    shown = {message.id: (message.string, message.fuzzy) for message in merged if message.id}
    assert shown == {"Ours": ("Le nôtre", False), "Fuzzy here": ("Net", False), "Only here": ("Seulement ici", False),
                     "Theirs": ("Le leur", False)}


def test_the_bundled_site_is_the_theme_and_nothing_is_looked_up_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    for part in ("templates", "static", "locale"):
        assert lookup_folders(REPO, part) == (REPO / part,), part
    monkeypatch.setattr(ratify.i18n, "merge_catalogs", lambda *catalogs: pytest.fail("a catalog merged with itself"))
    assert set(read_catalogs(REPO, read_config(REPO).languages).catalogs) == {"fr", "es"}


def test_i18n_in_a_site_of_its_own_says_what_it_did_or_what_is_missing(tmp_path: Path) -> None:
    site = new_site(tmp_path / "campaign", "en,fr,ar")
    before = run_cli("i18n", "update", "--root", str(site))
    assert before.returncode == 1 and "Traceback" not in before.stderr
    assert "locale/messages.pot: the list of strings to translate is missing" in before.stderr
    assert "run 'python build.py i18n extract' first" in before.stderr  # as run here; 'ratify ...' by ratify
    (site / "templates").mkdir()
    (site / "templates" / "404.html").write_text(OWN_404)
    extract = run_cli("i18n", "extract", "--root", str(site))
    assert extract.returncode == 0, extract.stderr
    assert "wrote locale/messages.pot" in extract.stdout and "the site's own templates" in extract.stdout
    pot = (site / "locale" / "messages.pot").read_text()
    assert '#: templates/404.html:1\nmsgid "Our own words"' in pot and 'msgid "Skip to content"' in pot
    update = run_cli("i18n", "update", "--root", str(site))
    assert update.returncode == 0, update.stderr
    french = (site / "locale" / "fr" / "LC_MESSAGES" / "messages.po").read_text()
    arabic = (site / "locale" / "ar" / "LC_MESSAGES" / "messages.po").read_text()
    assert 'msgid "Our own words"' in french and 'msgid "Skip to content"' not in french, "the theme translates it"
    assert 'msgid "Our own words"' in arabic and 'msgid "Skip to content"' in arabic, "no theme catalog for ar"
    assert "updated locale/fr/LC_MESSAGES/messages.po: 1 strings; the default theme translates" in update.stdout
    build(site, tmp_path / "public")  # the untranslated Arabic catalog, plurals included, is no error


def test_build_py_and_ratify_are_one_command_line() -> None:
    for program in (["build.py"], ["-m", "ratify"]):
        result = subprocess.run([sys.executable, *[str(REPO / part) if part.endswith(".py") else part
                                                   for part in program], "--help"],
                                cwd=REPO, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0 and "new" in result.stdout and "i18n" in result.stdout, result.stderr


def _cannot_build_wheels() -> str | None:
    """Why this Python cannot build ratify's wheel offline, or None: setuptools before 70.1 needs `wheel`."""
    import setuptools

    major, minor = (int(part) for part in setuptools.__version__.split(".")[:2])
    if (major, minor) < (70, 1) and importlib.util.find_spec("wheel") is None:
        return (f"setuptools {setuptools.__version__} needs the 'wheel' package to build a wheel offline; "
                "`make test` installs it (requirements-dev.txt)")
    return None


def test_the_package_installs_and_starts_a_site_from_any_folder(tmp_path: Path) -> None:
    why_not = _cannot_build_wheels()
    if why_not:
        pytest.skip(why_not)
    source = tmp_path / "source"  # pip writes build/ and *.egg-info beside the sources: never in the repository
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "stamped")
    for part in ("pyproject.toml", "README.md", "ratify", "templates", "static", "locale", "data"):
        copy = shutil.copytree if (REPO / part).is_dir() else shutil.copyfile
        copy(REPO / part, source / part, **({"ignore": ignore} if (REPO / part).is_dir() else {}))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(tmp_path / "dist"),
                    str(source)], check=True, capture_output=True, timeout=120)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=60)
    python = venv / "bin" / "python"
    wheel = next((tmp_path / "dist").glob("ratify-*.whl"))
    subprocess.run([*pip, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)], check=True,
                   capture_output=True, timeout=120)
    packages = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                              check=True, capture_output=True, text=True).stdout.strip()
    # The dependencies (installed with --no-deps, offline) are those of the Python running the tests.
    (Path(packages) / "dependencies.pth").write_text(str(Path(jinja2.__file__).parent.parent) + "\n")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    ratify = str(venv / "bin" / "ratify")
    made = subprocess.run([ratify, "new", "campaign", "--languages", "en,fr,ar", "--treaty", TREATY],
                          cwd=elsewhere, capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    built = subprocess.run([ratify, "build"], cwd=elsewhere / "campaign", capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    assert "built 3 pages" in built.stdout
    french = (elsewhere / "campaign" / "public" / "fr" / "index.html").read_text()
    assert "Aller au contenu" in french, "the installed theme's catalog"
    where = subprocess.run([str(python), "-c", "import ratify.theme; print(ratify.theme.default_theme())"],
                           cwd=elsewhere, capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where) == Path(packages) / "ratify" / "default_theme", "the installed package, not the repository"
