"""The deployed site's social cards: every page of both editions links its own 1200×630 card.

conftest.deployed_site is built as for deployment (SITE_URL, SOURCE_DATE_EPOCH, PDF=1). The plain
build (conftest.site, no SITE_URL) has no cards: a card is seen only through its absolute URL.
social_cards/ itself, without a build: tests/test_social_cards.py.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont
from PIL import Image
from test_offline import problems_in

from sitekit.edition import has_chinese
from social_cards import fonts

from helpers import DEPLOYED_URL, ROOT, copy_project, mkdocs_build

CARD_TAGS = ["og:image", "og:image:type", "og:image:width", "og:image:height", "og:image:alt", "twitter:card"]
# Every page a reader can share, in each edition (404.html is no page of the site: it has no card).
PAGES = [
    "",
    "1-background/",
    "2-concepts/",
    "3-algorithms/",
    "4-math/",
    "5-project/",
    "6-applications/",
    "7-resources/",
    "8-summary/",
    "9-faq/",
    "10-further-reading/",
    "cite/",
    "errata/",
    "print_page/",
    "notebooks/",
    "notebooks/s3_1_deep_learning_model/",
    "notebooks/s3_2_nlp_model/",
    "notebooks/s4_3_binary_classifier/",
    "notebooks/s5_2_image_classifier/",
]
EDITIONS = {"zh": "", "en": "en/"}


def pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if path.name != "404.html")


def meta(html: BeautifulSoup, key: str) -> list[str]:
    return [tag["content"] for tag in html.select(f'meta[property="{key}"], meta[name="{key}"]')]


def one(html: BeautifulSoup, key: str, where) -> str:
    found = meta(html, key)
    assert len(found) == 1, f"{where}: {key} {found}"
    return found[0]


@pytest.fixture(scope="module")
def cards(deployed_site) -> dict[str, dict]:
    """Per page (its path in the site): its card tags, its title, and the card file."""
    found = {}
    for path in pages(deployed_site):
        where = path.relative_to(deployed_site).as_posix()
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        tags = {key: one(html, key, where) for key in CARD_TAGS}
        edition = "en/" if where.startswith("en/") else ""
        url = tags["og:image"]
        assert url.startswith(DEPLOYED_URL + edition + "assets/images/social/"), f"{where}: {url}"
        found[where] = {
            **tags,
            "og:title": one(html, "og:title", where),
            "og:description": one(html, "og:description", where),
            "file": deployed_site / url.removeprefix(DEPLOYED_URL),
        }
    return found


def test_every_page_of_both_editions_has_a_card(deployed_site, cards):
    expected = {f"{edition}{page}index.html" for edition in EDITIONS.values() for page in PAGES}
    assert expected <= set(cards), sorted(expected - set(cards))
    assert set(cards) == {path.relative_to(deployed_site).as_posix() for path in pages(deployed_site)}


def test_the_tags_say_what_the_card_is(cards):
    for where, card in cards.items():
        assert card["og:image:type"] == "image/png", where
        assert (card["og:image:width"], card["og:image:height"]) == ("1200", "630"), where
        assert card["twitter:card"] == "summary_large_image", where
        # The title the card shows, as og:title gives the page (the landing page's is the site's name).
        assert card["og:image:alt"] == card["og:title"] and card["og:title"].strip(), where


def test_each_card_is_a_1200_by_630_png_of_the_site_and_its_pages_own(cards):
    digests = {}
    for where, card in cards.items():
        assert card["file"].is_file(), f"{where}: {card['og:image']} is not in the site"
        with Image.open(card["file"]) as image:
            assert (image.format, image.size) == ("PNG", (1200, 630)), where
        digests.setdefault(hashlib.sha256(card["file"].read_bytes()).hexdigest(), []).append(where)
    shared = [pages for pages in digests.values() if len(pages) > 1]
    assert not shared, f"pages that share a card: {shared}"


def test_english_cards_show_english_titles(cards):
    english = {where: card for where, card in cards.items() if where.startswith("en/")}
    assert len(english) == len(PAGES)
    assert not [card["og:image:alt"] for card in english.values() if has_chinese(card["og:image:alt"])]
    assert cards["en/4-math/index.html"]["og:image:alt"].startswith("4. Mathematical models")
    assert cards["4-math/index.html"]["og:image:alt"] == "4. 数学模型和公式 & 详细讲解 & 举例说明"


def test_the_card_font_covers_every_title_of_both_editions(cards, deployed_site):
    """The font's character map (fontTools) against every title, and the site names and author the cards show."""
    shown = {card["og:title"] for card in cards.values()}
    for edition in EDITIONS.values():
        html = BeautifulSoup((deployed_site / edition / "index.html").read_text(encoding="utf-8"), "html.parser")
        shown |= set(meta(html, "og:site_name")) | set(meta(html, "citation_author"))
    for style, name in fonts.STYLES.items():
        font = TTFont(str(ROOT / "node_modules" / fonts.PACKAGE / name), lazy=True)
        cmap = font.getBestCmap()
        lacking = {(title, char) for title in shown for char in title if ord(char) not in cmap}
        assert not lacking, f"{fonts.PACKAGE} {style} lacks: {sorted(lacking)}"


def test_the_plugin_adds_no_second_open_graph_title_or_description(cards):
    """citation-meta.html writes og:title and og:description; the card layout only adds the image's tags."""
    for where, card in cards.items():
        assert card["og:description"].strip(), where  # `one` found each exactly once


def test_no_page_with_its_card_fetches_from_elsewhere(deployed_site, cards):
    """tests/test_offline.py's check on the deployed pages: a card's URL is metadata, not a fetch."""
    problems = [
        f"{where}: {problem}" for where in cards for problem in problems_in(deployed_site, deployed_site / where)
    ]
    assert not problems, problems


def test_404_has_no_card(deployed_site):
    html = BeautifulSoup((deployed_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert not meta(html, "og:image")


def test_a_title_with_a_character_the_font_lacks_stops_the_build_naming_the_page_and_the_character(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "2-concepts.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("# 2. 核心概念与联系", "# 2. 核心概念与联系𪚥", 1), encoding="utf-8"
    )
    result = mkdocs_build(project, tmp_path / "site", SITE_URL=DEPLOYED_URL, TRANSLATIONS="0")
    assert result.returncode != 0
    assert (
        "social_cards: docs/2-concepts.md: its social card's title '核心概念与联系𪚥' has '𪚥' (U+2A6A5), "
        "which the card font (@embedpdf/fonts-sc, fonts/NotoSansHans-Bold.otf) does not have"
    ) in result.stderr, result.stderr[-2000:]
