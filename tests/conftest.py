"""Fixtures: one strict build of the site per test run, however many workers run it; the
deployed site likewise. Helpers the tests import are in helpers.py."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

# The tests import helpers.py, site_html.py, citation_html.py and manuscript.py from here.
sys.path.insert(0, str(Path(__file__).parent))

from helpers import DEPLOYED_EPOCH, DEPLOYED_URL, ROOT, mkdocs_build, once_per_run, utc_today  # noqa: E402


@pytest.fixture(scope="session")
def build(tmp_path_factory) -> subprocess.CompletedProcess:
    def make(site: Path) -> dict:
        started = utc_today()
        result = mkdocs_build(ROOT, site)
        # The UTC days the build ran on: its date when SOURCE_DATE_EPOCH is not set.
        days = sorted({started, utc_today()})
        return {
            "args": result.args,
            "returncode": result.returncode,
            "stdout": result.stdout,
            "stderr": result.stderr,
            "days": [day.isoformat() for day in days],
        }

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
