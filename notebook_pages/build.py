"""What one build does to its notebook pages: each page finished (page.py), then one stylesheet
for all of them and their figures as files (stylesheet.py), added to the site."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from mkdocs.structure.files import File

from notebook_pages import page as notebook_page
from notebook_pages import stylesheet
from translations.strings import translated


class PlaceholderAltNotice(logging.Filter):
    """nbconvert's "Alternative text is missing on N image(s)" (logger `traitlets`) is about the
    placeholder page.py replaces, failing the build where it cannot. It reaches stderr as
    soon as anything has configured the root logger: mkdocs-print-site-plugin's module-level
    `logging.debug` does in on_post_build, before the English edition converts its notebooks
    (translations/edition.py), and `mkdocs build --strict` output must stay free of warnings."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Alternative text is missing on ")


# Once per process, however often the build runs (each edition, each serve rebuild).
if not any(isinstance(f, PlaceholderAltNotice) for f in logging.getLogger("traitlets").filters):
    logging.getLogger("traitlets").addFilter(PlaceholderAltNotice())


# Finished pages of this process (a build, or all rebuilds of `mkdocs serve`), by their inputs.
_finished: dict[str, tuple[str, list[str], dict[str, bytes]]] = {}
KEEP = 16  # both editions' notebook pages, twice


class Build:
    def __init__(self, config):
        self.config = config
        self.uncut: dict[str, list] = {}  # the template's whole CSS -> the notebook pages that inlined it
        self.images: dict[str, bytes] = {}  # site path -> PNG

    def finish(self, html: str, page) -> str:
        if not notebook_page.is_notebook(page.file.src_uri):
            return html

        def words(text: str, **fields: str) -> str:
            return translated(self.config, text, "notebook_pages", **fields)

        # A `mkdocs serve` rebuild converts every notebook page again, unchanged: the same
        # page, notebook and words make the same result, which this process keeps.
        labels = tuple(words(text) for text in notebook_page.LABELS)
        notebook = Path(page.file.abs_src_path).read_bytes()
        key = hashlib.sha256(repr((html, page.file.src_uri, page.file.dest_uri, notebook, labels)).encode()).hexdigest()
        if key not in _finished:
            styles: list[str] = []
            images: dict[str, bytes] = {}
            _finished[key] = (notebook_page.finish(html, page, words, styles, images), styles, images)
            while len(_finished) > KEEP:
                _finished.pop(next(iter(_finished)))
        html, styles, images = _finished[key]
        self.images.update(images)
        self.uncut.setdefault(stylesheet.notebook_css(styles, page.file.src_uri), []).append(page)
        return html

    def add_files(self, files) -> None:
        """The cut stylesheet (linked from each notebook page's meta) and the figures."""
        bundle, bodies = stylesheet.template_context(self.config)
        root = Path(self.config.config_file_path).parent
        stylesheets = {}
        for css, pages in self.uncut.items():
            used = stylesheet.cut(css, pages, bundle, bodies, root)
            path = f"assets/stylesheets/notebook.{hashlib.sha256(used.encode()).hexdigest()[:8]}.css"
            stylesheets[path] = used
            for page in pages:
                page.meta["notebook_stylesheet"] = path
        for path, css in sorted(stylesheets.items()):
            files.append(File.generated(self.config, path, content=css))
        for path, data in sorted(self.images.items()):
            files.append(File.generated(self.config, path, content=data))
