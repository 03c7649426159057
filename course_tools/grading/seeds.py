"""The hidden seed of a grading run: given, read from a file, kept for reruns, and the same for a whole class.

Hidden checks draw their inputs from it (backprop_lib.exercises.hidden_rng). OUTPUT/hidden-seed (readable by
the instructor only) keeps it so that a rerun grades the rest of the class on the same inputs: the number
itself, or, when it came from ``--seed-file``, only where that file is, so the seed stays in one place.
One gradebook is graded on one seed: a run that would add rows made with another seed is refused.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from .assignment import InstructorError

SEED_FILE = "hidden-seed"
SEED_FROM = "file: "  # what SEED_FILE holds instead of the number when the seed came from --seed-file
PUBLIC_SEED = 0  # the seed whose hidden outputs solutions/ stores (make lessons)


def seed_from_file(path: Path) -> int:
    """The seed kept in a file of one whole number: out of job scripts, shell history and the process list."""
    text = path.read_text(encoding="utf-8").strip() if path.is_file() else ""
    if not text.isdecimal():  # isdigit: '²' too, which int() refuses
        found = f"it holds {text[:20]!r}" if path.is_file() else "there is no such file"
        raise InstructorError(
            f"--seed-file {path}: expected a file holding one whole number, but {found}. Make one (readable by "
            f"you only) with: python3 -c 'import secrets; print(1 + secrets.randbelow(2**31 - 1))' > {path}; "
            f"chmod 600 {path}"
        )
    return int(text)


def kept_seed(output: Path) -> tuple[int, Path | None] | None:
    """The seed an earlier run kept in ``output`` and the file it came from (None: a number kept there), if any."""
    path = output / SEED_FILE
    if not path.is_file():
        return None
    kept = path.read_text(encoding="utf-8").strip()
    if kept.isdecimal():
        return int(kept), None
    if not kept.startswith(SEED_FROM):
        raise InstructorError(
            f"{path} holds {kept[:20]!r}, not the seed an earlier run kept there (a whole number, or "
            f"'{SEED_FROM}PATH'): write that seed back into it, or delete it and grade everyone again: --regrade."
        )
    seed_file = Path(kept[len(SEED_FROM) :])
    if not seed_file.is_file():
        raise InstructorError(
            f"{path} says that {output} was graded with the seed in {seed_file}, which is gone. Restore that file "
            f"(the gradebook's rows were graded with it), or grade everyone again with a new seed: "
            f"--regrade --seed-file NEW_FILE."
        )
    return seed_from_file(seed_file), seed_file


def refuse_unusable_seed(chosen: int | None, seed_file: Path | None = None) -> None:
    """Refuse the public seed and negative ones (checked before a run writes anything)."""
    if chosen == PUBLIC_SEED:
        named = f"the seed in {seed_file} ({PUBLIC_SEED})" if seed_file is not None else f"--seed {PUBLIC_SEED}"
        raise InstructorError(
            f"{named} is the public seed: the solution stores its hidden outputs, so "
            f"anyone with a clone can print them. Choose another number and keep it private."
        )
    if chosen is not None and chosen < 0:  # a hidden check would fail in the solution too, and match every blank answer
        raise InstructorError(f"--seed {chosen}: a seed is a whole number from 1 up; choose one and keep it private.")


def warn_if_others_can_read(seed_file: Path | None) -> None:
    """Say so when a seed file is readable by other users (given now, or kept from an earlier run)."""
    if seed_file is not None and seed_file.stat().st_mode & 0o077:
        print(f"WARNING: other users can read {seed_file}: chmod 600 {seed_file}", flush=True)


def hidden_seed_of(
    chosen: int | None, output: Path, seed_file: Path | None = None, keeps_rows: bool = False
) -> tuple[int, Path | None]:
    """The run's hidden seed and the file it is in: ``--seed-file`` or ``--seed``, else the kept one, else a new one.

    ``keeps_rows``: the gradebook in ``output`` keeps rows of earlier runs, so the seed must be theirs.
    """
    refuse_unusable_seed(chosen, seed_file)
    kept = kept_seed(output) if chosen is None or keeps_rows else None
    if chosen is None and kept is not None:
        return kept
    if kept is not None and kept[0] != chosen:
        given = f"the seed in {seed_file}" if seed_file is not None else "the --seed given"
        raise InstructorError(
            f"{output} holds grades made with another seed than {given}: one class would be graded on two sets "
            f"of hidden inputs. Grade with the seed used before (give none and the kept one is used), grade into "
            f"another --output folder, or grade everyone again with this one: --regrade."
        )
    if chosen is None:
        chosen = 1 + secrets.randbelow(2**31 - 1)
    path = output / SEED_FILE
    path.write_text(f"{SEED_FROM}{seed_file.resolve()}\n" if seed_file is not None else f"{chosen}\n", encoding="utf-8")
    path.chmod(0o600)
    return chosen, seed_file


def seed_words(seed: int, output: Path, seed_file: Path | None) -> str:
    """The header's words for the seed: a seed read from a file is not printed (job logs are often shared)."""
    if seed_file is not None:
        return f"the seed in {seed_file} (not printed)"
    return f"seed {seed} (kept in {output / SEED_FILE})"


def same_seed(folders: list[Path]) -> None:
    """Refuse shards graded with different seeds: their merged gradebook would mix two sets of hidden inputs."""
    kept = [folder / SEED_FILE for folder in folders if (folder / SEED_FILE).is_file()]
    if len({kept_seed(path.parent)[0] for path in kept}) > 1:
        raise InstructorError(
            f"the shards were graded with different seeds ({', '.join(map(str, kept))}): "
            f"grade every shard again with the same --seed-file."
        )
