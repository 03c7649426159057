"""Mutation-test the exercise checks: every wrong answer listed in a solution must be rejected, every right one kept.

    backprop-mutants [solutions/NN_name.ipynb ...] [--course DIR] [--jobs N] [--graded-by grader|probes]

A mutant is a raw cell of the solution (docs/authoring.md) whose source replaces the
``# BEGIN SOLUTION`` … ``# END SOLUTION`` region of its exercise's answer cell. Each is tried twice:
- visible: the solution runs once in one IPython shell (hidden checks left out, as in the lesson);
  at each exercise every mutant runs in an ``os.fork()``ed child of that shell (its answer cell,
  the cells up to the exercise's last check), so no mutant leaks into another. A wrong mutant must
  make a check cell print something other than ``✓ Exercise N passed.``; a right one, ✓ in each.
  A ``blind`` wrong mutant (a multiple-choice letter, which the visible check records without
  judging so as not to give the answer away) must get ✓ there too, and lose its points in grading.
- graded, ``--graded-by grader`` (the default; `make validate-assignment`): synthetic submissions,
  each answering every exercise with at most one mutant (never with a wrong mutant of an exercise whose
  answer another mutated exercise uses), are graded in one run of the real grader per notebook. A wrong
  mutant must lose points on its exercise, a right one keep them all, and an exercise answered with the
  solution keeps its points too.
- graded, ``--graded-by probes`` (`make test`: seconds instead of minutes): the shell runs the hidden
  checks too, with ``BACKPROP_HIDDEN_SEED`` set to ``PROBE_SEED``, and so does each mutant's child after
  its visible checks. The grader's own scoring (grading/probes.py: ``score_hidden``, the same seed)
  compares what the child's hidden checks printed with what the solution's printed, and the points
  follow the grader's rule (report.py): from the hidden probes where an exercise has hidden checks,
  from the visible checks where it has none. Only the grader's sandbox and kernels are left out.
The exit code is 1 when a wrong mutant survives or a right one is rejected.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from backprop_lib.errors import CourseError
from backprop_lib.messages import message

from .cells import exercise_meta, role_of
from .dependencies import dependencies
from .lessons import (
    SOURCE_LANGUAGE,
    AuthoringError,
    Region,
    add_solution_arguments,
    exercises,
    read,
    solution_paths,
    split_regions,
    with_answers,
)

if TYPE_CHECKING:
    from IPython.core.interactiveshell import InteractiveShell

NEXT_REGION = "# NEXT REGION"  # separates the blocks of a mutant for an answer cell with several regions
KINDS = ("wrong", "right")
MIN_WRONG = 4  # wrong mutants every exercise must have
MUTANT_SECONDS = 300.0  # the longest a mutant may run in its child before it is killed
PROBE_SEED = 9091  # the hidden seed of --graded-by probes: not 0, the seed the public outputs show


@dataclass
class Mutant:
    """One answer written into a solution next to its exercise: a slip (wrong) or another correct form (right)."""

    notebook: str
    number: int
    kind: str
    name: str
    cell_id: str
    answer_id: str
    source: str
    blind: bool = False  # the visible check records it without judging it (multiple choice)
    nothing: bool = False  # must earn no points at all, not merely lose some (a find-the-bug class left as given)
    visible: str = ""  # what the visible check said (empty until tried)
    visible_ok: bool | None = None  # the visible check behaved as the kind demands
    graded: str = ""  # points earned, as "p/max"
    graded_ok: bool | None = None

    @property
    def label(self) -> str:
        """The mutant as a report names it."""
        return f"{self.notebook} ex{self.number} {self.kind} {self.name!r} ({self.cell_id})"

    def graded_as_it_must(self, full: bool, none: bool) -> bool:
        """Whether its grade is what its kind demands: all points (right), not all (wrong), none (``nothing``)."""
        return none if self.nothing else full == (self.kind == "right")


def mutants_of(notebook, name: str) -> list[Mutant]:
    """The mutant cells of a solution, each tied to its exercise's answer cell."""
    table = exercises(notebook, name)
    found = []
    for cell in notebook.cells:
        meta = exercise_meta(cell)
        if not meta or meta.get("role") != "mutant":
            continue
        where = f"{name} cell {cell.id}"
        if meta.get("kind") not in KINDS:
            raise AuthoringError(f'{where}: a mutant\'s kind must be "wrong" or "right", got {meta.get("kind")!r}.')
        if not meta.get("name"):
            raise AuthoringError(f"{where}: a mutant needs a name saying what the slip is.")
        exercise = table[meta["number"]]
        answer_id = meta.get("cell") or (exercise.answer_ids[0] if len(exercise.answer_ids) == 1 else None)
        if answer_id not in exercise.answer_ids:
            raise AuthoringError(
                f"{where}: exercise {meta['number']} has answer cells {exercise.answer_ids}; "
                f'say which one the mutant replaces with "cell": "<id>".'
            )
        found.append(
            Mutant(
                name,
                meta["number"],
                meta["kind"],
                meta["name"],
                cell.id,
                answer_id,
                cell.source,
                bool(meta.get("blind")),
                bool(meta.get("nothing")),
            )
        )
    return found


def apply_mutant(answer: str, mutant: str, where: str = "mutant") -> str:
    """The answer cell's source with each solution region replaced by the mutant's block, at the region's indentation.

    The mutant is written without the region's indentation; for an answer cell with several regions
    it holds one block per region, in order, separated by a line ``# NEXT REGION``.
    """
    blocks = [textwrap.dedent(block).strip("\n") for block in split_blocks(mutant)]
    parts = split_regions(answer, where)
    regions = sum(isinstance(part, Region) for part in parts)
    if regions > len(blocks):
        raise AuthoringError(f"{where}: the answer cell has more solution regions than the mutant has blocks.")
    if regions < len(blocks):
        raise AuthoringError(
            f"{where}: the mutant has {len(blocks)} blocks, the answer cell {regions} solution regions."
        )
    out, written = [], iter(blocks)
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        else:
            out += [part.indent + text if text.strip() else text for text in next(written).split("\n")]
    return "\n".join(out)


def split_blocks(mutant: str) -> list[str]:
    """A mutant's blocks, one per solution region."""
    blocks, current = [], []
    for line in mutant.split("\n"):
        if line.strip() == NEXT_REGION:
            blocks.append("\n".join(current))
            current = []
        else:
            current.append(line)
    return [*blocks, "\n".join(current)]


# ---------------------------------------------------------------- visible checks, in forked children of one shell


def code_cells(notebook, hidden: bool = False) -> list:
    """The code cells a student runs in the lesson (the solution's), and the hidden checks if asked."""
    return [cell for cell in notebook.cells if cell.cell_type == "code" and (hidden or role_of(cell) != "hidden-check")]


def exercise_spans(cells: list) -> dict[int, tuple[int, int]]:
    """For each exercise, the index of its first answer cell and of its last (hidden) check cell."""
    spans: dict[int, tuple[int, int]] = {}
    for index, cell in enumerate(cells):
        meta = exercise_meta(cell) or {}
        if meta.get("role") in ("answer", "check", "hidden-check"):
            start, end = spans.get(meta["number"], (index, index))
            spans[meta["number"]] = (min(start, index), max(end, index))
    return spans


def new_shell() -> InteractiveShell:
    """A plain IPython shell (no kernel, no history, no colours): what the notebook's cells run in."""
    import matplotlib.pyplot as plt
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    # pyplot picks its backend at the first figure and, inside an IPython shell that is not a kernel,
    # matplotlib < 3.9 then imports IPython's backend2gui, which IPython 9 no longer has (ImportError).
    # Picking the (Agg) backend before the shell exists takes the plain path on every version.
    plt.switch_backend("agg")

    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "NoColor"
    config.InteractiveShell.xmode = "Plain"
    return InteractiveShell.instance(config=config)


def run_cell(shell, source: str, stdout_only: bool = False) -> tuple[str, bool]:
    """Run one cell; what it printed (tracebacks included, unless only stdout is asked) and whether it raised."""
    buffer, errors = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(errors if stdout_only else buffer):
        result = shell.run_cell(source, store_history=False)
    return buffer.getvalue(), result.success


def try_in_child(shell, cells: list, span: tuple[int, int], mutant: dict) -> dict:
    """Run the exercise's cells with the mutant's answer in a forked child; what each check cell printed."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, report, vanish
        os.close(read_end)
        try:
            checks, hidden = [], {}
            answer = next(cell for cell in cells if cell.id == mutant["answer_id"])
            mutated = {answer.id: apply_mutant(answer.source, mutant["source"])}
            for cell in cells[span[0] : span[1] + 1]:
                source = mutated[cell.id] if cell.id in mutated else cell.source
                if role_of(cell) == "hidden-check":
                    source = with_answers(source, mutated)  # a re-run of the answer there is the mutant's
                    hidden[cell.id] = run_cell(shell, source, stdout_only=True)
                    continue
                text, _ = run_cell(shell, source)
                if role_of(cell) == "check":
                    checks.append(text)
            payload = {"checks": checks, "hidden": hidden}
        except BaseException as error:  # noqa: BLE001 - reported to the parent, whatever it is
            payload = {"error": f"{type(error).__name__}: {error}"}
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(json.dumps(payload).encode())
        os._exit(0)
    os.close(write_end)
    data, deadline = b"", time.monotonic() + MUTANT_SECONDS
    with os.fdopen(read_end, "rb", buffering=0) as pipe:
        while True:
            ready, _, _ = select.select([pipe], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return {"error": f"ran longer than {MUTANT_SECONDS:g} s"}
            chunk = pipe.read(1 << 16)
            if not chunk:
                break
            data += chunk
    os.waitpid(pid, 0)
    return json.loads(data) if data else {"error": "the child ended without a report"}


def visible_worker(solution: Path, mutants: list[dict], hidden_seed: int | None = None) -> dict:
    """Run the solution once, trying each exercise's mutants in forked children: what each check printed.

    Returns one report per mutant, what the solution's own check cells printed (by exercise) and, with a
    hidden seed, what its hidden checks printed.
    """
    from backprop_lib.exercises import HIDDEN_SEED_VARIABLE

    if hidden_seed is not None:
        os.environ[HIDDEN_SEED_VARIABLE] = str(hidden_seed)  # before any cell runs: hidden_seed() reads it
    notebook = read(solution)
    cells = code_cells(notebook, hidden=hidden_seed is not None)
    spans = exercise_spans(cells)
    cells = cells[: max((end for _, end in spans.values()), default=-1) + 1]  # what follows cannot matter
    os.chdir(solution.parent)
    shell = new_shell()
    reports: dict[str, dict] = {}
    own_checks: dict[int, list[str]] = {}
    reference: dict[str, str] = {}
    for index, cell in enumerate(cells):
        for number, span in spans.items():
            if span[0] == index:
                for mutant in (m for m in mutants if m["number"] == number):
                    reports[mutant["cell_id"]] = try_in_child(shell, cells, span, mutant)
        text, ok = run_cell(shell, cell.source, stdout_only=role_of(cell) == "hidden-check")
        if not ok:
            raise AuthoringError(f"{solution.name}: cell {cell.id} of the solution raised:\n{text[-2000:]}")
        meta = exercise_meta(cell) or {}
        if meta.get("role") == "check":
            own_checks.setdefault(meta["number"], []).append(text)
        elif meta.get("role") == "hidden-check":
            reference[cell.id] = text
    return {
        "mutants": [reports.get(m["cell_id"], {"error": "its exercise has no answer cell"}) for m in mutants],
        "solution": own_checks,
        "reference": reference,
    }


def verdict(number: int, checks: list[str]) -> tuple[bool, str]:
    """Whether every check cell printed ✓, and a one-line summary of what the first other one printed."""
    mark = message("check.passed", SOURCE_LANGUAGE, number=number)
    failing = [text for text in checks if mark not in text]
    if not failing:
        return True, "✓"
    lines = [line for line in failing[0].strip().splitlines() if line.strip()]
    said = next((line for line in lines if line.startswith(("✗", f"Exercise {number} "))), lines[-1] if lines else "")
    return False, said[:160]


def judge_visible(mutant: Mutant, report: dict) -> None:
    """Record whether the visible check treated the mutant as its kind demands."""
    if "error" in report:
        mutant.visible, mutant.visible_ok = f"could not be tried: {report['error']}", False
        return
    passed, said = verdict(mutant.number, report["checks"])
    mutant.visible = said
    mutant.visible_ok = passed == (mutant.kind == "right" or mutant.blind)


def judge_probes(mutant: Mutant, report: dict, hidden_cells: list, reference: dict[str, str]) -> None:
    """Record the points the mutant's exercise earns by the grader's rule, its probes scored by the grader's code."""
    from .grading.probes import score_hidden

    if "error" in report:
        mutant.graded, mutant.graded_ok = "nothing", False
        return
    if not hidden_cells:  # no hidden check: the visible checks give the points
        passed = verdict(mutant.number, report["checks"])[0]
        mutant.graded, mutant.graded_ok = f"{int(passed)}/1 visible", mutant.graded_as_it_must(passed, not passed)
        return
    verdicts = []
    for cell in hidden_cells:
        expected = reference[cell.id]
        printed, ok = report["hidden"].get(cell.id, ("", False))
        probes = score_hidden(exercise_meta(cell), expected, printed, PROBE_SEED)
        verdicts += probes if ok else [False] * len(probes)
    full = bool(verdicts) and all(verdicts)
    mutant.graded = f"{sum(verdicts)}/{len(verdicts)} probes"
    mutant.graded_ok = mutant.graded_as_it_must(full, none=not any(verdicts))


def run_visible(solution: Path, mutants: list[Mutant], graded_by_probes: bool = False) -> list[str]:
    """Try one solution's mutants on its visible checks (and hidden probes) in a fresh Python process of their own.

    The hidden probes run only when graded by probes. Returns what is wrong with the solution itself: a
    check cell of its own that does not print ✓, or a hidden check that prints nothing or a failure (a
    broken check would reject every mutant, the right ones included, or judge them against nothing).
    """
    payload = json.dumps(
        {
            "solution": str(solution),
            "mutants": [m.__dict__ for m in mutants],
            "hidden_seed": PROBE_SEED if graded_by_probes else None,
        }
    )
    from backprop_lib.exercises import TEXT_FIGURES

    from .grading.sandbox import KERNEL_ENV

    env = {**os.environ, **KERNEL_ENV, **TEXT_FIGURES, "MPLBACKEND": "Agg"}
    process = subprocess.run(
        [sys.executable, "-m", "course_tools.mutants", "--visible-worker"],
        input=payload,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    try:
        result = json.loads(process.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        ended = f"killed by signal {-process.returncode}" if process.returncode < 0 else f"exit {process.returncode}"
        failure = f"the worker failed ({ended}): {process.stderr.strip()[-800:] or 'it printed nothing'}"
        result = {"mutants": [{"error": failure}] * len(mutants), "solution": {}}
    hidden = [cell for cell in read(solution).cells if role_of(cell) == "hidden-check"]
    for mutant, report in zip(mutants, result["mutants"]):
        judge_visible(mutant, report)
        if graded_by_probes:
            cells = [cell for cell in hidden if exercise_meta(cell)["number"] == mutant.number]
            judge_probes(mutant, report, cells, result.get("reference", {}))
    problems = [
        f"{solution.name}: the solution's own hidden check {cell_id} prints no probe, or a failure: {text[-300:]!r}"
        for cell_id, text in result.get("reference", {}).items()
        if not text.strip() or "✗" in text
    ]
    for number, checks in sorted(result["solution"].items()):
        passed, said = verdict(int(number), checks)
        if not passed:
            problems.append(f"{solution.name}: the solution's own check of exercise {number} does not pass: {said}")
    return problems


# ---------------------------------------------------------------- grading, by the real grader


def pack(mutants: list[Mutant], depends: dict[int, set[int]]) -> list[dict[int, Mutant]]:
    """Submissions: at most one mutant per exercise, and never a wrong mutant of an exercise another one uses."""
    queues: dict[int, list[Mutant]] = {}
    for mutant in sorted(mutants, key=lambda m: m.kind != "wrong"):
        queues.setdefault(mutant.number, []).append(mutant)

    def clash(number: int, mutant: Mutant, chosen: dict[int, Mutant]) -> bool:
        uses = any(other in depends.get(number, ()) and chosen[other].kind == "wrong" for other in chosen)
        used = any(number in depends.get(other, ()) for other in chosen)
        return uses or (used and mutant.kind == "wrong")

    submissions = []
    while any(queues.values()):
        chosen: dict[int, Mutant] = {}
        for number in sorted(queues, key=lambda n: (-len(queues[n]), n)):  # the longest queues first
            if queues[number] and not clash(number, queues[number][0], chosen):
                chosen[number] = queues[number].pop(0)
        submissions.append(chosen)
    return submissions


def run_graded(solution: Path, mutants: list[Mutant], jobs: int) -> list[str]:
    """Grade synthetic submissions carrying the mutants in one grader run; record each mutant's points."""
    from .grading import (
        Limits,
        Submission,
        grade_submissions,
        isolation_available,
        load_assignment,
    )
    from .grading.classroom import solution_answers, student_notebook, write_class
    from .grading.warm import default_kernels

    assignment = load_assignment(solution)
    depends = dependencies(assignment.solution)
    submissions = pack(mutants, depends)
    answers = solution_answers(assignment)
    grades = {}
    with tempfile.TemporaryDirectory(prefix="backprop-mutants-") as folder:
        notebooks = {}
        for index, chosen in enumerate(submissions):
            written = dict(answers)
            for mutant in chosen.values():
                written[mutant.answer_id] = apply_mutant(answers[mutant.answer_id], mutant.source, mutant.label)
            notebooks[f"mutants{index:02d}"] = student_notebook(assignment, written)
        paths = write_class(Path(folder) / "class", notebooks)
        isolate = isolation_available()
        grade_submissions(
            assignment,
            [Submission(p.stem, p) for p in paths],
            lambda grade: grades.__setitem__(grade.student, grade),
            Limits(),
            jobs,
            isolate,
            [solution.parent],
            Path(folder) / "grading.log",
            kernels=default_kernels(isolate)[0],
        )
    problems = []
    for index, chosen in enumerate(submissions):
        grade = grades[f"mutants{index:02d}"]
        for result in grade.exercises:
            mutant = chosen.get(result.number)
            full = result.points >= result.maximum
            if mutant is None:
                needed = depends.get(result.number, set()) & set(chosen)
                if not full and not any(chosen[d].kind == "wrong" for d in needed):
                    problems.append(
                        f"{solution.name}: submission {index} lost points on exercise {result.number}, "
                        f"answered with the solution ({result.points:g}/{result.maximum:g}; "
                        f"status {grade.status}): a mutant of another exercise interferes."
                    )
                continue
            status = "" if grade.status == "ok" else f" (status {grade.status})"
            mutant.graded = f"{result.points:g}/{result.maximum:g}{status}"
            mutant.graded_ok = mutant.graded_as_it_must(full, none=result.points == 0)
    return problems


# ---------------------------------------------------------------- the report


def score(mutants: list[Mutant]) -> list[int]:
    """Counts for the table: wrong mutants (blind ones apart) rejected visibly and losing points; right ones kept."""
    wrong = [m for m in mutants if m.kind == "wrong"]
    seen = [m for m in wrong if not m.blind]
    right = [m for m in mutants if m.kind == "right"]
    return [
        len(seen),
        sum(bool(m.visible_ok) for m in seen),
        len(wrong) - len(seen),
        len(wrong),
        sum(bool(m.graded_ok) for m in wrong),
        len(right),
        sum(bool(m.visible_ok) for m in right),
        sum(bool(m.graded_ok) for m in right),
    ]


def row(notebook: str, number: str, counts: list[int]) -> str:
    """One line of the table: killed/total for the wrong mutants, kept/total for the right ones."""
    seen, visible, blind, wrong, graded, right, kept_visible, kept_graded = counts
    return (
        f"{notebook:<20} {number:>3}  {f'{visible}/{seen}':>8} {blind or '':>5} {f'{graded}/{wrong}':>8}  "
        f"{f'{kept_visible}/{right}':>8} {f'{kept_graded}/{right}':>7}"
    )


def table(by_notebook: dict[str, list[Mutant]]) -> list[str]:
    """The mutation score per exercise and per lesson."""
    lines = [
        f"{'':<20} {'':>3}  {'wrong answers rejected':>23}  {'right kept':>16}",
        f"{'notebook':<20} {'ex':>3}  {'visible':>8} {'blind':>5} {'graded':>8}  {'visible':>8} {'graded':>7}",
    ]
    for notebook, mutants in by_notebook.items():
        for number in sorted({m.number for m in mutants}):
            lines.append(row(notebook, str(number), score([m for m in mutants if m.number == number])))
        lines.append(row(notebook, "all", score(mutants)))
    lines.append(row("every notebook", "all", score([m for ms in by_notebook.values() for m in ms])))
    return lines


def too_few(notebook, name: str, mutants: list[Mutant]) -> list[str]:
    """The exercises with fewer than MIN_WRONG wrong mutants."""
    problems = []
    for number in sorted(exercises(notebook)):
        count = sum(m.number == number and m.kind == "wrong" for m in mutants)
        if count < MIN_WRONG:
            problems.append(
                f"{name}: exercise {number} has {count} wrong mutants; list at least {MIN_WRONG} "
                f"slips students really make (docs/authoring.md)."
            )
    return problems


def timed(task, *args) -> tuple[float, list[str]]:
    """Run a task; its seconds and the problems it returned."""
    start = time.monotonic()
    problems = task(*args) or []
    return time.monotonic() - start, problems


def try_notebooks(
    tried: dict[Path, list[Mutant]], graded_by: str, jobs: int
) -> tuple[int, dict[tuple[str, str], float], list[str]]:
    """Try each notebook's mutants, visibly and graded; how many tasks ran at once, each one's seconds, problems."""
    # The real grader ends every process started while it ran (nothing a submission starts outlives it), so
    # with --graded-by grader one task runs at a time, its grading with --jobs kernels; probes run side by side.
    at_once = jobs if graded_by == "probes" else 1
    parts = (
        (("visible+probes", run_visible, (True,)),)
        if graded_by == "probes"
        else (("graded", run_graded, (jobs,)), ("visible", run_visible, (False,)))
    )
    seconds, problems = {}, []
    with ThreadPoolExecutor(max_workers=at_once) as pool:
        futures = {
            (path.stem, part): pool.submit(timed, task, path, mutants, *extra)
            for path, mutants in tried.items()
            for part, task, extra in parts
        }
        for key, future in futures.items():
            seconds[key], found = future.result()
            problems += found
    return at_once, seconds, problems


def mutant_problems(mutants: list[Mutant]) -> list[str]:
    """Every mutant treated against its kind: a wrong one that survived, a right one rejected, a blind one judged."""
    problems = []
    for mutant in mutants:
        if mutant.blind and not mutant.visible_ok:
            problems.append(
                f"JUDGED by the visible check, which should only record a multiple-choice answer: "
                f"{mutant.label}: {mutant.visible}"
            )
        elif mutant.kind == "wrong" and not mutant.visible_ok:
            problems.append(f"SURVIVED the visible check: {mutant.label}: {mutant.visible}")
        if mutant.kind == "wrong" and not mutant.graded_ok:
            must = "earned points, where it must earn none" if mutant.nothing else "survived"
            problems.append(f"SURVIVED grading ({must}): {mutant.label}: it scored {mutant.graded or 'nothing'}")
        if mutant.kind == "right" and not mutant.visible_ok:
            problems.append(f"REJECTED by the visible check: {mutant.label}: {mutant.visible}")
        if mutant.kind == "right" and not mutant.graded_ok:
            problems.append(f"REJECTED by grading: {mutant.label}: it scored {mutant.graded or 'nothing'}")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Command line: mutation-test the checks of the given solutions (default: every solution of the course)."""
    parser = argparse.ArgumentParser(
        prog="backprop-mutants", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_solution_arguments(parser)
    parser.add_argument(
        "--jobs", type=int, default=2, help="probes: notebooks tried at a time; grader: grading kernels (default 2)"
    )
    parser.add_argument(
        "--graded-by",
        choices=("grader", "probes"),
        default="grader",
        help="grader: synthetic submissions graded by the real grader (minutes); probes: each "
        "mutant's hidden checks run in its forked child, scored by the grader's probes (seconds)",
    )
    parser.add_argument("--visible-worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.visible_worker:
        request = json.loads(sys.stdin.read())
        print(json.dumps(visible_worker(Path(request["solution"]), request["mutants"], request.get("hidden_seed"))))
        return 0
    paths = [path.resolve() for path in solution_paths(parser, args.solutions, args.course)]
    start = time.monotonic()
    by_notebook: dict[str, list[Mutant]] = {}
    problems: list[str] = []
    try:
        for path in paths:
            notebook = read(path)
            by_notebook[path.stem] = mutants_of(notebook, path.name)
            problems += too_few(notebook, path.name, by_notebook[path.stem])
    except AuthoringError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    # The last lessons first: they take longest (06_digits, then the homework), so the others fill in beside them.
    tried = {path: by_notebook[path.stem] for path in reversed(paths) if by_notebook[path.stem]}
    try:
        at_once, seconds, found = try_notebooks(tried, args.graded_by, max(1, args.jobs))
    except (AuthoringError, CourseError) as error:  # e.g. the grader's: a solution never executed (make lessons)
        print(f"error: {error}", file=sys.stderr)
        return 2
    problems += found
    print("\n".join(table(by_notebook)))
    problems += [
        f'{path.name}: no mutants (raw cells with role "mutant") to try its checks with.'
        for path in paths
        if not by_notebook[path.stem]
    ]
    problems += mutant_problems([m for ms in by_notebook.values() for m in ms])
    count = sum(len(ms) for ms in by_notebook.values())
    print(
        f"{count} mutants in {len(paths)} notebooks tried in {time.monotonic() - start:.0f} s ({at_once} at a "
        f"time; " + ", ".join(f"{stem} {part} {time_:.0f} s" for (stem, part), time_ in sorted(seconds.items())) + ")."
    )
    for problem in problems:
        print(f"  ✗ {problem}")
    if not problems:
        print("  ✓ every wrong mutant is rejected by the visible check and loses points; every right one is kept.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
