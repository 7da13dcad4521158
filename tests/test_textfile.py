"""Every text input is UTF-8: a file in another encoding, or with a NUL byte, is an error at the line and column of
its first bad byte, with the likely cause; a byte order mark is accepted and never reaches a page."""

from __future__ import annotations

from pathlib import Path

import pytest

from ratify.errors import SiteError
from ratify.textfile import decode_text
from tests.conftest import FIXTURES, make_site, read_tree, run_cli

CP1252 = "saved as Windows-1252, where 0xE9 is 'é'? save it as UTF-8"
UTF16 = "saved as UTF-16 (Unicode) by Notepad? save it as UTF-8"


@pytest.mark.parametrize(("data", "expected"), [
    ("title: Adhésion\n".encode("cp1252"), "x.md:1: this file is not UTF-8 text: the byte 0xE9 at column 11\n    " + CP1252),
    ("title: x\nd: «Droits» – très\n".encode("latin-1", "replace").replace(b"?", b"-"),
     "x.md:2: this file is not UTF-8 text: the byte 0xAB at column 4\n"
     "    saved as Windows-1252, where 0xAB is '«'? save it as UTF-8"),
    # The column counts characters, not bytes: "é" and "ü" before the bad byte are one column each.
    ("a: 1\nb: éü ".encode() + "é".encode("cp1252"), "x.md:2: this file is not UTF-8 text: the byte 0xE9 at column 7\n    "
     + CP1252),
    ("title: x\n".encode("utf-16"), "x.md:1: this file is not UTF-8 text: the byte 0xFF at column 1\n    " + UTF16),
    ("title: x\n".encode("utf-16-be"), "x.md:1: this file is not UTF-8 text: a NUL byte (0x00) at column 1\n    " + UTF16),
    ("title: x\n".encode("utf-16-le"), "x.md:1: this file is not UTF-8 text: a NUL byte (0x00) at column 2\n    " + UTF16),
    (b"a: 1\nb: two\x00\n", "x.md:2: this file is not UTF-8 text: a NUL byte (0x00) at column 7\n"
     "    a damaged file, or one that is not text? delete that character, or save the text again as UTF-8"),
    # Shift-JIS: 0x82 is a low quotation mark in Windows-1252, which no one types; no guess, then.
    ("a: あ\n".encode("shift_jis"), "x.md:1: this file is not UTF-8 text: the byte 0x82 at column 4\n"
     "    save it as UTF-8 (most editors offer the encoding in 'Save as')"),
])
def test_text_that_is_not_utf8_is_an_error_at_its_first_bad_byte(data: bytes, expected: str) -> None:
    with pytest.raises(SiteError) as raised:
        decode_text(data, "x.md")
    assert str(raised.value) == expected


def test_a_byte_order_mark_is_dropped_and_utf8_is_read_as_it_is() -> None:
    assert decode_text("\ufefftitle: Adhésion – الدول\n".encode(), "x.md") == "title: Adhésion – الدول\n"
    assert decode_text(b"", "x.md") == ""


def test_a_site_whose_files_start_with_a_byte_order_mark_builds_without_it(tmp_path: Path) -> None:
    """Notepad and some Windows editors start every UTF-8 file with one: pages, data, templates and catalogs."""
    site = make_site(tmp_path / "site")
    files = [site / "site.yaml", *sorted((site / "content").rglob("*.md")), *sorted((site / "data").glob("*.yaml")),
             *sorted((site / "templates").rglob("*.html")), site / "locale/fr/LC_MESSAGES/messages.po"]
    for file in files:
        file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes())
    result = run_cli("build", "--root", str(site), "--out", str(tmp_path / "public"))
    assert result.returncode == 0, result.stderr
    built = read_tree(tmp_path / "public")
    assert not [name for name, content in built.items() if "\ufeff".encode() in content]
    assert b"<h1>Join</h1>" in built["en/join/index.html"]
    assert "Aller au contenu".encode() in built["fr/index.html"], "the French catalog is read"


def test_a_template_that_is_not_utf8_is_reported_with_the_other_templates_problems(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "invalid" / "template-latin-1")
    (site / "templates" / "extra.html").write_text("{% if x %}\n<p>never closed</p>\n")
    result = run_cli("build", "--root", str(site), "--out", str(tmp_path / "public"))
    assert result.returncode == 1
    assert result.stderr.startswith("templates/extra.html:2: template: Unexpected end of template.")
    assert "templates/page.html:4: this file is not UTF-8 text: the byte 0xE9 at column 7\n" in result.stderr
