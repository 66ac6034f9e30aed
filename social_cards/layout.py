"""The line layers of our card layout (layouts/article.yml), read from the file itself.

Material's social plugin breaks a text into lines only at spaces, so it cannot
lay out a Chinese title. Our layout therefore gives each line of a text its own
layer, and social_cards breaks the text (lines.py). What it needs to know, it
reads here from the layout, so that the file stays the one place for the
geometry: a typography layer whose content is `{{ layout.<slot>[<n>] | e }}` is
line n of the slot; all lines of a slot share a width, a height, a font style
and a `line` (amount, height), from which the plugin computes the font size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml
from PIL import ImageFont

from social_cards.errors import SocialCardsError

LINE = re.compile(r"\{\{\s*layout\.(?P<slot>\w+)\[(?P<index>\d+)\]\s*\|\s*e\s*\}\}")
# Other `layout.<name>` the file reads: options mkdocs.yml must give (colours, font family).
OPTION = re.compile(r"\blayout\.(?P<name>\w+)\b(?!\[)")
# The options social_cards gives each page (the slots', and the image's alt text).
ALT = "alt"


@dataclass(frozen=True)
class Slot:
    name: str
    lines: int
    width: int  # px
    height: int  # px: the layer's
    style: str  # the font style (a file of the family's folder)
    amount: int = 1  # the layer's line.amount and line.height, which set the font size
    spacing: float = 1


@dataclass(frozen=True)
class Layout:
    path: Path
    size: tuple[int, int]
    slots: dict[str, Slot]
    options: frozenset[str]  # what cards_layout_options must give


def read(path: Path) -> Layout:
    try:
        stat = path.stat()
    except OSError as error:
        raise SocialCardsError(f"{path}: cannot read the card layout: {error}") from None
    return _read(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _read(path: Path, mtime_ns: int, size: int) -> Layout:
    """The layout as the file is now (read once per version of the file: `mkdocs serve` rebuilds often)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise SocialCardsError(f"{path}: cannot read the card layout: {error}") from None
    size = data.get("size") or {}
    if not isinstance(size, dict) or not size.get("width") or not size.get("height"):
        raise SocialCardsError(f"{path}: the layout has no size {{ width, height }}")
    card = (int(size["width"]), int(size["height"]))
    found: dict[str, dict[int, Slot]] = {}
    for number, layer in enumerate(data.get("layers") or []):
        typography = (layer or {}).get("typography") or {}
        match = LINE.fullmatch(str(typography.get("content", "")).strip())
        if not match:
            continue
        where = f"{path}: layer {number} ({match['slot']}[{match['index']}])"
        line = typography.get("line") or {}
        amount, spacing = line.get("amount", 1), line.get("height", 1)
        layer_size = layer.get("size") or {}
        slot = Slot(
            name=match["slot"],
            lines=0,
            width=int(layer_size.get("width") or card[0]),
            height=int(layer_size.get("height") or card[1]),
            style=str((typography.get("font") or {}).get("style", "Regular")),
            amount=amount,
            spacing=spacing,
        )
        lines = found.setdefault(slot.name, {})
        index = int(match["index"])
        if index in lines:
            raise SocialCardsError(f"{where}: two layers for this line")
        lines[index] = slot
    slots = {}
    for name, lines in found.items():
        if sorted(lines) != list(range(len(lines))):
            raise SocialCardsError(f"{path}: the lines of {name!r} are not numbered 0, 1, 2 …: {sorted(lines)}")
        shapes = {(slot.width, slot.height, slot.style, slot.amount, slot.spacing) for slot in lines.values()}
        if len(shapes) != 1:
            raise SocialCardsError(
                f"{path}: the lines of {name!r} differ in width, height, font style or line: {sorted(shapes)}"
            )
        first = lines[0]
        slots[name] = Slot(name, len(lines), first.width, first.height, first.style, first.amount, first.spacing)
    if "title" not in slots:
        raise SocialCardsError(f"{path}: the layout has no title lines (`{{{{ layout.title[0] | e }}}}`)")
    text = path.read_text(encoding="utf-8")
    options = frozenset(m["name"] for m in OPTION.finditer(text)) - set(slots) - {ALT}
    return Layout(path, card, slots, options)


@cache
def font_size(font_path: Path, slot: Slot) -> int:
    """The size the plugin draws the slot's text at (material/plugins/social/plugin.py, _metrics)."""
    ascender, descender = ImageFont.truetype(str(font_path), 1000).getmetrics()
    extent = slot.amount * ascender + descender + (slot.amount - 1) * (slot.spacing - 1) * ascender
    return int(1000 * slot.height / extent)
