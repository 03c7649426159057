"""Score a hidden check outside the kernel: probe by probe, from the values the student's code printed.

A hidden check prints probes, each ``label = value`` (a value may run over several lines, as numpy
arrays do; a continuation line starts with a space). The grader, never the kernel, decides:

- a plain hidden check: each probe of the reference output is matched with the student's probe of
  the same label (the first, second … of that label, in order; anything else printed is ignored)
  and passes when the text around the numbers is the same and every number is within
  ``RELATIVE × |expected| + ABSOLUTE`` — float32 carries about 7 significant digits, so a right
  answer computed in float32 passes; a wrong formula is off by far more;
- a judged hidden check (metadata ``"judge": {"name": …, "probes": [...]}``): the named judge in
  ``JUDGES`` reads what the kernel printed and decides each probe with data only the grader holds.

A verdict printed by the kernel ("passed", "yes") is no probe: nothing here looks for one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from ..cells import exercise_meta

RELATIVE, ABSOLUTE = 1e-5, 1e-6
NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


def split_probes(text: str) -> list[tuple[str, str]]:
    """(label, whole text) of each probe: a line starting without a space, plus its continuation lines."""
    probes: list[list[str]] = []
    for line in text.splitlines():
        if probes and line[:1] in (" ", "") and not line.startswith("✗"):
            probes[-1].append(line)
        else:
            probes.append([line])
    return [(lines[0].split(" = ", 1)[0], "\n".join(lines)) for lines in probes]


def same_values(expected: str, actual: str) -> bool:
    """The same text around the numbers (spaces aside) and every number close enough."""

    def skeleton(text: str) -> str:
        return re.sub(r"\s+", "", NUMBER.sub("#", text))

    if skeleton(expected) != skeleton(actual):
        return False
    wanted = np.array([float(n) for n in NUMBER.findall(expected)])
    got = np.array([float(n) for n in NUMBER.findall(actual)])
    return bool(np.all(np.abs(got - wanted) <= RELATIVE * np.abs(wanted) + ABSOLUTE))


def compare_probes(expected: str, actual: str) -> list[bool]:
    """One verdict per probe of the reference output, matched with the student's probes by label and order."""
    printed: dict[str, list[str]] = {}
    for label, text in split_probes(actual):
        printed.setdefault(label, []).append(text)
    seen: dict[str, int] = {}
    verdicts = []
    for label, text in split_probes(expected):
        index = seen[label] = seen.get(label, -1) + 1
        candidates = printed.get(label, [])
        verdicts.append(index < len(candidates) and same_values(text, candidates[index]))
    return verdicts


def probe_values(text: str, label: str) -> list[str]:
    """The value texts of every probe with this label, in order."""
    return [whole.split(" = ", 1)[1] for found, whole in split_probes(text) if found == label and " = " in whole]


def held_out_loss(printed: str, probes: list[int], seed: int) -> list[bool]:
    """Judge: per probe, the problem's loss on held-out data (targets drawn here) is below its target.

    The kernel prints, per probe and in order: ``problem = NAME``, ``hidden layers = N`` and
    ``held-out outputs = [...]`` (flattened) — what the student's network computed on the held-out inputs of
    ``hidden_seed(probe)``. The targets of those inputs never enter the kernel's output.
    """
    from backprop_lib.exercises import hidden_seed
    from backprop_lib.homework import PROBLEMS, make_problem

    names, layers, outputs = (
        probe_values(printed, label) for label in ("problem", "hidden layers", "held-out outputs")
    )
    verdicts = []
    for index, probe in enumerate(probes):
        if index >= min(len(names), len(layers), len(outputs)) or names[index] not in PROBLEMS:
            verdicts.append(False)
            continue
        chosen = PROBLEMS[names[index]]
        _, targets = make_problem(chosen.name, 500, hidden_seed(probe, seed))
        values = np.array([float(n) for n in NUMBER.findall(outputs[index])])
        # a count int() reads: not '²' (a digit to str.isdigit), not 5000 digits (over int's limit of 4300)
        depth = layers[index].strip()
        if values.size != 500 * chosen.output_width or not re.fullmatch(r"[0-9]{1,6}", depth):
            verdicts.append(False)
            continue
        loss = float(chosen.make_loss().forward(values.reshape(500, chosen.output_width), targets))
        verdicts.append(int(depth) >= 2 and bool(np.isfinite(loss)) and loss < chosen.target)
    return verdicts


CLASSES_HEADER = "predicted classes of the held-out digits:"


def held_out_accuracy(printed: str, probes: list[int], seed: int) -> list[bool]:
    """Judge: per probe, the share of held-out digits classified right (labels known here only) is at least ``probe`` %.

    The kernel prints ``predicted classes of the held-out digits:`` and then one digit per held-out image,
    in the order of ``held_out_inputs`` (lesson 6: ``format_classes``, 60 a line). A missing header, a
    character other than a digit, or another number of digits than held-out images fails every probe.
    With probes ``[90, 95]`` that is half the points from 90 %, all from 95 %.
    """
    from backprop_lib.digits import held_out_labels, load_digits_split

    labels = held_out_labels(load_digits_split(seed=0))
    lines = printed.splitlines()
    if CLASSES_HEADER not in lines:
        return [False] * len(probes)
    body = lines[lines.index(CLASSES_HEADER) + 1 :]
    digits = "".join(line.strip() for line in body[: -(-len(labels) // 60)])
    if len(digits) != len(labels) or not digits.isdecimal():  # isdigit: '²' too, which int() refuses
        return [False] * len(probes)
    correct = int(np.sum(np.array([int(digit) for digit in digits]) == labels))
    return [100 * correct >= probe * len(labels) for probe in probes]


JUDGES: dict[str, Callable[[str, list[int], int], list[bool]]] = {
    "held-out-loss": held_out_loss,
    "held-out-accuracy": held_out_accuracy,
}


def stream_text(outputs: list[dict]) -> str:
    """Everything a cell printed to stdout, whole."""
    return "".join(
        output.get("text", "")
        for output in outputs
        if output.get("output_type") == "stream" and output.get("name") == "stdout"
    )


def probe_count(cell: dict) -> int:
    """How many probes a hidden-check cell of the solution has (each earns an equal share of its exercise)."""
    judge = (exercise_meta(cell) or {}).get("judge")
    return len(judge["probes"]) if judge else len(split_probes(stream_text(cell.get("outputs", []))))


def score_hidden(meta: dict, expected: str, actual: str, seed: int) -> list[bool]:
    """The verdict of each probe of a hidden check (``meta`` is the cell's exercise metadata).

    ``meta["gates"]`` names probes (by label) that show what the exercise asks for, e.g. the bug a
    find-the-bug exercise must fix: unless every gate passes, no probe counts (the class as given
    would pass the probes its bug does not touch).
    """
    judge = meta.get("judge")
    if judge:
        return JUDGES[judge["name"]](actual, list(judge["probes"]), seed)
    verdicts = compare_probes(expected, actual)
    labels = [label for label, _ in split_probes(expected)]
    gates = set(meta.get("gates", []))
    if not all(passed for label, passed in zip(labels, verdicts) if label in gates):
        return [False] * len(verdicts)
    return verdicts
