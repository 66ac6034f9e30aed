"""Citations of the article: CSL-JSON records, the citeproc-js processor, BibTeX/RIS/CSL-JSON files, paragraph ids.

- records.py: one CSL-JSON record per citable unit (the article, each numbered section), from extra.citation;
- processor.py + format.js: citeproc-js (Node) with the official styles in styles/ and locales in locales/;
- export.py: the .bib, .ris and .json downloads;
- paragraphs.py: the Markdown extension that numbers every block of the author's text (sec-3-1-p2).

hooks/cite.py puts them into the MkDocs build; README.md here says where the styles come from.
"""
