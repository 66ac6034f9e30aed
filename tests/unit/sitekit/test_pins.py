"""sitekit/pins.py: an npm package is used only at the version package.json pins."""

from __future__ import annotations

import json

import pytest

from sitekit.pins import PinError, checked, pinned


@pytest.fixture
def project(tmp_path):
    (tmp_path / "package.json").write_text(
        json.dumps({"dependencies": {"katex": "1.2.3"}, "devDependencies": {"purgecss": "8.0.0"}})
    )
    return tmp_path


def install(project, package, version):
    folder = project / "node_modules" / package
    folder.mkdir(parents=True)
    (folder / "package.json").write_text(json.dumps({"version": version}))


def test_a_dependency_or_a_dev_dependency_is_pinned(project):
    assert pinned("katex", project) == "1.2.3" and pinned("purgecss", project) == "8.0.0"


def test_the_pinned_version_installed_passes(project):
    install(project, "katex", "1.2.3")
    assert checked("katex", project) == "1.2.3"


def test_another_version_fails_saying_npm_ci(project):
    install(project, "katex", "1.2.4")
    with pytest.raises(
        PinError, match=r"node_modules/katex/package\.json is katex 1\.2\.4, package\.json pins 1\.2\.3: run `npm ci`"
    ):
        checked("katex", project)


def test_a_missing_package_fails_saying_npm_ci(project):
    with pytest.raises(PinError, match=r"node_modules/katex/package\.json is missing or unreadable: run `npm ci`"):
        checked("katex", project)


def test_a_package_package_json_does_not_pin_fails(project):
    with pytest.raises(PinError, match=r"pins no 'mermaid'"):
        pinned("mermaid", project)
