""".bib, .ris and CSL-JSON downloads: each unit's and the 全部条目 files parse with the tools reference
managers rely on (bibtexparser, rispy, the official CSL-JSON schema), hold the right entries, Chinese intact."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime

import bibtexparser
import jsonschema
import pytest
import rispy
from test_anchors import ANCHORS

from citation_html import ROOT, citation_metadata, english_title, records_of
from helpers import DEPLOYED_EPOCH, DEPLOYED_URL

META = citation_metadata()
SCHEMA = json.loads((ROOT / "tests" / "schemas" / "csl-data.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft3Validator(SCHEMA)
DEPLOYED_DATE = datetime.fromtimestamp(int(DEPLOYED_EPOCH), tz=UTC).date()
# Every unit's record names the article (the standards cite the work; the part goes in the
# in-text citation); a section's URL leads to the section.
UNITS = [(META["key"], META["title"], DEPLOYED_URL)] + [
    (f"{META['key']}-{anchor}", META["title"], f"{DEPLOYED_URL}{page}#{anchor}") for page, anchor, _ in ANCHORS
]


def read(site, name: str) -> str:
    path = site / "cite" / name
    assert path.is_file(), f"no download cite/{name}"
    return path.read_bytes().decode("utf-8")  # as it is: RIS lines end in CR LF


# --- CSL-JSON ---------------------------------------------------------------


def test_schema_is_the_official_csl_data_schema():
    assert SCHEMA["id"] == "https://github.com/citation-style-language/schema/raw/master/csl-data.json"
    jsonschema.Draft3Validator.check_schema(SCHEMA)


def test_all_entries_are_valid_csl_json(deployed_site):
    records = records_of(deployed_site / "cite" / f"{META['key']}-all.json")
    errors = sorted(VALIDATOR.iter_errors(records), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    assert [(r["id"], r["title"], r["URL"]) for r in records] == UNITS


@pytest.mark.parametrize(
    "break_it",
    [
        lambda r: r.pop("type"),
        lambda r: r.update(type="web page"),
        lambda r: r["author"][0].update(name="x"),
        lambda r: r.update(URL=["https://example.org/"]),
    ],
    ids=["no-type", "unknown-type", "unknown-name-part", "url-as-list"],
)
def test_validation_catches_a_broken_record(deployed_site, break_it):
    records = copy.deepcopy(records_of(deployed_site / "cite" / f"{META['key']}-all.json"))
    break_it(records[1])
    assert not VALIDATOR.is_valid(records)


@pytest.mark.parametrize(("record_id", "title", "url"), UNITS, ids=[u[0] for u in UNITS])
def test_each_units_csl_json_is_its_one_record(deployed_site, record_id, title, url):
    (record,) = json.loads(read(deployed_site, f"{record_id}.json"))
    assert VALIDATOR.is_valid([record])
    assert (record["id"], record["title"], record["URL"]) == (record_id, title, url)


# --- BibTeX -------------------------------------------------------------------


def fields_of(entry) -> dict[str, str]:
    return {field.key: field.value for field in entry.fields}


def test_all_entries_bib_parses_with_chinese_intact(deployed_site):
    library = bibtexparser.parse_string(read(deployed_site, f"{META['key']}-all.bib"))
    assert not library.failed_blocks
    found = [
        (entry.key, fields_of(entry)["title"].replace(r"\&", "&"), fields_of(entry)["url"]) for entry in library.entries
    ]
    assert found == UNITS
    for entry in library.entries:
        fields = fields_of(entry)
        assert entry.entry_type == "online"
        assert fields["author"] == "{" + META["author"].replace("&", r"\&") + "}"
        assert fields["urldate"] == DEPLOYED_DATE.isoformat()
        assert "titleaddon" not in fields, "the title is the article's: no website title beside it"


@pytest.mark.parametrize(("record_id", "title", "url"), UNITS, ids=[u[0] for u in UNITS])
def test_each_units_bib_holds_one_entry(deployed_site, record_id, title, url):
    library = bibtexparser.parse_string(read(deployed_site, f"{record_id}.bib"))
    assert not library.failed_blocks and [entry.key for entry in library.entries] == [record_id]


# --- RIS ----------------------------------------------------------------------


def test_all_entries_ris_parses_with_chinese_intact(deployed_site):
    text = read(deployed_site, f"{META['key']}-all.ris")
    entries = rispy.loads(text)
    assert [(e["id"], e["title"], e["urls"][0]) for e in entries] == UNITS
    for entry in entries:
        assert entry["type_of_reference"] == "ELEC"
        # One author, whole: RIS has no continuation lines, a line break would make two.
        assert entry["authors"] == [META["author"]]
        assert entry["language"] == META["language"]
        assert entry["access_date"] == DEPLOYED_DATE.strftime("%Y/%m/%d/")
        assert "secondary_title" not in entry, "the title is the article's: no website title beside it"
    assert all(line.endswith("\r") for line in text.split("\n")[:-1]), "RIS lines end in CR LF"


@pytest.mark.parametrize(("record_id", "title", "url"), UNITS, ids=[u[0] for u in UNITS])
def test_each_units_ris_holds_one_entry(deployed_site, record_id, title, url):
    (entry,) = rispy.loads(read(deployed_site, f"{record_id}.ris"))
    assert (entry["id"], entry["title"], entry["urls"]) == (record_id, title, [url])


def test_downloads_are_utf8_without_a_byte_order_mark(deployed_site):
    for path in (deployed_site / "cite").glob(f"{META['key']}*.*"):
        data = path.read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf"), path.name
        assert "贾扬清" in data.decode("utf-8"), path.name


# --- the English edition's files (en/cite/): each unit as the original and this translation -----


def test_english_downloads_hold_both_works_and_parse(deployed_site):
    """The English edition's 全部条目 files: 98 records, each unit's original (its English title as genre: BibTeX
    type, RIS M3) then this translation (English title, genre "English translation", the original's title as
    origtitle / OP, the English page's URL); valid CSL-JSON, and BibTeX and RIS that parse."""
    folder = deployed_site / "en" / "cite"
    english = [(f"{record_id}-en", url.replace(DEPLOYED_URL, DEPLOYED_URL + "en/", 1)) for record_id, _, url in UNITS]
    expected = [
        unit for pair in zip([(record_id, url) for record_id, _, url in UNITS], english, strict=True) for unit in pair
    ]
    records = records_of(folder / f"{META['key']}-all.json")
    assert VALIDATOR.is_valid(records)
    assert [(r["id"], r["URL"]) for r in records] == expected
    title = english_title()
    assert all(r["genre"] == (title if i % 2 == 0 else "English translation") for i, r in enumerate(records))

    library = bibtexparser.parse_string((folder / f"{META['key']}-all.bib").read_text(encoding="utf-8"))
    assert not library.failed_blocks and [entry.key for entry in library.entries] == [id_ for id_, _ in expected]
    for entry in library.entries:
        fields = fields_of(entry)
        if entry.key.endswith("-en"):
            assert (fields["title"], fields["type"], fields["origtitle"], fields["langid"]) == (
                title,
                "English translation",
                META["title"],
                "english",
            )
        else:
            assert (fields["title"], fields["type"], fields["langid"]) == (
                META["title"],
                title,
                "chinese",
            ) and "origtitle" not in fields

    entries = rispy.loads((folder / f"{META['key']}-all.ris").read_bytes().decode("utf-8"))
    assert [(e["id"], e["urls"][0]) for e in entries] == expected
    for entry in entries:
        if entry["id"].endswith("-en"):
            assert (entry["title"], entry["type_of_work"], entry["original_publication"]) == (
                title,
                "English translation",
                META["title"],
            )
        else:
            assert (entry["title"], entry["type_of_work"]) == (
                META["title"],
                title,
            ) and "original_publication" not in entry
