"""The course installs as a normal wheel (no ``-e``) and its grader works from there, outside the repository."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from course_tools.grading import load_assignment
from course_tools.grading.classroom import solution_answers, student_notebook, write_class

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "grading_fixtures"


def run(*command: str, cwd: Path) -> str:
    """Run a command; on failure show what it printed."""
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_wheel_installed_grader_grades_a_class(tmp_path):
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        "-w",
        str(tmp_path / "dist"),
        str(ROOT),
        cwd=tmp_path,
    )
    wheel = next((tmp_path / "dist").glob("backprop_course-*.whl"))
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", str(venv), cwd=tmp_path)
    python = venv / "bin" / "python"
    run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        str(python),
        "install",
        "--quiet",
        "--no-deps",
        str(wheel),
        cwd=tmp_path,
    )
    # The dependencies come from this environment (no download); the course itself only from the wheel.
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = Path(run(str(python), "-c", purelib, cwd=tmp_path).strip())
    (site / "course-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    where = run(
        str(python),
        "-c",
        "import backprop_lib, course_tools; print(backprop_lib.__file__); print(course_tools.__file__)",
        cwd=tmp_path,
    ).split()
    assert all(Path(path).is_relative_to(venv) for path in where), where

    course = tmp_path / "course"
    shutil.copytree(FIXTURES, course)
    solution = next((course / "solutions").glob("*.ipynb"))
    assignment = load_assignment(solution)
    submissions = tmp_path / "class"
    write_class(
        submissions,
        {"right": student_notebook(assignment, solution_answers(assignment)), "blank": student_notebook(assignment)},
    )
    run(
        str(venv / "bin" / "backprop-grade"),
        str(submissions),
        "--solution",
        str(solution),
        "--jobs",
        "2",
        "--cell-timeout",
        "10",
        cwd=tmp_path,
    )
    with (submissions / "graded" / "gradebook.csv").open(newline="", encoding="utf-8") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    assert rows["right"]["total"] == rows["right"]["maximum"] and rows["right"]["status"] == "ok"
    assert float(rows["blank"]["total"]) == 0
