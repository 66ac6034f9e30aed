"""The peer: the same manuscript as a default Material for MkDocs site.

One page per numbered section, default theme settings for a Chinese site (the
UI in Chinese and Material's search with `lang: zh`, which segments with jieba
when it is installed, as it is here), and math and diagrams set up as
Material's own documentation recommends (MathJax 3 and Mermaid from their
CDNs). It is what a team would get without this project's work, so the
benchmark compares like with like.
"""

from __future__ import annotations

import re
from pathlib import Path

MANUSCRIPT = Path(__file__).resolve().parent.parent / "tests" / "golden" / "manuscript.txt"

MKDOCS_YML = """\
site_name: 国内大模型市场：贾扬清的观点，同质化发展的挑战与机会
theme:
  name: material
  language: zh
plugins:
  - search:
      lang: zh
markdown_extensions:
  - pymdownx.arithmatex:
      generic: true
  - pymdownx.highlight
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
extra_javascript:
  - javascripts/mathjax.js
  - https://unpkg.com/mathjax@3/es5/tex-mml-chtml.js
"""

# Material's documented MathJax configuration (reference/math.md).
MATHJAX_JS = """\
window.MathJax = {
  tex: {
    inlineMath: [["\\\\(", "\\\\)"]],
    displayMath: [["\\\\[", "\\\\]"]],
    processEscapes: true,
    processEnvironments: true
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex"
  }
};

document$.subscribe(() => {
  MathJax.startup.output.clearCache()
  MathJax.typesetClear()
  MathJax.texReset()
  MathJax.typesetPromise()
})
"""


def write_peer(project: Path) -> Path:
    """Write the peer project into `project` (created) and return it."""
    text = MANUSCRIPT.read_text(encoding="utf-8").strip()
    parts = re.split(r"^(?=## \d+\. )", text, flags=re.M)
    docs = project / "docs"
    (docs / "javascripts").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text(parts[0] + "\n", encoding="utf-8")
    for part in parts[1:]:
        number = re.match(r"## (\d+)\.", part).group(1)
        # Each section's page starts at level 1, like ours.
        page = re.sub(r"^#(#+)", r"\1", part, flags=re.M)
        (docs / f"{number}.md").write_text(page, encoding="utf-8")
    (docs / "javascripts" / "mathjax.js").write_text(MATHJAX_JS, encoding="utf-8")
    (project / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return project
