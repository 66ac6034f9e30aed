"""The English edition's text: each block of a page replaced by its translation from the catalogs.

A Python-Markdown extension (it runs wherever Python-Markdown runs, as
citations.paragraphs does), named only in the English edition's configuration
(mkdocs.en.yml). It works on the page's block tree after citations.paragraphs
has marked the author's blocks (priority 26) and before inline markup is parsed
(20): a unit's original and its translation are Markdown text
(`**人工智能研究人员**：…` → `**AI researchers**: …`), and everything built on
the text afterwards (links, abbreviations, paragraph numbers, the contents) is
built on the English.

The units (catalogs.py keeps them):

- each block of the author's text, keyed by its paragraph id (`sec-4-1-p2`),
  and each of the article's headings, keyed by its anchor (`sec-4-1`,
  `keywords`) or `heading` (the title, 作者): article.po. A definition is one
  unit, the term on the first line, the description after it;
- any other text with Chinese in it (our notes, guide, tab labels, captions,
  our own pages, abbreviation titles), keyed by the text itself: site.po.
  Text without Chinese is the same in both editions and no unit.

A unit without a current translation (missing, fuzzy, or translated from
another original) is shown in the original, marked `lang="zh"` and "awaiting
translation", never in an older English; the build logs a WARNING naming it and
the command that updates the catalogs, so `mkdocs build --strict` fails.

Headings without an explicit id get the id the Chinese edition gives them
(toc's slug of the original text), so every anchor means the same place in
both editions.

Included files (pymdownx.snippets) with an English variant beside them
(`x.figures.en.md` for `x.figures.md`) are included in that variant. A code file
whose comments are translated (translations/code.py: `snippets/x.py` ->
`snippets/x.en.py`) is included in its English variant only if that is what
code.po gives today, every comment and docstring translated; else the original
is included and the build logs a WARNING naming the unit or the stale file.
"""

from __future__ import annotations

import json
import logging
import os
import re
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.attr_list import AttrListTreeprocessor
from markdown.extensions.toc import unique
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from citations.paragraphs import HEADINGS, MARK, MARK_WRAP, SECTION_ID, heading_anchor
from sitekit.edition import has_chinese
from sitekit.errors import BuildError
from translations import code as code_files
from translations.catalogs import UPDATE_COMMAND, Catalogs, Verdict

log = logging.getLogger("mkdocs.translations")

# Where `python -m translations update` has the build write every unit it meets (JSON lines).
COLLECT_ENV = "TRANSLATIONS_COLLECT"
PENDING_CLASS = "i18n-pending"
PENDING_LABEL = "Awaiting translation"
# Inline markup that toc would render before slugifying a heading: such a heading needs its own id.
INLINE_MARKUP = re.compile(r"[*_`\[\]<>\\!]")
INCLUDE = re.compile(
    r"""^(?P<lead>\s*-{1,}8<-{1,}\s+)(?P<quote>["'])(?P<path>[^"':]+?)(?P<ext>\.[A-Za-z0-9]+)(?P<rest>(?::[^"']*)?)(?P=quote)\s*$"""
)


class TranslationError(BuildError):
    """A page whose text no unit holds, or a block in a form this extension does not know."""


class EnglishIncludes(Preprocessor):
    """`--8<-- "x.figures.md"` includes `x.figures.en.md` when that file exists (before pymdownx.snippets)."""

    def __init__(self, md: Markdown, language: str, base: Path, catalogs: Catalogs, page: str):
        super().__init__(md)
        self.language, self.base, self.catalogs, self.page = language, base, catalogs, page

    def run(self, lines: list[str]) -> list[str]:
        return [self.variant(line) for line in lines]

    def variant(self, line: str) -> str:
        match = INCLUDE.match(line)
        if match is None:
            return line
        translated = f"{match['path']}.{self.language}{match['ext']}"
        original = self.base / f"{match['path']}{match['ext']}"
        if original.resolve() in {path.resolve() for path in code_files.code_files(self.base)}:
            reason = code_files.stale(original, self.catalogs)
            if reason is not None:
                log.warning(f"translations: {self.page}: {reason}")
                return line
        elif not (self.base / translated).is_file():
            return line
        return f"{match['lead']}{match['quote']}{translated}{match['rest']}{match['quote']}"


class Translate(Treeprocessor):
    def __init__(self, md: Markdown, catalogs: Catalogs, page: str):
        super().__init__(md)
        self.catalogs, self.page = catalogs, page

    def run(self, root: etree.Element) -> None:
        self.parents = {child: parent for parent in root.iter() for child in parent}
        self.done: set[int] = set()  # elements whose text a unit already holds
        headings = [element for element in root.iter() if element.tag in HEADINGS]
        self.article_page = any(SECTION_ID.fullmatch(heading_anchor(heading)) for heading in headings)
        self.keep_heading_ids(headings)
        self.translate_abbreviations()
        self.walk(root, ours=False)

    # -- the units -------------------------------------------------------------

    def walk(self, element: etree.Element, ours: bool) -> None:
        if element.get("translate") == "no" or element.tag in {"pre", "script", "style"}:
            return
        classes = element.get("class", "").split()
        # Admonitions, citation blocks, figures and tab sets are ours, also on the article's pages
        # (the author's code inside a 原文 tab is stashed, never text here).
        ours = ours or "admonition" in classes or element.tag in {"details", "figure"} or "tabbed-set" in classes
        if id(element) in self.done:
            pass
        elif element.get(MARK) is not None and element.get(MARK_WRAP) is None:
            self.author_block(element)
        elif element.tag in HEADINGS and self.article_page and not ours:
            self.author_heading(element)
        elif element.text and has_chinese(element.text):
            self.our_text(element)
        for child in list(element):
            self.walk(child, ours)
            if child.tail and has_chinese(child.tail) and child.get("class") != f"{PENDING_CLASS}__label":
                raise TranslationError(
                    f"{self.page}: text after a <{child.tag}> that no unit holds: {child.tail.strip()[:60]!r}"
                )

    def holder(self, element: etree.Element) -> etree.Element:
        """The element whose text is the block's: itself, or its one paragraph (a loose list item, a description)."""
        if (element.text or "").strip():
            return element
        paragraphs = [child for child in element if child.tag == "p"]
        if len(paragraphs) != 1 or not (paragraphs[0].text or "").strip():
            raise TranslationError(
                f"{self.page}: a block of the author's text in an unknown form: <{element.tag}> "
                f"{element.get(MARK) or ''}"
            )
        return paragraphs[0]

    def author_block(self, element: etree.Element) -> None:
        anchor = element.get(MARK)
        if element.tag == "dt":
            siblings = list(self.parents[element])
            following = siblings[siblings.index(element) + 1 :]
            if not following or following[0].tag != "dd":
                raise TranslationError(f"{self.page}: the definition #{anchor} has no description")
            term, description = element, self.holder(following[0])
            self.done.add(id(description))
            translated = self.article(anchor, f"{term.text.strip()}\n{description.text.strip()}", description)
            if translated is None:
                term.set("lang", "zh")
            else:
                term.text, _, description.text = translated.partition("\n")
            return
        holder = self.holder(element)
        self.done.add(id(holder))
        translated = self.article(anchor, holder.text.strip(), holder)
        if translated is not None:
            holder.text = translated

    def author_heading(self, heading: etree.Element) -> None:
        anchor = heading_anchor(heading)
        text, suffix = split_attributes(heading.text or "")
        key = anchor if SECTION_ID.fullmatch(anchor) else "heading"
        translated = self.article(key, text, heading)
        if translated is not None:
            heading.text = translated + suffix

    def our_text(self, element: etree.Element) -> None:
        text, suffix = split_attributes(element.text) if element.tag in HEADINGS else (element.text.strip(), "")
        collect("site", "", text, element.tag, self.page)
        verdict = self.catalogs.ours(text)
        if verdict.translation is None:
            self.warn(repr(text[:40] + ("…" if len(text) > 40 else "")), verdict)
            self.pending(element)
        else:
            element.text = verdict.translation + suffix

    def article(self, key: str, original: str, element: etree.Element) -> str | None:
        """The translation of an author's unit, or None (then `element` shows the original, marked)."""
        collect("article", key, original, element.tag, self.page)
        verdict = self.catalogs.article(key, original)
        if verdict.translation is None:
            self.warn(f"#{key}", verdict)
            self.pending(element)
        return verdict.translation

    # -- what a missing translation looks like ---------------------------------------------

    def warn(self, unit: str, verdict: Verdict) -> None:
        log.warning(
            f"translations: {self.page}: {unit} {verdict.reason}: run `{UPDATE_COMMAND}` and translate it in "
            f"{verdict.catalog}"
        )

    def pending(self, element: etree.Element) -> None:
        """The original, in Chinese, marked as awaiting its translation."""
        element.set("lang", "zh")
        element.set("class", " ".join(filter(None, [element.get("class"), PENDING_CLASS])))
        if element.tag in HEADINGS or element.tag in {"label", "summary"}:
            element.set("title", PENDING_LABEL)
            return
        label = etree.Element("span", {"class": f"{PENDING_CLASS}__label", "lang": "en"})
        label.text = PENDING_LABEL
        label.tail, element.text = element.text, None
        element.insert(0, label)

    # -- headings' ids and abbreviations ---------------------------------------------------

    def keep_heading_ids(self, headings: list[etree.Element]) -> None:
        """The ids toc gives the original headings, set before the text becomes English."""
        toc = self.md.treeprocessors["toc"]
        used = {heading_anchor(heading) for heading in headings} - {""}
        counters: dict[str, int] = {}
        for heading in headings:
            if heading_anchor(heading):
                continue
            text = (heading.text or "").strip()
            if INLINE_MARKUP.search(text):
                raise TranslationError(
                    f"{self.page}: the heading {text!r} has inline markup and no id: give it one "
                    "(`## … {{ #name }}`), so that both editions share it"
                )
            heading.set("id", unique(toc.slugify(text, toc.sep), used, counters))

    def translate_abbreviations(self) -> None:
        abbreviations = self.md.treeprocessors["abbr"].abbrs if "abbr" in self.md.treeprocessors else {}
        for abbreviation, title in abbreviations.items():
            if title and has_chinese(title):
                verdict = self.catalogs.ours(title)
                collect("site", "", title, "abbr", self.page)
                if verdict.translation is None:
                    self.warn(f"the title of the abbreviation {abbreviation}", verdict)
                else:
                    abbreviations[abbreviation] = verdict.translation


def split_attributes(text: str) -> tuple[str, str]:
    """ "4.1 Title { #sec-4-1 }" -> ("4.1 Title", " { #sec-4-1 }"): attr_list reads the suffix later."""
    match = AttrListTreeprocessor.HEADER_RE.search(text)
    return (text[: match.start()].strip(), text[match.start() :]) if match else (text.strip(), "")


def collect(catalog: str, context: str, original: str, tag: str, page: str) -> None:
    """Under `python -m translations update`: note a unit met on `page` (or in the file that says it)."""
    path = os.environ.get(COLLECT_ENV)
    if path:
        with open(path, "a", encoding="utf-8") as out:
            found = {"catalog": catalog, "context": context, "original": original, "tag": tag, "page": page}
            out.write(json.dumps(found, ensure_ascii=False) + "\n")


class TranslationsExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "language": [
                "en",
                "the edition's language: catalogs/<language>/*.po, included files' *.<language>.* variants",
            ],
            "catalogs": ["translations", "the folder of the catalogs (absolute, or relative to the working directory)"],
            "base_path": [".", "where pymdownx.snippets looks for included files"],
            # MkDocs makes a Markdown instance per page, from mdx_configs: translations/edition.py
            # sets this option before each page is converted.
            "page": ["", "the page being converted (docs/…), for the messages and the collection"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        language = self.getConfig("language")
        catalogs = Catalogs.load(Path(self.getConfig("catalogs")) / language)
        base = Path(self.getConfig("base_path"))
        page = self.getConfig("page")
        md.preprocessors.register(EnglishIncludes(md, language, base, catalogs, page), "translated_includes", 33)
        # After citations.paragraphs has marked the author's blocks (26), before inline markup (20).
        md.treeprocessors.register(Translate(md, catalogs, self.getConfig("page")), "translate", 25)


def makeExtension(**kwargs) -> TranslationsExtension:  # noqa: N802 (Python-Markdown's name)
    return TranslationsExtension(**kwargs)
