"""course_tools: what instructors and maintainers run — lesson generation, validation and grading.

    backprop-lessons build          # solutions/ -> lessons/, re-executed (`make lessons`)
    backprop-grade SUBMISSIONS_DIR  # grade a class (`make grade SUBMISSIONS=...`)

It works on a course folder (``--course DIR``, default: the current folder) and imports the
student library ``backprop_lib``; the student library never imports it.
"""
