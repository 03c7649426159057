"""course_tools: what instructors and maintainers run — lesson generation, validation and grading.

    backprop-lessons build          # solutions/ (+ NN.ko.md) -> lessons/en, lessons/ko, solutions/ko (`make lessons`)
    backprop-lessons translate NN   # append the Korean blocks a lesson's catalogue lacks
    backprop-grade SUBMISSIONS_DIR  # grade a class (`make grade SUBMISSIONS=...`)

It works on a course folder (``--course DIR``, default: the current folder) and imports the
student library ``backprop_lib``; the student library never imports it.
"""

import sys

# nbformat validates with jsonschema, which imports rfc3987_syntax when it is installed (JupyterLab's
# jupyter-events brings it); that module compiles its IRI grammar at import: 1.5-5 s in every process
# that reads a notebook (the grader, its pytest run and each worker, one after the other). No notebook
# schema checks an IRI, so the course's tools go without it (jsonschema skips a checker it cannot import).
sys.modules.setdefault("rfc3987_syntax", None)
