"""Door to editor_notes/: 编者注 from includes/editor-notes.yml, in place and on the errata page."""

from __future__ import annotations

from pathlib import Path

from editor_notes import notes as editor_notes
from sitekit.door import door

notes: dict[str, dict] = {}  # this build's, by id


@door("editor_notes")
def on_config(config):
    notes.clear()
    notes.update(editor_notes.load(Path(config.config_file_path).parent / editor_notes.NOTES_FILE))


@door("editor_notes")
def on_page_markdown(markdown, page, config, files):
    return editor_notes.expand(markdown, page.file.src_uri, notes)
