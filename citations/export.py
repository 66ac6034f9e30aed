"""BibTeX (biblatex), RIS and CSL-JSON files from the CSL-JSON records.

The field mapping is the one Zotero's own exporters use for a web page
(translators BibLaTeX.js and RIS.js): biblatex `@online` with `titleaddon` for
the website (here: the article a section belongs to), `type` for the website
type (CSL `genre`), `url`, `urldate`, a corporate-style author in double braces,
LaTeX specials escaped, UTF-8 kept; RIS `TY  - ELEC` with `T2` for the website,
`M3` for the website type and `Y2` for the access date, one line per tag. The
title of the original of a translation (CSL `original-title`, which Zotero keeps
in its Extra field) goes where each format has a place for it: biblatex's
`origtitle`, RIS `OP` (original publication).

Not citation-js's BibTeX/RIS output (@citation-js/plugin-bibtex and -ris 0.8.2):
its BibTeX drops every Chinese character unless `asciiOnly` is off, and then
leaves `&` unescaped (LaTeX stops at it); its RIS breaks lines after 70
characters, which turns this article's byline into two authors.
"""

from __future__ import annotations

import json

from citations.errors import CitationError

# LaTeX specials in text fields (Zotero's BibLaTeX.js: mapEscape, then #$%&_).
BIBTEX_ESCAPES = str.maketrans(
    {
        "\\": r"{\textbackslash}",
        "{": r"\{",
        "}": r"\}",
        "|": r"{\textbar}",
        "<": r"{\textless}",
        ">": r"{\textgreater}",
        "~": r"{\textasciitilde}",
        "^": r"{\textasciicircum}",
        "#": r"\#",
        "$": r"\$",
        "%": r"\%",
        "&": r"\&",
        "_": r"\_",
    }
)
# BCP 47 primary language -> biblatex langid (a babel/polyglossia language name).
LANGIDS = {"zh": "chinese", "en": "english"}


class ExportError(CitationError):
    """A record that BibTeX or RIS cannot carry as it is."""


def iso_date(value: dict) -> str:
    year, month, day = value["date-parts"][0]
    return f"{year:04d}-{month:02d}-{day:02d}"


def author_of(record: dict) -> str:
    names = record.get("author", [])
    if len(names) != 1 or set(names[0]) != {"literal"}:
        raise ExportError(f"{record['id']}: expected one literal author, got {names!r}")
    return names[0]["literal"]


def biblatex(record: dict) -> str:
    if record.get("type") != "webpage":
        raise ExportError(f"{record['id']}: only webpage records are exported, not {record.get('type')!r}")
    language = record["language"].split("-")[0]
    if language not in LANGIDS:
        raise ExportError(f"{record['id']}: no biblatex langid for language {record['language']!r}")
    fields = {
        # Double braces: one name, never split into given and family names.
        "author": "{" + author_of(record).translate(BIBTEX_ESCAPES) + "}",
        "title": record["title"].translate(BIBTEX_ESCAPES),
        "titleaddon": record.get("container-title", "").translate(BIBTEX_ESCAPES),
        "type": record.get("genre", "").translate(BIBTEX_ESCAPES),
        "origtitle": record.get("original-title", "").translate(BIBTEX_ESCAPES),
        "url": record["URL"],
        "urldate": iso_date(record["accessed"]),
        "langid": LANGIDS[language],
    }
    fields = {name: value for name, value in fields.items() if value}
    width = max(map(len, fields))
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields.items())
    return f"@online{{{record['id']},\n{body},\n}}\n"


def ris(record: dict) -> str:
    year, month, day = record["accessed"]["date-parts"][0]
    tags = [
        ("TY", "ELEC"),
        ("ID", record["id"]),
        ("AU", author_of(record)),
        ("TI", record["title"]),
        ("T2", record.get("container-title", "")),
        ("M3", record.get("genre", "")),
        ("OP", record.get("original-title", "")),
        ("LA", record["language"]),
        ("UR", record["URL"]),
        ("Y2", f"{year:04d}/{month:02d}/{day:02d}/"),
    ]
    for tag, value in tags:
        if "\n" in value or "\r" in value:
            raise ExportError(f"{record['id']}: a line break in RIS tag {tag}")
    lines = [f"{tag}  - {value}" for tag, value in tags if value] + ["ER  - "]
    # RIS lines end in CR LF.
    return "\r\n".join(lines) + "\r\n"


def bib_file(records: list[dict]) -> str:
    return "\n".join(biblatex(record) for record in records)


def ris_file(records: list[dict]) -> str:
    return "\r\n".join(ris(record) for record in records)


def csl_json_file(records: list[dict]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


EXPORTS = {"bib": bib_file, "ris": ris_file, "json": csl_json_file}
