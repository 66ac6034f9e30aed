"""A text broken into the lines of a slot, measured as Material's social plugin measures them.

The plugin draws each line layer's text on one line only if it fits: it splits
the text at whitespace, measures each word with the layer's font
(ImageDraw.textlength) and adds one space's width between words
(material/plugins/social/plugin.py, _render_typography). `measure` does exactly
that, so a line `fill` makes is one the plugin keeps whole.

Where a line may end (a simple form of the Unicode line-breaking rules and of
Chinese typesetting's 禁则):

- at a space (the space is dropped);
- between two characters where either is Chinese (ideographs, full-width
  punctuation, kana), except before closing punctuation (，。、：；！？）》」 …)
  and after opening punctuation (（《「 “ …), which stay with their neighbour;
- inside a run of Latin letters and digits only when one word is wider than
  the line (then between any two characters).

Text that needs more lines than the slot has ends its last line with "…".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ELLIPSIS = "…"
# Ideographs, CJK symbols and punctuation, kana, full-width forms (with translations.catalogs' CHINESE).
CJK = re.compile(r"[\u2e80-\u2fff\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
OPENING = set("（《「『【〔〈〖“‘([{")
CLOSING = set("，。、：；！？）》」』】〕〉〗”’…·,.;:!?)]}%")
WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Measure:
    """Widths as the plugin computes them for one layer's font."""

    font: ImageFont.FreeTypeFont

    def __post_init__(self):
        object.__setattr__(self, "draw", ImageDraw.Draw(Image.new("RGBA", (1, 1))))

    def __call__(self, line: str) -> float:
        words = WHITESPACE.split(line)
        space = self.draw.textlength(" ", font=self.font)
        return sum(self.draw.textlength(word, font=self.font) for word in words) + space * (len(words) - 1)


@cache
def measure_for(font: Path, size: int) -> Measure:
    return Measure(ImageFont.truetype(str(font), size))


@lru_cache(maxsize=4096)
def fill_cached(text: str, font: Path, size: int, width: float, lines: int) -> tuple[str, ...]:
    """`fill` with the font file and size, remembered: every card of an edition has the same
    footer, and a rebuild under `mkdocs serve` the same titles (measuring is most of the work)."""
    return tuple(fill(text, measure_for(font, size), width, lines))


def breakable(before: str, after: str) -> bool:
    """May a line end between these two characters (no space between them)?"""
    if before in OPENING or after in CLOSING:
        return False
    return bool(CJK.match(before) or CJK.match(after))


def units(text: str) -> list[tuple[bool, str]]:
    """The text as pieces no line may end inside: (a space before it, the piece)."""
    found: list[tuple[bool, str]] = []
    current, space = "", False
    for char in WHITESPACE.sub(" ", text.strip()):
        if char == " ":
            if current:
                found.append((space, current))
            current, space = "", True
        elif current and breakable(current[-1], char):
            found.append((space, current))
            current, space = char, False
        else:
            current += char
    if current:
        found.append((space, current))
    return found


def fill(text: str, measure: Measure, width: float, lines: int) -> list[str]:
    """`text` in at most `lines` lines no wider than `width`; the last ends with "…" if it does not fit."""
    made: list[str] = []
    current = ""
    for space, piece in units(text):
        joined = f"{current} {piece}" if current and space else current + piece
        if measure(joined) <= width:
            current = joined
            continue
        if current:
            made.append(current)
        current = ""
        for char in piece:  # a piece wider than a line is broken anywhere (never happens to a CJK piece)
            if current and measure(current + char) > width:
                made.append(current)
                current = ""
            current += char
    if current:
        made.append(current)
    if len(made) <= lines:
        return made
    last = made[lines - 1]
    while last and measure(last.rstrip() + ELLIPSIS) > width:
        last = last[:-1]
    return made[: lines - 1] + [last.rstrip() + ELLIPSIS]
