"""Read a submission's junit XML (written by pytest, labelled by the grading plugin) and score it.

Scoring rule: an exercise with hidden checks earns its points from them alone,
``points × hidden probes passed / hidden probes`` (a probe is one value a hidden check prints, or
one verdict of its judge: see probes.py); its visible checks are feedback, because a student can
see their expected text and print it. An exercise without hidden checks earns
``points × visible checks passed / visible checks``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from backprop_lib.messages import LANGUAGES, message, template

from ..dependencies import dependencies
from .assignment import Assignment
from .outcome import CellResult, ExerciseResult, Grade, Problem, detail_pattern
from .splice import Spliced

MAX_LINES, MAX_CHARS = 12, 1200
MIN_CUT = 300  # characters: a shorter tail is kept
NOT_PASSED = ("failure", "error", "skipped")


# A multiple-choice check prints "name: LETTERS (recorded; graded when you hand in)": the letters the hidden
# check grades. In a feedback file's expected output they are hidden, in every language.
RECORDED = [template("choice.recorded", language).split("{letters}")[1] for language in LANGUAGES]


def recorded_choice(line: str) -> tuple[str, str] | None:
    """``(name, suffix)`` when a line records a multiple-choice answer ("relu_bug: A (recorded; …)"), else None."""
    name, colon, rest = line.partition(": ")
    suffix = next((suffix for suffix in RECORDED if colon and suffix.strip() in rest), None)
    return (name, suffix) if suffix else None


def without_choices(text: str) -> str:
    """The solution's output with the letters of every recorded multiple-choice answer replaced by '…'."""
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        found = recorded_choice(line)
        if found:
            lines[index] = f"{found[0]}: …{found[1]}{line[len(line.rstrip()) :]}"
    return "".join(lines)


def recorded_choices(text: str) -> list[str]:
    """The multiple-choice answers a check printed as recorded, e.g. ``relu_bug: A``, in order."""
    found = [(line, recorded_choice(line)) for line in text.splitlines()]
    return [line[: line.index(choice[1].strip())].strip() for line, choice in found if choice]


def shorten(text: str) -> str:
    """At most a dozen lines and about a thousand characters, saying how much was left out (never a mere few lines)."""
    text = text.rstrip()
    kept = "\n".join(text.splitlines()[:MAX_LINES])[:MAX_CHARS]
    if len(text) - len(kept) < MIN_CUT:  # cutting a line or two saves nothing and hides the end
        return text
    return f"{kept}\n{message('feedback.more', 'en', count=len(text) - len(kept))}"


MORE = re.compile(detail_pattern("feedback.more").pattern + "$")  # shorten's last line, as it writes it


def in_language(text: str, language: str) -> str:
    """A shortened output with its "… (N more characters)" line in the feedback's language."""
    return MORE.sub(lambda found: message("feedback.more", language, **found.groupdict()), text)


def output_text(outputs: list[dict]) -> str:
    """What a cell printed (streams, plain-text results, error names), shortened, for feedback."""
    parts = []
    for output in outputs:
        kind = output.get("output_type")
        if kind == "stream":
            parts.append(output.get("text", ""))
        elif kind == "error":
            parts.append(f"{output.get('ename', '')}: {output.get('evalue', '')}\n")
        elif "data" in output:
            parts.append(output["data"].get("text/plain", "") + "\n")
    return shorten("".join(parts))


def parse_problem(cell_id: str, text: str) -> Problem:
    """A problem from its report property ``code: detail``."""
    code, _, detail = text.partition(": ")
    return Problem(code, cell_id if code != "grader-error" else "", detail)


def read_junit(path: Path) -> list[CellResult]:
    """Every cell of one submission's junit XML: pass or fail, and what the plugin recorded."""
    results = []
    for case in ElementTree.parse(path).iter("testcase"):
        properties: dict[str, list[str]] = {}
        for prop in case.iter("property"):
            properties.setdefault(prop.get("name", ""), []).append(prop.get("value", ""))
        cell_id = properties.get("cell_id", [""])[0]
        number = properties.get("exercise", [""])[0]
        results.append(
            CellResult(
                cell_id=cell_id,
                exercise=int(number) if number.isdigit() else None,
                role=properties.get("role", [""])[0],
                passed=not any(case.find(tag) is not None for tag in NOT_PASSED),
                problems=[parse_problem(cell_id, text) for text in properties.get("problem", [])],
                expected=properties.get("expected", [""])[0],
                actual=properties.get("actual", [""])[0],
                seconds=float(case.get("time", 0) or 0),
                probes_passed=int(properties.get("probes", ["0"])[0]),
            )
        )
    return results


def probe_tally(hidden: list[CellResult], probes: dict[str, int]) -> tuple[int, int]:
    """(probes passed, probes) of these hidden checks; ``probes``: each check's count, by cell id."""
    total = sum(probes[check.cell_id] for check in hidden)
    passed = sum(min(check.probes_passed, probes[check.cell_id]) for check in hidden)
    return passed, total


def exercise_points(
    points: float, visible: list[CellResult], hidden: list[CellResult], probes: dict[str, int]
) -> float:
    """The scoring rule: hidden probes decide when there are any, else the visible checks."""
    if hidden:
        passed, total = probe_tally(hidden, probes)
        return round(points * passed / total, 2) if total else 0.0
    if not visible:
        return 0.0
    return round(points * sum(check.passed for check in visible) / len(visible), 2)


def score(assignment: Assignment, spliced: Spliced, cells: list[CellResult]) -> Grade:
    """A submission's grade from its cells' results (none when it could not run) and what splicing found.

    Its feedback is written in the submission's language.
    """
    student, problems, language = spliced.student, spliced.problems, spliced.language
    by_id = {cell.cell_id: cell for cell in cells}
    probes = assignment.probes

    def result(cell_id: str, number: int, role: str) -> CellResult:
        return by_id.get(cell_id) or CellResult(cell_id, number, role, passed=False)

    exercises = []
    for number, exercise in sorted(assignment.exercises.items()):
        visible = [result(cell_id, number, "check") for cell_id in exercise.check_ids]
        hidden = [result(cell_id, number, "hidden-check") for cell_id in exercise.hidden_ids]
        points = exercise_points(exercise.points, visible, hidden, probes)
        exercises.append(ExerciseResult(number, points, exercise.points, visible, hidden))
    found = list(problems) + [problem for cell in cells for problem in cell.problems]
    if cells:  # it ran: say where an exercise lost points while calling another that lost points too
        found += cascades(assignment, exercises, spliced.unanswered, language)
    unique = list(dict.fromkeys(found))
    seconds = round(sum(cell.seconds for cell in cells), 2)
    return Grade(student, exercises, unique, seconds, language, spliced.unanswered)


def cascades(
    assignment: Assignment, exercises: list[ExerciseResult], unanswered: frozenset[int], language: str
) -> list[Problem]:
    """A ``calls-unfinished`` problem for each answered exercise short of full points that calls one short too.

    Its detail names those exercises in the submission's language: the sentence says the answer itself may be right.
    """
    short = {exercise.number for exercise in exercises if exercise.points < exercise.maximum}
    answered = {exercise.number for exercise in exercises} - unanswered
    return [
        Problem(
            "calls-unfinished",
            assignment.exercises[number].answer_ids[0],
            exercises_named(sorted(uses & short), language),
        )
        for number, uses in sorted(dependencies(assignment.solution).items())
        if number in short & answered and uses & short
    ]


def exercises_named(numbers: list[int], language: str) -> str:
    """ "exercise 2", "exercises 1 and 2" (연습 2, 연습 1, 2)."""
    if len(numbers) == 1:
        return message("feedback.exercise_one", language, number=numbers[0])
    return message("feedback.exercises", language, numbers=", ".join(map(str, numbers[:-1])), last=numbers[-1])
