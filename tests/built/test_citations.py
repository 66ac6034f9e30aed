"""引用本节 and the whole-article entries: every public anchor cited in GB/T 7714-2025, GB/T 7714-2015
and APA 7 exactly as citeproc-js formats its CSL-JSON record with the official styles, and in BibTeX.

Every entry names the article (the standards cite the work in the reference list and the part
in the text): a section's record is the article's with the section's URL, and its block gives
the in-text forms with the section as locator. Dates come from the build's SOURCE_DATE_EPOCH,
never from the day the tests run."""

from __future__ import annotations

import functools
import json
import os
import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path

import bibtexparser
import pytest
from bs4 import BeautifulSoup
from test_anchors import ANCHORS

from citations.records import locator

from citation_html import (
    EDITION_PATH,
    FORMATS,
    ROOT,
    STYLE_OF,
    article_citation,
    citation_metadata,
    citations,
    download,
    english_title,
    processor_output,
    records_of,
    soup,
)
from helpers import DEPLOYED_EPOCH, DEPLOYED_URL
from manuscript import normalise

META = citation_metadata()
DEPLOYED_DATE = datetime.fromtimestamp(int(DEPLOYED_EPOCH), tz=UTC).date()  # 2023-11-14
MONTHS = "January February March April May June July August September October November December".split()
IDS = [anchor for _, anchor, _ in ANCHORS]
CSL = {"ns": "http://purl.org/net/xbiblio/csl"}


@functools.cache  # each page parsed once: many tests read the same blocks
def page_citations(site: Path, page_url: str, edition: str = "zh"):
    return citations(soup(site / page_url / "index.html"), edition)


def unescape_bibtex(value: str) -> str:
    return re.sub(r"\\([&%$#_])", r"\1", value)


def latin_upper(text: str) -> str:
    return re.sub(r"[A-Za-z]+", lambda word: word[0].upper(), text)


@pytest.fixture(scope="module")
def deployed_records(deployed_site) -> dict[str, dict]:
    return {record["id"]: record for record in records_of(deployed_site / "cite" / f"{META['key']}-all.json")}


@pytest.fixture(scope="module")
def deployed_processor(deployed_records) -> dict[tuple[str, str], dict]:
    """(style, record id) -> citeproc-js's entry for the deployed site's records: one Node run."""
    jobs = [(style, record_id) for record_id in deployed_records for style in STYLE_OF.values()]
    answer = processor_output(list(deployed_records.values()), entries=jobs)
    return dict(zip(jobs, answer["entries"], strict=True))


# --- the metadata is the article's own ---------------------------------------


# --- one block per public anchor ----------------------------------------------


@pytest.mark.parametrize(("page", "anchor", "text"), ANCHORS, ids=IDS)
def test_every_public_anchor_has_a_citation_block(site, page, anchor, text):
    found = page_citations(site, page)
    assert anchor in found, f"{page}: no 引用本节 after #{anchor} ({text})"
    cite = found[anchor]
    assert cite.box.summary.get_text(strip=True) == "引用本节"
    assert not cite.box.has_attr("open"), "collapsed by default"
    assert cite.box.has_attr("data-search-exclude")
    assert list(cite.entries) == list(FORMATS[:3]) and cite.bibtex
    assert list(cite.downloads) == ["BibTeX", "RIS", "CSL-JSON"]


def test_only_public_anchors_carry_citations(site):
    cited = {(f"{page}/", anchor) for page in {p for p, _, _ in ANCHORS} for anchor in page_citations(site, page)}
    assert cited == {(f"{page}/", anchor) for page, anchor, _ in ANCHORS}
    assert not page_citations(site, "cite") and not citations(soup(site / "index.html"))


def test_the_landing_page_cites_the_article_under_its_title(site):
    """Most readers arrive on the landing page: a collapsed 引用本文 under the title, all formats, downloads."""
    page = soup(site / "index.html")
    cite = article_citation(page)
    assert cite.box.name == "details" and not cite.box.has_attr("open")
    assert cite.box.summary.get_text(strip=True) == "引用本文"
    assert cite.box.find_previous_sibling().name == "h1"
    assert list(cite.entries) == list(FORMATS[:3]) and cite.bibtex
    links = [(a.get_text(), a["href"]) for a in cite.box.select(".cite-note a[data-cite-download]")]
    assert [text for text, _ in links] == ["BibTeX", "RIS", "CSL-JSON"] * 2  # the article's, then all entries
    assert [href.rsplit("/", 1)[-1] for _, href in links] == [
        f"{META['key']}{all_}.{ext}" for all_ in ("", "-all") for ext in ("bib", "ris", "json")
    ]
    assert all((site / href).is_file() for _, href in links)


# --- the records --------------------------------------------------------------


@pytest.mark.parametrize(("page", "anchor", "text"), ANCHORS, ids=IDS)
def test_a_sections_record_is_the_articles_with_the_sections_url(deployed_site, page, anchor, text):
    cite = page_citations(deployed_site, page)[anchor]
    (record,) = records_of(download(deployed_site, deployed_site / page, cite.downloads["CSL-JSON"]))
    assert record == {
        "id": f"{META['key']}-{anchor}",
        "type": "webpage",
        "title": META["title"],
        "author": [{"literal": META["author"]}],
        "language": META["language"],
        "URL": f"{DEPLOYED_URL}{page}#{anchor}",
        "accessed": {"date-parts": [[DEPLOYED_DATE.year, DEPLOYED_DATE.month, DEPLOYED_DATE.day]]},
    }


def test_the_articles_record(deployed_records):
    article = deployed_records[META["key"]]
    assert article["title"] == META["title"] and article["URL"] == DEPLOYED_URL
    assert "container-title" not in article and "issued" not in article
    assert len(deployed_records) == 49


# --- what is shown is what citeproc-js makes ------------------------------------


def assert_is_processors(entry, made: dict, where: str):
    processor_html = BeautifulSoup(made["html"], "html.parser").select_one(".csl-entry")
    assert BeautifulSoup(entry.html, "html.parser").select_one(".csl-entry") == processor_html, where
    assert entry.shown == processor_html.get_text(), where
    assert entry.copied == made["text"], where


def block_records(site, page_dir, cite) -> list[dict]:
    """The records in a block's own CSL-JSON download: what a reference manager imports."""
    return records_of(download(site, page_dir, cite.downloads["CSL-JSON"]))


def assert_shows_what_its_download_makes(site, page_dir, cite, record_id: str, where=None):
    """Each shown GB/T and APA entry names the article and is citeproc-js's output for the record in the
    block's .json download (so Zotero with the official style makes the same); the .bib and .ris carry
    the same title; the in-text forms are citeproc-js's with the locator of the block's unit."""
    (record,) = block_records(site, page_dir, cite)
    assert record["id"] == record_id
    jobs = [(style, record_id) for style in STYLE_OF.values()]
    cites = [(style, record_id, where.processor if where else "") for style in STYLE_OF.values()]
    made = processor_output([record], entries=jobs, citations=cites)
    for (label, entry), entry_made, cited in zip(cite.entries.items(), made["entries"], made["citations"], strict=True):
        assert_is_processors(entry, entry_made, f"{record_id} {label}")
        assert META["title"] in entry.copied, f"{record_id} {label}: the entry does not name the article"
        expected = cited["text"] + (where.gbt if where and label.startswith("GB/T") else "")
        assert cite.in_text[label].shown == cite.in_text[label].copied == expected, f"{record_id} {label} in-text"
    assert "[EB/OL]" in cite.entries["GB/T 7714-2025"].copied and "[EB/OL]" in cite.entries["GB/T 7714-2015"].copied
    bib = bibtexparser.parse_string(download(site, page_dir, cite.downloads["BibTeX"]).read_text(encoding="utf-8"))
    assert unescape_bibtex(bib.entries[0].fields_dict["title"].value) == META["title"]
    ris = download(site, page_dir, cite.downloads["RIS"]).read_bytes().decode("utf-8")  # as it is: CR LF
    assert f"TI  - {META['title']}\r\n" in ris


@pytest.mark.parametrize(("page", "anchor", "text"), ANCHORS, ids=IDS)
def test_shown_entries_name_the_article_and_are_what_the_download_makes(deployed_site, page, anchor, text):
    cite = page_citations(deployed_site, page)[anchor]
    assert_shows_what_its_download_makes(
        deployed_site, deployed_site / page, cite, f"{META['key']}-{anchor}", locator(anchor)
    )


@pytest.mark.parametrize("page", ["index.html", "cite/index.html"])
def test_whole_article_entries_are_what_the_download_makes(deployed_site, page):
    cite = article_citation(soup(deployed_site / page))
    assert_shows_what_its_download_makes(deployed_site, (deployed_site / page).parent, cite, META["key"])
    assert cite.entries["GB/T 7714-2025"].copied.endswith(f"[EB/OL]. [{DEPLOYED_DATE.isoformat()}]. {DEPLOYED_URL}.")
    assert (
        cite.in_text["APA 7"].copied == f"({META['author']}, n.d.)" and cite.in_text["GB/T 7714-2025"].copied == "[1]"
    )


@pytest.mark.parametrize(("page", "anchor", "text"), ANCHORS, ids=IDS)
def test_gbt7714_2025_form_of_a_web_page(deployed_site, page, anchor, text):
    gbt = page_citations(deployed_site, page)[anchor].entries["GB/T 7714-2025"].copied
    url = f"{DEPLOYED_URL}{page}#{anchor}"
    # [序号] 主要责任者. 题名[EB/OL]. [引用日期]. 获取和访问路径. — the work's title, the section's URL.
    assert gbt == f"[1] {META['author']}. {META['title']}[EB/OL]. [{DEPLOYED_DATE.isoformat()}]. {url}."
    assert normalise(text) not in gbt


def test_gbt7714_2015_differs_from_2025_only_by_upper_case_latin_in_the_byline(deployed_processor, deployed_records):
    """What 如何引用 says about the two editions, for all 49 entries."""
    for record_id in deployed_records:
        gbt2025 = deployed_processor[("gbt-2025", record_id)]["text"]
        gbt2015 = deployed_processor[("gbt-2015", record_id)]["text"]
        assert gbt2015 == gbt2025.replace(META["author"], latin_upper(META["author"])) != gbt2025, record_id


@pytest.mark.parametrize(("page", "anchor", "text"), ANCHORS, ids=IDS)
def test_apa_uses_no_date_retrieval_date_and_italic_title(deployed_site, page, anchor, text):
    entry = page_citations(deployed_site, page)[anchor].entries["APA 7"]
    retrieved = f"{MONTHS[DEPLOYED_DATE.month - 1]} {DEPLOYED_DATE.day}, {DEPLOYED_DATE.year}"
    assert (
        entry.copied
        == f"{META['author']}. (n.d.). {META['title']}. Retrieved {retrieved}, from {DEPLOYED_URL}{page}#{anchor}"
    )
    assert BeautifulSoup(entry.html, "html.parser").find("i").get_text() == META["title"]


@pytest.mark.parametrize(("page", "anchor", "text"), ANCHORS, ids=IDS)
def test_bibtex_tab_is_the_download_and_parses(deployed_site, page, anchor, text):
    cite = page_citations(deployed_site, page)[anchor]
    bib = download(deployed_site, deployed_site / page, cite.downloads["BibTeX"]).read_text(encoding="utf-8")
    assert cite.bibtex == bib
    library = bibtexparser.parse_string(bib)
    assert not library.failed_blocks and len(library.entries) == 1, bib
    entry = library.entries[0]
    fields = {field.key: field.value for field in entry.fields}
    assert (entry.entry_type, entry.key) == ("online", f"{META['key']}-{anchor}")
    # Double braces keep the byline whole (no given/family split); & is escaped for LaTeX.
    assert fields["author"] == "{" + META["author"].replace("&", r"\&") + "}"
    assert unescape_bibtex(fields["title"]) == META["title"]
    assert "titleaddon" not in fields
    assert fields["url"] == f"{DEPLOYED_URL}{page}#{anchor}"
    assert fields["urldate"] == DEPLOYED_DATE.isoformat()
    assert fields["langid"] == "chinese"
    assert not {"date", "year"} & set(fields), "the article gives no date"


def test_deployed_citations_carry_no_relative_url_note(deployed_site):
    box = page_citations(deployed_site, "4-math")["sec-4-1"].box
    assert "SITE_URL" not in box.get_text()
    assert box["data-cite-date"] == DEPLOYED_DATE.isoformat()


# --- local builds (no SITE_URL): paths from the site root, and said so ---------


def test_without_site_url_citations_use_root_paths_and_say_so(site):
    for page, anchor, _ in ANCHORS:
        cite = page_citations(site, page)[anchor]
        path = f"/{page}#{anchor}"
        assert cite.entries["GB/T 7714-2025"].copied.endswith(f" {path}.")
        assert cite.entries["APA 7"].copied.endswith(f", from {path}")
        assert re.search(rf"^  url += {{{re.escape(path)}}},$", cite.bibtex, re.M), cite.bibtex
        assert "未设置 SITE_URL" in cite.box.select_one(".cite-note").get_text()


def test_access_date_is_the_build_date(build, site):
    """The build date is SOURCE_DATE_EPOCH's (as `make test` sets it: the last commit's) when it is set,
    else the UTC day the build ran on: never the day the tests happen to run."""
    dates = {cite.box["data-cite-date"] for page, _, _ in ANCHORS for cite in page_citations(site, page).values()}
    assert len(dates) == 1
    built = date.fromisoformat(dates.pop())
    if "SOURCE_DATE_EPOCH" in os.environ:
        assert built == datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), tz=UTC).date()
    else:
        assert built in build.days


def test_a_build_dated_long_ago_says_that_day_everywhere_and_never_today(deployed_site):
    """deployed_site is built with SOURCE_DATE_EPOCH = 2023-11-14: every date the site carries (citations,
    downloads, sitemap) is that day, and nothing in it is the day the build ran, in any notation."""
    today = datetime.now(UTC).date()
    assert today != DEPLOYED_DATE
    for page, _, _ in ANCHORS:
        for cite in page_citations(deployed_site, page).values():
            assert cite.box["data-cite-date"] == DEPLOYED_DATE.isoformat()
    assert f"<lastmod>{DEPLOYED_DATE.isoformat()}</lastmod>" in (deployed_site / "sitemap.xml").read_text(
        encoding="utf-8"
    )
    notations = [
        today.isoformat(),
        today.strftime("%Y/%m/%d"),
        f"{MONTHS[today.month - 1]} {today.day}, {today.year}",
        f"{today.year} 年 {today.month} 月 {today.day} 日",
    ]
    date_parts = f"[{today.year},{today.month},{today.day}]"  # CSL-JSON, without its line breaks
    for path in deployed_site.rglob("*"):
        if path.suffix in {".html", ".xml", ".json", ".bib", ".ris", ".txt", ".ipynb", ".js"} and path.is_file():
            text = " ".join(path.read_text(encoding="utf-8").split())
            found = [notation for notation in notations if notation in text]
            found += [date_parts] if date_parts in text.replace(" ", "") else []
            assert not found, f"{path.relative_to(deployed_site)} carries the day the build ran: {found}"


# --- not in the search index ---------------------------------------------------


@pytest.mark.parametrize(
    ("edition", "heading", "markers"),
    [
        ("", "深度学习中的损失函数", ("[EB/OL]", "Retrieved", "@online", "引用本节", "(n.d.)", "下载本节条目")),
        (
            "en",
            "Loss functions in deep learning",
            (
                "[EB/OL]",
                "Retrieved",
                "@online",
                "Cite this section",
                "(n.d.)",
                "Download this section",
                "English translation",
            ),
        ),
    ],
    ids=["zh", "en"],
)
def test_citations_and_paragraph_numbers_stay_out_of_the_search_index(site, edition, heading, markers):
    index = json.loads((site / edition / "search" / "search_index.json").read_text(encoding="utf-8"))
    # The article's pages (the 如何引用 page explains the formats, so it may name them).
    docs = [doc for doc in index["docs"] if not doc["location"].startswith("cite/")]
    # The Chinese segmenter separates words with zero-width spaces.
    text = " ".join(doc["title"] + " " + doc["text"] for doc in docs).replace("\u200b", "")
    assert heading in text  # the headings are indexed …
    for marker in markers:
        assert marker not in text, f"citation text {marker!r} in the search index"
    section = next(doc for doc in docs if doc["location"] == "5-project/#sec-5-3")
    assert not re.search(r"(^|\s)6\s*(通过这个案例|Through this)", section["text"].replace("\u200b", "")), (
        "a paragraph number was indexed"
    )


# --- unknown input and a failing processor fail the build ----------------------


# --- the 如何引用 page -----------------------------------------------------------


@pytest.mark.parametrize("edition", ["zh", "en"])
def test_cite_page_offers_the_whole_article_and_all_entries(site, edition):
    folder = site / EDITION_PATH[edition] / "cite"
    page = soup(folder / "index.html")
    cite = article_citation(page, edition)
    assert cite.entries["GB/T 7714-2025"].copied.endswith("[EB/OL]. [" + cite.box["data-cite-date"] + "]. /.")
    for name, extension in (("BibTeX", "bib"), ("RIS", "ris"), ("CSL-JSON", "json")):
        hrefs = [a["href"] for a in cite.box.select(".cite-note a") if a.get_text() == name]
        # The whole article's file, then the file with all 49 entries (the English edition's: each twice).
        assert hrefs == [f"{META['key']}.{extension}", f"{META['key']}-all.{extension}"], name
        assert all((folder / href).is_file() for href in hrefs)


def test_cite_page_explains_formats_policies_and_differences(site):
    text = soup(site / "cite" / "index.html").select_one("article").get_text()
    for needed in (
        "GB/T 7714-2025",
        "GB/T 7714-2015",
        "APA 7",
        "BibTeX",
        "@online",
        "@misc",
        "RIS",
        "CSL-JSON",
        "Zotero",
        "EndNote",
        "NoteExpress",
        "JabRef",
        "citeproc-js",
        "(n.d.)",
        "[EB/OL]",
        "SOURCE_DATE_EPOCH",
        "SITE_URL",
        "锚点政策",
        "永不更改",
        "段落号政策",
        "引用此段",
        "#sec-5-3-p6",
        "AI GENIUS INSTITUTE",
        "2026 年 7 月 1 日",
        META["title"],
        META["author"],
        # the rule followed for a part of the article, with its examples
        "文献表列作品，正文标位置",
        "析出文献",
        "10.1.3",
        "8.28",
        "[1]3.1 节第 2 段",
        "Section 3.1, para. 2",
        "Abstract section, para. 1",
        "#keywords-p1",
        "#abstract-p1",
        # the reader's date in downloads, and the static files' without JavaScript
        "urldate",
        "Y2",
        "accessed",
        "不启用 JavaScript",
    ):
        assert needed in text, f"如何引用 lacks {needed!r}"
    paragraphs = sum(
        1
        for line in (ROOT / "tests" / "golden" / "paragraphs.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )
    assert f"全部 {paragraphs} 个" in text, "the page states the number of paragraph anchors"


def styles_and_locales() -> list[Path]:
    return sorted((ROOT / "citations" / "styles").glob("*.csl")) + sorted(
        (ROOT / "citations" / "locales").glob("*.xml")
    )


@pytest.mark.parametrize("edition", ["", "en"])
def test_style_files_are_credited_on_the_cite_page(site, edition):
    """Each CSL file: its name, every author, contributor and translator, and its CC BY-SA 3.0 licence."""
    text = soup(site / edition / "cite" / "index.html").select_one("article").get_text()
    assert "citationstyles.org" in text and "CC BY-SA 3.0" in text
    for path in styles_and_locales():
        info = ET.parse(path).getroot().find("ns:info", CSL)
        assert info.find("ns:rights", CSL).get("license") == "http://creativecommons.org/licenses/by-sa/3.0/", path.name
        assert path.name in text, f"如何引用 does not name {path.name}"
        title = info.find("ns:title", CSL)
        if title is not None:
            assert title.text in text, f"如何引用 does not name {title.text!r}"
        for person in (
            info.findall("ns:author/ns:name", CSL)
            + info.findall("ns:contributor/ns:name", CSL)
            + info.findall("ns:translator/ns:name", CSL)
        ):
            assert person.text in text, f"{path.name}: {person.text} is not credited on 如何引用"


@pytest.mark.parametrize("edition", ["", "en"])
def test_print_link(site, edition):
    page = soup(site / edition / "cite" / "index.html")
    print_link = page.select_one('article a[href="../print_page/"]')
    assert print_link is not None and (site / edition / "print_page" / "index.html").is_file()


@pytest.mark.parametrize(("edition", "author"), [("", "作者"), ("en", "Author")], ids=["zh", "en"])
def test_cite_pages_examples_are_what_the_processor_makes(site, edition, author):
    """The rule on 如何引用 shows the 3.1 entries as examples: they are citeproc-js's, for that record; and so are
    the examples of citing from the English edition, the original's and this translation's (both editions' pages)."""
    text = " ".join(soup(site / edition / "cite" / "index.html").select_one("article").get_text().split())
    record = {
        "id": "cn-llm-market-sec-3-1",
        "type": "webpage",
        "title": META["title"],
        "author": [{"literal": META["author"]}],
        "language": META["language"],
        "URL": "https://example.org/article/3-algorithms/#sec-3-1",
        "accessed": {"date-parts": [[2026, 7, 1]]},
    }
    original = dict(record, id="original", genre=EN_TITLE)
    translation = dict(
        record,
        id="translation",
        title=EN_TITLE,
        language="en",
        genre="English translation",
        URL="https://example.org/article/en/3-algorithms/#sec-3-1",
        **{"original-title": META["title"]},
    )
    made = processor_output(
        [record, original, translation],
        entries=[("gbt-2025", record["id"]), ("apa", record["id"]), ("apa", "original"), ("apa", "translation")],
        citations=[("apa", record["id"], "sec. 3.1, para. 2")],
    )
    for entry in made["entries"]:
        assert " ".join(entry["text"].split()) in text
    assert made["citations"][0]["text"].replace(META["author"], author) in text


# What both languages of the page name: the APA sections, the forms and the record fields.
ENGLISH_EDITION_TERMS = (
    "9.38",
    "9.39",
    "9.21",
    "6.1",
    "[English translation]",
    "Original work published as",
    "Guonei da moxing shichang",
    "genre",
    "original-title",
    "origtitle",
    "M3",
    "OP",
    "cn-llm-market-sec-3-1-en",
)


@pytest.mark.parametrize(
    ("edition", "needed"),
    [
        ("", ("从英文版引用", "APA 7 排在最前", *ENGLISH_EDITION_TERMS)),
        (
            "en",
            (
                "Citing from the English edition",
                "APA 7 comes first",
                *ENGLISH_EDITION_TERMS,
                "Anonymous",
                "GB/T 7714 gives the original only",
            ),
        ),
    ],
    ids=["zh", "en"],
)
def test_cite_page_explains_citing_from_the_english_edition(site, edition, needed):
    """如何引用 (and its translation) says how the English edition cites: APA first, the original (APA 7, 9.38) and this
    translation (9.39, no translator invented), GB/T with the original, the records and how many the downloads hold."""
    page = soup(site / edition / "cite" / "index.html")
    section = page.find(id="english")
    assert section is not None and section.name == "h2"
    text = page.select_one("article").get_text()
    for phrase in needed:
        assert phrase in text, f"{edition}/cite/ lacks {phrase!r}"
    every = records_of(site / "en" / "cite" / f"{META['key']}-all.json")
    assert ("共 98 条" if not edition else "holds 98") in text and len(every) == 98


# --- the English edition: APA 7 first, the original and this translation ------------------------

EN_TITLE = english_title()
SMART = EN_TITLE.replace("'", "’")  # as the APA style prints it
SECTION_PAGES = sorted({page for page, _, _ in ANCHORS})
WORKS = ["The original, in Chinese", "This English translation"]


@functools.cache
def cached_citations(site: Path, page: str, edition: str):
    """A page's section blocks, read once per site (the English tests read every page, and its original)."""
    return page_citations(site / EDITION_PATH[edition], page, edition)


def english_citations(site: Path, page: str):
    return cached_citations(site, page, "en")


def english_blocks(site: Path):
    """(page folder, block) for every citation block of the English edition: 48 sections, the landing page, 如何引用."""
    for page in SECTION_PAGES:
        for cite in english_citations(site, page).values():
            yield site / "en" / page, cite
    for page in ("", "cite"):
        yield site / "en" / page, article_citation(soup(site / "en" / page / "index.html"), "en")


def unit_id(cite) -> str:
    return cite.box["data-cite-record"]


def test_english_blocks_speak_english_and_put_apa_first(site):
    """Every section of the English edition has its block: English labels, APA 7 first with the original and this
    translation, GB/T with the original, the section's locator in each in-text form, both works' downloads."""
    cited = {(page, anchor) for page in SECTION_PAGES for anchor in english_citations(site, page)}
    assert cited == {(page, anchor) for page, anchor, _ in ANCHORS}
    for folder, cite in english_blocks(site):
        box, where = cite.box, unit_id(cite)
        summary = box.summary.get_text(strip=True) if box.name == "details" else None
        assert summary == ("Cite this article" if where == META["key"] else "Cite this section") or box.name == "div", (
            where
        )
        assert not box.has_attr("open") and box.has_attr("data-search-exclude"), where
        tabs = box.select(".tabbed-content > .tabbed-block")
        assert [p.get_text() for p in tabs[0].select(".cite-work")] == WORKS, where
        assert [[p.get_text() for p in tab.select(".cite-work")] for tab in tabs[1:3]] == [WORKS[:1]] * 2, where
        assert list(cite.entries) == ["APA 7", "GB/T 7714-2025", "GB/T 7714-2015"] and list(cite.translation) == [
            "APA 7"
        ]
        number = locator(where.removeprefix(f"{META['key']}-")) if where != META["key"] else None
        apa = f"({META['author']}, n.d." + (f", Section {number.number})" if number else ")")
        assert cite.in_text["APA 7"].copied == cite.translation_in_text["APA 7"].copied == apa, where
        assert cite.in_text["GB/T 7714-2025"].copied == "[1]" + (number.gbt if number else ""), where
        links = list(cite.downloads)
        assert links == ["BibTeX", "RIS", "CSL-JSON"] * (2 if where == META["key"] else 1), where
        assert all((folder / href).resolve().is_relative_to(site / "en" / "cite") for href in cite.downloads.values())
        note = box.select_one(".cite-note")
        assert "GB/T 7714 cites the original, in Chinese." in note.get_text(), where
        assert (folder / note.select("a")[-1]["href"].removesuffix("#english")).resolve() == (
            site / "en" / "cite"
        ).resolve()
        assert note.select("a")[-1]["href"].endswith("#english"), where
    landing = article_citation(soup(site / "en" / "index.html"), "en").box
    assert landing.name == "details" and landing.find_previous_sibling().name == "h1"


def test_english_blocks_mark_their_chinese(site):
    """No Chinese in an English block outside lang="zh" (runs of Chinese in the entries are marked),
    BibTeX aside (code)."""
    for _, cite in english_blocks(site):
        for text in cite.box.find_all(string=re.compile("[\u3400-\u9fff\uff01-\uff60\u3000-\u303f]")):
            if text.find_parent(["pre", "code"]):
                continue
            marked = text.find_parent(lambda tag: tag.get("lang") == "zh")
            assert marked is not None and cite.box in marked.parents, (
                f'{unit_id(cite)}: {text!r} is not marked lang="zh"'
            )


def test_english_records_are_the_original_and_this_translation(deployed_site):
    """Each unit's download in en/cite/ holds two records: the original's, as the Chinese edition's with the title's
    English translation (genre), and this translation's (APA 7, 9.39), whose URL is the English page's."""
    for folder, cite in english_blocks(deployed_site):
        where = unit_id(cite)
        original, translation = records_of(download(deployed_site, folder, cite.downloads["CSL-JSON"]))
        (chinese,) = records_of(deployed_site / "cite" / f"{where}.json")
        assert original == dict(chinese, genre=EN_TITLE), where
        english_url = chinese["URL"].replace(DEPLOYED_URL, DEPLOYED_URL + "en/", 1)
        assert translation == {
            "id": f"{where}-en",
            "type": "webpage",
            "title": EN_TITLE,
            "author": chinese["author"],
            "language": "en",
            "genre": "English translation",
            "original-title": META["title"],
            "URL": english_url,
            "accessed": chinese["accessed"],
        }, where
    every = records_of(deployed_site / "en" / "cite" / f"{META['key']}-all.json")
    chinese_ids = [record["id"] for record in records_of(deployed_site / "cite" / f"{META['key']}-all.json")]
    assert [record["id"] for record in every] == [
        id_ for original in chinese_ids for id_ in (original, f"{original}-en")
    ]


def test_english_blocks_show_what_their_downloads_make(deployed_site):
    """Every entry and in-text form an English block shows (and copies) is citeproc-js's for the records in that
    block's own .json download (one Node run for them all); the GB/T entries are the Chinese edition's; the BibTeX
    tab is the .bib download and the .ris carries both titles."""
    blocks = list(english_blocks(deployed_site))
    records, jobs = {}, []
    for folder, cite in blocks:
        where = unit_id(cite)
        for record in records_of(download(deployed_site, folder, cite.downloads["CSL-JSON"])):
            assert records.setdefault(record["id"], record) == record, f"{record['id']} differs between downloads"
        place = locator(where.removeprefix(f"{META['key']}-")).processor if where != META["key"] else ""
        jobs += [(style, where, place) for style in STYLE_OF.values()] + [("apa", f"{where}-en", place)]
    made = processor_output(list(records.values()), entries=[job[:2] for job in jobs], citations=jobs)
    answers = iter(zip(made["entries"], made["citations"], strict=True))
    for folder, cite in blocks:
        where = unit_id(cite)
        number = locator(where.removeprefix(f"{META['key']}-")) if where != META["key"] else None
        shown = [(label, cite.entries[label], cite.in_text[label]) for label in STYLE_OF]
        shown += [("APA 7", cite.translation["APA 7"], cite.translation_in_text["APA 7"])]
        for label, entry, in_text in shown:
            entry_made, cited = next(answers)
            assert_is_processors(entry, entry_made, f"en {where} {label}")
            expected = cited["text"] + (number.gbt if number and label.startswith("GB/T") else "")
            assert in_text.copied == in_text.shown == expected, f"en {where} {label} in-text"
        page = folder.relative_to(deployed_site / "en").as_posix()
        chinese = (
            cached_citations(deployed_site, page, "zh")[where.removeprefix(f"{META['key']}-")]
            if number
            else (article_citation(soup(deployed_site / page / "index.html")))
        )
        for label in ("GB/T 7714-2025", "GB/T 7714-2015"):
            assert cite.entries[label] == chinese.entries[label], f"{where} {label}"
            assert cite.in_text[label].copied == chinese.in_text[label].copied, f"{where} {label}"
        assert cite.bibtex == download(deployed_site, folder, cite.downloads["BibTeX"]).read_text(encoding="utf-8")
        ris = download(deployed_site, folder, cite.downloads["RIS"]).read_bytes().decode("utf-8")
        assert f"TI  - {META['title']}\r\n" in ris and f"TI  - {EN_TITLE}\r\n" in ris


def test_english_forms_of_the_original_and_this_translation(deployed_site):
    """APA 7, 9.38: the original in its language, the title's English translation in square brackets, not in italics;
    9.39: this translation as the work read, its title, no translator (none is named),
    "(Original work published as …)"."""
    cite = english_citations(deployed_site, "3-algorithms")["sec-3-1"]
    retrieved = f"{MONTHS[DEPLOYED_DATE.month - 1]} {DEPLOYED_DATE.day}, {DEPLOYED_DATE.year}"
    original, translation = cite.entries["APA 7"], cite.translation["APA 7"]
    assert original.copied == (
        f"{META['author']}. (n.d.). {META['title']} [{SMART}]. "
        f"Retrieved {retrieved}, from {DEPLOYED_URL}3-algorithms/#sec-3-1"
    )
    assert translation.copied == (
        f"{META['author']}. (n.d.). {SMART} [English translation]. Retrieved {retrieved}, "
        f"from {DEPLOYED_URL}en/3-algorithms/#sec-3-1 (Original work published as {META['title']})"
    )
    assert [i.get_text() for i in BeautifulSoup(original.html, "html.parser").find_all("i")] == [META["title"]]
    assert [i.get_text() for i in BeautifulSoup(translation.html, "html.parser").find_all("i")] == [SMART]
    assert "Trans." not in translation.copied, "no translator is named: none is invented"
