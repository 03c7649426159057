"""`make lessons` twice leaves no diff: a timing cell (NBVAL_IGNORE_OUTPUT) keeps its stored output until it changes."""

import nbformat

from course_tools.lessons import execute, keep_ignored_outputs, write


def timing_notebook(source: str, printed: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    cell.id = "timing"
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=printed)]
    return nbformat.v4.new_notebook(cells=[cell])


def test_an_unchanged_timing_cell_keeps_its_stored_output(tmp_path):
    path = tmp_path / "lesson.ipynb"
    source = "# NBVAL_IGNORE_OUTPUT\nprint(elapsed)"
    write(timing_notebook(source, "0.15 s\n"), path)
    rebuilt = timing_notebook(source, "0.13 s\n")
    keep_ignored_outputs(rebuilt, path)
    assert rebuilt.cells[0].outputs[0]["text"] == "0.15 s\n"


def test_a_changed_or_compared_cell_gets_its_new_output(tmp_path):
    path = tmp_path / "lesson.ipynb"
    write(timing_notebook("# NBVAL_IGNORE_OUTPUT\nprint(elapsed)", "0.15 s\n"), path)
    changed = timing_notebook("# NBVAL_IGNORE_OUTPUT\nprint(elapsed, 's')", "0.13 s\n")
    keep_ignored_outputs(changed, path)
    assert changed.cells[0].outputs[0]["text"] == "0.13 s\n"
    write(timing_notebook("print(accuracy)", "97.5 %\n"), path)
    compared = timing_notebook("print(accuracy)", "97.6 %\n")
    keep_ignored_outputs(compared, path)
    assert compared.cells[0].outputs[0]["text"] == "97.6 %\n"


def test_a_notebook_runs_in_a_kernel_on_private_unix_sockets_with_its_extra_environment(tmp_path):
    source = (
        "import os\nfrom ipykernel.kernelapp import IPKernelApp\n"
        "print(IPKernelApp.instance().transport, os.environ['BACKPROP_TEST_VALUE'], os.getcwd())"
    )
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    execute(notebook, tmp_path, "probe", env={"BACKPROP_TEST_VALUE": "42"})
    # not TCP: no port another local user can reach, and no "running over TCP without encryption" warning
    assert notebook.cells[0].outputs[0]["text"] == f"ipc 42 {tmp_path}\n"
