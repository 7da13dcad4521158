"""The campaign's pages on the bundled site: every page in every language, Join and its form, news, share links,
French typography; variants of site.yaml built from a copy of the site."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from ratify.pipeline import load, render_site
from tests.conftest import PUBLISHED_URL, REPO, copy_bundled_site, read_tree, run_cli, un_state_count
from tests.test_news import parse_atom

pytestmark = pytest.mark.bundled  # the bundled site's own pages, built or copied

LANGUAGES = ("en", "fr", "es")
CAMPAIGN_PAGES = ("index", "states", "about", "support", "join", "join/thanks", "national-actions", "resources",
                  "news", "search")
ENDPOINT = 'join:\n  form_action: "https://forms.example.org/f/coalition"\n  redirect_field: _next\n'
JOIN_PATHS = {"en": "en/join/index.html", "fr": "fr/rejoindre/index.html", "es": "es/unase/index.html"}


@pytest.fixture(scope="session")
def tree(built_site: Path) -> dict[str, bytes]:
    return read_tree(built_site)


@pytest.fixture(scope="module")
def endpoint_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_bundled_site(tmp_path_factory.mktemp("endpoint") / "site", ENDPOINT)


@pytest.fixture(scope="module")
def with_endpoint(endpoint_site: Path) -> dict[str, bytes]:
    return render_site(endpoint_site, load(endpoint_site, PUBLISHED_URL).site)


def text(tree: dict[str, bytes], path: str) -> str:
    return tree[path].decode("utf-8")


def test_every_campaign_page_is_written_in_every_language() -> None:
    site = load(REPO).site
    posts = [key for key in site.translations if key.startswith("news/")]
    assert len(posts) >= 4
    for key in (*CAMPAIGN_PAGES, *posts):
        versions = site.translations[key]
        assert set(versions) == set(LANGUAGES), key
        assert not any(page.is_fallback for page in versions.values()), f"{key} is not translated everywhere"


def test_the_real_milestones_are_news_posts() -> None:
    dates = {page.source.date.isoformat() for page in load(REPO).site.news["fr"].posts}
    assert {"2008-12-10", "2009-09-24", "2013-02-05", "2013-05-05"} <= dates  # adoption, opening, tenth, in force


def test_the_menu_stays_short_enough_for_a_phone() -> None:
    menus = load(REPO).site.menus
    assert [entry.title for entry in menus["en"]] == ["Home", "Ratification status", "The Optional Protocol",
                                                      "Declaration on solidarity", "Get involved", "News", "Search"]
    assert [entry.title for entry in menus["fr"]][4:] == ["S’engager", "Actualités", "Recherche"]


COALITION_ROUTE = "https://www.escr-net.org/ngo-coalition-op-icescr/support-campaign-ratification-op-icescr"


def test_without_endpoint_nor_address_the_join_page_links_the_coalitions_own_pages(tree: dict[str, bytes]) -> None:
    labels = {"en": "Become a member on the Coalition’s pages at ESCR-Net",
              "fr": "Devenir membre sur les pages de la Coalition, sur le site d’ESCR-Net",
              "es": "Afiliarse en las páginas de la Coalición, en el sitio de ESCR-Net"}
    for language, path in JOIN_PATHS.items():
        page = text(tree, path)
        assert "<form" not in page and "mailto:" not in page.split("<footer")[0].replace("mailto:?", ""), language
        assert re.findall(r'<a class="button" href="([^"]+)">([^<]+)</a>', page) == [
            (COALITION_ROUTE, labels[language])]
        assert "not possible" not in page and "pas possible" not in page and "no es posible" not in page
    assert ("To join the Coalition, go to its own pages at www.escr-net.org: the link below opens them."
            in text(tree, JOIN_PATHS["en"]))
    assert "contact ESCR-Net, which coordinates the Coalition" in text(tree, JOIN_PATHS["en"])


def test_a_join_page_with_no_way_to_join_does_not_build(tmp_path: Path) -> None:
    site = copy_bundled_site(tmp_path / "site", "join:\n  honeypot_field: _trap\n")
    result = run_cli("build", "--root", str(site), "--out", str(tmp_path / "public"))
    assert result.returncode == 1
    line = (site / "site.yaml").read_text(encoding="utf-8").splitlines().index("join:") + 1
    assert (f"site.yaml:{line}: the Join page has no way to join: neither join.form_action, contact_email nor "
            "join.route is set") in result.stderr + result.stdout


def test_the_build_warns_once_when_the_join_page_has_no_form(tmp_path: Path) -> None:
    result = run_cli("build", "--out", str(tmp_path / "public"))
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if "join" in line] == []  # the Coalition's route
    site = copy_bundled_site(tmp_path / "site", 'contact_email: "campaign@example.org"\n')
    result = run_cli("build", "--root", str(site), "--out", str(tmp_path / "other"))
    assert [line for line in result.stderr.splitlines() if "join" in line] == [
        "warning: site.yaml: join.form_action is not set, so the Join page offers a mailto: link to "
        "campaign@example.org instead of a form"]
    site = copy_bundled_site(tmp_path / "with-form", ENDPOINT)
    result = run_cli("build", "--root", str(site), "--out", str(tmp_path / "third"))
    assert "join" not in result.stderr


def test_without_endpoint_the_join_page_offers_a_mailto_link(tmp_path: Path) -> None:
    site = copy_bundled_site(tmp_path / "site", 'contact_email: "campaign@example.org"\n')
    output = render_site(site, load(site).site)
    page = text(output, JOIN_PATHS["fr"])
    assert "<form" not in page
    links = re.findall(r'<a class="button" href="(mailto:[^"]+)">([^<]+)</a>', page)
    assert len(links) == 1
    address, label = html.unescape(links[0][0]), links[0][1]
    assert label == "Écrire à campaign@example.org pour adhérer"
    parts = urlsplit(address)
    assert parts.path == "campaign@example.org"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Adhésion à la Coalition des ONG pour le Protocole facultatif au PIDESC"]
    assert "Pays\u202f:" in query["body"][0]


def form_of(page: str) -> str:
    return page.split('<form class="join-form"', 1)[1].split("</form>", 1)[0]


def test_the_join_form_posts_to_the_configured_endpoint(with_endpoint: dict[str, bytes]) -> None:
    page = text(with_endpoint, JOIN_PATHS["en"])
    assert '<form class="join-form" action="https://forms.example.org/f/coalition" method="post"' in page
    form = form_of(page)
    names = re.findall(r'name="([^"]+)"', form)
    assert sorted(set(names)) == ["_gotcha", "_next", "consent", "country", "email", "language", "member_type",
                                  "name", "organisation"]
    for field in ("name", "email", "country", "consent", "member_type"):
        assert re.search(rf'<(input|select)[^>]*name="{field}"[^>]*required', form), f"{field} is required"
    assert not re.search(r'name="organisation"[^>]*required', form)
    assert '<input type="hidden" name="_next" value="https://ratify-fixture.org/en/join/thanks/">' in form
    assert '<input type="hidden" name="language" value="en">' in form
    assert "This form is sent to forms.example.org on the Coalition's behalf." in form
    for label in ("Your name", "Your e-mail address", "Country"):
        assert re.search(rf'<label for="join-[a-z]+">{label} <span class="required">\(required\)</span></label>',
                         form)
    assert "mailto:" not in page.split("<footer")[0].replace("mailto:?", "")
    french = form_of(text(with_endpoint, JOIN_PATHS["fr"]))
    assert '<input type="hidden" name="_next" value="https://ratify-fixture.org/fr/rejoindre/merci/">' in french


def test_without_the_site_s_address_the_form_asks_for_no_return_to_a_placeholder(endpoint_site: Path) -> None:
    placeholder = render_site(endpoint_site, load(endpoint_site).site)  # base_url https://example.org/
    form = form_of(text(placeholder, JOIN_PATHS["en"]))
    assert 'name="_next"' not in form and "https://example.org/" not in form  # the service thanks people itself
    assert 'name="email"' in form


def test_the_honeypot_is_out_of_sight_and_out_of_reach(with_endpoint: dict[str, bytes]) -> None:
    form = form_of(text(with_endpoint, JOIN_PATHS["es"]))
    trap = form.split('<div class="form-trap" aria-hidden="true">', 1)[1].split("</div>", 1)[0]
    assert '<label for="join-trap">Deje este campo vacío</label>' in trap
    assert '<input id="join-trap" name="_gotcha" type="text" tabindex="-1" autocomplete="off">' in trap
    assert ".form-trap {" in text(with_endpoint, next(path for path in with_endpoint
                                                       if re.match(r"static/style\.\w+\.css$", path)))


def test_countries_are_listed_by_their_name_in_the_readers_language(with_endpoint: dict[str, bytes]) -> None:
    form = form_of(text(with_endpoint, JOIN_PATHS["fr"]))
    options = re.findall(r'<option value="([^"]*)">([^<]+)</option>', form)
    assert options[0] == ("", "Choisissez un pays") and options[-1] == ("other", "Autre pays ou territoire")
    names = [name for _, name in options[1:-1]]
    assert len(names) == un_state_count()
    assert ("EC", "Équateur") in options
    assert names.index("Équateur") < names.index("Espagne")


def test_the_csp_lets_forms_go_only_to_this_site_and_the_endpoint(tree: dict[str, bytes],
                                                                    with_endpoint: dict[str, bytes]) -> None:
    assert "form-action 'self'\">" in text(tree, JOIN_PATHS["en"])
    for path in (JOIN_PATHS["en"], "fr/index.html", "es/estados/cl/index.html"):
        assert "form-action 'self' https://forms.example.org\">" in text(with_endpoint, path)


def test_the_thank_you_page_is_localized_and_kept_out_of_search_engines(tree: dict[str, bytes]) -> None:
    for path, title in (("en/join/thanks/index.html", "Thank you for joining"),
                        ("fr/rejoindre/merci/index.html", "Merci de votre adhésion"),
                        ("es/unase/gracias/index.html", "Gracias por unirse")):
        page = text(tree, path)
        assert f"<h1>{title}</h1>" in page
        assert '<meta name="robots" content="noindex">' in page
        assert "data-pagefind-body" not in page and 'class="share"' not in page


def test_each_news_feed_parses_as_atom(tree: dict[str, bytes]) -> None:
    for path in ("en/news/feed.xml", "fr/actualites/feed.xml", "es/noticias/feed.xml"):
        feed = parse_atom(tree[path])
        assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) >= 4


def test_share_links_are_plain_links_to_each_network(published_tree: dict[str, bytes]) -> None:
    page = text(published_tree, "es/apoyar/index.html")
    share = page.split('<aside class="share"', 1)[1].split("</aside>", 1)[0]
    hrefs = [html.unescape(href) for href in re.findall(r'href="([^"]+)"', share)]
    assert [urlsplit(href).netloc or urlsplit(href).scheme for href in hrefs] == [
        "www.facebook.com", "twitter.com", "www.linkedin.com", "wa.me", "mailto"]
    assert parse_qs(urlsplit(hrefs[0]).query)["u"] == ["https://ratify-fixture.org/es/apoyar/"]
    assert parse_qs(urlsplit(hrefs[1]).query)["text"] == ["Apoye la campaña"]
    assert parse_qs(urlsplit(hrefs[4]).query)["body"] == ["Apoye la campaña\n\nhttps://ratify-fixture.org/es/apoyar/"]
    assert "<script" not in share and "<img" not in share


def test_national_actions_link_every_state_page_by_status(tree: dict[str, bytes]) -> None:
    page = text(tree, "fr/actions-nationales/index.html")
    linked = re.findall(r'<li><a href="/fr/etats/([a-z]{2})/">', page)
    assert len(linked) == len(set(linked)) == un_state_count()
    assert '<a href="/fr/etats/uy/">Uruguay</a>' in page


def main_text(page: str) -> str:
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    main = re.sub(r"<(script|textarea)\b.*?</\1>", " ", main, flags=re.S)
    main = re.sub(r'<(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', " ", main, flags=re.S)  # quoted in English
    return html.unescape(re.sub(r"<[^>]+>", "", main.split(">", 1)[1]))


def test_french_pages_have_french_typography(tree: dict[str, bytes]) -> None:
    pages = [path for path in tree if path.startswith("fr/") and path.endswith(".html")]
    assert len(pages) > 200
    for path in pages:
        words = main_text(text(tree, path))
        assert not re.search(r"[^\S\u202f\u00a0][:;!?»]|«[^\S\u202f\u00a0]", words), path
        assert '"' not in words and "'" not in words, path


def test_the_campaigns_social_accounts_are_links_on_every_page(tree: dict[str, bytes]) -> None:
    for path in ("en/index.html", "fr/soutenir/index.html", "es/unase/gracias/index.html"):
        footer = text(tree, path).split('<footer class="site-footer">', 1)[1]
        assert ('<a href="https://x.com/OPICESCR">@OPICESCR</a>, '
                '<a href="https://x.com/hashtag/OPICESCR">#OPICESCR</a>') in footer, path
    for path in ("en/support/index.html", "fr/rejoindre/merci/index.html"):
        body = text(tree, path).split("<footer", 1)[0]
        assert '<a href="https://x.com/OPICESCR">@OPICESCR</a>' in body, path  # not plain text


RESOURCES = {"en": "en/resources/index.html", "fr": "fr/ressources/index.html", "es": "es/recursos/index.html"}
COMMUNICATIONS = {"en": "en/protocol/communications/index.html", "fr": "fr/protocole/communications/index.html",
                  "es": "es/protocolo/comunicaciones/index.html"}
OHCHR_COMMUNICATIONS = "https://www.ohchr.org/en/treaty-bodies/individual-communications"


def test_the_resources_page_links_the_documents_it_names(tree: dict[str, bytes]) -> None:
    for language, path in RESOURCES.items():
        page = text(tree, path).split("<footer", 1)[0]
        for symbol in ("A/RES/63/117", "A/HRC/RES/8/2", "A/HRC/35/35"):
            assert f'<a href="https://undocs.org/{language}/{symbol}">{symbol}</a>' in page, (language, symbol)
        assert "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&amp;mtdsg_no=IV-3-a" in page
        assert 'href="https://www.escr-net.org/op-icescr/resources-tools"' in page
        assert f'href="{OHCHR_COMMUNICATIONS}"' in page
        assert not re.search(r"not yet available|pas encore disponibles|aún no están disponibles", page), language


def test_the_step_by_step_page_says_where_a_communication_is_sent_with_its_source(tree: dict[str, bytes]) -> None:
    words = {"en": ("Petitions team", "Source:"), "fr": ("équipe des requêtes", "Source\u202f:"),
             "es": ("equipo de peticiones", "Fuente:")}
    for language, path in COMMUNICATIONS.items():
        page = text(tree, path).split("<footer", 1)[0]
        team, source = words[language]
        assert team in page and source in page, language
        assert page.count(f'href="{OHCHR_COMMUNICATIONS}"') == 2, language  # the step, and its source
        assert "@ohchr.org" not in page  # the address changes: the page links OHCHR's, never copies one
