"""The Korean catalogue of a solution notebook: read it, check it against the English cells, apply it.

Beside ``solutions/NN_name.ipynb`` lies ``solutions/NN_name.ko.md``, a list of blocks::

    @@ cell <cell-id> <sha8> @@
    <the Korean source of that cell>

``sha8`` is the first 8 hex digits of the SHA-256 of the English cell's source: when the English
cell changes, its block becomes stale and the build says so. Lines before the first block are a
free header. A markdown cell with words needs a block; a code cell needs one when a student reads
English in it (a comment, or words in a string; hidden checks never need one); a raw cell never.
The first code cell's ``use_language("en")`` becomes ``use_language("ko")`` by itself when the cell
has no block. The Korean version of a code cell must
be the same program: the same syntax tree once every string constant is blanked (comments are free).
See docs/authoring.md.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .cells import role_of

if TYPE_CHECKING:
    from nbformat import NotebookNode

LANGUAGE = "ko"
BLOCK = re.compile(r"^@@ cell (\S+) ([0-9a-f]{8}) @@[ \t]*$", re.MULTILINE)
HANGUL = re.compile(r"[\uac00-\ud7a3]")
WORD = re.compile(r"[A-Za-z]{2,}")  # an English word, or a name in code
ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}[ ,.:;!?'-]+[A-Za-z]{2,}")
# math, code, tags, link targets
MARKDOWN_NOT_PROSE = re.compile(r"\$\$.*?\$\$|\$[^$\n]*\$|`[^`]*`|<[^>]*>|\]\([^)]*\)", re.DOTALL)
SOLUTION_MARKERS = ("# BEGIN SOLUTION", "# END SOLUTION")  # lesson generation's (lessons.py), not read by students
LANGUAGE_CALL = re.compile(r"use_language\(\s*['\"](\w+)['\"]\s*\)")


class TranslationError(ValueError):
    """The Korean catalogue does not cover, or no longer matches, the English source."""


@dataclass
class Block:
    """One block of a catalogue: the English source's sha8 it translates, the Korean source, its line."""

    sha: str
    source: str
    line: int


def catalogue_path(solution: Path) -> Path:
    """solutions/NN_name.ko.md for solutions/NN_name.ipynb."""
    return solution.with_name(f"{solution.stem}.{LANGUAGE}.md")


def sha8(source: str) -> str:
    """The fingerprint of an English cell's source that its Korean block names."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:8]


def read_catalogue(path: Path) -> dict[str, Block]:
    """The blocks of a catalogue file by cell id; a cell id given twice is an error."""
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")  # a catalogue saved on Windows
    blocks: dict[str, Block] = {}
    heads = list(BLOCK.finditer(text))
    for index, head in enumerate(heads):
        end = heads[index + 1].start() if index + 1 < len(heads) else len(text)
        body = text[head.end() + 1 : end]
        body = body[:-1] if body.endswith("\n") else body
        line = text.count("\n", 0, head.start()) + 1
        cell_id = head.group(1)
        if cell_id in blocks:
            raise TranslationError(
                f"{path.name}:{line}: cell {cell_id} has a second block "
                f"(the first is at line {blocks[cell_id].line}): keep one."
            )
        blocks[cell_id] = Block(head.group(2), body, line)
    stray = [
        number
        for number, line in enumerate(text.splitlines(), 1)
        if line.startswith("@@")
        and not BLOCK.match(line)
        and (not heads or number > text.count("\n", 0, heads[0].start()))
    ]
    if stray:
        raise TranslationError(
            f"{path.name}:{stray[0]}: a line starting with @@ is not a block header `@@ cell <cell-id> <sha8> @@`."
        )
    return blocks


def comments(source: str) -> list[str]:
    """The comments of a code cell (empty when it does not tokenize)."""
    try:
        return [
            token.string
            for token in tokenize.generate_tokens(io.StringIO(source).readline)
            if token.type == tokenize.COMMENT
        ]
    except (tokenize.TokenError, SyntaxError):
        return []


def string_constants(source: str) -> list[str]:
    """Every string constant of a code cell, f-string parts included."""
    return [
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def needs_translation(cell) -> bool:
    """Whether a cell shows a student English: markdown with words; code with comments or words in strings.

    Hidden checks need none (students never see them; a block for one is still welcome).
    """
    if cell.cell_type == "markdown":
        prose = MARKDOWN_NOT_PROSE.sub(" ", cell.source)
        return bool(WORD.search(prose))
    if cell.cell_type != "code" or role_of(cell) == "hidden-check":
        return False
    if any(WORD.search(comment) for comment in comments(cell.source) if comment not in SOLUTION_MARKERS):
        return True
    try:
        return any(ENGLISH_WORDS.search(text) for text in string_constants(cell.source))
    except SyntaxError:
        return False


def program_of(source: str) -> str:
    """A code cell's syntax tree with its text blanked: what a translation must keep.

    Strings are blanked, format specs (the ``>10`` of ``f"{name:>10}"``) are not: they change what is printed.
    """
    tree = ast.parse(source)
    specs = {
        id(node)
        for value in ast.walk(tree)
        if isinstance(value, ast.FormattedValue) and value.format_spec
        for node in ast.walk(value.format_spec)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in specs:
            node.value = ""
    return ast.dump(tree)


def code_differs(english: str, korean: str) -> str | None:
    """None when the Korean code cell is the English program, else why not."""
    try:
        same = program_of(english) == program_of(korean)
    except SyntaxError as error:
        return f"the Korean code does not parse ({error.msg}, line {error.lineno})"
    return None if same else "the Korean code is not the English program (only comments and strings may change)"


def how_to_fix(solution: Path) -> str:
    """The commands that show and fill what is missing or stale."""
    return (
        f"Run `backprop-lessons translate {solution.name}` to append a block with the English text for "
        f"every missing cell, `backprop-lessons check` to list stale ones; then write the Korean under "
        f"each header in {catalogue_path(solution).name} (docs/authoring.md, 'Korean edition')."
    )


def language_called(source: str) -> str | None:
    """The language a cell's ``use_language("..")`` call chooses, or None when it makes no such call."""
    found = LANGUAGE_CALL.search(source)
    return found.group(1) if found else None


def problems_of(notebook, blocks: dict[str, Block], missing_ok: bool = False) -> list[str]:
    """Every way the catalogue fails the English notebook, one line per cell (empty: all translated).

    ``missing_ok``: a cell without a block is no problem (the English fallback keeps its English).
    """
    problems, cells = [], {cell.id: cell for cell in notebook.cells}
    for cell in notebook.cells:
        block = blocks.get(cell.id)
        if block is None:
            if needs_translation(cell) and not missing_ok:
                problems.append(
                    f"cell {cell.id} ({cell.cell_type}) has no Korean block: add "
                    f"`@@ cell {cell.id} {sha8(cell.source)} @@` and its Korean text."
                )
            continue
        where = f"cell {cell.id} (block at line {block.line})"
        if cell.cell_type == "raw":
            problems.append(f"{where} is a raw cell, which is not translated: delete its block.")
        elif block.sha != sha8(cell.source):
            problems.append(
                f"{where} is stale: the English cell changed since it was translated (block sha "
                f"{block.sha}, English now {sha8(cell.source)}). Update the Korean to say what "
                f"the English now says, then set the header to `@@ cell {cell.id} {sha8(cell.source)} @@`."
            )
        elif cell.cell_type == "markdown" and needs_translation(cell) and not HANGUL.search(block.source):
            problems.append(f"{where} is still in English: write it in Korean.")
        elif cell.cell_type == "code":
            why = code_differs(cell.source, block.source)
            if why:
                problems.append(f"{where}: {why}.")
            elif needs_translation(cell) and block.source == cell.source:
                problems.append(f"{where} is still in English: translate its comments and printed text.")
            elif language_called(cell.source) and language_called(block.source) != LANGUAGE:
                problems.append(f'{where}: the Korean edition must call use_language("{LANGUAGE}").')
    for cell_id, block in blocks.items():
        if cell_id not in cells:
            problems.append(
                f"block at line {block.line} is for cell {cell_id}, which the solution no longer "
                f"has: delete the block (or restore the cell id)."
            )
    return list(dict.fromkeys(problems))


def translated(notebook: NotebookNode, solution: Path, english_fallback: bool = False) -> NotebookNode:
    """The Korean edition of an English solution notebook: same cells and ids, Korean sources.

    With ``english_fallback`` (a lesson whose translation has not arrived yet) missing blocks, or
    the whole catalogue, leave the English source in place; stale or wrong blocks are errors always.
    """
    path = catalogue_path(solution)
    if not path.exists() and not english_fallback:
        raise TranslationError(f"{solution.name} has no Korean catalogue {path.name}. {how_to_fix(solution)}")
    blocks = read_catalogue(path) if path.exists() else {}
    problems = problems_of(notebook, blocks, missing_ok=english_fallback)
    if problems:
        raise TranslationError(
            f"{path.name} does not match {solution.name}:\n  " + "\n  ".join(problems) + f"\n{how_to_fix(solution)}"
        )
    korean = copy.deepcopy(notebook)
    for cell in korean.cells:
        if cell.id in blocks:
            cell.source = blocks[cell.id].source
        elif cell.cell_type == "code":  # a language call in a cell that needs no other translation
            cell.source = LANGUAGE_CALL.sub(f'use_language("{LANGUAGE}")', cell.source)
    return korean


def skeleton(notebook, solution: Path) -> tuple[str, int]:
    """The catalogue text with a block (holding the English to translate) for every missing cell; how many added."""
    path = catalogue_path(solution)
    text = (
        path.read_text(encoding="utf-8")
        if path.exists()
        else (
            f"Korean catalogue of {solution.name} (docs/authoring.md, 'Korean edition'). Replace the English\n"
            f"under each header with Korean; keep the header lines as they are.\n"
        )
    )
    blocks = read_catalogue(path) if path.exists() else {}
    added = []
    for cell in notebook.cells:
        if cell.id not in blocks and needs_translation(cell):
            added.append(f"@@ cell {cell.id} {sha8(cell.source)} @@\n{cell.source}\n")
    if added and not text.endswith("\n"):
        text += "\n"
    return text + "".join(added), len(added)
