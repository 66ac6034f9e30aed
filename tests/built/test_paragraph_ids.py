"""Paragraph ids (sec-3-1-p2, and abstract-p1 / keywords-p3 in the front matter): every block of the
author's text has one, nothing else has one, and none moves — a public contract like the sec- anchors,
kept in tests/golden/paragraphs.txt.

After a deliberate change (never a renumbering of published paragraphs: see 如何引用),
rewrite the golden file from a build:  python tests/built/test_paragraph_ids.py site/
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

if __name__ == "__main__":  # run as a script: the tests' helper modules are one folder up
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pytest  # noqa: E402

from citation_html import processor_output, records_of, soup
from helpers import ROOT, build_edited_copy
from manuscript import PAGES, blocks
from site_html import PARAGRAPH_ID, content, numbered_blocks, page_html

GOLDEN = ROOT / "tests" / "golden" / "paragraphs.txt"
HEADER = (
    "# Paragraph anchors (citations/paragraphs.py), a public contract like anchors.txt:\n"
    "# page, id, kind and the first 40 characters of the block. Never renumber a published paragraph.\n"
)
ARTICLE_PAGES = sorted(set(PAGES.values()))  # the landing page (关键词, 摘要) and sections 1–10
AUTHOR_BLOCKS = 106  # every paragraph, item, definition, formula and code block of the article
PREFIX = 40


def page_soup(site: Path, page: str):
    """The whole built page (content() strips the numbers; these tests read them)."""
    return soup(page_html(site, page))


def golden() -> list[tuple[str, str, str, str]]:
    lines = [line for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return [tuple(line.split("\t")) for line in lines]


def built(site: Path) -> list[tuple[str, str, str, str]]:
    return [
        (page, pid, kind, text.replace("\n", " ")[:PREFIX].rstrip())
        for page in ARTICLE_PAGES
        for pid, kind, text in numbered_blocks(content(site, page))
    ]


def first_moved(site: Path) -> str | None:
    """The first paragraph id that no longer holds its golden block, named with where it went."""
    now = {pid: (page, kind, text) for page, pid, kind, text in built(site)}
    by_text = {(kind, text): pid for pid, (_, kind, text) in now.items()}
    for page, pid, kind, text in golden():
        if now.get(pid) != (page, kind, text):
            moved_to = by_text.get((kind, text))
            found = f"now holds {now[pid][2]!r}" if pid in now else "is gone"
            where = f"; that paragraph is now #{moved_to}" if moved_to else ""
            return f"docs/{page}: #{pid} ({kind} {text!r}) {found}{where}"
    extra = sorted(set(now) - {pid for _, pid, _, _ in golden()})
    if extra:
        return f"new paragraph ids not in {GOLDEN.name}: {extra[:5]}"
    return None


def test_golden_list_matches_the_build(site):
    moved = first_moved(site)
    assert moved is None, moved


def test_every_author_block_is_in_the_golden_list():
    assert len(golden()) == AUTHOR_BLOCKS
    assert len([b for b in blocks() if b.kind not in {"heading", "rule"}]) == AUTHOR_BLOCKS
    front = [(page, pid, kind) for page, pid, kind, _ in golden() if page == "index.md"]
    assert front == [("index.md", f"keywords-p{n}", "item") for n in range(1, 7)] + [
        ("index.md", "abstract-p1", "paragraph")
    ]


def test_every_author_block_in_a_section_is_numbered_and_nothing_else(site):
    """In order, the numbered blocks of a page are exactly the manuscript's blocks of its numbered sections."""
    for page in ARTICLE_PAGES:
        expected = [(b.kind, b.text) for b in blocks() if b.page == page and b.kind not in {"heading", "rule"}]
        found = [(kind, text) for _, kind, text in numbered_blocks(content(site, page))]
        assert found == expected, f"docs/{page}: numbered blocks differ from the manuscript's"


def test_numbers_restart_per_section_and_count_up(site):
    for page in ARTICLE_PAGES:
        article = content(site, page)
        for pid, _, _ in numbered_blocks(article):
            section, number = pid.rsplit("-p", 1)
            assert article.find(id=section) is not None, f"{pid}: no heading #{section}"
            previous = int(number) - 1
            assert previous == 0 or article.find(id=f"{section}-p{previous}") is not None, (
                f"{pid} follows no p{previous}"
            )


def test_our_additions_are_not_numbered(site):
    for page in ARTICLE_PAGES:
        article = content(site, page)
        for box in article.select(".admonition, details, .cite-para"):
            assert not box.find(id=PARAGRAPH_ID), f"docs/{page}"
        for tabbed in article.select(".tabbed-set"):
            # Only a whole 原文 tab set is numbered, on its wrapper; nothing inside the tabs.
            assert not tabbed.find(class_="para-num"), f"docs/{page}: a number inside tabs"


def test_a_paragraph_after_an_editors_note_keeps_its_number(site):
    article = content(site, "5-project.md")
    note = article.select_one('div.admonition.editor[data-editor-note="no-random-flip"]')
    after = note.find_next_sibling("p")
    assert after["id"] == "sec-5-3-p6" and after.get_text().startswith("通过这个案例")


def test_the_number_links_to_its_paragraph(site):
    for number in page_soup(site, "5-project.md").select("article a.para-num"):
        block = number.parent
        assert number["href"] == f"#{block['id']}" and number.get_text() == block["id"].rsplit("-p", 1)[1]
        assert number.has_attr("data-search-exclude")


FRONT_MATTER = {"keywords": ("关键词", "Keywords"), "abstract": ("摘要", "Abstract")}


@pytest.mark.parametrize("edition", ["", "en"], ids=["zh", "en"])
def test_in_text_citations_are_the_processors(site, edition):
    """Each number carries the APA 7 and GB/T 7714-2025 in-text citations of its section's record with
    the locator "sec. 3.1, para. 2", exactly as citeproc-js makes them, and GB/T's 引文页码 "3.1 节第 2 段".
    In the front matter, the article's record with "para. 1": APA 7 (8.28) names the section
    ("Abstract section, para. 1"), for which CSL has no locator; GB/T's 引文页码 is "摘要第 1 段".
    The English edition's numbers are the same, from its own downloads, the original's record; APA cites
    this translation's record alike, and the locator is also there in English ("Section 3.1, para. 2")."""
    site = site / edition
    records = records_of(site / "cite" / "cn-llm-market-all.json")
    ids = {record["id"] for record in records}
    numbers = [number for page in ARTICLE_PAGES for number in page_soup(site, page).select("article a.para-num")]
    jobs, expected = [], []
    for number in numbers:
        section, paragraph = number.parent["id"].rsplit("-p", 1)
        if section in FRONT_MATTER:
            record, where, named = "cn-llm-market", f"para. {paragraph}", FRONT_MATTER[section]
            expected.append((f"{named[0]}第 {paragraph} 段", f", {named[1]} section, para. {paragraph})"))
            place = f"{named[1]} section, para. {paragraph}"
        else:
            number_ = section.removeprefix("sec-").replace("-", ".")
            record, where = f"cn-llm-market-{section}", f"sec. {number_}, para. {paragraph}"
            expected.append((f"{number_} 节第 {paragraph} 段", None))
            place = f"Section {number_}, para. {paragraph}"
        assert record in ids and number["data-cite-record"] == record
        assert number.get("data-cite-place") == (place if edition else None), number.parent["id"]
        jobs += [("apa", record, where), ("gbt-2025", record, where)]
        if edition:
            assert f"{record}-en" in ids
            jobs.append(("apa", f"{record}-en", where))
    answer = iter(processor_output(records, citations=jobs)["citations"])
    for index, number in enumerate(numbers):
        apa, gbt = next(answer)["text"], next(answer)["text"]
        if edition:
            assert next(answer)["text"] == apa, f"{number.parent['id']}: the translation is cited otherwise"
        gbt_where, named = expected[index]
        if named:
            assert apa.endswith(f", para. {number.parent['id'].rsplit('-p', 1)[1]})")
            apa = apa.rsplit(", para. ", 1)[0] + named
        assert number["data-cite-apa"] == apa, number.parent["id"]
        assert number["data-cite-gbt"] == gbt == "[1]", number.parent["id"]
        assert number["data-cite-where"] == gbt_where, number.parent["id"]
    by_id = {number.parent["id"]: number for number in numbers}
    assert by_id["sec-1-1-p1"]["data-cite-apa"].endswith(", n.d., Section 1.1, para. 1)")
    assert by_id["abstract-p1"]["data-cite-apa"].endswith(", n.d., Abstract section, para. 1)")
    assert by_id["keywords-p3"]["data-cite-where"] == "关键词第 3 段"


@pytest.mark.parametrize(
    ("path", "old", "new", "message"),
    [
        # One list item more in 5.3: the paragraph after the editor's note becomes p7.
        (
            "docs/5-project.md",
            "\n<!-- editor-note: no-random-flip -->",
            "\n- 本站不该添加的一项\n\n<!-- editor-note: no-random-flip -->",
            r"docs/5-project\.md: #sec-5-3-p6 \(paragraph '通过这个案例.*'\) now holds '本站不该添加的一项'",
        ),
    ],
    ids=["item-added"],
)
def test_an_edit_that_renumbers_fails_naming_the_paragraph(tmp_path, path, old, new, message):
    assert build_edited_copy(tmp_path, path, old, new).returncode == 0
    moved = first_moved(tmp_path / "site")
    assert moved is not None and re.search(message, moved), moved


def write_golden(site: Path) -> None:
    rows = built(site)
    GOLDEN.write_text(HEADER + "".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")
    print(f"{GOLDEN}: {len(rows)} paragraph ids")


if __name__ == "__main__":
    write_golden(Path(sys.argv[1]))
