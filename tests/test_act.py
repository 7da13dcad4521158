"""Where a reader acts: a State page's next step and letter (addressed, printable, in a mailto: link), its sources
in the reader's language, and the home page's actions and "Has your country joined?"."""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from markupsafe import Markup

from ratify.letter import MAILTO_LIMIT, mailto
from ratify.model import Source, in_english
from ratify.states import read_states
from ratify.tracker import note_parts, note_sources
from tests.conftest import REPO, un_state_count

NNBSP = "\u202f"


def _main(page: str) -> str:
    return page[page.index("<main"):page.index("</main>")]


def _letter(page: str) -> str:
    """The letter's text as the page shows it: its paragraphs, without tags."""
    block = page[page.index('<div class="state-letter"'):page.index('<p class="letter-actions">')]
    return html_module.unescape(re.sub(r"<[^>]+>", "", block))


def _mailto(page: str) -> tuple[str, dict[str, list[str]]]:
    href = html_module.unescape(re.search(r'<a class="letter-mail" href="([^"]+)"', page)[1])
    return href, parse_qs(urlsplit(href).query)


# --- the letter's link ---------------------------------------------------------------------------------------------

def test_the_mailto_link_carries_subject_and_body_with_crlf_between_paragraphs() -> None:
    link = mailto("Optional Protocol", [Markup("To the Minister of Trinidad &amp; Tobago"), "Dear Minister,"])
    assert link.startswith("mailto:?subject=Optional%20Protocol&body=")
    body = parse_qs(urlsplit(link).query)["body"][0]
    assert body == "To the Minister of Trinidad & Tobago\r\n\r\nDear Minister,"  # Markup unescaped, not "&amp;"


def test_the_mailto_link_drops_the_marks_of_a_text_shown_in_english() -> None:
    link = mailto(in_english("Optional Protocol"), [in_english("Yours faithfully,")])
    assert "%EE%80" not in link  # U+E000 and U+E001, encoded, would show as boxes in the email
    assert parse_qs(urlsplit(link).query)["subject"] == ["Optional Protocol"]


# --- source notes --------------------------------------------------------------------------------------------------

SOURCES = (Source("nl-treaty-db", "Netherlands treaty database", "https://example.org/nl", "unknown"),
           Source("un", "UN Treaty Collection", None, "2013"))


def test_a_note_is_cut_at_the_source_ids_it_names_and_only_whole_ids() -> None:
    parts = note_parts("nl-treaty-db lists a declaration; the UN page (un) says nothing; unknown.", SOURCES)
    assert parts == (("", SOURCES[0]), (" lists a declaration; the UN page (", None), ("", SOURCES[1]),
                     (") says nothing; unknown.", None))  # "unknown" is not the id "un"
    assert note_sources("un, then nl-treaty-db, then un again", SOURCES, besides="") == (SOURCES[1], SOURCES[0])
    assert note_sources("un, then nl-treaty-db", SOURCES, besides="un") == (SOURCES[0],)  # its dates' source
    assert note_parts(None, SOURCES) == ()


# --- State pages of the bundled site ---------------------------------------------------------------------------------

# (page, addressee, next step, the letter's ask, a call it must not make)
CASES = [
    # Malaysia is not a party to the Covenant: it joins the Covenant first (article 17), it cannot "accede directly".
    ("en/states/my/index.html", "To the Minister of Foreign Affairs of Malaysia",
     "Become a party to the International Covenant on Economic, Social and Cultural Rights first",
     "We urge the Government to ratify or accede to the International Covenant on Economic, Social and Cultural "
     "Rights without delay, then to ratify or accede to its Optional Protocol", "accede to it directly"),
    # Chile signed the Protocol: it ratifies.
    ("es/estados/cl/index.html", "A la atención del Ministro o la Ministra de Relaciones Exteriores de la República "
     "de Chile", "Ratificar el Protocolo Facultativo.",
     "Instamos al Gobierno a concluir la ratificación del Protocolo Facultativo, que ya ha firmado", "adherirse"),
    # Portugal is a party whose declarations under articles 10 and 11 nobody has read: it is asked, not told.
    ("fr/etats/pt/index.html", "À l’attention du ministre des Affaires étrangères de la République portugaise",
     "Confirmer s’il a accepté la procédure de communications interétatiques",
     "Nous souhaiterions savoir s’il a déclaré accepter les procédures prévues aux articles 10 et 11",
     "l’exhortons à déclarer qu’il accepte"),
    # Belgium accepted both procedures: it makes the Protocol known.
    ("en/states/be/index.html", "To the Minister of Foreign Affairs of the Kingdom of Belgium",
     "Make the procedure known to everyone who may need it",
     "We welcome the Government's ratification of the Optional Protocol and its acceptance of the procedures",
     "We would be grateful to know"),
]


@pytest.mark.bundled
@pytest.mark.parametrize(("path", "addressee", "step", "ask", "not_said"), CASES)
def test_a_state_page_proposes_what_its_status_allows_and_a_letter_that_asks_it(
        built_site: Path, path: str, addressee: str, step: str, ask: str, not_said: str) -> None:
    page = (built_site / path).read_text(encoding="utf-8")
    next_step = html_module.unescape(re.search(r'<p class="next-step[^"]*">([^<]*)</p>', page)[1])
    assert next_step.startswith(step)
    letter = _letter(page)
    assert letter.lstrip().startswith(addressee)  # the UN's formal name, in the page's language
    assert ask in letter and not_said not in letter and not_said not in next_step
    assert "<textarea" not in page  # plain text on the page: it prints, and can be selected without a script
    href, query = _mailto(page)
    body = query["body"][0]
    assert body.startswith(addressee) and ask in body and "\r\n\r\n" in body
    assert query["subject"][0] in ("Optional Protocol to the International Covenant on Economic, Social and "
                                   "Cultural Rights", "Protocole facultatif se rapportant au Pacte international "
                                   "relatif aux droits économiques, sociaux et culturels", "Protocolo Facultativo "
                                   "del Pacto Internacional de Derechos Económicos, Sociales y Culturales")


@pytest.mark.bundled
def test_every_letter_link_is_short_enough_for_every_email_program(built_site: Path) -> None:
    pages = [path for folder in ("en/states", "fr/etats", "es/estados")
             for path in sorted((built_site / folder).glob("*/index.html"))]
    assert len(pages) == 3 * un_state_count()
    longest = max(pages, key=lambda path: len(_mailto(path.read_text(encoding="utf-8"))[0]))
    assert len(_mailto(longest.read_text(encoding="utf-8"))[0]) < MAILTO_LIMIT, longest


@pytest.mark.bundled
def test_source_notes_never_show_a_source_id_and_speak_the_readers_language(built_site: Path) -> None:
    tracker = read_states(REPO, __import__("datetime").date(2100, 1, 1))
    ids = re.compile(r"(?<![\w-])(" + "|".join(re.escape(source.id) for source in tracker.sources) + r")(?![\w-])")
    for folder in ("en/states", "fr/etats", "es/estados"):
        for path in sorted((built_site / folder).glob("*/index.html")):
            text = re.sub(r"<[^>]+>", " ", _main(path.read_text(encoding="utf-8")))  # the words, not the addresses
            assert not ids.search(text), f"{path}: {ids.search(text)[0]}"
    portugal = (built_site / "fr/etats/pt/index.html").read_text(encoding="utf-8")
    assert "(in English)" not in portugal and "Note on the sources" not in portugal
    # Each source described in French, marked so, a title it quotes as the document gives it, in French quotes.
    assert (f"Source des dates{NNBSP}: «{NNBSP}<a href=\"https://www.fian.org/es/portugal-es-el-noveno-estado-parte-"
            f"del-protocolo-facultativo/\" lang=\"fr\">FIAN, «{NNBSP}Portugal es el noveno Estado Parte del Protocolo "
            f"Facultativo{NNBSP}» (en espagnol)</a>{NNBSP}»") in portugal
    # The note in French, each source named by its French title, and no way to the English note: it is not needed.
    assert (f"Neuvième État partie, le 28 janvier 2013 («{NNBSP}<a href=\"https://www.fian.org/es/portugal-es-el-"
            "noveno-estado-parte-del-protocolo-facultativo/\" lang=\"fr\">FIAN, «") in portugal
    assert "Autres sources consultées" not in portugal and "La note sur ces sources" not in portugal
    assert (f'lang="fr">Base de données des traités des Pays-Bas, Protocole facultatif au PIDESC (011726_b){NNBSP}: '
            "parties ayant formulé des réserves ou des déclarations (en néerlandais)</a>") in portugal
    assert 'lang="fr">FIDH, communiqué de presse' in portugal
    argentina = (built_site / "es/estados/ar/index.html").read_text(encoding="utf-8")
    assert ('Fuente de las fechas: «<a href="https://treaties.un.org/doc/Publication/MTDSG/Volume%20I/Chapter%20IV/'
            'IV-3-a.en.xml" lang="es">Colección de Tratados de las Naciones Unidas, Tratados multilaterales '
            'depositados en poder del Secretario General, capítulo IV-3-a (estado del Protocolo, página en inglés)'
            '</a>»') in argentina
    assert 'lang="es">Base de datos de tratados de los Países Bajos' in argentina
    assert ('<p class="source-note">Según «<a href="https://whatconvention.org/es/ratifications/1535" lang="es">'
            'whatconvention.org, ratifications/1535 (páginas en español y en francés)</a>» y «'
            ) in argentina
    assert "Otras fuentes consultadas" not in argentina and "La nota sobre estas fuentes" not in argentina
    # The headline figure's source too, on the home pages.
    figure = 'seventy" lang="{}">{}'
    assert figure.format("fr", "ONU Genève, résumé de réunion") in (built_site / "fr/index.html").read_text("utf-8")
    assert figure.format("es", "ONU Ginebra, resumen de reunión") in (built_site / "es/index.html").read_text("utf-8")
    assert figure.format("en", "UN Geneva meeting summary") in (built_site / "en/index.html").read_text("utf-8")
    for page in (portugal, argentina):  # every source, and the Covenant's, in the page's language: none in English
        sources = page[page.index('<h2 id="sources">'):page.index("</article>")]
        assert ' lang="en"' not in sources and "\"" not in re.sub(r"<[^>]+>", "", sources)
    english = (built_site / "en/states/pt/index.html").read_text(encoding="utf-8")
    assert 'The ninth State party, on 28 January 2013 (“<a href="https://www.fian.org/' in english
    # The English pages as before: the English titles, marked English.
    assert ('Dates from: “<a href="https://www.fian.org/es/portugal-es-el-noveno-estado-parte-del-protocolo-'
            'facultativo/" lang="en">FIAN, “Portugal es el noveno Estado Parte del Protocolo Facultativo”</a>”.') in english
    assert ('Dates from: “<a href="https://treaties.un.org/doc/Publication/MTDSG/Volume%20I/Chapter%20IV/IV-3-a.en.xml"'
            ' lang="en">UN Treaty Collection, MTDSG ch. IV-3-a (English status page)</a>”.') in (
        built_site / "en/states/ar/index.html").read_text(encoding="utf-8")


@pytest.mark.bundled
def test_every_note_is_shown_in_the_pages_language_without_a_link_to_the_english_one(built_site: Path) -> None:
    tracker = read_states(REPO, __import__("datetime").date(2100, 1, 1))
    noted = [state for state in tracker.states if state.note]
    assert len(noted) == 16
    for state in noted:
        for language, folder in (("en", "en/states"), ("fr", "fr/etats"), ("es", "es/estados")):
            page = (built_site / folder / state.code.lower() / "index.html").read_text(encoding="utf-8")
            note = page[page.index('<p class="source-note">'):]
            shown = html_module.unescape(re.sub(r"<[^>]+>", "", note[:note.index("</p>")]))
            last_words = note_parts(state.note_in(language), tracker.sources)[-1][0]  # after the last source's title
            assert shown.endswith(last_words), f"{folder}/{state.code.lower()}: {shown[-80:]!r}"
            assert f'/en/states/{state.code.lower()}/#sources" hreflang="en"' not in page, f"{folder}: links English"


@pytest.mark.bundled
def test_sources_link_to_canonical_hosts_only(built_site: Path) -> None:
    pages = "".join(path.read_text(encoding="utf-8") for path in (built_site / "en/states").glob("*/index.html"))
    hosts = {urlsplit(url).hostname for url in re.findall(r'href="(https?://[^"]+)"', pages)}
    assert not {host for host in hosts if ".test." in host or host.startswith("m.") or "azureedge" in host}


# --- the home page -----------------------------------------------------------------------------------------------------

@pytest.mark.bundled
@pytest.mark.parametrize(("language", "write", "join"), [
    ("en", "Write to your government", "Join the Coalition"),
    ("fr", "Écrivez à votre gouvernement", "Rejoignez la Coalition"),
    ("es", "Escriba a su gobierno", "Únase a la Coalición"),
])
def test_the_home_page_leads_with_the_two_actions_the_figure_and_the_states(
        built_site: Path, language: str, write: str, join: str) -> None:
    main = _main((built_site / language / "index.html").read_text(encoding="utf-8"))
    actions = main.index('<p class="actions">')
    assert f'<a class="button" href="#find-state">{write}</a>' in main[actions:]
    assert f">{join}</a>" in main[actions:main.index("</p>", actions)]
    order = [main.index(marker) for marker in ('<p class="actions">', '<div class="counter"',
                                                '<section class="find-state"', '<figure class="world-map-figure"')]
    assert order == sorted(order)  # actions, the figure, "Has your country joined?", the map: then the rest
    before_map = main[:main.index('<figure class="world-map-figure"')]
    assert before_map.count("<h2") == 1  # "Has your country joined?": no section of history before them
    # Without JavaScript: every State, its status, and a link to its page; the field needs a script, so it is hidden.
    finder = main[main.index('<section class="find-state"'):main.index("</section>")]
    assert len(re.findall(r"<li><a href=", finder)) == un_state_count()
    assert re.search(r'<form class="find-state-form"[^>]* hidden>', finder)
    chile = {"en": "Chile</a>: ", "fr": f"Chili</a>{NNBSP}: ", "es": "Chile</a>: "}[language]
    assert chile + '<span class="status-signatory">' in finder


@pytest.mark.bundled
def test_home_and_about_no_longer_retell_the_protocols_history(built_site: Path) -> None:
    home = _main((built_site / "en" / "index.html").read_text(encoding="utf-8"))
    history = _main((built_site / "en" / "protocol" / "history" / "index.html").read_text(encoding="utf-8"))
    assert "Uruguay deposited the tenth instrument" not in home and "Uruguay deposited the tenth instrument" in history
    assert "corrected historic imbalances" not in home
    assert 'href="/en/protocol/history/"' in home
    # The one-page summary links to the history and to why it matters rather than telling them again.
    about = _main((built_site / "en" / "about" / "index.html").read_text(encoding="utf-8"))
    assert "Uruguay deposited the tenth instrument" not in about and 'href="/en/protocol/history/"' in about
    assert "increase domestic compliance" not in about  # "Why it matters", on the Protocol's page
    assert "registration No. 14531" in history  # its footnote moved with it
