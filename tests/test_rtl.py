"""A fourth language, written right to left, needs only configuration, content and a catalog."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

from babel.messages.pofile import read_po

from ratify.catalogs import update_catalogs
from ratify.charts import Series, timeline_svg
from ratify.check import check_output
from ratify.config import read_config
from ratify.pipeline import build
from ratify.serve import Preview
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
    assert check_output(output, "https://ratify-fixture.org/op/") == []


def add_languages_as_the_readme_says(site: Path) -> None:
    """'Add a language' for Portuguese and Arabic: site.yaml, a home page each, `i18n update`, nothing translated."""
    config = (site / "site.yaml").read_text(encoding="utf-8")
    config = config.replace('  ar: "حملة تجريبية"\n', '  ar: "حملة تجريبية"\n  pt: "Campanha de teste"\n')
    lines = config.split("\n")
    at = lines.index("  - code: ar")
    lines[at:at] = ["  - code: pt"]
    (site / "site.yaml").write_text("\n".join(lines), encoding="utf-8")
    (site / "content" / "pt").mkdir()
    (site / "content" / "pt" / "index.md").write_text("---\ntitle: Início\ndescription: A campanha.\n---\nOlá.\n",
                                                      encoding="utf-8")
    shutil.rmtree(site / "locale" / "ar")  # as if Arabic were new too: `i18n update` writes its catalog
    update_catalogs(site, read_config(site))


def test_the_readme_steps_add_portuguese_and_arabic_with_nothing_translated(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "rtl")
    add_languages_as_the_readme_says(site)
    with open(site / "locale" / "ar" / "LC_MESSAGES" / "messages.po", "rb") as arabic:
        assert read_po(arabic).plural_forms == ("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
                                                "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);")
    build(site, tmp_path / "public")  # untranslated plural entries are no error: they show in English
    output = read_tree(tmp_path / "public")
    home = output["pt/index.html"].decode()
    assert '<html lang="pt" dir="ltr">' in home
    # An interface string shown in English says so, for screen readers; in an attribute it stays plain text.
    assert '<a class="skip-link" href="#content"><span lang="en">Skip to content</span></a>' in home
    assert 'aria-label="Languages"' in home
    assert "\ue000" not in home and "\ue001" not in home
    arabic_home = output["ar/index.html"].decode()
    assert '<span lang="en" dir="ltr">Skip to content</span>' in arabic_home
    for name, data in output.items():
        if name.endswith((".xml", ".json", ".txt", ".html")):
            assert "\ue000" not in data.decode(), name
    assert check_output(output, "https://ratify-fixture.org/op/") == []


def test_english_pages_and_translated_strings_are_not_marked(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "rtl")
    build(site, tmp_path / "public")
    output = read_tree(tmp_path / "public")
    assert '<span lang="en"' not in output["en/index.html"].decode()
    assert '<span lang="en"' not in output["fr/index.html"].decode()  # the French catalog is complete


def test_the_tracker_in_arabic_under_an_arabic_slug(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "campaign", FIXTURES / "rtl",
                     FIXTURES / "rtl-tracker")
    build(site, tmp_path / "public")
    output = read_tree(tmp_path / "public")
    states = output["ar/الدول/index.html"].decode()
    encoded = "%D8%A7%D9%84%D8%AF%D9%88%D9%84"  # الدول
    assert '<html lang="ar" dir="rtl">' in states
    assert f'<link rel="canonical" href="https://ratify-fixture.org/op/ar/{encoded}/">' in states
    assert f'hreflang="ar" href="https://ratify-fixture.org/op/ar/{encoded}/"' in output["en/states/index.html"].decode()
    assert f"<loc>https://ratify-fixture.org/op/ar/{encoded}/</loc>" in output["sitemap.xml"].decode()
    assert f'href="/op/ar/{encoded}/ec/"' in states  # the table and the map link each State's page
    assert 'class="timeline"' in states and 'class="world-map' in states and "<table" in states
    assert "ar/الدول/ec/index.html" in output
    assert check_output(output, "https://ratify-fixture.org/op/") == []


def test_an_arabic_site_can_ask_for_arabic_digits_in_numbers_dates_and_the_chart(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "campaign", FIXTURES / "rtl",
                     FIXTURES / "rtl-tracker")
    config = (site / "site.yaml").read_text(encoding="utf-8")
    (site / "site.yaml").write_text(config.replace("  - code: ar\n", "  - code: ar\n    locale: ar_EG\n"
                                                   "    numbers: native\n"), encoding="utf-8")
    page = site / "content" / "ar" / "الدول.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{< states status=none >}}\n", encoding="utf-8")
    build(site, tmp_path / "public")
    states = read_tree(tmp_path / "public")["ar/الدول/index.html"].decode()
    assert '<time datetime="2009-09-24">٢٤ سبتمبر ٢٠٠٩</time>' in states
    # Counts inside sentences too, a plural message's among them.
    assert re.search(r"<caption[^>]*>.*All ٦ UN Member", states)
    assert re.search(r"<summary>(<span [^>]*>)?٢ States", states)
    chart = states[states.index('<svg class="timeline"'):]
    assert 'text-anchor="middle">٢٠١٠</text>' in chart and 'text-anchor="start">٥</text>' in chart


def test_the_timeline_of_a_right_to_left_page_runs_from_right_to_left() -> None:
    """Time runs the way the page reads: the first year on the right, the counts on the right, each legend label
    ending left of its swatch; a left-to-right page is the same drawing, unmirrored."""
    series = [Series("series-signatories", "الدول الموقعة", ((datetime.date(2010, 1, 1), 1),)),
              Series("series-parties", "الدول الأطراف", ((datetime.date(2011, 1, 1), 1),))]
    dates = (datetime.date(2009, 9, 24), datetime.date(2013, 5, 5))
    rtl = timeline_svg(series, *dates, "t", "d", str, str, direction="rtl")
    ltr = timeline_svg(series, *dates, "t", "d", str, str)
    assert '<svg class="timeline" viewBox="0 0 640 300" direction="ltr"' in rtl  # not the page's rtl
    assert 'direction=' not in ltr

    def years(svg: str) -> list[float]:
        return [float(x) for x in re.findall(r'x="([\d.]+)" y="[\d.]+" dy="0.9em" text-anchor="middle">', svg)]

    def counts(svg: str) -> list[float]:
        return [float(x) for x in re.findall(r'<text class="axis" x="([\d.]+)" y="[\d.]+" dy="0.35em"', svg)]

    assert years(ltr) == sorted(years(ltr)) and years(rtl) == sorted(years(rtl), reverse=True)
    assert [round(640 - x, 1) for x in years(ltr)] == years(rtl)  # the same drawing, mirrored
    assert max(counts(ltr)) < min(years(ltr)) and min(counts(rtl)) > max(years(rtl))  # counts at the start edge
    swatches = [float(x) for x in re.findall(r'<rect class="series-\w+" x="([\d.]+)"', rtl)]
    labels = re.findall(r'<text class="legend" x="([\d.]+)" y="[\d.]+" dy="0.35em" text-anchor="end">', rtl)
    assert swatches[0] + 18 <= 640 and len(labels) == 2
    assert all(float(label) < swatch for label, swatch in zip(labels, swatches))  # each label ends left of its swatch
    step = re.search(r'<path class="series series-parties" d="M([\d.]+),[^"]*H([\d.]+)"', rtl)
    assert float(step.group(2)) < float(step.group(1))  # the line steps leftwards as time goes on


def test_the_previews_error_page_is_right_to_left_in_arabic(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", FIXTURES / "site", FIXTURES / "rtl")
    preview = Preview(site, tmp_path / "public", "http://127.0.0.1:1/", lambda: datetime.date(2013, 5, 5),
                      lambda message: None)
    preview.build()
    index = site / "content" / "ar" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("weight: 1", "weight: one"), encoding="utf-8")
    preview.build()
    assert preview.errors
    for path, opening in [("/ar/", '<html lang="ar" dir="rtl">'), ("/en/", '<html lang="en" dir="ltr">')]:
        body = b"".join(preview.app({"PATH_INFO": path}, lambda status, headers: None)).decode()
        assert opening in body, path
