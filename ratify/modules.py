"""The pages read + the modules site.yaml switches on -> the pages of the modules switched off left out, and one
error for each module switched on whose inputs are missing, saying what to add.

A module is data (Config.modules), not code that plugs in: each stage reads it. Here the pages that make a module
are recognised as the stages that use them recognise them: by translation key or template, and, for the news and
the Join page, the pages in the page's folder (the posts, the thank-you page).
"""

from __future__ import annotations

from typing import Callable, Mapping

from ratify.content import JOIN_TEMPLATE
from ratify.errors import SiteError, raise_all
from ratify.model import Config, SourcePage
from ratify.news import NEWS_KEY, news_folder
from ratify.reader import DECLARATION_TEMPLATE
from ratify.search import SEARCH_KEY
from ratify.states import STATES_FILE
from ratify.tracker import STATES_KEY

# Module -> how its own page is recognised. state_pages has none: its pages are made from the tracker's data.
_HEAD_PAGE: Mapping[str, Callable[[SourcePage], bool]] = {
    "tracker": lambda source: source.translation_key == STATES_KEY,
    "reader": lambda source: source.template == DECLARATION_TEMPLATE,
    "join": lambda source: source.template == JOIN_TEMPLATE,
    "news": lambda source: source.translation_key == NEWS_KEY,
    "search": lambda source: source.translation_key == SEARCH_KEY,
}
_OWNS_ITS_FOLDER = ("join", "news")  # the pages under join/ (thanks) and news/ (the posts) are the module's too


def module_pages(sources: list[SourcePage], module: str, config: Config) -> list[SourcePage]:
    """The pages that make `module`: its own page in each language and, for the news and Join, the pages in its
    folder (join/thanks.md beside join.md) or under its URL (a folder named after the page's slug, join.md with
    `slug: rejoindre` and rejoindre/merci.md, as sites were laid out before folders took their section page's slug).

    A language without its own page of the module uses the folder of the default language's, as the news do.
    """
    heads = [source for source in sources if module in _HEAD_PAGE and _HEAD_PAGE[module](source)]
    if module == "reader":  # a language's page beside a legal text (where to read the Protocol in French) goes too
        keys = {source.translation_key for source in heads}
        heads = [source for source in sources if source.translation_key in keys]
    if module not in _OWNS_ITS_FOLDER or not heads:
        return heads
    folders = {source.language: news_folder(source) for source in heads}
    fallback = next(folders[code] for code in (config.default_language, *config.language_codes) if code in folders)
    addresses = tuple(source.url_path for source in heads)
    return [source for source in sources
            if source in heads or source.rel_path.startswith(folders.get(source.language, fallback))
            or source.url_path.startswith(addresses)]


def switched_on(sources: list[SourcePage], config: Config) -> list[SourcePage]:
    """The pages of the site less those of every module switched off: they make no page, menu entry or feed."""
    left_out = {source.path for module in _HEAD_PAGE if module not in config.modules
                for source in module_pages(sources, module, config)}
    return [source for source in sources if source.path not in left_out]


def check_inputs(sources: list[SourcePage], config: Config, has_states_data: bool) -> None:
    """Each module site.yaml lists must find what it is made from; one error for each that does not."""
    if not config.modules.listed:
        return
    default = config.default_language
    needs = {
        "tracker": (has_states_data, STATES_FILE,
                    f"create {STATES_FILE} (the treaty and what each State has done, see 'The ratification "
                    f"tracker' in README.md) and content/{default}/{STATES_KEY}.md, the page that lists the States"),
        "reader": (None, "declaration",
                   f"create content/{default}/declaration.md with 'template: {DECLARATION_TEMPLATE}' and "
                   "'document:' (see docs/declaration-convention.md)"),
        "join": (None, "Join page", f"create content/{default}/join.md with 'template: {JOIN_TEMPLATE}'"),
        "news": (None, "news page", f"create content/{default}/{NEWS_KEY}.md with 'template: news.html'; "
                                    f"its posts go in content/{default}/{NEWS_KEY}/, each with a 'date:'"),
        "search": (None, "search page", f"create content/{default}/{SEARCH_KEY}.md with 'template: search.html'"),
    }
    errors = []
    for module, (present, what, example) in needs.items():
        if module not in config.modules:
            continue
        if present is None:
            present = bool(module_pages(sources, module, config))
        if not present:
            errors.append(SiteError(f"modules: '{module}' is on, but the site has no {what}", "site.yaml",
                                    config.modules.line, f"{example}; or take '{module}' out of modules:"))
    raise_all(errors)
