"""Added by this site: draws a run as figures (training curves, data, model).

The snippets call these after training (the calls are ours, marked “Added by this site”):

    show_training(model.history)                         # loss and accuracy per epoch, from the run's History
    show_image_grid(…) / show_token_table(…) / show_clusters(…)   # what the model learned from
    show_model(model)                                    # layers, output shapes, parameter counts

Every figure is drawn from the objects of the run that calls it; nothing here
holds a number of its own. One function draws each figure in either language
of the site: its words come from the tables ZH and EN below (the same keys and
placeholders), so the English figure shows the same numbers. Where a figure
goes depends on how the module runs:

* `python -m snippets run|freeze` sets SNIPPETS_FIGURES=<folder>: each figure is
  written there four times, `<name>.light.svg` and `<name>.dark.svg` (Chinese,
  the article's language) and `<name>.en.light.svg` and `<name>.en.dark.svg`
  (the English edition), transparent, for Material's two palettes.
  `figures.json` lists them with their caption, alt text, size and the numbers
  they show.
* In Jupyter each figure is a PNG display output of the cell that drew it (on
  white): Jupyter shows SVG outputs only in notebooks the reader has trusted,
  PNG in every notebook. When the freeze asks for them
  (SNIPPETS_NOTEBOOK_EDITIONS=en), the English drawing of the same figure
  follows it, marked, for the English copy of the notebook.
* Otherwise nothing is drawn and matplotlib is not even imported, so importing
  a snippet (the tests do, often) costs nothing extra.

The SVGs are reproducible byte for byte: a fixed `svg.hashsalt`, no date, and
text drawn as paths in Noto Sans CJK SC (Debian's fonts-noto-cjk), so they
look the same on a reader's machine without any Chinese font.
"""

from __future__ import annotations

import base64
import io
import json
import os
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

FIGURES_ENV = "SNIPPETS_FIGURES"  # folder to write the SVGs to (set by `python -m snippets run|freeze`)
EDITIONS_ENV = "SNIPPETS_NOTEBOOK_EDITIONS"  # in Jupyter, also show these languages' drawings, marked (set by the freeze)
EDITION_KEY = "snippets-edition"  # output metadata marking such a drawing: {"snippets-edition": "en"}
INDEX = "figures.json"
FONT = "Noto Sans CJK SC"
FONT_MISSING = "the figures are drawn in the font {font!r}, which matplotlib cannot find; install it (Debian: apt-get install fonts-noto-cjk)"
WIDTH = 640  # CSS pixels; every figure is this wide, heights vary
PX = 1 / 96  # inches per CSS pixel
PNG_SCALE = 1.5  # pixels of a notebook figure per CSS pixel


@dataclass(frozen=True)
class Theme:
    name: str
    text: str
    muted: str
    rule: str  # axes, grid, box borders
    fill: str  # boxes and highlighted cells
    series: tuple[str, str, str]  # colour-blind-safe, at least 4.5:1 against the page background


# Transparent on the page: light on Material's white, dark on its slate (#1e2129).
THEMES = (
    Theme("light", text="#1f2328", muted="#4f5661", rule="#c5ccd6", fill="#e8edf5", series=("#0b63b0", "#b34700", "#2b7a3a")),
    Theme("dark", text="#e8eaf0", muted="#b8bfcc", rule="#4a505e", fill="#2e3442", series=("#74b9ff", "#ffa95e", "#7bd88f")),
)
LIGHT = THEMES[0]


# Words of the figures, one table per language --------------------------------------
# The same keys and the same placeholders in each (tests/snippets/test_english_edition.py
# checks); numbers are formatted by the placeholders, so both editions show the same ones.
# The Chinese is the site's original; the English follows the English edition's glossary
# (training curves, data, model structure) in American spelling.

ZH = {
    # training curves
    "loss": "损失（loss）",
    "accuracy": "准确率（accuracy）",
    "training set": "训练集",
    "validation set": "验证集",
    "epoch axis": "训练轮次（epoch）",
    "curves caption": "训练曲线：每轮训练后的损失与准确率（这次运行的 History）",
    "went": "从 {first:.3f} 变为 {last:.3f}",
    "curves alt": "训练曲线：{epochs} 轮训练中，训练集的损失{loss}，准确率{accuracy}{validation}。",
    "curves alt validation": "；验证集的损失{val_loss}，准确率{val_accuracy}",
    # a grid of images
    "wrong": " 错",
    "class row": "{name}\n（类别 {label}）",
    "grid caption": "数据：测试集的 {n} 张 {height}×{width} 合成图（与训练集同法生成），每张上方是模型给出的 P（类别 1）",
    "grid alt": "数据：{n} 张 {height}×{width} 的合成测试图，上排 {per_class} 张{class0}（类别 0），"
    "下排 {per_class} 张{class1}（类别 1）；每张标出模型判为类别 1（{class1}）的概率，{n} 张中判对 {correct} 张。",
    # a table of token sequences
    "tokens header": "词 id 序列（高亮：“正面”词）",
    "label column": "标签",
    "probability column": "P(标签 1)",
    "tokens caption": "数据：测试集的 {n} 个词 id 序列（与训练集同法生成），高亮的是“正面”词，右侧是标签与模型给出的 P(标签 1)",
    "tokens alt": "数据：{n} 个长度为 {length} 的词 id 序列组成的表，含“正面”词（{marked}）的格子高亮；"
    "每行右侧是真实标签和模型给出的标签 1 的概率，{n} 行中判对 {correct} 行。",
    # clusters
    "class": "类别 {k}",
    "first component": "第一主成分（解释 {share:.0%} 的方差）",
    "second component": "第二主成分（{share:.0%}）",
    "clusters caption": "数据：训练集前 {count} 个 {dims} 维样本投影到前两个主成分，按类别着色",
    "clusters alt": "数据：散点图，训练集前 {count} 个 {dims} 维样本投影到前两个主成分后的位置，"
    "{classes} 个类别用不同颜色和形状标出；{separated:.0%} 的点离本类别的中心最近。",
    # the model
    "input": "输入",
    "layer column": "层",
    "shape column": "输出形状（每个样本）",
    "params column": "参数个数",
    "activation": "，{activation}",
    "conv2d": "Conv2D {filters} 个 {kernel}{activation}",
    "total": "共 {total:,} 个参数（可训练 {trainable:,}）",
    "layer alt": "{layer}，输出 {shape}，{params} 个参数",
    "separator": "；",
    "model caption": "模型结构：各层的输出形状与参数个数（读自这次运行的模型）",
    "model alt": "模型结构，自上而下：输入 {input}；{layers}；共 {total:,} 个参数。",
}

EN = {
    # training curves
    "loss": "Loss",
    "accuracy": "Accuracy",
    "training set": "Training",
    "validation set": "Validation",
    "epoch axis": "Epoch",
    "curves caption": "Training curves: loss and accuracy after each epoch (this run's History)",
    "went": "from {first:.3f} to {last:.3f}",
    "curves alt": "Training curves: over {epochs} epochs of training, the loss on the training set went {loss} "
    "and the accuracy {accuracy}{validation}.",
    "curves alt validation": "; on the validation set, the loss went {val_loss} and the accuracy {val_accuracy}",
    # a grid of images
    "wrong": " ×",  # a misclassified one (" wrong" is wider than an image; the font has no ✗)
    "class row": "{name}\n(class {label})",
    "grid caption": "Data: {n} synthetic {height}×{width} test images (generated the same way as the training set), "
    "each with the model's P(class 1) above it",
    "grid alt": "Data: {n} synthetic {height}×{width} test images, the top row {per_class} of class 0 ({class0}), "
    "the bottom row {per_class} of class 1 ({class1}); each is labeled with the probability the model gives "
    "for class 1 ({class1}), {correct} of {n} classified correctly.",
    # a table of token sequences
    "tokens header": 'Token id sequences (highlighted: "positive" tokens)',  # a CJK font draws “ ” full width
    "label column": "Label",
    "probability column": "P(label 1)",
    "tokens caption": "Data: {n} token id sequences from the test set (generated the same way as the training set), "
    "“positive” tokens highlighted, with the label and the model's P(label 1) on the right",
    "tokens alt": "Data: a table of {n} token id sequences of length {length}, the cells holding “positive” tokens "
    "({marked}) highlighted; to the right of each row, the true label and the probability of label 1 the model gives, "
    "{correct} of {n} rows classified correctly.",
    # clusters
    "class": "Class {k}",
    "first component": "First principal component ({share:.0%} of the variance)",
    "second component": "Second principal component ({share:.0%})",
    "clusters caption": "Data: the first {count} {dims}-dimensional training samples projected onto their first two "
    "principal components, colored by class",
    "clusters alt": "Data: a scatter plot of the first {count} {dims}-dimensional training samples projected onto "
    "their first two principal components, the {classes} classes marked in different colors and shapes; "
    "{separated:.0%} of the points lie nearest the center of their own class.",
    # the model
    "input": "Input",
    "layer column": "Layer",
    "shape column": "Output shape (per sample)",
    "params column": "Parameters",
    "activation": ", {activation}",
    "conv2d": "Conv2D {filters} filters {kernel}{activation}",
    "total": "{total:,} parameters in total ({trainable:,} trainable)",
    "layer alt": "{layer}, output {shape}, {params} parameters",
    "separator": "; ",
    "model caption": "Model structure: each layer's output shape and parameter count (read from this run's model)",
    "model alt": "Model structure, top to bottom: input {input}; {layers}; {total:,} parameters in total.",
}

# The words the snippets pass in (class names), which are Chinese like the article, in English.
EN_TERMS = {
    "横线": "horizontal line",
    "竖线": "vertical line",
    "圆形": "circle",
    "正方形": "square",
}


@dataclass(frozen=True)
class Language:
    code: str  # "zh" is the article's, whose files have no language in their names; "en": `<name>.en.light.svg`
    words: dict[str, str]
    terms: dict[str, str] | None  # the snippets' words in this language (None: the snippets' own language)

    def __getitem__(self, key: str) -> str:
        return self.words[key]

    def term(self, word: str) -> str:
        """A word a snippet passed (a class name) in this language."""
        if self.terms is None:
            return word
        if word not in self.terms:
            raise ValueError(f"snippets/figures.py: no {self.code} word for {word!r}; add it to {self.code.upper()}_TERMS")
        return self.terms[word]

    def files(self, name: str) -> dict[str, str]:
        """{palette: file name} of a figure in this language."""
        infix = "" if self.code == ORIGINAL else f".{self.code}"
        return {theme.name: f"{name}{infix}.{theme.name}.svg" for theme in THEMES}


ORIGINAL = "zh"
LANGUAGES = (Language("zh", ZH, None), Language("en", EN, EN_TERMS))  # the original first
BY_CODE = {language.code: language for language in LANGUAGES}

_written: list[dict] = []  # this process's figures, in the order drawn (the index is rewritten after each)


# Publishing ---------------------------------------------------------------------


def _jupyter() -> bool:
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython else None
    return getattr(shell, "kernel", None) is not None


def _style(theme: Theme) -> dict:
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [FONT],
        "font.size": 11.5,
        "axes.unicode_minus": False,
        "axes.facecolor": "none",
        "axes.edgecolor": theme.rule,
        "axes.labelcolor": theme.text,
        "axes.titlecolor": theme.text,
        "axes.titlesize": 12,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "figure.facecolor": "none",
        "grid.color": theme.rule,
        "grid.linewidth": 0.6,
        "legend.frameon": False,
        "text.color": theme.text,
        "xtick.color": theme.muted,
        "ytick.color": theme.muted,
        "xtick.labelcolor": theme.muted,
        "ytick.labelcolor": theme.muted,
        "path.simplify": False,  # keep every point of a curve, as the tests read them back
        "svg.fonttype": "path",
        "svg.hashsalt": "snippets.figures",
        "svg.image_inline": True,
    }


def _check_font(strict: bool) -> None:
    from matplotlib import font_manager

    try:
        font_manager.findfont(font_manager.FontProperties(family=FONT), fallback_to_default=False)
    except ValueError:
        if strict:
            raise RuntimeError(f"snippets/figures.py: {FONT_MISSING.format(font=FONT)}") from None
        warnings.warn(FONT_MISSING.format(font=FONT) + "; Chinese labels will not show", stacklevel=3)


def _render(draw, theme: Theme, language: Language, height: int, fmt: str, **savefig) -> bytes:
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_style(theme)):
        figure = Figure(figsize=(WIDTH * PX, height * PX), layout="constrained")
        draw(figure, theme, language)
        out = io.BytesIO()
        figure.savefig(out, format=fmt, **savefig)
    return out.getvalue()


def _svg(draw, theme: Theme, language: Language, height: int, alt: str) -> str:
    from xml.sax.saxutils import escape

    svg = _render(draw, theme, language, height, "svg", metadata={"Date": None}).decode("utf-8")
    # From the <svg> on: UTF-8 needs no XML declaration, and SVG 2 has no DOCTYPE.
    # A <title> names the picture when the file is opened on its own.
    start = svg.index("<svg")
    close = svg.index(">", start) + 1
    return svg[start:close] + f"\n <title>{escape(alt)}</title>" + svg[close:]


def _png(draw, language: Language, height: int) -> bytes:
    """1.5 times the pixels, shown at the figure's size: sharp on most screens, and
    what a phone needs (the page shows it narrower than 640 px there)."""
    png = _render(draw, LIGHT, language, height, "png", dpi=PNG_SCALE * 96, facecolor="white", metadata={"Software": None})
    return _fewer_colours(png)


def _notebook_editions() -> list[Language]:
    """The languages whose drawings the freeze asked to see in the notebook too (SNIPPETS_NOTEBOOK_EDITIONS=en)."""
    codes = [code for code in os.environ.get(EDITIONS_ENV, "").split(",") if code]
    unknown = [code for code in codes if code not in BY_CODE or code == ORIGINAL]
    if unknown:
        raise ValueError(f"snippets/figures.py: {EDITIONS_ENV}={os.environ[EDITIONS_ENV]!r} names no edition of ours: {unknown}")
    return [BY_CODE[code] for code in codes]


def _publish(name: str, height: int, draw, describe, data: dict) -> None:
    """Write (or show) one figure: `draw(figure, theme, language)`, `describe(language)` -> (caption, alt)."""
    folder = os.environ.get(FIGURES_ENV)
    jupyter = _jupyter()
    if not folder and not jupyter:
        return
    _check_font(strict=bool(folder))
    described = {language.code: describe(language) for language in LANGUAGES}
    if folder:
        folder = Path(folder)
        if any(entry["name"] == name for entry in _written):
            raise ValueError(f"snippets/figures.py: a figure named {name!r} was already drawn in this run")
        folder.mkdir(parents=True, exist_ok=True)
        entry, editions = {}, {}
        for language in LANGUAGES:
            caption, alt = described[language.code]
            files = language.files(name)
            for theme in THEMES:
                (folder / files[theme.name]).write_text(_svg(draw, theme, language, height, alt), encoding="utf-8")
            if language.code == ORIGINAL:
                entry = {"name": name, "caption": caption, "alt": alt, "width": WIDTH, "height": height, "files": files, "data": data}
            else:
                editions[language.code] = {"caption": caption, "alt": alt, "files": files}
        _written.append({**entry, "editions": editions})
        (folder / INDEX).write_text(json.dumps({"figures": _written}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if jupyter:
        from IPython.display import display

        size = {"image/png": {"width": WIDTH, "height": height}}
        for language in [BY_CODE[ORIGINAL], *_notebook_editions()]:
            mark = {} if language.code == ORIGINAL else {EDITION_KEY: language.code}
            display(
                {"image/png": base64.b64encode(_png(draw, language, height)).decode("ascii"), "text/plain": described[language.code][1]},
                raw=True,
                metadata={**size, **mark},
            )


def _fewer_colours(png: bytes) -> bytes:
    """32 colours are plenty for these pictures on white: a quarter of the bytes of matplotlib's RGBA PNG."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=32, dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _floats(values) -> list[float]:
    return [float(v) for v in values]


# Training curves ------------------------------------------------------------------


def show_training(history) -> None:
    """Loss and accuracy per epoch from a Keras `History` (`model.history` after `fit`)."""
    logs = {key: _floats(values) for key, values in history.history.items()}
    for key in ("loss", "accuracy"):
        if key not in logs:
            raise ValueError(f"show_training: the History has no {key!r} (compile the model with metrics=['accuracy'])")
    epochs = [epoch + 1 for epoch in history.epoch]
    validation = "val_loss" in logs

    def change(key):
        return f"{logs[key][0]:.3f} → {logs[key][-1]:.3f}"

    def draw(figure, theme, t):
        axes = figure.subplots(1, 2)
        for ax, key, color in ((axes[0], "loss", theme.series[0]), (axes[1], "accuracy", theme.series[1])):
            ax.plot(epochs, logs[key], color=color, marker="o", markersize=4, linewidth=1.8, label=t["training set"], gid=key)
            if validation:
                ax.plot(epochs, logs[f"val_{key}"], color=color, marker="s", markersize=3.5, linewidth=1.4,
                        linestyle=(0, (4, 2)), label=t["validation set"], gid=f"val_{key}")
                ax.legend(loc="best", labelcolor=theme.text)
            ax.set_title(f"{t[key]}  {change(key)}", loc="left")
            ax.set_xlabel(t["epoch axis"])
            ax.set_xticks(epochs if len(epochs) <= 10 else epochs[::2])
            ax.margins(x=0.04, y=0.1)
            ax.grid(axis="y")

    def describe(t):
        went = {key: t["went"].format(first=values[0], last=values[-1]) for key, values in logs.items()}
        more = t["curves alt validation"].format(val_loss=went["val_loss"], val_accuracy=went["val_accuracy"]) if validation else ""
        return t["curves caption"], t["curves alt"].format(epochs=len(epochs), loss=went["loss"], accuracy=went["accuracy"], validation=more)

    _publish("training-curves", 250, draw, describe, {"epochs": epochs, **logs})


# What the model learned from -------------------------------------------------------


def show_image_grid(images, labels, probabilities, class_names: tuple[str, str], per_class: int = 6) -> None:
    """The first `per_class` images of each of two classes, one row per class, with P(class 1).

    images: (n, height, width) greys in [0, 1] or (n, height, width, 3) RGB in [0, 1] or [0, 255].
    class_names: in the snippets' language (Chinese); EN_TERMS holds their English.
    """
    import numpy as np

    images = np.asarray(images, dtype="float32")
    labels = np.asarray(labels).astype(int).reshape(-1)
    probabilities = np.asarray(probabilities, dtype="float64").reshape(-1)
    if images.max() > 1.0:
        images = images / 255.0
    rows = [np.flatnonzero(labels == label)[:per_class] for label in (0, 1)]
    if any(len(row) < per_class for row in rows):
        raise ValueError(f"show_image_grid: need {per_class} images of each class, got {[len(r) for r in rows]}")
    correct = int(sum((probabilities[i] > 0.5) == bool(label) for label, row in enumerate(rows) for i in row))
    height, width = images.shape[1:3]

    def draw(figure, theme, t):
        grid = figure.subplots(2, per_class)
        for label, row in enumerate(rows):
            for ax, i in zip(grid[label], row):
                ax.imshow(images[i], cmap="gray", vmin=0.0, vmax=1.0, interpolation="none")
                ax.set_xticks([])
                ax.set_yticks([])
                for spine in ax.spines.values():
                    spine.set_visible(True)
                    spine.set_color(theme.rule)
                wrong = (probabilities[i] > 0.5) != bool(label)
                ax.set_title(f"P={probabilities[i]:.3f}" + (t["wrong"] if wrong else ""), fontsize=10.5,
                             color=theme.series[1] if wrong else theme.muted)
            name = t.term(class_names[label]).replace(" ", "\n")  # "horizontal\nline": narrow, like the Chinese
            grid[label][0].set_ylabel(t["class row"].format(name=name, label=label),
                                      rotation=0, ha="right", va="center", labelpad=8)

    n = 2 * per_class
    cell = (WIDTH - 90) / per_class  # a square image per column, after the row labels

    def describe(t):
        names = {"class0": t.term(class_names[0]), "class1": t.term(class_names[1])}
        return (t["grid caption"].format(n=n, height=height, width=width),
                t["grid alt"].format(n=n, height=height, width=width, per_class=per_class, correct=correct, **names))

    _publish(
        "data",
        round(2 * (cell + 22)),
        draw,
        describe,
        {"indices": [[int(i) for i in row] for row in rows], "probabilities": [[float(probabilities[i]) for i in row] for row in rows]},
    )


def show_token_table(tokens, labels, probabilities, highlight) -> None:
    """Token-id sequences as a table, tokens in `highlight` marked, with label and P(label 1)."""
    import numpy as np

    tokens = np.asarray(tokens).astype(int)
    labels = np.asarray(labels).astype(int).reshape(-1)
    probabilities = np.asarray(probabilities, dtype="float64").reshape(-1)
    highlight = {int(t) for t in highlight}
    n, length = tokens.shape
    row_height, header, left = 28, 14, 4
    height = header + 14 + row_height * n
    cell = (WIDTH - left - 150) / length  # the token columns share what the label and probability leave
    label_x, probability_x = left + length * cell + 40, left + length * cell + 105
    correct = int(sum((probabilities > 0.5) == (labels == 1)))

    def draw(figure, theme, t):
        ax = figure.subplots()
        ax.set_axis_off()
        ax.set_xlim(0, WIDTH)
        ax.set_ylim(height, 0)
        ax.text(left, header, t["tokens header"], va="center", color=theme.muted, fontsize=10.5)
        for title, x in ((t["label column"], label_x), (t["probability column"], probability_x)):
            ax.text(x, header, title, ha="center", va="center", color=theme.muted, fontsize=10.5)
        for r in range(n):
            top = header + 14 + r * row_height
            middle = top + (row_height - 4) / 2
            for c in range(length):
                marked = tokens[r, c] in highlight
                ax.add_patch(_rectangle(left + c * cell, top, cell - 3, row_height - 4, theme.series[0] if marked else theme.fill))
                ax.text(left + c * cell + (cell - 3) / 2, middle, str(tokens[r, c]), ha="center", va="center", fontsize=11,
                        color=("white" if theme.name == "light" else "#10131a") if marked else theme.text,
                        fontweight="bold" if marked else "normal")
            ax.text(label_x, middle, str(labels[r]), ha="center", va="center")
            wrong = (probabilities[r] > 0.5) != (labels[r] == 1)
            ax.text(probability_x, middle, f"{probabilities[r]:.3f}" + (t["wrong"] if wrong else ""),
                    ha="center", va="center", color=theme.series[1] if wrong else theme.text)

    marked = ", ".join(str(t) for t in sorted(highlight))

    def describe(t):
        return (t["tokens caption"].format(n=n),
                t["tokens alt"].format(n=n, length=length, marked=marked, correct=correct))

    _publish(
        "data",
        height,
        draw,
        describe,
        {"tokens": tokens.tolist(), "labels": labels.tolist(), "probabilities": probabilities.tolist()},
    )


def _rectangle(x, y, width, height, color):
    from matplotlib.patches import FancyBboxPatch

    return FancyBboxPatch((x, y), width, height, boxstyle="round,pad=0,rounding_size=3", facecolor=color, edgecolor="none")


def show_clusters(x, labels, count: int = 300) -> None:
    """The first `count` samples of `x` (n, d) projected onto their first two principal components, by class."""
    import numpy as np

    x = np.asarray(x, dtype="float64")
    labels = np.asarray(labels)
    labels = labels.argmax(axis=1) if labels.ndim == 2 else labels.astype(int)
    centred = x - x.mean(axis=0)
    _, singular, components = np.linalg.svd(centred, full_matrices=False)
    components *= np.sign(components[:, :1])  # the sign of a component is arbitrary: fix it
    projected = centred[:count] @ components[:2].T
    explained = singular[:2] ** 2 / (singular**2).sum()
    classes = sorted(set(labels.tolist()))
    markers = "o^s"
    # How well the picture separates the classes: the share of points nearest their own class centre.
    shown = labels[:count]
    centres = np.stack([projected[shown == k].mean(axis=0) for k in classes])
    nearest = np.asarray(classes)[np.linalg.norm(projected[:, None, :] - centres[None], axis=2).argmin(axis=1)]
    separated = float(np.mean(nearest == shown))

    def draw(figure, theme, t):
        ax = figure.subplots()
        for k in classes:
            points = projected[shown == k]
            ax.scatter(points[:, 0], points[:, 1], s=14, marker=markers[k % 3], color=theme.series[k % 3], alpha=0.8,
                       linewidths=0, label=t["class"].format(k=k), gid=f"class-{k}")
        ax.set_xlabel(t["first component"].format(share=explained[0]))
        ax.set_ylabel(t["second component"].format(share=explained[1]))
        ax.set_aspect("equal", adjustable="datalim")
        ax.grid(True)
        ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), labelcolor=theme.text)

    def describe(t):
        return (t["clusters caption"].format(count=count, dims=x.shape[1]),
                t["clusters alt"].format(count=count, dims=x.shape[1], classes=len(classes), separated=separated))

    _publish(
        "data",
        320,
        draw,
        describe,
        {"count": count, "explained_variance": [float(v) for v in explained], "nearest_own_centre": separated},
    )


# The model ------------------------------------------------------------------------------


def _describe(layer, t: Language) -> str:
    """The layer's kind and the settings that shape it: 'Dense 64, relu' (in Chinese, with a full-width comma)."""
    kind = type(layer).__name__
    config = layer.get_config()
    activation = config.get("activation")
    activation = t["activation"].format(activation=activation) if activation and activation != "linear" else ""
    if kind == "Dense":
        return f"Dense {config['units']}{activation}"
    if kind == "Conv2D":
        return t["conv2d"].format(filters=config["filters"], kernel="×".join(map(str, config["kernel_size"])), activation=activation)
    if kind.startswith("MaxPooling"):
        return f"{kind} {'×'.join(map(str, config['pool_size']))}"
    if kind == "Embedding":
        return f"Embedding {config['input_dim']}→{config['output_dim']}"
    if kind in ("LSTM", "GRU", "SimpleRNN"):
        return f"{kind} {config['units']}"
    if kind == "Rescaling":
        scale = float(config["scale"])
        return f"Rescaling ×1/{round(1 / scale)}" if scale and abs(1 / scale - round(1 / scale)) < 1e-6 else f"Rescaling ×{scale:g}"
    return kind


def _shape(shape) -> str:
    """Per sample, without the batch dimension: (None, 148, 148, 32) -> (148, 148, 32)."""
    dims = tuple(shape)[1:]
    return "(" + ", ".join("None" if d is None else str(d) for d in dims) + ("," if len(dims) == 1 else "") + ")"


def show_model(model) -> None:
    """The model's layers top to bottom, each with its output shape (per sample) and parameter count."""
    input_shape = _shape(model.inputs[0].shape)
    layers = [(layer, _shape(layer.output.shape), f"{layer.count_params():,}") for layer in model.layers]
    total = model.count_params()
    trainable = sum(int(w.numpy().size) for w in model.trainable_weights)

    def rows(t):
        return [(t["input"], input_shape, "")] + [(_describe(layer, t), shape, params) for layer, shape, params in layers]

    row_height = 44
    height = 40 + row_height * (1 + len(layers)) + 20

    def draw(figure, theme, t):
        from matplotlib.patches import FancyArrowPatch

        ax = figure.subplots()
        ax.set_axis_off()
        ax.set_xlim(0, WIDTH)
        ax.set_ylim(height, 0)
        box_left, box_width, shape_x, params_x = 8, 250, 400, WIDTH - 12
        ax.text(box_left, 14, t["layer column"], va="center", color=theme.muted)
        ax.text(shape_x, 14, t["shape column"], va="center", ha="center", color=theme.muted)
        ax.text(params_x, 14, t["params column"], va="center", ha="right", color=theme.muted)
        for index, (name, shape, params) in enumerate(rows(t)):
            top = 30 + index * row_height
            middle = top + (row_height - 14) / 2
            ax.add_patch(_rectangle(box_left, top, box_width, row_height - 14, theme.fill))
            ax.text(box_left + 12, middle, name, va="center", color=theme.text)
            ax.text(shape_x, middle, shape, va="center", ha="center", color=theme.text)
            ax.text(params_x, middle, params, va="center", ha="right", color=theme.text)
            if index:
                ax.add_patch(FancyArrowPatch((box_left + box_width / 2, top - 14), (box_left + box_width / 2, top),
                                             arrowstyle="-|>", mutation_scale=9, color=theme.muted, linewidth=1.2, shrinkA=0, shrinkB=0))
        ax.text(params_x, height - 12, t["total"].format(total=total, trainable=trainable), va="center", ha="right", color=theme.text)

    def describe(t):
        described = t["separator"].join(t["layer alt"].format(layer=name, shape=shape, params=params) for name, shape, params in rows(t)[1:])
        return t["model caption"], t["model alt"].format(input=input_shape, layers=described, total=total)

    _publish(
        "model",
        height,
        draw,
        describe,
        {"layers": [{"layer": name, "output_shape": shape, "params": params} for name, shape, params in rows(BY_CODE[ORIGINAL])],
         "total_params": total},
    )
