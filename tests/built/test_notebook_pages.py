"""Notebook pages (可运行代码): rendered from the frozen notebooks, offline, downloadable."""

from __future__ import annotations

import base64
import json
import re

import pytest
from bs4 import BeautifulSoup

from snippets import catalog, figures

NOTEBOOKS = [s for s in catalog.runnable() if s.notebook is not None]
EXTERNAL = re.compile(r"(?:https?:)?//[^/\s\"']+\.[a-z]{2,}/", re.I)


def page(site, snippet):
    return site / "notebooks" / snippet.name / "index.html"


@pytest.mark.parametrize("snippet", NOTEBOOKS, ids=[s.id for s in NOTEBOOKS])
def test_notebook_page_loads_no_external_script_and_no_math_library(site, snippet):
    html = page(site, snippet).read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    external = [
        tag.get("src") or tag.get("href")
        for tag in soup.find_all(["script", "link"])
        if EXTERNAL.match(tag.get("src") or tag.get("href") or "")
    ]
    assert not external, f"{page(site, snippet)}: loads {external}"
    inline = [EXTERNAL.search(script.string or "") for script in soup.find_all("script")]
    assert not any(inline), f"{page(site, snippet)}: an inline script imports {[m.group(0) for m in inline if m]}"
    assert not re.search(r"mathjax|katex|cdnjs", html, re.I), f"{page(site, snippet)}: references a math library or CDN"


@pytest.mark.parametrize("snippet", NOTEBOOKS, ids=[s.id for s in NOTEBOOKS])
def test_notebook_page_shows_outputs_and_offers_the_ipynb(site, snippet):
    soup = BeautifulSoup(page(site, snippet).read_text(encoding="utf-8"), "html.parser")
    download = soup.select_one("a.md-button[download]")
    assert download is not None and download["href"] == snippet.notebook.name
    assert (page(site, snippet).parent / snippet.notebook.name).read_bytes() == snippet.notebook.read_bytes()
    outputs = soup.select(".jp-OutputArea-output")
    assert outputs, f"{snippet.notebook.name}: no outputs rendered"
    last_line = snippet.frozen_output.read_text(encoding="utf-8").splitlines()[-1]
    assert last_line.split(":")[0] in soup.get_text(), f"{snippet.notebook.name}: final output line missing"


def test_notebook_pages_come_after_the_article_in_the_nav(site):
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = [a["href"] for a in soup.select("nav.md-nav--primary a.md-nav__link[href]")]
    notebook_links = [h for h in hrefs if "notebooks/" in h and h.rstrip("/") != "notebooks"]
    assert [h.split("/")[-2] for h in notebook_links] == [s.name for s in NOTEBOOKS]
    assert hrefs.index(notebook_links[0]) > max(i for i, h in enumerate(hrefs) if "10-further-reading" in h)


def stylesheets(soup) -> list[str]:
    return [link["href"] for link in soup.select('link[rel="stylesheet"]')]


def test_notebook_pages_share_one_stylesheet_instead_of_inline_styles(site):
    """nbconvert's ~590 KB of CSS is one cached file (notebook_pages/), not <style> in every page."""
    linked = set()
    for snippet in NOTEBOOKS:
        soup = BeautifulSoup(page(site, snippet).read_text(encoding="utf-8"), "html.parser")
        ours = [
            href for href in stylesheets(soup) if re.search(r"assets/stylesheets/notebook\.[0-9a-f]{8}\.css$", href)
        ]
        assert len(ours) == 1, f"{page(site, snippet)}: links {stylesheets(soup)}"
        linked.add(ours[0].split("/")[-1])
        outside_notebook = [
            style for style in soup.find_all("style") if not style.find_parent(class_="jupyter-wrapper")
        ]
        assert not outside_notebook, (
            f"{page(site, snippet)}: inline <style> left: {[s.get_text()[:60] for s in outside_notebook]}"
        )
    assert len(linked) == 1, f"notebook pages link different stylesheets: {linked}"
    css = (site / "assets" / "stylesheets" / linked.pop()).read_text(encoding="utf-8")
    for rule in (".jupyter-wrapper", ".highlight-ipynb .ow", ".jp-OutputArea-output"):
        assert rule in css, f"the notebook stylesheet lacks {rule}"
    assert not css.lstrip().startswith("["), "mkdocs-jupyter's Python list of its CSS leaked into the stylesheet"
    # Cut to what the pages use (PurgeCSS): a small part of the ~590 KB, the dark scheme's rules kept.
    assert len(css.encode()) < 60_000, f"the notebook stylesheet is {len(css.encode())} bytes: not cut"
    assert "[data-md-color-scheme=slate] .jupyter-wrapper" in css, "the dark scheme's notebook colours were cut"


class FakePage:
    def __init__(self, content: str):
        self.content = content

        class file:
            src_uri = "notebooks/x.ipynb"

        self.file = file


def test_only_notebook_pages_load_the_notebook_stylesheet(site):
    notebook_pages = {page(site, snippet) for snippet in NOTEBOOKS}
    # and their English counterparts at the same paths under en/
    notebook_pages |= {site / "en" / p.relative_to(site) for p in notebook_pages}
    loading = {
        file
        for file in site.rglob("*.html")
        if any(
            "assets/stylesheets/notebook." in href
            for href in stylesheets(BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser"))
        )
    }
    extra, missing = sorted(map(str, loading - notebook_pages)), sorted(map(str, notebook_pages - loading))
    assert loading == notebook_pages, f"loaded by {extra}, missing on {missing}"


@pytest.mark.parametrize("snippet", NOTEBOOKS, ids=[s.id for s in NOTEBOOKS])
def test_notebook_figures_are_png_outputs_of_the_cell_that_drew_them(snippet):
    """PNG (Jupyter shows SVG only in trusted notebooks), described by the same alt text as the frozen SVGs."""
    import base64
    import io

    from PIL import Image

    nb = json.loads(snippet.notebook.read_text(encoding="utf-8"))
    code = [cell for cell in nb["cells"] if cell["cell_type"] == "code"]
    images = [out for out in code[-1]["outputs"] if out["output_type"] == "display_data"]
    frozen = json.loads((snippet.figures / "figures.json").read_text(encoding="utf-8"))["figures"]
    assert ["".join(out["data"]["text/plain"]) for out in images] == [f["alt"] for f in frozen], (
        "not the frozen run's figures"
    )
    for out, figure in zip(images, frozen, strict=True):
        assert set(out["data"]) == {"image/png", "text/plain"}
        size = out["metadata"]["image/png"]
        assert (size["width"], size["height"]) == (figure["width"], figure["height"])
        png = Image.open(io.BytesIO(base64.b64decode(out["data"]["image/png"])))
        expected = (figures.PNG_SCALE * figure["width"], figures.PNG_SCALE * figure["height"])
        assert all(abs(a - b) <= 1 for a, b in zip(png.size, expected, strict=True)), (
            f"{png.size}: not drawn at {figures.PNG_SCALE}× the size shown"
        )
    helper = code[0]
    assert helper["metadata"]["tags"] == ["figures-helper"]
    assert "".join(helper["source"]) == "%%writefile figures.py\n" + (catalog.SNIPPETS / "figures.py").read_text(
        encoding="utf-8"
    ).rstrip("\n")


@pytest.mark.parametrize("snippet", NOTEBOOKS, ids=[s.id for s in NOTEBOOKS])
def test_notebook_page_shows_the_figures_with_alt_text_and_size_but_not_the_figure_code(site, snippet):
    soup = BeautifulSoup(page(site, snippet).read_text(encoding="utf-8"), "html.parser")
    frozen = json.loads((snippet.figures / "figures.json").read_text(encoding="utf-8"))["figures"]
    images = soup.select(".jp-RenderedImage img")
    assert [(img["alt"], img["width"], img["height"]) for img in images] == [
        (f["alt"], str(f["width"]), str(f["height"])) for f in frozen
    ]
    # Each figure is the notebook's PNG, a file next to the page (notebook_pages/page.py), loaded lazily.
    nb = json.loads(snippet.notebook.read_text(encoding="utf-8"))
    pngs = [
        base64.b64decode("".join(out["data"]["image/png"]))
        for cell in nb["cells"]
        for out in cell.get("outputs", [])
        if "image/png" in out.get("data", {})
    ]
    assert [(page(site, snippet).parent / img["src"]).read_bytes() for img in images] == pngs
    assert all(img["loading"] == "lazy" and re.fullmatch(r"[0-9a-f]{12}\.png", img["src"]) for img in images), images
    assert "%%writefile" not in soup.get_text(), "the figure code cell is shown on the page"
    assert "snippets/figures.py" in soup.get_text(), "the page does not say where the figure code is"
