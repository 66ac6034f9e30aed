"""The translation catalogs: gettext PO files, read and written with polib.

translations/<language>/article.po holds the author's text: one entry per unit,
`msgctxt` its paragraph id or heading anchor (`sec-4-1-p2`, `sec-4-1`), `msgid`
the original it was translated from, `msgstr` the translation. The two headings
of the author that have no anchor of their own (the title, 作者) have the
context `heading` and are told apart by their text. translations/<language>/site.po holds our own texts,
keyed by the text itself (`msgid`; `msgctxt` only where the same text needs two
translations). translations/<language>/code.po holds the comments and docstrings of the
code the pages show and the diagram's node labels (translations/code.py finds them),
keyed by their text like site.po's, translated over as many lines as the original.

A translation counts only if it is not fuzzy, not empty, and was made from the
original the page has now. `update()` brings the catalogs to the units a build
met, as `msgmerge --previous` does: a unit whose original changed keeps its old
translation as a suggestion, marked fuzzy, with the old original as `#| msgid`;
a new text of ours takes the translation of the most similar text that left
(fuzzy, likewise); units no page has any more are kept as obsolete entries
(`#~`), so no translation is lost.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import polib

ARTICLE = "article.po"
SITE = "site.po"
CODE = "code.po"
UPDATE_COMMAND = "python -m translations update"
# How alike an old and a new text of ours must be for the old translation to be offered (msgmerge's is similar).
SIMILAR = 0.6
# The context of the author's headings without an anchor (the title, 作者): keyed by their text.
HEADING = "heading"


@dataclass(frozen=True)
class Verdict:
    translation: str | None  # None: show the original
    reason: str = ""  # why not, for the build's warning
    catalog: str = ""


@dataclass
class Catalogs:
    folder: Path
    article_po: polib.POFile
    site_po: polib.POFile
    code_po: polib.POFile
    by_context: dict[str, polib.POEntry] = field(default_factory=dict)
    by_text: dict[tuple[str, str], polib.POEntry] = field(default_factory=dict)
    by_code: dict[str, polib.POEntry] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> Catalogs:
        paths = [folder / ARTICLE, folder / SITE, folder / CODE]
        key = tuple((str(path), path.stat().st_mtime_ns) for path in paths if path.exists())
        if key not in _loaded:
            # A catalog not written yet holds nothing: every unit is then reported as untranslated.
            language = folder.name
            catalogs = cls(folder, *(read_or_new(path, language) for path in paths))
            catalogs.index()
            _loaded.clear()
            _loaded[key] = catalogs
        return _loaded[key]

    def index(self) -> None:
        self.by_context = {
            article_key(entry.msgctxt, entry.msgid): entry for entry in self.article_po if not entry.obsolete
        }
        self.by_text = {(entry.msgctxt or "", entry.msgid): entry for entry in self.site_po if not entry.obsolete}
        self.by_code = {entry.msgid: entry for entry in self.code_po if not entry.obsolete and not entry.msgctxt}

    def article(self, key: str, original: str) -> Verdict:
        where = str(self.folder / ARTICLE)
        entry = self.by_context.get(article_key(key, original))
        if entry is None:
            return Verdict(None, "has no translation", where)
        if entry.msgid != original:
            return Verdict(None, "was translated from another original", where)
        return self.usable(entry, where)

    def ours(self, original: str, context: str = "") -> Verdict:
        where = str(self.folder / SITE)
        entry = self.by_text.get((context, original))
        if entry is None:
            return Verdict(None, "has no translation", where)
        return self.usable(entry, where)

    def code(self, original: str) -> Verdict:
        """A comment, docstring or diagram label (translations/code.py)."""
        where = str(self.folder / CODE)
        entry = self.by_code.get(original)
        if entry is None:
            return Verdict(None, "has no translation", where)
        return self.usable(entry, where)

    @staticmethod
    def usable(entry: polib.POEntry, where: str) -> Verdict:
        if "fuzzy" in entry.flags:
            return Verdict(None, "has a fuzzy translation (its original changed)", where)
        if not entry.msgstr:
            return Verdict(None, "has an empty translation", where)
        return Verdict(entry.msgstr)


_loaded: dict[tuple, Catalogs] = {}


def article_key(context: str, original: str) -> str:
    """An author's unit is its id; a heading without an anchor its text."""
    return f"{HEADING}:{original}" if context == HEADING else context


# -- updating -----------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    catalog: str  # "article" or "site"
    context: str  # paragraph id / anchor (article), "" or a context (site)
    original: str
    pages: tuple[str, ...] = ()


def new_catalog(language: str) -> polib.POFile:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "cn-llm-market",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": "zh",
    }
    return po


def read_or_new(path: Path, language: str) -> polib.POFile:
    return polib.pofile(str(path), wrapwidth=0) if path.is_file() else new_catalog(language)


def comment(unit: Unit) -> str:
    return ", ".join(unit.pages)


def _fresh(po: polib.POFile, language: str) -> tuple[polib.POFile, dict[str, int]]:
    """The updated catalog, empty but for the old one's header, and its counts."""
    out = new_catalog(language)
    out.metadata = po.metadata or out.metadata
    return out, {"kept": 0, "fuzzy": 0, "new": 0, "obsolete": 0}


def _retire(out: polib.POFile, entries, counts: dict[str, int]) -> None:
    """Entries no unit uses any more stay, obsolete (as msgmerge keeps them)."""
    for entry in entries:
        entry.obsolete = True
        out.append(entry)
        counts["obsolete"] += 1


def update_article(po: polib.POFile, units: list[Unit], language: str) -> tuple[polib.POFile, dict[str, int]]:
    old = {article_key(entry.msgctxt, entry.msgid): entry for entry in po}
    out, counts = _fresh(po, language)
    for unit in units:
        entry = old.pop(article_key(unit.context, unit.original), None)
        if entry is None:
            entry = polib.POEntry(msgctxt=unit.context, msgid=unit.original, msgstr="")
            counts["new"] += 1
        elif entry.msgid != unit.original or entry.obsolete:
            if entry.msgid != unit.original:
                entry.previous_msgid, entry.msgid = entry.msgid, unit.original
                if entry.msgstr and "fuzzy" not in entry.flags:
                    entry.flags.append("fuzzy")
                counts["fuzzy"] += 1
            entry.obsolete = False
        else:
            counts["kept"] += 1
        entry.occurrences, entry.comment = [], comment(unit)
        out.append(entry)
    _retire(out, old.values(), counts)
    return out, counts


def update_site(po: polib.POFile, units: list[Unit], language: str) -> tuple[polib.POFile, dict[str, int]]:
    old = {(entry.msgctxt or "", entry.msgid): entry for entry in po}
    wanted = {(unit.context, unit.original) for unit in units}
    # Translations whose text no page has any more: suggestions for new texts, else obsolete.
    leaving = {key: entry for key, entry in old.items() if key not in wanted and entry.msgstr}
    out, counts = _fresh(po, language)
    for unit in units:
        key = (unit.context, unit.original)
        entry = old.pop(key, None)
        if entry is not None:
            entry.obsolete = False
            counts["kept"] += 1
        else:
            entry = polib.POEntry(msgctxt=unit.context or None, msgid=unit.original, msgstr="")
            similar = difflib.get_close_matches(
                unit.original, [text for context, text in leaving if context == unit.context], n=1, cutoff=SIMILAR
            )
            if similar:
                previous = leaving.pop((unit.context, similar[0]))
                old.pop((unit.context, similar[0]), None)
                entry.msgstr, entry.previous_msgid, entry.flags = previous.msgstr, previous.msgid, ["fuzzy"]
                counts["fuzzy"] += 1
            else:
                counts["new"] += 1
        entry.occurrences, entry.comment = [], comment(unit)
        out.append(entry)
    _retire(out, old.values(), counts)
    return out, counts
