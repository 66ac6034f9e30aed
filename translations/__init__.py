"""The English edition's translations: catalogs, the Markdown extension that applies them, the update command.

- catalogs.py: the gettext PO catalogs in <language>/ (article.po: the author's text,
  keyed by paragraph id; site.po: our own texts; code.po: the comments and docstrings
  of the code files and the diagram's node labels), read and written with polib;
- code.py: the English code files (snippets/x.en.py), x.py with its comments and
  docstrings replaced by their translations, the same code token for token;
- markdown.py: the Python-Markdown extension that puts each unit's translation in
  place in the English build (mkdocs.en.yml);
- __main__.py: `python -m translations update` (and `status`);
- glossary.yml: the names and terms, one English form each;
- edition.py: the English edition in the build (configuration, notebooks, navigation, the
  links to the original, the English build itself), forwarded by hooks/translations_hook.py.

README.md here says how to translate.
"""
