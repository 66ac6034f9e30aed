"""Citations of the article: CSL-JSON records, the citeproc-js processor, BibTeX/RIS/CSL-JSON files, paragraph ids.

- records.py: one CSL-JSON record per citable unit (the article, each numbered section), from extra.citation;
- processor.py + format.js: citeproc-js in the build's Node process (sitekit/node.py), with the official
  styles in styles/ and locales in locales/;
- export.py: the .bib, .ris and .json downloads;
- paragraphs.py: the Markdown extension that numbers every block of the author's text (sec-3-1-p2);
- build.py + blocks.py + labels.py: what a build knows and adds (units, downloads, the blocks in each
  edition's words, 引用此段's data).

hooks/citations_hook.py forwards MkDocs' events to build.py; README.md here has the design.
"""
