"""Benchmark our site against a default Material build of the same manuscript.

    python bench/run.py            # everything: builds, Lighthouse on every page, build timings
    python bench/run.py --no-lighthouse --rounds 5
    python bench/run.py --rounds 0 --pages / /notebooks/s3_1_deep_learning_model/   # Lighthouse on a few pages

Both sites are served on 127.0.0.1 with gzip, as static hosts do. Lighthouse
(npm, installed into bench/node_modules on first use) runs in its default
mobile mode against Debian's Chromium (CHROME_PATH), three times per page (its
total blocking time varies by ±0.1 s between runs); the table shows the run
with the median performance score. Build timings alternate
ours and the peer and report medians and ratios: a cold build (no .cache/),
a warm one, and three saves of one page under a running `mkdocs serve`, each
timed from the save to "Reloading browsers" (what an editor waits for: it
includes MkDocs' polling watcher, which looks every 0.5 s, and its 0.1 s
debounce) and from "Building documentation..." to "Reloading browsers" (the
rebuild alone: configuration and build). Prints
Markdown tables and writes everything as JSON to bench/results/latest.json.
`python bench/profile_build.py serve|build` shows where a build's time goes.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from peer import write_peer

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".mjs", ".map", ".ipynb")
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
ENV.pop("SITE_URL", None)
# `mkdocs serve` as each project's README starts it: ours as `make serve` does (a preview
# without the print page, FULL_SITE=false), the peer as plain `mkdocs serve`.
SERVE_ENV = {"ours": dict(ENV, FULL_SITE="false"), "peer": ENV}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it (like any CDN or nginx)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        compressible = path.is_file() and path.suffix in COMPRESSIBLE
        if not compressible or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()  # also redirects /dir -> /dir/
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def mkdocs(project: Path, *args: str) -> float:
    """Run `mkdocs build` in `project`; return wall seconds. Fails loudly."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args], cwd=project, env=ENV, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {project}:\n{result.stderr[-3000:]}")
    return elapsed


def cold_build(project: Path, site: Path) -> float:
    for cache in (site, project / ".cache"):
        shutil.rmtree(cache, ignore_errors=True)
    return mkdocs(project, "--site-dir", str(site))


def serve_rebuilds(project: Path, page: Path, env: dict, edits: int = 5) -> tuple[list[float], list[float]]:
    """Save `page` `edits` times under one `mkdocs serve`: (seconds from the save to
    "Reloading browsers", seconds from "Building documentation..." to "Reloading
    browsers", i.e. the rebuild itself) per save. (MkDocs's own "Documentation built
    in …" is not used: its log filter drops a message it has printed before.)"""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    log = ServerLog(process)
    original = page.read_bytes()
    walls, builds = [], []
    # MkDocs' watcher looks every 0.5 s. Saving a fixed time after the last rebuild would put
    # every save at the same phase of its polling, one that depends on how long a rebuild
    # takes; an editor saves at any moment. The same seeded delays for every site.
    phases = random.Random(0)
    try:
        log.wait_for("Serving on")
        time.sleep(3)  # MkDocs' polling watcher takes its first snapshot of the watched folders
        for edit in range(edits):
            # A save can be seen twice (the write truncates, then fills the file): let any
            # rebuild of the last save finish, and count only lines printed after this save.
            log.wait_until_quiet(1.0)
            time.sleep(phases.uniform(0, 0.5))
            start = time.perf_counter()
            page.write_bytes(original + b"\n" * (edit + 1))  # a save that changes the file each time
            building = log.wait_for("Building documentation", after=start)
            reloading = log.wait_for("Reloading browsers", after=building)
            walls.append(reloading - start)
            builds.append(reloading - building)
        return walls, builds
    finally:
        page.write_bytes(original)
        process.terminate()
        process.wait(timeout=30)


class ServerLog:
    """The lines `mkdocs serve` prints, read on a thread, so a wait can time out."""

    def __init__(self, process: subprocess.Popen):
        self.process = process
        self.lines: list[tuple[float, str]] = []  # (time.perf_counter() when read, line)
        self.seen = 0
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        for line in self.process.stdout:
            self.lines.append((time.perf_counter(), line))

    def wait_for(self, needle: str, after: float = float("-inf"), timeout: float = 300) -> float:
        """When the next line holding `needle`, printed at `after` or later, was printed."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            while self.seen < len(self.lines):
                printed, line = self.lines[self.seen]
                self.seen += 1
                if needle in line and printed >= after:
                    return printed
            time.sleep(0.005)
        raise SystemExit(
            f"mkdocs serve never printed {needle!r}; its last lines:\n" + "".join(line for _, line in self.lines[-20:])
        )

    def wait_until_quiet(self, seconds: float, timeout: float = 60) -> None:
        """Until nothing has been printed for `seconds`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            last = self.lines[-1][0] if self.lines else float("-inf")
            if time.perf_counter() - last >= seconds:
                return
            time.sleep(0.05)
        raise SystemExit(
            f"mkdocs serve kept printing for {timeout} s; its last lines:\n"
            + "".join(line for _, line in self.lines[-20:])
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lighthouse(url: str) -> dict:
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", shutil.which("chromium") or ""))
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet", f"--chrome-flags={CHROME_FLAGS}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    return {
        **{
            name: report["categories"][name]["score"]
            for name in ("performance", "accessibility", "best-practices", "seo")
        },
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "total_kb": audits["total-byte-weight"]["numericValue"] / 1024,
        "js_kb": sum(r.get("transferSize", 0) for r in requests if r.get("resourceType") == "Script") / 1024,
        "failed_audits": sorted(
            key
            for key, audit in audits.items()
            if audit.get("score") is not None
            and audit["score"] < 1
            and audit.get("scoreDisplayMode") in ("binary", "metricSavings")
        ),
    }


def pages_of(site: Path) -> list[str]:
    return sorted(
        str(p.relative_to(site).parent).removeprefix(".") + "/" if p.parent != site else ""
        for p in site.rglob("index.html")
    )


def ensure_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=BENCH, check=True)


def markdown_table(rows: list[dict]) -> str:
    head = "| site | page | perf | a11y | best pr. | SEO | FCP ms | LCP ms | TBT ms | CLS | total KB | JS KB |"
    lines = [head, "|" + "---|" * 12]
    for r in rows:
        lines.append(
            f"| {r['site']} | /{r['page']} | {r['performance']:.2f} | {r['accessibility']:.2f} | "
            f"{r['best-practices']:.2f} | "
            f"{r['seo']:.2f} | {r['fcp_ms']:.0f} | {r['lcp_ms']:.0f} | {r['tbt_ms']:.0f} | {r['cls']:.3f} | "
            f"{r['total_kb']:.0f} | {r['js_kb']:.0f} |"
        )
    return "\n".join(lines)


def commit() -> str:
    """The commit measured, with `-dirty` when the working tree differs from it."""
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
    )
    return head + ("-dirty" if dirty.stdout.strip() else "")


def report_of(results: dict, args) -> str:
    """The dated Markdown record of a run: what was measured, where, and the tables."""
    lines = [
        f"# Benchmark of {results['commit']} on {results['date']}",
        "",
        f"`python bench/run.py {' '.join(sys.argv[1:])}` (bench/README.md says what each number is); "
        f"load average when it ended: {', '.join(f'{x:.2f}' for x in results['load_average'])}, "
        f"on {os.cpu_count()} cores.",
    ]
    if results["builds"]:
        lines += [
            "",
            f"## Build times (median seconds, {args.rounds} rounds, ours and the peer alternating)",
            "",
            "| | cold | warm | `mkdocs serve`: save → reload | `mkdocs serve`: the rebuild |",
            "|---|---|---|---|---|",
        ]
        for name in ("ours", "peer", "ratio_ours_to_peer"):
            b = results["builds"][name]
            lines.append(
                f"| {name} | {b['cold']:.2f} | {b['warm']:.2f} | {b['serve_one_page']:.2f} | {b['serve_rebuild']:.2f} |"
            )
    if results["pages"]:
        lines += ["", "## Lighthouse (mobile, default throttling)", "", markdown_table(results["pages"])]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--rounds", type=int, default=3, help="build-timing rounds per site (default 3; 0: build once, untimed)"
    )
    parser.add_argument("--no-lighthouse", action="store_true", help="only time the builds")
    parser.add_argument(
        "--lighthouse-runs",
        type=int,
        default=3,
        help="Lighthouse runs per page; the run with the median performance is reported (default 3)",
    )
    parser.add_argument(
        "--pages",
        nargs="+",
        metavar="PAGE",
        help="run Lighthouse on these pages only, as the table names them (/, "
        "/en/notebooks/s3_1_deep_learning_model/); "
        "each must be one of our pages; the peer's run where it has them",
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-"))
    peer = write_peer(work / "peer")
    projects = {"ours": ROOT, "peer": peer}
    sites = {name: work / f"site-{name}" for name in projects}
    results: dict = {"date": time.strftime("%Y-%m-%d"), "builds": {}, "pages": []}

    # Build timings, alternating ours and the peer so both see the same machine load.
    kinds = ("cold", "warm", "serve_one_page", "serve_rebuild")
    timings = {name: {kind: [] for kind in kinds} for name in projects}
    for _ in range(args.rounds):
        for name, project in projects.items():
            timings[name]["cold"].append(cold_build(project, sites[name]))
            timings[name]["warm"].append(mkdocs(project, "--site-dir", str(sites[name])))
            page = project / "docs" / ("4-math.md" if name == "ours" else "4.md")
            walls, builds = serve_rebuilds(project, page, SERVE_ENV[name])
            timings[name]["serve_one_page"] += walls
            timings[name]["serve_rebuild"] += builds
    if args.rounds:
        for name in projects:
            results["builds"][name] = {kind: statistics.median(values) for kind, values in timings[name].items()}
            results["builds"][name]["samples"] = timings[name]
        results["builds"]["ratio_ours_to_peer"] = {
            kind: results["builds"]["ours"][kind] / results["builds"]["peer"][kind] for kind in kinds
        }
    else:
        for name, project in projects.items():
            cold_build(project, sites[name])

    if args.pages:  # a page named wrongly ("en/" for "/en/") would otherwise be skipped in silence
        unknown = sorted(set(args.pages) - {f"/{page}" for page in pages_of(sites["ours"])})
        if unknown:
            parser.error(
                f"--pages: {sites['ours']} has no page {', '.join(unknown)} (name pages as the table does: /, "
                "/en/4-math/)"
            )
    if not args.no_lighthouse:
        ensure_lighthouse()
        for name, site in sites.items():
            base, server = serve(site)
            try:
                for page in pages_of(site):
                    if args.pages and f"/{page}" not in args.pages:
                        continue
                    print(f"lighthouse {name} /{page}", file=sys.stderr, flush=True)
                    runs = sorted(
                        (lighthouse(base + page) for _ in range(args.lighthouse_runs)), key=lambda r: r["performance"]
                    )
                    median = runs[len(runs) // 2]
                    results["pages"].append(
                        {"site": name, "page": page, **median, "performance_runs": [r["performance"] for r in runs]}
                    )
            finally:
                server.shutdown()

    results["commit"] = commit()
    results["load_average"] = os.getloadavg()
    out = BENCH / "results"
    out.mkdir(exist_ok=True)
    report = report_of(results, args)
    stem = f"{results['date']}-{results['commit']}-{'builds' if args.no_lighthouse else 'run'}"
    (out / f"{stem}.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    (out / f"{stem}.md").write_text(report, encoding="utf-8")
    (out / "latest.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(report)
    print(f"Written: {out / stem}.md and .json")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
