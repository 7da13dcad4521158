"""Links, anchors and images resolved during the build at their source line: images beside a page or in static/
get their fingerprinted URL and their size; links into the site are checked once every page is converted."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pytest

from ratify.images import image_size
from ratify.pipeline import build
from tests.conftest import make_site, read_tree


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    pixels = zlib.compress(b"".join(b"\0" + b"\xff\0\0" * width for _ in range(height)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


def jpeg(width: int, height: int) -> bytes:
    """A JPEG's markers up to its frame header: all image_size reads."""
    return (b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0" + b"\0" * 9
            + b"\xff\xc0" + struct.pack(">HBHH", 17, 8, height, width) + b"\0" * 10)


@pytest.mark.parametrize("content, size", [
    (png(40, 30), (40, 30)),
    (b"GIF89a" + struct.pack("<HH", 12, 7) + b"\0" * 10, (12, 7)),
    (jpeg(640, 480), (640, 480)),
    (b"RIFF\0\0\0\0WEBPVP8X" + b"\0" * 8 + (99).to_bytes(3, "little") + (49).to_bytes(3, "little"), (100, 50)),
    (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="32" height="16px">', (32, 16)),
    (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 12">', (24, 12)),
    (b"\x89PNG\r\n\x1a\n\0\0", None),  # cut short
    (b"not an image", None),
])
def test_image_sizes_are_read_from_the_file_header(content: bytes, size: tuple[int, int] | None) -> None:
    assert image_size(content) == size


def test_images_beside_a_page_or_in_static_get_their_fingerprinted_url_and_size(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    bundle = site / "content/en/news/webinar"
    bundle.mkdir(parents=True)
    (bundle / "poster.png").write_bytes(png(40, 30))
    (bundle / "index.md").write_text(
        "---\ntitle: Webinar\ndescription: A webinar.\n---\n![The poster](poster.png)\n\n"
        "![Half](poster.png){width=20} ![](poster.png){alt=\"\"} ![Logo](/static/favicon.svg)\n\n"
        "[Programme](/op/en/about/#history) and [join](/en/join/).\n\n"
        '<figure><img src="poster.png" alt="The poster again"></figure>\n')
    build(site, tmp_path / "out")
    out = read_tree(tmp_path / "out")
    (poster,) = [path for path in out
                 if re.fullmatch(r"static/content/en/news/webinar/poster\.[0-9a-f]{10}\.png", path)]
    assert out[poster] == png(40, 30)
    html = out["en/news/webinar/index.html"].decode()
    assert f'<img alt="The poster" height="30" src="/op/{poster}" width="40">' in html
    assert f'<img alt="Half" height="15" src="/op/{poster}" width="20">' in html  # kept in proportion
    assert f'<img alt="" height="30" src="/op/{poster}" width="40">' in html  # decorative, said so
    assert re.search(r'<img alt="Logo" height="\d+" src="/op/static/favicon\.[0-9a-f]{10}\.svg" width="\d+">', html)
    assert '<a href="/op/en/about/#history">Programme</a>' in html  # base_url's path written once, not twice
    assert '<a href="/op/en/join/">join</a>' in html
    assert f'<img src="/op/{poster}" alt="The poster again">' in html
    # The French stand-in shows the same image, and a translation without its own copy uses the English one.
    assert f'src="/op/{poster}"' in out["fr/news/webinar/index.html"].decode()


def test_a_translation_uses_the_image_of_the_original_folder_when_it_has_none(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    for language, alt in (("en", "The poster"), ("fr", "L’affiche")):
        (site / f"content/{language}/webinar").mkdir(parents=True)
        (site / f"content/{language}/webinar/index.md").write_text(
            f"---\ntitle: Webinar\ndescription: A webinar.\n---\n![{alt}](poster.png)\n")
    (site / "content/en/webinar/poster.png").write_bytes(png(4, 3))
    build(site, tmp_path / "out")
    out = read_tree(tmp_path / "out")
    assert re.search(r'src="/op/static/content/en/webinar/poster\.[0-9a-f]{10}\.png"',
                     out["fr/webinar/index.html"].decode())
