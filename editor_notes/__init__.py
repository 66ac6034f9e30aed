"""Editor's notes (编者注): each note written once in includes/editor-notes.yml, shown in
place and on the errata page (notes.py; README.md)."""
