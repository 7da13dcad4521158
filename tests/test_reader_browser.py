"""The declaration in a real browser: deep links, the table of contents, copying a link, phones, printing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 800}
DESKTOP = {"width": 1280, "height": 900}




def open_page(browser, site_url: str, path: str, **options):
    context = browser.new_context(**{"viewport": DESKTOP, **options})
    page = context.new_page()
    page.goto(site_url + path)
    return page


def in_view(page, selector: str) -> bool:
    """True when the element's top is inside the window."""
    return page.locator(selector).evaluate(
        "element => { const top = element.getBoundingClientRect().top; return top >= 0 && top < innerHeight; }")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_a_deep_link_opens_at_its_paragraph(browser, site_url: str, javascript: bool) -> None:
    page = open_page(browser, site_url, "fr/declaration/#art-7-b", java_script_enabled=javascript, viewport=PHONE)
    assert in_view(page, "#art-7-b")
    assert "(b) De créer des forums" in page.locator("#art-7-b").inner_text()
    assert not in_view(page, "#art-7-a")
    page.context.close()


def test_the_table_of_contents_follows_the_reading_with_javascript(browser, site_url: str) -> None:
    page = open_page(browser, site_url, "en/declaration/")
    toc = page.locator(".declaration-toc")
    assert toc.get_by_role("link").count() == 13  # the preamble and 12 articles
    page.evaluate("document.getElementById('art-9').scrollIntoView()")
    # The highlight follows the scroll asynchronously (IntersectionObserver): wait until it settles on article 9.
    expect(toc.locator("a[aria-current]")).to_have_text("Article 9")
    page.evaluate("document.getElementById('art-2').scrollIntoView()")
    expect(toc.locator("a[aria-current]")).to_have_text("Article 2")
    assert toc.locator("a[aria-current]").count() == 1
    toc.get_by_role("link", name="Article 11").click()
    assert page.url.endswith("#art-11") and in_view(page, "#art-11")
    page.context.close()


def test_without_javascript_the_table_of_contents_is_plain_links(browser, site_url: str) -> None:
    page = open_page(browser, site_url, "es/declaracion/", java_script_enabled=False)
    page.locator(".declaration-toc").get_by_role("link", name="Artículo 12").click()
    assert page.url.endswith("#art-12") and in_view(page, "#art-12")
    assert page.locator(".declaration-toc a[aria-current]").count() == 0
    page.context.close()


def test_the_link_control_copies_the_address_with_javascript(browser, site_url: str) -> None:
    page = open_page(browser, site_url, "en/declaration/", permissions=["clipboard-read", "clipboard-write"])
    control = page.get_by_role("link", name="Link to article 7 (b)")
    control.click()
    assert page.url == site_url + "en/declaration/#art-7-b"
    assert page.evaluate("navigator.clipboard.readText()") == site_url + "en/declaration/#art-7-b"
    assert page.get_by_role("status").inner_text() == "Link copied."
    page.context.close()


def test_without_javascript_the_link_control_is_a_link(browser, site_url: str) -> None:
    page = open_page(browser, site_url, "fr/declaration/", java_script_enabled=False)
    page.get_by_role("link", name="Lien vers l’article 9, paragraphe 3").click()
    assert page.url == site_url + "fr/declaration/#art-9-3"
    assert in_view(page, "#art-9-3")
    assert page.get_by_role("status").inner_text() == ""
    page.context.close()


def test_the_unofficial_translation_mark_is_seen_first(browser, site_url: str) -> None:
    page = open_page(browser, site_url, "es/declaracion/", viewport=PHONE)
    mark = page.get_by_role("note").filter(has_text="Traducción no oficial.")
    assert mark.is_visible() and in_view(page, ".unofficial")
    assert mark.get_by_role("link", name="A/HRC/35/35").get_attribute("href") == "https://docs.un.org/es/A/HRC/35/35"
    page.context.close()


def test_side_by_side_columns_stack_on_a_phone(browser, site_url: str) -> None:
    for viewport, stacked in ((DESKTOP, False), (PHONE, True)):
        page = open_page(browser, site_url, "en/declaration/compare/fr/#art-4-2-a", viewport=viewport)
        english, french = (page.locator(f"#art-4-2-a .compare-cell[lang={code}]").bounding_box()
                           for code in ("en", "fr"))
        assert english and french
        if stacked:
            assert french["y"] >= english["y"] + english["height"] - 1
            assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), "no sideways scrolling"
        else:
            assert french["y"] == english["y"] and french["x"] > english["x"] + english["width"]
        assert in_view(page, "#art-4-2-a")
        page.context.close()


@pytest.mark.parametrize("path", ["en/declaration/#art-4", "en/declaration/compare/fr/#art-4",
                                  "es/declaracion/compare/fr/#art-4", "en/protocol/text/#art-1"])
def test_the_declaration_uses_a_desktop_width_and_fits_a_small_phone(browser, site_url: str, path: str) -> None:
    page = open_page(browser, site_url, path)
    rem = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert page.locator("main").bounding_box()["width"] > 60 * rem, "the reader's <main> is wide on a desktop"
    if "/compare/" in path:
        for cell in page.locator("#art-4-1 .compare-cell").all():
            assert cell.bounding_box()["width"] >= 28 * rem, "each language has a column of reading width"
    else:
        width = page.locator(f"#{path.split('#')[1]}-1").bounding_box()["width"]
        assert 30 * rem <= width <= 45 * rem, "a line of the text stays a comfortable length"
        assert width >= 600, "the wide layout: the text column is not squeezed on a 1280 px screen"
    page.context.close()
    page = open_page(browser, site_url, path, viewport={"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), "no sideways scrolling at 320 px"
    page.context.close()


def below_the_article_jump(page, selector: str) -> bool:
    """True when the element's top is in the window and not under the bar of the contents kept at its top."""
    return page.locator(selector).evaluate("""element => {
        const bar = document.querySelector(".declaration-toc").getBoundingClientRect();
        const box = element.getBoundingClientRect();
        const above = bar.top < 1 && bar.left < box.right && bar.right > box.left;  // not a column beside it
        return box.top >= (above ? bar.bottom : 0) - 1 && box.top < innerHeight; }""")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_deep_link_opens_the_side_by_side_view_at_its_paragraph(browser, site_url: str, javascript: bool,
                                                                   viewport: dict) -> None:
    page = open_page(browser, site_url, "fr/declaration/compare/es/#art-7-b", java_script_enabled=javascript,
                     viewport=viewport)
    assert below_the_article_jump(page, "#art-7-b")
    assert "(b) De créer des forums" in page.locator("#art-7-b .compare-cell[lang=fr]").inner_text()
    assert "(b) A establecer foros" in page.locator("#art-7-b .compare-cell[lang=es]").inner_text()
    assert not in_view(page, "#art-7-a")
    page.context.close()


@pytest.mark.parametrize("path", ["es/declaracion/", "es/declaracion/compare/en/"])
def test_without_javascript_the_contents_lead_to_each_article_on_a_desktop(browser, site_url: str,
                                                                          path: str) -> None:
    page = open_page(browser, site_url, path, java_script_enabled=False)
    toc = page.get_by_role("navigation", name="Índice")
    assert toc.get_by_role("link").count() == 13
    toc.get_by_role("link", name="Artículo 11").click()
    assert page.url == site_url + path + "#art-11" and in_view(page, "#art-11")
    assert toc.is_visible(), "the contents stay beside the text"
    page.context.close()


@pytest.mark.parametrize("path", ["fr/declaration/", "fr/declaration/compare/en/"])
def test_without_javascript_the_article_jump_works_on_a_phone(browser, site_url: str, path: str) -> None:
    page = open_page(browser, site_url, path, java_script_enabled=False, viewport=PHONE)
    jump = page.get_by_role("navigation", name="Sommaire")
    assert jump.bounding_box()["height"] < 60, "one line of numbers, not a list of headings"
    jump.get_by_role("link", name="Article 9", exact=True).click()
    assert page.url == site_url + path + "#art-9" and below_the_article_jump(page, "#art-9")
    assert jump.bounding_box()["y"] == 0, "the jump stays at the top of the window, deep in the text"
    jump.get_by_role("link", name="Article 2", exact=True).click()
    assert page.url.endswith("#art-2") and below_the_article_jump(page, "#art-2")
    assert jump.get_by_role("link").count() == 13 and jump.get_by_role("link", name="Préambule").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    page.context.close()


def test_the_article_jump_stays_one_line_and_shows_the_article_being_read(browser, site_url: str) -> None:
    """The Protocol's 22 articles do not fit a phone: the bar is swiped sideways, and follows the reading."""
    page = open_page(browser, site_url, "en/protocol/text/#art-10-1-h-ii", viewport={"width": 320, "height": 640})
    jump = page.get_by_role("navigation", name="Contents")
    assert jump.bounding_box()["height"] < 60
    assert below_the_article_jump(page, "#art-10-1-h-ii"), "the paragraph opens below the bar"
    current = jump.locator("a[aria-current]")
    expect(current).to_have_text(re.compile(r"^Article 10\D"))
    box, bar = current.bounding_box(), jump.bounding_box()
    assert bar["x"] <= box["x"] and box["x"] + box["width"] <= bar["x"] + bar["width"], "scrolled into the bar"
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    page.context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
@pytest.mark.parametrize("path", ["en/declaration/", "en/declaration/compare/es/", "en/protocol/text/"])
def test_each_article_leads_to_the_previous_and_the_next(browser, site_url: str, path: str,
                                                         javascript: bool) -> None:
    page = open_page(browser, site_url, path + "#art-7", java_script_enabled=javascript)
    page.locator("#art-7").get_by_role("link", name="Next: Article 8").click()
    assert page.url == site_url + path + "#art-8" and in_view(page, "#art-8")
    page.locator("#art-8").get_by_role("link", name="Previous: Article 7").click()
    assert page.url == site_url + path + "#art-7" and in_view(page, "#art-7")
    assert page.locator("#preamble").get_by_role("link", name=re.compile("^Previous")).count() == 0
    page.context.close()


def test_the_side_by_side_view_copies_a_paragraphs_link_and_follows_the_reading(browser, site_url: str) -> None:
    page = open_page(browser, site_url, "en/declaration/compare/fr/",
                     permissions=["clipboard-read", "clipboard-write"])
    page.get_by_role("link", name="Link to article 7 (b)").click()
    assert page.evaluate("navigator.clipboard.readText()") == site_url + "en/declaration/compare/fr/#art-7-b"
    assert page.get_by_role("status").inner_text() == "Link copied."
    page.evaluate("document.getElementById('art-9').scrollIntoView()")
    expect(page.locator(".declaration-toc a[aria-current]")).to_have_text("Article 9")
    page.context.close()


def test_the_language_switcher_of_a_compare_page_keeps_the_comparison(browser, site_url: str) -> None:
    page = open_page(browser, site_url, "fr/declaration/compare/es/")
    page.get_by_role("navigation", name="Langues").get_by_role("link", name="English").click()
    assert page.url == site_url + "en/declaration/compare/es/"
    page.get_by_role("navigation", name="Languages").get_by_role("link", name="Español").click()
    assert page.url == site_url + "es/declaracion/compare/en/"
    assert page.locator("h1").inner_text() == "Versiones en español y en inglés, en paralelo"
    page.context.close()


# --- printing ----------------------------------------------------------------------------------------------------

_no_pdftotext = None if shutil.which("pdftotext") else "pdftotext is not installed (.ci/run installs poppler-utils)"
if _no_pdftotext and os.environ.get("CI"):
    raise RuntimeError(f"the print test must run in CI: {_no_pdftotext}")


# A made-up word put at the end of each part of the page, to tell which parts are printed.
_PRINT_MARKERS = {".site-header": "Qzheaderqz", "nav.menu": "Qzmenuqz", "nav.languages": "Qzlanguagesqz",
                  ".site-footer": "Qzfooterqz", "main": "Qzmainqz"}


@pytest.mark.skipif(_no_pdftotext is not None, reason=_no_pdftotext or "")
@pytest.mark.parametrize("language, path, word", [("en", "en/declaration/", "Article"),
                                                  ("fr", "fr/declaration/", "Article"),
                                                  ("es", "es/declaracion/", "Artículo")])
def test_the_printed_declaration_has_every_article_and_no_navigation(browser, site_url: str, tmp_path: Path,
                                                                      language: str, path: str, word: str) -> None:
    page = open_page(browser, site_url, path)
    # The words of the header and the footer, and a word of our own at the end of each part, to look for in print.
    shown_elsewhere = page.evaluate("""() => [".site-title", ".site-footer"].map(
        selector => document.querySelector(selector).textContent.trim().replace(/\\s+/g, " "))""")
    for part, marker in _PRINT_MARKERS.items():
        page.evaluate("""([part, marker]) => { const span = document.createElement("span");
            span.textContent = " " + marker + " "; document.querySelector(part).append(span); }""", [part, marker])
    pdf = tmp_path / f"{language}.pdf"
    pdf.write_bytes(page.pdf(format="A4"))
    page.context.close()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    printed = {marker for marker in _PRINT_MARKERS.values() if marker in text}
    assert printed == {_PRINT_MARKERS["main"]}, "the main text is printed; header, menu, languages, footer are not"
    assert not [words for words in shown_elsewhere if words in " ".join(text.split())]
    lines = [line.strip() for line in text.splitlines()]
    for number in range(1, 13):
        assert f"{word} {number}" in lines, f"{word} {number} is not printed as a heading"
    assert re.search(r"^\s*\(i\) ", text, re.M) and re.search(r"^\s*3\. ", text, re.M), "numbers are printed"
    assert f"(https://docs.un.org/{language}/A/HRC/35/35)" in text.replace("\n", "")
    for left_out in ("¶", "Skip to content", "Aller au contenu", "Ir al contenido", "Contents", "Sommaire", "Índice"):
        assert left_out not in text, left_out
