"""What many tests share: where the project is, how a test builds it or a copy of it, and the
deployment the deployed-site fixture builds. (Fixtures are in conftest.py; helpers are imported.)"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a build needs; a temporary copy of these is a complete project. The build's caches come
# along (the Node tasks' answers, converted notebooks, compiled templates, the search index's
# entries and jieba's dictionary), so a copy builds like a warm tree, doing again only what its
# edit changes; a test of a cache empties it in its copy. Each of these caches writes a file aside
# and renames it into place (sitekit/cache_files.py; Jinja and jieba do so themselves), so a copy
# made while a build runs never takes half of one. (Social cards are not copied: 35 MB, and only
# builds with SITE_URL draw them.)
PACKAGES = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
PROJECT_FILES = [
    "mkdocs.yml",
    "mkdocs.en.yml",
    "package.json",
    "docs",
    "includes",
    "overrides",
    "hooks",
    *PACKAGES,
    "node_modules",
    ".cache/citations",
    ".cache/katex",
    ".cache/notebook-css",
    ".cache/mkdocs-jupyter",
    ".cache/mkdocs-jupyter-en",
    ".cache/jinja2",
    ".cache/search",
    ".cache/jieba",
]


def mkdocs_build(project: Path, site_dir: Path, *flags: str, **env_vars: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` in `project` (with more command-line `flags`, e.g. "-q"); output captured.

    SITE_URL and PDF are unset unless given in `env_vars` (e.g. SITE_URL="https://…/").
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    env.pop("PDF", None)
    env.update(env_vars)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *flags, "--site-dir", str(site_dir)],
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


def build_edited_copy(
    tmp_path: Path, path: str, old: str, new: str, translations: bool = False, *flags: str
) -> subprocess.CompletedProcess:
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
    return mkdocs_build(project, tmp_path / "site", *flags, TRANSLATIONS="1" if translations else "0")


def utc_today() -> date:
    return datetime.now(UTC).date()


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


# A deployment: site_url set, and a fixed build time (SOURCE_DATE_EPOCH = 2023-11-14 22:13:20 UTC).
DEPLOYED_URL = "https://example.org/article/"
DEPLOYED_EPOCH = "1700000000"


def run_as_a_reader(script: str, figures: Path) -> tuple[int, str]:
    """`python <script>` from the repository root, as a reader runs a snippet file (the figure
    code from snippets/figures.py beside it, not from PYTHONPATH), its figures drawn into
    `figures`: the exit code and the output, normalised as the frozen outputs are."""
    from snippets import freeze

    env = freeze.run_env(figures=figures)
    env.pop("PYTHONPATH")
    result = subprocess.run(
        [sys.executable, script],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=freeze.TIMEOUT,
    )
    return result.returncode, freeze.normalise(result.stdout.decode())


def output_shape(text: str) -> list[str]:
    """The lines with every number masked: equal across machines whose floats round differently."""
    return [re.sub(r"\d+(?:\.\d+)?(?:e-?\d+)?", "#", line) for line in text.splitlines()]
