"""Pages in the news folder of each language -> dated posts, newest first, in list pages of ten, for pages and feeds."""

from __future__ import annotations

import datetime
import posixpath
from typing import Mapping

from ratify.errors import SiteError, raise_all
from ratify import urls
from ratify.model import Config, News, NewsList, Page, SourcePage

NEWS_KEY = "news"  # the translation key of the news page; the posts are the pages in its folder
POSTS_PER_PAGE = 10


def make_news(pages: tuple[Page, ...], translations: Mapping[str, Mapping[str, Page]],
              config: Config) -> dict[str, News]:
    """Each language's news, when the site has a news page; a post without a `date` is an error."""
    if NEWS_KEY not in translations:
        return {}
    versions = translations[NEWS_KEY]
    folders = {page.source.language: news_folder(page.source) for page in versions.values()}
    default_folder = folders[versions[config.default_language].source.language]
    posts_by_language: dict[str, list[Page]] = {code: [] for code in config.language_codes}
    for page in pages:
        folder = folders.get(page.source.language, default_folder)
        if page.key != NEWS_KEY and page.source.rel_path.startswith(folder):
            posts_by_language[page.language].append(page)
    undated = {page.source.path: page.source for posts in posts_by_language.values() for page in posts
               if page.source.date is None}
    raise_all([SiteError("front matter: 'date' is missing, and a news post needs one", path, 2,
                         f"add a line 'date: 2013-05-05', or move the page out of {posixpath.dirname(path)}/")
               for path, source in sorted(undated.items())])
    return {code: _news(versions[code], posts) for code, posts in posts_by_language.items()}


def future_posts(sources: list[SourcePage], build_date: datetime.date, config: Config) -> list[SourcePage]:
    """The news posts dated after the build date: not published yet. Each language's posts are the pages in the
    folder of its news page, or of the default language's when it has none (as make_news finds them)."""
    folders = {source.language: news_folder(source) for source in sources if source.translation_key == NEWS_KEY}
    if not folders:
        return []
    default_folder = folders.get(config.default_language, next(iter(folders.values())))
    return [source for source in sources if source.translation_key != NEWS_KEY and source.date is not None
            and source.date > build_date
            and source.rel_path.startswith(folders.get(source.language, default_folder))]


def future_warnings(posts: list[SourcePage], build_date: datetime.date) -> list[str]:
    """One line for each post left out until its date."""
    return [f"{post.path}: dated {post.date}, after the build date {build_date}: not published yet"
            for post in sorted(posts, key=lambda post: post.path)]


def news_folder(source: SourcePage) -> str:
    """The folder of a language whose pages are posts: "news/" for news.md as for news/index.md (in French too: the
    folder keeps the file name, the French news page's slug gives it its URL)."""
    stem = source.rel_path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        stem = posixpath.dirname(stem)
    return stem + "/"


def _news(index: Page, posts: list[Page]) -> News:
    ordered = sorted(sorted(posts, key=lambda post: post.url_path), key=lambda post: post.source.date, reverse=True)
    chunks = [tuple(ordered[start:start + POSTS_PER_PAGE]) for start in range(0, len(ordered), POSTS_PER_PAGE)]
    chunks = chunks or [()]
    paths = [urls.list_page_path(index.url_path, number)
             for number in range(1, len(chunks) + 1)]
    lists = tuple(NewsList(number=number, url_path=paths[number - 1], posts=chunk,
                           previous=paths[number - 2] if number > 1 else None,
                           next=paths[number] if number < len(paths) else None)
                  for number, chunk in enumerate(chunks, start=1))
    return News(language=index.language, index=index, posts=tuple(ordered), lists=lists,
                feed_path=urls.feed_path(index.url_path))
