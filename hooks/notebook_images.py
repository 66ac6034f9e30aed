"""Notebook pages: each image output is a file of its own, loaded when it is scrolled to.

nbconvert writes image outputs into the page as `<img src="data:image/png;base64,…">`.
Base64 PNG does not compress, so the three figures of a run were ~40 KB of a
notebook page's ~50 KB gzipped, and every reader downloaded them before the text,
although they are the last cell's output, far below the first screen. This hook
writes each PNG next to its page (notebooks/<name>/<sha256 prefix>.png, the same
bytes) and points the <img> at it with loading="lazy"; its width and height stay,
so nothing moves when it arrives. It runs after hooks/notebook_alt.py, which finds
each image's alt text by its data. A data URI that is not valid base64 fails the
build, naming the page. Pages that are not notebooks are returned untouched.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from pathlib import PurePosixPath

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

IMAGE = re.compile(r"<img\b[^>]*>")
PNG = re.compile(r'\ssrc="data:image/png;base64,(?P<data>[^"]*)"')

images: dict[str, bytes] = {}  # site path -> PNG, for this build


def on_pre_build(config):
    images.clear()


def on_page_content(html: str, page, config, files) -> str:
    if PurePosixPath(page.file.src_uri).suffix != ".ipynb":
        return html
    folder = PurePosixPath(page.file.dest_uri).parent

    def to_file(image: re.Match) -> str:
        png = PNG.search(image[0])
        if png is None:
            return image[0]
        try:
            data = base64.b64decode("".join(png["data"].split()), validate=True)
        except binascii.Error:
            raise PluginError(f"hooks/notebook_images.py: {page.file.src_uri}: an image output is not valid base64") from None
        name = f"{hashlib.sha256(data).hexdigest()[:12]}.png"
        images[(folder / name).as_posix()] = data
        tag = image[0][: png.start()] + f' src="{name}"' + image[0][png.end() :]
        return tag if " loading=" in tag else tag.replace("<img", '<img loading="lazy"', 1)

    return IMAGE.sub(to_file, html)


def on_env(env, config, files):
    for path, data in sorted(images.items()):
        files.append(File.generated(config, path, content=data))
    return env
