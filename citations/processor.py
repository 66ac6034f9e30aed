"""The CSL processor, from Python: citeproc-js in one Node process per build, with a cache.

`Processor.run(request)` answers a request of citations/format.js (see there for
its form). Answers are cached in .cache/citations/, keyed on everything that
decides them: the request (records, styles, locators), the bytes of the style
and locale files it names, citations/format.js, and the installed citeproc
version. A build whose citation inputs are unchanged (a warm build, a
`mkdocs serve` rebuild after editing a sentence) never starts Node.

On the first request that is not cached, Node is started once; later requests of
the same build go to the same process; `close()` ends it (the hook calls it after
the build). Any failure raises ProcessorError naming what to do.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

DRIVER = "citations/format.js"
CACHE = ".cache/citations"
KEEP = 16  # cached answers kept (one build's answers are two files)
INSTALL = "run `npm ci` (or `make deps`) in the project folder"
log = logging.getLogger("mkdocs.citations")


class ProcessorError(Exception):
    pass


class Processor:
    def __init__(self, root: Path):
        self.root = root
        self.process: subprocess.Popen | None = None
        self.stderr = None

    # -- cache ---------------------------------------------------------------

    def citeproc_version(self) -> str:
        manifest = self.root / "node_modules" / "citeproc" / "package.json"
        try:
            installed = json.loads(manifest.read_text(encoding="utf-8"))["version"]
            pinned = json.loads((self.root / "package.json").read_text(encoding="utf-8"))["devDependencies"]["citeproc"]
        except (OSError, ValueError, KeyError) as error:
            raise ProcessorError(f"cannot read the citeproc version ({error}): {INSTALL}") from None
        if installed != pinned:
            raise ProcessorError(f"{manifest} is citeproc {installed}, package.json pins {pinned}: {INSTALL}")
        return installed

    def key(self, request: dict) -> str:
        digest = hashlib.sha256()
        digest.update(json.dumps(request, sort_keys=True, ensure_ascii=False).encode())
        files = [DRIVER, *(spec["file"] for spec in request["styles"].values()), *request["locales"].values()]
        for name in sorted(set(files)):
            try:
                digest.update(name.encode() + b"\0" + (self.root / name).read_bytes())
            except OSError as error:
                raise ProcessorError(f"{name}: {error.strerror}") from None
        digest.update(self.citeproc_version().encode())
        return digest.hexdigest()

    def run(self, request: dict) -> dict:
        cache = self.root / CACHE
        path = cache / f"{self.key(request)}.json"
        if path.is_file():
            path.touch()  # recently used: kept by the pruning below
            return json.loads(path.read_text(encoding="utf-8"))
        answer = self.ask(request)
        cache.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed: builds running at the same time never read half a file.
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, path)
        for old in sorted(cache.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]:
            old.unlink(missing_ok=True)
        return answer

    # -- the Node process ----------------------------------------------------

    def start(self) -> subprocess.Popen:
        node = shutil.which("node")
        if node is None:
            raise ProcessorError("Node.js (`node`) is not on PATH; the citations are formatted by citeproc-js under Node 20")
        self.stderr = tempfile.TemporaryFile()
        log.info("citations: formatting with citeproc-js (Node); the answers are cached in %s/", CACHE)
        return subprocess.Popen(
            [node, DRIVER],
            cwd=self.root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
            encoding="utf-8",
        )

    def ask(self, request: dict) -> dict:
        if self.process is None:
            self.process = self.start()
        try:
            self.process.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        except OSError:
            line = ""
        if not line:
            self.process.wait()
            raise ProcessorError(f"{DRIVER} stopped (exit code {self.process.returncode}): {self.errors() or INSTALL}")
        answer = json.loads(line)
        if "error" in answer:
            raise ProcessorError(f"citeproc-js could not format the citations: {answer['error']}")
        return answer

    def errors(self) -> str:
        self.stderr.seek(0)
        return self.stderr.read().decode("utf-8", "replace").strip()[-2000:]

    def close(self) -> None:
        if self.process is not None:
            self.process.stdin.close()
            self.process.wait()
            self.process.stdout.close()
            self.stderr.close()
            self.process = None
