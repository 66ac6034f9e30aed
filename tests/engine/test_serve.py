"""`mkdocs serve` shows the site `mkdocs build` makes, also after an edit (no speed-up may drop a feature).

A copy of the project is served; one page is edited; once the server has
rebuilt, the files it serves are compared with a `mkdocs build --strict` of the
edited copy at the same address: the same set of files, each byte-identical,
except for the one difference serving makes on purpose (csp/ allows
inline scripts under `mkdocs serve` for its livereload script, so the policy's
script-src differs). The edit must be on its page and in the print edition.
"""

from __future__ import annotations

import filecmp
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from helpers import ROOT, copy_project, mkdocs_build

EDITED_PAGE = "docs/8-summary.md"
ADDED = "本站测试：serve 重建后这一句应出现在页面和打印版中。"
CSP_META = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
EPOCH = "1700000000"  # both builds on the same day, as a deployment would be


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`mkdocs serve` in `project`, its log read on a thread, its site in a temporary folder we know."""

    def __init__(self, project: Path, temp: Path, port: int):
        temp.mkdir()
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(temp), SOURCE_DATE_EPOCH=EPOCH)
        env.pop("SITE_URL", None)
        self.temp = temp
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=lambda: self.lines.extend(self.process.stdout), daemon=True).start()

    def wait_for(self, needle: str, after: int = 0, seconds: float = 180) -> int:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for index in range(after, len(self.lines)):
                if needle in self.lines[index]:
                    return index + 1
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"mkdocs serve never printed {needle!r}:\n" + "".join(self.lines[-30:]))

    def site(self) -> Path:
        (site,) = self.temp.glob("mkdocs_*")
        return site

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def test_the_served_site_is_the_built_site_after_an_edit(tmp_path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    server = Server(project, tmp_path / "serve-tmp", port)
    try:
        seen = server.wait_for("Serving on")
        page = project / EDITED_PAGE
        page.write_text(page.read_text(encoding="utf-8") + f"\n{ADDED}\n", encoding="utf-8")
        seen = server.wait_for("Detected file changes", seen)
        server.wait_for("Reloading browsers", seen)
        served = server.site()
        built = tmp_path / "built"
        # `mkdocs serve` serves the original edition only (translations/edition.py), so the build compared
        # is the original's too (TRANSLATIONS=0); the edit would make its English unit stale anyway.
        result = mkdocs_build(
            project, built, SITE_URL=f"http://127.0.0.1:{port}/", SOURCE_DATE_EPOCH=EPOCH, TRANSLATIONS="0"
        )
        assert result.returncode == 0, result.stderr[-2000:]

        files = lambda root: sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())  # noqa: E731
        assert files(served) == files(built), "mkdocs serve and mkdocs build wrote different files"
        # _headers holds nothing but the policy, which differs on purpose.
        _, mismatch, errors = filecmp.cmpfiles(
            served, built, [f for f in files(built) if f != "_headers"], shallow=False
        )
        differ = [
            name
            for name in mismatch + errors
            if CSP_META.sub(b"", (served / name).read_bytes()) != CSP_META.sub(b"", (built / name).read_bytes())
        ]
        assert not differ, f"served and built files differ beyond the policy: {differ[:10]}"
        for name in ("8-summary/index.html", "print_page/index.html"):
            assert ADDED in (served / name).read_text(encoding="utf-8"), f"the edit is not in the served {name}"
        served_policy = CSP_META.search((served / "index.html").read_bytes())[0]
        assert b"'unsafe-inline'" in served_policy.split(b"script-src")[1].split(b";")[0], (
            "serving allows livereload's inline script"
        )
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("target", "address", "pages", "language"),
    [("serve", "ADDR", ("", "4-math/"), "zh"), ("serve-en", "EN_ADDR", ("en/", "en/4-math/"), "en")],
)
def test_make_serve_previews_the_edition_without_the_print_page(tmp_path, target, address, pages, language):
    """The README's commands (serve-en once stopped at its first build: mkdocs serve made the site
    URL the server's root, without the edition's path). A preview leaves the print page out
    (FULL_SITE=false); `make serve-full` serves everything."""
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(tmp_path), SOURCE_DATE_EPOCH=EPOCH)
    env.pop("SITE_URL", None)
    process = subprocess.Popen(
        ["make", "--no-print-directory", target, f"{address}=127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True).start()
    try:
        deadline = time.monotonic() + 180
        while not any("Serving on" in line for line in lines):
            assert process.poll() is None and time.monotonic() < deadline, f"make {target} did not serve:\n" + "".join(
                lines[-30:]
            )
            time.sleep(0.1)
        for path in pages:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}") as response:
                page = response.read().decode("utf-8")
            assert f'<html lang="{language}"' in page, f"make {target}: /{path} is not the {language} edition"
            assert "print_page/" not in page, f"make {target}: /{path} links to the print page a preview leaves out"
        with pytest.raises(urllib.error.HTTPError, match="404"):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/{pages[0]}print_page/")
        # The server logs every 404 as a WARNING, this test's own request too, and its log line may
        # arrive after the response: wait for it, so that it is excluded every time, not by chance.
        own_request = f'"GET /{pages[0]}print_page/ HTTP/1.1" code 404'
        deadline = time.monotonic() + 10
        while not any(own_request in line for line in lines):
            assert time.monotonic() < deadline, f"make {target} did not log the 404 of {own_request}"
            time.sleep(0.05)
        problems = [line for line in lines if ("WARNING" in line or "ERROR" in line) and own_request not in line]
        assert not problems, f"make {target}:\n" + "".join(problems)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
