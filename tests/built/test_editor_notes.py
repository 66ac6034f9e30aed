"""Editor's notes (编者注): each at its place with its sources, and all of them on the errata page.

The notes are `includes/editor-notes.yml`; `editor_notes/` renders them
as `<div class="admonition editor" data-editor-note="<id>">`.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import Tag

from helpers import ROOT
from manuscript import PAGES, heading_id, normalise
from site_html import content, page_html

NOTES = yaml.safe_load((ROOT / "includes" / "editor-notes.yml").read_text(encoding="utf-8"))["notes"]
PLACES = [(note, place) for note in NOTES for place in note["where"]]
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
ERRATA = "errata.md"


def place_page(place: str) -> str:
    """'7.3.1' -> '7-resources.md'; '摘要' (the abstract) -> 'index.md'."""
    return PAGES[""] if place == "摘要" else PAGES[place.split(".")[0]]


def is_heading_of(heading: Tag | None, place: str) -> bool:
    if heading is None:
        return False
    if place == "摘要":
        return heading.name == "h2" and normalise(heading.get_text()) == "摘要"
    return heading.get("id") == heading_id(place)


def place_of(note_box: Tag) -> str | None:
    """The place a rendered note stands in: the heading right before it."""
    heading = note_box.find_previous(HEADINGS)
    if heading is None:
        return None
    if normalise(heading.get_text()) == "摘要":
        return "摘要"
    anchor = heading.get("id", "")
    return anchor.removeprefix("sec-").replace("-", ".") if anchor.startswith("sec-") else anchor


def article_text_of(article: Tag, place: str) -> str:
    """The author's text (ours removed) between the place's heading and the next heading."""
    heading = next(h for h in article.find_all(HEADINGS) if is_heading_of(h, place))
    parts = [normalise(heading.get_text())]
    inside = {id(el) for el in article.find_all(True)}
    for el in heading.find_all_next():
        if el.name in HEADINGS or id(el) not in inside:
            break
        if el.find_parent(class_="admonition") is None and el.name in {"p", "li", "dd", "pre", "div"}:
            if el.name != "div" or "arithmatex" in el.get("class", []):
                parts.append(el.get_text())
    return normalise(" ".join(parts))


def boxes(site: Path, page: str, note_id: str | None = None) -> list[Tag]:
    selector = "div.admonition.editor" + (f'[data-editor-note="{note_id}"]' if note_id else "")
    return content(site, page).select(selector)


def test_the_facts_file_is_covered_once_each():
    """25 checked facts, one note each, distinct ids (plus notes on what our own tests found)."""
    assert sorted(note["fact"] for note in NOTES if note["fact"] is not None) == list(range(1, 26))
    assert len({note["id"] for note in NOTES}) == len(NOTES)


@pytest.mark.parametrize(("note", "place"), PLACES, ids=[f"{n['id']}@{p}" for n, p in PLACES])
def test_note_stands_in_its_place(site, note, place):
    page = place_page(place)
    here = [box for box in boxes(site, page, note["id"]) if place_of(box) == place]
    assert len(here) == 1, (
        f"docs/{page}: expected note {note['id']!r} once after the heading of {place}, found {len(here)}"
    )
    # The note sits in the same section as the words it is about.
    quote = normalise(note["where"][place])
    assert quote in article_text_of(content(site, page), place), f"docs/{page} §{place}: the article has no {quote!r}"


def test_no_note_stands_anywhere_else(site):
    expected = sorted((note["id"], place_page(place), place) for note, place in PLACES)
    found = sorted(
        (box["data-editor-note"], page, place_of(box))
        for page in sorted(set(PAGES.values()))
        for box in boxes(site, page)
    )
    assert found == expected


@pytest.mark.parametrize(("note", "place"), PLACES, ids=[f"{n['id']}@{p}" for n, p in PLACES])
def test_note_shows_its_label_and_sources(site, note, place):
    box = next(b for b in boxes(site, place_page(place), note["id"]) if place_of(b) == place)
    assert normalise(box.select_one(".admonition-title").get_text()) == "编者注"
    links = box.find_all("a")
    assert [normalise(a.get_text()) for a in links] == [normalise(s["title"]) for s in note["sources"]]
    for a, source in zip(links, note["sources"], strict=True):
        if source["url"].startswith("https://"):
            assert a["href"] == source["url"]
        else:  # a place in the article: docs/x.md#sec-… -> ../x/#sec-…
            assert a["href"].endswith("#" + source["url"].split("#")[1]), a["href"]
    text = normalise(box.get_text())
    if note["confidence"] == "high":
        assert links, f"{note['id']}: a high-confidence note needs a source link"
    else:
        assert "未能找到" in text and "记录" in text, f"{note['id']}: a medium note says no record was found"
    assert not re.search(r"编造|捏造|虚构|伪造|fabricat", text, re.I), (
        f"{note['id']}: say 'no record found', not 'fabricated'"
    )


def errata_groups(site: Path) -> dict[str, tuple[str, list[str]]]:
    """place -> (href of its 原文位置 link, note ids listed under it), read from the errata page."""
    article = content(site, ERRATA)
    groups = {}
    for h2 in article.find_all("h2"):
        link = h2.find_next("a", href=True)
        notes = []
        for el in h2.find_all_next(["h2", "div"]):
            if el.name == "h2":
                break
            if "editor" in el.get("class", []):
                notes.append(el["data-editor-note"])
        fragment = urlsplit(link["href"]).fragment
        place = fragment.removeprefix("sec-").replace("-", ".") if fragment.startswith("sec-") else "摘要"
        groups[place] = (link["href"], notes)
    return groups


def test_errata_lists_every_note_under_each_of_its_places(site):
    groups = errata_groups(site)
    expected = {}
    for note, place in PLACES:
        expected.setdefault(place, []).append(note["id"])
    assert {place: notes for place, (_, notes) in groups.items()} == expected


def test_errata_links_lead_to_the_places(site):
    base = "http://site/errata/"
    for place, (href, _) in errata_groups(site).items():
        url = urlsplit(urljoin(base, href))
        target = site / url.path.lstrip("/") / "index.html"
        assert target.is_file(), f"errata: {href} leads to no page"
        page = place_page(place)
        assert target == page_html(site, page), f"errata: {place} links to {href}, not to docs/{page}"
        if place == "摘要":
            assert url.fragment == ""
        else:
            assert url.fragment == heading_id(place)
            assert content(site, page).find(id=url.fragment), f"errata: docs/{page} has no #{url.fragment}"


def test_errata_is_in_the_nav_after_the_article(site):
    html = page_html(site, "10-further-reading.md").read_text(encoding="utf-8")
    assert 'href="../errata/"' in html and "勘误与编者注" in html
