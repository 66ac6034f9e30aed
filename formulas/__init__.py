"""Formulas typeset at build time with KaTeX, and KaTeX's stylesheet and fonts published (README.md).

- typeset.py + katex.js: each page's TeX replaced by KaTeX's HTML and MathML (after the
  page is rendered), the print page's after print-site has written it;
- assets.py: katex.min.css and its fonts, from node_modules/, under assets/vendor/.
"""

from formulas.assets import STYLESHEET, publish
from formulas.errors import FormulaError
from formulas.typeset import typeset, typeset_print_page

__all__ = ["STYLESHEET", "FormulaError", "publish", "typeset", "typeset_print_page"]
