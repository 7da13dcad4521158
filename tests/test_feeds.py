"""The Atom feeds with and without the site's address: absolute links and ids with a real base_url; with a placeholder,
links from the site's root and urn:uuid ids, so that no feed publishes the placeholder."""

from __future__ import annotations

import re
import shutil
import uuid
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from ratify.config import parse_config
from ratify.model import Config
from ratify.pipeline import load, render_site
from ratify.render import feed_id, feed_link
from ratify.urls import lasting_id
from tests.conftest import FIXTURES, read_tree
from tests.test_news import ATOM, news_site, parse_atom

SITE_YAML = """\
title:
  en: Campaign
  fr: Campagne
base_url: {base_url}
default_language: en
languages:
  - code: en
  - code: fr
"""
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
URN_UUID = re.compile(r"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def config(base_url: str) -> Config:
    return parse_config(SITE_YAML.format(base_url=base_url), "site.yaml")


def test_with_a_real_address_a_feed_links_and_names_each_page_by_its_address() -> None:
    real = config("https://ratify-fixture.org/op/")
    assert feed_link(real, "fr/actualites/") == "https://ratify-fixture.org/op/fr/actualites/"
    assert feed_id(real, "fr/actualites/") == "https://ratify-fixture.org/op/fr/actualites/"
    assert feed_id(real, "en/states/uy/#ratification-2013-02-05") == (
        "https://ratify-fixture.org/op/en/states/uy/#ratification-2013-02-05")
    assert feed_link(real, "ar/الدول/") == "https://ratify-fixture.org/op/ar/%D8%A7%D9%84%D8%AF%D9%88%D9%84/"


@pytest.mark.parametrize("placeholder", ["https://example.org/op/", "http://localhost:8000/op/",
                                         "https://campaign.test/op/"])
def test_with_a_placeholder_a_feed_links_from_the_root_and_names_each_page_by_a_urn_uuid(placeholder: str) -> None:
    stand_in = config(placeholder)
    assert feed_link(stand_in, "fr/actualites/") == "/op/fr/actualites/"
    assert feed_link(stand_in, "ar/الدول/") == "/op/ar/%D8%A7%D9%84%D8%AF%D9%88%D9%84/"
    news = feed_id(stand_in, "fr/actualites/")
    assert URN_UUID.match(news)
    # Named by the site's title and the page's path only: the same whatever placeholder host the site has, and the
    # same in every version of ratify (a new id would show every entry to a subscriber again).
    assert news == "urn:uuid:9135168e-4f44-5ddc-aa42-36b81f7eecdf"


def test_a_urn_uuid_is_the_same_in_every_build_and_differs_by_page_part_and_site() -> None:
    assert lasting_id("Campaign", "en/news/") == lasting_id("Campaign", "en/news/")
    assert uuid.UUID(lasting_id("Campaign", "en/news/").removeprefix("urn:uuid:")).version == 5
    ids = {lasting_id("Campaign", "en/news/"), lasting_id("Campaign", "fr/actualites/"),
           lasting_id("Campaign", "en/states/uy/#signature-2009-09-24"),
           lasting_id("Campaign", "en/states/uy/#ratification-2013-02-05"),
           lasting_id("Another campaign", "en/news/")}
    assert len(ids) == 5


def feeds_of(tree: dict[str, bytes]) -> dict[str, ElementTree.Element]:
    """Every Atom feed of a built site, checked for what RFC 4287 requires, by its path."""
    return {path: parse_atom(content) for path, content in tree.items() if path.endswith("feed.xml")}


def links_and_ids(feed: ElementTree.Element) -> tuple[list[str], list[str]]:
    """Every address a feed gives: its links, categories' schemes and content bases; and its ids."""
    addresses = [link.get("href") for link in feed.iter(f"{{{ATOM['a']}}}link")]
    addresses += [category.get("scheme") for category in feed.iter(f"{{{ATOM['a']}}}category")]
    addresses += [element.get(XML_BASE) for element in feed.iter() if element.get(XML_BASE) is not None]
    return addresses, [element.text or "" for element in feed.iter(f"{{{ATOM['a']}}}id")]


def assert_atom_shape(path: str, feed: ElementTree.Element) -> None:
    """The elements an Atom feed is made of, in the feed and in each entry."""
    assert feed.tag == f"{{{ATOM['a']}}}feed", path
    for required in ("id", "title", "updated", "link", "entry"):
        assert feed.find(f"a:{required}", ATOM) is not None, f"{path} has no <{required}>"
    for entry in feed.findall("a:entry", ATOM):
        assert [entry.find(f"a:{name}", ATOM) is not None for name in ("id", "title", "updated", "link")] == [True] * 4


@pytest.mark.bundled
def test_the_bundled_site_s_feeds_carry_no_placeholder_links_from_the_root_and_urn_uuid_ids(
        built_site: Path) -> None:
    tree = read_tree(built_site)
    feeds = feeds_of(tree)
    assert sorted(feeds) == ["en/news/feed.xml", "en/states/feed.xml", "es/estados/feed.xml", "es/noticias/feed.xml",
                             "fr/actualites/feed.xml", "fr/etats/feed.xml"]  # content/*/resources.md link them
    for path, feed in feeds.items():
        assert_atom_shape(path, feed)
        assert feed.get(XML_BASE) is None, "no base for the feed: its links resolve against its own address"
        addresses, ids = links_and_ids(feed)
        for address in addresses:
            assert address.startswith("/") and not address.startswith("//"), (path, address)
        assert all(URN_UUID.match(each) for each in ids), path
        assert len(ids) == len(set(ids)), path
        own = f"https://campaign.invalid/{path}"  # wherever the feed is served, its links lead to the site's files
        assert feed.find("a:link[@rel='self']", ATOM).get("href") == f"/{path}"
        for link in feed.iter(f"{{{ATOM['a']}}}link"):
            target = unquote(urlsplit(urljoin(own, link.get("href"))).path)[1:]
            assert target in tree or f"{target}index.html" in tree, (path, target)


def feeds_built_at(site: Path, base_url: str) -> dict[str, bytes]:
    return {path: content for path, content in render_site(site, load(site, base_url).site).items()
            if path.endswith("feed.xml")}


@pytest.fixture(scope="module")
def news_and_tracker_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site with news posts (tests/test_news.py) and the fixture tracker's States and their feed."""
    site = news_site(tmp_path_factory.mktemp("feeds"))
    shutil.copytree(FIXTURES / "tracker", site, dirs_exist_ok=True)
    return site


def test_a_site_with_its_address_keeps_absolute_links_and_ids(news_and_tracker_site: Path) -> None:
    feeds = {path: ElementTree.fromstring(content)
             for path, content in feeds_built_at(news_and_tracker_site, "https://ratify-fixture.org/op/").items()}
    assert {"en/news/feed.xml", "fr/etats/feed.xml"} <= set(feeds)
    for path, feed in feeds.items():
        assert_atom_shape(path, feed)
        addresses, ids = links_and_ids(feed)
        assert addresses and ids
        for address in addresses + ids:
            assert address.startswith("https://ratify-fixture.org/op/"), (path, address)
    news = feeds["en/news/feed.xml"]
    assert news.findtext("a:id", namespaces=ATOM) == "https://ratify-fixture.org/op/en/news/feed.xml"
    assert news.find("a:entry/a:content", ATOM).get(XML_BASE) == "https://ratify-fixture.org/op/en/news/post-12/"


def test_with_any_placeholder_the_feeds_are_the_same_and_name_no_host(news_and_tracker_site: Path) -> None:
    example = feeds_built_at(news_and_tracker_site, "https://example.org/op/")
    assert example == feeds_built_at(news_and_tracker_site, "http://campaign.test/op/")
    for path, content in example.items():
        feed = ElementTree.fromstring(content)
        assert_atom_shape(path, feed)
        addresses, ids = links_and_ids(feed)
        assert all(address.startswith("/op/") for address in addresses), path
        assert all(URN_UUID.match(each) for each in ids), path
        assert b"example.org" not in content and b"campaign.test" not in content
    entry = ElementTree.fromstring(example["en/news/feed.xml"]).find("a:entry", ATOM)
    # A post's own anchors (#fn:1) resolve against the post, never against the feed or a placeholder host.
    assert entry.find("a:content", ATOM).get(XML_BASE) == "/op/en/news/post-12/"
    assert entry.find("a:link", ATOM).get("href") == "/op/en/news/post-12/"
