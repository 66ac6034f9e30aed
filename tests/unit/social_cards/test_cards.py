"""Social cards (social_cards/), without a site build: lines, font, layout, text, cache, and the
plugin drawing one card at a time.

The built site's cards (every page of both editions, tags, sizes) are tests/test_social_cards_site.py.
"""

from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import requests
from fontTools.ttLib import TTFont
from material.plugins.social import plugin as social_plugin
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from PIL import Image, ImageChops, ImageDraw, ImageFont

from social_cards import Builds, Cards, SocialCardsError, fonts, layout, lines, text
from social_cards.cache import LOCK, MANIFEST, STAMP, Cache

from helpers import ROOT

FONT_PACKAGE = ROOT / "node_modules" / fonts.PACKAGE
BOLD = FONT_PACKAGE / fonts.STYLES["Bold"]
LAYOUT = ROOT / "social_cards" / "layouts" / "article.yml"
SITE_URL = "https://example.org/article/"


@pytest.fixture(scope="module")
def measure() -> lines.Measure:
    return lines.Measure(ImageFont.truetype(str(BOLD), 56))


# --- lines ------------------------------------------------------------------------------------


def test_chinese_breaks_between_characters_and_every_line_fits(measure):
    title = "国内大模型市场：贾扬清的观点，同质化发展的挑战与机会"
    made = lines.fill(title, measure, 600, 4)
    assert len(made) > 1 and "".join(made) == title
    assert all(measure(line) <= 600 for line in made)


def test_closing_punctuation_never_starts_a_line_nor_opening_ends_one(measure):
    title = "打印版（全文）：总结，未来发展趋势与挑战。《国内大模型市场》“同质化”"
    for width in range(200, 900, 23):  # wider than any piece that must stay whole (3 characters)
        made = lines.fill(title, measure, width, 20)
        assert "".join(made) == title
        assert not any(line[0] in lines.CLOSING for line in made[1:]), (width, made)
        assert not any(line[-1] in lines.OPENING for line in made[:-1]), (width, made)


def test_english_breaks_at_spaces_only(measure):
    title = "China's domestic large-model market: Jia Yangqing's views, the challenges and opportunities"
    made = lines.fill(title, measure, 700, 6)
    assert " ".join(made) == title
    assert all(measure(line) <= 700 for line in made)


def test_a_word_wider_than_the_line_is_broken_inside(measure):
    made = lines.fill("Supercalifragilisticexpialidocious" * 2, measure, 500, 6)
    assert len(made) > 1 and "".join(made) == "Supercalifragilisticexpialidocious" * 2
    assert all(measure(line) <= 500 for line in made)


def test_text_longer_than_the_slot_ends_with_an_ellipsis(measure):
    made = lines.fill("同质化发展的挑战与机会" * 10, measure, 600, 2)
    assert len(made) == 2 and made[-1].endswith(lines.ELLIPSIS)
    assert all(measure(line) <= 600 for line in made)


def test_the_plugin_draws_each_of_our_lines_whole(monkeypatch):
    """Material's own wrapping (plugin._render_typography) keeps every line fill() makes on one line."""
    slot = layout.read(LAYOUT).slots["title"]
    font = ImageFont.truetype(str(BOLD), layout.font_size(BOLD, slot))
    drawn = []
    monkeypatch.setattr(ImageDraw.ImageDraw, "text", lambda self, xy, text, **kwargs: drawn.append(text))
    plugin = social_plugin.SocialPlugin()
    monkeypatch.setattr(plugin, "_resolve_font", lambda *args: str(BOLD), raising=False)
    titles = [
        "国内大模型市场：贾扬清的观点，同质化发展的挑战与机会",
        "China's domestic large-model market: Jia Yangqing's views, the challenges and opportunities of "
        "homogeneous development",
        "Mathematical models and formulas & detailed explanation & examples",
    ]
    for title in titles:
        for line in lines.fill(title, lines.Measure(font), slot.width, slot.lines):
            layer = SimpleNamespace(
                typography=SimpleNamespace(
                    content=line,
                    font=SimpleNamespace(family="", style="Bold", variant=""),
                    line=SimpleNamespace(amount=slot.amount, height=slot.spacing),
                    overflow="truncate",
                    align="start top",
                    color="#fff",
                )
            )
            drawn.clear()
            plugin._render_typography(layer, Image.new("RGBA", (slot.width, slot.height)))
            assert drawn == [line], (title, line)


# --- the font -----------------------------------------------------------------------------------


def test_the_font_is_the_pinned_package():
    declared = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert declared["devDependencies"][fonts.PACKAGE] == fonts.pinned_version(ROOT)
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"][f"node_modules/{fonts.PACKAGE}"]["version"] == fonts.pinned_version(ROOT)
    assert set(fonts.package_files(ROOT)) == set(fonts.STYLES)


def test_a_font_package_of_another_version_fails_naming_the_file(tmp_path):
    (tmp_path / "package.json").write_text(json.dumps({"devDependencies": {fonts.PACKAGE: "1.0.0"}}))
    installed = tmp_path / "node_modules" / fonts.PACKAGE
    installed.mkdir(parents=True)
    (installed / "package.json").write_text(json.dumps({"version": "0.9.0"}))
    with pytest.raises(
        SocialCardsError,
        match=r"node_modules/@embedpdf/fonts-sc/package\.json is version 0\.9\.0, package\.json pins 1\.0\.0",
    ):
        fonts.package_files(tmp_path)
    (tmp_path / "package.json").write_text(json.dumps({"devDependencies": {fonts.PACKAGE: "^1.0.0"}}))
    with pytest.raises(SocialCardsError, match="not an exact version"):
        fonts.pinned_version(tmp_path)


def test_install_puts_the_styles_where_the_plugin_looks(tmp_path):
    placed = fonts.install(ROOT, tmp_path / "fonts", "Noto Sans Hans")
    assert sorted(path.name for path in (tmp_path / "fonts" / "Noto Sans Hans").iterdir()) == [
        "Bold.otf",
        "Regular.otf",
    ]
    assert placed["Bold"].read_bytes() == BOLD.read_bytes()
    before = placed["Bold"].stat().st_mtime_ns
    fonts.install(ROOT, tmp_path / "fonts", "Noto Sans Hans")
    assert placed["Bold"].stat().st_mtime_ns == before, "copied again though nothing changed"
    # The installed copy's character map, noted beside the folder, is the package file's.
    assert (tmp_path / "fonts" / "Noto Sans Hans.Bold.codepoints.json").is_file()
    assert fonts.characters(placed["Bold"]) == frozenset(TTFont(str(BOLD), lazy=True).getBestCmap())


def test_missing_names_the_characters_the_font_lacks():
    assert fonts.missing("核心概念 “《》”：（）& — …", BOLD) == []
    assert fonts.missing("概念\U000f0001x\U000f0001🂡", BOLD) == ["\U000f0001", "🂡"]


def test_every_character_is_drawn_as_its_own_glyph_not_a_box():
    """Tofu is one shape for every missing character: the font's glyph 0 (.notdef)."""
    font = ImageFont.truetype(str(BOLD), 48)

    def drawn(char: str) -> bytes:
        image = Image.new("L", (64, 80))
        ImageDraw.Draw(image).text((4, 4), char, font=font, fill=255)
        return image.tobytes()

    box = drawn("\U000f0001")  # a private-use character no font has
    cmap = TTFont(str(BOLD), lazy=True).getBestCmap()
    title = "核心概念与联系数学模型和公式举例说明打印版全文如何引用勘误"
    shapes = {char: drawn(char) for char in title}
    assert all(cmap[ord(char)] != ".notdef" for char in title)
    assert box not in shapes.values()
    assert len(set(shapes.values())) == len(shapes), "two characters drawn the same"


# --- the layout -----------------------------------------------------------------------------------


def test_the_layout_has_the_slots_social_cards_fills():
    read = layout.read(LAYOUT)
    assert read.size == (1200, 630)
    assert {name: slot.lines for name, slot in read.slots.items()} == {"kicker": 1, "title": 4, "footer": 2}
    assert read.options == {"font_family", "background_color", "band_color", "color", "kicker_color"}


@pytest.mark.parametrize("style", ["Bold", "Regular"])
def test_font_size_is_the_plugins(style):
    """layout.font_size is Material's _metrics for our line layers (Material computes, we break lines for it)."""
    path = FONT_PACKAGE / fonts.STYLES[style]
    for slot in layout.read(LAYOUT).slots.values():
        expected, _ = social_plugin._metrics(
            str(path),
            SimpleNamespace(amount=slot.amount, height=slot.spacing),
            Image.new("RGBA", (slot.width, slot.height)),
        )
        assert layout.font_size(path, slot) == expected


@pytest.mark.parametrize(
    ("layers", "message"),
    [
        ("- typography: { content: '{{ layout.kicker[0] | e }}' }", "no title lines"),
        ("- typography: { content: '{{ layout.title[1] | e }}' }", r"not numbered 0, 1, 2 …: \[1\]"),
        (
            "- typography: { content: '{{ layout.title[0] | e }}' }\n- typography: { content: '{{ layout.title[0] "
            "| e }}' }",
            "two layers for this line",
        ),
        (
            "- size: { width: 10, height: 10 }\n  typography: { content: '{{ layout.title[0] | e }}' }\n"
            "- typography: { content: '{{ layout.title[1] | e }}' }",
            "differ in width",
        ),
    ],
)
def test_a_bad_layout_fails_naming_the_file(tmp_path, layers, message):
    path = tmp_path / "bad.yml"
    path.write_text(f"size: {{ width: 1200, height: 630 }}\nlayers:\n{layers}\n", encoding="utf-8")
    with pytest.raises(SocialCardsError, match=f"{path}.*{message}"):
        layout.read(path)


# --- what a card says ---------------------------------------------------------------------------


def test_first_heading_drops_the_attribute_list_and_skips_code():
    markdown = "```md\n# not this\n```\n\n## 2.1 Sub\n\n# 2. 核心概念与联系 { #sec-2 }\n"
    assert text.first_heading(markdown) == ("2. 核心概念与联系", "sec-2")
    assert text.first_heading("# 可运行代码\n") == ("可运行代码", "")
    assert text.first_heading("no heading\n## 2.1 Sub\n") is None


def config_of(language: str) -> SimpleNamespace:
    return SimpleNamespace(
        config_file_path=str(ROOT / "mkdocs.yml"),
        theme={"language": language},
        site_name="站名" if language == "zh" else "Site name",
        site_author="作者",
    )


def page_of(src_uri: str, title: str | None = None, parent=None, homepage: bool = False) -> SimpleNamespace:
    page = SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), meta={}, parent=parent, is_homepage=homepage)
    if title is not None:
        page.title = title
    return page


def test_a_section_page_says_its_number_and_title_in_each_edition():
    markdown = "# 2. 核心概念与联系 { #sec-2 }\n"
    chinese = text.card_text(page_of("2-concepts.md"), config_of("zh"), markdown)
    assert chinese == text.CardText(kicker="第 2 节", title="核心概念与联系", footer="站名", alt="2. 核心概念与联系")
    english = text.card_text(page_of("2-concepts.md"), config_of("en"), markdown)
    assert english == text.CardText(
        kicker="Section 2",
        title="Core concepts and connections",
        footer="Site name",
        alt="2. Core concepts and connections",
    )


def test_our_own_pages_take_their_heading_from_site_po_in_english():
    card = text.card_text(page_of("errata.md"), config_of("en"), "# 勘误与编者注 { #errata }\n")
    assert (card.kicker, card.title) == ("", "Errata and editor's notes")


def test_a_notebook_says_its_section_of_the_navigation_and_its_number():
    section = SimpleNamespace(title="可运行代码")
    card = text.card_text(page_of("notebooks/s3_1.ipynb", "3.1 深度学习模型", parent=section), config_of("zh"), "")
    assert (card.kicker, card.title, card.alt) == ("可运行代码 · 第 3.1 节", "深度学习模型", "3.1 深度学习模型")
    index = text.card_text(page_of("notebooks/index.md", parent=section), config_of("zh"), "# 可运行代码\n")
    assert index.kicker == "", "a section's index page does not repeat the section's title"


def test_the_landing_page_is_the_site_and_its_author():
    card = text.card_text(page_of("index.md", "首页", homepage=True), config_of("zh"), "# 首页\n")
    assert (card.title, card.footer, card.alt) == ("站名", "作者", "站名")


def test_a_page_without_a_title_fails_naming_it():
    with pytest.raises(SocialCardsError, match=r"docs/x\.md: no title for its social card"):
        text.card_text(page_of("x.md"), config_of("zh"), "text only\n")


def test_a_card_whose_title_is_not_the_pages_fails_naming_both():
    card = text.card_text(page_of("a.md"), config_of("zh"), "# 旧标题\n")
    rendered = page_of("a.md", "新标题 &amp; 副题")
    with pytest.raises(
        SocialCardsError,
        match=r"docs/a\.md: its social card was drawn with the title '旧标题', but the page's title is '新标题 & 副题'",
    ):
        text.check(rendered, config_of("zh"), card)


# --- the cache ------------------------------------------------------------------------------------


def test_what_draws_the_cards_changing_drops_the_manifest(tmp_path):
    cache = Cache(tmp_path)
    cache.prepare(ROOT, "Noto Sans Hans")
    assert json.loads((tmp_path / MANIFEST).read_text()) == {}, "an empty manifest, not the plugin's shared one"
    cache.save_manifest({"assets/images/social/a.png": "1234"})
    cache.prepare(ROOT, "Noto Sans Hans")
    assert json.loads((tmp_path / MANIFEST).read_text()) == {"assets/images/social/a.png": "1234"}, (
        "kept when nothing changed"
    )
    stamp = json.loads((tmp_path / STAMP).read_text())
    (tmp_path / STAMP).write_text(json.dumps({**stamp, "pillow": "0.0"}))
    cache.prepare(ROOT, "Noto Sans Hans")
    assert json.loads((tmp_path / MANIFEST).read_text()) == {}, "an upgrade of Pillow keeps a card drawn before it"


def locked_elsewhere(folder: Path) -> bool:
    """Does another process find the cache locked?"""
    probe = "import fcntl, sys; fcntl.flock(open(sys.argv[1], 'w'), fcntl.LOCK_EX | fcntl.LOCK_NB)"
    return subprocess.run([sys.executable, "-c", probe, str(folder / LOCK)], capture_output=True).returncode != 0


def test_a_build_holds_its_cache_locked_until_it_ends(tmp_path):
    config = load_config(str(ROOT / "mkdocs.yml"), site_url=SITE_URL)
    config.plugins["material/social"].config.cache_dir = str(tmp_path)
    builds = Builds()
    builds.start(config)
    assert locked_elsewhere(tmp_path)
    builds.end(builds.of(config))
    assert not locked_elsewhere(tmp_path)
    builds.start(config)
    builds.start(config)  # one left open is ended first: no waiting for our own lock
    assert len(builds.open) == 1 and locked_elsewhere(tmp_path)
    builds.end_innermost()
    assert not builds.open and not locked_elsewhere(tmp_path)


def test_without_a_site_url_there_are_no_cards_and_no_lock(tmp_path, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins["material/social"].config.cache_dir = str(tmp_path / "cache")
    builds = Builds()
    builds.start(config)
    assert not builds.open and not config.plugins["material/social"].config.enabled
    assert not (tmp_path / "cache").exists()


# --- the plugin drawing cards (one card, no site) ---------------------------------------------------


class Drawer:
    """Material's social plugin as the build configures it, drawing single pages into a cache of its own."""

    def __init__(self, cache: Path):
        self.config = load_config(str(ROOT / "mkdocs.yml"), site_url=SITE_URL)
        self.social = self.config.plugins["material/social"]
        self.social.config.cache_dir = str(cache)
        self.social.on_startup(command="build", dirty=False)
        self.cards = Cards.start(self.config)
        self.social.on_config(self.config)

    def draw(self, src_uri: str, markdown: str) -> bytes:
        page = Page(
            None,
            File(src_uri, src_dir=str(ROOT / "docs"), dest_dir="/nonexistent", use_directory_urls=True),
            self.config,
        )
        page.markdown = markdown
        self.cards.page(page, markdown)
        self.social.on_page_markdown(markdown, page=page, config=self.config, files=None)
        return Path(self.social.card_pool_jobs[src_uri].result().abs_src_path).read_bytes()

    def close(self):
        self.social.on_shutdown()
        self.cards.close()


@pytest.fixture
def drawer(tmp_path):
    made = Drawer(tmp_path / "cache")
    yield made
    made.close()


def png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_a_card_is_1200_by_630_and_a_changed_title_changes_it(drawer):
    first = drawer.draw("2-concepts.md", "# 2. 核心概念与联系 { #sec-2 }\n")
    assert png(first).size == (1200, 630)
    assert drawer.draw("2-concepts.md", "# 2. 核心概念与联系 { #sec-2 }\n") == first
    changed = drawer.draw("2-concepts.md", "# 2. 核心概念和联系 { #sec-2 }\n")
    assert changed != first
    assert ImageChops.difference(png(first).convert("RGB"), png(changed).convert("RGB")).getbbox() is not None


def test_a_character_the_font_lacks_fails_naming_the_page_and_the_character(drawer):
    with pytest.raises(SocialCardsError) as caught:
        drawer.draw("2-concepts.md", "# 2. 核心\U000f0001 { #sec-2 }\n")
    assert str(caught.value).startswith("docs/2-concepts.md: its social card's title ")
    assert "(U+F0001), which the card font (@embedpdf/fonts-sc, fonts/NotoSansHans-Bold.otf) does not have" in str(
        caught.value
    )


def test_cards_are_drawn_with_no_network(drawer, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"a card tried the network: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(requests, "get", refuse)
    monkeypatch.setattr(social_plugin.requests, "get", refuse)
    assert png(drawer.draw("cite.md", "# 如何引用\n")).size == (1200, 630)
    with pytest.raises(AssertionError, match="tried the network"):  # what the pinned font spares: a download
        drawer.social._resolve_font("Roboto", "Bold")


DRAW_ONE = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[1] + "/tests")
from unit.social_cards.test_cards import Drawer
drawer = Drawer(Path(sys.argv[2]))
Path(sys.argv[3]).write_bytes(drawer.draw("4-math.md", "# 4. 数学模型和公式 & 详细讲解 & 举例说明 { #sec-4 }\\n"))
drawer.close()
"""


def test_two_processes_draw_the_same_bytes(tmp_path):
    """Reproducible: a card drawn from scratch, twice, at two times and in two time zones, is one file."""
    drawn = []
    for number, zone in enumerate(("UTC", "Asia/Shanghai")):
        card = tmp_path / f"card-{number}.png"
        result = subprocess.run(
            [sys.executable, "-c", DRAW_ONE, str(ROOT), str(tmp_path / f"cache-{number}"), str(card)],
            capture_output=True,
            text=True,
            env={"TZ": zone, "PATH": "/usr/bin:/bin"},
            cwd=ROOT,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        drawn.append(card.read_bytes())
    assert drawn[0] == drawn[1] and png(drawn[0]).size == (1200, 630)
