"""Catalogs as gettext's tools write them: `i18n update` keeps the layout Poedit and Weblate save, and refuses the
catalog mistakes that msgfmt refuses or that would make gettext's tools misread the file."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from ratify.errors import SiteErrors
from ratify.i18n import read_catalog
from ratify.poformat import is_wrapped, po_text
from tests.conftest import FIXTURES, REPO, make_site, run_cli

POEDIT = FIXTURES / "poedit"
FRENCH = Path("locale/fr/LC_MESSAGES/messages.po")


def _laid_out_again(text: str) -> str:
    catalog = read_po(io.StringIO(text))
    return po_text(catalog, text.split("\n\n", 1)[0], is_wrapped(text))


@pytest.mark.parametrize("overlays", [(POEDIT,), (POEDIT, FIXTURES / "poedit-unwrapped")],
                         ids=["wrapped at 79 columns", "not wrapped"])
def test_a_catalog_saved_by_poedit_round_trips_through_update_with_no_diff(tmp_path: Path, overlays) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", *overlays)
    saved = (site / FRENCH).read_bytes()
    result = run_cli("i18n", "update", "--root", str(site))
    assert result.returncode == 0, result.stderr
    assert (site / FRENCH).read_bytes() == saved  # header fields, comments, #| lines, wrapping: all as Poedit wrote


def test_a_new_string_is_added_in_the_files_own_layout_and_nothing_else_changes(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", POEDIT, FIXTURES / "poedit-unwrapped")
    template = site / "locale" / "messages.pot"
    long = ("A string long enough to be wrapped by a tool that wraps, which this catalog's translator turned off "
            "in Poedit")
    template.write_text(template.read_text() + f'\n#: templates/news.html:30\nmsgid "{long}"\nmsgstr ""\n')
    saved = (site / FRENCH).read_text()
    assert run_cli("i18n", "update", "--root", str(site)).returncode == 0
    updated = (site / FRENCH).read_text()
    assert f'#: templates/news.html:30\nmsgid "{long}"\nmsgstr ""\n' in updated
    assert updated.replace(f'#: templates/news.html:30\nmsgid "{long}"\nmsgstr ""\n\n', "") == saved


def test_the_layout_is_gettexts_at_79_columns() -> None:
    text = (POEDIT / FRENCH).read_text()
    strings = [line for line in text.split("\n") if line.startswith(('"', "msg"))]
    assert is_wrapped(text) and max(len(line) for line in strings) <= 79
    assert not is_wrapped((FIXTURES / "poedit-unwrapped" / FRENCH).read_text())
    assert _laid_out_again(text) == text


@pytest.mark.bundled
@pytest.mark.parametrize("path", ["locale/messages.pot", "locale/fr/LC_MESSAGES/messages.po",
                                  "locale/es/LC_MESSAGES/messages.po"])
def test_the_bundled_catalogs_are_as_gettext_msgcat_and_poedit_write_them(path: str) -> None:
    text = (REPO / path).read_text(encoding="utf-8")
    assert _laid_out_again(text) == text
    if shutil.which("msgcat"):  # GNU gettext itself, where it is installed
        assert subprocess.run(["msgcat", "--width=79", str(REPO / path)], capture_output=True, text=True,
                              check=True).stdout == text


def test_wide_characters_count_two_columns() -> None:
    catalog = read_po(io.StringIO('msgid ""\nmsgstr ""\n"Language: ja\\n"\n'))
    catalog.add("Hello", "条約" * 18)  # 36 characters, but 72 columns: with `msgstr ` and the quotes, 81
    assert po_text(catalog, 'msgid ""\nmsgstr ""', wrapped=True).endswith(f'msgstr ""\n"{"条約" * 18}"\n')


def _problems(text: str) -> list[str]:
    with pytest.raises(SiteErrors) as failure:
        read_catalog(text.encode(), "messages.po", "fr")
    return [str(error) for error in failure.value.errors]


HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def test_a_msgid_is_a_duplicate_only_in_the_same_context_and_outside_obsolete_entries() -> None:
    catalog, _ = read_catalog((HEADER + 'msgid "Signed"\nmsgstr "Signé"\n\nmsgctxt "map"\nmsgid "Signed"\n'
                               'msgstr "Signataire"\n\n#~ msgid "Signed"\n#~ msgstr "Signé"\n').encode(),
                              "messages.po", "fr")
    assert catalog.get("Signed", context="map").string == "Signataire"
    assert _problems(HEADER + 'msgctxt "map"\nmsgid "Signed"\nmsgstr "A"\n\nmsgctxt "map"\nmsgid "Signed"\n'
                     'msgstr "B"\n') == [
        "messages.po:10: translation catalog: the msgid 'Signed' (context 'map') is defined a second time; the "
        "first is at line 6\n    keep one of the two entries: msgfmt, Poedit and Weblate refuse a catalog with both"]


@pytest.mark.parametrize("charset", ["UTF-8", "utf-8", "utf8"])
def test_utf8_is_accepted_however_it_is_spelt(charset: str) -> None:
    read_catalog(HEADER.replace("UTF-8", charset).encode(), "messages.po", "fr")


def test_an_unknown_charset_is_refused_at_its_line() -> None:
    assert _problems(HEADER.replace("UTF-8", "klingon")) == [
        "messages.po:3: translation catalog: the header names an unknown character set 'klingon'\n"
        '    the header line is "Content-Type: text/plain; charset=UTF-8\\n", as Poedit and Weblate write it']


@pytest.mark.parametrize("case", ["po-charset-placeholder", "po-duplicate-msgid"])
def test_update_refuses_the_same_mistakes_and_leaves_the_catalog_alone(case: str, tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "invalid" / case)
    saved = (site / FRENCH).read_bytes()
    result = run_cli("i18n", "update", "--root", str(site))
    assert (result.returncode, result.stderr) == (1, (FIXTURES / "invalid" / case / "expected.txt").read_text())
    assert (site / FRENCH).read_bytes() == saved


def test_a_template_made_by_xgettext_with_charset_placeholder_is_read_as_utf8(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", POEDIT)
    template = site / "locale" / "messages.pot"
    template.write_text(template.read_text().replace("charset=utf-8", "charset=CHARSET") +
                        '\n#: templates/news.html:31\nmsgid "États parties"\nmsgstr ""\n')
    result = run_cli("i18n", "update", "--root", str(site))
    assert result.returncode == 0, result.stderr
    assert '#: templates/news.html:31\nmsgid "États parties"\nmsgstr ""\n' in (site / FRENCH).read_text()
