"""Grading past one machine: ``--shard K/N`` grades a deterministic slice of a class, ``--merge`` joins the slices.

A scheduler hands each task its index (Slurm's ``$SLURM_ARRAY_TASK_ID``, a Kubernetes Indexed Job's
``$JOB_COMPLETION_INDEX``); the grader only has to know which students are its own. A student's shard
is decided by a hash of the name, so it does not move when other students are added or removed.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
from collections import Counter
from pathlib import Path

from .assignment import InstructorError
from .gradebook import write_gradebook
from .seeds import SEED_FILE, kept_seed, same_seed

SHARD_FILE = "shard"  # in a shard's output folder: "K/N", which slice of the class it graded


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


def keep_shard(output: Path, index: int, count: int) -> None:
    """Write which slice ``output`` holds (refusing a folder that holds another); the merge checks them all."""
    path, mine = output / SHARD_FILE, f"{index}/{count}"
    kept = path.read_text(encoding="utf-8").strip() if path.is_file() else None
    if kept not in (None, mine):
        raise InstructorError(
            f"{output} holds shard {kept} of the class, not {mine}: give each shard its own --output folder."
        )
    path.write_text(mine + "\n", encoding="utf-8")


def shard_numbers(folder: Path) -> tuple[int, int]:
    """The K/N a shard's folder was graded as (written by keep_shard)."""
    path = folder / SHARD_FILE
    if not path.is_file():
        raise InstructorError(
            f"{folder} holds no {SHARD_FILE} file: it was not graded with --shard K/N (or that run was refused). "
            f"Pass the --output folders of shard runs that finished."
        )
    return parse_shard(path.read_text(encoding="utf-8").strip())


def every_shard_once(shard_folders: list[Path]) -> None:
    """Refuse a merge that lacks a shard, or has one twice: its students would be missing from the gradebook."""
    numbers = [shard_numbers(folder) for folder in shard_folders]  # a folder given twice counts twice
    counts = {count for _, count in numbers}
    if len(counts) > 1:
        raise InstructorError(
            f"these folders are shards of different splits ({', '.join(f'{k}/{n}' for k, n in numbers)}): "
            f"merge the shards of one --shard K/N run."
        )
    count = counts.pop()
    found = sorted(index for index, _ in numbers)
    missing = sorted(set(range(1, count + 1)) - set(found))
    twice = sorted(index for index, times in Counter(found).items() if times > 1)
    if missing or twice:
        said = [
            f"shard {', '.join(map(str, missing))} of {count} missing" if missing else "",
            f"shard {', '.join(map(str, twice))} given twice" if twice else "",
        ]
        raise InstructorError(
            f"--merge needs every shard of {count} once: {'; '.join(filter(None, said))}. "
            f"Pass the --output folder of each, 1 to {count}."
        )


def keep_merged_seed(shard_folders: list[Path], output: Path) -> None:
    """Keep the shards' seed in ``output`` as a run would: a rerun or --regrade there grades on the same inputs."""
    record = shard_folders[0] / SEED_FILE  # every shard's is the same seed: same_seed checked it
    if not record.is_file():
        return
    kept = kept_seed(output)
    if kept is not None and kept[0] != kept_seed(shard_folders[0])[0]:
        raise InstructorError(
            f"{output} holds grades made with another seed than the shards': join them into a folder of their own."
        )
    shutil.copyfile(record, output / SEED_FILE)
    (output / SEED_FILE).chmod(0o600)


def merge(shard_folders: list[Path], output: Path) -> int:
    """Join the shards' gradebooks and feedback into ``output``; return the number of students."""
    if output.resolve() in {folder.resolve() for folder in shard_folders}:
        raise InstructorError(
            f"--output {output} is one of the shards: the joined gradebook would replace that shard's. "
            f"Join them into a folder of their own."
        )
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
    every_shard_once(shard_folders)
    same_seed(shard_folders)
    output.mkdir(parents=True, exist_ok=True)
    keep_merged_seed(shard_folders, output)
    for folder in shard_folders:
        for feedback in sorted((folder / "feedback").glob("*.md")):
            (output / "feedback").mkdir(parents=True, exist_ok=True)
            shutil.copyfile(feedback, output / "feedback" / feedback.name)
    write_gradebook(output / "gradebook.csv", header, rows)
    return len(rows)
