"""Solution notebooks are the single source: generate both editions of every lesson and execute them.

    backprop-lessons build [solutions/NN_name.ipynb ...] [--course DIR]   # `make lessons`
    backprop-lessons check [--course DIR]               # editions drifted? translations stale?
    backprop-lessons translate NN_name [--course DIR]   # append the missing Korean blocks

From ``solutions/NN_name.ipynb`` (English) and its Korean catalogue ``solutions/NN_name.ko.md``
(course_tools.translations) the build writes, all executed:
    lessons/en/NN_name.ipynb     the English lesson
    solutions/ko/NN_name.ipynb   the Korean solution
    lessons/ko/NN_name.ipynb     the Korean lesson
and re-executes the English solution in place. An answer cell (metadata ``exercise.role ==
"answer"``) has its region between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` replaced by a stub;
hidden-check cells are dropped; mutant cells (raw variants of an answer, role ``"mutant"``, for
the mutant suite) are dropped from every generated notebook, the Korean solution too; every other
cell, and every cell id, is kept, so the two editions have the same cells. See docs/authoring.md.
"""

from __future__ import annotations

import argparse
import ast
import copy
import hashlib
import os
import re
import sys
import tempfile
import textwrap
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import nbformat

from backprop_lib.exercises import not_done_message
from backprop_lib.messages import LANGUAGES, message

from .cells import exercise_meta, role_of
from .translations import SOLUTION_MARKERS, TranslationError, catalogue_path, program_of, skeleton, translated

BEGIN, END = SOLUTION_MARKERS
# In a hidden check, the copy of an answer cell that the grader replaces with the student's answer cell
# (re-run there on hidden inputs): `# BEGIN ANSWER <answer cell id>` … `# END ANSWER`.
ANSWER_REGION = re.compile(
    r"^(?P<indent>[ \t]*)# BEGIN ANSWER (?P<id>\S+)[ \t]*\n"
    r"(?P<body>.*?)^[ \t]*# END ANSWER[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
KERNEL = "python3"
CELL_TIMEOUT = 300


class AuthoringError(ValueError):
    """A solution notebook breaks the authoring conventions of docs/authoring.md."""


SOURCE_LANGUAGE = "en"


@dataclass
class Exercise:
    """An exercise of a notebook: its points and the ids of its answer, check and hidden-check cells."""

    number: int
    points: float = 0
    answer_ids: list[str] = field(default_factory=list)
    check_ids: list[str] = field(default_factory=list)
    hidden_ids: list[str] = field(default_factory=list)


def metadata_number(cell, key: str, kind: type, where: str, default: float | None = None) -> int | float:
    """A number of a cell's exercise metadata, checked: the authoring mistake named if it is missing or no number."""
    value = exercise_meta(cell).get(key, default)
    if not isinstance(value, kind) or isinstance(value, bool):
        expected = "an integer" if kind is int else "a number"
        raise AuthoringError(
            f'{where}: the exercise metadata\'s "{key}" must be {expected}, got {value!r} (docs/authoring.md).'
        )
    return value


def exercises(notebook, source_name: str = "") -> dict[int, Exercise]:
    """Every exercise of a notebook by number, read from its cells' metadata (errors name ``source_name``)."""
    found: dict[int, Exercise] = {}
    for cell in notebook.cells:
        meta = exercise_meta(cell)
        if meta is None:
            continue
        where = f"{source_name} cell {cell.id}".lstrip()
        number = metadata_number(cell, "number", int, where)
        exercise = found.setdefault(number, Exercise(number))
        role = meta.get("role")
        if role == "answer":
            exercise.answer_ids.append(cell.id)
            exercise.points = max(exercise.points, metadata_number(cell, "points", int | float, where, default=0))
        elif role == "check":
            exercise.check_ids.append(cell.id)
        elif role == "hidden-check":
            exercise.hidden_ids.append(cell.id)
        elif role == "mutant":
            if cell.cell_type != "raw":
                raise AuthoringError(
                    f"{where}: a mutant must be a raw cell (never executed), not a {cell.cell_type} cell."
                )
        else:
            raise AuthoringError(f"{where}: exercise role must be answer, check, hidden-check or mutant, got {role!r}.")
    return found


def course_of(solution: Path) -> Path:
    """The course folder of a source solution notebook (the folder holding solutions/)."""
    return solution.resolve().parent.parent


def lesson_path(solution: Path, language: str = SOURCE_LANGUAGE) -> Path:
    """lessons/<language>/NN_name.ipynb for solutions/NN_name.ipynb."""
    return course_of(solution) / "lessons" / language / solution.name


def solution_path(solution: Path, language: str) -> Path:
    """The solution of an edition: the source itself in English, solutions/<language>/NN_name.ipynb else."""
    if language == SOURCE_LANGUAGE:
        return solution.resolve()
    return solution.resolve().parent / language / solution.name


def edition_language(notebook) -> str:
    """The language of a generated notebook, from its metadata (the English source has none: "en")."""
    return notebook.get("metadata", {}).get("backprop_course", {}).get("language", SOURCE_LANGUAGE)


def names_assigned(statement: ast.stmt) -> list[str] | None:
    """The names an assignment statement (=, annotated, augmented) binds, in order; None for any other statement."""
    targets = {
        ast.Assign: lambda s: s.targets,
        ast.AnnAssign: lambda s: [s.target],
        ast.AugAssign: lambda s: [s.target],
    }.get(type(statement))
    if targets is None:
        return None
    return [node.id for target in targets(statement) for node in ast.walk(target) if isinstance(node, ast.Name)]


def assigned_names(code: str, where: str) -> list[str]:
    """The names a block of top-level code assigns, in order (the stub sets each to ...)."""
    try:
        tree = ast.parse(textwrap.dedent(code))
    except SyntaxError as error:
        raise AuthoringError(f"{where}: the solution region does not parse: {error}") from error
    names: list[str] = []
    for statement in tree.body:
        found = names_assigned(statement)
        if found is None:
            raise AuthoringError(
                f"{where}: a top-level solution region may only assign names "
                f"(found {type(statement).__name__}); put other code inside a def."
            )
        names += found
    if not names:
        raise AuthoringError(
            f"{where}: a top-level solution region must assign the names the student writes; this one assigns "
            "none, so the lesson would show no stub: put the answer's assignments between the markers."
        )
    return list(dict.fromkeys(names))


@dataclass
class Region:
    """A BEGIN … END SOLUTION region of an answer cell: the indentation of its markers, the lines between them."""

    indent: str
    lines: list[str] = field(default_factory=list)


def split_regions(source: str, where: str) -> list[str | Region]:
    """An answer cell's source as its lines outside the solution regions and the regions, in order; at least one."""
    parts: list[str | Region] = []
    region: Region | None = None
    for line in source.split("\n"):
        stripped = line.strip()
        if stripped == BEGIN:
            if region is not None:
                raise AuthoringError(f"{where}: {BEGIN} inside another region.")
            region = Region(line[: len(line) - len(line.lstrip())])
        elif stripped == END:
            if region is None:
                raise AuthoringError(f"{where}: {END} without {BEGIN}.")
            parts.append(region)
            region = None
        elif region is not None:
            region.lines.append(line)
        else:
            parts.append(line)
    if region is not None:
        raise AuthoringError(f"{where}: {BEGIN} without {END}.")
    if not any(isinstance(part, Region) for part in parts):
        raise AuthoringError(f"{where}: an answer cell needs a {BEGIN} … {END} region.")
    return parts


def stub_source(source: str, number: int, where: str, language: str = SOURCE_LANGUAGE) -> str:
    """Replace every BEGIN/END SOLUTION region of an answer cell's source with its stub."""
    out = []
    for part in split_regions(source, where):
        if isinstance(part, str):
            out.append(part)
        elif part.indent:
            out.append(f"{part.indent}raise NotImplementedError({not_done_message(number, language)!r})")
        else:
            names = assigned_names("\n".join(part.lines), where)
            out += [f"{name} = ...  {message('stub.your_answer', language)}" for name in names]
    return "\n".join(out)


def with_answers(source: str, answers: dict[str, str]) -> str:
    """A hidden check's source with each ``# BEGIN ANSWER <id>`` region holding ``answers[id]``, indented to fit.

    An exercise whose answer is a few top-level lines (``grad_bias = …``) gets its hidden probes this
    way: the hidden check wraps a copy of the answer cell in a function of the exercise's inputs and
    calls it on hidden inputs; the grader and the mutant suite put the student's (or mutant's) answer
    cell in the copy's place. Regions of ids not in ``answers`` keep the code they hold.
    """

    def fill(found: re.Match) -> str:
        if found.group("id") not in answers:
            return found.group(0)
        indent = found.group("indent")
        body = textwrap.indent(answers[found.group("id")].rstrip("\n") + "\n", indent, lambda line: True)
        return f"{indent}# BEGIN ANSWER {found.group('id')}\n{body}{indent}# END ANSWER"

    return ANSWER_REGION.sub(fill, source)


def parsed_program(source: str, what: str) -> str:
    """The program a cell's code is (translations.program_of), or an authoring error saying where it does not parse."""
    try:
        return program_of(source)
    except SyntaxError as error:
        raise AuthoringError(f"{what} does not parse ({error.msg}, line {error.lineno}): fix its code.") from error


def check_answer_copies(notebook, source_name: str = "") -> None:
    """Each ``# BEGIN ANSWER <id>`` region of a hidden check holds answer cell ``<id>``'s code (comments aside)."""
    answers = {cell.id: cell.source for cell in notebook.cells if role_of(cell) == "answer"}
    for cell in notebook.cells:
        if role_of(cell) != "hidden-check":
            continue
        where = f"{source_name} cell {cell.id}".lstrip()
        for found in ANSWER_REGION.finditer(cell.source):
            answer_id = found.group("id")
            if answer_id not in answers:
                raise AuthoringError(
                    f"{where}: BEGIN ANSWER names {answer_id!r}, which is not an answer cell of this notebook."
                )
            copy = parsed_program(textwrap.dedent(found.group("body")), f"{where}: the copy of {answer_id}")
            if copy != parsed_program(answers[answer_id], f"{where}: answer cell {answer_id}"):
                raise AuthoringError(
                    f"{where}: the copy of {answer_id} between BEGIN ANSWER "
                    f"and END ANSWER differs from the answer cell; copy the answer cell's code "
                    "there again."
                )


def make_lesson(solution, source_name: str = "") -> nbformat.NotebookNode:
    """The student lesson of a solution notebook (either edition): stubs for answers, no hidden checks, same ids."""
    language = edition_language(solution)
    lesson = copy.deepcopy(solution)
    table = exercises(solution, source_name)
    check_answer_copies(solution, source_name)
    for number, exercise in table.items():
        if not exercise.answer_ids or not exercise.check_ids:
            raise AuthoringError(f"{source_name}: exercise {number} needs an answer cell and a check cell.")
        if exercise.points <= 0:
            raise AuthoringError(f"{source_name}: exercise {number} has no points in its answer cell.")
    cells = []
    for cell in lesson.cells:
        role = role_of(cell)
        if role in ("hidden-check", "mutant"):
            continue
        if role == "answer":
            number = exercise_meta(cell)["number"]
            points = table[number].points
            stub = stub_source(cell.source, number, f"{source_name} cell {cell.id}", language)
            header = message(
                "stub.header_one" if points == 1 else "stub.header_many", language, number=number, points=f"{points:g}"
            )
            cell.source = f"{header}\n{stub}"
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
    lesson.cells = cells
    lesson.metadata["backprop_course"] = {"generated_from": source_name, "kind": "lesson", "language": language}
    return lesson


def korean_solution(source, solution: Path, english_fallback: bool = False) -> nbformat.NotebookNode:
    """The Korean edition of a source solution (notebook ``source`` read from ``solution``), without mutants."""
    try:
        korean = translated(source, solution, english_fallback)
    except TranslationError as error:
        raise AuthoringError(str(error)) from error
    korean.cells = [cell for cell in korean.cells if role_of(cell) != "mutant"]
    korean.metadata["backprop_course"] = {
        "generated_from": f"solutions/{solution.name}",
        "kind": "solution",
        "language": "ko",
    }
    return korean


def editions(solution: Path, english_fallback: bool = False) -> dict[Path, nbformat.NotebookNode]:
    """Every notebook generated from one source solution, by the path it belongs at (outputs not run)."""
    name = f"solutions/{solution.name}"
    source = read(solution)
    korean = korean_solution(source, solution, english_fallback)
    return {
        lesson_path(solution, "en"): make_lesson(source, name),
        solution_path(solution, "ko"): korean,
        lesson_path(solution, "ko"): make_lesson(korean, name),
    }


def comparable(notebook) -> list[tuple]:
    """What must agree between a lesson on disk and the lesson generated now: cells without outputs."""
    return [
        (cell.id, cell.cell_type, cell.source, {k: v for k, v in cell.get("metadata", {}).items() if k != "execution"})
        for cell in notebook.cells
    ]


def relative(path: Path, solution: Path) -> str:
    """A generated file's path inside the course folder, for messages."""
    return path.relative_to(course_of(solution)).as_posix()


def drifted(solution: Path) -> str | None:
    """None when every edition on disk is exactly what the solution (and its catalogue) generates, else what differs."""
    try:
        generated = editions(solution)
    except AuthoringError as error:
        return str(error)
    source = f"solutions/{solution.name}"
    rebuild = f"run `make lessons NOTEBOOKS={source}`."
    for path, notebook in generated.items():
        where = relative(path, solution)
        if not path.exists():
            return f"{where} is missing: {rebuild}"
        expected, actual = comparable(notebook), comparable(read(path))
        if expected == actual:
            continue
        for index, (want, have) in enumerate(zip(expected, actual)):
            if want != have:
                return f"{where}: cell {index} (id {have[0]}) differs from what {source} generates: {rebuild}"
        return f"{where} has {len(actual)} cells, {source} generates {len(expected)}: {rebuild}"
    return None


def read(path: Path) -> nbformat.NotebookNode:
    """Read a notebook as nbformat 4."""
    return nbformat.read(str(path), as_version=4)


def write(notebook, path: Path) -> None:
    """Write a notebook in the repository's canonical form (stable key order, one-space indent)."""
    nbformat.validate(notebook)
    path.write_text(nbformat.writes(notebook) + "\n", encoding="utf-8")


def stable_widget_ids(notebook, name: str) -> None:
    """Give stored widget outputs ids derived from the cell, so re-executing leaves no diff."""
    for cell in notebook.cells:
        for index, output in enumerate(cell.get("outputs", [])):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view is not None:
                digest = hashlib.sha256(f"{name}:{cell.id}:{index}".encode()).hexdigest()
                view["model_id"] = digest[:32]


def coalesce_streams(notebook) -> None:
    """Join consecutive stdout (or stderr) chunks of a cell: how a kernel splits them varies between runs."""
    for cell in notebook.cells:
        merged = []
        for output in cell.get("outputs", []):
            previous = merged[-1] if merged else None
            if (
                output.get("output_type") == "stream"
                and previous is not None
                and previous.get("output_type") == "stream"
                and previous["name"] == output["name"]
            ):
                previous["text"] += output["text"]
            else:
                merged.append(output)
        if "outputs" in cell:
            cell.outputs = merged


def execute(notebook, folder: Path, name: str, env: Mapping[str, str] | None = None) -> nbformat.NotebookNode:
    """Run every cell in a fresh kernel in ``folder``; any error stops with the cell that raised.

    env: variables the kernel gets on top of this process's environment (which stays as it is).
    """
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    # The kernel talks over Unix sockets in a folder only this user can open, not over TCP ports any
    # local user can reach (and IPython then has no "running over TCP without encryption" to warn of).
    with tempfile.TemporaryDirectory(prefix="backprop-kernel-") as sockets:
        if os.name == "posix":
            manager = KernelManager(kernel_name=KERNEL, transport="ipc", ip=os.path.join(sockets, "kernel"))
        else:
            manager = KernelManager(kernel_name=KERNEL)
        client = NotebookClient(
            notebook,
            km=manager,
            timeout=CELL_TIMEOUT,
            resources={"metadata": {"path": str(folder)}},
            record_timing=False,
            store_widget_state=False,
        )
        try:
            client.execute(**({"env": {**os.environ, **env}} if env else {}))
        except CellExecutionError as error:
            raise AuthoringError(f"{name}: a cell raised while executing:\n{error}") from error
        finally:  # a kernel manager passed in is the caller's to shut down (nbclient ends only its own)
            if manager.has_kernel:
                manager.shutdown_kernel()
    coalesce_streams(notebook)
    stable_widget_ids(notebook, name)
    return notebook


IGNORED_OUTPUT = "# NBVAL_IGNORE_OUTPUT"  # a cell whose output differs on every run (a timing)


def keep_ignored_outputs(notebook, path: Path) -> None:
    """Keep the stored outputs of unchanged NBVAL_IGNORE_OUTPUT cells (timings), so a rebuild leaves no diff.

    Their output differs on every run and no test compares it; it is rewritten when the cell changes.
    """
    if not path.exists():
        return
    stored = {cell.get("id"): cell for cell in read(path).cells if cell.cell_type == "code"}
    for cell in notebook.cells:
        before = stored.get(cell.get("id"))
        if cell.cell_type == "code" and IGNORED_OUTPUT in cell.source and before and before.source == cell.source:
            cell.outputs = before.outputs


def build_one(solution: Path, english_fallback: bool = False) -> str:
    """Generate both editions of one solution and execute all four notebooks; return a one-line summary."""
    solution = solution.resolve()
    generated = editions(solution, english_fallback)  # every authoring error before any kernel starts
    source = read(solution)
    execute(source, solution.parent, f"solutions/{solution.name}")
    keep_ignored_outputs(source, solution)
    write(source, solution)
    for path, notebook in generated.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        execute(notebook, path.parent, relative(path, solution))
        keep_ignored_outputs(notebook, path)
        write(notebook, path)
    built = ", ".join(relative(path, solution) for path in generated)
    return f"built {built} and re-executed solutions/{solution.name} ({len(exercises(source))} exercises)"


LANDING_PAGE = "start_here.ipynb"  # in lessons/: `make lab` opens it


def title_of(notebook) -> str:
    """A notebook's title: the text of its first markdown heading ("" when it has none)."""
    for cell in notebook.cells:
        for line in cell.source.splitlines() if cell.cell_type == "markdown" else []:
            if line.startswith("#"):
                return line.lstrip("#").strip()
    return ""


def landing_page(course: Path) -> nbformat.NotebookNode:
    """lessons/start_here.ipynb: the student chooses a language, then a lesson; every lesson, both editions."""
    rows = []
    for solution in sorted((course / "solutions").glob("*.ipynb")):
        source = read(solution)
        try:
            korean = translated(source, solution, english_fallback=True)
        except TranslationError:  # a stale catalogue (`check` names it): the English title until it is fixed
            korean = source
        links = {
            language: f"[{title_of(notebook) or solution.stem}]({language}/{solution.name})"
            for language, notebook in (("ko", korean), ("en", source))
        }
        rows.append(f"| {solution.stem.split('_')[0]} | {links['ko']} | {links['en']} |")
    text = "\n".join(
        [
            "# 역전파, 처음부터 · Backpropagation from first principles",
            "",
            "**한국어판**: 아래 표의 *한국어* 열에서 강의를 골라 여세요. 셀을 위에서부터 차례로 실행하면 돼요.",
            "그림, 확인 메시지, 오류 메시지도 모두 한국어로 나와요.",
            "",
            "**English edition**: pick a lesson in the *English* column and run its cells from the top.",
            "",
            "| | 한국어 (`ko/`) | English (`en/`) |",
            "|---|---|---|",
            *rows,
            "",
            "이 페이지는 `make lessons`가 만들어요. This page is generated by `make lessons`.",
        ]
    )
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_markdown_cell(text)
    cell.id = "choose-a-language"
    notebook.cells = [cell]
    notebook.metadata["backprop_course"] = {"kind": "landing page", "languages": list(LANGUAGES)}
    return notebook


def landing_drifted(course: Path) -> str | None:
    """None when lessons/start_here.ipynb lists every lesson as the solutions now generate it."""
    path = course / "lessons" / LANDING_PAGE
    if not path.exists() or comparable(read(path)) != comparable(landing_page(course)):
        return f"lessons/{LANDING_PAGE} is missing or out of date: run `make lessons`."
    return None


def translate(solution: Path) -> str:
    """Append a block with the English text for every cell the Korean catalogue lacks; say what was done."""
    path = catalogue_path(solution)
    try:
        text, added = skeleton(read(solution), solution)
    except TranslationError as error:
        raise AuthoringError(str(error)) from error
    if not added:
        return f"{path.name}: every cell that needs Korean has a block (`backprop-lessons check` lists stale ones)."
    path.write_text(text, encoding="utf-8")
    return (
        f"{path.name}: appended {added} blocks holding the English text; write the Korean under each "
        f"header, then `make lessons NOTEBOOKS=solutions/{solution.name}`."
    )


def resolve(name: Path, course: Path) -> Path:
    """A solution named by path, by file name, or by its number (``03``) inside the course folder."""
    if name.exists():
        return name
    matches = sorted((course / "solutions").glob(f"{name.stem.removesuffix('.ko')}*.ipynb"))
    return matches[0] if len(matches) == 1 else name


def solution_paths(parser: argparse.ArgumentParser, names: list[Path], course: Path) -> list[Path]:
    """The solutions a command works on: those named (see resolve), else every solutions/*.ipynb of the course."""
    paths = [resolve(name, course) for name in names] or sorted((course / "solutions").glob("*.ipynb"))
    if not paths:
        parser.error(f"no solutions/*.ipynb in {course.resolve()}: run this in the course folder or pass --course DIR")
    missing = [
        str(p) for p in paths if not p.is_file() or p.suffix != ".ipynb" or p.resolve().parent.name != "solutions"
    ]
    if missing:
        parser.error(
            f"not a solution notebook: {', '.join(missing)} (expected solutions/NN_name.ipynb in the course folder, "
            "whose lessons/ the editions are written to)"
        )
    return paths


def add_course_option(parser: argparse.ArgumentParser) -> None:
    """``--course DIR``, as every instructor command takes it: the course folder (default: the current one)."""
    parser.add_argument(
        "--course",
        type=Path,
        default=Path.cwd(),
        help="the course folder, holding solutions/ and lessons/ (default: the current folder)",
    )


def add_solution_arguments(parser: argparse.ArgumentParser) -> None:
    """The solution notebooks a command works on (solution_paths reads them) and ``--course DIR``."""
    parser.add_argument(
        "solutions",
        nargs="*",
        type=Path,
        help="solution notebooks, by path or number (default: every solutions/*.ipynb of the course)",
    )
    add_course_option(parser)


def main(argv: list[str] | None = None) -> int:
    """Command line: build lessons (default: every solution) or check that none drifted."""
    parser = argparse.ArgumentParser(
        prog="backprop-lessons", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["build", "check", "translate"])
    add_solution_arguments(parser)
    parser.add_argument(
        "--english-fallback",
        action="store_true",
        help="build a Korean edition even where Korean blocks (or the whole catalogue) are "
        "missing, leaving those cells in English; the drift test still fails on them",
    )
    args = parser.parse_intermixed_args(argv)  # `build --english-fallback solutions/…` as make writes it
    paths = solution_paths(parser, args.solutions, args.course)
    if args.command == "check":
        return check(paths, args.course)
    if args.command == "translate":
        return 1 if sum(not reported(path, partial(translate, path)) for path in paths) else 0
    return build(paths, args.course, args.english_fallback)


def reported(solution: Path, task: Callable[[], str]) -> bool:
    """Print what a task on one solution did, or why it failed (an authoring error); whether it worked."""
    try:
        print(task(), flush=True)
    except AuthoringError as error:
        print(f"FAILED {solution}: {error}", file=sys.stderr, flush=True)
        return False
    return True


def check(paths: list[Path], course: Path) -> int:
    """`check`: print what drifted from its solution (or that nothing did); exit code 1 if anything did."""
    problems = [problem for problem in [*map(drifted, paths), landing_drifted(course)] if problem]
    print("\n".join(problems) or f"{len(paths)} lessons match their solutions in {' and '.join(LANGUAGES)}.")
    return 1 if problems else 0


def build(paths: list[Path], course: Path, english_fallback: bool) -> int:
    """`build`: generate and execute every edition of each solution, two at a time, then the landing page."""
    with ProcessPoolExecutor(max_workers=min(len(paths), 2) or 1) as pool:
        futures = [(path, pool.submit(build_one, path, english_fallback)) for path in paths]
        failures = sum(not reported(path, future.result) for path, future in futures)
    write(landing_page(course), course / "lessons" / LANDING_PAGE)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
