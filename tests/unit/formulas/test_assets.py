"""formulas/assets.py: KaTeX's stylesheet, fonts and licence published from node_modules/, or the build stops."""

from __future__ import annotations

import json

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from formulas import FormulaError, publish
from sitekit.errors import BuildError

from helpers import ROOT


def config_in(project):
    (project / "docs").mkdir(exist_ok=True)
    config = MkDocsConfig(config_file_path=str(project / "mkdocs.yml"))
    config.load_dict({"site_name": "x", "docs_dir": str(project / "docs"), "site_dir": str(project / "site")})
    errors, _ = config.validate()
    assert not errors, errors
    config.plugins.on_startup(command="build", dirty=False)  # as MkDocs starts: files now say who made them
    return config


def test_the_stylesheet_fonts_and_licence_are_published(node_project):
    files = publish(Files([]), config_in(node_project))
    paths = {file.src_uri for file in files}
    assert {"assets/vendor/katex/katex.min.css", "assets/vendor/katex/LICENSE"} <= paths
    assert any(path.startswith("assets/vendor/katex/fonts/") and path.endswith(".woff2") for path in paths)
    assert not [path for path in paths if path.endswith(".js")], "formulas are typeset at build time: no KaTeX script"


def test_without_node_modules_the_build_says_npm_ci(tmp_path):
    (tmp_path / "package.json").write_text((ROOT / "package.json").read_text())
    with pytest.raises(FormulaError, match=r"node_modules is missing \(KaTeX is served from it\): run `npm ci`"):
        publish(Files([]), config_in(tmp_path))


def test_another_katex_than_the_pinned_one_fails(tmp_path):
    (tmp_path / "package.json").write_text((ROOT / "package.json").read_text())
    (tmp_path / "node_modules" / "katex").mkdir(parents=True)
    (tmp_path / "node_modules" / "katex" / "package.json").write_text(json.dumps({"version": "0.0.1"}))
    with pytest.raises(
        BuildError, match=r"node_modules/katex/package\.json is katex 0\.0\.1, package\.json pins .*run `npm ci`"
    ):
        publish(Files([]), config_in(tmp_path))


def test_a_dependency_the_site_does_not_publish_fails(node_project):
    manifest = json.loads((node_project / "package.json").read_text())
    manifest["dependencies"]["left-pad"] = "1.3.0"
    (node_project / "package.json").write_text(json.dumps(manifest))
    with pytest.raises(
        FormulaError, match=r"package\.json depends on \['left-pad'\], which formulas/assets\.py does not publish"
    ):
        publish(Files([]), config_in(node_project))
