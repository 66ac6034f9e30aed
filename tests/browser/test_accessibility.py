"""Accessible in both colour schemes, on phones and by keyboard, beyond axe-core's rules
(which page_checks.py runs on every page in every view).

What a screen reader hears and a keyboard can do, read from
Chromium's accessibility tree (Playwright's aria snapshots) and driven by keys:
the paragraph numbers are named "第 2 段" and come before their paragraph's text,
the 引用此段 panel, copy buttons, code tabs and the diagram tab are reachable and
named, code that scrolls sideways scrolls by keyboard, every focused element is on
screen and visibly marked, and a reader who asks for less motion gets none.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from .conftest import VIEWPORTS
from .page_checks import ALLOWED

# -- Screen readers: Chromium's accessibility tree ------------------------------------

NUMBER_LINK = re.compile(r'^\s*- link "(?P<name>[^"]*)"', re.M)


@pytest.mark.parametrize("path", ["4-math/", "5-project/"])  # formulas; lists, code tabs, editor's notes
def test_paragraph_numbers_are_read_as_paragraphs_before_their_text(visit, path):
    tab = visit().goto(path)
    article = tab.locator("article")
    tree = article.aria_snapshot()
    numbers = article.locator("a.para-num").all_inner_texts()
    assert numbers, f"{path}: no paragraph numbers"
    named = [m["name"] for m in NUMBER_LINK.finditer(tree) if re.fullmatch(r"第 \d+ 段|\d+", m["name"])]
    assert named == [f"第 {n} 段" for n in numbers], (
        f"{path}: the paragraph numbers read as {named[:8]}…, not 第 N 段 in page order"
    )
    # Each number comes first in its block, and the block's own content right after it.
    for block in article.locator(":is(p, li, dt)[id^=sec-]:has(> a.para-num)").all()[:40]:
        lines = [line.strip() for line in block.aria_snapshot().splitlines()]
        number = block.locator(":scope > a.para-num").inner_text()
        first = next(i for i, line in enumerate(lines) if line.startswith("- link"))
        assert lines[first] == f'- link "第 {number} 段":', (
            f"{path}: #{block.get_attribute('id')} starts with {lines[first]!r}"
        )
        rest = [line for line in lines[first + 1 :] if not line.startswith(("- /url:", '- text: "'))]
        assert rest and not rest[0].startswith('- link "第'), (
            f"{path}: #{block.get_attribute('id')}: no text after its number"
        )


ROLE_AND_NAME = re.compile(r'- (?P<role>[\w-]+)(?P<name> "[^"]*")?(?P<states>(?: \[[^\]]+\])*)')


def focused(tab) -> str:
    """The focused element as the accessibility tree names it: 'button "复制"', 'radio "原文" [checked]'."""
    found = ROLE_AND_NAME.match(tab.locator(":focus").aria_snapshot())
    return "".join(found.group("role", "name", "states")) if found else "(nothing named)"


def test_citing_a_paragraph_by_keyboard(visit):
    tab = visit().goto("1-background/")
    number = tab.locator("#sec-1-1-p1 > a.para-num")
    number.focus()
    assert focused(tab) == 'link "第 1 段"'
    assert "1.1 节第 1 段" in number.get_attribute("title"), "cite.js describes the number"
    tab.keyboard.press("Enter")
    panel = tab.locator(".cite-para")
    panel.wait_for()
    # cite.js focuses the panel in a task after the link's own navigation: Playwright's expect() waits for it.
    expect(panel).to_be_focused(timeout=5000)
    tree = panel.aria_snapshot()
    assert tree.startswith('- region "引用此段"'), tree
    reached = []
    for _ in range(6):
        tab.keyboard.press("Tab")
        reached.append(focused(tab))
    assert reached[0] == 'button "关闭"' and reached[1:5] == ['button "复制"'] * 4 and reached[5].startswith("link"), (
        reached
    )
    tab.keyboard.press("Escape")
    assert panel.count() == 0, "Escape does not close the panel"
    assert focused(tab) == 'link "第 1 段"', "closing the panel does not give the focus back to the number"


def test_code_tabs_by_keyboard(visit):
    tab = visit().goto("5-project/")
    tab.locator("#sec-5-2-p2 > a.para-num").focus()
    tab.keyboard.press("Tab")
    assert focused(tab) == 'radio "原文" [checked]'
    tab.keyboard.press("ArrowRight")
    assert focused(tab) == 'radio "完整可运行模块" [checked]'
    tab_set = tab.locator("#sec-5-2-p2 .tabbed-set").first
    blocks = tab_set.locator(":scope > .tabbed-content > .tabbed-block")
    assert blocks.nth(1).is_visible() and not blocks.nth(0).is_visible()
    tab.keyboard.press("Tab")
    assert focused(tab) == 'button "复制"', "the shown tab's copy button is the next stop"
    assert tab.locator(":focus").evaluate("(el, block) => block.contains(el)", blocks.nth(1).element_handle())


def test_the_diagram_and_its_source_by_keyboard(visit):
    tab = visit().goto("2-concepts/")
    tab.locator("#sec-2-p2 > a.para-num").focus()
    tab.keyboard.press("Tab")
    assert focused(tab) == 'radio "关系图" [checked]'
    figure = tab.locator("#sec-2-p2 figure.diagram")
    assert re.search(r'- (img|document) "第 2 节核心概念关系图"', figure.aria_snapshot()), figure.aria_snapshot()[:200]
    tab.keyboard.press("ArrowRight")
    assert focused(tab) == 'radio "Mermaid 源码" [checked]'
    assert tab.locator("#sec-2-p2 .tabbed-block").nth(1).locator("pre").is_visible() and not figure.is_visible()


def test_the_page_and_its_parts_say_their_language(visit, built_pages):
    tab = visit().goto("")
    assert tab.evaluate("document.documentElement.lang") == "zh"
    credit = tab.locator(".md-copyright [lang=en]")
    assert "Made with" in credit.inner_text(), "the footer's English credit is not marked lang=en"
    notebook = visit().goto("notebooks/s4_3_binary_classifier/")
    names = notebook.locator("clipboard-copy").evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    assert names and set(names) == {"复制代码"}, names


# -- Keyboard: every stop on screen and marked; what scrolls, scrolls by keys ----------

# The focused element, what shows its focus (a hidden radio or palette option: its
# label), whether that is on screen and not entirely covered (by the sticky header,
# Material's back-to-top button), and
# whether focusing it changed how it or its parent looks. Running transitions and animations are
# finished first, jumping to where they would end: the look a reader sees once they are over, without
# waiting ~0.2 s at every stop (an endless one cannot finish, and throws: it is left as it runs).
FOCUS_STOP = """() => {
  for (const animation of document.getAnimations()) {
    try { animation.finish(); } catch (endless) { /* left as it runs */ }
  }
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const tiny = el.matches("input") && el.getBoundingClientRect().width < 2;
  const next = el.nextElementSibling;
  const shown = !tiny ? el : (next && next.matches("label") ? next : (el.labels && el.labels[0]) || el);
  const looks = (e) => {
    const s = getComputedStyle(e);
    return ["outline-style", "outline-width", "outline-color", "box-shadow", "color", "background-color",
      "text-decoration-line", "border-bottom-color"].map((p) => s.getPropertyValue(p)).join("|");
  };
  const focusedLooks = looks(shown) + looks(shown.parentElement);
  const box = shown.getBoundingClientRect();
  const inView = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
    && box.top < innerHeight && box.left < innerWidth;
  // Not entirely hidden (WCAG 2.4.11): its centre or a corner is on top of whatever floats there.
  const inside = (x, y) => [Math.min(Math.max(x, 0), innerWidth - 1), Math.min(Math.max(y, 0), innerHeight - 1)];
  const points = [[box.left + box.width / 2, box.top + box.height / 2], [box.left + 2, box.top + 2],
    [box.right - 2, box.top + 2], [box.left + 2, box.bottom - 2], [box.right - 2, box.bottom - 2]]
    .map(([x, y]) => inside(x, y));
  const hits = inView ? points.map(([x, y]) => document.elementFromPoint(x, y)) : [];
  const onTop = hits.some((hit) => hit && (shown.contains(hit) || hit.contains(shown)));
  const hit = hits[0];
  const caret = el.matches("input[type=text], input[type=search], textarea");
  el.blur();
  const marked = caret || looks(shown) + looks(shown.parentElement) !== focusedLooks;
  el.focus();
  const scrolls = /(auto|scroll)/.test(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1;
  const name = el.getAttribute("aria-label") || el.textContent.trim().slice(0, 40);
  // The boxes that scroll sideways (SCROLLERS numbered them) this stop is in.
  const scrollers = [...document.querySelectorAll("[data-scrolls-sideways]")]
    .filter((box) => box.contains(el)).map((box) => +box.dataset.scrollsSideways);
  return { what: `${el.tagName.toLowerCase()}.${String(el.className).split(" ")[0]} ${JSON.stringify(name)}`,
           inView, onTop, marked, scrolls, inside: scrollers,
           covered: onTop ? null : hit && `${hit.tagName.toLowerCase()}.${hit.className}` };
}"""

SCROLLERS = """() => [...document.querySelectorAll("body *")].filter((e) =>
  /(auto|scroll)/.test(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1 && e.checkVisibility()
  && !e.closest(".md-sidebar, .md-search")
).map((e, i) => { e.dataset.scrollsSideways = i; return i; })"""

KEYBOARD_WALKS = [
    ("5-project/", "desktop", "light"),
    ("5-project/", "phone", "dark"),
    ("2-concepts/", "desktop", "dark"),
    ("cite/", "phone", "light"),
    ("notebooks/s4_3_binary_classifier/", "phone", "dark"),
]


@pytest.mark.parametrize(("path", "device", "scheme"), KEYBOARD_WALKS, ids=["-".join(w) for w in KEYBOARD_WALKS])
def test_tabbing_through_a_page_every_stop_is_on_screen_and_marked(visit, path, device, scheme):
    tab = visit(viewport=VIEWPORTS[device], color_scheme=scheme).goto(path)
    scrollers = set(tab.evaluate(SCROLLERS))
    problems, scrolled, stops = [], set(), 0
    for _ in range(400):
        tab.keyboard.press("Tab")
        stop = tab.evaluate(FOCUS_STOP)
        if stop is None:  # past the last stop: the focus left the page
            break
        stops += 1
        if not (stop["inView"] and stop["onTop"] and stop["marked"]):
            problems.append(f"stop {stops}: {stop}")
        scrolled.update(stop["inside"])
        if stop["scrolls"]:
            before = tab.evaluate("document.activeElement.scrollLeft")
            tab.keyboard.press("ArrowRight")
            try:  # keyboard scrolling is smooth: it takes a moment
                tab.wait_for_function(
                    "(before) => document.activeElement.scrollLeft > before", arg=before, timeout=2000
                )
            except PlaywrightTimeout:
                problems.append(f"stop {stops}: {stop['what']} scrolls sideways but not with the arrow keys")
    else:
        pytest.fail(f"{path}: still tabbing after 400 stops")
    # Backwards the focus comes in at the top of the window, where the sticky header is.
    for back in range(1, min(stops, 30) + 1):
        tab.keyboard.press("Shift+Tab")
        stop = tab.evaluate(FOCUS_STOP)
        if stop is None or not (stop["inView"] and stop["onTop"]):
            problems.append(f"stop {stops + 1 - back}, coming back with Shift+Tab: {stop}")
    assert stops > 10, f"{path}: only {stops} tab stops"
    assert not problems, f"{path} ({device}, {scheme}), {stops} tab stops:\n" + "\n".join(problems)
    unreachable = tab.evaluate(
        "(ids) => ids.map((i) => document.querySelector(`[data-scrolls-sideways='${i}']`).outerHTML.slice(0, 120))",
        sorted(scrollers - scrolled),
    )
    assert not unreachable, f"{path}: scrolls sideways but no Tab reaches it: {unreachable}"


def test_phone_menu_and_search_open_by_keyboard(visit):
    """On a phone the closed drawer and search are out of the tab order, and the header's
    menu and search icons are tab stops named 导航栏 and 搜索 that Enter and Space open."""
    tab = visit(viewport=VIEWPORTS["phone"]).goto("4-math/")
    drawer_link = tab.locator("nav.md-nav--primary a.md-nav__link", has_text="2. 核心概念与联系")
    assert not drawer_link.is_visible(), "the closed drawer's links are visible to the keyboard"
    tab.keyboard.press("Tab")  # the skip link
    tab.keyboard.press("Tab")
    assert "text: 导航栏" in tab.locator(":focus").aria_snapshot(), (
        "the menu icon is not the next tab stop, named 导航栏"
    )
    tab.keyboard.press("Enter")
    tab.wait_for_function("() => document.getElementById('__drawer').checked")
    drawer_link.wait_for(state="visible")
    tab.evaluate("document.getElementById('__drawer').checked = false")  # closed again, as a tap beside it does
    drawer_link.wait_for(state="hidden")
    search = tab.locator('.md-header label.md-header__button[for="__search"]')
    search.focus()
    assert "text: 搜索" in tab.locator(":focus").aria_snapshot()
    tab.keyboard.press("Space")
    tab.wait_for_function("() => document.getElementById('__search').checked")
    tab.locator(".md-search__input").wait_for(state="visible")


# -- Motion ---------------------------------------------------------------------------

MOTION = "() => document.getAnimations().map((a) => a.animationName || a.transitionProperty || a.constructor.name)"


@pytest.mark.parametrize("reduced_motion", ["no-preference", "reduce"])
def test_reduced_motion_stops_animations_and_transitions(visit, reduced_motion):
    """A linked paragraph flashes, the phone drawer slides, tabs move their underline:
    unless the reader asked for less motion, then nothing moves."""
    tab = visit(viewport=VIEWPORTS["phone"], reduced_motion=reduced_motion).goto("5-project/#sec-5-1-p1")
    moving = tab.evaluate(MOTION)
    tab.locator('.md-header label[for="__drawer"]').click()
    moving += tab.evaluate(MOTION)
    tab.evaluate("document.getElementById('__drawer').checked = false")
    tab.locator("#sec-5-2-p2 .tabbed-labels > label").nth(1).click()
    moving += tab.evaluate(MOTION)
    if reduced_motion == "reduce":
        assert not moving, f"moves although the reader asked for reduced motion: {moving}"
    else:
        assert moving, "nothing moved: the test no longer sees animations and transitions"


def test_allowed_violations_are_explained():
    for entry in ALLOWED:
        assert entry.template.startswith("material/templates/") and len(entry.reason) > 80 and entry.views, entry
