"""notebook_pages/stylesheet.py: the template's stylesheet cut to what the pages use, never a rule they need."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from notebook_pages.errors import NotebookPageError
from notebook_pages.stylesheet import cut, fail_on_dropped_rules, notebook_css, selectors, template_context
from sitekit import node

BODIES = [{"data-md-color-scheme": "default"}, {"data-md-color-scheme": "slate"}]


def fake_page(content: str, src_uri: str = "notebooks/x.ipynb"):
    return SimpleNamespace(content=content, file=SimpleNamespace(src_uri=src_uri), meta={})


def test_mkdocs_jupyters_list_of_its_css_is_dropped_only_when_each_item_is_on_the_page():
    assert notebook_css(["a { color: red }", "['a { color: red }']"], "notebooks/x.ipynb") == "a { color: red }\n"
    with pytest.raises(
        NotebookPageError, match=r"notebooks/x\.ipynb: mkdocs-jupyter's list of inlined CSS holds CSS the page lacks"
    ):
        notebook_css(["a { color: red }", "['b { color: blue }']"], "notebooks/x.ipynb")
    assert notebook_css(["[data-x] { color: red }"], "notebooks/x.ipynb") == "[data-x] { color: red }\n"


def test_every_selector_of_a_stylesheet_once():
    css = "/* c */ a, b > c { x: 1 } @media (min-width: 1px) { :is(d, e) f { y: 2 } } @font-face { font-family: g }"
    assert selectors(css) == {"a", "b > c", ":is(d, e) f"}


def test_a_dropped_rule_the_page_uses_fails_naming_it():
    """A dropped selector that matches the page (in a palette scheme, whatever its :hover) fails; one that matches
    nothing may go."""
    page = fake_page('<div class="jupyter-wrapper"><pre class="out">x</pre></div>')
    css = ".jupyter-wrapper .out{color:red}.gone .out{color:blue}[data-md-color-scheme=slate] .out:hover{color:#fff}"
    fail_on_dropped_rules(css, css, [page], BODIES)
    fail_on_dropped_rules(css, css.replace(".gone .out{color:blue}", ""), [page], BODIES)
    for dropped in (".jupyter-wrapper .out{color:red}", "[data-md-color-scheme=slate] .out:hover{color:#fff}"):
        with pytest.raises(
            NotebookPageError, match=r"notebooks/x\.ipynb: PurgeCSS dropped '.*\.out.*', which matches <pre"
        ):
            fail_on_dropped_rules(css, css.replace(dropped, ""), [page], BODIES)


def test_purgecss_keeps_what_the_pages_and_materials_script_use(node_project):
    pages = [fake_page('<div class="jupyter-wrapper"><pre class="out">x</pre></div>')]
    css = ".out{color:red}.md-typeset__table{x:1}.unused{color:blue}[data-md-color-scheme=slate] .out{color:#fff}"
    bundle = 'e.className = "md-typeset__table"'
    used = cut(css, pages, bundle, BODIES, node_project)
    assert ".out" in used and ".md-typeset__table" in used and "slate" in used and ".unused" not in used
    node.close()
    assert cut(css, pages, bundle, BODIES, node_project) == used, "the cached cut"


def test_the_context_is_materials_bundle_and_a_body_per_palette_scheme(tmp_path):
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "assets" / "javascripts" / "bundle.abc.min.js").write_text("bundle")
    palette = [{"scheme": "default", "primary": "indigo"}, {"scheme": "slate", "accent": "pink"}]
    config = SimpleNamespace(theme=SimpleNamespace(dirs=[str(tmp_path)], get=lambda key: palette))
    bundle, bodies = template_context(config)
    assert bundle == "bundle" and [body["data-md-color-scheme"] for body in bodies] == ["default", "slate"]
    assert bodies[1]["data-md-color-accent"] == "pink" and bodies[1]["data-md-color-primary"] == "indigo"
    config.theme.dirs = [str(tmp_path / "nothing")]
    with pytest.raises(NotebookPageError, match="no assets/javascripts/bundle"):
        template_context(config)
