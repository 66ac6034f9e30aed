"""5.1 set-up script: valid bash, clean under ShellCheck, and installs what the project uses."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup

from snippets import catalog

SCRIPT = catalog.find("5.1").path
REQUIREMENTS = catalog.ROOT / "requirements.txt"
HOW_TO_ENABLE = "install ShellCheck (apt-get install shellcheck) to run this check"
# Packages the article installs that the project deliberately does not pin, with the reason.
# (matplotlib was one until snippets/figures.py drew the run figures with it; it is pinned now.)
ACCEPTED: dict[str, str] = {}


def article_pip_packages() -> list[str]:
    section = SCRIPT.read_text(encoding="utf-8").split("[end:")[0]
    return [
        pkg for line in section.splitlines() if (m := re.match(r"\s*pip install (.+)", line)) for pkg in m[1].split()
    ]


def pinned() -> set[str]:
    names = (re.split(r"[=<>!~\[ ;]", line, maxsplit=1)[0] for line in REQUIREMENTS.read_text().splitlines())
    return {name.lower() for name in names if name and not name.startswith("#")}


@pytest.fixture(scope="module")
def shellcheck() -> str:
    path = shutil.which("shellcheck")
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail(f"shellcheck not found; CI must run this check: {HOW_TO_ENABLE}")
    pytest.skip(HOW_TO_ENABLE)


def test_is_valid_bash():
    result = subprocess.run(["bash", "-n", str(SCRIPT)], capture_output=True, text=True)
    assert result.returncode == 0, f"{SCRIPT.name}: bash -n: {result.stderr}"


def test_shellcheck_finds_nothing(shellcheck):
    result = subprocess.run([shellcheck, "--severity=style", str(SCRIPT)], capture_output=True, text=True)
    assert result.returncode == 0, f"{SCRIPT.name}: ShellCheck:\n{result.stdout}{result.stderr}"


def test_reads_the_articles_install_line():
    assert article_pip_packages() == ["tensorflow", "numpy", "matplotlib"]


@pytest.mark.parametrize("package", article_pip_packages())
def test_installed_packages_are_ones_the_project_uses(package):
    if package in ACCEPTED:
        users = [
            p.name
            for p in catalog.SNIPPETS.glob("*.py")
            if re.search(rf"^\s*(import|from) {package}\b", p.read_text(), re.M)
        ]
        assert not users, f"{package} is now imported by {users}: pin it in requirements.txt and drop it from ACCEPTED"
    else:
        assert package in pinned(), f"{SCRIPT.name} installs {package!r}, which requirements.txt does not pin"


def test_each_accepted_exception_is_explained_on_the_page(site):
    soup = BeautifulSoup((site / "5-project" / "index.html").read_text(encoding="utf-8"), "html.parser")
    notes = [box.get_text() for box in soup.select(".admonition") if "编者注" in box.get_text()]
    for package, reason in ACCEPTED.items():
        assert any(package in note for note in notes), (
            f"5-project.md: no 编者注 explains why {package} is installed ({reason})"
        )
