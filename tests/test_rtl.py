"""A fourth language, written right to left, needs only configuration, content and a catalog."""

from __future__ import annotations

import re
from pathlib import Path

from ratify.check import check_output
from ratify.pipeline import build
from tests.conftest import FIXTURES, make_site, read_tree


def test_an_arabic_site_is_mirrored_and_translated(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "rtl")
    result = build(site, tmp_path / "public")
    assert result.warnings == ()
    output = read_tree(tmp_path / "public")
    home = output["ar/index.html"].decode()
    assert '<html lang="ar" dir="rtl">' in home
    assert '<a class="skip-link" href="#content">انتقل إلى المحتوى</a>' in home
    assert re.search(r'hreflang="ar" lang="ar"[^>]*>العربية</a>', home)
    assert "”الحملة“" in home
    stand_in = output["ar/about/index.html"].decode()
    assert '<html lang="ar" dir="rtl">' in stand_in
    assert '<article lang="en" dir="ltr">' in stand_in
    assert "هذه الصفحة غير متوفرة بعد باللغة العربية" in stand_in
    assert check_output(output, "https://example.org/op/") == []
