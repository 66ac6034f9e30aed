"""editor_notes/notes.py: each note checked once, rendered as a 编者注 admonition where a page asks for it."""

from __future__ import annotations

import pytest
import yaml

from editor_notes.notes import EditorNoteError, expand, load, render

from helpers import ROOT

NOTE = {
    "id": "jia-career",
    "fact": "x",
    "confidence": "high",
    "where": {"1.4.1": "贾扬清曾任阿里巴巴副总裁"},
    "note": "据公开报道……",
    "sources": [{"title": "报道", "url": "https://example.org/"}],
}


def notes_file(tmp_path, *notes):
    path = tmp_path / "editor-notes.yml"
    path.write_text(yaml.safe_dump({"notes": list(notes)}, allow_unicode=True), encoding="utf-8")
    return path


def test_the_projects_notes_load():
    notes = load(ROOT / "includes" / "editor-notes.yml")
    assert notes and all(note["id"] == name for name, note in notes.items())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"extra": 1}, "must have exactly the fields"),
        ({"confidence": "low"}, "confidence must be high or medium"),
        ({"sources": []}, "a high-confidence note needs a source"),
    ],
)
def test_a_note_without_what_the_site_relies_on_fails_naming_it(tmp_path, change, message):
    with pytest.raises(EditorNoteError, match=rf"editor-notes\.yml: note 'jia-career'.*{message}"):
        load(notes_file(tmp_path, {**NOTE, **change}))


def test_an_id_used_twice_fails(tmp_path):
    with pytest.raises(EditorNoteError, match="note id 'jia-career' is used twice"):
        load(notes_file(tmp_path, NOTE, NOTE))


def test_a_note_is_an_admonition_titled_editors_note_with_its_sources():
    html = render(NOTE, "    ")
    assert html.splitlines()[0] == '    <div class="admonition editor" data-editor-note="jia-career" markdown>'
    assert '    <p class="admonition-title">编者注</p>' in html and "    来源：[报道](https://example.org/)" in html


def test_on_the_errata_page_a_note_quotes_the_articles_words():
    assert "原文：“贾扬清曾任阿里巴巴副总裁”" in render(NOTE, "", quote="贾扬清曾任阿里巴巴副总裁")
    assert "原文：`model.fit()`" in render(NOTE, "", quote="`model.fit()`")


def test_markers_become_notes_and_a_page_without_markers_is_unchanged():
    notes = {"jia-career": NOTE}
    page = "第一段。\n\n<!-- editor-note: jia-career -->\n\n## 1.4.1\n\n<!-- editor-notes: 1.4.1 -->\n"
    html = expand(page, "x.md", notes)
    assert html.count('data-editor-note="jia-career"') == 2 and "<!--" not in html
    assert expand("没有编者注。", "x.md", notes) == "没有编者注。"


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ("<!-- editor-note: no-such-note -->", r"docs/6-applications\.md: unknown editor's note 'no-such-note'"),
        (
            "<!-- editor-notes: 6.2 -->",
            r"docs/6-applications\.md: no editor's note in includes/editor-notes\.yml is placed at '6\.2'",
        ),
    ],
    ids=["unknown-note", "place-without-notes"],
)
def test_a_wrong_marker_fails_naming_the_page(marker, message):
    with pytest.raises(EditorNoteError, match=message):
        expand(f"段落。\n\n{marker}\n", "6-applications.md", {"jia-career": NOTE})
