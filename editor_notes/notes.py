"""Editor's notes (编者注): each note written once, shown in place and on the errata page.

The notes live in `includes/editor-notes.yml`. A page shows one note with a
line of its own,

    <!-- editor-note: jia-career -->

and the errata page shows every note of a place (a section number, or 摘要) with

    <!-- editor-notes: 1.4.1 -->

Both become a custom admonition, `<div class="admonition editor">` titled
编者注 (styled in docs/stylesheets/editor-notes.css). An unknown note id, or a
place without notes, fails the build. hooks/editor_notes_hook.py reads the notes once a
build (on_config) and expands each page's markers (on_page_markdown).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml

from sitekit.errors import BuildError

NOTES_FILE = "includes/editor-notes.yml"
FIELDS = {"id", "fact", "confidence", "where", "note", "sources"}
MARKER = re.compile(r"^(?P<indent>[ \t]*)<!-- (?P<kind>editor-notes?): (?P<key>\S+) -->[ \t]*$", re.M)


class EditorNoteError(BuildError):
    """A note without the fields the site relies on, or a page marker naming no note."""


def load(path: Path) -> dict[str, dict]:
    """The notes by id, each checked for the fields the site relies on."""
    loaded = {}
    # libyaml's loader when PyYAML has it (ten times faster), else PyYAML's own: the same notes.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for note in yaml.load(path.read_text(encoding="utf-8"), Loader=loader)["notes"]:
        name = note.get("id", "?")
        if set(note) != FIELDS:
            raise EditorNoteError(f"{path}: note {name!r} must have exactly the fields {sorted(FIELDS)}")
        if note["confidence"] not in {"high", "medium"}:
            raise EditorNoteError(f"{path}: note {name!r}: confidence must be high or medium")
        if note["confidence"] == "high" and not note["sources"]:
            raise EditorNoteError(f"{path}: note {name!r}: a high-confidence note needs a source")
        if name in loaded:
            raise EditorNoteError(f"{path}: note id {name!r} is used twice")
        loaded[name] = note
    return loaded


def render(note: dict, indent: str, quote: str | None = None) -> str:
    """The note as an admonition (Markdown inside an HTML block, via md_in_html)."""
    sources = "、".join(f"[{source['title']}]({source['url']})" for source in note["sources"])
    lines = [
        f'<div class="admonition editor" data-editor-note="{html.escape(note["id"])}" markdown>',
        '<p class="admonition-title">编者注</p>',
        "",
    ]
    if quote is not None:
        # Code is quoted as code; text that starts with its own quotation mark as it is.
        lines += [f"原文：{quote}" if quote.startswith(("`", "“")) else f"原文：“{quote}”", ""]
    lines += [note["note"].strip(), ""]
    if sources:
        lines += [f"来源：{sources}", ""]
    lines.append("</div>")
    return "\n".join(indent + line if line else "" for line in lines)


def expand(markdown: str, src_uri: str, notes: dict[str, dict]) -> str:
    """`markdown` (of the page docs/<src_uri>) with every marker replaced by its notes."""
    if "<!-- editor-note" not in markdown:
        return markdown

    def notes_for(match: re.Match) -> str:
        kind, key, indent = match["kind"], match["key"], match["indent"]
        if kind == "editor-note":
            if key not in notes:
                raise EditorNoteError(f"docs/{src_uri}: unknown editor's note {key!r} (not in {NOTES_FILE})")
            return render(notes[key], indent)
        chosen = [note for note in notes.values() if key in note["where"]]
        if not chosen:
            raise EditorNoteError(f"docs/{src_uri}: no editor's note in {NOTES_FILE} is placed at {key!r}")
        return "\n\n".join(render(note, indent, quote=note["where"][key]) for note in chosen)

    return MARKER.sub(notes_for, markdown)
