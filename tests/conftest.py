"""Shared fixtures: one strict build of the site per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What a build needs; a temporary copy of these is a complete project (the citation
# processor's cache comes along, so a copy starts Node only for what its edit changes).
PROJECT_FILES = [
    "mkdocs.yml", "mkdocs.en.yml", "package.json", "docs", "snippets", "includes", "overrides", "hooks", "citations",
    "print_edition", "translations", "node_modules",
    ".cache/citations",
    ".cache/katex",
]

sys.path.insert(0, str(Path(__file__).parent))


def mkdocs_build(project: Path, site_dir: Path, **env_vars: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` in `project`; output captured for assertions.

    SITE_URL and PDF are unset unless given in `env_vars` (e.g. SITE_URL="https://…/").
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    env.pop("PDF", None)
    env.update(env_vars)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


def copy_project(dest: Path) -> Path:
    """A throw-away copy of the project, for tests that break things on purpose."""
    dest.mkdir(parents=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            # node_modules is large and read-only for us: link it, don't copy.
            if name == "node_modules":
                (dest / name).symlink_to(src)
            else:
                shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


def build_edited_copy(tmp_path: Path, path: str, old: str, new: str, translations: bool = False) -> subprocess.CompletedProcess:
    """Build a copy of the project in which `path` has its first `old` replaced by `new`.

    The site goes to tmp_path/"site"; the test asserts on the returned result. The copy
    builds the original edition only (TRANSLATIONS=0: an edit of the Chinese text makes
    its English units stale, which fails a strict build by design) unless `translations`.
    """
    project = copy_project(tmp_path / "project")
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return mkdocs_build(project, tmp_path / "site", TRANSLATIONS="1" if translations else "0")


def utc_today() -> date:
    return datetime.now(timezone.utc).date()


@pytest.fixture(scope="session")
def build(tmp_path_factory) -> subprocess.CompletedProcess:
    site = tmp_path_factory.mktemp("site")
    started = utc_today()
    result = mkdocs_build(ROOT, site)
    result.site_dir = site
    # The UTC days the build ran on: its date when SOURCE_DATE_EPOCH is not set.
    result.days = {started, utc_today()}
    return result


@pytest.fixture(scope="session")
def site(build) -> Path:
    """The built site's directory (the build must have succeeded)."""
    assert build.returncode == 0, f"mkdocs build --strict failed:\n{build.stderr}"
    return build.site_dir


# A deployment: site_url set, and a fixed build time (SOURCE_DATE_EPOCH = 2023-11-14 22:13:20 UTC).
DEPLOYED_URL = "https://example.org/article/"
DEPLOYED_EPOCH = "1700000000"


@pytest.fixture(scope="session")
def deployed_site(tmp_path_factory) -> Path:
    """The site built as for deployment (`make pdf` in the publish workflow): SITE_URL and
    SOURCE_DATE_EPOCH set, and PDF=1, so it holds the PDF edition and the pages that offer it."""
    site = tmp_path_factory.mktemp("deployed-site")
    result = mkdocs_build(ROOT, site, SITE_URL=DEPLOYED_URL, SOURCE_DATE_EPOCH=DEPLOYED_EPOCH, PDF="1")
    assert result.returncode == 0, f"mkdocs build --strict with SITE_URL and PDF=1 failed:\n{result.stderr}"
    return site
