"""The golden manuscript, read as a list of blocks.

`tests/golden/manuscript.txt` is the project's own byte-for-byte copy of the
article. Tests compare the built site against the blocks parsed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden" / "manuscript.txt"

# Top-level section number -> the page that carries it ("" = before section 1).
PAGES = {
    "": "index.md",
    "1": "1-background.md",
    "2": "2-concepts.md",
    "3": "3-algorithms.md",
    "4": "4-math.md",
    "5": "5-project.md",
    "6": "6-applications.md",
    "7": "7-resources.md",
    "8": "8-summary.md",
    "9": "9-faq.md",
    "10": "10-further-reading.md",
}

NUMBERED_HEADING = re.compile(r"^(#{2,}) (\d+(?:\.\d+)*)\.? ")


@dataclass(frozen=True)
class Block:
    kind: str  # heading | paragraph | item | code | math | rule
    text: str  # normalised as it reads in HTML (see `normalise`)
    section: str  # "4.1", "" before section 1
    line: int  # 1-based line in the manuscript
    lang: str = ""  # code blocks only

    @property
    def page(self) -> str:
        return PAGES[self.section.split(".")[0]]

    def describe(self) -> str:
        where = f"§{self.section}" if self.section else "front matter"
        return f"manuscript line {self.line} ({self.kind} in {where})"


def normalise(text: str) -> str:
    """Markdown inline syntax -> the text a reader sees; whitespace collapsed."""
    text = re.sub(r"\$([^$]+)\$", r"\\(\1\\)", text)  # inline math, as arithmatex emits it
    text = text.replace("**", "").replace("`", "")
    return " ".join(text.split())


def heading_id(number: str) -> str:
    """'1.4.1' -> 'sec-1-4-1': the public, citable anchor of a numbered heading."""
    return "sec-" + number.replace(".", "-")


def blocks(path: Path = GOLDEN) -> list[Block]:
    lines = path.read_text(encoding="utf-8").split("\n")
    out: list[Block] = []
    section = ""
    i = 0
    while i < len(lines):
        line, lineno = lines[i], i + 1
        stripped = line.strip()
        if not stripped:
            i += 1
        elif line.startswith("```"):
            end = lines.index("```", i + 1)
            body = "\n".join(lines[i + 1 : end])
            out.append(Block("code", body, section, lineno, lang=line[3:].strip()))
            i = end + 1
        elif stripped == "$$":
            end = lines.index("$$", i + 1)
            body = "\n".join(lines[i + 1 : end])
            # arithmatex keeps the TeX and wraps it in \[ … \] on lines of their own.
            out.append(Block("math", normalise("\\[\n" + body + "\n\\]"), section, lineno))
            i = end + 1
        elif line.startswith("#"):
            if m := NUMBERED_HEADING.match(line):
                section = m.group(2)
            out.append(Block("heading", normalise(line.lstrip("#")), section, lineno))
            i += 1
        elif stripped == "---":
            out.append(Block("rule", "", section, lineno))
            i += 1
        elif m := re.match(r"^(?:- |\d+\. )(.*)$", line):
            out.append(Block("item", normalise(m.group(1)), section, lineno))
            i += 1
        else:
            out.append(Block("paragraph", normalise(line), section, lineno))
            i += 1
    return out


def numbered_headings(path: Path = GOLDEN) -> list[tuple[str, str]]:
    """(number, heading text) for every numbered heading, in order."""
    found = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if m := NUMBERED_HEADING.match(line):
            found.append((m.group(2), line.lstrip("#").strip()))
    return found
