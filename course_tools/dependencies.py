"""Which exercises use which: an exercise whose cells call names another exercise's answer defines.

The mutant suite never puts a wrong answer under an exercise that another one in the same submission uses;
the grader's feedback tells a student when an exercise lost points where it uses one that lost points too.
"""

from __future__ import annotations

import ast

from .cells import exercise_meta
from .lessons import names_assigned


def names_defined(source: str) -> set[str]:
    """The names a cell defines at its top level (functions, classes, assigned names)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        else:
            names.update(names_assigned(node) or ())
    return names


def names_used(source: str) -> set[str]:
    """Every name a cell reads."""
    try:
        return {n.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Name)}
    except SyntaxError:
        return set()


def dependencies(notebook) -> dict[int, set[int]]:
    """For each exercise, the other exercises whose answers its cells use (directly or through others)."""
    defined: dict[int, set[str]] = {}
    used: dict[int, set[str]] = {}
    for cell in notebook.cells:
        meta = exercise_meta(cell) or {}
        if cell.cell_type != "code" or "number" not in meta:
            continue
        if meta.get("role") == "answer":
            defined.setdefault(meta["number"], set()).update(names_defined(cell.source))
        used.setdefault(meta["number"], set()).update(names_used(cell.source))
    uses = {
        number: {other for other, names in defined.items() if other != number and names & used.get(number, set())}
        for number in used
    }
    changed = True
    while changed:  # add what the used exercises use, until nothing is added
        changed = False
        for number, others in uses.items():
            more = set().union(*(uses.get(other, set()) for other in others)) - others - {number}
            if more:
                others |= more
                changed = True
    return uses
