"""Files in .cache/: written whole or not at all, the least recently used pruned.

Builds may run at the same time on one checkout (the test suite's two workers, `mkdocs
serve` beside `make build`), so a cache file is written aside and renamed into place:
no build ever reads half of one. Each cache folder keeps a number of files; reading one
marks it as recently used.
"""

from __future__ import annotations

import os
from pathlib import Path


def read(path: Path) -> str | None:
    """The cached text, or None; a hit is marked recently used (kept by `prune`)."""
    if not path.is_file():
        return None
    path.touch()
    return path.read_text(encoding="utf-8")


def write(path: Path, text: str) -> None:
    """`text` into `path`, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def prune(folder: Path, pattern: str, keep: int) -> None:
    """All but the `keep` most recently used files of `folder` matching `pattern` go."""
    for old in sorted(folder.glob(pattern), key=lambda path: path.stat().st_mtime, reverse=True)[keep:]:
        old.unlink(missing_ok=True)
