"""formulas/assets.py: the build publishes KaTeX's stylesheet and fonts from node_modules, or fails saying how to install them."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT, copy_project, mkdocs_build

PACKAGE_JSON = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
PINNED = PACKAGE_JSON["dependencies"]
DEV = PACKAGE_JSON["devDependencies"]


def test_the_pinned_libraries_are_published(site):
    for package in PINNED:
        assert (site / "assets" / "vendor" / package / "LICENSE").is_file(), f"site/assets/vendor/{package}/LICENSE is missing"
    assert PINNED == {"katex": PINNED["katex"]}, "the site publishes only KaTeX (Mermaid is a devDependency)"
    # katex.min.css asks for its fonts relative to itself.
    fonts = set(re.findall(r"url\((fonts/[^)]+)\)", (site / "assets/vendor/katex/katex.min.css").read_text(encoding="utf-8")))
    missing = sorted(f for f in fonts if not (site / "assets/vendor/katex" / f).is_file())
    assert fonts and not missing, f"site/assets/vendor/katex/katex.min.css: fonts not published: {missing}"


def test_the_lock_pins_exactly_what_package_json_pins():
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    for package, version in {**PINNED, **DEV}.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"package.json: {package} must be pinned exactly, not {version!r}"
        locked = lock["packages"][f"node_modules/{package}"]["version"]
        assert locked == version, f"package-lock.json: {package} is {locked}, package.json pins {version}: run npm install"
    assert DEV["mermaid"].startswith("11."), "package.json: Material 9.x's Mermaid colours (THEME_CSS) target Mermaid 11"


def break_node_modules(project, how):
    (project / "node_modules").unlink()  # copy_project links the real one
    if how == "wrong-version":
        for package, version in PINNED.items():
            (project / "node_modules" / package).mkdir(parents=True)
            (project / "node_modules" / package / "package.json").write_text(json.dumps({"version": "0.0.1"}))


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("missing", r"formulas: \S*node_modules is missing .*run `npm ci`"),
        ("wrong-version", r"formulas: \S*node_modules/\w+/package\.json is \w+ 0\.0\.1, package\.json pins .*run `npm ci`"),
    ],
    ids=["missing", "wrong-version"],
)
def test_without_the_installed_libraries_the_build_fails_saying_npm_ci(tmp_path, how, message):
    project = copy_project(tmp_path / "project")
    break_node_modules(project, how)

    result = mkdocs_build(project, tmp_path / "site")

    assert result.returncode != 0, "the build should have failed"
    assert re.search(message, result.stderr), result.stderr[-2000:]


def test_every_locked_package_accepts_this_node(tmp_path):
    """`npm ci` installs without an engine warning under the machine's Node (20 here and in CI):
    npm itself checks every package of the lock with --engine-strict, without installing."""
    import shutil
    import subprocess

    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is not on PATH (make deps installs the front-end packages with it)")
    for name in ("package.json", "package-lock.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    result = subprocess.run([npm, "ci", "--dry-run", "--engine-strict", "--ignore-scripts", "--no-audit", "--no-fund"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "EBADENGINE" not in result.stderr and "notsup" not in result.stderr, result.stderr[-2000:]
    assert "npm warn" not in result.stderr, result.stderr[-2000:]
