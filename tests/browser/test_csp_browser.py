"""The browser enforces the site's Content-Security-Policy.

tests/browser/page_checks.py shows that no page of the real site breaks it. Here
a copy of the project is tampered with in the two ways the policy exists for: a
template that loads a script from another host, and an inline script nobody
hashed, added to a built page (as a host's "snippet injection" or a later
build step would; a hook that runs after csp/ fails the build, see
tests/built/test_csp.py). Chromium must refuse both, and the check the every-page
test applies (Visit.problems) must report them.
"""

from __future__ import annotations

import pytest

from .conftest import Visit, serving
from helpers import copy_project, mkdocs_build

THIRD_PARTY_SCRIPT = "https://third-party.example/track.js"
UNHASHED_SCRIPT = "<script>window.tampered = true</script>"


@pytest.fixture(scope="module")
def tampered_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("tampered") / "project")
    template = project / "overrides" / "main.html"
    template.write_text(
        template.read_text(encoding="utf-8").replace(
            "{% block extrahead %}", f'{{% block extrahead %}}\n  <script src="{THIRD_PARTY_SCRIPT}"></script>', 1
        ),
        encoding="utf-8",
    )
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, f"the copy with a third-party script should still build:\n{result.stderr}"
    landing = project / "site" / "index.html"
    html = landing.read_text(encoding="utf-8")
    assert THIRD_PARTY_SCRIPT in html
    landing.write_text(html.replace("</body>", UNHASHED_SCRIPT + "</body>", 1), encoding="utf-8")
    with serving(project / "site") as url:
        yield url


@pytest.fixture
def tampered_visit(browser, tampered_site):
    v = Visit(browser, tampered_site)
    v.failures = {}  # url -> why the browser did not fetch it
    v.context.on("requestfailed", lambda request: v.failures.setdefault(request.url, request.failure))
    yield v
    v.context.close()


def test_a_script_from_another_host_is_blocked_and_reported(tampered_visit):
    v = tampered_visit
    v.goto("")
    blocked = [
        violation
        for violation in v.csp_violations
        if violation.startswith(f"script-src-elem blocked {THIRD_PARTY_SCRIPT}")
    ]
    assert blocked, f"Chromium did not report the third-party script as blocked; violations: {v.csp_violations}"
    # Chromium announces the request, then refuses to send it ("csp").
    assert v.failures.get(THIRD_PARTY_SCRIPT) == "csp", f"not refused by the policy: {v.failures}"
    assert any("Content-Security-Policy violations" in problem for problem in v.problems()), v.problems()


def test_an_inline_script_without_a_hash_is_blocked_and_reported(tampered_visit):
    v = tampered_visit
    tab = v.goto("")
    assert any(violation.startswith("script-src-elem blocked inline") for violation in v.csp_violations), (
        f"Chromium did not report the unhashed inline script; violations: {v.csp_violations}"
    )
    assert tab.evaluate("window.tampered") is None, "the unhashed inline script ran"
    assert any("Content-Security-Policy violations" in problem for problem in v.problems()), v.problems()
