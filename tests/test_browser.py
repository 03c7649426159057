"""Every lesson and solution in a real JupyterLab, driven by a headless Chromium through Playwright.

One JupyterLab is started from this environment on 127.0.0.1 (random free port, a token, its settings,
workspaces and runtime files in a temporary folder, autosave off). A few browser pages load it once each
(a fresh context and reset workspace per page); each page then opens one notebook after another from its
file through JupyterLab's own commands, with a new kernel (forked from a process that imported once what
the notebooks import, as make test's nbval does: course_tools/warm_nbval.py), clears its outputs and runs
every cell (Run > Run All Cells), checks it, shuts its kernel down and closes it (the test asserts each
notebook had a kernel no other notebook used, whose first cell ran as [1], and that nothing of it stays in
the page or on the server). Both editions are opened (solutions/, solutions/ko/, lessons/en/,
lessons/ko/). Then: no cell shows an error; in lessons exactly the exercise check cells say "not done yet"
(in the edition's language: "아직 답이 없어요"), in solutions every check passes; every explorer renders and is
driven by keyboard only: Tab reaches every control, each control has an accessible name, and an arrow key
(or Enter on "next step", "다음 단계" in Korean) changes its picture. Accessibility: axe-core (bundled by the
PyPI package axe-playwright-python, pinned in pyproject) scans the notebook's cell outputs and rendered
Markdown, and any serious or critical violation fails the notebook; JupyterLab's own chrome (menus,
toolbars, the code editors, prompts and collapse buttons) is out of scope, as the course cannot change it.
Every figure in the page must be an image whose accessible name (alt text) describes it, one per figure
output of the notebook file. A screenshot per notebook goes to artifacts/screenshots/ (the Korean ones
show Hangul: tools/ensure_browser.py installs Debian's fonts-noto-cjk next to Chromium). PARALLEL
notebooks run at a time, the slowest first; JupyterLab is stopped as soon as all have run, also on
failure. With -s the fixture prints each notebook's seconds per phase and the CPU of the whole tree.
Skipped, with the reason, where no Chromium exists.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

from backprop_lib.messages import message
from course_tools.lessons import edition_language
from course_tools.warm_nbval import WarmZygote
from tools.ensure_browser import HANGUL_FONT_PACKAGE, find_chromium, has_hangul_font
from tools.tree_cpu import TreeCpu

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
SCREENSHOTS = REPO / "artifacts" / "screenshots"
NOTEBOOKS = [
    path
    for folder in ("solutions", "solutions/ko", "lessons/en", "lessons/ko")
    for path in sorted(REPO.glob(f"{folder}/*.ipynb"))
]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A cell whose stored output is a widget shows an explorer (nbval keeps that output what the cell makes):
# no list of explorer names to keep up to date when a lesson adds one.
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
PARALLEL = 3  # browser pages, each running one notebook at a time
# Seconds one notebook took in the browser (a measured run, rounded): only the order they start in.
EXPECTED_SECONDS = {"06_digits": 30, "01_chain_rule": 20, "04_softmax": 20, "03_xor": 15, "05_homework": 15}
RUN_TIMEOUT = 180  # seconds for Run All Cells of one notebook
RENDER_TIMEOUT = 30_000  # milliseconds for a page element, a widget or a redraw to appear
VIEWPORT = {"width": 1280, "height": 1200}

# JupyterLab user settings for the test: never write the notebooks back (autosave off), keep every
# cell in the page (no windowing), fetch nothing from the internet.
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/extensionmanager-extension/plugin": {"enabled": False},
}

# The code cells of the open notebook, in order, with what the test needs from each.
CELLS_SCRIPT = """() => Array.from(document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-CodeCell'))
  .map(cell => ({
    prompt: (cell.querySelector('.jp-InputArea-prompt') || {}).textContent || '',
    text: (cell.querySelector('.jp-OutputArea') || {}).innerText || '',
    errors: cell.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length,
  }))"""
# Whether the page draws Hangul with a real font: two different syllables give two different pictures
# (without a Korean font both are the same empty box).
HANGUL_DRAWN = """() => { const canvas = document.createElement('canvas'); canvas.width = 64; canvas.height = 32;
  const context = canvas.getContext('2d');
  const family = getComputedStyle(document.querySelector('.jp-RenderedMarkdown') || document.body).fontFamily;
  const draw = text => { context.clearRect(0, 0, 64, 32); context.font = `24px ${family}`;
                         context.fillText(text, 4, 26); return canvas.toDataURL(); };
  return draw('역') !== draw('전'); }"""
IMAGE_SRC = "el => { const img = el.querySelector('.jp-OutputArea-output img'); return img ? img.src : ''; }"
IMAGE_SHOWN = "el => !!el.querySelector('.jp-OutputArea-output img[src^=\"data:image/png\"]')"
IMAGE_CHANGED = (
    "([el, before]) => { const img = el.querySelector('.jp-OutputArea-output img'); "
    "return !!img && img.src !== before; }"
)

# Keyboard: what has the focus, and every control a keyboard user must be able to reach.
FOCUSED = """el => { const f = document.activeElement;
  return el.contains(f) ? {tag: f.tagName.toLowerCase(), type: f.type || '',
                           text: (f.innerText || f.value || '').trim(),
                           key: Array.from(el.querySelectorAll('*')).indexOf(f)} : null; }"""
CONTROLS = """el => Array.from(el.querySelectorAll('input, select, button, [role="slider"], [contenteditable="true"]'))
  .filter(c => !c.disabled && c.offsetParent !== null).map(c => Array.from(el.querySelectorAll('*')).indexOf(c))"""
MARK_START = "el => { const title = el.querySelector('.widget-html'); title.tabIndex = -1; title.focus(); }"
UNNAMED_CONTROL = re.compile(
    r"^\s*- '?(slider|spinbutton|textbox|combobox|button|checkbox|radio|listbox)(:|$)", re.MULTILINE
)
# An aria snapshot line is YAML: `- img "name"`, or `- 'img "name"'` when the name holds an apostrophe.
NAMED_IMAGE = re.compile(r'^\s*- \'?img "([^"]{40,})', re.MULTILINE)  # 40+ characters: a description, not a word
ANY_IMAGE = re.compile(r"^\s*- '?img\b", re.MULTILINE)
AXE_SCRIPT = None  # axe.min.js, read once from the axe-playwright-python package
AXE_SCOPE = {"include": [".jp-NotebookPanel .jp-OutputArea", ".jp-NotebookPanel .jp-MarkdownOutput"]}
BLOCKING_IMPACTS = ("serious", "critical")

# JupyterLab's own API (window.jupyterapp, exposed by --LabApp.expose_app_in_browser): one page per slot
# stays loaded, and each notebook is opened in it, run, checked, closed and its kernel shut down.
APP_EXPOSED = "() => !!window.jupyterapp"
APP_STARTED = """async () => { const app = window.jupyterapp; await app.started; await app.restored;
  await app.serviceManager.ready; app.shell.collapseLeft(); }"""  # no file browser: more room for the notebook
OPEN_NOTEBOOK = """async path => { const app = window.jupyterapp;
  const panel = await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
  window.courseNotebook = panel; await panel.context.ready; await panel.revealed; app.shell.activateById(panel.id);
  return document.querySelectorAll('.jp-NotebookPanel').length; }"""
KERNEL_STARTED = """async () => { const session = window.courseNotebook.sessionContext; await session.ready;
  const kernel = session.session && session.session.kernel; if (!kernel) return null;
  await kernel.info; return kernel.id; }"""  # kernel.info: the kernel has answered its first request
KERNEL_IDLE = """() => { const session = window.courseNotebook.sessionContext.session;
  const kernel = session && session.kernel; const indicator = document.querySelector(
    '.jp-NotebookPanel .jp-Notebook-ExecutionIndicator');
  return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle'
         && !!indicator && indicator.dataset.status === 'idle'; }"""
CLOSE_NOTEBOOK = """async () => { const panel = window.courseNotebook; window.courseNotebook = null;
  await panel.sessionContext.shutdown(); panel.dispose();
  return document.querySelectorAll('.jp-NotebookPanel').length; }"""
PROMPTS_SCRIPT = """() => Array.from(document.querySelectorAll(
  '.jp-NotebookPanel .jp-Notebook .jp-CodeCell .jp-InputArea-prompt')).map(prompt => prompt.textContent)"""
AXE_LOADED = "() => typeof window.axe !== 'undefined'"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# JupyterLab ---------------------------------------------------------------------------------------


@dataclass
class Lab:
    """A running JupyterLab: where it listens, its token, its log file."""

    process: subprocess.Popen
    url: str
    token: str
    log: Path
    kernels: WarmZygote  # the zygote the notebooks' kernels are forked from (fresh kernels where none runs)

    def api(self, method: str, path: str) -> object:
        """Call the server's REST API with the token; the decoded JSON answer (None when empty)."""
        request = urllib.request.Request(
            f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            body = answer.read()
        return json.loads(body) if body else None

    def sessions(self, path: str) -> list[dict]:
        """The kernel sessions of one notebook (an empty list while jupyter_server is busy starting one)."""
        try:
            return [session for session in self.api("GET", "/api/sessions") if session["path"] == path]
        except urllib.error.HTTPError:  # jupyter_server answers 500 while a kernel is half started
            return []

    def listing(self, path: str, timeout: float = 20) -> list[dict]:
        """GET a list (``/api/sessions``, ``/api/kernels``) for sure: asked again while the server answers 500."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                return self.api("GET", path)
            except urllib.error.HTTPError as error:  # 500 while any notebook's kernel is half started
                if error.code != 500 or time.monotonic() > deadline:
                    raise
            time.sleep(0.1)

    def shut_down(self, path: str) -> None:
        """Stop the kernel of one notebook, so kernels do not pile up."""
        for session in self.sessions(path):
            self.api("DELETE", f"/api/sessions/{session['id']}")

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def write_lab_settings(settings_dir: Path) -> None:
    """One .jupyterlab-settings file per plugin, as JupyterLab keeps user settings."""
    for plugin, values in LAB_SETTINGS.items():
        target = settings_dir / f"{plugin}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values))


# Kernels compute with one thread each: PARALLEL kernels share 2 cores, and more BLAS/OpenMP threads than
# cores only spin and wait (the same numbers, less CPU).
ONE_THREAD = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def kernel_setup() -> tuple[dict[str, str], WarmZygote]:
    """What decides the notebooks' kernels: the lab's environment variables, and the kernels' zygote.

    Each notebook's kernel is forked from a zygote that imported once what the notebooks import, as in
    make test's nbval (course_tools/warm_nbval.py): its kernel spec, named ``python3`` as the notebooks'
    kernel is, comes first on the lab's JUPYTER_PATH. Where no zygote can run, each notebook gets a new
    ipykernel of this environment. Either way every notebook must get a kernel of its own, which the test asserts.
    """
    kernels = WarmZygote(kernel_name="python3")
    kernels.start([nbformat.read(str(path), as_version=4) for path in NOTEBOOKS])
    environment = {name: "1" for name in ONE_THREAD}
    if kernels.zygote is not None:
        environment["JUPYTER_PATH"] = os.pathsep.join(
            filter(None, [str(kernels.folder), os.environ.get("JUPYTER_PATH")])
        )
    return environment, kernels


def start_lab(root: Path, home: Path) -> Lab:
    """Start JupyterLab from this environment with every Jupyter folder inside ``home``."""
    folders = {
        name: home / name.lower()
        for name in (
            "JUPYTER_CONFIG_DIR",
            "JUPYTER_DATA_DIR",
            "JUPYTER_RUNTIME_DIR",
            "JUPYTERLAB_SETTINGS_DIR",
            "JUPYTERLAB_WORKSPACES_DIR",
            "IPYTHONDIR",
        )
    }
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    write_lab_settings(folders["JUPYTERLAB_SETTINGS_DIR"])
    kernel_environment, kernels = kernel_setup()
    environment = {
        **os.environ,
        **{name: str(folder) for name, folder in folders.items()},
        "JUPYTER_PLATFORM_DIRS": "0",
        **kernel_environment,
    }
    port, token = free_port(), secrets.token_hex(16)
    log = home / "jupyterlab.log"
    command = [
        str(Path(sys.prefix) / "bin" / "jupyter"),
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.extension_manager=readonly",
        "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: open and close notebooks in one page
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # CI containers run as root
    with open(log, "w") as log_file:
        process = subprocess.Popen(
            command, env=environment, stdout=log_file, stderr=subprocess.STDOUT, cwd=root, start_new_session=True
        )
    lab = Lab(process, f"http://127.0.0.1:{port}", token, log, kernels)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            kernels.close()
            raise RuntimeError(f"JupyterLab exited with code {process.returncode}:\n{lab.log_tail()}")
        try:
            lab.api("GET", "/api/status")
            return lab
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.25)
    stop_lab(lab)
    raise RuntimeError(f"JupyterLab did not answer within 60 s:\n{lab.log_tail()}")


def stop_lab(lab: Lab) -> None:
    """Stop JupyterLab and its kernels (its own process group), politely first; then the kernels' zygote."""
    if lab.process.poll() is None:
        os.killpg(lab.process.pid, signal.SIGTERM)
        try:
            lab.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(lab.process.pid, signal.SIGKILL)
            lab.process.wait(timeout=5)
    lab.kernels.close()


# What the notebook file says, and what the page shows ------------------------------------------------


@dataclass
class CodeCell:
    """What the notebook file says about one code cell."""

    id: str
    role: str | None  # "answer", "check", "hidden-check" or None
    has_explorer: bool  # its stored output is a widget
    number: int | None = None  # the exercise's number
    language: str = "en"  # the notebook's edition


def code_cells(notebook: Path) -> list[CodeCell]:
    """The code cells of a notebook file, in order."""
    document = nbformat.read(str(notebook), as_version=4)
    language = edition_language(document)
    return [
        CodeCell(
            cell.get("id", ""),
            cell.get("metadata", {}).get("exercise", {}).get("role"),
            any(WIDGET_VIEW in output.get("data", {}) for output in cell.get("outputs", [])),
            cell.get("metadata", {}).get("exercise", {}).get("number"),
            language,
        )
        for cell in document.cells
        if cell.cell_type == "code"
    ]


def failure_mark(language: str) -> str:
    """The start of a failed check's line in an edition: "✗ Exercise" or "✗ 연습"."""
    return " ".join(message("check.failed", language, number=0, reason="").split()[:2])


def check_outputs(relative: str, cells: list[CodeCell], shown: list[dict]) -> list[str]:
    """What is wrong with the cells' outputs, one sentence per problem (empty: all is well)."""
    is_lesson = relative.startswith("lessons/")
    problems = []
    if len(shown) != len(cells):
        problems.append(f"the page shows {len(shown)} code cells, the file has {len(cells)}")
    for number, (cell, page_cell) in enumerate(zip(cells, shown), start=1):
        where = f"code cell {number} (id {cell.id!r})"
        text = page_cell["text"]
        if not re.search(r"\[\d+\]", page_cell["prompt"]):
            problems.append(f"{where} did not run (Run All stopped before it)")
        elif number == 1 and "[1]" not in page_cell["prompt"]:
            problems.append(f"{where} ran as {page_cell['prompt'].strip()}, not [1]: its kernel had run code before")
        if page_cell["errors"]:
            problems.append(f"{where} shows an error: {text.strip()[:400]}")
        if "Error displaying widget" in text:
            problems.append(f"{where}: a widget failed to display")
        if failure_mark(cell.language) in text:
            problems.append(f"{where}: an exercise check failed: {text.strip()[:300]}")
        is_check = cell.role == "check"  # a hidden check prints values only, never a verdict
        not_done = message("check.not_done", cell.language, number=cell.number)
        passed = message("check.passed", cell.language, number=cell.number)
        if is_lesson and is_check and not_done not in text:
            problems.append(f"{where} is an unanswered exercise check but does not say {not_done!r}: {text[:200]!r}")
        if not_done in text and not (is_lesson and is_check):
            problems.append(f"{where} says {not_done!r} but is not an unanswered exercise check")
        if not is_lesson and is_check and passed not in text:
            problems.append(f"{where} is a check in a solution but does not pass: {text[:200]!r}")
    return problems


# Driving the page ---------------------------------------------------------------------------------


async def click_menu(page, menu: str, item: str) -> None:
    """Click a menu of JupyterLab's menu bar, then one of its items, as a student would."""
    await page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text=re.compile(f"^{menu}$")).click()
    await page.locator(".lm-Menu-item:visible .lm-Menu-itemLabel", has_text=re.compile(f"^{item}$")).click()


async def wait_for_kernel(page, lab: Lab, relative: str, timeout: float = 60) -> str:
    """Wait until the notebook's new kernel has started, the page is connected to it, and it is idle; its id.

    The page's kernel must have answered its first request, and the server must list exactly one
    session for the notebook, with that kernel, idle and connected (asked off the event loop, so the
    other notebooks keep running).
    """
    kernel = await page.evaluate(KERNEL_STARTED)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        kernels = [session["kernel"] for session in await asyncio.to_thread(lab.sessions, relative)]
        ready = [k for k in kernels if k["id"] == kernel and k["execution_state"] == "idle" and k["connections"] > 0]
        if kernel and len(kernels) == 1 and ready and await page.evaluate(KERNEL_IDLE):
            return kernel
        await asyncio.sleep(0.1)
    raise AssertionError(
        f"the notebook's kernel was not ready within {timeout} s: page {kernel}, server {lab.sessions(relative)}"
    )


async def run_all_cells(page, cell_count: int) -> list[dict]:
    """Clear every output, run every cell, and wait until the kernel has finished (or stopped at an error)."""
    await click_menu(page, "Edit", "Clear Outputs of All Cells")
    await click_menu(page, "Run", "Run All Cells")
    deadline = time.monotonic() + RUN_TIMEOUT
    settled = 0
    while time.monotonic() < deadline:
        prompts = await page.evaluate(PROMPTS_SCRIPT)
        finished = [re.search(r"\[\d+\]", prompt) is not None for prompt in prompts]
        if len(prompts) == cell_count and all(finished):
            return await page.evaluate(CELLS_SCRIPT)
        # An error stops Run All: the cells after it go back to "[ ]" and nothing runs any more (for 2 s).
        settled = settled + 1 if any(finished) and not any("*" in prompt for prompt in prompts) else 0
        if settled >= 20:
            return await page.evaluate(CELLS_SCRIPT)
        await asyncio.sleep(0.1)
    raise AssertionError(f"Run All Cells did not finish within {RUN_TIMEOUT} s")


async def drive_by_keyboard(page, explorer, language: str) -> tuple[str, list[str]]:
    """Tab through the explorer's controls from its title, then step the first one that changes the picture.

    Only the starting point is set by the test (focus on the explorer's title, where a screen reader's
    reading cursor arrives); everything after is key presses. Returns what was done and the problems.
    """
    problems = []
    next_step = message("stepper.next", language).strip("◀▶ ")  # "next step", or "다음 단계" in Korean
    controls = await explorer.evaluate(CONTROLS)
    await explorer.evaluate(MARK_START)
    reached, first = [], None
    for _ in range(len(controls) + 5):
        await page.keyboard.press("Tab")
        focused = await explorer.evaluate(FOCUSED)
        if focused is None:
            break  # Tab has left the explorer
        reached.append(focused["key"])
        if first is None and (focused["tag"] in ("input", "select") or next_step in focused["text"]):
            first = focused
            break
    if first is None:
        return "found no control to operate", [
            f"Tab from the title reached no number field, drop-down or "
            f"{next_step!r} button (reached {len(reached)} elements)"
        ]
    key = "Enter" if first["tag"] == "button" else "ArrowUp"
    await page.keyboard.press(key)
    if first["tag"] == "input":
        await page.keyboard.press("Enter")  # a number field applies its value on Enter
    action = f"pressed {key} on the focused {first['tag']} {first['text']!r}"
    for _ in range(len(controls) + 5):  # the rest of the explorer: every control reachable by Tab
        await page.keyboard.press("Tab")
        focused = await explorer.evaluate(FOCUSED)
        if focused is None:
            break
        reached.append(focused["key"])
    missed = set(controls) - set(reached)
    if missed:
        problems.append(f"{len(missed)} of {len(controls)} controls were never reached with Tab")
    tree = await explorer.aria_snapshot()
    for unnamed in UNNAMED_CONTROL.finditer(tree):
        problems.append(f"a {unnamed.group(1)} without an accessible name: {unnamed.group(0).strip()!r}")
    return action, problems


async def check_explorers(page, cells: list[CodeCell]) -> list[str]:
    """Every explorer is visible with a picture, and one move of a control changes the picture."""
    problems = []
    code = page.locator(".jp-NotebookPanel .jp-Notebook .jp-CodeCell")
    numbers = [number for number, cell in enumerate(cells) if cell.has_explorer]
    for number in numbers:
        explorer = code.nth(number).locator(".backprop-explorer")
        where = f"code cell {number + 1} (id {cells[number].id!r})"
        try:
            await explorer.first.wait_for(state="visible")
            if await explorer.count() != 1:
                problems.append(f"{where} shows {await explorer.count()} explorers, expected 1")
                continue
            await page.wait_for_function(IMAGE_SHOWN, arg=await explorer.element_handle(), timeout=RENDER_TIMEOUT)
        except Exception as error:
            problems.append(f"{where}: the explorer did not render with a picture ({type(error).__name__})")
            continue
        await explorer.scroll_into_view_if_needed()
        before = await explorer.evaluate(IMAGE_SRC)
        action, keyboard_problems = await drive_by_keyboard(page, explorer, cells[number].language)
        problems += [f"{where}, by keyboard: {problem}" for problem in keyboard_problems]
        try:
            await page.wait_for_function(
                IMAGE_CHANGED, arg=[await explorer.element_handle(), before], timeout=RENDER_TIMEOUT
            )
        except Exception as error:
            problems.append(f"{where}: the explorer {action}, but its picture did not change ({type(error).__name__})")
    shown = await page.locator(".backprop-explorer").count()
    if shown != len(numbers):
        problems.append(f"the page shows {shown} explorers, the notebook calls {len(numbers)}")
    if numbers:  # the screenshot shows the first explorer, after its control moved
        await code.nth(numbers[0]).locator(".backprop-explorer").scroll_into_view_if_needed()
    return problems


async def check_accessibility(page, notebook: Path, run: NotebookRun) -> list[str]:
    """axe-core over the cells' outputs and Markdown; every figure announced with its description."""
    global AXE_SCRIPT
    if AXE_SCRIPT is None:
        import axe_playwright_python

        AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
    mark = time.monotonic()
    if not await page.evaluate(AXE_LOADED):  # once per page: it stays loaded for the page's next notebooks
        await page.evaluate(AXE_SCRIPT)
    violations = await page.evaluate(
        "scope => axe.run(scope, {resultTypes: ['violations']}).then(r => r.violations.map(v => "
        "({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))",
        AXE_SCOPE,
    )
    run.axe_violations = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    problems = [
        f"axe-core {v['impact']} violation {v['id']} ({v['help']}) at {len(v['nodes'])} places, e.g. {v['nodes'][0]}"
        for v in run.axe_violations
    ]
    mark = run.lap("axe", mark)
    tree = await page.locator(".jp-NotebookPanel .jp-Notebook").first.aria_snapshot()
    run.lap("aria", mark)
    run.figures_in_file = len(figure_outputs(notebook))
    run.figures_described = len(NAMED_IMAGE.findall(tree))
    images = len(ANY_IMAGE.findall(tree))
    if images != run.figures_described:
        problems.append(
            f"{images - run.figures_described} of {images} images in the accessibility tree "
            "have no description (an accessible name of 40+ characters)"
        )
    if run.figures_described != run.figures_in_file:
        problems.append(
            f"the accessibility tree shows {run.figures_described} described figures, "
            f"the notebook file has {run.figures_in_file} figure outputs"
        )
    return problems


def figure_outputs(notebook: Path) -> list[dict]:
    """The outputs of a notebook file that show a picture (an image, or HTML with an <img>)."""
    return [
        output
        for cell in nbformat.read(str(notebook), as_version=4).cells
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {}) or "<img" in output.get("data", {}).get("text/html", "")
    ]


@dataclass
class NotebookRun:
    """What the browser saw in one notebook."""

    problems: list[str] = field(default_factory=list)
    screenshot: Path | None = None
    seconds: float = 0.0
    draws_hangul: bool | None = None  # Korean editions: whether the page draws Hangul glyphs
    axe_violations: list[dict] = field(default_factory=list)
    figures_in_file: int = 0
    figures_described: int = 0
    phases: dict[str, float] = field(default_factory=dict)  # seconds per phase, for the timing report

    def lap(self, phase: str, since: float) -> float:
        """Record the seconds since ``since`` as ``phase``; return now (the start of the next phase)."""
        now = time.monotonic()
        self.phases[phase] = self.phases.get(phase, 0.0) + now - since
        return now


@dataclass
class Slot:
    """One browser page with JupyterLab loaded, in which notebooks are opened one after another."""

    context: object
    page: object
    console_errors: list[str] = field(default_factory=list)
    broken: bool = False  # something failed mid-notebook: the next notebook gets a freshly loaded page


async def open_slot(browser, lab: Lab, name: str) -> Slot:
    """A fresh browser context with JupyterLab loaded in its own reset workspace, nothing open yet."""
    context = await browser.new_context(viewport=VIEWPORT)
    page = await context.new_page()
    page.set_default_timeout(RENDER_TIMEOUT)
    slot = Slot(context, page)
    page.on("console", lambda message: slot.console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: slot.console_errors.append(str(error)))
    await page.goto(f"{lab.url}/lab/workspaces/{name}?reset&token={lab.token}")
    await page.wait_for_function(APP_EXPOSED, timeout=60_000)
    await page.evaluate(APP_STARTED)
    return slot


async def close_notebook(page, lab: Lab, relative: str, kernel: str | None) -> list[str]:
    """Shut the notebook's kernel down and close its tab; what the page or the server still holds of it."""
    problems = []
    panels = await page.evaluate(CLOSE_NOTEBOOK)
    if panels:
        problems.append(f"after closing {relative} the page still shows {panels} notebooks")
    if any(session["path"] == relative for session in await asyncio.to_thread(lab.listing, "/api/sessions")):
        problems.append(f"the server still has a session for {relative} after it was closed")
    if kernel and kernel in {k["id"] for k in await asyncio.to_thread(lab.listing, "/api/kernels")}:
        problems.append(f"kernel {kernel} of {relative} still runs after its notebook was closed")
    return problems


async def run_notebook(slot: Slot, lab: Lab, notebook: Path, kernels_seen: set[str]) -> NotebookRun:
    """Open one notebook from its file in the slot's page, run it with a new kernel, check it, screenshot, close it."""
    started = time.monotonic()
    relative = notebook.relative_to(REPO).as_posix()
    stored = notebook.read_bytes()
    cells = code_cells(notebook)
    run = NotebookRun()
    name = re.sub(r"[^A-Za-z0-9]+", "-", relative.removesuffix(".ipynb"))
    page, errors_before, kernel = slot.page, len(slot.console_errors), None
    mark = started
    try:
        panels = await page.evaluate(OPEN_NOTEBOOK, relative)
        if panels != 1:
            run.problems.append(f"the page shows {panels} notebooks after opening {relative}, expected 1")
        await page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for()
        mark = run.lap("open", mark)
        kernel = await wait_for_kernel(page, lab, relative)
        if kernel in kernels_seen:
            run.problems.append(f"{relative} got kernel {kernel}, which an earlier notebook used")
        kernels_seen.add(kernel)
        mark = run.lap("kernel", mark)
        shown = await run_all_cells(page, len(cells))
        mark = run.lap("run", mark)
        run.problems += check_outputs(relative, cells, shown)
        if not run.problems:
            run.problems += await check_explorers(page, cells)
            mark = run.lap("explorers", mark)
            run.problems += await check_accessibility(page, notebook, run)
            mark = time.monotonic()
        if cells and cells[0].language == "ko":
            run.draws_hangul = await page.evaluate(HANGUL_DRAWN)
    except Exception as error:
        slot.broken = True
        run.problems.append(f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")
        run.problems.append(f"JupyterLab's log ends with:\n{lab.log_tail(15)}")
    console_errors = slot.console_errors[errors_before:]
    if run.problems and console_errors:
        run.problems.append("browser console errors:\n    " + "\n    ".join(console_errors[-10:]))
    try:
        run.screenshot = SCREENSHOTS / f"{name}.png"
        await page.screenshot(path=str(run.screenshot))
    except Exception as error:  # a crashed page must not hide the failure that crashed it
        slot.broken = True
        run.problems.append(f"no screenshot: {error}")
    mark = run.lap("screenshot", mark)
    try:
        run.problems += await close_notebook(page, lab, relative, kernel)
    except Exception as error:
        slot.broken = True
        run.problems.append(f"could not close {relative}: {type(error).__name__}: {error}")
        await asyncio.to_thread(lab.shut_down, relative)
    run.lap("close", mark)
    if notebook.read_bytes() != stored:
        run.problems.append(f"{relative} was changed on disk while the browser ran it")
    run.seconds = time.monotonic() - started
    return run


def longest_first(notebooks: list[Path]) -> list[Path]:
    """The notebooks in the order to start them: the slowest to run first, so no slot waits for one at the end."""
    return sorted(notebooks, key=lambda notebook: (-EXPECTED_SECONDS.get(notebook.stem, 0), str(notebook)))


async def run_notebooks(chromium: str, lab: Lab, notebooks: list[Path]) -> tuple[dict[Path, NotebookRun], list]:
    """Run the notebooks in one headless Chromium: PARALLEL pages, each running one notebook after another.

    Returns the runs (in the given order) and how long each page took to load JupyterLab.
    """
    from playwright.async_api import async_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    waiting = list(reversed(longest_first(notebooks)))  # pop() takes the slowest first
    runs: dict[Path, NotebookRun] = {}
    kernels_seen: set[str] = set()
    page_loads: list[float] = []

    async def load(browser, number: int) -> Slot:
        started = time.monotonic()
        slot = await open_slot(browser, lab, f"browser-test-{number}-{len(page_loads)}")
        page_loads.append(time.monotonic() - started)
        return slot

    async def work(browser, number: int) -> None:
        slot = await load(browser, number)
        try:
            while waiting:
                if slot.broken:
                    await slot.context.close()
                    slot = await load(browser, number)
                notebook = waiting.pop()
                runs[notebook] = await run_notebook(slot, lab, notebook, kernels_seen)
        finally:
            await slot.context.close()

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS)
        try:
            await asyncio.gather(*(work(browser, number) for number in range(PARALLEL)))
        finally:
            await browser.close()
    return {notebook: runs[notebook] for notebook in notebooks}, page_loads


# The tests ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser_runs(tmp_path_factory) -> dict[Path, NotebookRun]:
    """Every notebook run once in JupyterLab; JupyterLab is stopped before any result is judged."""
    chromium = find_chromium()
    if chromium is None:
        pytest.skip(
            "no Chromium: neither /usr/bin/chromium nor `chromium` on PATH. Install Debian's "
            "`chromium` package (make test does it in CI, via python -m tools.ensure_browser)."
        )
    pytest.importorskip("playwright.async_api", reason="the Python package playwright is not installed")
    started = time.monotonic()
    with TreeCpu() as cpu:
        lab = start_lab(REPO, tmp_path_factory.mktemp("jupyter"))
        try:
            runs, page_loads = asyncio.run(run_notebooks(chromium, lab, NOTEBOOKS))
        finally:
            stop_lab(lab)
    print(timing_report(runs, page_loads, time.monotonic() - started, cpu))
    return runs


def timing_report(runs: dict[Path, NotebookRun], page_loads: list[float], wall: float, cpu: TreeCpu) -> str:
    """One line per notebook with its phases' seconds, then the sums: where the browser test spends its time."""
    phases = list(dict.fromkeys(phase for run in runs.values() for phase in run.phases))
    lines = ["browser test timings (s): " + " ".join(f"{phase:>9}" for phase in phases) + "      all"]
    for notebook, run in runs.items():
        columns = " ".join(f"{run.phases.get(phase, 0.0):9.1f}" for phase in phases)
        lines.append(f"  {notebook.relative_to(REPO).as_posix():28} {columns} {run.seconds:8.1f}")
    sums = " ".join(f"{sum(run.phases.get(phase, 0.0) for run in runs.values()):9.1f}" for phase in phases)
    lines.append(f"  {'sum':28} {sums} {sum(run.seconds for run in runs.values()):8.1f}")
    loads = ", ".join(f"{seconds:.1f}" for seconds in page_loads)
    lines.append(f"  JupyterLab loaded {len(page_loads)} times ({loads} s), {PARALLEL} notebooks at a time")
    kinds = ", ".join(f"{kind} {seconds:.1f}" for kind, seconds in cpu.by_kind().most_common())
    lines.append(f"  wall {wall:.1f} s, CPU {cpu.total():.1f} s ({kinds}), load {os.getloadavg()[0]:.2f} at the end")
    return "\n".join(lines)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.relative_to(REPO).as_posix())
def test_notebook_runs_in_jupyterlab(notebook: Path, browser_runs: dict[Path, NotebookRun]):
    run = browser_runs[notebook]
    where = notebook.relative_to(REPO).as_posix()
    print(
        f"{where}: {run.figures_in_file} figure outputs, {run.figures_described} described in the accessibility "
        f"tree, {len(run.axe_violations)} serious or critical axe-core violations"
    )
    assert not run.problems, f"{where} in JupyterLab (screenshot {run.screenshot}):\n  " + "\n  ".join(run.problems)


@pytest.mark.parametrize(
    "notebook",
    [path for path in NOTEBOOKS if "/ko/" in path.as_posix()],
    ids=lambda path: path.relative_to(REPO).as_posix(),
)
def test_korean_pages_draw_hangul(notebook: Path, browser_runs: dict[Path, NotebookRun]):
    if not has_hangul_font():
        pytest.skip(
            f"no Korean system font for Chromium: install Debian's {HANGUL_FONT_PACKAGE} "
            f"(make test does it in CI, via python -m tools.ensure_browser)"
        )
    run = browser_runs[notebook]
    assert run.draws_hangul, (
        f"{notebook.relative_to(REPO)}: Chromium draws Hangul as boxes although a Korean "
        f"font is installed (screenshot {run.screenshot})"
    )
