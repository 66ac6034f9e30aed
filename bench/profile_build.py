"""Where a build spends its time: per plugin/hook event, and cProfile's top functions.

    python bench/profile_build.py serve          # a `mkdocs serve` rebuild (this project)
    python bench/profile_build.py build          # a warm `mkdocs build`, imports included
    python bench/profile_build.py serve --project /tmp/peer --top 40

`serve` does what `mkdocs serve` does after a file is saved, in one process:
load the configuration again and build (after one warm-up build, so imports,
jieba's dictionary and the caches are warm, as in a running server); the
event times come from a rebuild without the profiler, the functions from one
with it. `build`
profiles a whole warm `mkdocs build` in a fresh interpreter, where importing
the plugins is part of the cost. Both print the seconds each event handler
took (the same handler on many pages is summed), then cProfile's functions by
cumulative time.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import logging
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed_events(spent: collections.Counter) -> None:
    """Count the seconds of every event handler, by event and plugin (MkDocs 1.6's run_event, timed)."""
    from mkdocs import plugins

    def run_event(self, name, item=None, **kwargs):
        pass_item = item is not None
        for method in self.events[name]:
            self._current_plugin = self._event_origins.get(method, "<unknown>")
            start = time.perf_counter()
            result = method(item, **kwargs) if pass_item else method(**kwargs)
            spent[f"on_{name}: {self._current_plugin}"] += time.perf_counter() - start
            if result is not None:
                item = result
        self._current_plugin = None
        return item

    plugins.PluginCollection.run_event = run_event


def rebuild(site: str) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(site_dir=site)
    config.plugins.on_startup(command="serve", dirty=False)
    config.site_url = "http://127.0.0.1:8000/"
    build(config, serve_url=config.site_url)


def report(spent: collections.Counter, profile: cProfile.Profile, total: float, top: int) -> None:
    print(f"\n{total:.3f} s in all; event handlers (summed over pages):")
    for name, seconds in spent.most_common():
        if seconds >= 0.005:
            print(f"  {seconds:7.3f}  {name}")
    print()
    pstats.Stats(profile).sort_stats("cumulative").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["serve", "build"])
    parser.add_argument("--project", type=Path, default=ROOT, help="the project to build (default: this one)")
    parser.add_argument("--top", type=int, default=30, help="functions to list")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.chdir(args.project)
    site = tempfile.mkdtemp(prefix="profile_site_")

    if args.what == "build" and not args.child:
        rebuild_args = [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", site]
        subprocess.run(rebuild_args, check=True)  # warm the caches (.cache/, jieba)
        subprocess.run(
            [sys.executable, __file__, "build", "--child", "--project", str(args.project), "--top", str(args.top)],
            check=True,
        )
        return

    logging.disable(logging.WARNING)
    spent: collections.Counter = collections.Counter()
    profile = cProfile.Profile()
    if args.what == "serve":
        rebuild(site)  # the server's first build
        timed_events(spent)
        start = time.perf_counter()
        rebuild(site)  # timed without the profiler, whose overhead is uneven
        total, timed = time.perf_counter() - start, spent.copy()
        profile.enable()
        rebuild(site)
        profile.disable()
        report(timed, profile, total, args.top)
        return
    else:
        # Imports count: the plugin modules are imported while the configuration loads.
        start = time.perf_counter()
        profile.enable()
        timed_events(spent)
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        build(load_config(site_dir=site))
    profile.disable()
    report(spent, profile, time.perf_counter() - start, args.top)


if __name__ == "__main__":
    main()
