"""The Korean catalogue: each wrong catalogue is refused with the cell named and the fix; a right one is applied."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from course_tools.lessons import AuthoringError, editions, main, make_lesson
from course_tools.translations import (
    TranslationError,
    catalogue_path,
    needs_translation,
    read_catalogue,
    sha8,
    translated,
)

SETUP = 'import numpy as np\nfrom backprop_lib.messages import use_language\n\nuse_language("en")'
INTRO = "## Exercise 1: halve it"
PRINTS = 'rate = 0.1\nprint(f"learning rate {rate}")'
ANSWER = "# BEGIN SOLUTION\nhalf = rate / 2\n# END SOLUTION"
KOREAN_INTRO = "## 연습 1: 절반으로"
KOREAN_PRINTS = 'rate = 0.1\nprint(f"학습률 {rate}")'


def cell(kind: str, cell_id: str, source: str, **meta):
    made = (
        nbformat.v4.new_markdown_cell(source)
        if kind == "markdown"
        else (nbformat.v4.new_raw_cell(source) if kind == "raw" else nbformat.v4.new_code_cell(source))
    )
    made.id = cell_id
    made.metadata.update(meta)
    return made


@pytest.fixture
def solution(tmp_path: Path) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        cell("code", "setup", SETUP),
        cell("markdown", "intro", INTRO),
        cell("code", "rate", PRINTS),
        cell("code", "ex1-answer", ANSWER, exercise={"number": 1, "role": "answer", "points": 1}),
        cell(
            "code",
            "ex1-check",
            'with exercise_check(1):\n    check_close("half", half, 0.05)',
            exercise={"number": 1, "role": "check"},
        ),
        cell("raw", "mutant", "half = rate"),
    ]
    (tmp_path / "solutions").mkdir()
    path = tmp_path / "solutions" / "01_demo.ipynb"
    nbformat.write(notebook, path)
    return path


def write_catalogue(solution: Path, blocks: dict[str, tuple[str, str]]) -> None:
    text = "header line: who translated\n" + "".join(
        f"@@ cell {cell_id} {sha} @@\n{body}\n" for cell_id, (sha, body) in blocks.items()
    )
    catalogue_path(solution).write_text(text, encoding="utf-8")


def good_blocks() -> dict[str, tuple[str, str]]:
    return {"intro": (sha8(INTRO), KOREAN_INTRO), "rate": (sha8(PRINTS), KOREAN_PRINTS)}


def problems(solution: Path) -> str:
    with pytest.raises(TranslationError) as error:
        translated(nbformat.read(solution, as_version=4), solution)
    return str(error.value)


def test_which_cells_need_a_korean_block():
    assert needs_translation(cell("markdown", "m", INTRO))
    assert needs_translation(cell("code", "c", PRINTS))  # English words in a string
    assert needs_translation(cell("code", "c", "x = 1  # the input"))  # a comment
    assert not needs_translation(cell("code", "c", ANSWER))  # only the generator's markers
    assert not needs_translation(cell("code", "c", SETUP))
    assert not needs_translation(cell("raw", "r", "a raw cell with words"))
    assert not needs_translation(cell("markdown", "m", "$$L = -\\log p$$"))  # only math
    assert not needs_translation(
        cell("code", "h", 'show_values("hidden batch", x)', exercise={"number": 1, "role": "hidden-check"})
    )  # students never see it


def test_a_catalogue_saved_with_windows_line_ends_reads_the_same(solution):
    write_catalogue(solution, good_blocks())
    path = catalogue_path(solution)
    unix = read_catalogue(path)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert read_catalogue(path) == unix


def test_a_right_catalogue_gives_the_korean_edition_with_the_same_ids(solution):
    write_catalogue(solution, good_blocks())
    generated = editions(solution)
    korean_solution, korean_lesson = list(generated.values())[1:]
    english = nbformat.read(solution, as_version=4)
    assert [c.id for c in korean_solution.cells] == [c.id for c in english.cells]
    sources = {c.id: c.source for c in korean_solution.cells}
    assert sources["intro"] == KOREAN_INTRO and sources["rate"] == KOREAN_PRINTS
    assert sources["setup"].endswith('use_language("ko")')  # written by the generator
    assert korean_solution.metadata["backprop_course"]["language"] == "ko"
    stub = {c.id: c.source for c in korean_lesson.cells}["ex1-answer"]
    assert stub.startswith("# 연습 1 (1점):") and "half = ...  # 여러분의 답" in stub
    assert make_lesson(english)["metadata"]["backprop_course"]["language"] == "en"


def test_a_missing_catalogue_is_an_error_unless_the_fallback_is_asked_for(solution):
    assert "has no Korean catalogue 01_demo.ko.md" in problems(solution)
    fallback = translated(nbformat.read(solution, as_version=4), solution, english_fallback=True)
    assert {c.id: c.source for c in fallback.cells}["intro"] == INTRO


def test_a_missing_block_names_the_cell_and_its_header(solution):
    write_catalogue(solution, {"intro": (sha8(INTRO), KOREAN_INTRO)})
    assert f"cell rate (code) has no Korean block: add `@@ cell rate {sha8(PRINTS)} @@`" in problems(solution)


def test_a_stale_block_names_the_cell_and_the_new_sha(solution):
    blocks = good_blocks()
    blocks["intro"] = ("0000abcd", KOREAN_INTRO)
    write_catalogue(solution, blocks)
    text = problems(solution)
    assert "cell intro (block at line 2) is stale" in text and f"@@ cell intro {sha8(INTRO)} @@" in text


def test_a_korean_code_cell_must_be_the_english_program(solution):
    blocks = good_blocks()
    blocks["rate"] = (sha8(PRINTS), 'rate = 0.2\nprint(f"학습률 {rate}")')
    write_catalogue(solution, blocks)
    assert "cell rate (block at line 4): the Korean code is not the English program" in problems(solution)


def test_a_korean_code_cell_keeps_the_format_specs_and_may_change_the_words(solution):
    blocks = good_blocks()
    blocks["rate"] = (sha8(PRINTS), 'rate = 0.1\nprint(f"학습률 {rate:>6}")')  # a spec changes what is printed
    write_catalogue(solution, blocks)
    assert "cell rate (block at line 4): the Korean code is not the English program" in problems(solution)
    blocks["rate"] = (sha8(PRINTS), 'rate = 0.1\nprint(f"이번 학습률은 {rate}")')
    write_catalogue(solution, blocks)
    korean = translated(nbformat.read(solution, as_version=4), solution)  # accepted: only the words changed
    assert 'print(f"이번 학습률은 {rate}")' in "".join(cell.source for cell in korean.cells)


def test_untranslated_blocks_and_blocks_for_unknown_or_raw_cells_are_refused(solution):
    blocks = good_blocks()
    blocks["intro"] = (sha8(INTRO), INTRO)
    blocks["rate"] = (sha8(PRINTS), PRINTS)
    blocks["gone"] = ("12345678", "사라진 셀")
    blocks["mutant"] = (sha8("half = rate"), "half = rate")
    write_catalogue(solution, blocks)
    text = problems(solution)
    assert "cell intro (block at line 2) is still in English" in text
    assert "cell rate (block at line 4) is still in English" in text
    assert "is for cell gone, which the solution no longer has" in text
    assert "cell mutant (block at line 9) is a raw cell" in text


def test_a_language_block_must_choose_korean(solution):
    blocks = good_blocks()
    blocks["setup"] = (sha8(SETUP), SETUP)
    write_catalogue(solution, blocks)
    assert 'must call use_language("ko")' in problems(solution)
    blocks["setup"] = (sha8(SETUP), SETUP.replace('use_language("en")', 'use_language("""ko""")'))
    write_catalogue(solution, blocks)
    assert 'must call use_language("ko")' in problems(solution)  # a spelling the check does not read


def test_the_english_fallback_forgives_missing_blocks_only(solution):
    notebook = nbformat.read(solution, as_version=4)
    write_catalogue(solution, {"intro": ("0000abcd", KOREAN_INTRO)})
    with pytest.raises(TranslationError) as error:
        translated(notebook, solution, english_fallback=True)
    assert "cell intro (block at line 2) is stale" in str(error.value)
    assert "has no Korean block" not in str(error.value)
    write_catalogue(solution, {"intro": (sha8(INTRO), KOREAN_INTRO)})
    fallback = translated(notebook, solution, english_fallback=True)
    assert {c.id: c.source for c in fallback.cells}["rate"] == PRINTS


def test_a_cell_given_twice_is_refused(solution):
    catalogue_path(solution).write_text(
        f"@@ cell intro {sha8(INTRO)} @@\n가\n@@ cell intro {sha8(INTRO)} @@\n나\n", encoding="utf-8"
    )
    with pytest.raises(TranslationError, match="second block"):
        read_catalogue(catalogue_path(solution))


def test_translate_appends_the_missing_blocks_then_the_build_says_what_to_translate(solution, capsys):
    write_catalogue(solution, {"intro": (sha8(INTRO), KOREAN_INTRO)})
    assert main(["translate", "01", "--course", str(solution.parent.parent)]) == 0
    blocks = read_catalogue(catalogue_path(solution))
    assert blocks["intro"].source == KOREAN_INTRO  # kept
    assert (blocks["rate"].sha, blocks["rate"].source) == (sha8(PRINTS), PRINTS)  # added, to translate
    with pytest.raises(AuthoringError, match="cell rate .* is still in English"):
        editions(solution)
    assert main(["check", "--course", str(solution.parent.parent)]) == 1
    assert "is still in English" in capsys.readouterr().out


def test_translate_names_a_broken_catalogue_instead_of_raising(solution, capsys):
    catalogue_path(solution).write_text(
        f"@@ cell intro {sha8(INTRO)} @@\n가\n@@ cell intro {sha8(INTRO)} @@\n나\n", encoding="utf-8"
    )
    assert main(["translate", "01", "--course", str(solution.parent.parent)]) == 1
    said = capsys.readouterr().err
    assert "FAILED" in said and "cell intro has a second block" in said


def test_a_notebook_outside_a_solutions_folder_is_refused_before_anything_is_written(solution, capsys):
    elsewhere = solution.parent.parent / "drafts" / solution.name
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(solution.read_bytes())
    with pytest.raises(SystemExit) as exit_code:
        main(["build", str(elsewhere), "--course", str(solution.parent.parent)])
    assert exit_code.value.code == 2
    assert f"not a solution notebook: {elsewhere} (expected solutions/NN_name.ipynb" in capsys.readouterr().err
    assert sorted(path.name for path in solution.parent.parent.iterdir()) == ["drafts", "solutions"]


def test_flags_may_come_between_the_command_and_the_notebooks_as_make_writes_them(solution, capsys):
    write_catalogue(solution, good_blocks())
    assert main(["check", "--english-fallback", "01", "--course", str(solution.parent.parent)]) == 1
    assert "lessons/en/01_demo.ipynb is missing: run `make lessons" in capsys.readouterr().out  # parsed, not built


def test_mutant_cells_stay_in_the_english_source_only(solution):
    """A mutant (a raw variant of an answer, for the mutant suite) needs no translation and reaches no edition."""
    notebook = nbformat.read(solution, as_version=4)
    notebook.cells.append(
        cell(
            "raw",
            "ex1-mutant-1",
            "half = rate * 2",
            exercise={"number": 1, "role": "mutant", "kind": "wrong", "name": "doubled"},
        )
    )
    nbformat.write(notebook, solution)
    write_catalogue(solution, good_blocks())
    for path, generated in editions(solution).items():
        ids = [c.id for c in generated.cells]
        assert "ex1-mutant-1" not in ids, f"{path.parent.parent.name}/{path.parent.name}: the mutant was kept"
        assert "mutant" in ids  # a raw cell without the mutant role is kept
