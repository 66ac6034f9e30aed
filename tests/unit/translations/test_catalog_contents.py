"""The English catalogs as they are: one current unit per block of the author's text, and the glossary applied."""

from __future__ import annotations

import re

import polib
import yaml

from sitekit.edition import CHINESE
from translations.catalogs import article_key

from helpers import ROOT

CATALOGS = ROOT / "translations" / "en"
GOLDEN_PARAGRAPHS = ROOT / "tests" / "golden" / "paragraphs.txt"


def catalog(name: str) -> polib.POFile:
    return polib.pofile(str(CATALOGS / name))


CODE_SPAN = re.compile(r"`[^`]*`")


def plain(text: str) -> str:
    """Markdown source -> the words a reader sees."""
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return " ".join(text.replace("**", "").replace("*", "").replace("`", "").split()).lower()


def test_every_author_block_has_one_current_unit():
    """One entry per block of the author's text (paragraph ids of text blocks; code and formulas are
    the same in both editions) and per heading, translated, not fuzzy."""
    entries = [entry for entry in catalog("article.po") if not entry.obsolete]
    keys = [article_key(entry.msgctxt, entry.msgid) for entry in entries]
    assert len(keys) == len(set(keys)), "a unit twice"
    golden = [
        line.split("\t")
        for line in GOLDEN_PARAGRAPHS.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    text_blocks = {pid for _page, pid, kind, _text in golden if kind not in {"code", "math"}}
    anchors = {
        line.split("\t")[0].split("#")[1]
        for line in (ROOT / "tests/golden/anchors.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    assert text_blocks | anchors | {"keywords", "abstract"} <= set(keys)
    for entry in entries:
        assert entry.msgstr and "fuzzy" not in entry.flags, f"#{entry.msgctxt}: not translated"
        assert not CHINESE.search(re.sub(r'<span lang="zh">.*?</span>', "", entry.msgstr)), (
            f"#{entry.msgctxt}: Chinese outside lang=zh"
        )


def test_names_and_terms_follow_the_glossary():
    """Wherever a glossary term occurs in an original, its English form occurs in the translation."""
    glossary = yaml.safe_load((ROOT / "translations" / "glossary.yml").read_text(encoding="utf-8"))
    misses = []
    for entry in [*catalog("article.po"), *catalog("site.po"), *catalog("code.po")]:
        if entry.obsolete or not entry.msgstr:
            continue
        # Code spans are quoted as they are (e.g. a GB/T entry citing the original), not translated.
        original, translation = plain(CODE_SPAN.sub("", entry.msgid)), plain(CODE_SPAN.sub("", entry.msgstr))
        for term in glossary:
            forms = term["en"] if isinstance(term["en"], list) else [term["en"]]
            if term["zh"].lower() in original and not any(form.lower() in translation for form in forms):
                misses.append(f"{entry.msgctxt or entry.msgid[:30]!r}: {term['zh']} -> {forms}")
    assert not misses, "\n".join(misses[:20])
