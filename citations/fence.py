"""A pymdownx.superfences custom fence for HTML the build has made (```cite-entry).

citations/blocks.py puts the processor's formatted entries inside content tabs; raw HTML
indented in a tab would be read as Markdown (wrapped in <p>, abbreviations added
inside the citation). A fence is stashed whole, so the entry stays exactly as
citeproc-js made it.
"""

from __future__ import annotations


def verbatim_html(source: str, language: str, css_class: str, options: dict, md, **kwargs) -> str:
    return source
