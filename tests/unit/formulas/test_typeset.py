"""formulas/typeset.py: TeX in arithmatex's wrappers becomes KaTeX's HTML and MathML, or the build stops naming it."""

from __future__ import annotations

import pytest

from formulas import FormulaError, typeset
from sitekit import node


def test_inline_and_display_formulas_are_typeset_and_copy_as_the_article_writes_them(node_project):
    page = (
        '<p>Loss <span class="arithmatex">\\(y_i\\)</span></p><div class="arithmatex">\\[L = -\\sum_{i=1}^{N} '
        "y_i\\]</div>"
    )
    html = typeset(page, "docs/x.md", node_project)
    assert html.count('class="katex"') == 2 and html.count('class="katex-display"') == 1
    assert '<span class="tex-source" aria-hidden="true">$y_i$</span>' in html
    assert '<span class="tex-source" aria-hidden="true">$$L = -\\sum_{i=1}^{N} y_i$$</span>' in html
    assert html.count('<annotation encoding="application/x-tex">') == 2, "the TeX stays in the MathML"
    assert html.startswith('<p>Loss <span class="arithmatex">') and "\\(" not in html


def test_a_page_without_formulas_is_left_as_it_is(node_project):
    assert typeset("<p>无公式</p>", "docs/x.md", node_project) == "<p>无公式</p>"


def test_tex_katex_cannot_parse_fails_naming_the_page_and_the_tex(node_project):
    with pytest.raises(
        FormulaError, match=r"docs/4-math\.md: KaTeX cannot typeset '\\\\alpah_w'.*Undefined control sequence"
    ):
        typeset('<span class="arithmatex">\\(\\alpah_w\\)</span>', "docs/4-math.md", node_project)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ('<div class="arithmatex">$$x$$</div>', r"without its \\\[ … \\\] delimiters"),
        ('<p class="arithmatex">\\(x\\)</p>', "in a form formulas/typeset.py does not know"),
    ],
    ids=["dollars", "odd-markup"],
)
def test_unknown_formula_markup_fails_naming_the_page(document, message, node_project):
    with pytest.raises(FormulaError, match=rf"docs/x\.md: .*{message}"):
        typeset(document, "docs/x.md", node_project)


def test_one_node_process_typesets_a_whole_build(monkeypatch, node_project):
    """Node starts once for all the formulas of a build, not once per formula or page; a warm build not at all."""
    started = []
    real_popen = node.subprocess.Popen
    monkeypatch.setattr(node.subprocess, "Popen", lambda *a, **k: started.append(a) or real_popen(*a, **k))
    pages = ["".join(f'<span class="arithmatex">\\(x_{{{page}{i}}}\\)</span>' for i in range(20)) for page in range(5)]
    for page, document in enumerate(pages):
        assert typeset(document, f"docs/{page}.md", node_project).count('class="katex"') == 20
    assert len(started) == 1, started
    assert len(list((node_project / ".cache" / "katex").glob("*.json"))) == 5, "one cached answer per page"
    node.close()
    assert typeset(pages[0], "docs/0.md", node_project).count('class="katex"') == 20
    assert len(started) == 1, "a page whose formulas are cached started Node again"
