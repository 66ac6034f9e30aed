"""引用本节: every public anchor can be cited in three well-formed formats from its page."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, timezone

import bibtexparser
import pytest
from citation_html import FORMATS, citation_metadata, citations, mkdocs_yml, soup
from conftest import DEPLOYED_EPOCH, DEPLOYED_URL, build_edited_copy
from manuscript import GOLDEN, normalise
from test_anchors import ANCHORS

META = citation_metadata()
DEPLOYED_DATE = datetime.fromtimestamp(int(DEPLOYED_EPOCH), tz=timezone.utc).date()  # 2023-11-14
MONTHS = "January February March April May June July August September October November December".split()
IDS = [anchor for _, anchor, _ in ANCHORS]


def page_citations(site, page_url: str):
    return citations(soup(site / page_url / "index.html"))


def unescape_bibtex(value: str) -> str:
    return re.sub(r"\\([&%$#_])", r"\1", value)


# --- the metadata is the article's own ---------------------------------------


def test_metadata_is_the_articles_title_and_byline():
    manuscript = GOLDEN.read_text(encoding="utf-8")
    assert f"\n# {META['title']}\n" in manuscript
    assert f"作者：{META['author']}\n" in manuscript
    assert META["language"] == "zh"
    config = mkdocs_yml()
    assert (config["site_name"], config["site_author"]) == (META["title"], META["author"])
    assert not {"date", "year", "published", "date_published"} & set(META), "the article gives no date"


# --- one block per public anchor ----------------------------------------------


@pytest.mark.parametrize(("page", "anchor", "text"), ANCHORS, ids=IDS)
def test_every_public_anchor_has_a_citation_block(site, page, anchor, text):
    found = page_citations(site, page)
    assert anchor in found, f"{page}: no 引用本节 after #{anchor} ({text})"
    cite = found[anchor]
    assert cite.box.summary.get_text(strip=True) == "引用本节"
    assert not cite.box.has_attr("open"), "collapsed by default"
    assert cite.box.has_attr("data-search-exclude")
    assert tuple(cite.texts) == FORMATS


def test_only_public_anchors_carry_citations(site):
    cited = {(f"{page}/", anchor) for page in {p for p, _, _ in ANCHORS} for anchor in page_citations(site, page)}
    assert cited == {(f"{page}/", anchor) for page, anchor, _ in ANCHORS}
    assert not page_citations(site, "cite") and not citations(soup(site / "index.html"))


# --- the three formats, as deployed (SITE_URL and SOURCE_DATE_EPOCH set) -------


@pytest.mark.parametrize(("page", "anchor", "text"), ANCHORS, ids=IDS)
def test_bibtex_parses_and_cites_the_section(deployed_site, page, anchor, text):
    bib = page_citations(deployed_site, page)[anchor].texts["BibTeX"]
    library = bibtexparser.parse_string(bib)
    assert not library.failed_blocks, bib
    assert len(library.entries) == 1, bib
    entry = library.entries[0]
    fields = {field.key: field.value for field in entry.fields}
    assert entry.entry_type == "online"
    assert entry.key == f"{META['bibtex_key']}-{anchor}"
    # Double braces keep the byline whole (no given/family split).
    assert unescape_bibtex(fields["author"]) == "{" + META["author"] + "}"
    assert unescape_bibtex(fields["title"]) == f"{META['title']}: {normalise(text)}"
    assert fields["url"] == f"{DEPLOYED_URL}{page}#{anchor}"
    assert fields["urldate"] == DEPLOYED_DATE.isoformat()
    assert fields["language"] == META["language"]
    assert not {"date", "year"} & set(fields), "the article gives no date"


@pytest.mark.parametrize(("page", "anchor", "text"), ANCHORS, ids=IDS)
def test_gbt7714_has_its_required_elements(deployed_site, page, anchor, text):
    gbt = page_citations(deployed_site, page)[anchor].texts["GB/T 7714"]
    url = f"{DEPLOYED_URL}{page}#{anchor}"
    # 主要责任者. 题名: 其他题名信息[EB/OL]. [引用日期]. 获取和访问路径.
    assert gbt == f"{META['author']}. {META['title']}: {normalise(text)}[EB/OL]. [{DEPLOYED_DATE.isoformat()}]. {url}."
    assert gbt.index("[EB/OL]") < gbt.index(f"[{DEPLOYED_DATE.isoformat()}]") < gbt.index(url)


@pytest.mark.parametrize(("page", "anchor", "text"), ANCHORS, ids=IDS)
def test_apa_uses_no_date_and_retrieval_date(deployed_site, page, anchor, text):
    apa = page_citations(deployed_site, page)[anchor].texts["APA"]
    retrieved = f"{MONTHS[DEPLOYED_DATE.month - 1]} {DEPLOYED_DATE.day}, {DEPLOYED_DATE.year}"
    url = f"{DEPLOYED_URL}{page}#{anchor}"
    assert apa == f"{META['author']}. (n.d.). {normalise(text)}. {META['title']}. Retrieved {retrieved}, from {url}"


def test_deployed_citations_carry_no_relative_url_note(deployed_site):
    box = page_citations(deployed_site, "4-math")["sec-4-1"].box
    assert "SITE_URL" not in box.get_text()
    assert box["data-cite-date"] == DEPLOYED_DATE.isoformat()


# --- local builds (no SITE_URL): paths from the site root, and said so ---------


def test_without_site_url_citations_use_root_paths_and_say_so(site):
    for page, anchor, _ in ANCHORS:
        cite = page_citations(site, page)[anchor]
        path = f"/{page}#{anchor}"
        assert cite.texts["GB/T 7714"].endswith(f" {path}.")
        assert cite.texts["APA"].endswith(f", from {path}")
        assert f"url      = {{{path}}}" in cite.texts["BibTeX"]
        assert "未设置 SITE_URL" in cite.box.select_one(".cite-note").get_text()


def test_access_date_is_the_build_date(site):
    dates = {
        cite.box["data-cite-date"] for page, _, _ in ANCHORS for cite in page_citations(site, page).values()
    }
    assert len(dates) == 1
    built = date.fromisoformat(dates.pop())
    today = datetime.now(timezone.utc).date()
    assert built in {today, today - timedelta(days=1)}  # the build may have run just before midnight UTC


# --- not in the search index ---------------------------------------------------


def test_citations_stay_out_of_the_search_index(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    # The article's pages (the 如何引用 page explains the formats, so it may name them).
    docs = [doc for doc in index["docs"] if not doc["location"].startswith("cite/")]
    # The Chinese segmenter separates words with zero-width spaces.
    text = " ".join(doc["title"] + " " + doc["text"] for doc in docs).replace("\u200b", "")
    assert "深度学习中的损失函数" in text  # the headings are indexed …
    for marker in ("[EB/OL]", "Retrieved", "@online", "引用本节", "(n.d.)"):
        assert marker not in text, f"citation text {marker!r} in the search index"


# --- unknown input fails the build ---------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("## 4.1 深度学习中的损失函数 { #sec-4-1 }", "## 4.1 深度学习中的损失函数 { #sec-4-9 }",
         r"docs/4-math\.md:\d+: #sec-4-9 is not the number of the heading '4\.1 深度学习中的损失函数'"),
        ("## 4.1 深度学习中的损失函数 { #sec-4-1 }", "## 4.1 深度学习中的损失函数 { #sec-4-1 .wide }",
         r"docs/4-math\.md:\d+: a sec- id in an unknown form"),
    ],
    ids=["number-mismatch", "unknown-form"],
)
def test_hook_fails_on_a_sec_id_it_does_not_understand(tmp_path, old, new, message):
    result = build_edited_copy(tmp_path, "docs/4-math.md", old, new)

    assert result.returncode != 0
    assert re.search(message, result.stderr), result.stderr[-2000:]


# --- the 如何引用 page -----------------------------------------------------------


def test_cite_page_follows_the_article_in_the_nav():
    nav = [entry if isinstance(entry, str) else next(iter(entry.values())) for entry in mkdocs_yml()["nav"]]
    assert nav.index("cite.md") > nav.index("10-further-reading.md")


def test_cite_page_explains_formats_policy_and_whole_article(site):
    page = soup(site / "cite" / "index.html")
    text = page.select_one("article").get_text()
    for needed in ("GB/T 7714-2015", "APA", "BibTeX", "(n.d.)", "[EB/OL]", "SOURCE_DATE_EPOCH", "SITE_URL",
                   "锚点政策", "永不更改", "引用全文", META["title"], META["author"]):
        assert needed in text, f"如何引用 lacks {needed!r}"
    print_link = page.select_one('article a[href="../print_page/"]')
    assert print_link is not None and (site / "print_page" / "index.html").is_file()
