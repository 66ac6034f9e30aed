"""The English edition's code: each snippet file with its comments and docstrings in English, the code untouched.

The units (translations/<language>/code.po, kept by catalogs.py like site.po's):

- a comment unit is a run of consecutive comment lines at the same column, each with
  Chinese in it (a comment paragraph spread over several `#` lines is one unit), or a
  comment after code on its line. Its original (`msgid`) is the text after each line's
  `# `, the lines joined by newlines; its translation must have as many lines, which the
  translator breaks where they read well: line i of the translation takes the place of
  line i of the original, so every line of the file stays where it was (the `--8<--`
  section markers, line numbers, notebook cells). Comment lines without Chinese (the
  section markers, `# shellcheck …`, a shebang) are no unit and stay as they are;
- a docstring unit is the same: a run of consecutive lines of one docstring, each with
  Chinese in it (a module docstring's Chinese first line; an English paragraph below it is
  the same in both editions and no unit). Python only: docstrings are found with `ast`;
- a node label of the Mermaid diagram (snippets/diagrams.py draws the English drawing
  from them): the text between the brackets of `A[大模型技术]`.

They are keyed by their text (`msgid`, no `msgctxt`), as site.po's are: a comment that
recurs in several files (the figure import of every module) is one unit, translated once;
the entry's `#.` comment lists the files. Python comments are found with `tokenize` (so a
`#` inside a string is no comment); bash comments are whole lines starting with `#`.

`english(path)` is the file with every unit replaced by its current translation; a unit
without one (missing, fuzzy, or not of the original's line count) stays Chinese and is
returned as a problem. The English files (`x.en.py` beside `x.py`, `x.en.sh`) are written by
`python -m translations update` and committed; `stale(path)` compares a written file with
what the catalog gives today (the build warns on a stale or incomplete one and shows the
original instead, tests/snippets/test_english_code.py fails on it), and `same_code()`
checks that the two files differ in comments and docstrings only, token for token.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

from sitekit.edition import has_chinese
from translations.catalogs import CODE, UPDATE_COMMAND, Catalogs

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
CATALOGS = ROOT / "translations"
LANGUAGE = "en"
# The files whose comments are translated: every snippet module and script, and the figure code the
# notebooks write out (their English variants sit beside them and are no snippets: `x.en` is no snippet name).
PATTERNS = ("s[0-9]*.py", "s[0-9]*.sh", "figures.py")
MERMAID_EDGE = re.compile(r"(?P<lead>(?:^|\s)\w+\[)(?P<label>[^\]\n]+)(?P<rest>\])")


class CodeError(Exception):
    """A translated file that would not be the same code; the message names the file and unit."""


@dataclass(frozen=True)
class Span:
    line: int  # 0-based line of the file
    start: int  # columns of the text a translation replaces
    end: int


@dataclass(frozen=True)
class Unit:
    kind: str  # "comment", "docstring", "label"
    spans: tuple[Span, ...]
    original: str  # the lines' texts joined by "\n"

    @property
    def first_line(self) -> int:
        return self.spans[0].line + 1


def code_files(root: Path = ROOT) -> list[Path]:
    """The files whose comments the English edition translates, in a stable order."""
    folder = root / "snippets"
    found = {path for pattern in PATTERNS for path in folder.glob(pattern) if ".en." not in path.name}
    return sorted(found)


def english_path(path: Path, language: str = LANGUAGE) -> Path:
    """snippets/x.py -> snippets/x.en.py."""
    return path.with_name(f"{path.stem}.{language}{path.suffix}")


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


# -- finding the units ------------------------------------------------------------------------


def _runs(candidates: list[tuple[Span, str]], kind: str) -> list[Unit]:
    """Consecutive lines (and, for comments, the same column) grouped into units."""
    units: list[Unit] = []
    run: list[tuple[Span, str]] = []

    def close():
        if run:
            units.append(Unit(kind, tuple(span for span, _ in run), "\n".join(text for _, text in run)))
            run.clear()

    for span, text in candidates:
        if run and (span.line != run[-1][0].line + 1 or (kind == "comment" and span.start != run[-1][0].start)):
            close()
        run.append((span, text))
    close()
    return units


def _comment_span(line_no: int, line: str, column: int) -> tuple[Span, str]:
    """The text of a comment at `column` of `line`, after its `#` and the spaces that follow."""
    start = column + 1
    while start < len(line) and line[start] == " ":
        start += 1
    return Span(line_no, start, len(line)), line[start:]


def python_units(source: str) -> list[Unit]:
    lines = source.split("\n")
    alone: list[tuple[Span, str]] = []  # comments alone on their line
    units: list[Unit] = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT or not has_chinese(token.string):
            continue
        row, column = token.start
        line = lines[row - 1]
        span, text = _comment_span(row - 1, line, column)
        if line[:column].strip():
            units.append(Unit("comment", (span,), text))  # after code: a unit of its own
        else:
            alone.append((span, text))
    units += _runs(alone, "comment")
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if not (
            node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
            and isinstance(node.body[0].value.value, str)
        ):
            continue
        string = node.body[0].value
        first, last = string.lineno - 1, string.end_lineno - 1
        token = lines[first][_column(lines[first], string.col_offset) :]
        prefix = re.match(r"[rRuU]?(\"\"\"|'''|\"|')", token)
        if prefix is None:
            raise CodeError(f"line {first + 1}: a docstring in a form not known here")
        quote = prefix.group(1)
        candidates = []
        for number in range(first, last + 1):
            line = lines[number]
            start = (
                _column(line, string.col_offset) + prefix.end()
                if number == first
                else len(line) - len(line.lstrip(" "))
            )
            end = _column(line, string.end_col_offset) - len(quote) if number == last else len(line)
            text = line[start:end]
            if has_chinese(text):
                candidates.append((Span(number, start, end), text))
        units += _runs(candidates, "docstring")
    return sorted(units, key=lambda unit: (unit.spans[0].line, unit.spans[0].start))


def _column(line: str, offset: int) -> int:
    """ast's column (UTF-8 bytes) as a column of characters."""
    return len(line.encode("utf-8")[:offset].decode("utf-8"))


def bash_units(source: str) -> list[Unit]:
    candidates = []
    for number, line in enumerate(source.split("\n")):
        stripped = line.lstrip(" \t")
        if stripped.startswith("#") and not stripped.startswith("#!") and has_chinese(line):
            candidates.append(_comment_span(number, line, len(line) - len(stripped)))
    return _runs(candidates, "comment")


def mermaid_units(source: str) -> list[Unit]:
    """The node labels of the Mermaid source (`A[大模型技术]`), each a unit of one line."""
    units = []
    for number, line in enumerate(source.split("\n")):
        if line.lstrip().startswith("%%"):
            continue
        for match in MERMAID_EDGE.finditer(line):
            if has_chinese(match["label"]):
                units.append(Unit("label", (Span(number, match.start("label"), match.end("label")),), match["label"]))
    return units


def units_of(path: Path, source: str | None = None) -> list[Unit]:
    source = path.read_text(encoding="utf-8") if source is None else source
    if path.suffix == ".py":
        return python_units(source)
    if path.suffix == ".sh":
        return bash_units(source)
    if path.suffix == ".mmd":
        return mermaid_units(source)
    raise CodeError(f"{rel(path)}: no comments known in a {path.suffix} file")


# -- translating --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    path: Path
    unit: Unit
    reason: str

    def __str__(self) -> str:
        text = self.unit.original.split("\n")[0]
        short = text[:40] + ("…" if len(text) > 40 or "\n" in self.unit.original else "")
        return (
            f"{rel(self.path)}:{self.unit.first_line}: the {self.unit.kind} {short!r} {self.reason}: "
            f"run `{UPDATE_COMMAND}` and translate it in translations/{LANGUAGE}/{CODE}"
        )


def catalogs(folder: Path | None = None) -> Catalogs:
    return Catalogs.load(folder or CATALOGS / LANGUAGE)


def translation(unit: Unit, books: Catalogs) -> tuple[str | None, str]:
    """The unit's current translation, or None and why not."""
    verdict = books.code(unit.original)
    if verdict.translation is None:
        return None, verdict.reason
    text = verdict.translation
    if text.count("\n") != unit.original.count("\n"):
        return None, (
            f"has a translation of {text.count(chr(10)) + 1} lines for an original of "
            f"{unit.original.count(chr(10)) + 1}: break it over as many lines as the original"
        )
    if has_chinese(text) and unit.kind != "docstring":
        return None, "has Chinese in its translation"
    if unit.kind == "docstring" and ("\\" in text or '"""' in text or "'''" in text):
        return None, "has a backslash or triple quote in its translation, which would change the string"
    if unit.kind == "label" and any(c in text for c in '[]()"{}|'):
        return None, "has a character Mermaid reads as syntax in its translation"
    return text, ""


def english(path: Path, books: Catalogs | None = None, source: str | None = None) -> tuple[str, list[Problem]]:
    """`path`'s text with every unit in English where the catalog has its translation."""
    books = books or catalogs()
    source = path.read_text(encoding="utf-8") if source is None else source
    lines = source.split("\n")
    problems = []
    # From the end of each line backwards: a replacement never moves a span still to come.
    replacements = []
    for unit in units_of(path, source):
        text, reason = translation(unit, books)
        if text is None:
            problems.append(Problem(path, unit, reason))
            continue
        replacements += [(span, line) for span, line in zip(unit.spans, text.split("\n"), strict=True)]
    for span, text in sorted(replacements, key=lambda item: (item[0].line, -item[0].start)):
        line = lines[span.line]
        lines[span.line] = line[: span.start] + text + line[span.end :]
    result = "\n".join(lines)
    if path.suffix == ".py":
        same_code(source, result, rel(path))
    elif path.suffix == ".sh":
        same_script(source, result, rel(path))
    return result, problems


# -- the same code --------------------------------------------------------------------------------


def _docstring_positions(source: str) -> set[tuple[int, int]]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                line = source.split("\n")[first.value.lineno - 1]
                found.add((first.value.lineno, _column(line, first.value.col_offset)))
    return found


def code_tokens(source: str) -> list[tuple[str, str, tuple[int, int]]]:
    """The token stream without its comments and with each docstring's text blanked: (type, text, start)."""
    docstrings = _docstring_positions(source)
    kept = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            continue
        text = "<docstring>" if token.type == tokenize.STRING and token.start in docstrings else token.string
        # A line's end moves with the comment or docstring before it; every other token keeps its place.
        start = (token.start[0], None) if token.type in (tokenize.NEWLINE, tokenize.NL) else token.start
        kept.append((tokenize.tok_name[token.type], text, start))
    return kept


def same_code(original: str, translated: str, where: str) -> None:
    """Raise CodeError unless the two Python texts are the same tokens but for comments and docstrings."""
    if original.count("\n") != translated.count("\n"):
        raise CodeError(
            f"{where}: the English has {translated.count(chr(10))} lines, the original {original.count(chr(10))}"
        )
    ours, theirs = code_tokens(original), code_tokens(translated)
    for a, b in zip(ours, theirs, strict=False):  # a length mismatch is reported below, after the first difference
        if a != b:
            raise CodeError(f"{where}:{a[2][0]}: the English is not the same code: {a[1]!r} became {b[1]!r}")
    if len(ours) != len(theirs):
        raise CodeError(f"{where}: the English has {len(theirs)} tokens of code, the original {len(ours)}")


def script_lines(source: str) -> list[str]:
    """A bash script's lines with the text of each whole-line comment (not the shebang) blanked."""
    return [
        line
        if not line.lstrip(" \t").startswith("#") or line.startswith("#!")
        else line[: len(line) - len(line.lstrip(" \t"))] + "#"
        for line in source.split("\n")
    ]


def same_script(original: str, translated: str, where: str) -> None:
    for number, (a, b) in enumerate(zip(script_lines(original), script_lines(translated), strict=True), start=1):
        if a != b:
            raise CodeError(f"{where}:{number}: the English is not the same script: {a!r} became {b!r}")


# -- the written files -----------------------------------------------------------------------------


def stale(path: Path, books: Catalogs | None = None) -> str | None:
    """Why the English file beside `path` is not what the catalog gives today (or has Chinese left), or None."""
    text, problems = english(path, books)
    target = english_path(path)
    if problems:
        return str(problems[0]) + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else "")
    if not target.is_file():
        return f"{rel(target)} is missing: run `{UPDATE_COMMAND}`"
    if target.read_text(encoding="utf-8") != text:
        return (
            f"{rel(target)} is not {rel(path)} with today's translations in translations/{LANGUAGE}/{CODE}: run "
            f"`{UPDATE_COMMAND}`"
        )
    return None


def write_all(books: Catalogs | None = None) -> tuple[list[Path], list[Problem]]:
    """Write every English code file; a unit without a translation stays Chinese in it (and is returned)."""
    written, problems = [], []
    for path in code_files():
        text, found = english(path, books)
        problems += found
        target = english_path(path)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            if path.stat().st_mode & 0o111:
                target.chmod(path.stat().st_mode)
            written.append(target)
    return written, problems


def collect_units() -> list[tuple[str, list[str]]]:
    """(original, files) for every unit of every code file and the diagram's labels, in file order."""
    found: dict[str, list[str]] = {}
    for path in [*code_files(), *sorted(SNIPPETS.glob("s[0-9]*.mmd"))]:
        source = path.read_text(encoding="utf-8")
        if path.suffix == ".mmd":
            source = _mermaid_article(source)
        for unit in units_of(path, source):
            files = found.setdefault(unit.original, [])
            if rel(path) not in files:
                files.append(rel(path))
    return list(found.items())


def _mermaid_article(source: str) -> str:
    """The author's lines of a .mmd (its `article` section; the rest are our comments and accessibility lines)."""
    match = re.search(
        r"^%% -{1,}8<-{1,}\s+\[start:article\]\n(?P<body>.*?)\n%% -{1,}8<-{1,}\s+\[end:article\]$", source, re.M | re.S
    )
    return match["body"] if match else ""
