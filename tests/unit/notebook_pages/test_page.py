"""notebook_pages/page.py: one notebook page finished in one pass, or the build stops naming it."""

from __future__ import annotations

import json
import re

import pytest

from notebook_pages.errors import NotebookPageError
from notebook_pages.page import COPY_BUTTON, WRAPPER_START, alt_texts, figures_as_files, finish

from .conftest import NOTEBOOK, chinese


def finished(html, page):
    styles, images = [], {}
    return finish(html, page, chinese, styles, images), styles, images


def test_nothing_is_loaded_from_another_host(converted, page):
    html, _, _ = finished(converted, page)
    assert "cdnjs" not in html and "mathjax" not in html.lower() and "import(" not in html


def test_the_templates_stylesheet_leaves_the_page_and_the_notebooks_own_styles_stay(converted, page):
    html, styles, _ = finished(converted, page)
    outside = html[: html.find(WRAPPER_START)] + html[html.rfind("</div> <!-- jupyter-wrapper -->") :]
    assert "<style" not in outside and sum(map(len, styles)) > 100_000


def test_code_cells_are_named_tab_stops_and_their_wrappers_are_not(converted, page):
    html, _, _ = finished(converted, page)
    named = re.findall(
        r'<div class="highlight-ipynb[^"]*" tabindex="0" role="group" aria-label="代码单元 \[(\d+)\]">', html
    )
    assert named and named == sorted(named, key=int)
    assert 'class="jp-Cell-inputWrapper" tabindex="0"' not in html


def test_the_copy_button_is_named_in_the_pages_language(converted, page):
    html, _, _ = finished(converted, page)
    assert COPY_BUTTON not in html and '<clipboard-copy role="button" aria-label="复制代码" ' in html
    assert '<span class="notice" hidden="">已复制</span>' in html


def test_each_figure_is_a_lazy_file_with_its_outputs_text_as_alt(converted, page):
    html, _, images = finished(converted, page)
    texts = set(alt_texts(NOTEBOOK).values())
    tags = re.findall(r"<img\b[^>]*>", html)
    assert len(tags) == len(images) == 3 and "data:image/png" not in html
    for tag in tags:
        alt, src = re.search(r' alt="([^"]*)"', tag)[1], re.search(r' src="([^"]*)"', tag)[1]
        assert tag.startswith('<img loading="lazy" ') and alt in texts
        assert f"notebooks/s4_3_binary_classifier/{src}" in images
    assert all(data.startswith(b"\x89PNG") for data in images.values())


def test_the_download_link_comes_first(converted, page):
    html, _, _ = finished(converted, page)
    assert html.startswith(
        '<p class="notebook-download"><a class="md-button" href="s4_3_binary_classifier.ipynb" download>'
        "下载这个笔记本（s4_3_binary_classifier.ipynb）</a></p>\n"
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("<!-- Load mathjax -->", "<!-- mathjax -->", "expected nbconvert's MathJax and Mermaid loaders once each"),
        (WRAPPER_START, '<div class="wrapper">', 'no <div class="jupyter-wrapper">'),
        (COPY_BUTTON, "<clipboard-copy ", "no '<clipboard-copy ,"),
        ("In\u00a0[2]", "Out\u00a0[2]", "unknown code cell prompt"),
        (
            WRAPPER_START,
            '<script src="https://cdn.example.org/x.js"></script>' + WRAPPER_START,
            "notebook page loads from another host",
        ),
    ],
    ids=["mathjax", "wrapper", "copy-button", "prompt", "external-script"],
)
def test_a_page_in_a_form_it_does_not_know_fails_naming_it(converted, page, old, new, message):
    assert old in converted
    with pytest.raises(NotebookPageError, match=re.escape(f"notebooks/s4_3_binary_classifier.ipynb: {message}")):
        finished(converted.replace(old, new), page)


def test_an_image_output_without_text_fails_naming_the_notebook(converted, page, tmp_path):
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop("text/plain", None)
    (tmp_path / "x.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    page.file.abs_src_path = str(tmp_path / "x.ipynb")
    with pytest.raises(NotebookPageError, match="an image output has no text/plain to serve as its alt text"):
        finished(converted, page)


def test_an_image_output_that_is_not_base64_fails_naming_the_notebook(tmp_path, page):
    outputs = [
        {"output_type": "display_data", "data": {"image/png": data, "text/plain": ["a figure"]}, "metadata": {}}
        for data in ("iVBORw0KGgo=", "not*base64")
    ]
    (tmp_path / "x.ipynb").write_text(
        json.dumps({"cells": [{"cell_type": "code", "outputs": outputs}]}), encoding="utf-8"
    )
    page.file.abs_src_path = str(tmp_path / "x.ipynb")
    images = {}
    assert figures_as_files('<img alt="x" src="data:image/png;base64,iVBORw0KGgo=">', page, images).startswith(
        '<img loading="lazy" alt="a figure" src="'
    )
    with pytest.raises(NotebookPageError, match=r"s4_3_binary_classifier\.ipynb: an image output is not valid base64"):
        figures_as_files('<img src="data:image/png;base64,not*base64">', page, images)
