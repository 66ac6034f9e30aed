from __future__ import annotations

from types import SimpleNamespace

import pytest

from helpers import ROOT

NOTEBOOK = ROOT / "docs" / "notebooks" / "s4_3_binary_classifier.ipynb"


@pytest.fixture(scope="session")
def converted() -> str:
    """What mkdocs-jupyter hands the build for one of our notebooks (nbconvert's lab template, as mkdocs.yml sets
    it)."""
    from mkdocs_jupyter import nbconvert2

    return nbconvert2.nb2html(
        str(NOTEBOOK), remove_tag_config={"remove_cell_tags": ["figures-helper"]}, include_requirejs=False
    )


@pytest.fixture
def page():
    file = SimpleNamespace(
        src_uri="notebooks/s4_3_binary_classifier.ipynb",
        abs_src_path=str(NOTEBOOK),
        dest_uri="notebooks/s4_3_binary_classifier/index.html",
    )
    return SimpleNamespace(file=file, content="", meta={})


def chinese(text: str, **fields: str) -> str:
    return text.format(**fields) if fields else text
