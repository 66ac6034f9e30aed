"""Each Python code block of the article: tabs 原文 / 完整可运行模块 / Keras 3 写法 / 运行结果, with real output."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from snippets import catalog

from site_html import page_html

ARTICLE = [s for s in catalog.runnable() if not s.keras3]
LABELS = ["原文", "完整可运行模块", "Keras 3 写法", "运行结果"]


def tab_sets(site, snippet):
    """The first set of tabs after the section's heading whose first tab is 原文
    (other tab sets, e.g. citations, skipped)."""
    soup = BeautifulSoup(page_html(site, snippet.page).read_text(encoding="utf-8"), "html.parser")
    heading = soup.find(id="sec-" + snippet.section.replace(".", "-"))
    assert heading is not None, f"{snippet.page}: no heading for §{snippet.section}"
    for tabbed in heading.find_all_next("div", class_="tabbed-set"):
        if next(iter(panels(tabbed)), None) == LABELS[0]:
            return tabbed
    raise AssertionError(f"{snippet.page}: §{snippet.section} has no tabs starting with {LABELS[0]}")


def panels(tabbed) -> dict[str, object]:
    labels = [label.get_text(strip=True) for label in tabbed.find("div", class_="tabbed-labels").find_all("label")]
    blocks = tabbed.find("div", class_="tabbed-content").find_all("div", class_="tabbed-block", recursive=False)
    return dict(zip(labels, blocks, strict=True))


@pytest.mark.parametrize("snippet", ARTICLE, ids=[s.id for s in ARTICLE])
def test_code_block_has_the_four_tabs_in_order(site, snippet):
    tabbed = tab_sets(site, snippet)
    assert list(panels(tabbed)) == LABELS, f"{snippet.page} §{snippet.section}"


@pytest.mark.parametrize("snippet", ARTICLE, ids=[s.id for s in ARTICLE])
def test_tabs_show_the_files_and_the_frozen_output(site, snippet):
    shown = {
        label: [pre.get_text().rstrip("\n") for pre in block.find_all("pre")]
        for label, block in panels(tab_sets(site, snippet)).items()
    }
    source = snippet.path.read_text(encoding="utf-8")
    without_markers = "\n".join(line for line in source.splitlines() if "--8<--" not in line)
    assert shown["完整可运行模块"] == [without_markers.rstrip("\n")], (
        f"{snippet.rel}: whole-file tab differs from the file"
    )
    keras3 = catalog.find(f"{snippet.section}-keras3")
    assert shown["Keras 3 写法"] == [
        keras3.path.read_text().rstrip("\n"),
        keras3.frozen_output.read_text().rstrip("\n"),
    ]
    assert shown["运行结果"] == [snippet.frozen_output.read_text(encoding="utf-8").rstrip("\n")]


@pytest.mark.parametrize("snippet", ARTICLE, ids=[s.id for s in ARTICLE])
def test_result_tab_links_to_the_notebook_page(site, snippet):
    block = panels(tab_sets(site, snippet))["运行结果"]
    links = [a["href"] for a in block.find_all("a")]
    assert f"../notebooks/{snippet.name}/" in links, links
    assert (site / "notebooks" / snippet.name / "index.html").is_file()


def test_whole_file_includes_drop_the_section_markers(site):
    for page in {s.page for s in ARTICLE}:
        html = page_html(site, page).read_text(encoding="utf-8")
        assert not re.search(r"8&lt;-|8<-", html), f"{page}: a snippet section marker reached the page"


def figures_shown(block) -> list[tuple[str, str, str, str, str, str]]:
    """(src, alt, width, height, loading, caption) of each image of the run figures in a tab."""
    return [
        (
            img["src"],
            img["alt"],
            img["width"],
            img["height"],
            img.get("loading"),
            figure.figcaption.get_text(strip=True),
        )
        for figure in block.find_all("figure")
        for img in figure.find_all("img")
    ]


def figures_frozen(site, snippet) -> list[tuple[str, str, str, str, str, str]]:
    index = json.loads((snippet.figures / "figures.json").read_text(encoding="utf-8"))["figures"]
    expected = []
    for figure in index:
        for theme in ("light", "dark"):
            src = f"../figures/{snippet.name}/{figure['files'][theme]}#only-{theme}"
            assert (site / "figures" / snippet.name / figure["files"][theme]).is_file(), f"{src} was not published"
            expected.append(
                (src, figure["alt"], str(figure["width"]), str(figure["height"]), "lazy", figure["caption"])
            )
    return expected


@pytest.mark.parametrize("snippet", ARTICLE, ids=[s.id for s in ARTICLE])
def test_result_tabs_show_the_runs_figures_under_the_output(site, snippet):
    tabs = panels(tab_sets(site, snippet))
    keras3 = catalog.find(f"{snippet.section}-keras3")
    for label, run in (("运行结果", snippet), ("Keras 3 写法", keras3)):
        block = tabs[label]
        assert figures_shown(block) == figures_frozen(site, run), (
            f"{snippet.page} §{snippet.section} {label}: figures differ"
        )
        last_output = block.find_all("pre")[-1]
        assert all(last_output in figure.find_all_previous("pre") for figure in block.find_all("figure")), (
            "figures above the output"
        )
