"""The committed SVG is what the pinned Mermaid draws from the committed .mmd (not a hand edit)."""

from __future__ import annotations

from snippets import diagrams


def test_redrawing_each_diagram_gives_its_committed_svg_byte_for_byte(browser):
    """In both languages: the English SVG is the file drawn with our accTitle/accDescr lines in English."""
    for snippet in diagrams.diagrams():
        for language in diagrams.LANGUAGES:
            committed = diagrams.svg_path(snippet, language).read_text(encoding="utf-8")
            assert diagrams.render(snippet, browser, language) == committed, (
                f"{snippet.rel}: Mermaid draws something else than {diagrams.svg_path(snippet, language).name}; "
                f"run `python -m snippets freeze {snippet.id}` and look at the result"
            )
