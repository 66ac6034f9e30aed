"""CITATION.cff: valid Citation File Format 1.2.0, and the same metadata as the site.

Validated with jsonschema against the CFF 1.2.0 schema (tests/schemas/README.md says
why not cffconvert).
"""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest
import yaml

from citation_html import ROOT, citation_metadata

SCHEMA = json.loads((ROOT / "tests" / "schemas" / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))
CFF = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
META = citation_metadata()
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)


def test_schema_is_cff_1_2_0():
    assert SCHEMA["$id"] == "https://citation-file-format.github.io/1.2.0/schema.json"
    jsonschema.Draft7Validator.check_schema(SCHEMA)


def test_citation_cff_is_valid():
    errors = sorted(VALIDATOR.iter_errors(CFF), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    assert CFF["cff-version"] == "1.2.0"


@pytest.mark.parametrize(
    "break_it",
    [
        lambda cff: cff.pop("authors"),
        lambda cff: cff.update(authors=[{"name": ""}]),
        lambda cff: cff["preferred-citation"].update(type="webpage"),
        lambda cff: cff.update(**{"date-released": "someday"}),
    ],
    ids=["no-authors", "empty-author", "unknown-type", "bad-date"],
)
def test_validation_catches_a_broken_file(break_it):
    broken = copy.deepcopy(CFF)
    break_it(broken)
    assert not VALIDATOR.is_valid(broken)


@pytest.mark.parametrize("part", ["top level", "preferred-citation"])
def test_citation_cff_agrees_with_the_site_metadata(part):
    work = CFF if part == "top level" else CFF["preferred-citation"]
    assert work["title"] == META["title"]
    assert work["authors"] == [{"name": META["author"]}]


def test_citation_cff_invents_no_date():
    dated = {"date-released", "date-published", "date-accessed", "year", "month"}
    assert not dated & set(CFF)
    assert not dated & set(CFF["preferred-citation"])
    assert CFF["preferred-citation"]["languages"] == [META["language"]]
