"""What the frozen runs give the English edition: figures, captions, notebooks and the diagram, all from the same runs.

(The curve points of the English SVGs are read back in test_figures.py, with the Chinese ones;
staleness of every English file is tested there too, in a copy of the project.)
"""

from __future__ import annotations

import ast
import base64
import io
import json
import os
import re
import string
import xml.etree.ElementTree as ElementTree
from functools import cache

import pytest
import yaml

from snippets import catalog, diagrams, figures, freeze

RUNNABLE = catalog.runnable()
ARTICLE = [s for s in RUNNABLE if s.notebook is not None]
CONCEPT_MAP = catalog.find("2")
SVG = "{http://www.w3.org/2000/svg}"
# Han ideographs, CJK punctuation and full-width forms: what an English text must not contain.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
QUOTED_CHINESE = re.compile(r'<span lang="zh">[^<]*</span>')  # Chinese an English text quotes, marked as such


def drawn(snippet) -> list[dict]:
    return json.loads((snippet.figures / figures.INDEX).read_text(encoding="utf-8"))["figures"]


def placeholders(text: str) -> set[tuple[str, str]]:
    return {(field, spec) for _, field, spec, _ in string.Formatter().parse(text) if field is not None}


# The tables of words ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("chinese", "english"),
    [(figures.ZH, figures.EN), (freeze.NOTEBOOK_ZH, freeze.NOTEBOOK_EN)],
    ids=["figures", "notebooks"],
)
def test_each_chinese_string_has_its_english_with_the_same_placeholders(chinese, english):
    assert set(english) == set(chinese), (
        f"keys only in Chinese: {set(chinese) - set(english)}, only in English: {set(english) - set(chinese)}"
    )
    for key, text in chinese.items():
        assert placeholders(english[key]) == placeholders(text), (
            f"{key!r}: {english[key]!r} has not the placeholders of {text!r}"
        )
        assert not CJK.search(QUOTED_CHINESE.sub("", english[key])), f"{key!r}: Chinese in the English {english[key]!r}"


def class_names_passed() -> set[str]:
    """Every class name a snippet passes to show_image_grid (read from the modules' source)."""
    names = set()
    for snippet in RUNNABLE:
        for node in ast.walk(ast.parse(snippet.path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "class_names":
                names |= set(ast.literal_eval(node.value))
    return names


def test_every_class_name_a_snippet_passes_has_its_english():
    passed = class_names_passed()
    assert passed, "no snippet passes class_names"
    assert passed <= set(figures.EN_TERMS), f"no English for {passed - set(figures.EN_TERMS)} in figures.EN_TERMS"
    assert not any(CJK.search(word) for word in figures.EN_TERMS.values())


def test_a_class_name_without_english_is_refused_by_name(tmp_path, monkeypatch):
    monkeypatch.setattr(figures, "_written", [])
    monkeypatch.setenv(figures.FIGURES_ENV, str(tmp_path))
    with pytest.raises(ValueError, match=r"snippets/figures\.py: no en word for '三角形'; add it to EN_TERMS"):
        figures.show_image_grid([[[0.0]]] * 12, [0, 1] * 6, [0.5] * 12, class_names=("圆形", "三角形"))


def test_every_notebook_section_has_its_english_title():
    assert sorted(freeze.EN_TITLES) == sorted(s.section for s in ARTICLE)
    for snippet in ARTICLE:
        assert freeze.EN_TITLES[snippet.section].startswith(snippet.section + " ")


# Figures and captions ------------------------------------------------------------------------------


@pytest.mark.parametrize("snippet", RUNNABLE, ids=[s.id for s in RUNNABLE])
def test_each_figure_has_an_english_drawing_in_both_palettes_with_english_alt_text(snippet):
    for f in drawn(snippet):
        english = f["editions"]["en"]
        assert english["files"] == {"light": f"{f['name']}.en.light.svg", "dark": f"{f['name']}.en.dark.svg"}
        assert english["alt"].startswith(english["caption"].split(":")[0]) and len(english["alt"]) > 20, english["alt"]
        for text in (english["alt"], english["caption"]):
            assert not CJK.search(text), f"{snippet.figures.name}/{f['name']}: Chinese in {text!r}"
        # The same facts: every number of the Chinese alt text is in the English one (and in the same order).
        number = r"\d+(?:[.,]\d+)*"
        assert re.findall(number, english["alt"]) == re.findall(number, f["alt"]), (f["alt"], english["alt"])
        for file in english["files"].values():
            root = ElementTree.parse(snippet.figures / file).getroot()
            assert root[0].tag == f"{SVG}title" and root[0].text == english["alt"], (
                f"{file}: no <title> with the English alt text"
            )
            _, _, width, height = (float(v) for v in root.get("viewBox").split())
            assert (width, height) == tuple(
                float(v)
                for v in ElementTree.parse(snippet.figures / f["files"]["light"]).getroot().get("viewBox").split()[2:]
            )


@cache
def glyphs_to_characters() -> dict[str, str]:
    """matplotlib's glyph ids in our SVGs ('NotoSansCJKsc-Regular-4e2d': font name and glyph index) -> the character."""
    from fontTools.ttLib import TTCollection
    from matplotlib import font_manager

    try:
        path = font_manager.findfont(font_manager.FontProperties(family=figures.FONT), fallback_to_default=False)
    except ValueError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"{figures.FONT} is not installed (apt-get install fonts-noto-cjk)")
    found = {}
    for font in TTCollection(path).fonts:
        name = font["name"].getDebugName(6)  # the PostScript name, as matplotlib names the glyphs
        glyph_ids = {glyph: index for index, glyph in enumerate(font.getGlyphOrder())}
        for codepoint, glyph in font.getBestCmap().items():
            found.setdefault(f"{name}-{glyph_ids[glyph]:x}", chr(codepoint))
    return found


def characters_drawn(path) -> set[str]:
    """The characters an SVG draws: its text is glyph paths (<path id="…-<glyph index>">), not <text>."""
    ids = re.findall(r'<path id="([^"]+-[0-9a-f]+)"', path.read_text(encoding="utf-8"))
    return {glyphs_to_characters().get(glyph, "?") for glyph in ids}


@pytest.mark.parametrize("snippet", RUNNABLE, ids=[s.id for s in RUNNABLE])
def test_english_figures_draw_no_chinese_and_the_chinese_ones_do(snippet):
    for f in drawn(snippet):
        english = characters_drawn(snippet.figures / f["editions"]["en"]["files"]["light"])
        assert english and not CJK.search("".join(english)), (
            f"{f['name']}.en.light.svg draws {sorted(c for c in english if CJK.search(c))}"
        )
        assert CJK.search("".join(characters_drawn(snippet.figures / f["files"]["light"]))), (
            "the check sees no Chinese anywhere"
        )


@pytest.mark.parametrize("snippet", RUNNABLE, ids=[s.id for s in RUNNABLE])
def test_english_caption_include_mirrors_the_chinese_one(snippet):
    english = snippet.figures_include_en.read_text(encoding="utf-8")
    chinese = snippet.figures_include.read_text(encoding="utf-8")
    assert english == freeze.figures_markdown(snippet, drawn(snippet), "en")
    assert not CJK.search(english), f"{snippet.figures_include_en.name}: Chinese in it"

    def structure(text):
        return [
            re.sub(r"!\[.*\]\((.*?)(?:\.en)?(\.(?:light|dark)\.svg#only-\w+)\)", r"![](\1\2)", line)
            if line.startswith("![")
            else ("caption text" if line and not line.startswith("/") else line)
            for line in text.splitlines()
        ]

    assert structure(english) == structure(chinese), "not the same images, sizes, lazy loading and caption blocks"
    assert english.count(".en.light.svg#only-light") == english.count(".en.dark.svg#only-dark") == len(drawn(snippet))


# Notebooks --------------------------------------------------------------------------------------


def notebook(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def is_figure(output) -> bool:
    return output["output_type"] == "display_data" and "image/png" in output["data"]


@pytest.mark.parametrize("snippet", ARTICLE, ids=[s.id for s in ARTICLE])
def test_english_notebook_is_the_same_run_with_english_texts_and_figures(snippet):
    chinese, english = notebook(snippet.notebook), notebook(snippet.notebook_en)
    assert len(english["cells"]) == len(chinese["cells"])
    for index, (zh, en) in enumerate(zip(chinese["cells"], english["cells"], strict=True), start=1):
        where = f"{snippet.notebook_en.name}, cell {index}"
        assert (en["cell_type"], en["id"], en["metadata"]) == (zh["cell_type"], zh["id"], zh["metadata"]), where
        if zh["cell_type"] == "markdown":
            text = "".join(en["source"])
            assert text != "".join(zh["source"]) and not CJK.search(QUOTED_CHINESE.sub("", text)), (
                f"{where}: not English: {text[:80]!r}"
            )
            continue
        assert en["execution_count"] == zh["execution_count"], where
        # The code that ran, its comments and docstrings in English
        # (tests/snippets/test_english_code.py compares the tokens).
        freeze.english_code("".join(zh["source"]), "".join(en["source"]), where)
        assert len(en["outputs"]) == len(zh["outputs"]), where
        for zh_out, en_out in zip(zh["outputs"], en["outputs"], strict=True):
            if is_figure(zh_out):
                assert is_figure(en_out) and en_out["metadata"] == zh_out["metadata"], (
                    f"{where}: a figure output became {en_out}"
                )
                assert en_out["data"]["image/png"] != zh_out["data"]["image/png"], (
                    f"{where}: the Chinese drawing in the English notebook"
                )
            else:
                assert en_out == zh_out, f"{where}: an output that is not a figure differs"
    assert english["metadata"]["snippet"] == {
        **chinese["metadata"]["snippet"],
        "edition": "en",
        "edition_of": snippet.notebook.relative_to(catalog.ROOT).as_posix(),
        "about": english["metadata"]["snippet"]["about"],
    }
    assert {k: v for k, v in english["metadata"].items() if k != "snippet"} == {
        k: v for k, v in chinese["metadata"].items() if k != "snippet"
    }


@pytest.mark.parametrize("snippet", ARTICLE, ids=[s.id for s in ARTICLE])
def test_english_notebook_figures_are_the_english_drawings_with_english_alt_text(snippet):
    from PIL import Image

    code = [cell for cell in notebook(snippet.notebook_en)["cells"] if cell["cell_type"] == "code"]
    images = [out for out in code[-1]["outputs"] if is_figure(out)]
    frozen = drawn(snippet)
    assert ["".join(out["data"]["text/plain"]) for out in images] == [f["editions"]["en"]["alt"] for f in frozen]
    for out, f in zip(images, frozen, strict=True):
        assert set(out["data"]) == {"image/png", "text/plain"} and figures.EDITION_KEY not in out["metadata"]
        png = Image.open(io.BytesIO(base64.b64decode(out["data"]["image/png"])))
        assert all(
            abs(a - figures.PNG_SCALE * b) <= 1 for a, b in zip(png.size, (f["width"], f["height"]), strict=True)
        )
    assert notebook(snippet.notebook_en)["cells"][0]["source"][0] == f"# {freeze.EN_TITLES[snippet.section]}\n"


@pytest.mark.parametrize("snippet", ARTICLE, ids=[s.id for s in ARTICLE])
def test_notebook_texts_are_what_freeze_writes_today(snippet):
    """Our markdown cells live in snippets/freeze.py (NOTEBOOK_ZH/EN, EN_TITLES): edited there, the notebooks need
    a freeze."""
    for path, language in ((snippet.notebook, "zh"), (snippet.notebook_en, "en")):
        frozen = ["".join(cell["source"]) for cell in notebook(path)["cells"] if cell["cell_type"] == "markdown"]
        today = [cell.source for cell in freeze.notebook_cells(snippet, language) if cell.kind == "markdown"]
        assert frozen == today, (
            f"{path.name}: its markdown cells are not freeze.py's; run `python -m snippets freeze {snippet.id}`"
        )


def test_the_english_drawings_are_swapped_in_by_order_and_a_missing_one_fails():
    def figure(alt, mark=None):
        return {
            "output_type": "display_data",
            "data": {"image/png": alt, "text/plain": alt},
            "metadata": {"image/png": {}, **({figures.EDITION_KEY: mark} if mark else {})},
        }

    stream = {"output_type": "stream", "name": "stdout", "text": "x\n"}
    outputs = [stream, figure("曲线"), figure("curves", "en"), figure("模型"), figure("model", "en")]
    assert freeze.edition_outputs(outputs, "zh", "here") == [stream, figure("曲线"), figure("模型")]
    assert freeze.edition_outputs(outputs, "en", "here") == [stream, figure("curves"), figure("model")]
    with pytest.raises(freeze.SnippetFailed, match="here: not every figure was also drawn in 'en'"):
        freeze.edition_outputs(outputs[:4], "en", "here")
    with pytest.raises(freeze.SnippetFailed, match="here: a figure drawn in 'en' follows no figure of the original"):
        freeze.edition_outputs([stream, figure("curves", "en")], "en", "here")


# The diagram ------------------------------------------------------------------------------------


def node_labels(svg: str) -> dict[str, str]:
    """Each node's id (without the drawing's prefix) and the words of its label, as drawn."""
    root = ElementTree.fromstring(svg)
    found = {}
    for node in root.iter(f"{SVG}g"):
        if "node" in (node.get("class") or "").split():
            rows = [tspan for tspan in node.iter(f"{SVG}tspan") if "row" in (tspan.get("class") or "").split()]
            words = " ".join("".join(row.itertext()) for row in rows)  # Mermaid wraps a label over rows
            found[node.get("id").rsplit("-flowchart-", 1)[1]] = " ".join(words.split())
    return found


def test_english_diagram_has_the_translated_label_on_each_node_and_english_name_and_description():
    chinese = diagrams.svg_path(CONCEPT_MAP).read_text(encoding="utf-8")
    english = diagrams.svg_path(CONCEPT_MAP, "en").read_text(encoding="utf-8")
    zh_nodes, en_nodes = node_labels(chinese), node_labels(english)
    assert len(zh_nodes) == 6 and set(en_nodes) == set(zh_nodes), "the same six nodes"
    words = diagrams.labels(CONCEPT_MAP)
    assert en_nodes == {node: words[label] for node, label in zh_nodes.items()}, "each node its label's translation"
    assert all(CJK.search(label) for label in zh_nodes.values()), "the Chinese drawing keeps the author's labels"
    assert not CJK.search("".join(ElementTree.fromstring(english).itertext())), (
        "no Chinese anywhere in the English drawing"
    )
    # The labels are the glossary's terms.
    glossary = {
        term["zh"]: term["en"]
        for term in yaml.safe_load((catalog.ROOT / "translations" / "glossary.yml").read_text(encoding="utf-8"))
    }
    for label, translation in words.items():
        if label in glossary:
            forms = glossary[label] if isinstance(glossary[label], list) else [glossary[label]]
            assert translation.lower() in [form.lower() for form in forms], (label, translation, forms)
    source = CONCEPT_MAP.path.read_text(encoding="utf-8")
    ours = {m["key"]: m["text"] for m in diagrams.EN_LINE.finditer(source)}
    svg = ElementTree.fromstring(english)
    assert (svg.find(f"{SVG}title").text, svg.find(f"{SVG}desc").text) == (ours["accTitle"], ours["accDescr"])
    assert not CJK.search(ours["accTitle"] + ours["accDescr"])
    assert diagrams.stale(CONCEPT_MAP) is None


def test_english_fence_shows_the_english_svg_and_the_chinese_fence_the_chinese():
    source = diagrams.article_section(CONCEPT_MAP)
    html = diagrams.fence_en(source, "mermaid", "diagram", {}, None)
    english = diagrams.svg_path(CONCEPT_MAP, "en").read_text(encoding="utf-8").strip()
    assert (
        html == f'<figure class="diagram" data-search-exclude data-diagram="{CONCEPT_MAP.rel}">\n{english}\n</figure>'
    )
    assert 'lang="zh"' not in html, "the labels are English"
    assert diagrams.fence(source, "mermaid", "diagram", {}, None) == diagrams.figure(source), (
        "the Chinese fence changed"
    )
    assert "大模型技术" in diagrams.figure(source)


def test_a_label_without_its_translation_cannot_be_drawn_in_english(tmp_path):
    copy = tmp_path / CONCEPT_MAP.path.name
    copy.write_text(
        CONCEPT_MAP.path.read_text(encoding="utf-8").replace("E[市场需求]", "E[市场需要]"), encoding="utf-8"
    )
    with pytest.raises(
        diagrams.DiagramError,
        match=r"the node label '市场需要' has no translation: run `python -m translations update` "
        r"and translate it in translations/en/code\.po",
    ):
        diagrams.source_in(catalog.Snippet(copy, "2", keras3=False), "en")


def test_an_mmd_without_its_english_lines_cannot_be_drawn_in_english(tmp_path):
    copy = tmp_path / CONCEPT_MAP.path.name
    copy.write_text(
        re.sub(r"^%% en accDescr: .*\n", "", CONCEPT_MAP.path.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8"
    )
    with pytest.raises(
        diagrams.DiagramError,
        match=r"needs one `accDescr: …` line .* and one `%% en accDescr: …` line .*; found 1 and 0",
    ):
        diagrams.source_in(catalog.Snippet(copy, "2", keras3=False), "en")


# The Chinese build leaves them out --------------------------------------------------------------


def test_the_chinese_site_publishes_no_english_file(site):
    # site/en/ is the English edition; the original edition is everything else.
    english = sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.relative_to(site).parts[0] != "en" and (".en." in path.name or path.name.endswith(".en"))
    )
    assert not english, f"the Chinese build published {english}"
    assert not (site / "notebooks" / f"{ARTICLE[0].name}.en").exists()
    assert (site / "figures" / RUNNABLE[0].name / "training-curves.light.svg").is_file()
