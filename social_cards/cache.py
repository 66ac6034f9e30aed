"""The plugin's card cache (its cache_dir), made ready before the plugin reads it, and shared safely.

Material's social plugin keeps each card in <cache_dir>/assets/images/social/
with manifest.json (card -> hash of everything drawn on it) and redraws a card
only when its hash changes. Around that, social_cards:

- puts the font there (fonts.py);
- drops the manifest when what draws the cards changed, though the hash does
  not cover it: the font package, Pillow, CairoSVG or Material (then every
  card is drawn again, once);
- writes an empty manifest when there is none: else the plugin falls back to
  one dictionary shared by every instance of its class, so the two editions'
  cards, which have the same names, would overwrite each other's entries and
  the next build would draw one edition's cards again;
- locks the folder from before the plugin reads it to after it has written
  it: the plugin writes cards and manifest in place, and two builds of one
  project folder at once (the test suite's workers) could otherwise copy a
  card the other is half-way through writing. Builds that draw no cards never
  take the lock.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from functools import cache
from importlib.metadata import version
from pathlib import Path

from social_cards import fonts

MANIFEST = "manifest.json"
STAMP = "drawn-with.json"
LOCK = "lock"
# What draws the cards besides the layout and the page (which the plugin's hash covers).
DRAWN_WITH = ("mkdocs-material", "pillow", "cairosvg")


class Cache:
    def __init__(self, folder: Path):
        self.folder = folder
        self._lock = None

    def lock(self) -> None:
        if self._lock is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._lock = open(self.folder / LOCK, "w")
            fcntl.flock(self._lock, fcntl.LOCK_EX)  # released by unlock, or when the process ends

    def unlock(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def prepare(self, root: Path, family: str) -> dict[str, Path]:
        """The font in place, a manifest the plugin can trust; style -> font file."""
        installed = fonts.install(root, self.folder / "fonts", family)
        drawn_with = {**drawn_by(), fonts.PACKAGE: fonts.pinned_version(root)}
        stamp, manifest = self.folder / STAMP, self.folder / MANIFEST
        before = json.loads(stamp.read_text(encoding="utf-8")) if stamp.is_file() else None
        if before != drawn_with:
            manifest.unlink(missing_ok=True)
            write_whole(stamp, json.dumps(drawn_with, indent=2, sort_keys=True))
        if not manifest.is_file():
            write_whole(manifest, "{}")
        return installed

    def save_manifest(self, entries: dict[str, str]) -> None:
        write_whole(self.folder / MANIFEST, json.dumps(entries, indent=2, sort_keys=True))


@cache
def drawn_by() -> dict[str, str]:
    """The installed versions of DRAWN_WITH (looked up once per process: `mkdocs serve` rebuilds often)."""
    return {name: version(name) for name in DRAWN_WITH}


def write_whole(target: Path, text: str) -> None:
    """`target` with `text`, appearing only when whole (written beside it, then renamed)."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    os.chmod(name, 0o644)  # as a file the plugin writes (mkstemp makes it private)
    os.replace(name, target)
