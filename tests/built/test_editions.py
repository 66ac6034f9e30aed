"""The English edition (site/en/, mkdocs.en.yml, translations/): the same pages, ids and code as
the original, every block in English or visibly awaiting its translation, aligned block by block,
never older than the Chinese it translates.

The browser side (language selector, English search, screenshots) is tests/browser/test_editions_browser.py.
"""

from __future__ import annotations

import ast
import io
import json
import re
import tokenize
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from sitekit.edition import CHINESE
from translations.leftovers import leftovers

from helpers import DEPLOYED_URL, ROOT

CATALOGS = ROOT / "translations" / "en"
GOLDEN_PARAGRAPHS = ROOT / "tests" / "golden" / "paragraphs.txt"
ANCHOR = re.compile(r"^(?:sec-\d+(?:-\d+)*|keywords|abstract)$")
PARAGRAPH = re.compile(r"^(?:sec-\d+(?:-\d+)*|keywords|abstract)-p\d+$")


def pages_of(site: Path) -> list[str]:
    """The Chinese edition's HTML pages, relative to the site (site/en/ is the English edition)."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith("en/")
    )


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(path: Path):
    return soup(path).select_one("article.md-content__inner") or soup(path).select_one("article")


# --- the same pages, the same anchors --------------------------------------------------


def test_every_page_has_its_english_counterpart(site):
    chinese = pages_of(site)
    english = sorted(p.relative_to(site / "en").as_posix() for p in (site / "en").rglob("*.html"))
    assert chinese == english
    assert {"index.html", "404.html", "print_page/index.html", "cite/index.html", "4-math/index.html"} <= set(chinese)


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "1-background/index.html",
        "3-algorithms/index.html",
        "4-math/index.html",
        "5-project/index.html",
        "7-resources/index.html",
        "10-further-reading/index.html",
        "cite/index.html",
        "errata/index.html",
        "notebooks/index.html",
    ],
)
def test_the_same_ids_in_both_editions(site, page):
    """Every id of the page's content (sections, paragraphs, headings, tabs) is the same in English."""

    def ids(path: Path) -> list[str]:
        return [element["id"] for element in article(path).find_all(id=True)]

    assert ids(site / page) == ids(site / "en" / page)


def test_every_paragraph_anchor_and_number_is_in_english(site):
    golden = [
        line.split("\t")
        for line in GOLDEN_PARAGRAPHS.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    for page, pid, _kind, _text in golden:
        html = "index.html" if page == "index.md" else page.replace(".md", "/index.html")
        block = soup(site / "en" / html).find(id=pid)
        assert block is not None, f"en/{html}: no #{pid}"
        number = block.find("a", class_="para-num")
        assert number is not None and number.get_text() == pid.rsplit("-p", 1)[1], f"en/{html}#{pid}: its number"


# --- aligned -------------------------------------------------------------------------


def test_each_english_block_links_to_the_same_block_of_the_original(site):
    checked = 0
    for page in pages_of(site):
        if page == "print_page/index.html":
            continue  # the print edition hides the links (stylesheets/cite.css), paper needs none
        for link in soup(site / "en" / page).select("a.para-orig"):
            block = link.find_parent(id=PARAGRAPH)
            assert block is not None, f"en/{page}: a 原文 link outside a numbered block"
            target = (site / "en" / page).parent / link["href"].split("#")[0]
            target = target / "index.html" if target.is_dir() else target
            assert target.resolve() == (site / page).resolve(), f"en/{page}#{block['id']}: 原文 leads to {link['href']}"
            assert link["href"].endswith(f"#{block['id']}") and soup(site / page).find(id=block["id"]) is not None
            assert link.get("hreflang") == link.get("lang") == "zh" and link.get_text() == "原文"
            checked += 1
    golden = sum(
        1 for line in GOLDEN_PARAGRAPHS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
    )
    assert checked == golden


def code_and_words(block: str) -> tuple[list, list[str]]:
    """A code block's tokens but for its comments and docstrings (type, text, line), and their texts.

    Python's tokenizer reads the bash block as well (its `#` lines are comments to it too); a block
    it cannot read (program output) is compared whole."""
    try:
        tree = ast.parse(block)
        starts = {
            node.body[0].value.lineno
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
            and isinstance(node.body[0].value.value, str)
        }
    except SyntaxError:
        starts = set()
    tokens, words = [], []
    try:
        for token in tokenize.generate_tokens(io.StringIO(block).readline):
            docstring = (
                token.type == tokenize.STRING and token.start[0] in starts and not token.line[: token.start[1]].strip()
            )
            if token.type == tokenize.COMMENT or docstring:
                words.append(token.string)
                tokens.append(("docstring", token.start[0]) if docstring else ("comment", token.start[0]))
            else:
                tokens.append((token.type, token.string, token.start[0]))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return [block], []
    return tokens, words


def code_blocks(soup) -> list[str]:
    # The citation blocks' records are each edition's own (test_citations*), not the author's code.
    return [
        pre.get_text()
        for pre in soup.select("pre")
        if not pre.find_parent("details", class_="cite") and not pre.find_parent(class_="cite-bibtex")
    ]


def test_code_is_the_originals_token_for_token_and_formulas_are_the_same(site):
    """Every code block of an English page is its Chinese counterpart's code, token for token and line for line;
    only comments and docstrings differ, and none of them is Chinese. Formulas are the same."""
    translated = 0
    for page in pages_of(site):
        chinese, english = article(site / page), article(site / "en" / page)
        if chinese is None:
            continue
        blocks = list(zip(code_blocks(chinese), code_blocks(english), strict=True))
        for number, (zh, en) in enumerate(blocks, start=1):
            (zh_code, zh_words), (en_code, en_words) = code_and_words(zh), code_and_words(en)
            assert en_code == zh_code, f"en/{page}, code block {number}: not the original's code"
            assert not [word for word in en_words if CHINESE.search(word)], (
                f"en/{page}, code block {number}: {en_words}"
            )
            translated += zh_words != en_words
        tex = 'annotation[encoding="application/x-tex"]'
        assert [a.get_text() for a in chinese.select(tex)] == [a.get_text() for a in english.select(tex)], page
    assert translated >= 20, "the English pages show the English code files"


# --- in English ----------------------------------------------------------------------


def test_english_pages_are_english(site):
    """Chinese only in code, formulas, <head> metadata or inside lang="zh" (names and titles kept as
    written, the 原文 links, a block awaiting its translation)."""
    for page in pages_of(site):
        html = (site / "en" / page).read_text(encoding="utf-8")
        assert '<html lang="en"' in html, page
        found = leftovers(html)
        assert not found, f"en/{page}: Chinese outside lang=zh: {found[:5]}"


def test_no_block_awaits_its_translation(site):
    for page in pages_of(site):
        assert not soup(site / "en" / page).select(".i18n-pending"), f"en/{page}: a block awaits its translation"


def test_the_chinese_edition_is_untouched_by_the_translation(site):
    for page in pages_of(site):
        html = (site / page).read_text(encoding="utf-8")
        assert "i18n-pending" not in html and "para-orig" not in html, page
        assert '<html lang="zh"' in html, page


# --- alternates, language, search --------------------------------------------------------


def test_the_language_selector_leads_to_the_same_page(site):
    for page in ["index.html", "4-math/index.html", "notebooks/s4_3_binary_classifier/index.html", "404.html"]:
        for here in (site / page, site / "en" / page):
            links = {a["hreflang"]: a for a in soup(here).select("a.md-select__link[hreflang]")}
            assert set(links) == {"zh", "en"}, page
            for lang, counterpart in (("zh", site / page), ("en", site / "en" / page)):
                if page == "404.html":
                    continue  # its links are absolute from site_url (none in this build)
                target = here.parent / links[lang]["href"]
                target = target / "index.html" if target.is_dir() else target
                assert target.resolve() == counterpart.resolve(), (
                    f"{here.relative_to(site)} -> {lang}: {links[lang]['href']}"
                )
                assert links[lang]["lang"] == lang
    assert '<link rel="alternate"' not in (site / "index.html").read_text(encoding="utf-8"), (
        "see mkdocs.yml, extra.alternate"
    )


SITEMAP_NAMESPACES = {"sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def test_sitemaps_pair_each_page_with_its_counterpart(deployed_site):
    for root, base in ((deployed_site, DEPLOYED_URL), (deployed_site / "en", DEPLOYED_URL + "en/")):
        urls = ElementTree.parse(root / "sitemap.xml").getroot().findall("sitemap:url", SITEMAP_NAMESPACES)
        # Every page the build writes (not 404.html), the print page too (overrides/sitemap.xml adds it).
        pages = [p for p in pages_of(deployed_site) if p.endswith("index.html")]
        assert len(urls) == len(pages) and f"{base}print_page/" in [
            u.findtext("sitemap:loc", namespaces=SITEMAP_NAMESPACES) for u in urls
        ]
        for url in urls:
            loc = url.findtext("sitemap:loc", namespaces=SITEMAP_NAMESPACES)
            page = loc.removeprefix(base)
            alternates = {
                link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", SITEMAP_NAMESPACES)
            }
            assert alternates == {"zh": DEPLOYED_URL + page, "en": DEPLOYED_URL + "en/" + page}, loc
    robots = (deployed_site / "robots.txt").read_text(encoding="utf-8")
    assert robots.count("Sitemap: ") == 2
    assert f"Sitemap: {DEPLOYED_URL}sitemap.xml" in robots and f"Sitemap: {DEPLOYED_URL}en/sitemap.xml" in robots


def test_english_search_indexes_english_pages_only(site):
    english = json.loads((site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    chinese = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert english["config"]["lang"] == ["en"] and chinese["config"]["lang"] == ["zh"]

    def pages(index):
        return {doc["location"].split("#")[0] for doc in index["docs"]}

    def sections(index):
        return {doc["location"] for doc in index["docs"] if "#sec-" in doc["location"]}

    # The same pages (a notebook's headings have ids made from their own words in each edition).
    assert pages(english) == pages(chinese), "same pages"
    assert sections(english) == sections(chinese), "same sections"
    text = " ".join(doc["title"] + " " + doc["text"] for doc in english["docs"])
    assert "homogeneous development" in text and "同质化发展" not in text
