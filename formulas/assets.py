"""KaTeX's stylesheet and fonts, published from node_modules/ under assets/vendor/katex/.

The formulas are typeset at build time (typeset.py), so no KaTeX JavaScript is
published: only what the HTML needs, copied from node_modules/ (installed by `npm ci`
from package-lock.json, never committed), so no page needs a CDN.
overrides/main.html links the stylesheet on pages with a formula; the browser fetches
only the font faces a page's formulas use. The build fails, naming the file, when
node_modules/ is missing, a listed file is missing, or the installed KaTeX is not the
version package.json pins. package.json's `dependencies` are what the site publishes:
each must be listed in PUBLISHED (build-only tools are devDependencies).
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.structure.files import File, Files

from formulas.errors import FormulaError
from sitekit import pins

# package -> files (globs) under node_modules/<package>/dist, published as
# assets/vendor/<package>/<same relative path>, with the package's LICENSE.
PUBLISHED = {"katex": ["katex.min.css", "fonts/*"]}
LICENSE = "LICENSE"
STYLESHEET = "assets/vendor/katex/katex.min.css"


def files_of(package: str, root: Path) -> list[tuple[str, Path]]:
    """(site path, source) for every file of `package` the site publishes."""
    pins.checked(package, root)
    folder = root / "node_modules" / package
    found = [(LICENSE, folder / LICENSE)]
    for pattern in PUBLISHED[package]:
        matches = sorted(path for path in (folder / "dist").glob(pattern) if path.is_file())
        if not matches:
            raise FormulaError(f"{folder / 'dist' / pattern} matches no file: {pins.INSTALL}.")
        found += [(path.relative_to(folder / "dist").as_posix(), path) for path in matches]
    for _, source in found:
        if not source.is_file():
            raise FormulaError(f"{source} is missing: {pins.INSTALL}.")
    return [(f"assets/vendor/{package}/{name}", source) for name, source in found]


def publish(files: Files, config) -> Files:
    root = Path(config.config_file_path).parent
    if not (root / "node_modules").is_dir():
        raise FormulaError(f"{root / 'node_modules'} is missing (KaTeX is served from it): {pins.INSTALL}.")
    manifest = root / "package.json"
    try:
        published = json.loads(manifest.read_text(encoding="utf-8")).get("dependencies", {})
    except (OSError, ValueError) as error:
        raise FormulaError(f"cannot read the dependencies of {manifest}: {error}") from None
    unknown = sorted(set(published) - set(PUBLISHED))
    if unknown:
        raise FormulaError(
            f"package.json depends on {unknown}, which formulas/assets.py does not publish: "
            "add them to PUBLISHED or make them devDependencies."
        )
    for package in PUBLISHED:
        if package not in published:
            raise FormulaError(
                f"formulas/assets.py publishes {package!r}, which package.json's dependencies do not pin."
            )
        for site_path, source in files_of(package, root):
            files.append(File.generated(config, site_path, abs_src_path=str(source)))
    return files
