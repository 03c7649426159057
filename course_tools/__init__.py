"""course_tools: what instructors and maintainers run — lesson generation, validation and grading.

    backprop-lessons build          # solutions/ (+ NN.ko.md) -> lessons/en, lessons/ko, solutions/ko (`make lessons`)
    backprop-lessons translate NN   # append the Korean blocks a lesson's catalogue lacks
    backprop-grade SUBMISSIONS_DIR  # grade a class (`make grade SUBMISSIONS=...`)

It works on a course folder (``--course DIR``, default: the current folder) and imports the
student library ``backprop_lib``; the student library never imports it.
"""
