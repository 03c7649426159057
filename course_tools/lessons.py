"""Solution notebooks are the single source: generate the student lessons from them and re-execute both.

    backprop-lessons build [solutions/NN_name.ipynb ...] [--course DIR]   # `make lessons`
    backprop-lessons check [--course DIR]                                  # lessons drifted?

An answer cell (metadata ``exercise.role == "answer"``) has its region between
``# BEGIN SOLUTION`` and ``# END SOLUTION`` replaced by a stub; hidden-check and mutant cells are
dropped; every other cell, and every cell id, is kept. See docs/authoring.md.
"""
from __future__ import annotations

import argparse
import ast
import copy
import hashlib
import sys
import textwrap
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from backprop_lib.exercises import not_done_message

BEGIN, END = "# BEGIN SOLUTION", "# END SOLUTION"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
KERNEL = "python3"
CELL_TIMEOUT = 300


class AuthoringError(ValueError):
    """A solution notebook breaks the authoring conventions of docs/authoring.md."""


@dataclass
class Exercise:
    """An exercise of a notebook: its points and the ids of its answer, check, hidden-check and mutant cells."""

    number: int
    points: float = 0
    answer_ids: list[str] = field(default_factory=list)
    check_ids: list[str] = field(default_factory=list)
    hidden_ids: list[str] = field(default_factory=list)
    mutant_ids: list[str] = field(default_factory=list)


def exercise_meta(cell) -> dict | None:
    """The ``exercise`` metadata of a cell, or None for a teaching cell."""
    return cell.get("metadata", {}).get("exercise")


def exercises(notebook) -> dict[int, Exercise]:
    """Every exercise of a notebook by number, read from its cells' metadata."""
    found: dict[int, Exercise] = {}
    for cell in notebook.cells:
        meta = exercise_meta(cell)
        if meta is None:
            continue
        exercise = found.setdefault(meta["number"], Exercise(meta["number"]))
        role = meta.get("role")
        if role == "answer":
            exercise.answer_ids.append(cell.id)
            exercise.points = max(exercise.points, meta.get("points", 0))
        elif role == "check":
            exercise.check_ids.append(cell.id)
        elif role == "hidden-check":
            exercise.hidden_ids.append(cell.id)
        elif role == "mutant":
            if cell.cell_type != "raw":
                raise AuthoringError(f"cell {cell.id}: a mutant must be a raw cell (never executed), "
                                     f"not a {cell.cell_type} cell.")
            exercise.mutant_ids.append(cell.id)
        else:
            raise AuthoringError(f"cell {cell.id}: exercise role must be answer, check, hidden-check or "
                                 f"mutant, got {role!r}.")
    return found


def lesson_path(solution: Path) -> Path:
    """lessons/NN_name.ipynb for solutions/NN_name.ipynb."""
    return solution.resolve().parent.parent / "lessons" / solution.name


def assigned_names(code: str, where: str) -> list[str]:
    """The names a block of top-level code assigns, in order (the stub sets each to ...)."""
    try:
        tree = ast.parse(textwrap.dedent(code))
    except SyntaxError as error:
        raise AuthoringError(f"{where}: the solution region does not parse: {error}") from error
    names: list[str] = []
    for statement in tree.body:
        targets = {ast.Assign: lambda s: s.targets, ast.AnnAssign: lambda s: [s.target],
                   ast.AugAssign: lambda s: [s.target]}.get(type(statement))
        if targets is None:
            raise AuthoringError(
                f"{where}: a top-level solution region may only assign names "
                f"(found {type(statement).__name__}); put other code inside a def.")
        for target in targets(statement):
            for node in ast.walk(target):
                if isinstance(node, ast.Name) and node.id not in names:
                    names.append(node.id)
    return names


def stub_source(source: str, number: int, where: str) -> str:
    """Replace every BEGIN/END SOLUTION region of an answer cell's source with its stub."""
    lines, out, region, indent = source.split("\n"), [], None, ""
    for line in lines:
        stripped = line.strip()
        if stripped == BEGIN:
            if region is not None:
                raise AuthoringError(f"{where}: {BEGIN} inside another region.")
            region, indent = [], line[: len(line) - len(line.lstrip())]
        elif stripped == END:
            if region is None:
                raise AuthoringError(f"{where}: {END} without {BEGIN}.")
            if indent:
                out.append(f"{indent}raise NotImplementedError({not_done_message(number)!r})")
            else:
                for name in assigned_names("\n".join(region), where):
                    out.append(f"{name} = ...  # your answer")
            region = None
        elif region is not None:
            region.append(line)
        else:
            out.append(line)
    if region is not None:
        raise AuthoringError(f"{where}: {BEGIN} without {END}.")
    if len(out) == len(lines):
        raise AuthoringError(f"{where}: an answer cell needs a {BEGIN} … {END} region.")
    return "\n".join(out)


def make_lesson(solution, source_name: str = "") -> nbformat.NotebookNode:
    """The student lesson of a solution notebook: stubs for answers, no hidden checks, same ids."""
    lesson = copy.deepcopy(solution)
    table = exercises(solution)
    for number, exercise in table.items():
        if not exercise.answer_ids or not exercise.check_ids:
            raise AuthoringError(f"{source_name}: exercise {number} needs an answer cell and a check cell.")
        if exercise.points <= 0:
            raise AuthoringError(f"{source_name}: exercise {number} has no points in its answer cell.")
    cells = []
    for cell in lesson.cells:
        meta = exercise_meta(cell)
        role = meta and meta.get("role")
        if role in ("hidden-check", "mutant"):
            continue
        if role == "answer":
            number = meta["number"]
            points = table[number].points
            stub = stub_source(cell.source, number, f"{source_name} cell {cell.id}")
            unit = "point" if points == 1 else "points"
            cell.source = (f"# Exercise {number} ({points:g} {unit}): replace the ... or the "
                           f"raise line with your answer, then run the check below.\n{stub}")
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
    lesson.cells = cells
    lesson.metadata["backprop_course"] = {"generated_from": source_name, "kind": "lesson"}
    return lesson


def comparable(notebook) -> list[tuple]:
    """What must agree between a lesson on disk and the lesson generated now: cells without outputs."""
    return [(cell.id, cell.cell_type, cell.source,
             {k: v for k, v in cell.get("metadata", {}).items() if k != "execution"})
            for cell in notebook.cells]


def drifted(solution: Path) -> str | None:
    """None when lessons/ holds exactly what the solution generates, else what differs."""
    lesson_file = lesson_path(solution)
    if not lesson_file.exists():
        return f"{lesson_file.name} is missing: run `make lessons`."
    expected = comparable(make_lesson(read(solution), f"solutions/{solution.name}"))
    actual = comparable(read(lesson_file))
    if expected == actual:
        return None
    for index, (want, have) in enumerate(zip(expected, actual)):
        if want != have:
            return (f"{lesson_file.name}: cell {index} (id {have[0]}) differs from what "
                    f"solutions/{solution.name} generates: run `make lessons`.")
    return f"{lesson_file.name} has {len(actual)} cells, its solution generates {len(expected)}: run `make lessons`."


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
            if (output.get("output_type") == "stream" and previous is not None
                    and previous.get("output_type") == "stream" and previous["name"] == output["name"]):
                previous["text"] += output["text"]
            else:
                merged.append(output)
        if "outputs" in cell:
            cell.outputs = merged


def execute(notebook, folder: Path, name: str) -> nbformat.NotebookNode:
    """Run every cell in a fresh kernel in ``folder``; any error stops with the cell that raised."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    client = NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name=KERNEL,
                            resources={"metadata": {"path": str(folder)}},
                            record_timing=False, store_widget_state=False)
    try:
        client.execute()
    except CellExecutionError as error:
        raise AuthoringError(f"{name}: a cell raised while executing:\n{error}") from error
    coalesce_streams(notebook)
    stable_widget_ids(notebook, name)
    return notebook


def build_one(solution: Path) -> str:
    """Generate the lesson of one solution and execute both; return a one-line summary."""
    solution = solution.resolve()
    name = f"solutions/{solution.name}"
    source = read(solution)
    lesson = make_lesson(source, name)
    execute(source, solution.parent, name)
    write(source, solution)
    lesson_file = lesson_path(solution)
    lesson_file.parent.mkdir(exist_ok=True)
    execute(lesson, lesson_file.parent, f"lessons/{solution.name}")
    write(lesson, lesson_file)
    return f"built lessons/{solution.name} and re-executed both ({len(exercises(source))} exercises)"


def main(argv: list[str] | None = None) -> int:
    """Command line: build lessons (default: every solution) or check that none drifted."""
    parser = argparse.ArgumentParser(prog="backprop-lessons", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["build", "check"])
    parser.add_argument("solutions", nargs="*", type=Path,
                        help="solution notebooks (default: every solutions/*.ipynb of the course)")
    parser.add_argument("--course", type=Path, default=Path.cwd(),
                        help="the course folder, holding solutions/ and lessons/ (default: the current folder)")
    args = parser.parse_args(argv)
    paths = args.solutions or sorted((args.course / "solutions").glob("*.ipynb"))
    if not paths:
        parser.error(f"no solutions/*.ipynb in {args.course.resolve()}: run this in the course folder or pass --course DIR")
    missing = [str(p) for p in paths if not p.exists() or p.suffix != ".ipynb"]
    if missing:
        parser.error(f"not a notebook: {', '.join(missing)} (expected solutions/NN_name.ipynb)")
    if args.command == "check":
        problems = [problem for problem in map(drifted, paths) if problem]
        print("\n".join(problems) or f"{len(paths)} lessons match their solutions.")
        return 1 if problems else 0
    failures = 0
    with ProcessPoolExecutor(max_workers=min(len(paths), 2) or 1) as pool:
        for path, future in [(p, pool.submit(build_one, p)) for p in paths]:
            try:
                print(future.result(), flush=True)
            except AuthoringError as error:
                failures += 1
                print(f"FAILED {path}: {error}", file=sys.stderr, flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
