"""News: dated posts per language, list pages of ten linked by rel=prev/next, an Atom feed per language."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from ratify.check import check_output
from ratify.pipeline import build, load
from tests.conftest import make_site, read_tree, run_cli

ATOM = {"a": "http://www.w3.org/2005/Atom"}
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def news_site(tmp_path: Path, posts: int = 12) -> Path:
    """The fixture site with a news page in English and French, `posts` English posts and, from 12, one French one;
    the French folder takes its URL name from the French news page (/fr/actualites/)."""
    site = make_site(tmp_path / "site")
    write(site / "content/en/news.md", "---\ntitle: News\ndescription: What happened.\ntemplate: news.html\n"
                                       "weight: 40\n---\nThe latest first.\n")
    for number in range(1, posts + 1):
        write(site / f"content/en/news/post-{number:02}.md",
              f"---\ntitle: Post {number}\ndescription: Summary {number}.\ndate: 2013-01-{number:02}\n---\n"
              f"Text of post {number}, back to [the news](../news.md).\n")
    write(site / "content/fr/news.md", "---\ntitle: Actualités\ndescription: Ce qui s'est passé.\n"
                                       "slug: actualites\ntemplate: news.html\nweight: 40\n---\nIntro.\n")
    if posts >= 12:  # the same file names in every language; `slug:` gives the French URLs
        write(site / "content/fr/news/post-12.md", "---\ntitle: Billet 12\ndescription: Résumé 12.\n"
                                                   "date: 2013-01-12\nslug: billet-12\n---\nTexte.\n")
    return site


@pytest.fixture
def news_tree(tmp_path: Path) -> dict[str, bytes]:
    build(news_site(tmp_path), tmp_path / "public")
    return read_tree(tmp_path / "public")


def text(tree: dict[str, bytes], path: str) -> str:
    return tree[path].decode("utf-8")


def listed_titles(page: str) -> list[str]:
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', page)


def test_posts_are_listed_newest_first_ten_to_a_page(news_tree: dict[str, bytes]) -> None:
    first, second = text(news_tree, "en/news/index.html"), text(news_tree, "en/news/page/2/index.html")
    assert listed_titles(first) == [f"Post {number}" for number in range(12, 2, -1)]
    assert listed_titles(second) == ["Post 2", "Post 1"]
    assert "The latest first." in first and "The latest first." not in second
    assert "<title>News (page 2 of 2) | Fixture campaign</title>" in second
    assert '<time datetime="2013-01-12">12 January 2013</time>' in first
    assert "en/news/page/3/index.html" not in news_tree


def test_list_pages_link_each_other_with_rel_prev_and_next(news_tree: dict[str, bytes]) -> None:
    first, second = text(news_tree, "en/news/index.html"), text(news_tree, "en/news/page/2/index.html")
    assert '<link rel="next" href="https://ratify-fixture.org/op/en/news/page/2/">' in first
    assert 'rel="prev"' not in first
    assert '<link rel="prev" href="https://ratify-fixture.org/op/en/news/">' in second
    assert '<a rel="prev" href="/op/en/news/">Newer posts</a>' in second
    assert '<a rel="next" href="/op/en/news/page/2/">Older posts</a>' in first
    assert '<link rel="canonical" href="https://ratify-fixture.org/op/en/news/page/2/">' in second
    assert '<link rel="alternate" hreflang="fr" href="https://ratify-fixture.org/op/fr/actualites/page/2/">' in second
    assert '<a href="/op/fr/actualites/page/2/" hreflang="fr" lang="fr">Français</a>' in second
    assert check_output(news_tree, "https://ratify-fixture.org/op/") == []


def test_a_language_lists_its_translations_and_stand_ins_for_the_others(news_tree: dict[str, bytes]) -> None:
    page = text(news_tree, "fr/actualites/index.html")
    assert listed_titles(page)[:2] == ["Billet 12", "Post 11"]
    # an English post stands in where its French translation (news/post-11.md) will live: under /fr/actualites/
    assert '<li lang="en">\n    <h2><a href="/op/fr/actualites/post-11/">Post 11</a></h2>' in page
    assert not any(path.startswith("fr/news/") for path in news_tree)
    assert '<time datetime="2013-01-12">12 janvier 2013</time>' in page
    post = text(news_tree, "fr/actualites/billet-12/index.html")
    assert '<p class="post-date"><time datetime="2013-01-12">12 janvier 2013</time></p>' in post
    assert '<a href="/op/fr/actualites/">Toutes les actualités</a>' in post


def parse_atom(content: bytes) -> ElementTree.Element:
    """The feed, checked for what RFC 4287 requires of a feed and of each entry."""
    feed = ElementTree.fromstring(content)
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    for element in (feed, *feed.findall("a:entry", ATOM)):
        for required in ("a:id", "a:title", "a:updated"):
            assert (element.findtext(required, namespaces=ATOM) or "").strip(), required
        assert _RFC3339.match(element.findtext("a:updated", namespaces=ATOM))
        assert element.find("a:link[@rel='alternate']", ATOM) is not None
    assert feed.find("a:author/a:name", ATOM) is not None
    assert feed.find("a:link[@rel='self']", ATOM) is not None
    ids = [entry.findtext("a:id", namespaces=ATOM) for entry in feed.findall("a:entry", ATOM)]
    assert len(ids) == len(set(ids)), "entry ids are unique"
    return feed


def test_each_language_has_an_atom_feed_of_its_posts(news_tree: dict[str, bytes]) -> None:
    feed = parse_atom(news_tree["en/news/feed.xml"])
    entries = feed.findall("a:entry", ATOM)
    assert len(entries) == 12
    assert feed.findtext("a:updated", namespaces=ATOM) == "2013-01-12T00:00:00Z"
    assert entries[0].findtext("a:id", namespaces=ATOM) == "https://ratify-fixture.org/op/en/news/post-12/"
    assert entries[-1].findtext("a:updated", namespaces=ATOM) == "2013-01-01T00:00:00Z"
    assert "back to" in entries[0].findtext("a:content", namespaces=ATOM)
    french = parse_atom(news_tree["fr/actualites/feed.xml"])
    assert french.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    languages = [entry.get("{http://www.w3.org/XML/1998/namespace}lang")
                 for entry in french.findall("a:entry", ATOM)]
    assert languages[:2] == [None, "en"]  # its own post, then a stand-in in English
    page = text(news_tree, "en/news/index.html")
    assert '<link rel="alternate" type="application/atom+xml" title="News" href="/op/en/news/feed.xml">' in page


def test_later_list_pages_are_in_the_sitemap(news_tree: dict[str, bytes]) -> None:
    sitemap = text(news_tree, "sitemap.xml")
    assert "<loc>https://ratify-fixture.org/op/en/news/page/2/</loc>" in sitemap
    assert "<loc>https://ratify-fixture.org/op/fr/actualites/page/2/</loc>" in sitemap


def test_a_post_needs_a_date(tmp_path: Path) -> None:
    site = news_site(tmp_path, posts=3)
    post = site / "content/en/news/post-02.md"
    post.write_text(post.read_text().replace("date: 2013-01-02\n", ""))
    result = run_cli("build", "--root", str(site), "--out", str(tmp_path / "public"))
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        "content/en/news/post-02.md:2: front matter: 'date' is missing, and a news post needs one",
        "    add a line 'date: 2013-05-05', or move the page out of content/en/news/"]


def test_a_site_without_a_news_page_has_no_news(fixture_site: Path) -> None:
    assert load(fixture_site).site.news == {}


def test_a_news_list_with_no_posts_says_so_and_has_no_feed(tmp_path: Path) -> None:
    site = news_site(tmp_path, posts=0)
    build(site, tmp_path / "public")
    assert "There is no news yet." in (tmp_path / "public/en/news/index.html").read_text()
    assert not (tmp_path / "public/en/news/feed.xml").exists()


def test_dates_come_from_the_posts_not_the_clock(tmp_path: Path) -> None:
    site = news_site(tmp_path, posts=2)
    build(site, tmp_path / "one", today=datetime.date(2030, 1, 1))
    build(site, tmp_path / "two", today=datetime.date(2031, 6, 1))
    assert read_tree(tmp_path / "one") == read_tree(tmp_path / "two")


def _launch_site(tmp_path: Path) -> Path:
    """The news site with a post dated 10 January 2027, in English only."""
    site = news_site(tmp_path, posts=2)
    write(site / "content/en/news/launch.md", "---\ntitle: Launch\ndescription: The launch.\ndate: 2027-01-10\n---\n"
                                              "Text.\n")
    return site


def test_a_post_dated_after_the_build_date_waits_and_the_build_says_so(tmp_path: Path) -> None:
    site = _launch_site(tmp_path)
    result = run_cli("build", "--root", str(site), "--out", str(tmp_path / "early"), "--date", "2026-11-30")
    assert result.returncode == 0, result.stderr
    assert "warning: content/en/news/launch.md: dated 2027-01-10, after the build date 2026-11-30: not published " \
           "yet\n" in result.stderr
    early = read_tree(tmp_path / "early")
    assert "en/news/launch/index.html" not in early and "fr/actualites/launch/index.html" not in early
    assert "Launch" not in text(early, "en/news/index.html") and "Launch" not in text(early, "en/news/feed.xml")
    result = run_cli("build", "--root", str(site), "--out", str(tmp_path / "on-the-day"), "--date", "2027-01-10")
    assert "not published yet" not in result.stderr
    on_the_day = read_tree(tmp_path / "on-the-day")
    assert listed_titles(text(on_the_day, "en/news/index.html"))[0] == "Launch"
    assert "fr/actualites/launch/index.html" in on_the_day


def test_source_date_epoch_is_the_build_date_unless_a_date_is_given(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    site = _launch_site(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18T08:26:40Z
    result = run_cli("build", "--root", str(site), "--out", str(tmp_path / "epoch"))
    assert "after the build date 2026-11-18: not published yet" in result.stderr
    result = run_cli("build", "--root", str(site), "--out", str(tmp_path / "given"), "--date", "2027-02-01")
    assert "not published yet" not in result.stderr


def test_the_build_date_is_given_or_the_epoch_or_today() -> None:
    from ratify.cli import build_date
    from ratify.errors import SiteError

    day, today = datetime.date(2026, 3, 1), lambda: datetime.date(2026, 11, 30)
    assert build_date(day, {"SOURCE_DATE_EPOCH": "0"}, today) == day
    assert build_date(None, {"SOURCE_DATE_EPOCH": "86399"}, today) == datetime.date(1970, 1, 1)  # a UTC day
    assert build_date(None, {"SOURCE_DATE_EPOCH": " "}, today) == build_date(None, {}, today) == today()
    with pytest.raises(SiteError, match="SOURCE_DATE_EPOCH must be a number of seconds since 1970, got '1e9'"):
        build_date(None, {"SOURCE_DATE_EPOCH": "1e9"}, today)
