"""Which snippets exist: found from the files in snippets/, titled from the pages.

A snippet file is named by the article section that shows it
(`s4_3_binary_classifier.py` -> 4.3). `…_keras3.py` is our modern counterpart of
the same section's code; its id is the section plus `-keras3` (`4.3-keras3`).
Titles are read from the numbered headings in docs/, so there is one place to
rename a section. Nothing here imports TensorFlow.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
DOCS = ROOT / "docs"
FROZEN = SNIPPETS / "_frozen"  # outputs of the last `python -m snippets freeze`
NOTEBOOKS = DOCS / "notebooks"  # executed notebooks, rendered by mkdocs-jupyter
FIGURES = DOCS / "figures"  # the figures of each frozen run, served with the site (snippets/figures.py draws them)

FILE_NAME = re.compile(r"^s(?P<major>\d+)(?:_(?P<minor>\d+))?_(?P<slug>[a-z0-9_]+?)(?P<keras3>_keras3)?$")
KINDS = {".py": "python", ".sh": "bash", ".mmd": "mermaid"}
HEADING = re.compile(r"^#{1,6} (?P<number>\d+(?:\.\d+)*)\.? (?P<title>.+?)\s*\{ #sec-[\d-]+ \}\s*$", re.M)


class UnknownSnippet(LookupError):
    """No snippet has the id or name asked for."""


@dataclass(frozen=True)
class Snippet:
    path: Path
    section: str  # "4.3"
    keras3: bool  # our Keras 3 counterpart rather than the article's code

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def id(self) -> str:
        return f"{self.section}-keras3" if self.keras3 else self.section

    @property
    def kind(self) -> str:
        return KINDS[self.path.suffix]

    @property
    def runnable(self) -> bool:
        return self.kind == "python"

    @property
    def module(self) -> str:
        return f"snippets.{self.name}"

    @property
    def rel(self) -> str:
        """`snippets/…` for the project's files (any other path as given)."""
        return self.path.relative_to(ROOT).as_posix() if self.path.is_relative_to(ROOT) else str(self.path)

    @property
    def title(self) -> str:
        page, heading = section_headings().get(self.section, ("?", "?"))
        return f"{heading}（Keras 3 写法）" if self.keras3 else heading

    @property
    def page(self) -> str:
        return section_headings().get(self.section, ("?", "?"))[0]

    @property
    def frozen_output(self) -> Path:
        return FROZEN / f"{self.name}.txt"

    @property
    def figures(self) -> Path:
        """Folder of the frozen run's figures: <name>.light.svg, <name>.dark.svg, their English
        <name>.en.light.svg, <name>.en.dark.svg, and figures.json."""
        return FIGURES / self.name

    @property
    def figures_include(self) -> Path:
        """The Markdown the page includes under the frozen output: the figures, lazy-loaded, light and dark."""
        return FROZEN / f"{self.name}.figures.md"

    @property
    def figures_include_en(self) -> Path:
        """The same for the English edition: English alt texts and captions, the `.en.` SVGs."""
        return FROZEN / f"{self.name}.figures.en.md"

    @property
    def notebook(self) -> Path | None:
        """The executed notebook of an article snippet (Keras 3 counterparts have none)."""
        return NOTEBOOKS / f"{self.name}.ipynb" if self.runnable and not self.keras3 else None

    @property
    def notebook_en(self) -> Path | None:
        """Its English edition: the same run, our markdown cells and the figures in English."""
        return self.notebook.with_suffix(".en.ipynb") if self.notebook is not None else None

    def sha256(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


@cache
def section_headings() -> dict[str, tuple[str, str]]:
    """'4.3' -> ('4-math.md', '4.3 举例说明'), from the numbered headings of docs/*.md."""
    found = {}
    for page in sorted(DOCS.glob("*.md")):
        for m in HEADING.finditer(page.read_text(encoding="utf-8")):
            found[m["number"]] = (page.name, f"{m['number']} {m['title']}")
    return found


def _section_key(snippet: Snippet) -> tuple:
    return (*(int(part) for part in snippet.section.split(".")), snippet.keras3)


def all_snippets() -> list[Snippet]:
    """Every snippet file, in the order of the article (counterpart after original)."""
    found = []
    for path in SNIPPETS.iterdir():
        m = FILE_NAME.match(path.stem)
        if not (path.is_file() and m and path.suffix in KINDS):
            continue
        section = m["major"] + (f".{m['minor']}" if m["minor"] else "")
        found.append(Snippet(path, section, keras3=bool(m["keras3"])))
    return sorted(found, key=_section_key)


def runnable() -> list[Snippet]:
    return [s for s in all_snippets() if s.runnable]


def find(key: str) -> Snippet:
    """A snippet by id (`4.3`, `4.3-keras3`), module name or file name/path."""
    wanted = Path(key).stem if key.endswith((".py", ".sh", ".mmd")) else key
    for snippet in all_snippets():
        if wanted in (snippet.id, snippet.name, snippet.module):
            return snippet
    known = ", ".join(s.id for s in all_snippets())
    raise UnknownSnippet(f"unknown snippet {key!r}; known ids: {known} (see `python -m snippets list`)")
