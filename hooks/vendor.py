"""Publishes KaTeX's stylesheet and fonts from node_modules/ under assets/vendor/.

One job: the files listed in VENDORED are added to the build, copied from
node_modules/ (installed by `npm ci` from package-lock.json, never committed),
so no page needs a CDN. Formulas are typeset at build time (hooks/katex.py), so
no KaTeX JavaScript is published; overrides/main.html links the stylesheet on
pages with a formula. (Mermaid is a devDependency: it draws the diagram into a
committed SVG, snippets/diagrams.py, and is never published.)
The build fails, naming the file, when node_modules/ is missing, a listed file
is missing, or an installed package is not the version package.json pins.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
PACKAGE_JSON = ROOT / "package.json"
INSTALL = "run `npm ci` (or `make deps`) in the project folder"

# package -> files (globs) under node_modules/<package>/dist, published as
# assets/vendor/<package>/<same relative path>.
VENDORED = {
    # The browser fetches only the font faces a page's formulas use (woff2 first).
    "katex": ["katex.min.css", "fonts/*"],
}
LICENSE = "LICENSE"


def _fail(message: str):
    raise PluginError(f"hooks/vendor.py: {message}")


def _pinned_versions() -> dict[str, str]:
    try:
        return json.loads(PACKAGE_JSON.read_text(encoding="utf-8"))["dependencies"]
    except (OSError, ValueError, KeyError) as error:
        _fail(f"cannot read the dependencies of {PACKAGE_JSON}: {error}")


def _files_of(package: str, pinned: str) -> list[tuple[str, Path]]:
    """(site path, source) for every file of `package` we publish."""
    root = NODE_MODULES / package
    manifest = root / "package.json"
    if not manifest.is_file():
        _fail(f"{manifest} is missing: {INSTALL}.")
    installed = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    if installed != pinned:
        _fail(f"{manifest} is version {installed}, package.json pins {pinned}: {INSTALL}.")
    found = [(LICENSE, root / LICENSE)]
    for pattern in VENDORED[package]:
        matches = sorted(p for p in (root / "dist").glob(pattern) if p.is_file())
        if not matches:
            _fail(f"{root / 'dist' / pattern} matches no file: {INSTALL}.")
        found += [(p.relative_to(root / "dist").as_posix(), p) for p in matches]
    for _, source in found:
        if not source.is_file():
            _fail(f"{source} is missing: {INSTALL}.")
    return [(f"assets/vendor/{package}/{name}", source) for name, source in found]


def on_files(files: Files, config, **kwargs) -> Files:
    if not NODE_MODULES.is_dir():
        _fail(f"{NODE_MODULES} is missing (KaTeX is served from it): {INSTALL}.")
    pinned = _pinned_versions()
    unknown = sorted(set(pinned) - set(VENDORED))
    if unknown:
        _fail(f"package.json depends on {unknown}, which VENDORED does not publish: add them or remove them.")
    for package in VENDORED:
        if package not in pinned:
            _fail(f"VENDORED publishes {package!r}, which package.json does not pin.")
        for site_path, source in _files_of(package, pinned[package]):
            files.append(File.generated(config, site_path, abs_src_path=str(source)))
    return files
