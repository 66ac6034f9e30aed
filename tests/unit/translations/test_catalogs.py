"""translations/catalogs.py: what counts as a current translation, and how an update keeps every translation."""

from __future__ import annotations

import polib

from translations.catalogs import Catalogs, Unit, new_catalog, update_article, update_site


def test_update_marks_a_changed_unit_fuzzy_and_keeps_the_old_translation():
    po = new_catalog("en")
    po.append(polib.POEntry(msgctxt="sec-1-1-p1", msgid="旧的原文", msgstr="The old English"))
    po.append(polib.POEntry(msgctxt="sec-9-p1", msgid="离开的段落", msgstr="A paragraph that left"))
    updated, counts = update_article(po, [Unit("article", "sec-1-1-p1", "新的原文", ("docs/1-background.md",))], "en")
    (entry,) = [e for e in updated if not e.obsolete]
    assert (entry.msgid, entry.previous_msgid, entry.msgstr, entry.flags) == (
        "新的原文",
        "旧的原文",
        "The old English",
        ["fuzzy"],
    )
    assert [e.msgctxt for e in updated if e.obsolete] == ["sec-9-p1"], "a unit no page has is kept, obsolete"
    assert counts == {"kept": 0, "fuzzy": 1, "new": 0, "obsolete": 1}


def test_a_new_text_of_ours_takes_the_translation_of_the_most_similar_one_that_left():
    ours = new_catalog("en")
    ours.append(polib.POEntry(msgid="本站添加，非原文", msgstr="Added by this site, not part of the original"))
    updated, counts = update_site(ours, [Unit("site", "", "本站添加，不是原文")], "en")
    (entry,) = [e for e in updated if not e.obsolete]
    assert (
        entry.flags == ["fuzzy"] and entry.previous_msgid == "本站添加，非原文" and entry.msgstr.startswith("Added by")
    )
    assert counts["fuzzy"] == 1 and counts["obsolete"] == 0


def test_a_translation_counts_only_if_current(tmp_path):
    (tmp_path / "en").mkdir()
    article, site = new_catalog("en"), new_catalog("en")
    article.append(polib.POEntry(msgctxt="sec-1-p1", msgid="原文", msgstr="Original"))
    article.append(polib.POEntry(msgctxt="sec-1-p2", msgid="原文二", msgstr="Second", flags=["fuzzy"]))
    article.append(polib.POEntry(msgctxt="sec-1-p3", msgid="原文三", msgstr=""))
    site.append(polib.POEntry(msgid="复制", msgstr="Copy"))
    article.save(str(tmp_path / "en" / "article.po"))
    site.save(str(tmp_path / "en" / "site.po"))
    catalogs = Catalogs.load(tmp_path / "en")
    assert catalogs.article("sec-1-p1", "原文").translation == "Original"
    assert catalogs.article("sec-1-p1", "改过的原文").reason == "was translated from another original"
    assert catalogs.article("sec-1-p2", "原文二").reason == "has a fuzzy translation (its original changed)"
    assert catalogs.article("sec-1-p3", "原文三").reason == "has an empty translation"
    assert catalogs.article("sec-1-p4", "新").reason == "has no translation"
    assert catalogs.ours("复制").translation == "Copy" and catalogs.ours("粘贴").translation is None
