"""Shared fixtures: one strict build of the site per test run, however many workers run it."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What a build needs; a temporary copy of these is a complete project (the citation
# processor's cache comes along, so a copy starts Node only for what its edit changes).
PROJECT_FILES = [
    "mkdocs.yml", "mkdocs.en.yml", "package.json", "docs", "snippets", "includes", "overrides", "hooks", "citations",
    "print_edition", "social_cards", "translations", "node_modules",
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


def once_per_run(tmp_path_factory, name: str, make: Callable[[Path], dict]) -> tuple[Path, dict]:
    """`make(directory)`'s directory and record, made once per test run.

    Under pytest-xdist (`make test` runs two workers, each dealt whole test modules, so a
    module's own fixtures are made once) every worker has its own session, so a session
    fixture would build the site once per worker. The first worker to ask makes
    it under a lock in the run's common temporary directory and writes the record as JSON;
    the others wait for the lock and read it. Without xdist it is made in this session.
    """
    if "PYTEST_XDIST_WORKER" not in os.environ:
        directory = tmp_path_factory.mktemp(name)
        return directory, make(directory)
    common = tmp_path_factory.getbasetemp().parent  # pytest-of-…/pytest-N/, the parent of every worker's
    directory, record = common / name, common / f"{name}.json"
    with open(common / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not record.is_file():
            record.write_text(json.dumps(make(directory)), encoding="utf-8")
    return directory, json.loads(record.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def build(tmp_path_factory) -> subprocess.CompletedProcess:
    def make(site: Path) -> dict:
        started = utc_today()
        result = mkdocs_build(ROOT, site)
        # The UTC days the build ran on: its date when SOURCE_DATE_EPOCH is not set.
        days = sorted({started, utc_today()})
        return {"args": result.args, "returncode": result.returncode, "stdout": result.stdout,
                "stderr": result.stderr, "days": [day.isoformat() for day in days]}

    site, record = once_per_run(tmp_path_factory, "site", make)
    result = subprocess.CompletedProcess(record["args"], record["returncode"], record["stdout"], record["stderr"])
    result.site_dir = site
    result.days = {date.fromisoformat(day) for day in record["days"]}
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
    def make(site: Path) -> dict:
        result = mkdocs_build(ROOT, site, SITE_URL=DEPLOYED_URL, SOURCE_DATE_EPOCH=DEPLOYED_EPOCH, PDF="1")
        return {"returncode": result.returncode, "stderr": result.stderr}

    site, record = once_per_run(tmp_path_factory, "deployed-site", make)
    assert record["returncode"] == 0, f"mkdocs build --strict with SITE_URL and PDF=1 failed:\n{record['stderr']}"
    return site
