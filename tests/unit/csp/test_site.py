"""csp/site.py: the policy written into every page of a built site and into _headers, or the build stops."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from csp import site as csp_site
from csp.errors import PolicyError
from sitekit import edition

PAGE = (
    "<!doctype html>\n<html><head><meta "
    'charset="utf-8">\n<title>x</title><script>{}</script></head><body></body></html>\n'
)


def built(tmp_path, pages: dict[str, str], **extra):
    site = tmp_path / "site"
    for name, text in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    dev = SimpleNamespace(host="127.0.0.1", port=8000)
    return SimpleNamespace(
        site_dir=str(site),
        config_file_path=str(tmp_path / "mkdocs.yml"),
        extra=extra,
        site_url="https://example.org/",
        dev_addr=dev,
    )


def test_every_page_and_headers_get_one_policy_listing_every_pages_inline_code(tmp_path):
    config = built(tmp_path, {"index.html": PAGE.format("a()"), "en/index.html": PAGE.format("b()")})
    csp_site.apply(config)
    site = tmp_path / "site"
    header = (site / "_headers").read_text().splitlines()
    assert header[0] == "/*" and header[1].startswith(
        "  Content-Security-Policy: default-src 'self'; script-src 'self' 'sha256-"
    )
    policy = header[1].removeprefix("  Content-Security-Policy: ")
    for page in ("index.html", "en/index.html"):
        text = (site / page).read_text()
        assert text.startswith(
            '<!doctype html>\n<html><head><meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" '
            f'content="{policy}">'
        )
    assert policy.count("'sha256-") == 2


def test_a_second_run_replaces_the_policy_rather_than_adding_one(tmp_path):
    config = built(tmp_path, {"index.html": PAGE.format("a()")})
    csp_site.apply(config)
    first = (tmp_path / "site" / "index.html").read_text()
    csp_site.apply(config)  # (mkdocs serve --dirty rewrites some pages only)
    assert (tmp_path / "site" / "index.html").read_text() == first


def test_a_translation_built_by_the_original_leaves_the_policy_to_it(tmp_path):
    config = built(tmp_path, {"index.html": PAGE.format("a()")}, **{edition.PART_OF: "zh"})
    csp_site.apply(config)
    assert not (tmp_path / "site" / "_headers").exists()


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (
            '<html><head><meta charset="utf-8"></head><body onload="x()"></body></html>',
            "x.html: an inline event handler <body onload=…>",
        ),
        ("<html><head><title>x</title></head></html>", 'x.html: no <head> starting with <meta charset="utf-8">'),
    ],
)
def test_a_page_the_policy_cannot_cover_fails_naming_it(tmp_path, page, message):
    with pytest.raises(PolicyError, match=message):
        csp_site.apply(built(tmp_path, {"x.html": page}))


def test_a_policy_too_long_for_cloudflare_fails(tmp_path):
    pages = {f"p{i}.html": PAGE.format(f"f{i}()") for i in range(40)}
    with pytest.raises(PolicyError, match="more than the 2000 Cloudflare Pages reads"):
        csp_site.apply(built(tmp_path, pages))


def test_a_handler_after_the_policy_fails_naming_it():
    def ours(config):
        pass

    def late(config):
        pass

    config = SimpleNamespace(plugins=SimpleNamespace(events={"post_build": [ours, late]}))
    with pytest.raises(PolicyError, match=r"late runs after csp/"):
        csp_site.check_last(config, ours)
    config.plugins.events["post_build"] = [late, ours]
    csp_site.check_last(config, ours)
