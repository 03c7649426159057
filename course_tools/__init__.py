"""course_tools: what instructors and maintainers run — lesson generation, validation and grading.

    backprop-lessons build          # solutions/ (+ NN.ko.md) -> lessons/en, lessons/ko, solutions/ko (`make lessons`)
    backprop-lessons check          # did an edition drift from its solution? is a Korean block missing or stale?
    backprop-lessons translate NN   # append the Korean blocks a lesson's catalogue lacks
    backprop-mutants [NN ...]       # the checks reject every listed wrong answer (`make validate-assignment`)
    backprop-grade SUBMISSIONS_DIR  # grade a class (`make grade SUBMISSIONS=...`)

It works on a course folder (``--course DIR``, default: the current folder) and imports the
student library ``backprop_lib``; the student library never imports it.
"""

import sys

# jsonschema (which nbformat validates with) imports the optional ``rfc3987_syntax`` to check the
# "iri" string format, and that package compiles a grammar on import: about 1 s in every process
# that reads a notebook (the grader's pytest and each of its workers, the mutant tool's, the test
# suite's). No notebook schema uses that format, so the instructor tools skip the import; jsonschema
# treats a module that is None in sys.modules as not installed (the import raises ImportError).
sys.modules.setdefault("rfc3987_syntax", None)
