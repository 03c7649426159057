"""Every number the documents print that the course reproduces is printed by its notebook.

data/document_numbers.csv lists each with the value as the document prints it and the text the
notebook prints. Here: that text is in the stored outputs of the notebook and of its Korean edition
(solutions/ko/, the same numbers), and it agrees with the document to the precision it shows. nbval
then proves re-execution reproduces those outputs.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from backprop_lib.messages import LANGUAGES
from course_tools.lessons import read, solution_path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "data" / "document_numbers.csv"
COLUMNS = ["document", "quantity", "printed", "reproduced", "notebook", "note"]


def rows() -> list[dict[str, str]]:
    with TABLE.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS
        return list(reader)


@cache
def printed_text(notebook: str) -> str:
    """All text a notebook's stored outputs show (stdout, text/plain, text/html, markdown-free)."""
    parts = []
    for cell in read(ROOT / notebook).cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            data = output.get("data", {})
            parts.append(data.get("text/plain", ""))
            parts.append(data.get("text/html", ""))
    return "\n".join(parts)


def decimals(text: str) -> int:
    """How many decimals a printed number shows (counting those implied by an exponent)."""
    value = Decimal(text.replace("−", "-"))
    return max(-value.as_tuple().exponent, 0)


def test_table_covers_every_document():
    assert {row["document"] for row in rows()} == {"000", "001", "002", "003", "004"}


def edition(notebook: str, language: str) -> str:
    """The path (from the repository root) of a solution notebook's edition in ``language``."""
    return solution_path(ROOT / notebook, language).relative_to(ROOT).as_posix()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("row", rows(), ids=lambda r: f"{r['document']}-{r['quantity']}")
def test_number_is_printed_by_its_notebook_in_both_editions(row, language):
    notebook = edition(row["notebook"], language)
    text = printed_text(notebook)
    pattern = r"(?<![\d.])" + re.escape(row["reproduced"]) + r"(?![\d])"
    assert re.search(pattern, text), (
        f"{notebook} never prints {row['reproduced']} ({row['quantity']}, document {row['document']})"
    )


@pytest.mark.parametrize("row", rows(), ids=lambda r: f"{r['document']}-{r['quantity']}")
def test_reproduced_number_agrees_with_the_document(row):
    printed = Decimal(row["printed"].replace("−", "-"))
    reproduced = Decimal(row["reproduced"].replace("−", "-"))
    if row["printed"] != row["reproduced"]:
        assert row["note"], "a number reproduced to another precision than printed needs a note saying why"
    shown = min(decimals(row["printed"]), decimals(row["reproduced"]))
    step = Decimal(1).scaleb(-shown)
    assert abs(printed - reproduced) <= step, (
        f"document {row['document']} prints {row['printed']}, the notebook {row['reproduced']}: "
        f"they differ by more than one unit in the last shared decimal ({step})"
    )
