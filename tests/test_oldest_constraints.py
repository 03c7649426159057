"""constraints/oldest.txt pins the lower end of every range pyproject.toml declares.

`make test-oldest` installs the course with it and runs the unit tests and nbval there, so the
README can say the lowest declared versions are tested. A bound raised in pyproject.toml without
the constraints file (or the other way round) would quietly test something else.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PROJECT_NAME = "backprop-course"


def declared_lower_bounds() -> dict[str, Version]:
    """{package: the version after `>=`} for the library's dependencies and every optional extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        lines.extend(extra)
    bounds = {}
    for line in lines:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        if name == PROJECT_NAME:  # an extra that includes another extra of the course itself
            continue
        lower = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        assert len(lower) == 1, f"pyproject.toml: {line!r} needs exactly one lower bound (>=) to be tested at"
        bounds[name] = Version(lower[0])
    return bounds


def pinned_oldest() -> dict[str, Version]:
    """{package: version} of constraints/oldest.txt (name==version lines; # starts a comment)."""
    pins = {}
    for number, line in enumerate((ROOT / "constraints" / "oldest.txt").read_text().splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==([0-9][0-9A-Za-z.]*)", line)
        assert match, f"constraints/oldest.txt line {number}: expected name==version, got {line!r}"
        pins[canonicalize_name(match[1])] = Version(match[2])
    return pins


def test_every_declared_package_is_pinned_at_its_lower_bound():
    pins = pinned_oldest()
    for name, lower in declared_lower_bounds().items():
        assert name in pins, f"{name} is declared in pyproject.toml but not pinned in constraints/oldest.txt"
        assert pins[name] == lower, (
            f"{name}: pyproject.toml's lower bound is {lower}, constraints/oldest.txt "
            f"pins {pins[name]}; make them the same version"
        )


def test_constraints_pin_nothing_pyproject_does_not_declare():
    extra = set(pinned_oldest()) - set(declared_lower_bounds())
    assert not extra, f"constraints/oldest.txt pins {sorted(extra)}, which pyproject.toml does not declare"
