"""The article's Mermaid diagram, drawn once and frozen as SVG (like the frozen outputs).

`python -m snippets freeze 2` renders `snippets/s2_concept_map.mmd` with the
pinned Mermaid (node_modules/mermaid, installed by `npm ci`) in Debian's
Chromium, driven by Playwright, and writes `snippets/s2_concept_map.svg` next
to it. The manifest (snippets/_frozen/manifest.json) records the stamp of the
drawing: the sha256 of the .mmd file, the Mermaid version package.json pins,
the sha256 of RENDER_CONFIG, and the sha256 of the SVG. `stale()` compares
them without a browser, so the tests and the build check it everywhere.

Pages show the diagram through a custom superfences fence (mkdocs.yml):

    ```mermaid
    --8<-- "snippets/s2_concept_map.mmd:article"
    ```

`fence()` finds the .mmd whose `article` section is exactly the fence's text
and returns its frozen SVG, inline, so the page needs no JavaScript, and it
fails the build when there is none or it is stale. The SVG's colours are
Material's `--md-mermaid-*` CSS variables (THEME_CSS), so the inline drawing
follows the light/dark toggle. Its accessible name and description are the
`accTitle`/`accDescr` lines we add below the article's section of the .mmd.

The English edition shows the same diagram drawn in English: its node labels
are the translations of the author's labels in translations/en/code.po (units
like the code's comments, translations/code.py; the glossary's terms), and it
is named and described in English: the .mmd holds those lines as comments,
`%% en accTitle: …` and `%% en accDescr: …`. The freeze draws the file again
with the labels and our lines in English into `<name>.en.svg`, stamped like
the Chinese SVG plus the sha256 of the label translations it used
(`labels_en_sha256`): a changed translation makes the English drawing stale.
The English build names `fence_en` as its fence. The Chinese page keeps the
author's labels, and the Mermaid source tab shows the author's source in both.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
from pathlib import Path

from sitekit import pins
from sitekit.edition import ORIGINAL
from snippets.catalog import FROZEN, ROOT, Snippet, all_snippets

MERMAID_JS = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
MANIFEST = FROZEN / "manifest.json"
LANGUAGES = (ORIGINAL, "en")  # the article's, then the English edition's
OUR_LINE = re.compile(r"^[ \t]*(?P<key>accTitle|accDescr): .*$", re.M)  # our accessibility lines (Mermaid syntax)
NODES = '<g class="nodes"'  # Mermaid's group of the nodes, with their labels
CHINESE_TEXT = re.compile(r">[^<]*[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60][^<]*<")  # in an element's text
EN_LINE = re.compile(r"^%% en (?P<key>accTitle|accDescr): (?P<text>.+)$", re.M)  # their English, as Mermaid comments
ARTICLE = re.compile(
    r"^%% -{1,}8<-{1,}\s+\[start:article\]\n(?P<body>.*?)\n%% -{1,}8<-{1,}\s+\[end:article\]$", re.M | re.S
)

# Chromium as the browser tests start it (no sandbox as root, nothing fetched in the background).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Material's font stack (theme font: false), so labels are measured in the fonts pages use.
FONT_FAMILY = "-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif"

# The colours of Material's own Mermaid integration (its mermaid/index.css), reduced to
# what a flowchart with SVG text labels uses. They are CSS variables of the page, so
# the inline SVG follows Material's palette toggle.
THEME_CSS = (
    ".node rect,.node circle,.node ellipse,.node polygon,.node path"
    "{fill:var(--md-mermaid-node-bg-color);stroke:var(--md-mermaid-node-fg-color)}"
    ".label,.nodeLabel,.label text,.nodeLabel text"
    "{fill:var(--md-mermaid-label-fg-color);color:var(--md-mermaid-label-fg-color);font-family:var(--md-mermaid-font-family)}"
    ".edgePath .path,.flowchart-link{stroke:var(--md-mermaid-edge-color)}"
    "marker,.marker{fill:var(--md-mermaid-edge-color)!important;stroke:var(--md-mermaid-edge-color)!important}"
    ".edgeLabel .label rect{fill:transparent}"
)

RENDER_CONFIG = {
    "startOnLoad": False,
    "securityLevel": "strict",
    # The same ids on every run: the SVG is byte-identical when nothing changed.
    "deterministicIds": True,
    # SVG <text> labels, centred on their boxes: they stay in place in any font,
    # unlike HTML labels in fixed-size <foreignObject>s.
    "htmlLabels": False,
    "flowchart": {"htmlLabels": False},
    "fontFamily": FONT_FAMILY,
    "themeCSS": THEME_CSS,
}


class DiagramError(RuntimeError):
    """A diagram that cannot be shown; the message names the file and the fix."""


def diagrams() -> list[Snippet]:
    return [s for s in all_snippets() if s.kind == "mermaid"]


def svg_path(snippet: Snippet, language: str = ORIGINAL) -> Path:
    """`s2_concept_map.svg`, or in English `s2_concept_map.en.svg`."""
    return snippet.path.with_suffix(".svg" if language == ORIGINAL else f".{language}.svg")


def labels(snippet: Snippet, language: str = "en") -> dict[str, str]:
    """The node labels of the .mmd and their translations in `language` (translations/<language>/code.po)."""
    from translations import code

    source = snippet.path.read_text(encoding="utf-8")
    books = code.catalogs(code.CATALOGS / language)
    found, missing = {}, []
    for unit in code.units_of(snippet.path, source):
        text, reason = code.translation(unit, books)
        if text is None:
            missing.append(f"{unit.original!r} {reason}")
        else:
            found[unit.original] = text
    if missing:
        raise DiagramError(
            f"{snippet.rel}: the node label {missing[0]}: run `{code.UPDATE_COMMAND}` and translate it in "
            f"translations/{language}/{code.CODE}"
        )
    return found


def labels_sha256(snippet: Snippet, language: str = "en") -> str:
    return _sha256(json.dumps(labels(snippet, language), sort_keys=True, ensure_ascii=False).encode("utf-8"))


def source_in(snippet: Snippet, language: str) -> str:
    """The .mmd as Mermaid draws it in `language`: in English, the node labels and our accTitle/accDescr lines in
    English."""
    text = snippet.path.read_text(encoding="utf-8")
    if language == ORIGINAL:
        return text
    from translations import code

    labels(snippet, language)  # every label translated, or a DiagramError naming the first that is not
    text, problems = code.english(snippet.path, code.catalogs(code.CATALOGS / language), text)
    if problems:
        raise DiagramError(str(problems[0]))
    ours = [m["key"] for m in OUR_LINE.finditer(text)]
    english = [(m["key"], m["text"]) for m in EN_LINE.finditer(text)]
    for key in ("accTitle", "accDescr"):
        found = (ours.count(key), [k for k, _ in english].count(key))
        if found != (1, 1):
            raise DiagramError(
                f"{snippet.rel}: needs one `{key}: …` line below the article section and one "
                f"`%% en {key}: …` line with its English; found {found[0]} and {found[1]}"
            )
    ours_en = dict(english)
    return OUR_LINE.sub(lambda m: m[0][: m.start("key") - m.start()] + f"{m['key']}: {ours_en[m['key']]}", text)


def _rel(path: Path) -> str:
    """`snippets/…` for the project's files (any other path as given), like Snippet.rel."""
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def refresh(snippet: Snippet) -> str:
    return f"run `python -m snippets freeze {snippet.id}` (needs Chromium and `npm ci`)"


def article_section(snippet: Snippet) -> str:
    found = ARTICLE.search(snippet.path.read_text(encoding="utf-8"))
    if found is None:
        raise DiagramError(f"{snippet.rel}: no `article` section between `%% --8<--` start and end markers")
    return found["body"]


def mermaid_version() -> str:
    """The Mermaid version package.json pins (a devDependency: no page loads it)."""
    try:
        return pins.pinned("mermaid", ROOT)
    except pins.PinError as error:
        raise DiagramError(str(error)) from None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def config_sha256() -> str:
    return _sha256(json.dumps(RENDER_CONFIG, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def stamp(snippet: Snippet) -> dict[str, str]:
    """Everything that changes the drawing, as the manifest records it."""
    return {
        "source": snippet.rel,
        "sha256": snippet.sha256(),
        "mermaid": mermaid_version(),
        "config_sha256": config_sha256(),
    }


def _manifest() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.exists() else {}


def stale(snippet: Snippet, languages: tuple[str, ...] = LANGUAGES) -> str | None:
    """Why a frozen SVG of `snippet` (in any of `languages`) is missing or out of date, or None."""
    for language in languages:
        if reason := _stale(snippet, language):
            return reason
    return None


def _stale(snippet: Snippet, language: str) -> str | None:
    svg = _rel(svg_path(snippet, language))
    key = "svg" if language == ORIGINAL else f"svg_{language}"
    entry = _manifest().get(snippet.name)
    if entry is None:
        return f"{snippet.rel}: no frozen SVG in {MANIFEST.relative_to(ROOT)}; {refresh(snippet)}"
    current = stamp(snippet)
    if entry.get("sha256") != current["sha256"]:
        return f"{snippet.rel} changed since {svg} was drawn; {refresh(snippet)}"
    if entry.get("mermaid") != current["mermaid"]:
        return (
            f"{svg} was drawn with Mermaid {entry.get('mermaid')}, "
            f"package.json pins {current['mermaid']}; {refresh(snippet)}"
        )
    if entry.get("config_sha256") != current["config_sha256"]:
        return f"{svg} was drawn with another RENDER_CONFIG (snippets/diagrams.py); {refresh(snippet)}"
    if language != ORIGINAL:
        try:
            drawn_with = labels_sha256(snippet, language)
        except DiagramError as error:
            return str(error)
        if entry.get(f"labels_{language}_sha256") != drawn_with:
            return (
                f"{svg} was drawn with other node labels than translations/{language}/code.po has now; "
                f"{refresh(snippet)}"
            )
    if not svg_path(snippet, language).is_file():
        return f"{snippet.rel}: frozen SVG {svg} is missing; {refresh(snippet)}"
    if key not in entry:
        return f"{snippet.rel}: {svg} is not in {MANIFEST.relative_to(ROOT)}; {refresh(snippet)}"
    if entry.get(f"{key}_sha256") != _sha256(svg_path(snippet, language).read_bytes()):
        return f"{svg} was edited by hand (its sha256 is not the one frozen); {refresh(snippet)}"
    return None


# Drawing ----------------------------------------------------------------------


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise DiagramError(
            "drawing a diagram needs Chromium: apt-get install chromium fonts-noto-cjk (or set CHROMIUM_PATH)"
        )
    return path


def render(snippet: Snippet, browser=None, language: str = ORIGINAL) -> str:
    """The SVG Mermaid draws from the whole .mmd file (the article's lines and our accTitle/accDescr).

    In a Playwright `browser` if given (the browser tests have one), else in a Chromium of its own.
    In English (`language="en"`), from the file with our lines in English (source_in).
    """
    try:
        pins.checked("mermaid", ROOT)
    except pins.PinError as error:
        raise DiagramError(str(error)) from None
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            try:
                return render(snippet, browser, language)
            finally:
                browser.close()

    from playwright.sync_api import Error as PlaywrightError

    page = browser.new_page()
    try:
        page.set_content("<!doctype html><html lang='zh'><head><meta charset='utf-8'></head><body></body></html>")
        page.add_script_tag(path=str(MERMAID_JS))
        svg = page.evaluate(
            "async ([id, text, config]) => { mermaid.initialize(config); return (await mermaid.render(id, text)).svg }",
            [snippet.path.stem.replace("_", "-"), source_in(snippet, language), RENDER_CONFIG],
        )
    except PlaywrightError as error:
        raise DiagramError(f"{snippet.rel}: Mermaid cannot draw it: {error.message.splitlines()[0]}") from None
    finally:
        page.close()
    missing = [name for name in ("<title", "<desc") if name not in svg]
    if missing:
        raise DiagramError(
            f"{snippet.rel}: the drawing has no {' or '.join(missing)}: add accTitle/accDescr lines below the "
            "article section"
        )
    return svg + "\n"


def freeze(snippet: Snippet) -> list[Path]:
    """Draw `snippet` in each language, write its SVGs next to it and their stamp into the manifest."""
    from playwright.sync_api import sync_playwright

    entry = stamp(snippet)
    paths = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            drawn = {language: render(snippet, browser, language) for language in LANGUAGES}
        finally:
            browser.close()
    for language, svg in drawn.items():
        key = "svg" if language == ORIGINAL else f"svg_{language}"
        path = svg_path(snippet, language)
        path.write_text(svg, encoding="utf-8")
        entry |= {key: path.relative_to(ROOT).as_posix(), f"{key}_sha256": _sha256(svg.encode("utf-8"))}
        if language != ORIGINAL:
            entry[f"labels_{language}_sha256"] = labels_sha256(snippet, language)
        paths.append(path)
    manifest = _manifest()
    manifest[snippet.name] = entry
    FROZEN.mkdir(exist_ok=True)
    MANIFEST.write_text(json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return paths


# The page side: a superfences custom fence ---------------------------------------


def fence(source: str, language: str, css_class: str, options: dict, md, **kwargs) -> str:
    """The frozen SVG of the snippet whose article section is `source`, as an inline figure.

    Superfences turns any other exception of a fence into a plain code block
    without a word; SuperFencesException is the one it lets through to fail the build.
    """
    from pymdownx.superfences import SuperFencesException

    try:
        return figure(source)
    except DiagramError as error:
        raise SuperFencesException(f"snippets/diagrams.py: {error}") from None


def fence_en(source: str, language: str, css_class: str, options: dict, md, **kwargs) -> str:
    """`fence` for the English edition: the same diagram drawn in English (`<name>.en.svg`): its node
    labels, name and description."""
    from pymdownx.superfences import SuperFencesException

    try:
        return figure(source, "en")
    except DiagramError as error:
        raise SuperFencesException(f"snippets/diagrams.py: {error}") from None


def figure(source: str, language: str = ORIGINAL) -> str:
    text = source.strip("\n")
    matches = [s for s in diagrams() if article_section(s).strip("\n") == text]
    if not matches:
        known = ", ".join(s.rel for s in diagrams()) or "none"
        raise DiagramError(
            f"a ```mermaid block matches the article section of no snippets/*.mmd file (known: {known}); "
            f"diagrams are included from snippets/ and drawn by `python -m snippets freeze`. It begins: {text[:60]!r}"
        )
    snippet = matches[0]
    if reason := stale(snippet, (language,)):
        raise DiagramError(reason)
    svg = svg_path(snippet, language).read_text(encoding="utf-8").strip()
    if language != ORIGINAL and CHINESE_TEXT.search(svg):
        raise DiagramError(f"{_rel(svg_path(snippet, language))}: Chinese in the English drawing; {refresh(snippet)}")
    # Kept out of the search index: the 源码 tab next to it holds the same words.
    return f'<figure class="diagram" data-search-exclude data-diagram="{html.escape(snippet.rel)}">\n{svg}\n</figure>'
