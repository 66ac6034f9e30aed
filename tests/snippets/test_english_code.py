"""The English edition's code files (snippets/x.en.py, x.en.sh, figures.en.py): the same code as the
original, token for token, with its comments and docstrings in English from translations/en/code.po,
written by `python -m translations update` and never stale; and they run, printing what was frozen.

The pages' side (each English code block against the Chinese one) is tests/test_editions.py.
"""

from __future__ import annotations

import ast
import io
import shutil
import subprocess
import tokenize

import polib
import pytest

from sitekit.edition import has_chinese
from snippets import catalog, freeze
from translations import code
from translations.catalogs import Catalogs

from helpers import build_edited_copy, output_shape, run_as_a_reader

FILES = code.code_files()
PYTHON = [path for path in FILES if path.suffix == ".py"]
RUNNABLE = catalog.runnable()
CODE_PO = code.CATALOGS / "en" / "code.po"


def ids(paths):
    return [path.name for path in paths]


# An implementation of its own, so that a mistake in translations/code.py cannot hide here.
def docstring_starts(source: str) -> set[tuple[int, int]]:
    starts = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                starts.add(first.value.lineno)
    return starts


def split(source: str) -> tuple[list[tuple[str, str, int]], list[str]]:
    """(the code's tokens: type, text, line; the texts of its comments and docstrings)."""
    starts = docstring_starts(source)
    tokens, words = [], []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            words.append(token.string)
        elif (
            token.type == tokenize.STRING
            and token.start[0] in starts
            and token.start[1] == len(token.line) - len(token.line.lstrip())
        ):
            words.append(token.string)
            tokens.append(("STRING", "docstring", token.start[0]))
        else:
            tokens.append((tokenize.tok_name[token.type], token.string, token.start[0]))
    return tokens, words


@pytest.mark.parametrize("path", FILES, ids=ids(FILES))
def test_the_english_file_is_todays_translation(path):
    assert code.stale(path) is None, code.stale(path)


@pytest.mark.parametrize("path", PYTHON, ids=ids(PYTHON))
def test_the_english_module_is_the_same_code_but_for_comments_and_docstrings(path):
    chinese = path.read_text(encoding="utf-8")
    english = code.english_path(path).read_text(encoding="utf-8")
    (zh_tokens, zh_words), (en_tokens, en_words) = split(chinese), split(english)
    assert en_tokens == zh_tokens, f"{code.english_path(path).name}: not the same code"
    assert len(en_words) == len(zh_words) and en_words != zh_words
    assert english.count("\n") == chinese.count("\n"), "every line stays where it was"
    assert not [word for word in en_words if has_chinese(word)], (
        f"Chinese left in {[w for w in en_words if has_chinese(w)]}"
    )

    # The strings a program prints stay as they ran.
    def strings(tokens):
        return [text for kind, text, _ in tokens if kind == "STRING"]

    assert strings(en_tokens) == strings(zh_tokens)

    # The section markers are where they were: the pages include the same lines.
    def markers(text):
        return [(n, line) for n, line in enumerate(text.splitlines()) if "--8<--" in line]

    assert markers(english) == markers(chinese)


def test_the_english_setup_script_differs_only_in_its_comments():
    script = catalog.SNIPPETS / "s5_1_setup.sh"
    chinese, english = (
        script.read_text(encoding="utf-8").splitlines(),
        code.english_path(script).read_text(encoding="utf-8").splitlines(),
    )
    assert len(chinese) == len(english)
    for zh, en in zip(chinese, english, strict=True):
        if zh.startswith("#") and not zh.startswith("#!"):
            assert en.startswith("#") and not has_chinese(en), en
        else:
            assert en == zh
    subprocess.run(["bash", "-n", str(code.english_path(script))], check=True)
    if shutil.which("shellcheck"):
        subprocess.run(["shellcheck", str(code.english_path(script))], check=True)


def test_our_marking_keeps_its_meaning_in_english():
    """本站添加 (added by this site) marks our comments: each has its English mark."""
    for entry in polib.pofile(str(CODE_PO)):
        if entry.obsolete:
            continue
        if entry.msgid.startswith("本站添加"):
            assert entry.msgstr.startswith("Added by this site"), entry.msgstr
        assert entry.msgstr and "fuzzy" not in entry.flags, entry.msgid
        assert entry.msgstr.count("\n") == entry.msgid.count("\n"), f"{entry.msgid!r}: not as many lines"
    author = [line for path in PYTHON for line in section(path.read_text(encoding="utf-8"))]
    assert author and not any(
        "Added by this site" in line for line in section(code.english_path(PYTHON[1]).read_text(encoding="utf-8"))
    )


def section(text: str) -> list[str]:
    lines = text.splitlines()
    marks = [n for n, line in enumerate(lines) if "--8<-- [" in line]
    return lines[marks[0] + 1 : marks[1]] if len(marks) == 2 else []


# -- stale-proof ------------------------------------------------------------------------------------


def test_a_changed_comment_makes_the_english_file_stale_and_keeps_the_chinese(tmp_path):
    module = catalog.SNIPPETS / "s3_1_deep_learning_model.py"
    edited = tmp_path / module.name
    edited.write_text(
        module.read_text(encoding="utf-8").replace("# 定义深度学习模型", "# 定义一个深度学习模型"), encoding="utf-8"
    )
    text, problems = code.english(edited)
    assert [str(problem) for problem in problems] == [
        f"{edited}:29: the comment '定义一个深度学习模型' has no translation: "
        "run `python -m translations update` and translate it in translations/en/code.po"
    ]
    assert "# 定义一个深度学习模型" in text and "# Define the deep learning model" not in text, "never an older English"


def test_a_fuzzy_or_misshapen_translation_is_not_used(tmp_path):
    po = polib.pofile(str(CODE_PO), wrapwidth=0)
    for entry in po:
        if entry.msgid == "定义深度学习模型":
            entry.flags.append("fuzzy")
        if entry.msgid.startswith("本站添加：画图函数"):
            entry.msgstr = entry.msgstr.replace("\n", " ")  # one line for two
    folder = tmp_path / "en"
    folder.mkdir()
    po.save(str(folder / "code.po"))
    books = Catalogs.load(folder)
    _, problems = code.english(catalog.SNIPPETS / "s3_1_deep_learning_model.py", books)
    reasons = sorted(problem.reason for problem in problems)
    assert reasons[0].startswith("has a fuzzy translation"), reasons
    assert (
        reasons[1] == "has a translation of 1 lines for an original of 2: break it over as many lines as the original"
    )


def test_a_translation_that_changes_the_code_is_refused():
    with pytest.raises(code.CodeError, match="not the same code"):
        code.same_code("x = 1  # 一\n", "x = 2  # one\n", "here")
    with pytest.raises(code.CodeError, match="lines"):
        code.same_code('"""一"""\nx = 1\n', '"""one\ntwo"""\nx = 1\n', "here")
    code.same_code('"""一"""\nx = "一"  # 一\n', '"""one"""\nx = "一"  # one\n', "here")


def test_an_edited_comment_fails_the_strict_build_naming_the_unit(tmp_path):
    result = build_edited_copy(
        tmp_path,
        "snippets/s3_1_deep_learning_model.py",
        "# 定义深度学习模型",
        "# 定义一个深度学习模型",
        translations=True,
    )
    assert result.returncode != 0
    assert (
        "snippets/s3_1_deep_learning_model.py:29: the comment '定义一个深度学习模型' has no translation: "
        "run `python -m translations update` and translate it in translations/en/code.po"
    ) in result.stderr


# -- the English notebooks ------------------------------------------------------------------------------


@pytest.mark.parametrize("snippet", [s for s in RUNNABLE if s.notebook], ids=[s.id for s in RUNNABLE if s.notebook])
def test_the_english_notebook_has_the_english_code_and_the_same_run(snippet):
    assert freeze.english_code_stale(snippet) is None
    import json

    chinese = json.loads(snippet.notebook.read_text(encoding="utf-8"))["cells"]
    english = json.loads(snippet.notebook_en.read_text(encoding="utf-8"))["cells"]
    for zh, en in zip(chinese, english, strict=True):
        if zh["cell_type"] != "code":
            continue
        zh_source, en_source = ("".join(cell["source"]).removeprefix("%%writefile figures.py\n") for cell in (zh, en))
        assert split(en_source)[0] == split(zh_source)[0]
        assert not any(has_chinese(word) for word in split(en_source)[1])


# -- they run -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("snippet", RUNNABLE, ids=[s.id for s in RUNNABLE])
def test_the_english_module_runs_and_prints_the_frozen_output(snippet, tmp_path):
    english = code.english_path(snippet.path)
    returncode, output = run_as_a_reader(english.relative_to(catalog.ROOT).as_posix(), tmp_path)
    assert returncode == 0, f"{english.name} failed:\n{output[-3000:]}"
    assert output_shape(output) == output_shape(snippet.frozen_output.read_text(encoding="utf-8")), (
        f"{english.name}: not the frozen output"
    )
