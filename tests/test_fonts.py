"""Hangul in figures: the pip-installed NanumGothic draws every Korean glyph; English figures keep the default font.

matplotlib does not fail on a missing glyph: text warns "Glyph … missing from font(s) …", mathtext
logs "Font … does not have a glyph for …", and a box is drawn. Here either is an error. The
English-font case proves the check catches a missing glyph.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from backprop_lib import use_language  # noqa: E402
from backprop_lib.figures.curves import plot_losses  # noqa: E402
from backprop_lib.fonts import KOREAN_FAMILY, font_family, korean_font_files  # noqa: E402
from backprop_lib.messages import MESSAGES, message, placeholders  # noqa: E402

KOREAN_TEXT = "역전파 순전파 연쇄 법칙 계산 그래프 기울기 가중치 편향 활성화 함수 손실 학습률 은닉층 원-핫 인코딩"


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    use_language("en")
    plt.close("all")


class GlyphMissing(UserWarning):
    """A glyph matplotlib could not find: it would have drawn a box."""


class RaiseOnMissingGlyph(logging.Handler):
    """mathtext logs a missing glyph instead of warning: turn that record into an error too."""

    def emit(self, record: logging.LogRecord) -> None:
        if "does not have a glyph" in record.getMessage():
            raise GlyphMissing(record.getMessage())


def draw_strictly(figure) -> None:
    """Render a figure; a missing glyph is an error, not a box."""
    handler, logger = RaiseOnMissingGlyph(), logging.getLogger("matplotlib.mathtext")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=r".*Glyph .* missing from (current )?font")
            figure.canvas.draw()
    finally:
        logger.removeHandler(handler)


def figure_with(text: str):
    figure, axes = plt.subplots()
    axes.set_title(text, fontweight="bold")
    axes.set_xlabel(text)
    axes.text(0.5, 0.5, text)
    return figure


def test_the_font_files_ship_with_the_course_and_carry_their_licence():
    files = korean_font_files()
    assert {path.name for path in files} >= {"NanumGothic.ttf", "NanumGothicBold.ttf"}
    assert all(path.stat().st_size > 1_000_000 for path in files)  # real fonts, not pointers


def test_korean_edition_draws_every_hangul_glyph():
    use_language("ko")
    assert matplotlib.rcParams["font.family"] == ["sans-serif", KOREAN_FAMILY]
    draw_strictly(figure_with(KOREAN_TEXT + " ✓ −0.5"))


def test_hangul_is_drawn_with_nanumgothic():
    use_language("ko")
    found = font_manager.findfont(font_manager.FontProperties(family=KOREAN_FAMILY), fallback_to_default=False)
    assert Path(found).name == "NanumGothic.ttf"


@pytest.mark.parametrize("key", sorted(key for key in MESSAGES if key.startswith("figure.")))
def test_every_korean_figure_label_renders(key):
    use_language("ko")
    text = message(key, **{name: "1" for name in placeholders(MESSAGES[key]["ko"])})
    draw_strictly(figure_with(text))


def test_a_course_figure_speaks_korean_and_draws_it_log_scale_minus_signs_included():
    use_language("ko")
    figure = plot_losses({"훈련 손실": [1.0, 0.5, 0.01]})  # log scale: ticks like 10^−2 (mathtext)
    axes = figure.axes[0]
    assert (axes.get_title(), axes.get_xlabel()) == ("학습하는 동안의 손실", "에폭(epoch)")
    draw_strictly(figure)


def test_the_check_catches_a_missing_glyph_in_math_text():
    use_language("ko")
    figure = figure_with("$\\mathrm{역}$")
    with pytest.raises(GlyphMissing):
        draw_strictly(figure)


def test_the_check_catches_a_missing_glyph_in_the_english_font():
    use_language("en")
    with pytest.raises(UserWarning, match="Glyph"):
        draw_strictly(figure_with("역전파"))


def test_english_edition_keeps_matplotlibs_default_font():
    use_language("en")
    assert font_family("en") == ["sans-serif"]
    assert matplotlib.rcParams["font.family"] == ["sans-serif"]
