"""Accessibility of the figures: text alternatives, colours for colour-blind readers, readable text.

The browser half (axe-core, the accessibility tree, the keyboard) is in tests/test_browser.py.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import subprocess
import sys
from pathlib import Path

import colorspacious  # in [dev]: missing, the module must fail, not skip its 76 tests
import matplotlib
import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pytest
from matplotlib.colors import to_rgb, to_rgba
from matplotlib.text import Text

from backprop_lib import xor_data
from backprop_lib.exercises import DRAW_FIGURES_VARIABLE
from backprop_lib.figures import palette
from backprop_lib.figures.curves import plot_losses
from backprop_lib.figures.described import DescribedFigure, figure_bundle, linear_text
from backprop_lib.figures.digits import (
    plot_activation_spread,
    plot_class_counts,
    plot_confusion,
    plot_digit_grid,
    plot_digit_probabilities,
    plot_first_layer_weights,
    plot_learning_curves,
    plot_misclassified,
    plot_search,
)
from backprop_lib.figures.graphs import draw_apple_shop, draw_neuron, draw_sigmoid_graph
from backprop_lib.figures.network import draw_network
from backprop_lib.figures.optimizers import plot_learning_rates, plot_optimizer_paths
from backprop_lib.figures.regions import (
    plot_decision_regions,
    plot_hidden_lines,
    plot_hidden_space,
    plot_linear_attempts,
)
from backprop_lib.figures.softmax import plot_cross_entropy_curve, plot_softmax
from backprop_lib.messages import use_language
from backprop_lib.training import MiniBatchHistory
from course_tools.grading.sandbox import Limits, spec_folder, write_kernel_spec

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = [
    path
    for folder in ("solutions", "solutions/ko", "lessons/en", "lessons/ko")
    for path in sorted(REPO.glob(f"{folder}/*.ipynb"))
]
HANGUL = re.compile(r"[\uac00-\ud7a3]")

# CAM02-UCS distance ΔE' below which two colours that mean different things count as confusable.
# One unit is about one just-noticeable difference for large patches (Luo, Cui & Li 2006); lines,
# markers and bars are small, and small marks need several times more to be told apart, so 10 asks
# for a clear margin. The Okabe–Ito pairs this course uses stay at 11 or more under full (severity 100)
# deuteranopia, protanopia and tritanopia; red against green, the course's old class 1 / class 2
# pair, falls to 5.1 under deuteranopia (see the test that the check rejects it).
MIN_DISTANCE = 10.0
DEFICIENCIES = ("deuteranomaly", "protanomaly", "tritanomaly")  # at severity 100: the -opias
MIN_CONTRAST = 4.5  # WCAG 2.1 AA, normal text
MIN_FONT_POINTS = 10


def seen_as(color: str, deficiency: str | None) -> np.ndarray:
    """sRGB (0…1) of a colour as a reader with this colour-vision deficiency sees it (None: normal vision)."""
    rgb = np.array(to_rgb(color))
    if deficiency is None:
        return rgb
    space = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
    return np.clip(colorspacious.cspace_convert(rgb, space, "sRGB1"), 0, 1)


def distance(first: np.ndarray, second: np.ndarray) -> float:
    """Perceptual distance ΔE' in CAM02-UCS between two sRGB colours."""
    convert = colorspacious.cspace_convert
    return float(np.linalg.norm(convert(first, "sRGB1", "CAM02-UCS") - convert(second, "sRGB1", "CAM02-UCS")))


def closest_pair(colors, deficiency: str | None) -> tuple[float, str, str]:
    """The smallest distance between two colours of a group as this reader sees them, and the pair."""
    return min(
        (distance(seen_as(a, deficiency), seen_as(b, deficiency)), a, b) for a, b in itertools.combinations(colors, 2)
    )


@pytest.mark.parametrize("deficiency", (None, *DEFICIENCIES))
@pytest.mark.parametrize("group", sorted(palette.MEANING_GROUPS))
def test_colours_that_mean_different_things_stay_apart(group: str, deficiency: str | None):
    gap, first, second = closest_pair(palette.MEANING_GROUPS[group], deficiency)
    assert gap >= MIN_DISTANCE, (
        f"{group}: {first} and {second} are only ΔE' {gap:.1f} apart for "
        f"{deficiency or 'normal vision'} (at least {MIN_DISTANCE} needed)"
    )


def test_the_colour_check_rejects_red_against_green():
    gap, _, _ = closest_pair(("#d1495b", "#2e9e6a"), "deuteranomaly")  # the course's colours before the palette
    assert gap < MIN_DISTANCE
    assert closest_pair(("#d1495b", "#2e9e6a"), None)[0] >= MIN_DISTANCE  # fine for normal vision


def relative_luminance(rgba) -> float:
    """WCAG 2.1 relative luminance of a colour (alpha blended onto white)."""
    red, green, blue, alpha = to_rgba(rgba)
    channels = [alpha * value + (1 - alpha) for value in (red, green, blue)]
    linear = [value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4 for value in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground, background) -> float:
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_is_computed_as_wcag_says():
    assert contrast("black", "white") == pytest.approx(21.0)
    assert contrast("#777777", "white") == pytest.approx(4.48, abs=0.01)  # WCAG's classic just-failing grey


def xor_regions():
    inputs, targets = xor_data()
    weights, bias = np.array([[6.0, 4.0], [6.0, 4.0]]), np.array([-2.5, -6.0])
    hidden = 1 / (1 + np.exp(-(inputs @ weights + bias)))

    def predict(points):
        inner = 1 / (1 + np.exp(-(points @ weights + bias)))
        return 1 / (1 + np.exp(-(inner @ np.array([8.0, -8.0]) - 3.5)))

    figure = plot_decision_regions(predict, inputs, targets, title="A 2→2→1 network")
    plot_hidden_lines(weights, bias, figure.axes[0])
    return figure, hidden


def every_figure() -> dict[str, DescribedFigure]:
    """One figure from every figure function of the course, drawn from small fixed data."""
    inputs, targets = xor_data()
    regions, hidden = xor_regions()
    spiral = np.random.RandomState(0).randn(60, 2)
    return {
        "apple shop": draw_apple_shop(),
        "apples and oranges": draw_apple_shop(orange_price=150, orange_count=3),
        "neuron": draw_neuron(),
        "sigmoid graph": draw_sigmoid_graph(),
        "network": draw_network(
            [2, 2, 2],
            {f"W{k}": k / 10 for k in range(1, 9)},
            node_values={"h1": 0.5932},
            node_gradients={"o1": "δ=0.1385"},
            edge_notes={"W5": "0.0822"},
            highlight_nodes="h1",
            highlight_edges="W1",
            title="A network",
            caption="a caption",
        ),
        "losses": plot_losses({"one": np.exp(-np.arange(30) / 5), "two": np.exp(-np.arange(30) / 9)}),
        "linear attempts": plot_linear_attempts(inputs, targets, [([1, 1], -0.5), ([1, -1], -0.5)]),
        "regions and hidden lines": regions,
        "regions, many points": plot_decision_regions(
            lambda p: (p[:, 0] > 0).astype(int), spiral, (spiral[:, 1] > 0).astype(int)
        ),
        "hidden space, pairs": plot_hidden_space(hidden, targets, point_names=["(0,0)", "(0,1)", "(1,0)", "(1,1)"]),
        "hidden space, 3d": plot_hidden_space(
            np.c_[hidden, hidden[:, :1] * 0.5],
            targets,
            kind="3d",
            point_names=["(0,0)", "(0,1)", "(1,0)", "(1,1)"],
            output_weights=[1.0, -1.0, 0.5],
            output_bias=[0.1],
        ),
        "softmax": plot_softmax([5.3, 0.3, 10.1]),
        "softmax with target": plot_softmax([5.3, 0.3, 10.1], temperature=3.0, target=0),
        "cross-entropy": plot_cross_entropy_curve({"document 001": 0.5987, "confident and wrong": 0.01}),
        **digits_figures(),
        "optimizer paths": plot_optimizer_paths(steps=20),
        "learning rates": plot_learning_rates(steps=20),
    }


def digits_figures() -> dict[str, DescribedFigure]:
    """Lesson 6's figures, drawn from small fixed data (no data set download)."""
    rng = np.random.RandomState(0)
    images, labels = rng.rand(12, 64), np.arange(12) % 10
    history = MiniBatchHistory(
        train_loss=[2.3, 0.5, 0.2],
        train_accuracy=[0.1, 0.85, 0.95],
        validation_loss=[2.2, 0.6, 0.3],
        validation_accuracy=[0.12, 0.8, 0.9],
        best_epoch=2,
    )
    probabilities = np.full((2, 10), 0.02)
    probabilities[0, 7], probabilities[0, 1] = 0.7, 0.14
    probabilities[1, 3], probabilities[1, 8] = 0.5, 0.34
    return {
        "digit grid": plot_digit_grid(images, labels, columns=6, rows=2),
        "class counts": plot_class_counts({"train": labels, "test": labels[:5]}),
        "learning curves": plot_learning_curves({"SGD": history}),
        "activation spread": plot_activation_spread({"scale 1": [rng.randn(50, 8), np.maximum(rng.randn(50, 8), 0)]}),
        "search": plot_search([0.1, 0.3], [32, 64], [[0.91, 0.95], [0.93, 0.972]]),
        "confusion": plot_confusion([0, 1, 1, 2], [0, 1, 2, 2]),
        "misclassified": plot_misclassified(images[:2], [1, 8], probabilities),
        "first-layer weights": plot_first_layer_weights(rng.randn(64, 8)),
        "digit probabilities": plot_digit_probabilities(images[0], probabilities[0], true_class=1),
    }


@pytest.fixture(scope="module")
def drawn() -> tuple[dict[str, DescribedFigure], list[int]]:
    """Every figure, drawn once, and the pyplot figures still open after drawing them all."""
    plt.close("all")
    figures = every_figure()
    return figures, plt.get_fignums()


@pytest.fixture(scope="module")
def figures(drawn) -> dict[str, DescribedFigure]:
    return drawn[0]


def test_every_figure_function_returns_a_described_figure(figures):
    for name, figure in figures.items():
        assert isinstance(figure, DescribedFigure), name
        assert figure.descriptions, f"{name}: no description was added (the fallback would only read titles)"


@pytest.mark.parametrize(
    "name, numbers",
    [
        ("apple shop", ["220", "2.2", "110", "200"]),
        ("neuron", ["0.5987", "-0.2007"]),
        ("network", ["W1 from x1 to h1 = 0.1", "h1 0.5932", "o1 δ=0.1385", "W5 0.0822", "In focus: h1, W1"]),
        ("losses", ["30 epochs", "one:", "two:"]),
        ("linear attempts", ["x1 + x2 - 0.5 > 0 gets 3 of 4 right; wrong: (1, 1)", "x1 - x2 - 0.5"]),
        ("regions and hidden lines", ["(0, 1), class 1", "of 4 points", "h1: 6·x1 + 6·x2 - 2.5 = 0"]),
        ("regions, many points", ["class 0: ", "of 60 points"]),
        ("hidden space, 3d", ["(0,1) at (", "The plane where the output unit is 0.5, h1 - h2 + 0.5·h3 + 0.1 = 0"]),
        ("softmax", ["class 2, score 10.1: probability 0.992"]),
        ("softmax with target", ["gradient -0.837", "Cross-entropy -log y0 = 1.815"]),
        ("cross-entropy", ["document 001: p = 0.5987, L = 0.513"]),
        ("search", ["learning rate 0.3: 32 units 93.0 %, 64 units 97.2 %", "Best: learning rate 0.3, 64 hidden units"]),
        ("confusion", ["3 of 4 test digits", "1 taken for 2 1×"]),
        ("misclassified", ["true 1, said 7 with p = 0.70 (p of the true class 0.14)"]),
        ("learning curves", ["SGD: 3 epochs", "validation loss 0.3 and accuracy 0.9"]),
        ("digit probabilities", ["7: 0.700", "The true class is 1."]),
    ],
)
def test_descriptions_are_written_from_the_figures_own_numbers(figures, name, numbers):
    description = figures[name].description
    for number in numbers:
        assert number in description, f"{name}: {number!r} missing from {description!r}"


def test_a_description_changes_with_the_data():
    assert draw_apple_shop(apple_count=3).description != draw_apple_shop(apple_count=2).description
    assert "330" in draw_apple_shop(apple_count=3).description
    assert plot_softmax([1.0, 2.0]).description != plot_softmax([2.0, 1.0]).description


def test_descriptions_speak_the_notebooks_language(figures):
    """The Korean edition describes every figure in Korean (issue 16), from the same numbers."""
    use_language("ko")
    try:
        korean = every_figure()
    finally:
        use_language("en")
    for name, figure in korean.items():
        assert HANGUL.search(figure.description), (
            f"{name}: the Korean description has no Hangul: {figure.description!r}"
        )
        assert not HANGUL.search(figures[name].description), f"{name}: the English description has Hangul"
    for name, number in (("apple shop", "220"), ("softmax", "0.992"), ("losses", "30"), ("network", "0.5932")):
        assert number in korean[name].description, f"{name}: {number!r} missing from {korean[name].description!r}"


def test_a_figure_shows_itself_as_an_image_whose_alt_text_is_its_description():
    figure = plot_softmax([1.0, 2.0])
    bundle = figure._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"}
    assert bundle["text/plain"] == figure.description
    alt = re.fullmatch(
        r'<img class="backprop-figure" src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="([^"]*)">', bundle["text/html"]
    ).group(1)
    assert html.unescape(alt) == figure.description
    quoted = figure_bundle(b"\x89PNG", 'a "quoted" <b>text</b>')["text/html"]
    assert 'alt="a &quot;quoted&quot; &lt;b&gt;text&lt;/b&gt;"' in quoted


def test_with_drawing_off_a_figure_shows_its_description_only(monkeypatch, tmp_path):
    """The grader's kernels run with BACKPROP_DRAW_FIGURES=0 (set in their kernel spec): no PNG is drawn."""
    figure = plot_losses([1.0, 0.5, 0.25], title="three epochs")
    monkeypatch.setenv(DRAW_FIGURES_VARIABLE, "0")
    assert figure._repr_mimebundle_() == {"text/plain": figure.description}
    monkeypatch.setenv(DRAW_FIGURES_VARIABLE, "1")
    assert set(figure._repr_mimebundle_()) == {"text/html", "text/plain"}
    spec = spec_folder(write_kernel_spec(tmp_path, Limits(), False, []))
    assert json.loads((spec / "kernel.json").read_text())["env"][DRAW_FIGURES_VARIABLE] == "0"


def test_linear_text_writes_signs_as_a_reader_expects():
    assert linear_text([1, -1], ["x1", "x2"], -0.5) == "x1 - x2 - 0.5"
    assert linear_text([-2.5, 3], ["x1", "x2"], 0) == "-2.5·x1 + 3·x2 + 0"


def text_background(text: Text):
    """The colour behind a text: its own box when it has one, else the figure's (white) background."""
    box = text.get_bbox_patch()
    if box is not None and box.get_facecolor()[3] > 0:
        return box.get_facecolor()
    return text.figure.get_facecolor()


def test_text_in_every_figure_is_large_enough_and_has_enough_contrast(figures):
    problems = []
    for name, figure in figures.items():
        figure.canvas.draw()  # lays out legends, ticks, titles
        for text in figure.findobj(Text):
            if not text.get_visible() or not text.get_text().strip():
                continue
            words = text.get_text().strip().replace("\n", " ")[:40]
            if text.get_fontsize() < MIN_FONT_POINTS:
                problems.append(f"{name}: {words!r} is {text.get_fontsize():g} pt")
            ratio = contrast(text.get_color(), text_background(text))
            if ratio < MIN_CONTRAST:
                problems.append(f"{name}: {words!r} has contrast {ratio:.2f}:1 ({text.get_color()})")
    assert not problems, "\n".join(problems)


def test_text_on_node_fills_is_black_and_readable():
    for fill in (palette.NODE_FILL, palette.HIGHLIGHT):  # nodes and highlighted nodes carry black labels
        assert contrast(palette.BLACK, fill) >= MIN_CONTRAST
    assert matplotlib.rcParams["text.color"] in ("black", "#000000", palette.BLACK)


def test_no_pyplot_figure_stays_open(drawn):
    assert drawn[1] == []


# Stored notebooks ---------------------------------------------------------------------------------

ALT = re.compile(r'<img\b[^>]*\balt="([^"]+)"')


def figure_outputs(notebook: Path) -> list[tuple[str, dict]]:
    """Every output of a notebook that shows a picture: (cell id, output)."""
    found = []
    for cell in nbformat.read(str(notebook), as_version=4).cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data or "image/svg+xml" in data or "<img" in data.get("text/html", ""):
                found.append((cell.get("id", "?"), output))
    return found


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_stored_figure_has_a_text_alternative(notebook: Path):
    outputs = figure_outputs(notebook)
    assert outputs, f"{notebook.name} shows no figure at all; the test would check nothing"
    missing = []
    for cell_id, output in outputs:
        data = output["data"]
        match = ALT.search(data.get("text/html", ""))
        if match is None or "image/png" in data or "image/svg+xml" in data:
            missing.append(cell_id)  # an image/png output is drawn without alt text by JupyterLab
        elif len(html.unescape(match.group(1))) < 40:
            missing.append(f"{cell_id} (alt text too short to describe anything: {match.group(1)!r})")
    print(f"{notebook.relative_to(REPO)}: {len(outputs)} figure outputs, {len(outputs) - len(missing)} described")
    assert not missing, f"{notebook.name}: figure outputs without a text alternative in cells {missing}"


def test_the_contrast_check_rejects_okabe_ito_vermillion_as_text():
    """Why text uses the darkened *_TEXT shades: the palette's own vermillion is too light for text."""
    assert contrast(palette.VERMILLION, palette.WHITE) < MIN_CONTRAST <= contrast(palette.GRADIENT_TEXT, palette.WHITE)


SHELL_AFTER_IMPORT = """
import os, sys
import backprop_lib.figures.described as described  # imported first, as in a process kernels are forked from
from IPython.core.interactiveshell import InteractiveShell
from matplotlib_inline.backend_inline import configure_inline_support

shell = InteractiveShell.instance()
configure_inline_support(shell, "inline")  # what a kernel's inline backend does: a PNG for every Figure
figure = described.new_figure()
figure.add_subplot().plot([1, 2])
print(sorted(shell.display_formatter.format(figure)[0]))
os.environ[sys.argv[1]] = "0"  # a grading kernel's setting: no picture at all
print(sorted(shell.display_formatter.format(figure)[0]))
"""


def test_a_figure_is_shown_once_also_where_the_shell_starts_after_the_library_was_imported():
    shown = subprocess.run(
        [sys.executable, "-c", SHELL_AFTER_IMPORT, DRAW_FIGURES_VARIABLE], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert shown == ["['text/html', 'text/plain']", "['text/plain']"]  # no second copy as image/png, no PNG drawn
