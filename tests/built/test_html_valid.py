"""Valid HTML on every built page, valid and small CSS and JS of our own.

The W3C Nu HTML Checker (vnu.jar, from npm's `vnu-jar`, pinned in
package.json; run with Java: Debian's default-jre-headless) checks every .html
file of the build. It must report no error except the ALLOWED ones: messages
caused by a Material template we do not own, each with the reason it stays.
An allowed message that no longer occurs fails the test too, so the list
cannot outlive its reasons. Without Java the test skips locally and fails in CI.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
HOW_TO_ENABLE = "install Java 11 or later (apt-get install default-jre-headless) and run `npm ci`"


@dataclass(frozen=True)
class Allowed:
    message: str  # regular expression for the checker's message
    markup: str  # regular expression for the markup it points at
    template: str  # where the markup comes from
    reason: str  # why it stays


ALLOWED = [
    Allowed(
        message=r"Attribute “autocomplete” is only allowed when the input type is .*",
        markup=r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" '
        r'id="__(drawer|search)" autocomplete="off">',
        template="material/templates/base.html: the hidden checkboxes that open the navigation drawer and the search",
        reason="Firefox restores a checkbox's checked state when the reader returns to a page "
        "(MDN, <input type=checkbox>); autocomplete=off is the one way to stop the drawer or the search from "
        "reopening by itself. HTML allows the attribute only on text-like inputs, but removing it "
        "(overriding base.html) would bring that bug back.",
    ),
]

# What we write ourselves, as opposed to what Material, the plugins or npm packages ship.
OWN_FRONT_END = ["docs/**/*.css", "docs/**/*.js", "overrides/**/*.css", "overrides/**/*.js"]
OWN_FILE_BUDGET = 8 * 1024  # bytes, unminified: a library belongs in package.json and formulas/assets.py


@pytest.fixture(scope="module")
def java() -> str:
    path = shutil.which("java")
    if not path:
        if os.environ.get("CI"):
            pytest.fail(f"Java not found; CI must run the Nu HTML Checker: {HOW_TO_ENABLE}")
        pytest.skip(f"the Nu HTML Checker needs Java: {HOW_TO_ENABLE}")
    assert VNU.is_file(), f"{VNU} is missing: {HOW_TO_ENABLE}"
    return path


def check(java: str, files: list[Path], *options: str) -> list[dict]:
    """The checker's errors for `files` (JSON messages: url, message, extract …)."""
    result = subprocess.run(
        [java, "-Xss1024k", "-jar", str(VNU), "--errors-only", "--format", "json", *options, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        messages = json.loads(result.stderr)["messages"]
    except (ValueError, KeyError):
        raise AssertionError(f"the Nu HTML Checker did not answer in JSON:\n{result.stdout}\n{result.stderr}") from None
    return [m for m in messages if m["type"] != "info"]


def markup(message: dict) -> str:
    start = message.get("hiliteStart", 0)
    return message.get("extract", "")[start : start + message.get("hiliteLength", 0)]


def allowance(message: dict) -> Allowed | None:
    return next(
        (a for a in ALLOWED if re.fullmatch(a.message, message["message"]) and re.fullmatch(a.markup, markup(message))),
        None,
    )


def unexpected(errors: list[dict], site: Path) -> list[str]:
    return [
        f"site/{Path(m['url'].removeprefix('file:')).relative_to(site).as_posix()}:{m.get('lastLine')}: "
        f"{m['message']}\n    {markup(m) or m.get('extract', '')!r}"
        for m in errors
        if allowance(m) is None
    ]


def test_every_page_is_valid_html(java, site):
    pages = sorted(site.rglob("*.html"))
    errors = check(java, pages)
    found = unexpected(errors, site)
    assert not found, f"{len(found)} errors of the Nu HTML Checker:\n" + "\n".join(found)
    unused = [a.template for a in ALLOWED if not any(allowance(m) is a for m in errors)]
    assert not unused, f"tests/built/test_html_valid.py: ALLOWED entries that no longer occur (remove them): {unused}"


def test_every_deployed_page_is_valid_html(java, deployed_site):
    """What only a deployment has: canonical URLs, the social cards' tags (Material's social plugin),
    the PDF's block."""
    found = unexpected(check(java, sorted(deployed_site.rglob("*.html"))), deployed_site)
    assert not found, f"{len(found)} errors of the Nu HTML Checker:\n" + "\n".join(found)


def test_allowed_messages_are_explained():
    for entry in ALLOWED:
        assert entry.template.startswith("material/templates/") and len(entry.reason) > 80, entry


def own_front_end_files() -> list[Path]:
    return sorted({path for pattern in OWN_FRONT_END for path in ROOT.glob(pattern)})


def test_our_stylesheets_are_valid_css(java):
    stylesheets = [path for path in own_front_end_files() if path.suffix == ".css"]
    assert stylesheets, "no stylesheet of ours found (docs/stylesheets/)"
    errors = check(java, stylesheets, "--css")
    assert not errors, "\n".join(f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in errors)


def test_our_scripts_parse_and_our_front_end_files_stay_small():
    files = own_front_end_files()
    too_big = [f"{p.relative_to(ROOT)}: {p.stat().st_size} bytes" for p in files if p.stat().st_size > OWN_FILE_BUDGET]
    assert not too_big, (
        f"over {OWN_FILE_BUDGET} bytes (a library belongs in package.json and formulas/assets.py): {too_big}"
    )
    for script in (p for p in files if p.suffix == ".js"):
        result = subprocess.run(["node", "--check", str(script)], capture_output=True, text=True)
        assert result.returncode == 0, f"{script.relative_to(ROOT)} does not parse:\n{result.stderr}"
