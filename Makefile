# The course's commands. `make lab` and `make test` set everything up themselves.
# Needs only Python 3.11+ with venv and pip (python3 on PATH, or PYTHON=/path/to/python).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.course-installed
LAB_ARGS ?=
NOTEBOOKS ?=
SUBMISSIONS ?=
GRADE_ARGS ?=
# Unit tests, nbval over every notebook (stored outputs must be reproduced), grading end to end
# and the JupyterLab browser test, in parallel on every core.
PYTEST_ARGS ?= -n auto --dist loadscope --nbval --nbval-current-env --nbval-cell-timeout=300 \
	--nbval-sanitize-with tests/nbval_sanitize.cfg \
	--ignore=tests/grading_fixtures tests solutions lessons

.PHONY: help setup lab test lessons bench grade validate-assignment clean

help:
	@echo "make lab      - set up (first time only) and open the course in JupyterLab"
	@echo "make test     - set up (first time only) and run every test"
	@echo "make lessons  - regenerate lessons/ from solutions/ and re-execute both"
	@echo "make bench    - benchmarks: library vs plain numpy, gradient checks, grading speed"
	@echo "make grade SUBMISSIONS=folder - grade a class of submitted homework notebooks"

setup: $(STAMP)

# Re-installs only when pyproject.toml changes: a second run costs nothing.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "The course needs Python 3.11 or newer; this is " + sys.version.split()[0] + ". Run: make PYTHON=python3.11 ...")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[course]"
	$(PY) -m ipykernel install --sys-prefix --name backprop-course --display-name "Python 3 (backprop course)" >/dev/null
	@touch $(STAMP)

# JupyterLab refuses to run as root unless told; containers and CI machines often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)

lab: setup
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=lessons $(ROOT_FLAG) $(LAB_ARGS)

test: setup
	$(PY) -m tools.ensure_browser
	$(PY) -m pytest $(PYTEST_ARGS)

lessons: setup
	$(PY) -m backprop_lib.notebooks build $(NOTEBOOKS)

bench: setup
	$(PY) -m benchmarks

grade: setup
	@test -n "$(SUBMISSIONS)" || (echo "Say where the submissions are: make grade SUBMISSIONS=path/to/folder" && exit 2)
	$(PY) -m backprop_lib.grading $(SUBMISSIONS) $(GRADE_ARGS)

validate-assignment: setup
	$(PY) -m backprop_lib.grading --validate

clean:
	rm -rf $(VENV) .pytest_cache artifacts
