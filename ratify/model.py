"""The data every stage passes on: frozen dataclasses, one per kind of content, each field saying where it comes from."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any, Literal, Mapping

from ratify import urls


@dataclass(frozen=True)
class Language:
    """One language of the site, from an entry of `languages:` in site.yaml."""

    code: str  # `code`: the folder under content/ and the first URL segment, e.g. "fr"
    name: str  # `name`, or Babel's name of the language in itself ("Français")
    direction: str  # `dir`: "ltr" or "rtl"
    locale: str  # `locale`, or `code`: the CLDR locale for dates and numbers ("en_GB" gives "5 May 2013")
    quotes: tuple[str, str]  # `quotes`, or “ ”: the marks that straight double quotes in Markdown become
    native_digits: bool = False  # `numbers: native`: numbers and dates in the locale's own digits (٢٠١٣ in ar_EG)


@dataclass(frozen=True)
class MenuLink:
    """An extra entry of a language's menu, from `menus:` in site.yaml (pages join the menu by `weight`)."""

    title: str  # `title`
    url: str  # `url`: an address on another site, or a path on this one
    weight: int  # `weight`: position among the menu's entries, smaller first


@dataclass(frozen=True)
class SocialAccount:
    """One of the campaign's accounts or hashtags on a social network, from `social:` in site.yaml."""

    label: str  # `label`: as people write it, "@OPICESCR" or "#OPICESCR"
    url: str  # `url`: its https page, "https://x.com/OPICESCR" (a hashtag: the network's search for it)


@dataclass(frozen=True)
class JoinRoute:
    """Where people join when the site has no form or address of its own, from `join.route` in site.yaml."""

    url: str  # `join.route.url`: the https page where the organisation takes members (ESCR-Net's for the Coalition)
    label: Mapping[str, str]  # `join.route.label`, by language: the link's words ("Become a member on ESCR-Net's site")

    @property
    def host(self) -> str:
        """The host of the page, to tell people where they go: "www.escr-net.org"."""
        return self.url.split("://", 1)[1].split("/", 1)[0]


@dataclass(frozen=True)
class JoinForm:
    """How the Join page's form is sent, from `join:` in site.yaml; without `form_action` there is no form."""

    form_action: str | None  # `join.form_action`: the https address the form posts to (a form service, or the
    #                          coalition's own server); None: the page offers the contact address instead
    redirect_field: str | None  # `join.redirect_field`: the hidden field that tells the endpoint where to send
    #                             people afterwards (the thank-you page); None when the endpoint is set up for it
    honeypot_field: str  # `join.honeypot_field`, or "_gotcha": the field only spam robots fill in
    route: JoinRoute | None = None  # `join.route`: the organisation's own membership page; None: not set
    line: int | None = None  # the line of `join:` in site.yaml, for the error of a Join page with no way to join

    @property
    def host(self) -> str | None:
        """The host the form is sent to, to tell people: "forms.example.org"."""
        if self.form_action is None:
            return None
        return self.form_action.split("://", 1)[1].split("/", 1)[0]

    @property
    def origin(self) -> str | None:
        """Where the form goes, as the Content-Security-Policy names it: "https://forms.example.org"."""
        return f"https://{self.host}" if self.host else None


# The optional parts of a site, in the order README.md describes them; `modules:` in site.yaml lists those it uses.
MODULES = ("tracker", "state_pages", "reader", "join", "news", "search", "admin")
# The modules on when site.yaml lists none: /admin/ needs a repository to commit to, so a site asks for it.
MODULES_BY_DEFAULT = tuple(name for name in MODULES if name != "admin")


@dataclass(frozen=True)
class AdminSettings:
    """Where the editor in the browser (/admin/) commits, from `admin:` in site.yaml."""

    backend: str  # `admin.backend`: "github" (default) or "gitlab"
    repo: str  # `admin.repo`: "owner/name" of the site's repository; "" when not set (local mode only)
    branch: str  # `admin.branch`: the branch the site is published from; "main" by default
    auth_url: str | None  # `admin.auth_url`: the OAuth service's address when it is not Netlify's own


@dataclass(frozen=True)
class Modules:
    """The optional parts of the site that are switched on, from `modules:` in site.yaml."""

    on: frozenset[str]  # `modules`, or every one of MODULES when site.yaml has no `modules:`
    listed: bool  # site.yaml lists them: each one on must find its inputs (without a list, one without makes nothing)
    line: int | None  # the line of `modules:` in site.yaml, for the message of a module whose inputs are missing

    def __contains__(self, name: object) -> bool:
        return name in self.on


@dataclass(frozen=True)
class Organisation:
    """Who runs the campaign, as the footer and the Join page name it, from `organisation:` in site.yaml."""

    name: Mapping[str, str]  # `organisation.name`, by language: its full name in a sentence ("A campaign of ...")
    short_name: Mapping[str, str]  # `organisation.short_name`: the name people join ("Joining ...")
    called: Mapping[str, str]  # `organisation.called`: how a sentence names it again ("the Coalition")
    how_to_join: Mapping[str, str] | None  # `organisation.how_to_join`: whom to contact when the site has no form
    #                                        and no address; the [words in brackets] link to the home page

    def called_first(self, language: str) -> str:
        """`called` at the start of a sentence: "The Coalition uses ..."."""
        called = self.called[language]
        return called[:1].upper() + called[1:]


@dataclass(frozen=True)
class Config:
    """The whole of site.yaml, validated."""

    title: Mapping[str, str]  # `title`: the site's name in each language
    base_url: str  # `base_url` or --base-url, always ending in "/"
    default_language: str  # `default_language`: where x-default and the root page point
    languages: tuple[Language, ...]  # `languages`, in the order the switcher shows them
    contact_email: str  # `contact_email`: the campaign's address; "" when not set
    menus: Mapping[str, tuple[MenuLink, ...]]  # `menus`, by language code; empty for a language without extras
    join: JoinForm  # `join`: where the Join page's form is sent
    organisation: Organisation | None  # `organisation`: who runs the campaign; None: the footer names nobody
    modules: Modules  # `modules`: the optional parts the site uses
    admin: AdminSettings = AdminSettings("github", "", "main", None)  # `admin`: where /admin/ commits
    social: tuple[SocialAccount, ...] = ()  # `social`: the campaign's accounts, linked in every page's footer

    @property
    def language_codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)

    def language(self, code: str) -> Language:
        return next(language for language in self.languages if language.code == code)

    @property
    def has_address(self) -> bool:
        """Whether base_url is where the site is really published, not a placeholder like https://example.org/:
        without it the site leaves out what would spread the placeholder (canonical, og:url, share links, sitemap)."""
        return not urls.is_placeholder(self.base_url)

    @property
    def base_path(self) -> str:
        """The path part of base_url ("/op/" for https://example.org/op/): every link on the site starts with it."""
        after_host = self.base_url.split("://", 1)[-1]
        return "/" + after_host.split("/", 1)[1] if "/" in after_host else "/"


# --- the declaration, as ratify.declaration reads it from content/<lang>/declaration.md --------------------


@dataclass(frozen=True)
class SourceDocument:
    """The UN document the text comes from, from the front matter's `document:` mapping."""

    symbol: str  # `symbol`: the UN document symbol, "A/HRC/35/35"
    official_url: str  # `official_url`: the official document in this page's language
    unofficial_translation: bool  # `unofficial_translation`, or false: this text is our translation, not the UN's


@dataclass(frozen=True)
class Subparagraph:
    """One lettered subparagraph, from a line starting '(a) ', or one of its items, from a line starting '(i) '."""

    letter: str  # the letter between the parentheses: "a"; an item's roman numeral: "ii"
    text: str  # the inline Markdown after '(a) ', wrapped lines joined by spaces
    line: int  # 1-based line of the '(a)' in the file
    anchor: str  # "art-7-b", "art-4-2-a" or "art-10-1-h-ii": article, paragraph, letter, item; the same in every language
    items: tuple[Subparagraph, ...] = ()  # the '(i)', '(ii)' lines after a subparagraph that ends with ':'
    closing: str | None = None  # an unnumbered paragraph after its items, which ends the sentence they began


@dataclass(frozen=True)
class Paragraph:
    """One numbered paragraph of an article, from a line starting '1. ', with the subparagraphs below it."""

    number: int  # the number before the full stop
    text: str  # the inline Markdown after '1. ', up to its first subparagraph
    subparagraphs: tuple[Subparagraph, ...]  # the '(a)' lines that follow it
    closing: str | None  # an unnumbered paragraph after its subparagraphs, which ends the sentence they began
    line: int  # 1-based line of the '1.'
    anchor: str  # "art-9-3": article and paragraph number


@dataclass(frozen=True)
class Article:
    """One article, from a '## Article 7' heading (any word, the number last) and the text up to the next heading."""

    number: int  # the number that ends the heading
    heading: str  # the heading as written in this language: "Artículo 7"
    title: str | None  # a '###' line right under the heading, the article's title in a treaty: "Communications"
    chapeau: str | None  # an unnumbered first paragraph, only in an article without numbered paragraphs
    paragraphs: tuple[Paragraph, ...]  # its numbered paragraphs, empty when it has none
    subparagraphs: tuple[Subparagraph, ...]  # subparagraphs of the article itself, when it has no numbered paragraphs
    closing: str | None  # an unnumbered paragraph after the article's own subparagraphs
    line: int  # 1-based line of the heading
    anchor: str  # "art-7"


@dataclass(frozen=True)
class PreambleParagraph:
    """One paragraph of the preamble ("*Recalling* the Charter …,"), counted from 1 after the chapeau."""

    number: int  # its position in the preamble, the chapeau not counted
    text: str  # inline Markdown, wrapped lines joined by spaces
    line: int  # 1-based line where it starts
    anchor: str  # "preamble-4"


@dataclass(frozen=True)
class Declaration:
    """The whole declaration in one language, as its Markdown file gives it."""

    path: str  # the file, relative to the site root, for messages: given by the loader
    language: str  # the language folder the file is in: given by the loader
    document: SourceDocument  # front matter `document` (the page's other keys are its SourcePage's)
    title: str  # the '# ' heading: the declaration's full title
    title_line: int  # 1-based line of the title
    notes_heading: str | None  # the '##' heading before the preamble's, when there are notes
    notes: str | None  # the Markdown under the notes heading, as written
    notes_line: int | None  # 1-based line where `notes` starts
    preamble_heading: str  # the last '##' heading before the first article, as written: "Préambule"
    preamble_line: int  # 1-based line of the preamble heading
    chapeau: str  # the preamble's first paragraph: "The General Assembly,"
    preamble: tuple[PreambleParagraph, ...]  # the paragraphs after the chapeau
    operative_verb: str | None  # the preamble's last paragraph when it ends with ':' ("*Declares*:")
    articles: tuple[Article, ...]  # in order, numbered from 1


INDEX_NAMES = ("index", "_index")  # the file that is the page of its folder: "news/index.md" is "news/"


@dataclass(frozen=True)
class SourcePage:
    """One Markdown file of content/<lang>/ as read from disk: front matter checked, body not yet converted."""

    path: str  # the file, relative to the site root, for messages: "content/fr/rejoindre.md"
    language: str  # the folder under content/
    rel_path: str  # the file within its language folder: "news/entry-into-force.md"
    translation_key: str  # `translation_key`, or rel_path without ".md": what links the languages of one page
    title: str  # `title`
    description: str  # `description`
    slug: str | None  # `slug`: replaces the file name in the URL
    date: datetime.date | None  # `date`
    template: str  # `template`, or "page.html"
    weight: int | None  # `weight`: puts the page in its language's menu, smaller first
    menu_title: str  # `menu_title`, or `title`: the page's name in the menu
    source_hash: str | None  # `source_hash`: the version of the source this translation was made from (i18n stamp)
    draft: bool  # `draft`: left out of the build
    noindex: bool  # `noindex`: kept out of search engines, the sitemap and the site's search (a thank-you page)
    body: str  # the Markdown after the front matter
    body_line: int  # the line of the file where `body` starts, to point at errors in it
    front_matter_lines: Mapping[str, int]  # the line of each front-matter key, to point at errors in its value
    declaration: Declaration | None = None  # the text read by ratify.declaration, when `template` is declaration.html
    # language -> the URL names of the folders above the file in that language, outermost first (French
    # "news/x.md": ("actualites",)), each the `slug` of its folder's section page: filled by load
    # (content.name_folders); empty: the folders' own names
    folder_slugs: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))

    @cached_property  # asked for thousands of times a build; a frozen page's answer never changes
    def url_path(self) -> str:
        """Where the page lives, relative to the base path: "fr/rejoindre/"; an index file stands for its folder."""
        return self.url_path_in(self.language)

    def url_path_in(self, language: str) -> str:
        """Where the page lives in `language`, as itself or as the stand-in for its translation: the language, the
        URL name of each folder above it in that language, then its own slug or file name."""
        parts = self.rel_path[: -len(".md")].split("/")
        folders = self.folder_slugs.get(language, tuple(parts[:-1]))
        own = [] if parts[-1] in INDEX_NAMES else [self.slug or parts[-1]]
        return "/".join([language, *folders, *own]) + "/"


@dataclass(frozen=True)
class Widget:
    """A shortcode of a page ({{< name key=value >}}): what to draw in its place when the page is rendered."""

    name: str  # one of shortcodes.WIDGETS
    arguments: tuple[tuple[str, str], ...]  # its key=value pairs, sorted by key
    line: int  # 1-based line of the shortcode in its file, for errors while drawing it

    def argument(self, key: str, default: str = "") -> str:
        return dict(self.arguments).get(key, default)


@dataclass(frozen=True)
class Reference:
    """A link or image of a page's Markdown that leads into the site, kept from conversion so that its target and
    anchor are checked once every page is converted (ratify/links.py)."""

    written: str  # the href or src as the Markdown (or its raw HTML) writes it: "/en/declaration/#article-7"
    url_path: str | None  # the target's path under the site's root, decoded ("en/declaration/"); None: this page
    fragment: str  # the anchor after '#', decoded, or ""
    line: int  # 1-based line of the reference in its file


@dataclass(frozen=True)
class Page:
    """One page of the built site in one language: a real translation, or the source shown in its place."""

    language: str  # the language of the URL and of the interface around the text
    source: SourcePage  # the Markdown the text comes from (in another language when `is_fallback`)
    html: str  # the body converted to HTML, links resolved for `language`, a marker where each widget goes
    toc: tuple[tuple[int, str, str], ...]  # (level, anchor, text) of the body's headings, from the toc extension
    anchors: frozenset[str]  # every id in `html` (or in `reader_text`), for checking links into the page
    reader_text: DeclarationText | None = None  # the declaration ready to read, when the source is one (`html` is "")
    widgets: tuple[Widget, ...] = ()  # the body's shortcodes, drawn in place of their markers when rendering
    references: tuple[Reference, ...] = ()  # the body's links and images into the site, resolved for `language`

    def has_widget(self, name: str) -> bool:
        return any(widget.name == name for widget in self.widgets)

    @property
    def is_fallback(self) -> bool:
        """True when no translation exists and the text of another language stands in."""
        return self.source.language != self.language

    @property
    def content_language(self) -> str:
        return self.source.language

    @property
    def key(self) -> str:
        return self.source.translation_key

    @cached_property
    def url_path(self) -> str:
        return self.source.url_path_in(self.language)

    @property
    def output_path(self) -> str:
        return urls.file_of(self.url_path)


# --- the declaration as its pages show it, made by ratify.reader --------------------------------------------


@dataclass(frozen=True)
class Passage:
    """A heading, paragraph, subparagraph or unnumbered text of the declaration, ready to show."""

    key: str  # its place in the structure, the same in every language: the anchor, or "art-2-chapeau" for a text
    #           without a number ("title", "preamble-chapeau", "preamble-operative", "art-9-3-closing")
    anchor: str | None  # the id a link points to ("art-7-b", "preamble-4", "art-7"); None for a text without a number
    kind: str  # "title", "heading", "article-title", "chapeau", "preamble", "operative", "paragraph",
    #            "subparagraph", "item" or "closing"
    label: str  # its number as printed before it: "3.", "(b)"; "" for the others
    article: int | None  # the number of its article; None in the title and the preamble
    paragraph: int | None  # its paragraph's number, or the preamble paragraph's; None when it has none
    letter: str | None  # a subparagraph's letter
    html: str  # its inline Markdown converted with the typography of the page's language
    item: str | None = None  # an item's roman numeral: "ii"


@dataclass(frozen=True)
class DeclarationSection:
    """The preamble or one article: a heading and the passages under it."""

    key: str  # "preamble" or "art-7": the section's id in every language
    heading: Passage  # the '##' heading as written ("Artículo 7")
    passages: tuple[Passage, ...]  # in document order


@dataclass(frozen=True)
class DeclarationText:
    """One language's declaration as a page shows it, every part converted to HTML."""

    declaration: Declaration  # what it is made from: the document, the headings, the lines
    title: Passage  # the '#' heading
    notes_html: str | None  # the notes, converted as Markdown blocks; None when there are none
    sections: tuple[DeclarationSection, ...]  # the preamble, then the articles
    compare_paths: tuple[tuple[str, str], ...]  # (language, path) of each side-by-side page with this text on the
    #                                             left; none for a stand-in text
    references: tuple[Reference, ...] = ()  # the links of every part into the site, resolved for its language

    @property
    def passages(self) -> tuple[Passage, ...]:
        """The title, then every heading and passage in document order: the rows of a side-by-side view."""
        return (self.title, *(passage for section in self.sections for passage in (section.heading, *section.passages)))

    @property
    def anchors(self) -> tuple[str, ...]:
        """Every id a link can point to, in document order."""
        return tuple(passage.anchor for passage in self.passages if passage.anchor)


@dataclass(frozen=True)
class ComparedRow:
    """One row of the side-by-side view: the same passage in the two languages, or a gap where one lacks it."""

    key: str  # the passages' common key
    anchor: str | None  # their common anchor: the row's id
    kind: str  # the passages' kind
    left: Passage | None  # in the page's language; None when its text lacks this passage
    right: Passage | None  # in the other language; None when its text lacks this passage


@dataclass(frozen=True)
class Comparison:
    """Two languages of the declaration side by side, paired passage by passage: one compare page."""

    left: DeclarationText  # in the page's language
    right: DeclarationText  # in the other language
    rows: tuple[ComparedRow, ...]  # every passage of either text, paired by key, in document order
    reader_path: str  # the reader page of `left`
    reader_title: str  # the reader page's `title`, the short title of the declaration

    @property
    def is_aligned(self) -> bool:
        """True when every passage has its counterpart: the two texts have the same structure."""
        return all(row.left and row.right for row in self.rows)

    @property
    def opening(self) -> tuple[ComparedRow, ...]:
        """The rows before the first heading: the title."""
        headings = [index for index, row in enumerate(self.rows) if row.kind == "heading" and row.anchor]
        return self.rows[:headings[0]] if headings else self.rows

    @property
    def sections(self) -> tuple[ComparedSection, ...]:
        """The rows grouped as the reader groups its text: the preamble, then each article, each from its heading
        row (the title row, before the first heading, is in none)."""
        sections: list[ComparedSection] = []
        for row in self.rows:
            if row.kind == "heading" and row.anchor:
                sections.append(ComparedSection(row.anchor, row, ()))
            elif sections:
                last = sections[-1]
                sections[-1] = ComparedSection(last.key, last.heading, (*last.rows, row))
        return tuple(sections)


@dataclass(frozen=True)
class ComparedSection:
    """The preamble or one article in the side-by-side view: its heading row and the rows under it."""

    key: str  # "preamble" or "art-7", the id of the section in the reader and here
    heading: ComparedRow  # the row of the two headings
    rows: tuple[ComparedRow, ...]  # the rows after the heading, up to the next one


@dataclass(frozen=True)
class Asset:
    """A file of static/ or beside a page under content/, copied with a fingerprint of its content in its name so
    it can be cached forever."""

    name: str  # the path under static/ ("style.css"), or under the site for a page's file ("content/en/x/poster.jpg")
    url_path: str  # where it is published: "static/style.8f3a2b1c.css", "static/content/en/x/poster.1a2b3c4d5e.jpg"
    content: bytes  # the file's bytes
    size: tuple[int, int] | None = None  # an image's width and height in pixels, from its header (ratify/images.py)


@dataclass(frozen=True)
class MenuEntry:
    """One entry of a language's menu, ready to show."""

    title: str  # the page's `title`, or the MenuLink's
    href: str  # a full address for another site, else a path under the base path ("fr/a-propos/")
    key: str | None  # the translation key of the page it leads to, to mark the current page
    language: str  # the language of `title` (a stand-in page's title is in its source's language)


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from data rather than from a Markdown file: a UN State's page, a side-by-side declaration."""

    language: str  # the language of the page
    key: str  # what links its languages, like a translation_key: "state/EC"
    url_path: str  # "fr/etats/ec/"
    template: str  # the template that shows it: "state.html"
    subject: Any  # what it shows (a tracker.StateRow, a Comparison)
    switcher: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # language -> where the
    #   language switcher leads, when that is not simply this page in another language under `key`

    @property
    def output_path(self) -> str:
        return urls.file_of(self.url_path)


@dataclass(frozen=True)
class NewsList:
    """One page of a language's list of news posts: the first is the news page itself, the next ones /page/N/."""

    number: int  # 1-based
    url_path: str  # "fr/actualites/", then "fr/actualites/page/2/"
    posts: tuple[Page, ...]  # at most POSTS_PER_PAGE, newest first
    previous: str | None  # url_path of the list of newer posts
    next: str | None  # url_path of the list of older posts


@dataclass(frozen=True)
class News:
    """A language's news: the page with translation_key `news`, and the dated pages in its folder."""

    language: str
    index: Page  # the news page: its title, description and introduction head every list page
    posts: tuple[Page, ...]  # every post, newest first (stand-ins for posts not translated yet included)
    lists: tuple[NewsList, ...]  # the list pages; always at least one
    feed_path: str  # the Atom feed: "fr/actualites/feed.xml"

    def has(self, page: Page) -> bool:
        """Whether `page` is one of the posts."""
        return any(post.key == page.key for post in self.posts)


@dataclass(frozen=True)
class Site:
    """Everything the templates will show, gathered before the first one runs."""

    config: Config
    pages: tuple[Page, ...]  # every page in every language, sorted by URL
    translations: Mapping[str, Mapping[str, Page]]  # translation key -> language -> page, for switcher and hreflang
    menus: Mapping[str, tuple[MenuEntry, ...]]  # language -> its menu, by weight
    assets: Mapping[str, Asset]  # name under static/ -> fingerprinted asset
    generated: Mapping[str, Mapping[str, GeneratedPage]]  # key -> language -> page made from data
    trackers: Mapping[str, Any]  # language -> tracker.TrackerView; empty when the site has no data/states.yaml
    world_map: Any  # worldmap.WorldMap from data/world-map.json, drawn by the map shortcode; None without one
    news: Mapping[str, News]  # language -> its news; empty when the site has no page with translation_key `news`
    directory: Mapping[str, tuple[Page, ...]]  # language -> the pages a reader can find there, for the search page
    countries: Mapping[str, tuple[tuple[str, str], ...]]  # language -> (ISO code, name) in its alphabet, for forms
    translation_report: Any  # translations.TranslationReport: what is missing or out of date, for editors
    interface: Mapping[str, Any]  # language -> its gettext translations of the templates' strings, from locale/


# --- the ratification tracker: read by ratify.states, seen in each language through ratify.tracker -------------

ConsentKind = Literal["ratification", "accession"]
UNStateKind = Literal["member", "observer"]
Standing = Literal["party", "signatory", "none"]
STATUSES: tuple[Standing, ...] = ("party", "signatory", "none")  # what a State is to the treaty, on a day
ActKind = Literal["signature", "ratification", "accession", "consent"]
# What a State can do next (status.next_step); each has a sentence step_<value> and ask_<value> in treaty.wording.
Step = Literal["none", "signatory", "prerequisite_none", "prerequisite_signatory", "declare", "declarations_unknown",
               "party"]
# How the map and the table show a State: its standing, or "outside" when it is neither signatory nor party and
# not a party to the prerequisite treaty either (it must join that one first).
Group = Literal["party", "signatory", "none", "outside"]
GROUPS: tuple[Group, ...] = ("party", "signatory", "none", "outside")


@dataclass(frozen=True)
class Source:
    """Where facts come from; each State names one by id."""

    id: str  # sources[].id: the short name States' `source:` refers to
    title: str  # sources[].title in English: the text itself, or its `en:` line (open data gives this one)
    url: str | None  # sources[].url; None when the copy that was read gave no address (the title still names it)
    as_of: str  # sources[].as_of, as written: sources rarely give one date ("2023-04-20 or later", "unknown")
    # sources[].title by language, English included ({en: ...} when it is one text), as State.notes. Not hashed (a
    # mapping cannot be): the id and the English title tell sources apart.
    titles: Mapping[str, str] = field(default_factory=dict, hash=False)

    def title_language(self, language: str) -> str:
        """The language the title is shown in on a page in `language`: that one when the data gives it, else
        English (marked so on the page)."""
        return language if language in self.titles else FALLBACK_LANGUAGE

    def title_in(self, language: str) -> str:
        """The title shown on a page in `language` (in title_language(language))."""
        return self.titles.get(language, self.title)


@dataclass(frozen=True)
class Depositary:
    """The UN Secretary-General's record of the treaty, the authority on who signed and joined."""

    reference: str  # treaty.depositary.reference: MTDSG chapter, "IV-3-a"
    url: str  # treaty.depositary.url: the official status page
    last_checked: datetime.date | None = None  # treaty.depositary.last_checked: the day someone last compared the
    #                                            data with the depositary's page and the UN's reports; an input


@dataclass(frozen=True)
class DepositaryTotals:
    """The depositary's own counts, kept apart from the ones computed from States, which may lag behind them."""

    signatories: int  # treaty.depositary_totals.signatories
    parties: int  # treaty.depositary_totals.parties
    as_of_or_later: datetime.date  # treaty.depositary_totals.as_of_or_later: the page's newest entry; it has no date
    source: str  # treaty.depositary_totals.source: a Source id
    note: str | None  # treaty.depositary_totals.note: plain English, or None


@dataclass(frozen=True)
class ReportedCount:
    """A count of parties the UN itself reported on a day or in a month (a committee's session, a press release)."""

    parties: int  # treaty.parties_reported[].parties
    as_of: datetime.date  # treaty.parties_reported[].as_of: the day, or the first of the month when only that is known
    month_only: bool  # as_of was written as a month ("2025-09"): the report gives no day
    source: str  # treaty.parties_reported[].source: a Source id


@dataclass(frozen=True)
class Prerequisite:
    """The treaty a State must have joined first (art. 17 of the OP-ICESCR: the Covenant), and its data file.

    A State may sign the treaty once it has signed or joined the prerequisite, and ratify or accede to it only once
    it is a party to the prerequisite.
    """

    name: Mapping[str, str]  # treaty.prerequisite.name, by language: the prerequisite's official title
    short_name: Mapping[str, str]  # treaty.prerequisite.short_name, by language: "ICESCR", "PIDESC"
    data: str  # treaty.prerequisite.data: the file of its status per State, "data/covenant.yaml"


@dataclass(frozen=True)
class PrerequisiteState:
    """One State's standing under the prerequisite treaty, as its data file gives it."""

    code: str  # states[].code
    standing: Standing  # states[].status: "party", "signatory" or "none" (neither, per the sources)
    year: int | None  # states[].year: the year it joined, or signed when a signatory; None when not given
    day: datetime.date | None  # states[].date: the exact day, where a source gives it
    source: str  # states[].source: a Source id of the prerequisite's file
    line: int  # the entry's line, for messages


@dataclass(frozen=True)
class PrerequisiteStatus:
    """The prerequisite's data file: who signed and joined it, as of when, from which sources."""

    as_of: datetime.date  # as_of: the day of the newest count the file was checked against
    sources: tuple[Source, ...]  # sources:, in file order
    states: Mapping[str, PrerequisiteState]  # code -> its standing; a UN State left out is not known


DelayUnit = Literal["days", "months"]
Opt = Literal["in", "out"]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day when it is shorter (31 Jan + 1 month = 28 or 29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class Delay:
    """A time a treaty's rule counts from an act: "90 days", "3 months"."""

    amount: int  # the whole number under `after:`
    unit: DelayUnit  # its key: `days` or `months`

    def apply(self, day: datetime.date) -> datetime.date:
        """The day the rule gives, this delay after `day`: "90 days after", "three months after"."""
        if self.unit == "days":
            return day + datetime.timedelta(days=self.amount)
        return add_months(day, self.amount)


@dataclass(frozen=True)
class EntryIntoForceRule:
    """When the treaty enters into force: `after` the `instruments`-th instrument, and for each later State `after`
    its own."""

    instruments: int  # treaty.entry_into_force.instruments: 10 (art. 18(1))
    after: Delay  # treaty.entry_into_force.after: 3 months (art. 18(1) and 18(2))


@dataclass(frozen=True)
class OptionalDeclaration:
    """A procedure of the treaty that depends on what each State declares (art. 10 and 11 of the OP-ICESCR)."""

    article: str  # treaty.declarations[].article: "10"
    opt: Opt  # "in": it applies to a State once it declares it accepts it; "out": unless it declares it does not
    label: Mapping[str, str]  # treaty.declarations[].label, by language: "Inter-State communications"

    def accepted(self, declared: bool | None) -> bool | None:
        """Whether the procedure applies to a State that made (True) or did not make (False) the declaration."""
        if declared is None:
            return None
        return declared if self.opt == "in" else not declared


# A text shown in English on a page of another language, between two private-use characters: rendering turns them
# into <span lang="en"> (ratify.i18n.finish_fallbacks), so that a screen reader reads it with an English voice.
FALLBACK_START, FALLBACK_END = "\ue000", "\ue001"
FALLBACK_LANGUAGE = "en"  # the language of a text shown in place of a missing translation


def in_english(text: str) -> str:
    """`text`, shown in place of a missing translation, marked as English for rendering."""
    return FALLBACK_START + text + FALLBACK_END


def without_marks(text: str) -> str:
    """`text` less the marks of in_english(), for sorting and comparing."""
    return text.replace(FALLBACK_START, "").replace(FALLBACK_END, "")


@dataclass(frozen=True)
class Treaty:
    """The treaty's own facts, its rules, and the words the site says about it in each language."""

    name: Mapping[str, str]  # treaty.name, by language: the official title
    short_name: Mapping[str, str]  # treaty.short_name, by language: "OP-ICESCR"
    adopted: datetime.date  # treaty.adopted
    adopted_by: str  # treaty.adopted_by.resolution: "A/RES/63/117"
    adopting_body: Mapping[str, str]  # treaty.adopted_by.body, by language: "the UN General Assembly"
    opened_for_signature: datetime.date  # treaty.opened_for_signature
    monitoring_body: Mapping[str, str]  # treaty.monitoring_body, by language: "the Committee on ..."
    hashtag: str  # treaty.hashtag, without the #: "OPICESCR"
    articles: Mapping[str, str]  # treaty.articles: role ("who_may_join", "entry_into_force", ...) -> "17"
    entry_into_force_rule: EntryIntoForceRule  # treaty.entry_into_force
    denunciation_delay: Delay | None  # treaty.denunciation.after; None when the treaty says nothing of it
    declarations: tuple[OptionalDeclaration, ...]  # treaty.declarations, in file order
    wording: Mapping[str, Mapping[str, str]]  # treaty.wording: sentence key -> language -> text with {placeholders}
    languages: tuple[str, ...]  # the languages of treaty.name, which every text of the treaty has
    depositary: Depositary  # treaty.depositary
    depositary_totals: DepositaryTotals  # treaty.depositary_totals
    line: int  # the line of `treaty:` in data/states.yaml, for messages about it
    parties_reported: tuple[ReportedCount, ...] = ()  # treaty.parties_reported, oldest first
    prerequisite: Prerequisite | None = None  # treaty.prerequisite; None when any State may join

    def text(self, texts: Mapping[str, str], language: str) -> str:
        """One of the treaty's texts in `language`; in English, marked as such, while the data lacks that language
        (the build says so)."""
        if language in texts:
            return texts[language]
        return in_english(texts[FALLBACK_LANGUAGE])

    def say(self, key: str, language: str, **values: str) -> str:
        """Sentence `key` of treaty.wording in `language`, its placeholders filled from the treaty and `values`."""
        if language not in self.languages:
            return in_english(self.say(key, FALLBACK_LANGUAGE, **values))
        facts = {"name": self.name[language], "short_name": self.short_name[language],
                 "adopting_body": self.adopting_body[language], "monitoring_body": self.monitoring_body[language],
                 "resolution": self.adopted_by, "hashtag": self.hashtag,
                 "prerequisite": self.prerequisite.name[language] if self.prerequisite else ""}
        return self.wording[key][language].format_map({**facts, **values})


@dataclass(frozen=True)
class State:
    """What one State has done about the treaty, as far as the sources tell."""

    code: str  # states[].code: ISO 3166-1 alpha-2, one of data/un-states.yaml
    signatory: bool  # states[].signed is a date or `unknown`
    signed: datetime.date | None  # states[].signed when it is a date; None if not signed or the day is unknown
    party: bool  # one of ratified / acceded / ratified_or_acceded is a date or `unknown`
    consent: datetime.date | None  # that key's date; None if not a party or the day is unknown
    consent_kind: ConsentKind | None  # which key: None if not a party or given as ratified_or_acceded
    declarations: Mapping[str, bool | None]  # states[].declarations: article -> declared; None = not known.
    #                                          Every article of treaty.declarations is a key.
    denounced: datetime.date | None  # states[].denounced: the day its notification of denunciation was received
    denunciation_effective: datetime.date | None  # `denounced` + treaty.denunciation.after: when it takes effect
    note: str | None  # states[].note in English (its `en:` line when given per language; None when the note is
    #                   in other languages only): gaps and conflicts between sources, in plain words
    source: str  # states[].source: a Source id
    line: int  # line of the entry in data/states.yaml, for messages about it
    # states[].note by language ({en: ...} when it is one text); empty when there is none. Not
    # hashed (a mapping cannot be).
    notes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    note_per_language: bool = False  # states[].note is written as a mapping ({en: ..., fr: ...}), not one text

    def note_in(self, language: str) -> str | None:
        """Its note as written in `language`; None when it has none in that language (the page then lists the
        sources the note names, and links to it in the language it is written in: note_language)."""
        return self.notes.get(language)

    @property
    def note_language(self) -> str | None:
        """The language a page without the note in its own links to: English, else the first the note is in (a
        note written in the editor in French alone); None without a note."""
        return FALLBACK_LANGUAGE if FALLBACK_LANGUAGE in self.notes else next(iter(self.notes), None)


@dataclass(frozen=True)
class StateName:
    """How one language names a State, as the UN writes it (data/un-names.yaml, read by ratify.names)."""

    short: str  # states.<code>.<lang>.short without its bracketed article: "Argentine", for lists and headings
    article: str  # the article in that short name's brackets: "l'", "les", "the"; "" when it has none
    formal: str  # states.<code>.<lang>.formal, article included: "la République argentine", for a letter
    in_form: str  # "in <State>" in a sentence: its `in:`, or forms.<lang>.in by the article: "en Argentine"
    of_form: str  # "of <State>" with the formal name, by forms.<lang>.of: "de la République argentine"


@dataclass(frozen=True)
class UNState:
    """A State that can sign the treaty and gets a page: a UN Member or observer State."""

    code: str  # un-states code: ISO 3166-1 alpha-2
    name: str  # un-states name: a common English short name ("Russia"), for suggestions; pages use `names`
    kind: UNStateKind  # "member" under member_states, "observer" under observer_states
    admitted: int | None  # un-states admitted: year of UN admission; None for observer States
    aliases: tuple[str, ...]  # un-states aliases: codes people write by mistake (UK for GB), for suggestions
    # data/un-names.yaml: the UN's names by language; empty until ratify.names joins them (ratify.states.read_states)
    names: Mapping[str, StateName] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Tracker:
    """Everything the site knows about the treaty's status, gathered before anything is rendered."""

    treaty: Treaty  # states.yaml treaty:
    states: tuple[State, ...]  # states.yaml states:, sorted by code
    un_states: tuple[UNState, ...]  # un-states.yaml, sorted by code
    sources: tuple[Source, ...]  # states.yaml sources:, in file order
    prerequisite: PrerequisiteStatus | None = None  # the file treaty.prerequisite.data names; None without one

    def source(self, source_id: str) -> Source:
        """The source of states.yaml with this id (the data is checked: every id a fact names exists)."""
        return next(source for source in self.sources if source.id == source_id)


@dataclass(frozen=True)
class PublicFigure:
    """The one current count of parties the site states: the UN's newest, beside how many the data names."""

    reported: ReportedCount  # the newest of treaty.parties_reported
    named: int  # the parties the data records, dated or not
    sources: tuple[Source, ...]  # the report's source
    last_checked: datetime.date | None  # treaty.depositary.last_checked

    @property
    def missing(self) -> int:
        """How many of the parties the UN reported the data does not name yet (0 when it names them all or more)."""
        return max(self.reported.parties - self.named, 0)


@dataclass(frozen=True)
class Headline:
    """The figures the site leads with, defined once (status.headline): the counter, the chart's caption, the map
    and states.json all give these, and say in one sentence why another figure differs."""

    parties: int  # the parties the data records, dated or not: THE figure the site states
    signatories: int  # the signatories the data records, dated or not
    plotted_parties: int  # parties whose day is known: where the chart's line of parties ends
    plotted_signatories: int  # signatures whose day is known: where the chart's line of signatories ends
    unplotted_parties: tuple[str, ...]  # codes of parties whose day is not known: counted, not on the chart
    unplotted_signatures: tuple[str, ...]  # codes of signatories whose signature's day is not known
    public_figure: PublicFigure | None  # the UN's newest reported count, beside `parties`; None without one


@dataclass(frozen=True)
class Status:
    """The figures on one day, computed from the States whose dates are known."""

    day: datetime.date  # the day asked for
    signatories: int  # States that had signed by `day`
    parties: int  # ratifications + accessions + parties_of_unknown_kind
    ratifications: int  # instruments of ratification deposited by `day`
    accessions: int  # instruments of accession deposited by `day`
    parties_of_unknown_kind: int  # dated instruments not known to be ratifications or accessions (Niger)
    in_force: bool  # the treaty was in force on `day`
    in_force_since: datetime.date | None  # its entry into force, when in_force


@dataclass(frozen=True)
class DataGaps:
    """What the data does not know, and where it disagrees with the depositary: never papered over."""

    recorded_signatories: int  # States in states.yaml that signed, with or without a date
    recorded_parties: int  # States in states.yaml that are parties, with or without a date
    depositary: DepositaryTotals  # the depositary's counts, and the day they are as of
    undated_signatures: tuple[str, ...]  # codes of States that signed on a day not known
    undated_parties: tuple[str, ...]  # codes of parties whose instrument's day is not known
    unknown_kind: tuple[str, ...]  # codes of parties not known to have ratified or acceded
    after_depositary: tuple[str, ...]  # codes with a date after the depositary's totals: those are out of date
    unknown_declarations: Mapping[str, tuple[str, ...]]  # article -> codes of parties whose declaration is not known
    public_figure: PublicFigure | None = None  # the UN's newest reported count beside the parties the data names


@dataclass(frozen=True)
class StateRow:
    """One UN State as a reader of one language sees it."""

    code: str  # ISO 3166-1 alpha-2, from data/un-states.yaml
    name: str  # the UN's short name in the page's language (data/un-names.yaml); English, marked, when it lacks it
    formal_name: str  # the UN's formal name, article included, for a letter: "la République argentine"
    name_in: str  # "in <State>" in a sentence: "au Bangladesh", "en Argentine", "aux Bahamas"
    formal_of: str  # "of <State>" with its formal name: "du Royaume de Bahreïn", "de la République argentine"
    status: Standing  # from state_status on the day of the latest act
    state: State | None  # its entry in data/states.yaml; None when it has done nothing
    in_force_for: datetime.date | None  # when the treaty entered into force for it (art. 18(2))
    # Each of treaty.declarations, and whether its procedure applies to the State (None: not known).
    procedures: tuple[tuple[OptionalDeclaration, bool | None], ...]
    url_path: str | None  # its page: "fr/etats/ec/"; None when the module state_pages is off
    prerequisite: Standing | None = None  # its standing under treaty.prerequisite; None: no prerequisite, or not known
    step: Step = "none"  # status.next_step: what it can do next; treaty.wording step_<step> and ask_<step> say it
    group: Group = "none"  # status.group: how the map and the table show it, `status` or "outside"
    # Whether in_force_for lies after the build date: the page says it will enter into force (wording
    # enters_into_force_for), not that it has been in force (in_force_for).
    in_force_later: bool = False
    # Its states[].note in the view's language, when the data gives it in that language: the text cut at each
    # source id it names, each piece with the source that id stands for (None for plain text), so that the page
    # shows the source's title in that language and its link, never its id. Empty in a language the note lacks,
    # and when there is no note.
    note_parts: tuple[tuple[str, Source | None], ...] = ()
    # The sources its English note names, each once, in the note's order, but the source of its dates (named
    # already): what the pages of a language the note lacks list instead.
    note_sources: tuple[Source, ...] = ()
    # English, on the pages of a language its note is not given in: they link to the State's English page for it.
    # None when it has no note, or when the note is given in the view's language.
    note_language: str | None = None


@dataclass(frozen=True)
class Act:
    """One signature, ratification or accession with a known day: a point of the timeline, an entry of the feed."""

    day: datetime.date
    kind: ActKind  # "consent" when the sources do not say whether it was a ratification or an accession
    row: StateRow


@dataclass(frozen=True)
class TrackerView:
    """Everything the tracker's pages and widgets show in one language, computed before any template runs."""

    language: str  # the language code
    tracker: Tracker
    latest: datetime.date  # the day of the newest act in the data: the figures are "as of" it
    now: Status  # status_on(latest)
    entry_into_force: datetime.date | None
    gaps: DataGaps
    rows: tuple[StateRow, ...]  # every UN State, in the order of the language's alphabet
    acts: tuple[Act, ...]  # every dated act, newest first
    states_url_path: str  # the page that lists the States: "fr/etats/"
    feed_path: str  # the Atom feed of acts: "fr/etats/feed.xml"
    counts: Mapping[str, int]  # status.recorded_counts: "parties" -> the parties recorded, dated or not, and so on
    public_figure: PublicFigure | None = None  # status.public_figure; None when the data has no reported count
    headline: Headline | None = None  # status.headline: the figures every widget of the view states

    def names_of(self, codes: tuple[str, ...]) -> tuple[str, ...]:
        """The names of the States `codes` in this view's language, in its alphabetical order."""
        return tuple(row.name for row in self.rows if row.code in codes)

    @property
    def has_gaps(self) -> bool:
        return (self.gaps.recorded_parties != self.gaps.depositary.parties
                or self.gaps.recorded_signatories != self.gaps.depositary.signatories)

    def say(self, sentence: str, **values: str) -> str:
        """A sentence of treaty.wording in this view's language, its placeholders filled (Treaty.say)."""
        return self.tracker.treaty.say(sentence, self.language, **values)

    def text(self, texts: Mapping[str, str]) -> str:
        """One of the treaty's texts (a name, a declaration's label) in this view's language (Treaty.text)."""
        return self.tracker.treaty.text(texts, self.language)

    def recorded(self, what: str) -> int:
        """How many States the data records as having done `what`, whatever the day (ratify.status.count)."""
        return self.counts[what]
