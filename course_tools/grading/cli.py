"""Grade a folder of submitted notebooks, or validate an assignment before handing it out.

    backprop-grade SUBMISSIONS_DIR [--solution S.ipynb] [--output DIR] [--seed N] [--regrade [NAME ...]] ...
    backprop-grade --validate [--solution S.ipynb] [--course DIR]
    backprop-grade SUBMISSIONS_DIR --shard K/N --output DIR_K      # one slice of a large class
    backprop-grade --merge DIR_1 ... DIR_N --output DIR            # join the slices

Each ``NAME.ipynb`` in SUBMISSIONS_DIR is the submission of the student NAME. The grader writes
``gradebook.csv`` and ``feedback/NAME.md`` into the output folder (default SUBMISSIONS_DIR/graded),
a row as each submission finishes; run it again after an interruption and it grades only the rest.
The hidden checks' inputs come from a seed (``--seed``, else saved in OUTPUT/hidden-seed): the
solution is run once with it to make their expected outputs.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

from backprop_lib.formatting import display_width, pad

from ..lessons import add_course_option
from .assignment import InstructorError, load_assignment
from .feedback import write_feedback
from .gradebook import Gradebook, fingerprint, number
from .outcome import Grade
from .processes import usable_cores
from .reference import seeded_assignment
from .runner import Submission, grade_submissions
from .sandbox import Limits, isolation_available
from .seeds import SEED_FILE, hidden_seed_of, refuse_unusable_seed, seed_from_file, seed_words, warn_if_others_can_read
from .shards import in_shard, keep_shard, merge, parse_shard
from .validate import validate_assignment
from .warm import default_kernels, warm_kernels_possible, warm_kernels_unscoped

MIN_MEMORY_MB = 512
NOT_ISOLATED = (
    "WARNING: submissions are NOT isolated (this system has no Landlock): student code can read "
    "and change this user's files. Grade in a container or a user account that holds nothing else."
)


def list_submissions(folder: Path) -> list[Submission]:
    """Every NAME.ipynb directly in the folder, as the submission of student NAME."""
    if folder.is_file():
        raise InstructorError(
            f"{folder} is a file: give the folder of the submitted notebooks (one NAME.ipynb per student), "
            f"{folder.parent}, and --regrade {folder.stem} to grade only this one again."
        )
    if not folder.is_dir():
        raise InstructorError(
            f"No folder {folder}: put the submitted notebooks (one NAME.ipynb per student) "
            f"in a folder and pass its path."
        )
    files = sorted(path for path in folder.glob("*.ipynb") if not path.name.startswith("."))
    if not files:
        raise InstructorError(f"{folder} holds no .ipynb files: expected one NAME.ipynb per student.")
    return [Submission(path.stem, path) for path in files]


def clock(seconds: float) -> str:
    """Seconds as m:ss."""
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


class Progress:
    """One line per graded submission, with the count and the time left."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.start = total, 0, time.monotonic()

    def show(self, grade: Grade) -> None:
        """Print a submission's line as soon as it is graded."""
        self.done += 1
        elapsed = time.monotonic() - self.start
        left = elapsed / self.done * (self.total - self.done)
        score = f"{number(grade.total)}/{number(grade.maximum)}"
        print(
            f"[{self.done:>{len(str(self.total))}}/{self.total}] {column(grade.student, 24)} {score:>9} "
            f"{grade.seconds:5.1f} s  {clock(elapsed)} (about {clock(left)} left)  {grade.status}",
            flush=True,
        )


def submissions_counted(count: int) -> str:
    """ "1 submission", "23 submissions"."""
    return f"{count} submission{'' if count == 1 else 's'}"


def column(text: str, width: int) -> str:
    """``text`` cut and padded to ``width`` columns of the terminal (a Hangul name takes two per syllable)."""
    while display_width(text) > width:
        text = text[:-1]
    return pad(text, width)


def summary(grades: list[Grade], seconds: float, jobs: int) -> list[str]:
    """The end-of-run summary: statuses, points, per-exercise means."""
    if not grades:
        return ["Nothing new to grade."]
    codes = Counter(part.split("(")[0] for grade in grades for part in grade.status.split("; "))
    totals = [grade.total for grade in grades]
    maximum = grades[0].maximum
    per_exercise = [
        f"ex{e.number} {number(statistics.mean(g.exercises[i].points for g in grades))}/{number(e.maximum)}"
        for i, e in enumerate(grades[0].exercises)
    ]
    return [
        f"Graded {submissions_counted(len(grades))} in {clock(seconds)} "
        f"({len(grades) / max(seconds, 1e-9):.2f} per second, {min(jobs, len(grades))} at a time).",
        "  status: "
        + ", ".join(f"{count} {code}" for code, count in codes.most_common())
        + (" (a submission may have more than one)" if sum(codes.values()) > len(grades) else ""),
        f"  {points_line(totals, maximum)}",
        "  mean per exercise: " + ", ".join(per_exercise),
    ]


def points_line(totals: list[float], maximum: float) -> str:
    """``points: mean …, median …, lowest …, highest …`` of these totals."""
    return (
        f"points: mean {number(statistics.mean(totals))} of {number(maximum)}, median "
        f"{number(statistics.median(totals))}, lowest {number(min(totals))}, highest {number(max(totals))}"
    )


def class_line(path: Path) -> str:
    """The whole gradebook in one line (after a run that graded only some, or a merge): how many, their points."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if not rows:
        return "Class: nobody graded yet."
    return f"Class: {len(rows)} graded; {points_line([float(row['total']) for row in rows], float(rows[0]['maximum']))}"


def limits_from(args: argparse.Namespace) -> Limits:
    """The resource limits chosen on the command line."""
    return Limits(
        cell_timeout=args.cell_timeout,
        submission_timeout=args.submission_timeout,
        memory_mb=args.memory_mb,
        max_output_kb=args.max_output_kb,
        max_processes=args.max_processes,
    )


def kernel_mode(chosen: str | None, isolate: bool) -> str:
    """The kernels to grade in: as chosen, else warm where it can run safely, fresh (and why) elsewhere."""
    if chosen == "warm":
        why_not = warm_kernels_possible()
        if why_not:
            raise InstructorError(f"--kernels warm: {why_not}. Grade with --kernels fresh.")
        unscoped = warm_kernels_unscoped(isolate)
        if unscoped:
            print(f"  WARNING: --kernels warm: {unscoped}.", flush=True)
    if chosen is not None:
        return chosen
    kernels, why_fresh = default_kernels(isolate)
    if why_fresh:
        print(f"  warm kernels are not used here ({why_fresh}): grading with fresh kernels", flush=True)
    return kernels


def students_named(names: list[str], submissions: list[Submission]) -> set[str]:
    """The students these names mean, matched in one Unicode form (unknown names stay as given).

    Hangul typed in a terminal is composed (NFC), a name copied from macOS's Finder decomposed (NFD): both
    must find 지우.ipynb.
    """
    by_name = {unicodedata.normalize("NFC", s.student): s.student for s in submissions}
    return {by_name.get(unicodedata.normalize("NFC", name), name) for name in names}


def shard_of(
    args: argparse.Namespace, shard: tuple[int, int] | None, submissions: list[Submission], folder: Path
) -> tuple[list[Submission], Path]:
    """The submissions this run grades (``--shard K/N``: its slice of the class) and the folder their grades go to."""
    if shard is None:
        return submissions, args.output.resolve() if args.output else folder / "graded"
    index, count = shard
    if args.seed is None:
        raise InstructorError(
            f"--shard {args.shard}: every shard must use the same hidden inputs; pass the same "
            f"--seed N or --seed-file PATH (keep it private) to every shard."
        )
    mine = [s for s in submissions if in_shard(s.student, index, count)]
    return mine, args.output.resolve() if args.output else folder / f"graded-{index}-of-{count}"


def forget_stale_rows(
    gradebook: Gradebook,
    regrade: list[str] | None,
    submissions: list[Submission],
    folder: Path,
    where: str,
    in_a_shard: bool,
) -> dict[str, str]:
    """Drop the rows to grade again (--regrade NAME, a changed file), saying so; return each file's fingerprint.

    ``where``: the class folder, or the shard of it this run grades (``in_a_shard``).
    """
    if regrade:  # names: grade only these students again
        names = students_named(regrade, submissions)
        unknown = sorted(names - {s.student for s in submissions})
        if unknown:
            raise InstructorError(
                f"--regrade {' '.join(unknown)}: no such submission in {where} (a student's name is the file name "
                f"without .ipynb" + ("; a shard grades again only its own students)." if in_a_shard else ").")
            )
        gradebook.forget(names)
    gone = sorted(set(gradebook.rows) - {s.student for s in submissions})
    if gone:  # a file taken out of the folder: its row is kept as graded, and said
        print(f"Graded before, without a file in {folder} now (rows kept): {', '.join(gone)}.", flush=True)
    fingerprints = {s.student: fingerprint(s.path) for s in submissions}
    replaced = gradebook.changed(fingerprints)
    if replaced:  # a resubmission copied over the old file: its row graded a version that is gone
        print(
            f"{submissions_counted(len(replaced))} changed since graded "
            f"({', '.join(replaced)}): graded again, {'their' if len(replaced) > 1 else 'its'} row replaced.",
            flush=True,
        )
        gradebook.forget(set(replaced))
    return fingerprints


def print_settings(args: argparse.Namespace, isolate: bool, kernels: str, seed: str) -> None:
    """The header's lines under its first: the limits, the kernels, the hidden inputs (``seed``: their words)."""
    print(
        f"  limits: {args.cell_timeout:g} s per cell, {args.submission_timeout:g} s per submission, "
        f"{args.memory_mb} MB of memory, {args.max_processes} processes; files: "
        + ("isolated with Landlock" if isolate else "NOT isolated"),
        flush=True,
    )
    print(
        "  kernels: "
        + (
            "warm (each forked from a process that imported once; the log names any worker "
            "that fell back to fresh kernels)"
            if kernels == "warm"
            else "fresh (a new Python each)"
        ),
        flush=True,
    )
    print(f"  hidden inputs: {seed}", flush=True)


def print_ending(grades: list[Grade], seconds: float, jobs: int, gradebook: Gradebook) -> int:
    """The run's summary and where its files are; exit code 1 when a submission could not be graded."""
    output = gradebook.path.parent
    print("\n".join(summary(grades, seconds, jobs)))
    if len(gradebook.rows) > len(grades):  # earlier runs graded others: the class as a whole too
        print(class_line(gradebook.path))
    print(f"Gradebook: {gradebook.path}\nFeedback:  {output / 'feedback'}/ (one NAME.md per student)")
    failed = [grade.student for grade in grades if "grader-error" in grade.status]
    if failed:
        print(
            f"{submissions_counted(len(failed))} could not be graded ({', '.join(failed)}): see "
            f"{output / 'grading.log'}, then run the same command again to grade them.",
            file=sys.stderr,
        )
    return 1 if failed else 0


def all_graded(count: int) -> str:
    """How a run with nothing left to grade starts its one line."""
    if count == 0:
        return "No submission to grade"
    return "The one submission is graded" if count == 1 else f"All {count} submissions are graded"


def grade_folder(args: argparse.Namespace) -> int:
    """Grade every submission of a folder not graded yet; print progress and a summary."""
    assignment = load_assignment(args.solution, args.lesson, args.course)
    folder = Path(args.submissions).resolve()
    submissions = list_submissions(folder)
    seed_file = Path(args.seed_file) if args.seed_file else None
    if seed_file:
        args.seed = seed_from_file(seed_file)
    refuse_unusable_seed(args.seed, seed_file)  # before anything is written
    shard = parse_shard(args.shard) if args.shard else None
    where = f"shard {args.shard} of {folder}" if shard else str(folder)
    submissions, output = shard_of(args, shard, submissions, folder)
    output.mkdir(parents=True, exist_ok=True)
    gradebook = Gradebook(output / "gradebook.csv", assignment, regrade=args.regrade == [])
    fingerprints = forget_stale_rows(gradebook, args.regrade, submissions, folder, where, shard is not None)
    todo = [s for s in submissions if s.student not in gradebook.graded()]
    seed, seed_file = hidden_seed_of(args.seed, output, seed_file, keeps_rows=bool(gradebook.rows))
    warn_if_others_can_read(seed_file)
    if shard:
        keep_shard(output, *shard)
    about = f"{assignment.name} ({len(assignment.exercises)} exercises, {number(assignment.maximum)} points)"
    if not todo:  # the limits and kernels of a run that starts none would only be noise
        print(f"{all_graded(len(submissions))} in {where} against {about}.", flush=True)
        gradebook.rewrite()  # as a run that graded: the file as this grader writes it
        return print_ending([], 0.0, args.jobs, gradebook)
    isolate = isolation_available()
    if not isolate:
        print(NOT_ISOLATED, flush=True)
    kernels = kernel_mode(args.kernels, isolate)
    print(
        f"Grading {len(todo)} of {submissions_counted(len(submissions))} in {where} against {about}, "
        f"{args.jobs} at a time."
    )
    print_settings(args, isolate, kernels, seed_words(seed, output, seed_file) + "; running the solution with it …")
    progress, grades, start = Progress(len(todo)), [], time.monotonic()

    def record(grade: Grade) -> None:
        gradebook.add(grade, fingerprints[grade.student])
        write_feedback(output / "feedback", grade, assignment, isolate, fingerprints[grade.student])
        grades.append(grade)
        progress.show(grade)

    try:
        assignment = seeded_assignment(assignment, seed)
        grade_submissions(
            assignment,
            todo,
            record,
            limits_from(args),
            args.jobs,
            isolate,
            [assignment.solution_path.parent, assignment.lesson_path, folder, output],
            output / "grading.log",
            keep_work=args.keep_work,
            seed=seed,
            kernels=kernels,
        )
    except KeyboardInterrupt:
        print(
            f"\nInterrupted: {len(grades)} of {len(todo)} graded and saved; run the same command again "
            f"to grade the rest.",
            file=sys.stderr,
        )
        return 130
    finally:
        gradebook.rewrite()
    return print_ending(grades, time.monotonic() - start, args.jobs, gradebook)


def parser() -> argparse.ArgumentParser:
    """The command line."""
    cores = usable_cores()
    p = argparse.ArgumentParser(
        prog="backprop-grade", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("submissions", nargs="?", help="folder with one NAME.ipynb per student")
    p.add_argument(
        "--validate",
        action="store_true",
        help="check the assignment instead: the solution scores full marks, the unanswered lesson fails every check",
    )
    p.add_argument(
        "--solution",
        type=Path,
        help="the assignment's solution notebook (default: solutions/05_homework.ipynb of the course)",
    )
    add_course_option(p)
    p.add_argument(
        "--lesson",
        type=Path,
        help="the English lesson the students received (default: lessons/en/ next to solutions/; "
        "Korean submissions use lessons/ko/)",
    )
    p.add_argument("--output", type=Path, help="where gradebook.csv and feedback/ go (default SUBMISSIONS/graded)")
    p.add_argument(
        "--regrade",
        nargs="*",
        metavar="NAME",
        help="grade these students again (e.g. a resubmission), or, without names, every submission",
    )
    p.add_argument("--jobs", type=int, default=cores, help=f"submissions run at a time (default: the {cores} cores)")
    p.add_argument(
        "--cell-timeout", type=float, default=Limits.cell_timeout, help="seconds per cell (default %(default)s)"
    )
    p.add_argument(
        "--submission-timeout",
        type=float,
        default=Limits.submission_timeout,
        help="seconds per submission in all (default %(default)s)",
    )
    p.add_argument("--memory-mb", type=int, default=Limits.memory_mb, help="memory per kernel (default %(default)s)")
    p.add_argument(
        "--max-output-kb",
        type=int,
        default=Limits.max_output_kb,
        help="output kept per cell, in kB of UTF-8: a Hangul syllable is 3 bytes (default %(default)s)",
    )
    p.add_argument(
        "--shard",
        metavar="K/N",
        help="grade only shard K of N (a deterministic slice of the class, "
        "for a Slurm job array or a Kubernetes Indexed Job); join the shards with --merge",
    )
    p.add_argument(
        "--merge",
        nargs="+",
        type=Path,
        metavar="SHARD_OUTPUT",
        help="join the --output folders of graded shards into --output (gradebook and feedback)",
    )
    p.add_argument(
        "--max-processes",
        type=int,
        default=Limits.max_processes,
        help="processes a submission may have running besides its kernel (default %(default)s); "
        "more, and it is stopped with the status too-many-processes",
    )
    seeds = p.add_mutually_exclusive_group()
    seeds.add_argument(
        "--seed",
        type=int,
        help="the seed of the hidden checks' inputs; keep it private (default: the "
        f"one saved in OUTPUT/{SEED_FILE} by an earlier run, else a new random one)",
    )
    seeds.add_argument(
        "--seed-file",
        metavar="PATH",
        help="read the seed from this file (one whole number): for job arrays, where every shard needs it",
    )
    p.add_argument(
        "--kernels",
        choices=("warm", "fresh"),
        help="warm: fork each submission's kernel from a "
        "process that imported ipykernel, numpy, matplotlib and the library once (faster); fresh: start "
        "a new Python for each (default: warm where fork and Unix sockets allow it and, with Landlock, its ABI 6 "
        "keeps submissions away from the forking process)",
    )
    p.add_argument("--keep-work", action="store_true", help="keep the temporary work folder (to debug the grader)")
    return p


def refuse_unusable_options(p: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """End with a usage error when a number or folder given could not serve: what it must be and what was given."""
    if args.jobs < 1:
        p.error(f"--jobs must be 1 or more, not {args.jobs}: how many submissions are graded at a time")
    if args.memory_mb < MIN_MEMORY_MB:
        p.error(
            f"--memory-mb must be at least {MIN_MEMORY_MB}, not {args.memory_mb}: a kernel that imports numpy and "
            f"matplotlib needs about 400 MB of address space"
        )
    for option, seconds in (("--cell-timeout", args.cell_timeout), ("--submission-timeout", args.submission_timeout)):
        if not seconds > 0:  # not `seconds <= 0`: nan too
            p.error(f"{option} must be more than 0 seconds, not {seconds:g}: every cell would run out of time")
    if args.max_output_kb < 1:
        p.error(f"--max-output-kb must be 1 or more, not {args.max_output_kb}: no check would see any output")
    if args.max_processes < 0:
        p.error(f"--max-processes must be 0 or more (0: none besides the kernel), not {args.max_processes}")
    if args.output and args.output.exists() and not args.output.is_dir():
        p.error(f"--output {args.output} is a file: give a folder (it is made if it does not exist)")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; instructor mistakes end with a clear message and exit code 2."""
    p = parser()
    args = p.parse_args(argv)
    refuse_unusable_options(p, args)
    try:
        if args.merge:
            if not args.output:
                p.error("say where the joined gradebook goes: --merge SHARD... --output DIR")
            count = merge(args.merge, args.output.resolve())
            print(f"Joined all {len(args.merge)} shards: {count} students in {args.output / 'gradebook.csv'}")
            print(class_line(args.output.resolve() / "gradebook.csv"))
            return 0
        if args.validate:
            assignment = load_assignment(args.solution, args.lesson, args.course)
            kernels = kernel_mode(args.kernels, isolation_available()) if args.kernels else None
            problems = validate_assignment(assignment, limits_from(args), args.jobs, kernels)
            return 1 if problems else 0
        if not args.submissions:
            p.error("say where the submissions are: backprop-grade SUBMISSIONS_DIR")
        return grade_folder(args)
    except InstructorError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
