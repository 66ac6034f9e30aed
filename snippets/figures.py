"""本站添加：把一次运行画成图——训练曲线、数据、模型。

The snippets call these after training (the calls are ours, marked 本站添加):

    show_training(model.history)                         # loss and accuracy per epoch, from the run's History
    show_image_grid(…) / show_token_table(…) / show_clusters(…)   # what the model learned from
    show_model(model)                                    # layers, output shapes, parameter counts

Every figure is drawn from the objects of the run that calls it; nothing here
holds a number of its own. Where a figure goes depends on how the module runs:

* `python -m snippets run|freeze` sets SNIPPETS_FIGURES=<folder>: each figure is
  written there twice, `<name>.light.svg` and `<name>.dark.svg` (transparent,
  for Material's two palettes), and `figures.json` lists them with their alt
  text, size and the numbers they show.
* In Jupyter each figure is a PNG display output of the cell that drew it (on
  white): Jupyter shows SVG outputs only in notebooks the reader has trusted,
  PNG in every notebook.
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


def _render(draw, theme: Theme, height: int, fmt: str, **savefig) -> bytes:
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_style(theme)):
        figure = Figure(figsize=(WIDTH * PX, height * PX), layout="constrained")
        draw(figure, theme)
        out = io.BytesIO()
        figure.savefig(out, format=fmt, **savefig)
    return out.getvalue()


def _svg(draw, theme: Theme, height: int, alt: str) -> str:
    from xml.sax.saxutils import escape

    svg = _render(draw, theme, height, "svg", metadata={"Date": None}).decode("utf-8")
    # From the <svg> on: UTF-8 needs no XML declaration, and SVG 2 has no DOCTYPE.
    # A <title> names the picture when the file is opened on its own.
    start = svg.index("<svg")
    close = svg.index(">", start) + 1
    return svg[start:close] + f"\n <title>{escape(alt)}</title>" + svg[close:]


def _publish(name: str, caption: str, alt: str, height: int, draw, data: dict) -> None:
    folder = os.environ.get(FIGURES_ENV)
    jupyter = _jupyter()
    if not folder and not jupyter:
        return
    _check_font(strict=bool(folder))
    if folder:
        folder = Path(folder)
        if any(entry["name"] == name for entry in _written):
            raise ValueError(f"snippets/figures.py: a figure named {name!r} was already drawn in this run")
        folder.mkdir(parents=True, exist_ok=True)
        files = {}
        for theme in THEMES:
            files[theme.name] = f"{name}.{theme.name}.svg"
            (folder / files[theme.name]).write_text(_svg(draw, theme, height, alt), encoding="utf-8")
        _written.append({"name": name, "caption": caption, "alt": alt, "width": WIDTH, "height": height, "files": files, "data": data})
        (folder / INDEX).write_text(json.dumps({"figures": _written}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if jupyter:
        from IPython.display import display

        # 1.5 times the pixels, shown at the figure's size: sharp on most screens, and
        # what a phone needs (the page shows it narrower than 640 px there).
        png = _render(draw, LIGHT, height, "png", dpi=PNG_SCALE * 96, facecolor="white", metadata={"Software": None})
        display(
            {"image/png": base64.b64encode(_fewer_colours(png)).decode("ascii"), "text/plain": alt},
            raw=True,
            metadata={"image/png": {"width": WIDTH, "height": height}},
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

    def draw(figure, theme):
        axes = figure.subplots(1, 2)
        for ax, key, title, color in ((axes[0], "loss", "损失（loss）", theme.series[0]), (axes[1], "accuracy", "准确率（accuracy）", theme.series[1])):
            ax.plot(epochs, logs[key], color=color, marker="o", markersize=4, linewidth=1.8, label="训练集", gid=key)
            if validation:
                ax.plot(epochs, logs[f"val_{key}"], color=color, marker="s", markersize=3.5, linewidth=1.4,
                        linestyle=(0, (4, 2)), label="验证集", gid=f"val_{key}")
                ax.legend(loc="best", labelcolor=theme.text)
            ax.set_title(f"{title}  {change(key)}", loc="left")
            ax.set_xlabel("训练轮次（epoch）")
            ax.set_xticks(epochs if len(epochs) <= 10 else epochs[::2])
            ax.margins(x=0.04, y=0.1)
            ax.grid(axis="y")

    def went(key):
        return f"从 {logs[key][0]:.3f} 变为 {logs[key][-1]:.3f}"

    alt = f"训练曲线：{len(epochs)} 轮训练中，训练集的损失{went('loss')}，准确率{went('accuracy')}"
    if validation:
        alt += f"；验证集的损失{went('val_loss')}，准确率{went('val_accuracy')}"
    _publish(
        "training-curves",
        "训练曲线：每轮训练后的损失与准确率（这次运行的 History）",
        alt + "。",
        250,
        draw,
        {"epochs": epochs, **logs},
    )


# What the model learned from -------------------------------------------------------


def show_image_grid(images, labels, probabilities, class_names: tuple[str, str], per_class: int = 6) -> None:
    """The first `per_class` images of each of two classes, one row per class, with P(class 1).

    images: (n, height, width) greys in [0, 1] or (n, height, width, 3) RGB in [0, 1] or [0, 255].
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

    def draw(figure, theme):
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
                ax.set_title(f"P={probabilities[i]:.3f}" + (" 错" if wrong else ""), fontsize=10.5,
                             color=theme.series[1] if wrong else theme.muted)
            grid[label][0].set_ylabel(f"{class_names[label]}\n（类别 {label}）", rotation=0, ha="right", va="center", labelpad=8)

    n = 2 * per_class
    cell = (WIDTH - 90) / per_class  # a square image per column, after the row labels
    _publish(
        "data",
        f"数据：测试集的 {n} 张 {height}×{width} 合成图（与训练集同法生成），每张上方是模型给出的 P（类别 1）",
        f"数据：{n} 张 {height}×{width} 的合成测试图，上排 {per_class} 张{class_names[0]}（类别 0），"
        f"下排 {per_class} 张{class_names[1]}（类别 1）；每张标出模型判为类别 1（{class_names[1]}）的概率，{n} 张中判对 {correct} 张。",
        round(2 * (cell + 22)),
        draw,
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
    columns = {"标签": left + length * cell + 40, "P(标签 1)": left + length * cell + 105}
    correct = int(sum((probabilities > 0.5) == (labels == 1)))

    def draw(figure, theme):
        ax = figure.subplots()
        ax.set_axis_off()
        ax.set_xlim(0, WIDTH)
        ax.set_ylim(height, 0)
        ax.text(left, header, "词 id 序列（高亮：“正面”词）", va="center", color=theme.muted, fontsize=10.5)
        for title, x in columns.items():
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
            ax.text(columns["标签"], middle, str(labels[r]), ha="center", va="center")
            wrong = (probabilities[r] > 0.5) != (labels[r] == 1)
            ax.text(columns["P(标签 1)"], middle, f"{probabilities[r]:.3f}" + (" 错" if wrong else ""),
                    ha="center", va="center", color=theme.series[1] if wrong else theme.text)

    marked = ", ".join(str(t) for t in sorted(highlight))
    _publish(
        "data",
        f"数据：测试集的 {n} 个词 id 序列（与训练集同法生成），高亮的是“正面”词，右侧是标签与模型给出的 P(标签 1)",
        f"数据：{n} 个长度为 {length} 的词 id 序列组成的表，含“正面”词（{marked}）的格子高亮；"
        f"每行右侧是真实标签和模型给出的标签 1 的概率，{n} 行中判对 {correct} 行。",
        height,
        draw,
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

    def draw(figure, theme):
        ax = figure.subplots()
        for k in classes:
            points = projected[shown == k]
            ax.scatter(points[:, 0], points[:, 1], s=14, marker=markers[k % 3], color=theme.series[k % 3], alpha=0.8,
                       linewidths=0, label=f"类别 {k}", gid=f"class-{k}")
        ax.set_xlabel(f"第一主成分（解释 {explained[0]:.0%} 的方差）")
        ax.set_ylabel(f"第二主成分（{explained[1]:.0%}）")
        ax.set_aspect("equal", adjustable="datalim")
        ax.grid(True)
        ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), labelcolor=theme.text)

    _publish(
        "data",
        f"数据：训练集前 {count} 个 {x.shape[1]} 维样本投影到前两个主成分，按类别着色",
        f"数据：散点图，训练集前 {count} 个 {x.shape[1]} 维样本投影到前两个主成分后的位置，"
        f"{len(classes)} 个类别用不同颜色和形状标出；{separated:.0%} 的点离本类别的中心最近。",
        320,
        draw,
        {"count": count, "explained_variance": [float(v) for v in explained], "nearest_own_centre": separated},
    )


# The model ------------------------------------------------------------------------------


def _describe(layer) -> str:
    """The layer's kind and the settings that shape it: 'Dense 64，relu'."""
    kind = type(layer).__name__
    config = layer.get_config()
    activation = config.get("activation")
    activation = f"，{activation}" if activation and activation != "linear" else ""
    if kind == "Dense":
        return f"Dense {config['units']}{activation}"
    if kind == "Conv2D":
        return f"Conv2D {config['filters']} 个 {'×'.join(map(str, config['kernel_size']))}{activation}"
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
    rows = [("输入", _shape(model.inputs[0].shape), "")]
    rows += [(_describe(layer), _shape(layer.output.shape), f"{layer.count_params():,}") for layer in model.layers]
    total = model.count_params()
    trainable = sum(int(w.numpy().size) for w in model.trainable_weights)
    row_height = 44
    height = 40 + row_height * len(rows) + 20

    def draw(figure, theme):
        from matplotlib.patches import FancyArrowPatch

        ax = figure.subplots()
        ax.set_axis_off()
        ax.set_xlim(0, WIDTH)
        ax.set_ylim(height, 0)
        box_left, box_width, shape_x, params_x = 8, 250, 400, WIDTH - 12
        ax.text(box_left, 14, "层", va="center", color=theme.muted)
        ax.text(shape_x, 14, "输出形状（每个样本）", va="center", ha="center", color=theme.muted)
        ax.text(params_x, 14, "参数个数", va="center", ha="right", color=theme.muted)
        for index, (name, shape, params) in enumerate(rows):
            top = 30 + index * row_height
            middle = top + (row_height - 14) / 2
            ax.add_patch(_rectangle(box_left, top, box_width, row_height - 14, theme.fill))
            ax.text(box_left + 12, middle, name, va="center", color=theme.text)
            ax.text(shape_x, middle, shape, va="center", ha="center", color=theme.text)
            ax.text(params_x, middle, params, va="center", ha="right", color=theme.text)
            if index:
                ax.add_patch(FancyArrowPatch((box_left + box_width / 2, top - 14), (box_left + box_width / 2, top),
                                             arrowstyle="-|>", mutation_scale=9, color=theme.muted, linewidth=1.2, shrinkA=0, shrinkB=0))
        ax.text(params_x, height - 12, f"共 {total:,} 个参数（可训练 {trainable:,}）", va="center", ha="right", color=theme.text)

    layers = "；".join(f"{name}，输出 {shape}，{params} 个参数" for name, shape, params in rows[1:])
    _publish(
        "model",
        "模型结构：各层的输出形状与参数个数（读自这次运行的模型）",
        f"模型结构，自上而下：输入 {rows[0][1]}；{layers}；共 {total:,} 个参数。",
        height,
        draw,
        {"layers": [{"layer": name, "output_shape": shape, "params": params} for name, shape, params in rows], "total_params": total},
    )
