"""引用本节 and the whole-article entries: every public anchor cited in GB/T 7714-2025, GB/T 7714-2015
and APA 7 exactly as citeproc-js formats its CSL-JSON record with the official styles, and in BibTeX."""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import bibtexparser
import pytest
from bs4 import BeautifulSoup
from citation_html import (
    FORMATS,
    ROOT,
    STYLE_OF,
    article_citation,
    citation_metadata,
    citations,
    download,
    mkdocs_yml,
    processor_output,
    records_of,
    soup,
)
from conftest import DEPLOYED_EPOCH, DEPLOYED_URL, build_edited_copy, copy_project, mkdocs_build
from manuscript import GOLDEN, normalise
from test_anchors import ANCHORS

META = citation_metadata()
DEPLOYED_DATE = datetime.fromtimestamp(int(DEPLOYED_EPOCH), tz=timezone.utc).date()  # 2023-11-14
MONTHS = "January February March April May June July August September October November December".split()
IDS = [anchor for _, anchor, _ in ANCHORS]
CSL = {"ns": "http://purl.org/net/xbiblio/csl"}


def page_citations(site: Path, page_url: str):
    return citations(soup(site / page_url / "index.html"))


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
    return dict(zip(jobs, answer["entries"]))


# --- the metadata is the article's own ---------------------------------------


def test_metadata_is_the_articles_title_and_byline():
    manuscript = GOLDEN.read_text(encoding="utf-8")
    assert f"\n# {META['title']}\n" in manuscript
    assert f"作者：{META['author']}\n" in manuscript
    assert META["language"] == "zh" and META["key"] == "cn-llm-market"
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
    assert list(cite.entries) == list(FORMATS[:3]) and cite.bibtex
    assert list(cite.downloads) == ["BibTeX", "RIS", "CSL-JSON"]


def test_only_public_anchors_carry_citations(site):
    cited = {(f"{page}/", anchor) for page in {p for p, _, _ in ANCHORS} for anchor in page_citations(site, page)}
    assert cited == {(f"{page}/", anchor) for page, anchor, _ in ANCHORS}
    assert not page_citations(site, "cite") and not citations(soup(site / "index.html"))


# --- the records --------------------------------------------------------------


@pytest.mark.parametrize(("page", "anchor", "text"), ANCHORS, ids=IDS)
def test_a_sections_record_is_its_heading_in_the_article(deployed_site, page, anchor, text):
    cite = page_citations(deployed_site, page)[anchor]
    (record,) = records_of(download(deployed_site, deployed_site / page, cite.downloads["CSL-JSON"]))
    assert record == {
        "id": f"{META['key']}-{anchor}",
        "type": "webpage",
        "title": normalise(text),
        "container-title": META["title"],
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


@pytest.mark.parametrize(("page", "anchor", "text"), ANCHORS, ids=IDS)
def test_shown_entries_are_citeprocs(deployed_site, deployed_processor, page, anchor, text):
    cite = page_citations(deployed_site, page)[anchor]
    for label, entry in cite.entries.items():
        assert_is_processors(entry, deployed_processor[(STYLE_OF[label], f"{META['key']}-{anchor}")], f"#{anchor} {label}")


def test_whole_article_entries_are_citeprocs(deployed_site, deployed_processor):
    cite = article_citation(soup(deployed_site / "cite" / "index.html"))
    for label, entry in cite.entries.items():
        assert_is_processors(entry, deployed_processor[(STYLE_OF[label], META["key"])], f"article {label}")
    assert cite.entries["GB/T 7714-2025"].copied.endswith(f"[EB/OL]. [{DEPLOYED_DATE.isoformat()}]. {DEPLOYED_URL}.")


@pytest.mark.parametrize(("page", "anchor", "text"), ANCHORS, ids=IDS)
def test_gbt7714_2025_form_of_a_web_page(deployed_site, page, anchor, text):
    gbt = page_citations(deployed_site, page)[anchor].entries["GB/T 7714-2025"].copied
    url = f"{DEPLOYED_URL}{page}#{anchor}"
    # [序号] 主要责任者. 题名[EB/OL]. [引用日期]. 获取和访问路径.
    assert gbt.startswith(f"[1] {META['author']}. "), "the byline as signed, Latin letters not upper-cased"
    assert gbt.index(normalise(text)) < gbt.index("[EB/OL]") < gbt.index(f"[{DEPLOYED_DATE.isoformat()}]") < gbt.index(url)
    assert gbt.endswith(f"{url}.")


def test_gbt7714_2025_uses_full_width_punctuation_where_2015_did_not():
    """The copied style files are the right editions: two personal authors are separated by a
    full-width comma in the 2025 style, a half-width one in the 2015 style."""
    record = {"id": "x", "type": "webpage", "title": "大模型", "author": [{"family": "张", "given": "三"}, {"family": "李", "given": "四"}],
              "language": "zh", "URL": "https://example.org/", "accessed": {"date-parts": [[2026, 7, 1]]}}
    gbt2025, gbt2015 = processor_output([record], entries=[("gbt-2025", "x"), ("gbt-2015", "x")])["entries"]
    assert gbt2025["text"] == "[1] 张三，李四. 大模型[EB/OL]. [2026-07-01]. https://example.org/."
    assert gbt2015["text"] == "[1] 张三, 李四. 大模型[EB/OL]. [2026-07-01]. https://example.org/."


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
    assert entry.copied.startswith(f"{META['author']}. (n.d.). {normalise(text)}. {META['title']}. ")
    assert entry.copied.endswith(f"Retrieved {retrieved}, from {DEPLOYED_URL}{page}#{anchor}")
    assert BeautifulSoup(entry.html, "html.parser").find("i").get_text() == normalise(text)


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
    assert unescape_bibtex(fields["title"]) == normalise(text)
    assert fields["titleaddon"] == META["title"]
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
        assert f"url        = {{{path}}}" in cite.bibtex
        assert "未设置 SITE_URL" in cite.box.select_one(".cite-note").get_text()


def test_access_date_is_the_build_date(site):
    dates = {cite.box["data-cite-date"] for page, _, _ in ANCHORS for cite in page_citations(site, page).values()}
    assert len(dates) == 1
    built = date.fromisoformat(dates.pop())
    today = datetime.now(timezone.utc).date()
    assert built in {today, today - timedelta(days=1)}  # the build may have run just before midnight UTC


# --- not in the search index ---------------------------------------------------


def test_citations_and_paragraph_numbers_stay_out_of_the_search_index(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    # The article's pages (the 如何引用 page explains the formats, so it may name them).
    docs = [doc for doc in index["docs"] if not doc["location"].startswith("cite/")]
    # The Chinese segmenter separates words with zero-width spaces.
    text = " ".join(doc["title"] + " " + doc["text"] for doc in docs).replace("\u200b", "")
    assert "深度学习中的损失函数" in text  # the headings are indexed …
    for marker in ("[EB/OL]", "Retrieved", "@online", "引用本节", "(n.d.)", "下载本节条目"):
        assert marker not in text, f"citation text {marker!r} in the search index"
    section = next(doc for doc in docs if doc["location"] == "5-project/#sec-5-3")
    assert not re.search(r"(^|\s)6\s*通过这个案例", section["text"].replace("\u200b", "")), "a paragraph number was indexed"


# --- unknown input and a failing processor fail the build ----------------------


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


def test_a_processor_failure_fails_the_build_naming_the_style_and_record(tmp_path):
    result = build_edited_copy(tmp_path, "citations/styles/apa.csl", "<bibliography ", "<bibliographie ")

    assert result.returncode != 0
    message = "citations: citeproc-js could not format the citations: citations/styles/apa.csl, record cn-llm-market: "
    assert message + "the style makes no bibliography" in result.stderr, result.stderr[-2000:]


def test_a_warm_build_does_not_start_node_and_a_cold_one_says_it_needs_it(tmp_path):
    """Once the processor's answers are cached, a build with the same inputs needs no Node.js."""
    without_node = str(Path(sys.executable).parent)  # the virtualenv's bin: python, mkdocs, no node
    same_day = {"SOURCE_DATE_EPOCH": DEPLOYED_EPOCH}  # the access date is part of the cache key
    project = copy_project(tmp_path / "project")
    assert mkdocs_build(project, tmp_path / "first", **same_day).returncode == 0
    warm = mkdocs_build(project, tmp_path / "warm", PATH=without_node, **same_day)
    assert warm.returncode == 0, warm.stderr[-2000:]
    assert "formatting with citeproc-js" not in warm.stderr

    for cached in (project / ".cache" / "citations").iterdir():
        cached.unlink()
    cold = mkdocs_build(project, tmp_path / "cold", PATH=without_node, **same_day)
    assert cold.returncode != 0
    assert "citations: Node.js (`node`) is not on PATH" in cold.stderr, cold.stderr[-2000:]


# --- the 如何引用 page -----------------------------------------------------------


def test_cite_page_follows_the_article_in_the_nav():
    nav = [entry if isinstance(entry, str) else next(iter(entry.values())) for entry in mkdocs_yml()["nav"]]
    assert nav.index("cite.md") > nav.index("10-further-reading.md")


def test_cite_page_offers_the_whole_article_and_all_entries(site):
    page = soup(site / "cite" / "index.html")
    cite = article_citation(page)
    assert cite.entries["GB/T 7714-2025"].copied.endswith("[EB/OL]. [" + cite.box["data-cite-date"] + "]. /.")
    for name, extension in (("BibTeX", "bib"), ("RIS", "ris"), ("CSL-JSON", "json")):
        hrefs = [a["href"] for a in cite.box.select(".cite-note a") if a.get_text() == name]
        # The whole article's file, then the file with all 49 entries.
        assert hrefs == [f"{META['key']}.{extension}", f"{META['key']}-all.{extension}"], name
        assert all((site / "cite" / href).is_file() for href in hrefs)


def test_cite_page_explains_formats_policies_and_differences(site):
    text = soup(site / "cite" / "index.html").select_one("article").get_text()
    for needed in ("GB/T 7714-2025", "GB/T 7714-2015", "APA 7", "BibTeX", "@online", "@misc", "RIS", "CSL-JSON",
                   "Zotero", "EndNote", "NoteExpress", "JabRef", "citeproc-js", "(n.d.)", "[EB/OL]",
                   "SOURCE_DATE_EPOCH", "SITE_URL", "锚点政策", "永不更改", "段落号政策", "引用此段", "#sec-5-3-p6",
                   "AI GENIUS INSTITUTE", "2026 年 7 月 1 日", META["title"], META["author"]):
        assert needed in text, f"如何引用 lacks {needed!r}"
    paragraphs = sum(1 for line in (ROOT / "tests" / "golden" / "paragraphs.txt").read_text(encoding="utf-8").splitlines()
                     if line and not line.startswith("#"))
    assert f"全部 {paragraphs} 个" in text, "the page states the number of paragraph anchors"


def styles_and_locales() -> list[Path]:
    return sorted((ROOT / "citations" / "styles").glob("*.csl")) + sorted((ROOT / "citations" / "locales").glob("*.xml"))


def test_style_files_are_credited_on_the_cite_page(site):
    """Each CSL file: its name, every author, contributor and translator, and its CC BY-SA 3.0 licence."""
    text = soup(site / "cite" / "index.html").select_one("article").get_text()
    assert "citationstyles.org" in text and "CC BY-SA 3.0" in text
    for path in styles_and_locales():
        info = ET.parse(path).getroot().find("ns:info", CSL)
        assert info.find("ns:rights", CSL).get("license") == "http://creativecommons.org/licenses/by-sa/3.0/", path.name
        assert path.name in text, f"如何引用 does not name {path.name}"
        title = info.find("ns:title", CSL)
        if title is not None:
            assert title.text in text, f"如何引用 does not name {title.text!r}"
        for person in info.findall("ns:author/ns:name", CSL) + info.findall("ns:contributor/ns:name", CSL) + info.findall("ns:translator/ns:name", CSL):
            assert person.text in text, f"{path.name}: {person.text} is not credited on 如何引用"


def test_style_files_are_the_official_ones_unmodified():
    """citations/README.md lists each file with its sha256; the files still have it."""
    import hashlib

    readme = (ROOT / "citations" / "README.md").read_text(encoding="utf-8")
    for path in styles_and_locales():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert f"`{path.name}`" in readme and digest in readme, f"{path.name}: not listed with sha256 {digest}"


def test_print_link(site):
    page = soup(site / "cite" / "index.html")
    print_link = page.select_one('article a[href="../print_page/"]')
    assert print_link is not None and (site / "print_page" / "index.html").is_file()
