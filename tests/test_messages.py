"""The message catalogue: every sentence in both languages with the same placeholders, chosen by the notebook."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from backprop_lib.errors import SettingError
from backprop_lib.exercises import check_close, exercise_check, not_done_message
from backprop_lib.messages import LANGUAGES, MESSAGES, current_language, message, placeholders, use_language

HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture(autouse=True)
def english_afterwards():
    """Every test leaves the library speaking English, as a fresh kernel does."""
    yield
    use_language("en")


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_exists_in_both_languages_with_the_same_placeholders(key):
    texts = MESSAGES[key]
    assert set(texts) == set(LANGUAGES), f"{key} is in {sorted(texts)}, the course speaks {LANGUAGES}"
    assert all(texts[language].strip() for language in LANGUAGES), f"{key} has an empty text"
    assert placeholders(texts["en"]) == placeholders(texts["ko"]), (
        f"{key}: English fills {sorted(placeholders(texts['en']))}, Korean {sorted(placeholders(texts['ko']))}"
    )


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_korean_messages_are_korean_and_english_ones_are_not(key):
    texts = MESSAGES[key]
    english_only = {name for name in placeholders(texts["en"])}
    if re.sub(r"\{[^}]*\}|[^A-Za-z]", "", texts["en"]):  # a sentence with words, not only placeholders
        assert HANGUL.search(texts["ko"]), f"{key}: the Korean text has no Hangul: {texts['ko']!r}"
    bracketed = re.sub(r"\([^)]*\)", "", texts["en"])  # "(순전파)": Korean terms in brackets, as the course does
    assert not HANGUL.search(bracketed), f"{key}: the English text has Hangul outside brackets"
    assert english_only == placeholders(texts["ko"])


def test_the_notebook_not_the_locale_chooses_the_language(monkeypatch, capsys):
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    monkeypatch.setenv("LC_ALL", "ko_KR.UTF-8")
    assert current_language() == "en"
    with exercise_check(3):
        check_close("x", 0.5, 0.5)
    assert capsys.readouterr().out.splitlines()[-1] == "✓ Exercise 3 passed."
    use_language("ko")
    with exercise_check(3):
        check_close("x", 0.5, 0.5)
    assert capsys.readouterr().out.splitlines()[-1] == "✓ 연습 3 통과."


def test_check_failures_and_not_done_speak_the_chosen_language(capsys):
    use_language("ko")
    with exercise_check(2):
        check_close("grad_w5", 0.1, 0.02592286)
    assert capsys.readouterr().out == "✗ 연습 2: grad_w5 값은 0.02592286이어야 하는데, 지금은 0.10000000이에요.\n"
    with exercise_check(2):
        raise NotImplementedError("any stub")
    assert capsys.readouterr().out == not_done_message(2, "ko") + "\n"
    assert not_done_message(2).startswith("연습 2:")


def test_a_message_asked_for_in_a_language_ignores_the_notebook_choice():
    use_language("ko")
    assert message("check.passed", "en", number=1) == "✓ Exercise 1 passed."
    assert message("check.passed", number=1) == "✓ 연습 1 통과."


def test_an_unknown_language_is_refused_with_the_fix():
    with pytest.raises(SettingError, match=r'use_language\("ko"\)'):  # a course error, and a ValueError
        use_language("kr")
    assert current_language() == "en"


def test_a_learners_mistake_is_explained_in_the_notebooks_language():
    import numpy as np

    from backprop_lib import Affine, ShapeError

    layer = Affine(np.ones((2, 3)), np.zeros(3), name="hidden")
    use_language("ko")
    with pytest.raises(ShapeError) as error:
        layer.forward(np.ones(2))
    assert str(error.value) == (
        "hidden: 입력의 모양은 (배치, 2)이어야 해요(이 층의 입력 하나에 열 하나씩, 2열). "
        "그런데 모양이 (2,)인 배열 (float64)가 왔어요. "
        "샘플 하나에도 배치 축이 필요해요: x.reshape(1, -1)."
    )
    use_language("en")
    with pytest.raises(ShapeError, match=r"expected an input of shape \(batch, 2\)"):
        layer.forward(np.ones(2))


def test_the_training_report_line_follows_the_notebook(capsys):
    import numpy as np

    from backprop_lib import SGD, Affine, MeanSquaredError, Network, train

    def run() -> str:
        network = Network([Affine(np.array([[0.5]]), np.array([0.0]))])
        train(
            network,
            np.array([[1.0]]),
            np.array([[1.0]]),
            loss=MeanSquaredError(),
            optimizer=SGD(0.1),
            epochs=2,
            report_every=1,
        )
        return capsys.readouterr().out

    # w, b = 0.5, 0: loss (1 − 0.5)² = 0.25; one SGD step of 0.1 along −2(o − t) = 1 gives 0.6, 0.1: (1 − 0.7)² = 0.09
    assert run() == "Epoch 0/2, Loss: 0.2500\nEpoch 1/2, Loss: 0.0900\n"
    use_language("ko")
    assert run() == "에폭 0/2, 손실: 0.2500\n에폭 1/2, 손실: 0.0900\n"


ROOT = Path(__file__).resolve().parent.parent
EDITIONS = {"en": ROOT / "solutions", "ko": ROOT / "solutions" / "ko"}
QUOTED_CHECK = re.compile(r"`([^`\n]*(?:Exercise|연습) N\b[^`\n]*)`")  # e.g. `✓ Exercise N passed.` in a lesson's text


@pytest.mark.parametrize("language", sorted(EDITIONS))
def test_a_lessons_text_quotes_the_check_messages_its_notebook_prints(language):
    printed = [
        message("check.passed", language, number="N"),
        message("check.failed", language, number="N", reason=""),
        message("check.not_done", language, number="N"),
    ]
    quoted = {
        (path.name, quote)
        for path in sorted(EDITIONS[language].glob("[0-9][0-9]_*.ipynb"))
        for cell in nbformat.read(path, as_version=4).cells
        if cell.cell_type == "markdown"
        for quote in QUOTED_CHECK.findall(cell.source)
    }
    assert quoted, f"no lesson of the {language} edition quotes a check message"
    wrong = {(name, text) for name, text in quoted if not any(line.startswith(text.rstrip("…. ")) for line in printed)}
    assert not wrong, f"quoted, but never printed in {language}: {sorted(wrong)}; the checks print {printed}"


EITHER_PARTICLE = re.compile(r"\((?:으|이)\)|(?:을|를|이|가|은|는|과|와)\((?:을|를|이|가|은|는|과|와)\)")


@pytest.mark.parametrize("key", sorted(key for key in MESSAGES if key.startswith("describe.")))
def test_korean_figure_descriptions_need_no_either_or_particle(key):
    """A screen reader reads '1(으)로' as written: a description is worded so that no particle depends on a value."""
    assert not EITHER_PARTICLE.search(MESSAGES[key]["ko"]), MESSAGES[key]["ko"]
