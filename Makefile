# The course's commands. `make lab` and `make test` set everything up themselves.
# Needs only Python 3.11+ with venv and pip (python3 on PATH, or PYTHON=/path/to/python).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
LAB_STAMP := $(VENV)/.lab-installed
DEV_STAMP := $(VENV)/.dev-installed
LAB_ARGS ?=
NOTEBOOKS ?=
LESSONS_ARGS ?=
SUBMISSIONS ?=
GRADE_ARGS ?=
ASSIGNMENT ?= solutions/05_homework.ipynb
# Unit tests, nbval over every notebook of both editions (solutions/, solutions/ko/, lessons/en/,
# lessons/ko/: stored outputs must be reproduced), grading end to end and the JupyterLab browser
# test, in parallel on every core.
# `-p course_tools` comes first: its import spares pytest and every worker a slow optional import (see its __init__).
# `--nbval-warm` (course_tools/warm_nbval.py): each notebook's kernel is forked from a process per worker that
# already imported numpy, matplotlib, ipykernel and backprop_lib (fresh kernels where it cannot, said in the run).
PYTEST_PLUGINS := -p course_tools -p course_tools.warm_nbval -n auto --dist loadscope
NBVAL_ARGS := --nbval --nbval-current-env --nbval-warm --nbval-cell-timeout=300 --nbval-sanitize-with tests/nbval_sanitize.cfg
PYTEST_ARGS ?= $(PYTEST_PLUGINS) $(NBVAL_ARGS) --ignore=tests/grading_fixtures tests solutions lessons/en lessons/ko

# `make test-quick`: the tests that take seconds, not minutes: every unit test (not the end-to-end grading,
# mutant, wheel, warm-kernel and browser tests), and for each lesson named in NOTEBOOKS (its English source,
# e.g. solutions/03_xor.ipynb) nbval over its four editions and its mutant suite (graded by probes, as make test does).
END_TO_END := test_browser test_grading test_grading_runs test_grading_korean test_mutants test_shards test_wheel test_warm_nbval
EDITIONS = $(foreach n,$(NOTEBOOKS),$(n) $(subst solutions/,solutions/ko/,$(n)) \
	$(subst solutions/,lessons/en/,$(n)) $(subst solutions/,lessons/ko/,$(n)))

.PHONY: help setup lab lint test test-quick test-oldest lessons bench grade validate-assignment clean

help:
	@echo "make lab      - set up (first time only) and open the course in JupyterLab (한국어 / English)"
	@echo "make test     - set up (first time only) and run every test"
	@echo "make test-quick [NOTEBOOKS=solutions/03_xor.ipynb] - while you work: unit tests, and nbval and mutants of those lessons"
	@echo "make lint     - ruff's lint and format checks (make test and make test-quick run them first)"
	@echo "make test-oldest - unit tests and nbval with the lowest versions pyproject.toml allows"
	@echo "make lessons  - regenerate both editions (lessons/en, lessons/ko, solutions/ko) from solutions/"
	@echo "make bench    - benchmarks: library vs plain numpy, gradient checks, grading speed"
	@echo "make grade SUBMISSIONS=folder - grade a class of submitted homework notebooks"
	@echo "make validate-assignment - before handing out the homework: its solution, blank lesson and mutants through the grader"

setup: $(DEV_STAMP)

# The student environment (`make lab`): the library and JupyterLab, nothing for tests or grading.
# Re-installs only when pyproject.toml changes: a second run costs nothing.
$(LAB_STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "The course needs Python 3.11 or newer; this is " + sys.version.split()[0] + ". Run: make PYTHON=python3.11 ...")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[lab]"
	@touch $(LAB_STAMP)

# The maintainers' environment (`make test`, `make lessons`, grading): the student one plus [dev].
$(DEV_STAMP): pyproject.toml $(LAB_STAMP)
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(DEV_STAMP)

# JupyterLab refuses to run as root unless told; containers and CI machines often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)

# Opens lessons/start_here.ipynb, where the student chooses 한국어 (lessons/ko/) or English (lessons/en/).
lab: $(LAB_STAMP)
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=lessons --LabApp.default_url=/lab/tree/start_here.ipynb \
		$(ROOT_FLAG) $(LAB_ARGS)

# ruff's lint and format checks: make test and make test-quick run them before any test.
lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: setup lint
	$(PY) -m tools.ensure_browser
	$(PY) -m pytest $(PYTEST_ARGS)

test-quick: setup lint
	$(PY) -m pytest $(PYTEST_PLUGINS) $(if $(NOTEBOOKS),$(NBVAL_ARGS) $(EDITIONS)) \
		--ignore=tests/grading_fixtures $(foreach t,$(END_TO_END),--ignore=tests/$(t).py) tests
	$(if $(NOTEBOOKS),$(VENV)/bin/backprop-mutants --graded-by probes $(NOTEBOOKS))
	@echo "Quick tests passed. Before you commit: make test (every test, several minutes)."

# The lower end of every declared range: a second venv with constraints/oldest.txt installed,
# then the unit tests and nbval over both editions (the browser test needs only `make test`).
OLDEST_VENV  := .venv-oldest
OLDEST_PY    := $(OLDEST_VENV)/bin/python
OLDEST_STAMP := $(OLDEST_VENV)/.course-installed

$(OLDEST_STAMP): pyproject.toml constraints/oldest.txt
	@test -x $(OLDEST_PY) || $(PYTHON) -m venv $(OLDEST_VENV)
	$(OLDEST_PY) -m pip install --quiet --upgrade pip
	$(OLDEST_PY) -m pip install --quiet -c constraints/oldest.txt -e ".[dev]"
	@touch $(OLDEST_STAMP)

test-oldest: $(OLDEST_STAMP)
	@echo "Lowest declared versions installed:"
	@$(OLDEST_PY) -m pip list --format=freeze | grep -iE '^($(shell sed -n 's/^\([A-Za-z0-9_.-]*\)==.*/\1/p' constraints/oldest.txt | paste -sd'|'))=='
	$(OLDEST_PY) -m pytest -m "not browser" $(PYTEST_ARGS)

lessons: setup
	$(VENV)/bin/backprop-lessons build $(LESSONS_ARGS) $(NOTEBOOKS)

bench: setup
	$(PY) -m benchmarks

grade: setup
	@test -n "$(SUBMISSIONS)" || (echo "Say where the submissions are: make grade SUBMISSIONS=path/to/folder" && exit 2)
	$(VENV)/bin/backprop-grade $(SUBMISSIONS) $(GRADE_ARGS)

validate-assignment: setup
	$(VENV)/bin/backprop-grade --validate --solution $(ASSIGNMENT)
	$(VENV)/bin/backprop-mutants --graded-by grader $(ASSIGNMENT)

clean:
	rm -rf $(VENV) $(OLDEST_VENV) .pytest_cache artifacts
