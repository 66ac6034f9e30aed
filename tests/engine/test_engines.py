"""The engines that build this site: MkDocs 1.6 (what `make` runs) and ProperDocs, its maintained
drop-in fork, build the same site: the same files with the same bytes, apart from the generator tag.

The README's "Engine" section says why this is tested: MkDocs 1.x gets no releases, and
ProperDocs is the one-command way off it. The test skips only where `properdocs` is not
installed (requirements.txt installs it, so `make test` and CI always run it).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

# <meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">; "mkdocs-ProperDocs 1.6.7, …" in its build.
GENERATOR = re.compile(
    rb'<meta name="generator" content="mkdocs-(?:[0-9.]+|ProperDocs [0-9.]+), (mkdocs-material-[0-9.]+)">'
)


def properdocs_build(site_dir: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    env.pop("SITE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def without_generator(data: bytes) -> bytes:
    return GENERATOR.sub(rb'<meta name="generator" content="(engine), \1">', data)


def test_properdocs_builds_the_same_site_as_mkdocs(site, tmp_path):
    pytest.importorskip("properdocs", reason="ProperDocs is not installed (pip install -r requirements.txt)")
    result = properdocs_build(tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr, result.stderr[-3000:]

    ours, theirs = files_of(site), files_of(tmp_path / "site")
    assert sorted(ours) == sorted(theirs), (
        f"only mkdocs: {sorted(set(ours) - set(theirs))}; only properdocs: {sorted(set(theirs) - set(ours))}"
    )
    differing = [name for name in ours if ours[name] != theirs[name]]
    assert differing, "the builds should differ in their generator tag: is the test comparing one build with itself?"
    still = [name for name in differing if without_generator(ours[name]) != without_generator(theirs[name])]
    assert not still, f"{len(still)} of {len(ours)} files differ beyond the generator tag, e.g. {still[:5]}"
    assert b"mkdocs-ProperDocs 1.6" in theirs["index.html"] and b"mkdocs-1.6" in ours["index.html"]
