"""What a person does in a real browser: choose a language, switch language, read with JavaScript off."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from ratify.pipeline import build
from tests import quality
from tests.browser import serve_folder
from tests.conftest import FIXTURES, REPO, copy_bundled_site, make_site, un_state_count

pytestmark = pytest.mark.browser





def open_page(browser, site_url: str, path: str, **options):
    context = browser.new_context(**options)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + path)
    return page, requests


def test_the_root_sends_visitors_to_their_language(browser, site_url: str) -> None:
    page, _ = open_page(browser, site_url, "", locale="es-ES")
    page.wait_for_url(site_url + "es/")
    assert page.locator("html").get_attribute("lang") == "es"
    page.context.close()


def test_without_javascript_the_root_lists_the_languages(browser, site_url: str) -> None:
    page, _ = open_page(browser, site_url, "", java_script_enabled=False, locale="fr-FR")
    assert page.url == site_url
    page.get_by_role("link", name="Français").click()
    assert page.url == site_url + "fr/"
    assert page.locator("html").get_attribute("lang") == "fr"
    page.context.close()


def test_switching_language_keeps_the_page(browser, site_url: str) -> None:
    page, requests = open_page(browser, site_url, "en/about/")
    page.get_by_role("navigation", name="Languages").get_by_role("link", name="Français").click()
    assert page.url == site_url + "fr/a-propos/"
    page.get_by_role("navigation", name="Langues").get_by_role("link", name="Español").click()
    assert page.url == site_url + "es/acerca-de/"
    assert page.locator("h1").inner_text().startswith("Acerca del Protocolo")
    hosts = {urlsplit(url).netloc for url in requests}
    assert hosts == {urlsplit(site_url).netloc}, "nothing is requested from another host"
    page.context.close()


def test_the_skip_link_is_the_first_thing_a_keyboard_reaches(browser, site_url: str) -> None:
    page, _ = open_page(browser, site_url, "fr/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Aller au contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
    page.context.close()


def table_names(page) -> list[str]:
    return page.locator("#states-table tbody tr:not([hidden]) th").all_inner_texts()


def test_the_tracker_table_is_complete_without_javascript(browser, site_url: str) -> None:
    page, _ = open_page(browser, site_url, "fr/etats/", java_script_enabled=False)
    names = table_names(page)
    assert len(names) == un_state_count()
    assert names.index("Équateur") < names.index("Espagne")  # accents do not send Équateur to the end
    assert page.locator(".table-controls").count() == 0
    page.context.close()


def test_the_tracker_table_sorts_and_filters_with_javascript(browser, site_url: str) -> None:
    page, _ = open_page(browser, site_url, "en/states/")
    page.get_by_role("button", name="Ratification or accession").click()
    dates = page.locator("#states-table tbody tr td:nth-child(4) time").evaluate_all(
        "times => times.map(time => time.getAttribute('datetime'))")
    assert dates[:3] == ["2010-06-11", "2010-07-01", "2010-09-23"]  # Ecuador, Mongolia, Spain: the first parties
    assert page.locator("th", has_text="Ratification or accession").get_attribute("aria-sort") == "ascending"
    page.get_by_label("Status").select_option("signatory")
    assert all(status == "signatory" for status in page.locator(
        "#states-table tbody tr:not([hidden])").evaluate_all("rows => rows.map(row => row.dataset.status)"))
    page.get_by_label("Find a State").fill("ghan")
    assert table_names(page) == ["Ghana"]
    assert page.locator(".table-controls .count").inner_text() == "States shown: 1"
    page.context.close()


def test_sortable_headers_look_sortable_and_unknown_dates_sort_last_both_ways(browser, site_url: str) -> None:
    page, _ = open_page(browser, site_url, "en/states/")
    header = page.locator("th", has_text="Signature")
    assert header.get_attribute("aria-sort") == "none"
    assert header.locator("button.sort").evaluate("b => getComputedStyle(b, '::after').content") != "none"
    button = page.get_by_role("button", name="Signature")
    for direction in ("ascending", "descending"):
        button.click()
        assert header.get_attribute("aria-sort") == direction
        dated = page.locator("#states-table tbody tr").evaluate_all(
            "rows => rows.map(row => row.cells[2].querySelector('time') ? row.cells[2].querySelector('time')"
            ".getAttribute('datetime') : null)")
        known = [day for day in dated if day is not None]
        assert dated[:len(known)] == known and len(known) < len(dated)  # every unknown after every date
        assert known == sorted(known, reverse=direction == "descending")
    page.context.close()


def tap_middle(page, code: str, dx: float = 0, dy: float = 0) -> dict:
    """Tap the middle of a State's shape on the map (moved by dx, dy CSS px); returns the shape's bounding box."""
    shape = page.locator(f'svg.world-map path[data-code="{code}"]')
    shape.scroll_into_view_if_needed()
    box = shape.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2 + dy)
    return box


def test_a_tap_on_a_state_names_it_and_a_second_tap_opens_its_page(browser, site_url: str) -> None:
    """Australia is large, with no small State near its middle: a tap names it and its status under the map, with
    a link to its page; a second tap on it opens the page."""
    page, _ = open_page(browser, site_url, "en/states/", viewport={"width": 390, "height": 844}, has_touch=True)
    tap_middle(page, "AU")
    label = page.locator(".map-label")
    assert label.locator("strong").inner_text() == "Australia: Neither signatory nor party"
    assert label.locator("li").count() == 0
    assert label.get_by_role("link", name="Open the State’s page").get_attribute("href") == "/en/states/au/"
    assert page.url == site_url + "en/states/"
    tap_middle(page, "AU")
    page.wait_for_url(site_url + "en/states/au/")
    page.context.close()


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("path, expected, neighbours, page_url", [
    ("en/states/", "Luxembourg: State party", ["Belgium: State party", "Netherlands: Signatory"], "en/states/lu/"),
    ("fr/etats/", "Luxembourg\u202f: État partie", ["Belgique\u202f: État partie", "Pays-Bas\u202f: Signataire"],
     "fr/etats/lu/"),
])
def test_a_tap_in_a_crowd_of_small_states_lists_them_all(browser, site_url: str, width: int, path: str,
                                                         expected: str, neighbours: list[str],
                                                         page_url: str) -> None:
    """Luxembourg is 3 px wide on a phone, among Belgium, the Netherlands, Germany and Switzerland, hardly larger:
    a tap beside it lists every State within reach, nearest first, each named with its status and a link large
    enough to tap; Luxembourg's link opens its page, the map's own page staying until then."""
    page, _ = open_page(browser, site_url, path, viewport={"width": width, "height": 844}, has_touch=True)
    box = tap_middle(page, "LU", 2, 1)
    assert box["width"] < 24  # too small to hit: the reason for all this
    choices = page.locator(".map-label li a")
    names = choices.all_inner_texts()
    assert names[0] == expected and set(neighbours) <= set(names) and 3 <= len(names) <= 6
    for size in choices.evaluate_all("links => links.map(link => link.getBoundingClientRect())"):
        assert size["height"] >= 24 and size["width"] >= 24
    assert page.locator(".map-label").get_attribute("aria-live") == "polite"
    assert page.url == site_url + path
    page.locator(".map-label").get_by_role("link", name=expected).tap()
    page.wait_for_url(site_url + page_url)
    assert page.locator("h1").inner_text() == "Luxembourg"
    page.context.close()


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_the_counter_s_dates_never_break_inside(browser, site_url: str, width: int) -> None:
    """"5 May / 2013" under the headline figure on a desktop, "30 novembre / 2026" in the note: each date of the
    counter is set on one line (one box of text each), in every language, and the counter fits the screen."""
    page, _ = open_page(browser, site_url, "en/", viewport={"width": width, "height": 900})
    for language in ("en", "fr", "es"):
        page.goto(site_url + language + "/")
        boxes = page.locator(".counter time").evaluate_all(
            "times => times.map(time => [time.textContent, time.getClientRects().length])")
        assert len(boxes) >= 4  # in force since, the newest act, the UN's count, the last comparison
        assert [text for text, lines in boxes if lines != 1] == []
        assert page.locator(".counter").evaluate("counter => counter.scrollWidth <= counter.clientWidth")
    page.context.close()


def test_a_state_page_offers_its_letter_to_copy_and_to_print(browser, site_url: str) -> None:
    page, _ = open_page(browser, site_url, "es/estados/cl/", permissions=["clipboard-read", "clipboard-write"])
    assert page.locator("h1").inner_text() == "Chile"
    page.get_by_role("button", name="Copiar la carta").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("A la atención del Ministro o la Ministra de Relaciones Exteriores de la República")
    assert "Instamos al Gobierno a concluir la ratificación" in copied and "\n\nAtentamente," in copied
    assert page.locator(".copy-status").inner_text() == "Copiada."
    assert page.get_by_role("button", name="Imprimir la carta").is_visible()
    # Printed: the letter, whole, without the site's navigation or the buttons.
    page.emulate_media(media="print")
    assert page.locator("#letter-text").is_visible()
    assert page.locator("#letter-text").evaluate("letter => letter.scrollHeight <= letter.clientHeight")
    assert not page.locator(".site-header").is_visible() and not page.locator(".letter-actions").is_visible()
    page.context.close()


def test_has_your_country_joined_finds_a_state_with_and_without_javascript(browser, site_url: str) -> None:
    page, _ = open_page(browser, site_url, "fr/")
    page.get_by_role("link", name="Écrivez à votre gouvernement").click()
    page.get_by_role("combobox", name="Votre pays").fill("chili")
    page.get_by_role("button", name="Voir sa situation").click()
    page.wait_for_url(site_url + "fr/etats/cl/")
    page.context.close()
    page, _ = open_page(browser, site_url, "fr/", java_script_enabled=False)
    assert not page.get_by_role("combobox", name="Votre pays").is_visible()
    page.get_by_text("Tous les États et leur situation, de A à Z").click()
    page.locator(".find-state").get_by_role("link", name="Chili", exact=True).click()
    assert page.url == site_url + "fr/etats/cl/"
    page.context.close()


@pytest.fixture(scope="module")
def rtl_base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("rtl")
    site = make_site(folder / "site", FIXTURES / "site", FIXTURES / "rtl")
    with serve_folder(folder / "public") as url:
        build(site, folder / "public", url)
        yield url


def test_a_right_to_left_language_is_mirrored(browser, rtl_base_url: str) -> None:
    def title_box(path: str) -> tuple[float, float, str]:
        page, _ = open_page(browser, rtl_base_url, path, viewport={"width": 1000, "height": 700})
        box = page.locator(".site-title a").bounding_box()
        direction = page.evaluate("getComputedStyle(document.querySelector('main')).direction")
        page.context.close()
        assert box is not None
        return box["x"], box["x"] + box["width"], direction

    left, right, direction = title_box("ar/")
    assert direction == "rtl" and right > 900 and left > 500, "the title sits at the right in Arabic"
    left, right, direction = title_box("en/")
    assert direction == "ltr" and left < 100, "and at the left in English"


def test_the_example_sites_arabic_states_page_fits_a_phone(browser, tmp_path: Path) -> None:
    """examples/op3-crc in Arabic: its States table scrolls in its own region, not the page, at 320 and 390 px;
    the timeline runs from right to left there."""
    with serve_folder(tmp_path / "public") as url:
        build(REPO / "examples" / "op3-crc", tmp_path / "public", url)
        page = browser.new_page()
        page.goto(url + "ar/الدول/")
        assert page.locator("#states-table").count() == 1
        assert quality.phone_problems(page) == []
        years = page.locator("svg.timeline text[text-anchor=middle]").evaluate_all(
            "texts => texts.map(text => text.getBoundingClientRect().left)")
        assert len(years) > 1 and years == sorted(years, reverse=True)
        page.close()


def search(browser, site_url: str, path: str, query: str) -> tuple[list[str], list[str]]:
    """(result links, requests) after searching `query` on the search page at `path`."""
    page, requests = open_page(browser, site_url, path)
    page.get_by_role("searchbox").fill(query)
    page.locator("#search-results p").first.wait_for(timeout=15000)
    links = page.locator("#search-results li a").evaluate_all("links => links.map(link => link.href)")
    assert not page.locator("[data-directory]").is_visible() or not links
    page.context.close()
    return links, requests


def test_search_finds_pages_in_the_readers_language_only(browser, site_url: str) -> None:
    links, requests = search(browser, site_url, "fr/recherche/", "dixième")
    assert site_url + "fr/actualites/2013-02-05-uruguay-dixieme-ratification/" in links
    assert links and all(link.startswith(site_url + "fr/") for link in links)
    assert {urlsplit(url).netloc for url in requests} == {urlsplit(site_url).netloc}
    links, _ = search(browser, site_url, "es/buscar/", "Uruguay")
    assert site_url + "es/estados/uy/" in links and all(link.startswith(site_url + "es/") for link in links)


@pytest.mark.skipif(not (REPO / "content" / "fr" / "declaration.md").exists(),
                    reason="the declaration (content/fr/declaration.md) is not on this branch yet")
def test_search_finds_the_declaration_for_solidarite(browser, site_url: str) -> None:
    from ratify.pipeline import load

    declaration = load(REPO).site.translations["declaration"]["fr"].url_path
    links, _ = search(browser, site_url, "fr/recherche/", "solidarité")
    assert site_url + declaration in links


def pagefind_search(browser, site_url: str, path: str, query: str) -> list[str]:
    """The addresses of every page Pagefind's own API finds for `query`, from the search page at `path`."""
    page, _ = open_page(browser, site_url, path)
    found = page.evaluate("""async query => {
        const pagefind = await import("/pagefind/pagefind.js");
        await pagefind.options({ baseUrl: "/" });
        const search = await pagefind.search(query);
        return Promise.all(search.results.map(result => result.data().then(data => data.url)));
    }""", query)
    page.context.close()
    return found


def test_french_search_finds_a_word_after_an_elided_article(browser, site_url: str) -> None:
    """"L’Allemagne adhère" is found by "Allemagne": Pagefind splits words at spaces only, ratify at elisions."""
    assert "/fr/actualites/2023-04-20-allemagne-adhesion/" in pagefind_search(browser, site_url, "fr/recherche/",
                                                                             "Allemagne")
    # The State’s name is written "l’Équateur" in most of its French pages, and "Ecuador" in every English one.
    french = pagefind_search(browser, site_url, "fr/recherche/", "Équateur")
    english = pagefind_search(browser, site_url, "en/search/", "Ecuador")
    assert len(french) == len(english) >= 5, (french, english)
    assert "/fr/actualites/2010-06-11-equateur-premiere-ratification/" in french
    # d’ before a name, in French and in Spanish alike (the UN writes "Côte d’Ivoire" in both).
    for path in ("fr/recherche/", "es/buscar/"):
        assert any(url.endswith("/ci/") for url in pagefind_search(browser, site_url, path, "Ivoire")), path


@pytest.mark.parametrize("query", ["Allemagne", "l’Allemagne", "l'allemagne"])
def test_the_search_page_finds_and_shows_elided_words_as_the_page_writes_them(browser, site_url: str,
                                                                               query: str) -> None:
    page, _ = open_page(browser, site_url, "fr/recherche/")
    page.get_by_role("searchbox").fill(query)
    result = page.locator("#search-results li").filter(has=page.get_by_role("link", name="L’Allemagne adhère"))
    expect(result).to_have_count(1)
    assert "l’Allemagne" in result.locator("p").inner_text() and "l’ " not in result.inner_text()
    page.context.close()


def test_with_javascript_off_the_search_page_lists_every_page(browser, site_url: str) -> None:
    page, _ = open_page(browser, site_url, "fr/recherche/", java_script_enabled=False)
    assert not page.get_by_role("searchbox").is_visible()
    directory = page.locator("[data-directory]")
    assert directory.is_visible()
    directory.get_by_role("link", name="Ressources").click()
    assert page.url == site_url + "fr/ressources/"
    page.context.close()


def test_the_whole_site_is_usable_with_javascript_off(browser, site_url: str) -> None:
    """Every page of each menu, the news list and a post, a State page: all there without a script."""
    for language in ("en", "fr", "es"):
        page, _ = open_page(browser, site_url, f"{language}/", java_script_enabled=False)
        menu = page.get_by_role("navigation").nth(1)
        targets = menu.get_by_role("link").evaluate_all("links => links.map(link => link.href)")
        assert len(targets) == 7
        for target in targets:
            page.goto(target)
            assert page.locator("h1").is_visible(), target
            assert len(page.locator("main").inner_text()) > 100, target
        page.goto(site_url + f"{language}/")
        page.get_by_role("link", name={"en": "Get involved", "fr": "S’engager", "es": "Participar"}[language],
                         exact=True).click()
        page.locator("main a.button").click()
        assert page.locator("h1").inner_text() in ("Join the Campaign", "Rejoindre la campagne", "Únase a la campaña")
        assert "ESCR-Net" in page.locator("main").inner_text()
        page.context.close()
    page, _ = open_page(browser, site_url, "en/news/", java_script_enabled=False)
    page.get_by_role("link", name="The Optional Protocol enters into force").click()
    assert page.locator(".post-date").inner_text() == "5 May 2013"
    page.get_by_role("link", name="Uruguay deposited the tenth instrument").click()
    page.get_by_role("link", name="Uruguay").first.click()
    assert page.url == site_url + "en/states/uy/"
    assert "Dear Minister," in page.locator("#letter-text").inner_text()
    page.context.close()


@pytest.fixture(scope="module")
def form_base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("join")
    site = copy_bundled_site(folder / "site", 'join:\n  form_action: "https://forms.example.org/f/coalition"\n'
                                              "  redirect_field: _next\n")
    with serve_folder(folder / "public") as url:
        build(site, folder / "public", url)
        yield url


@pytest.mark.bundled
def test_the_join_form_works_without_javascript(browser, form_base_url: str) -> None:
    page, _ = open_page(browser, form_base_url, "es/unase/", java_script_enabled=False)
    received: list[dict[str, list[str]]] = []

    def endpoint(route) -> None:  # the form service: keeps the fields, sends people to the thank-you page
        fields = parse_qs(route.request.post_data or "")
        received.append(fields)
        route.fulfill(status=303, headers={"Location": fields["_next"][0]})

    page.route("https://forms.example.org/**", endpoint)
    page.get_by_role("radio", name="como organización").check()
    page.get_by_label("Su nombre").fill("Ana Pérez")
    page.get_by_label("Su organización").fill("Red de prueba")
    page.get_by_label("Su dirección de correo electrónico").fill("ana@example.org")
    page.get_by_label("País").select_option(label="Ecuador")
    page.get_by_role("button", name="Unirme a la Coalición").click()
    assert page.url == form_base_url + "es/unase/", "the consent is required: the browser does not send the form"
    page.get_by_label("Acepto que la Coalición conserve estos datos").check()
    page.get_by_role("button", name="Unirme a la Coalición").click()
    page.wait_for_url(form_base_url + "es/unase/gracias/")
    assert page.locator("h1").inner_text() == "Gracias por unirse"
    assert received == [{"member_type": ["organisation"], "name": ["Ana Pérez"], "organisation": ["Red de prueba"],
                         "email": ["ana@example.org"], "country": ["EC"], "consent": ["yes"], "language": ["es"],
                         "_next": [form_base_url + "es/unase/gracias/"]}]
    page.context.close()


# A State page of each kind: not a party to the Covenant, a party to both, a signatory, one with long names.
STATE_PAGES = ("fr/etats/us/", "es/estados/pt/", "en/states/ar/", "fr/etats/de/", "en/states/gb/", "es/estados/cd/")


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_a_sources_opening_quotation_mark_stays_on_its_titles_line(browser, site_url: str, width: int) -> None:
    """« and the title it opens start on one line: a link laid out as a block of its own would move the whole title
    to the next line and leave the mark alone at the end of the one before."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(site_url + "fr/etats/pt/")
    # Each source's title in the Sources section, the note's among them, with the text before it.
    titles = page.locator("#sources ~ p a[lang]")
    assert titles.count() >= 5
    for index in range(titles.count()):
        title = titles.nth(index)
        before, mark_top, title_top = title.evaluate("""link => {
          const text = link.previousSibling, range = document.createRange();
          range.setStart(text, text.length - 2); range.setEnd(text, text.length - 1);
          return [text.textContent, range.getClientRects()[0].top, link.getClientRects()[0].top];
        }""")
        assert before.endswith("«\u202f")
        assert abs(mark_top - title_top) < 8, f"{title.inner_text()!r} at {width} px"
    page.close()


@pytest.mark.parametrize("width", [320, 390])
def test_state_pages_fit_a_phone(browser, site_url: str, width: int) -> None:
    """The facts of a State page (long labels such as a treaty's full name) wrap within a phone's width."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    for path in STATE_PAGES:
        page.goto(site_url + path)
        assert page.evaluate("document.documentElement.scrollWidth - innerWidth") == 0, f"{path} scrolls sideways"
    page.close()
