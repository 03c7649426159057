"""Grading past one machine: ``--shard K/N`` grades a deterministic slice of a class, ``--merge`` joins the slices.

A scheduler hands each task its index (Slurm's ``$SLURM_ARRAY_TASK_ID``, a Kubernetes Indexed Job's
``$JOB_COMPLETION_INDEX``); the grader only has to know which students are its own. A student's shard
is decided by a hash of the name, so it does not move when other students are added or removed.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

from .assignment import InstructorError
from .gradebook import write_gradebook
from .seeds import same_seed


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/3"`` -> (2, 3); a clear error for anything else."""
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        raise InstructorError(f"--shard expects K/N with whole numbers, like 2/3; got {text!r}.") from None
    if count < 1 or not 1 <= index <= count:
        raise InstructorError(f"--shard {text}: K must be between 1 and N (N at least 1), e.g. 1/{max(count, 1)}.")
    return index, count


def in_shard(student: str, index: int, count: int) -> bool:
    """Whether a student belongs to shard ``index`` of ``count`` (numbered from 1)."""
    digest = hashlib.sha256(student.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count == index - 1


def merge(shard_folders: list[Path], output: Path) -> int:
    """Join the shards' gradebooks and feedback into ``output``; return the number of students."""
    if output.resolve() in {folder.resolve() for folder in shard_folders}:
        raise InstructorError(
            f"--output {output} is one of the shards: the joined gradebook would replace that shard's. "
            f"Join them into a folder of their own."
        )
    same_seed(shard_folders)
    header, rows = None, {}
    for folder in shard_folders:
        book = folder / "gradebook.csv"
        if not book.is_file():
            raise InstructorError(f"{folder} holds no gradebook.csv: pass the --output folders of the shards.")
        with book.open(newline="", encoding="utf-8") as handle:
            lines = list(csv.reader(handle))
        if not lines:
            raise InstructorError(f"{book} is empty, without even its header: delete it and grade that shard again.")
        if header is not None and lines[0] != header:
            raise InstructorError(
                f"{book} has other columns than the first shard's: were they graded against the same assignment?"
            )
        header = lines[0]
        for row in lines[1:]:
            if row[0] in rows and rows[row[0]] != row:
                raise InstructorError(f"student {row[0]} was graded in two shards with different results.")
            rows[row[0]] = row
        for feedback in sorted((folder / "feedback").glob("*.md")):
            (output / "feedback").mkdir(parents=True, exist_ok=True)
            shutil.copyfile(feedback, output / "feedback" / feedback.name)
    output.mkdir(parents=True, exist_ok=True)
    write_gradebook(output / "gradebook.csv", header, rows)
    return len(rows)
