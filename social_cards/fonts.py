"""The cards' font: Noto Sans Hans from a pinned npm package, placed where Material's social plugin looks.

Material's social plugin loads a font family from <cache_dir>/fonts/<family>/<style>.<ext>
and downloads it from Google Fonts only when that folder is missing
(material/plugins/social/plugin.py, _resolve_font). `install` fills the folder from
node_modules/ (`npm ci`, package-lock.json) before any card is drawn, so the
plugin never downloads: the build needs no network, and the font is the one the
lock file pins, not whatever Google serves that day.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path

from social_cards.errors import SocialCardsError

PACKAGE = "@embedpdf/fonts-sc"
# The plugin's style name -> the package's file. Noto Sans Hans: Simplified Chinese
# glyph forms, and Latin, digits and the punctuation of both languages.
STYLES = {
    "Bold": "fonts/NotoSansHans-Bold.otf",
    "Regular": "fonts/NotoSansHans-Regular.otf",
}
INSTALL = "run `npm ci` (or `make deps`) in the project folder"
# Beside the family's folder (the plugin takes every file in the folder for a style).
STAMP = "source.json"


def pinned_version(root: Path) -> str:
    """The version package.json pins for the font package (exactly, like every dependency)."""
    manifest = root / "package.json"
    try:
        declared = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SocialCardsError(f"{manifest}: cannot read it: {error}") from None
    for group in ("dependencies", "devDependencies"):
        if PACKAGE in declared.get(group, {}):
            version = declared[group][PACKAGE]
            if not version[:1].isdigit():
                raise SocialCardsError(f"{manifest}: {PACKAGE} is {version!r}, not an exact version")
            return version
    raise SocialCardsError(f"{manifest}: {PACKAGE} is not among its dependencies (the social cards' font)")


def package_files(root: Path) -> dict[str, Path]:
    """Style -> the installed font file, after checking the installed version is the pinned one."""
    version = pinned_version(root)
    folder = root / "node_modules" / PACKAGE
    installed_manifest = folder / "package.json"
    if not installed_manifest.is_file():
        raise SocialCardsError(f"{installed_manifest} is missing (the social cards' font): {INSTALL}")
    installed = json.loads(installed_manifest.read_text(encoding="utf-8")).get("version")
    if installed != version:
        raise SocialCardsError(f"{installed_manifest} is version {installed}, package.json pins {version}: {INSTALL}")
    files = {style: folder / name for style, name in STYLES.items()}
    for path in files.values():
        if not path.is_file():
            raise SocialCardsError(f"{path} is missing (the social cards' font): {INSTALL}")
    return files


def install(root: Path, fonts_dir: Path, family: str) -> dict[str, Path]:
    """The package's fonts in fonts_dir/<family>/<Style>.otf: style -> path.

    Copied when the folder holds another version of the package (or nothing), each file
    written whole before it appears (the stamp last: a copy cut short is made again).
    """
    sources = package_files(root)
    source = {"package": PACKAGE, "version": pinned_version(root), "files": {s: p.name for s, p in sources.items()}}
    folder = fonts_dir / family
    stamp = fonts_dir / f"{family}.{STAMP}"
    targets = {style: folder / f"{style}{path.suffix}" for style, path in sources.items()}
    current = stamp.is_file() and json.loads(stamp.read_text(encoding="utf-8")) == source
    if current and all(path.is_file() and _codepoints_file(path).is_file() for path in targets.values()):
        return targets
    folder.mkdir(parents=True, exist_ok=True)
    for extra in set(folder.iterdir()) - set(targets.values()):
        extra.unlink()  # another version's files: the plugin would take any file of the folder
    for style, path in sources.items():
        _copy_whole(path, targets[style], scratch=fonts_dir)
        _codepoints_file(targets[style]).write_text(json.dumps(sorted(_read_cmap(path))), encoding="utf-8")
    stamp.write_text(json.dumps(source, indent=2, sort_keys=True), encoding="utf-8")
    return targets


def _copy_whole(source: Path, target: Path, scratch: Path) -> None:
    """`target` appears only when whole (written beside it in `scratch`, then renamed)."""
    handle, name = tempfile.mkstemp(dir=scratch, prefix=".partial-")
    os.close(handle)
    shutil.copyfile(source, name)
    os.chmod(name, 0o644)
    os.replace(name, target)


def _codepoints_file(font: Path) -> Path:
    """Beside the family's folder: fonts/<family>.<Style>.codepoints.json."""
    return font.parent.parent / f"{font.parent.name}.{font.stem}.codepoints.json"


@cache
def characters(path: Path) -> frozenset[int]:
    """The code points the font maps to a glyph (its cmap); for an installed font, as `install`
    noted them (reading the cmap of a CJK font takes a tenth of a second, every build)."""
    noted = _codepoints_file(path)
    if noted.is_file():
        return frozenset(json.loads(noted.read_text(encoding="utf-8")))
    return _read_cmap(path)


def _read_cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # only where cards are drawn: a build without them does not load it

    font = TTFont(str(path), lazy=True)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


def missing(text: str, path: Path) -> list[str]:
    """The characters of `text` the font has no glyph for, each once, in order."""
    have = characters(path)
    found: list[str] = []
    for char in text:
        if ord(char) not in have and char not in found:
            found.append(char)
    return found
