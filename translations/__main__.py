"""python -m translations update | status

update  builds the English edition once (mkdocs.en.yml, into a temporary folder),
        collecting every unit it meets, reads the comments and docstrings of the
        code files and the diagram's labels (translations/code.py), and brings
        translations/en/*.po up to them as msgmerge does (see catalogs.py); writes
        the English code files (snippets/x.en.py beside x.py) and the English
        notebooks' code cells from code.po; then lists what awaits a
        translation. Translate those entries (any PO editor: Poedit, Lokalize,
        Weblate, or a text editor), remove their `fuzzy` flag, and build.
status  counts the entries of each catalog: translated, fuzzy, untranslated, obsolete.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

from translations import code
from translations.catalogs import ARTICLE, CODE, SITE, Unit, article_key, read_or_new, update_article, update_site
from translations.markdown import COLLECT_ENV

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE = "en"
CONFIG = "mkdocs.en.yml"


def collect_units() -> tuple[list[Unit], list[Unit]]:
    """The units of the English edition, in the order of the pages, from one build of it."""
    with tempfile.TemporaryDirectory() as tmp:
        units_file = Path(tmp) / "units.jsonl"
        env = dict(os.environ, **{COLLECT_ENV: str(units_file)}, NO_MKDOCS_2_WARNING="1")
        env.pop("SITE_URL", None)
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-f", CONFIG, "--site-dir", str(Path(tmp) / "site")],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            sys.exit(f"translations: the English build failed:\n{result.stderr[-4000:]}")
        lines = units_file.read_text(encoding="utf-8").splitlines() if units_file.exists() else []
    article: dict[str, Unit] = {}
    site: dict[tuple[str, str], Unit] = {}
    for line in lines:
        found = json.loads(line)
        page = found["page"] or found["tag"]
        if found["catalog"] == "article":
            key = article_key(found["context"], found["original"])
            known = article.get(key)
            if known is not None and known.original != found["original"]:
                sys.exit(
                    f"translations: #{found['context']} holds two texts ({known.pages[0]}, {page}): ids must be unique"
                )
            article[key] = Unit(
                "article", found["context"], found["original"], tuple(sorted({*(known.pages if known else ()), page}))
            )
        else:
            key = (found["context"], found["original"])
            known = site.get(key)
            site[key] = Unit(
                "site", found["context"], found["original"], tuple(sorted({*(known.pages if known else ()), page}))
            )
    return list(article.values()), list(site.values())


def pending(po: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in po if not entry.obsolete and (not entry.msgstr or "fuzzy" in entry.flags)]


def update(folder: Path) -> int:
    article_units, site_units = collect_units()
    folder.mkdir(parents=True, exist_ok=True)
    waiting = 0
    code_units = [Unit("code", "", original, tuple(files)) for original, files in code.collect_units()]
    for name, units, merge in (
        (ARTICLE, article_units, update_article),
        (SITE, site_units, update_site),
        (CODE, code_units, update_site),
    ):
        path = folder / name
        po, counts = merge(read_or_new(path, LANGUAGE), units, LANGUAGE)
        po.save(str(path))
        print(
            f"{path.relative_to(ROOT)}: {len(units)} units; "
            + ", ".join(f"{count} {what}" for what, count in counts.items())
        )
        for entry in pending(po):
            waiting += 1
            what = "fuzzy" if "fuzzy" in entry.flags else "untranslated"
            key = f"#{entry.msgctxt}" if entry.msgctxt else repr(entry.msgid[:50])
            print(f"  {what}: {key} ({entry.comment})")
    written, problems = code.write_all(code.catalogs(folder))
    for path in written:
        print(f"wrote {code.rel(path)}")
    from snippets import freeze

    for path in freeze.refresh_english_code():
        print(f"wrote the English code into {code.rel(path)}")
    if problems:
        print(f"{len(problems)} comments, docstrings or labels stay Chinese in the English code files until translated")
    print(f"{waiting} units await a translation" if waiting else "every unit is translated")
    return 0


def status(folder: Path) -> int:
    for name in (ARTICLE, SITE, CODE):
        po = read_or_new(folder / name, LANGUAGE)
        live = [entry for entry in po if not entry.obsolete]
        fuzzy = sum("fuzzy" in entry.flags for entry in live)
        empty = sum(not entry.msgstr for entry in live)
        print(
            f"{name}: {len(live) - fuzzy - empty} translated, {fuzzy} fuzzy, {empty} untranslated, "
            f"{len(po) - len(live)} obsolete"
        )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m translations", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["update", "status"])
    args = parser.parse_args()
    folder = ROOT / "translations" / LANGUAGE
    return update(folder) if args.command == "update" else status(folder)


if __name__ == "__main__":
    sys.exit(main())
