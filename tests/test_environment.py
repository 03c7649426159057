"""pyproject.toml (pip) and environment.yml (conda, Binder) must describe the same student environment."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def pip_requirements() -> dict[str, str]:
    """{package: version range} of the student environment: the library and its `lab` extra."""
    project = pyproject()["project"]
    lines = project["dependencies"] + project["optional-dependencies"]["lab"]
    return dict(re.fullmatch(r"([A-Za-z0-9_.-]+)(.*)", line).groups() for line in lines)


def conda_requirements() -> tuple[dict[str, str], list[str]]:
    """{package: version range} of environment.yml's conda list, and its pip list."""
    conda, pip, in_pip = {}, [], False
    text = (ROOT / "environment.yml").read_text()
    for line in text.split("\ndependencies:\n", 1)[1].splitlines():
        if re.match(r"^\s+- pip:\s*$", line):
            in_pip = True
        elif in_pip and re.match(r"^\s{4,}- ", line):
            pip.append(line.split("- ", 1)[1].strip())
        elif re.match(r"^\s{2}- ", line):
            in_pip = False
            name, spec = re.fullmatch(r"([A-Za-z0-9_.-]+)(.*)", line.split("- ", 1)[1].strip()).groups()
            conda[name] = spec
    return conda, pip


def pip_listed(pip: list[str]) -> dict[str, str]:
    """{package: version range} of environment.yml's pip list (packages conda-forge does not have)."""
    return dict(
        re.fullmatch(r"([A-Za-z0-9_.-]+)([^#]*?)\s*(?:#.*)?", line).groups() for line in pip if not line.startswith("-")
    )


def test_every_pip_dependency_is_in_environment_yml_with_the_same_range():
    conda, pip = conda_requirements()
    listed = {**pip_listed(pip), **conda}
    for name, spec in pip_requirements().items():
        assert name in listed, f"{name} is in pyproject.toml but not in environment.yml"
        assert listed[name] == spec, f"{name}: pyproject.toml says {spec!r}, environment.yml {listed[name]!r}"


def test_packages_only_on_pypi_are_in_environment_yml_pip_list_and_nowhere_else():
    conda, pip = conda_requirements()
    assert not set(pip_listed(pip)) & set(conda), "a package is both in the conda and the pip list"
    assert set(pip_listed(pip)) <= set(pip_requirements()), "environment.yml's pip list has what pyproject.toml lacks"


def test_environment_yml_has_nothing_pyproject_lacks():
    conda, _ = conda_requirements()
    extra = set(conda) - set(pip_requirements()) - {"python", "pip"}
    assert not extra, f"environment.yml lists {sorted(extra)}, which pyproject.toml does not"


def test_python_pin_satisfies_requires_python_and_library_is_installed_for_binder():
    conda, pip = conda_requirements()
    pinned = tuple(int(part) for part in conda["python"].lstrip("=").split("."))
    minimum = tuple(int(part) for part in pyproject()["project"]["requires-python"].lstrip(">=").split("."))
    assert pinned >= minimum
    assert "-e ." in pip, "Binder imports backprop_lib only if environment.yml installs it through pip: -e ."


def test_student_environment_has_no_test_grading_or_browser_tooling():
    student = set(pip_requirements())
    tooling = {"pytest", "pytest-xdist", "nbval", "playwright", "ruff", "nbclient"}
    assert not student & tooling, f"the student environment installs {sorted(student & tooling)}"


def test_every_version_range_is_declared_once_across_extras():
    """A package named in two extras has the same range in both (one truth per package)."""
    ranges: dict[str, str] = {}
    project = pyproject()["project"]
    groups = [project["dependencies"], *project["optional-dependencies"].values()]
    for line in (line for group in groups for line in group if not line.startswith("backprop-course")):
        name, spec = re.fullmatch(r"([A-Za-z0-9_.-]+)(.*)", line).groups()
        assert ranges.setdefault(name, spec) == spec, f"{name}: {ranges[name]!r} and {spec!r}"
