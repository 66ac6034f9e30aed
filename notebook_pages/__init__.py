"""Notebook pages (可运行代码): what mkdocs-jupyter makes of the executed notebooks, finished (README.md).

- page.py: one page in one pass: nothing from other hosts, the template's styles out,
  code cells named, figures with alt text and as lazy files, the .ipynb download link;
- stylesheet.py + purge.js: the template's stylesheet cut with PurgeCSS to one shared file;
- build.py: what one build collects and adds to the site.
"""
