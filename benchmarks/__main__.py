"""`make bench`: the library against plain numpy, gradient checks, lesson 6 against scikit-learn, grading speed."""

from __future__ import annotations

import importlib

SUITES = ("benchmarks.library", "benchmarks.digits", "benchmarks.grading")


def main() -> None:
    """Run every benchmark suite in turn."""
    for name in SUITES:
        print(f"\n=== {name} ===", flush=True)
        importlib.import_module(name).main()


if __name__ == "__main__":
    main()
