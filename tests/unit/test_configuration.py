"""The project's configuration files: mkdocs.yml read strictly, npm packages pinned and locked exactly."""

from __future__ import annotations

import fnmatch
import json
import re

import pytest
import yaml

from helpers import ROOT

PACKAGE_JSON = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))


def test_mkdocs_yml_has_no_duplicate_keys():
    """YAML keeps the last of two equal keys silently; a merge can leave one behind."""

    class StrictLoader(yaml.SafeLoader):
        def construct_mapping(self, node, deep=False):
            keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
            duplicates = {key for key in keys if keys.count(key) > 1}
            assert not duplicates, f"mkdocs.yml line {node.start_mark.line + 1}: duplicate keys {sorted(duplicates)}"
            return super().construct_mapping(node, deep=deep)

    StrictLoader.add_multi_constructor("", lambda loader, suffix, node: None)
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        yaml.load((ROOT / name).read_text(encoding="utf-8"), Loader=StrictLoader)


def test_the_lock_pins_exactly_what_package_json_pins():
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    for package, version in {**PACKAGE_JSON["dependencies"], **PACKAGE_JSON["devDependencies"]}.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), (
            f"package.json: {package} must be pinned exactly, not {version!r}"
        )
        locked = lock["packages"][f"node_modules/{package}"]["version"]
        assert locked == version, (
            f"package-lock.json: {package} is {locked}, package.json pins {version}: run npm install"
        )
    assert PACKAGE_JSON["devDependencies"]["mermaid"].startswith("11."), (
        "Material 9.x's Mermaid colours (THEME_CSS) target Mermaid 11"
    )


def test_every_python_requirement_is_pinned_exactly():
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line and line != "-e .":
            assert re.fullmatch(r"[A-Za-z0-9_.\[\]-]+==[\w.]+", line), (
                f"requirements.txt: {line!r} is not pinned exactly"
            )


def test_every_package_the_hooks_import_is_installed_by_pyproject():
    """The hooks and mkdocs.yml name the packages; pip installs those pyproject.toml lists (`-e .`)."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    imported = {
        m
        for hook in (ROOT / "hooks").glob("*.py")
        for m in re.findall(r"^(?:from|import) (\w+)", hook.read_text(), re.M)
    }
    ours = {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"tests"}
    assert imported & ours <= listed and ours <= listed, f"not installed: {sorted((imported & ours | ours) - listed)}"


def test_hooks_are_doors():
    """A hook forwards MkDocs' events to one package: short, no regular expression, no subprocess."""
    for hook in sorted((ROOT / "hooks").glob("*.py")):
        text = hook.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 80, f"{hook.name}: {len(text.splitlines())} lines"
        assert not re.search(r"^\s*(?:import|from)\s+(?:re|subprocess)\b", text, re.M), (
            f"{hook.name} imports re or subprocess"
        )
        assert hook.name.endswith("_hook.py"), f"{hook.name}: a hook named like its package would shadow the package"


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
    result = subprocess.run(
        [npm, "ci", "--dry-run", "--engine-strict", "--ignore-scripts", "--no-audit", "--no-fund"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "EBADENGINE" not in result.stderr and "notsup" not in result.stderr, result.stderr[-2000:]
    assert "npm warn" not in result.stderr, result.stderr[-2000:]


def test_tests_import_helpers_not_conftest():
    """Fixtures live in conftest.py, which pytest loads; what tests import lives in helpers.py."""
    importing = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "tests").rglob("*.py")
        if re.search(r"^\s*(?:from conftest import|import conftest)\b", path.read_text(encoding="utf-8"), re.M)
    ]
    assert not importing, f"import from tests/helpers.py instead: {importing}"


def test_pytest_collects_every_test_folder(pytestconfig):
    """pytest skips folders matching `norecursedirs` without a word (by default `build`, `dist`,
    `venv`, …): a folder of tests named so would never run in `make test`."""
    patterns = pytestconfig.getini("norecursedirs")
    skipped = sorted(
        {
            f"tests/{folder.as_posix()}"
            for path in (ROOT / "tests").rglob("test_*.py")
            for folder in path.relative_to(ROOT / "tests").parents
            if folder.name and any(fnmatch.fnmatch(folder.name, pattern) for pattern in patterns)
        }
    )
    assert not skipped, f"pytest never collects {skipped} (norecursedirs {patterns}): rename the folder"
