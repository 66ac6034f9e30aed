"""csp/inline.py: what of a page's HTML the policy must list, and what it cannot allow."""

from __future__ import annotations

import base64
import hashlib

import pytest

from csp.inline import executes, inline_code, sha256_source


def sha256(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode()}'"


@pytest.mark.parametrize(
    ("attributes", "runs"),
    [
        ({}, True),
        ({"type": ""}, True),
        ({"type": "module"}, True),
        ({"type": " Text/JavaScript "}, True),
        ({"type": "application/ecmascript"}, True),
        ({"type": "importmap"}, True),
        ({"language": "javascript"}, True),
        ({"type": "application/json", "id": "__config"}, False),
        ({"type": "application/ld+json"}, False),
        ({"type": "text/javascript; charset=utf-8"}, False),  # not an essence match: a data block
        ({"type": "text/x-template"}, False),
    ],
)
def test_which_inline_scripts_the_browser_runs(attributes, runs):
    """HTML's rules for a <script>'s type: only executed ones need a hash; data blocks are not scripts."""
    assert executes(attributes) is runs


def test_the_hash_source_of_a_text():
    assert sha256_source("a()") == "'sha256-" + base64.b64encode(hashlib.sha256(b"a()").digest()).decode() + "'"


def test_executed_scripts_and_styles_are_hashed_once_each_and_data_blocks_not_at_all():
    page = (
        "<head><script>a()</script><script src='x.js'></script><script type='application/json'>{}</script>"
        "<style>p{color:red}</style></head><body><script>a()</script><style>p{color:red}</style></body>"
    )
    found = inline_code(page)
    assert found == {"scripts": [sha256("a()")], "styles": [sha256("p{color:red}")], "problems": []}


def test_a_style_inside_svg_is_hashed_as_the_browser_reads_it():
    """In foreign content the parser decodes character references: the browser hashes `a>b`, not `a&gt;b`."""
    found = inline_code("<svg><style>a&gt;b{fill:red}</style></svg><style>a&gt;b{}</style>")
    assert found["styles"] == sorted([sha256("a>b{fill:red}"), sha256("a&gt;b{}")])


@pytest.mark.parametrize(
    ("markup", "problem"),
    [
        ('<button type="button" onclick="alert(1)">x</button>', "an inline event handler <button onclick=…>"),
        ('<a href="javascript:alert(1)">x</a>', "a javascript: URL in <a href>"),
        ('<form action=" JavaScript:x()"></form>', "a javascript: URL in <form action>"),
        ("<svg><style><![CDATA[a{}]]></style></svg>", "with markup or CDATA in its text"),
    ],
)
def test_what_the_policy_cannot_allow_is_a_problem(markup, problem):
    assert any(problem in found for found in inline_code(markup)["problems"]), inline_code(markup)
