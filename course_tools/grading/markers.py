"""nbval's comment markers (``# NBVAL_SKIP`` …): found in instructor cells, removed from student code.

A comment marker overrides a cell's tags, so a student who writes ``# NBVAL_SKIP`` or
``# NBVAL_IGNORE_OUTPUT`` in an answer could change what nbval runs or compares. The table of
markers is nbval's own, so a marker added by a later nbval release is handled too.
"""

from __future__ import annotations

from nbval.plugin import comment_markers

REMOVED = "# (an nbval marker comment was removed here by the grader)"


def marker_of(line: str) -> str | None:
    """The nbval marker a line is (read the way nbval reads it), or None."""
    stripped = line.strip()
    if not stripped.startswith("#"):
        return None
    comment = stripped.lstrip("#").strip()
    return comment if comment in comment_markers else None


def nbval_markers(source: str) -> list[str]:
    """Every nbval marker comment in a cell's source."""
    return [marker for marker in map(marker_of, source.splitlines()) if marker]


def strip_nbval_markers(source: str) -> str:
    """The source with each marker line replaced by a plain comment (line numbers stay the same)."""
    return "\n".join(REMOVED if marker_of(line) else line for line in source.split("\n"))
