"""Every sentence the library shows a student, in English and Korean; the notebook chooses the language.

A lesson's first code cell calls ``use_language("en")`` (English edition) or ``use_language("ko")``
(Korean edition): the language belongs to the notebook, never to the machine's locale. Library code
asks for a sentence by key, ``message("check.passed", number=3)``, and gets it in that language.
tests/test_messages.py checks that every key has both languages with the same placeholders.
"""
from __future__ import annotations

import string

LANGUAGES = ("en", "ko")
_current = {"language": "en"}


def use_language(language: str) -> None:
    """Make the library speak ``language`` ("en" or "ko") from now on, in this kernel."""
    if language not in LANGUAGES:
        raise ValueError(f"use_language: the course speaks {' or '.join(map(repr, LANGUAGES))}, "
                         f"got {language!r}. Write use_language(\"en\") or use_language(\"ko\").")
    _current["language"] = language


def current_language() -> str:
    """The language chosen by the notebook ("en" until it calls use_language)."""
    return _current["language"]


def message(key: str, language: str | None = None, **values) -> str:
    """The sentence ``key`` in ``language`` (default: the notebook's), its {placeholders} filled in."""
    return MESSAGES[key][language or _current["language"]].format(**values)


def placeholders(text: str) -> set[str]:
    """The names of the {placeholders} of a sentence."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# key: {"en": ..., "ko": ...}. Korean as a lecturer writes it for first-year students: 해요체 in
# instructions, the documents' terms (기울기, 가중치, 학습률 …).
MESSAGES: dict[str, dict[str, str]] = {
    # --- exercise checks (backprop_lib.exercises) --------------------------------------------
    "check.not_done": {
        "en": "Exercise {number} is not done yet: write your answer in the exercise cell above "
              "(replace the ... or the raise line), run that cell, then run this check again.",
        "ko": "연습 {number}: 아직 답이 없어요. 위의 연습 셀에 답을 쓰고(... 또는 raise 줄을 바꾸세요) "
              "그 셀을 실행한 다음, 이 확인 셀을 다시 실행하세요.",
    },
    "check.passed": {"en": "✓ Exercise {number} passed.", "ko": "✓ 연습 {number} 통과."},
    "check.passed_hidden": {"en": "✓ Exercise {number} (hidden check) passed.",
                            "ko": "✓ 연습 {number} (숨은 확인) 통과."},
    "check.failed": {"en": "✗ Exercise {number}: {reason}", "ko": "✗ 연습 {number}: {reason}"},
    "check.raised": {"en": "✗ Exercise {number}: your code raised {error_type}: {error}{place}",
                     "ko": "✗ 연습 {number}: 여러분의 코드에서 {error_type} 오류가 났어요: {error}{place}"},
    "check.raised_at": {"en": " (line {line}: {code})", "ko": " ({line}번째 줄: {code})"},
    "check.still_ellipsis": {"en": "{name} is still ...", "ko": "{name}이(가) 아직 ... 그대로예요"},
    "check.not_a_number": {
        "en": "{name} should be a number or an array of numbers, got {type_name}.",
        "ko": "{name}은(는) 수 또는 수의 배열이어야 하는데, {type_name}이(가) 들어 있어요.",
    },
    "check.shape": {"en": "{name} has shape {got}, expected {expected}.",
                    "ko": "{name}의 모양(shape)이 {got}이에요. {expected}이어야 해요."},
    "check.not_finite": {"en": "{name} holds NaN or infinite values: {value}.",
                         "ko": "{name}에 NaN이나 무한대 값이 있어요: {value}."},
    "check.close_wrong": {"en": "{name} should be {expected}, but it is {got}.",
                          "ko": "{name}은(는) {expected}이어야 하는데, 지금은 {got}이에요."},
    # --- lesson stubs (course_tools.lessons writes them into the answer cells) ----------------
    "stub.header_one": {
        "en": "# Exercise {number} ({points} point): replace the ... or the raise line with your answer, "
              "then run the check below.",
        "ko": "# 연습 {number} ({points}점): ... 또는 raise 줄을 여러분의 답으로 바꾸고, 아래 확인 셀을 실행하세요.",
    },
    "stub.header_many": {
        "en": "# Exercise {number} ({points} points): replace the ... or the raise line with your answer, "
              "then run the check below.",
        "ko": "# 연습 {number} ({points}점): ... 또는 raise 줄을 여러분의 답으로 바꾸고, 아래 확인 셀을 실행하세요.",
    },
    "stub.your_answer": {"en": "# your answer", "ko": "# 여러분의 답"},
    # --- multiple-choice answers (backprop_lib.homework.record_choices) -----------------------
    "choice.one_letter": {
        "en": "{name} should be one letter in quotes, such as \"{example}\"; got {answer}.",
        "ko": "{name}은(는) \"{example}\"처럼 따옴표 안의 글자 하나여야 해요. 지금은 {answer}이에요.",
    },
    "choice.set_of_letters": {
        "en": "{name} should be a set of letters such as {{\"{example}\"}}; got {answer}.",
        "ko": "{name}은(는) {{\"{example}\"}}처럼 글자의 집합이어야 해요. 지금은 {answer}이에요.",
    },
    "choice.only_letters": {
        "en": "{name} may only hold the letters {letters}; got {answer}.",
        "ko": "{name}에는 {letters} 글자만 쓸 수 있어요. 지금은 {answer}이에요.",
    },
    "choice.recorded": {"en": "{name}: {letters} (recorded; graded when you hand in)",
                        "ko": "{name}: {letters} (기록했어요. 제출한 뒤에 채점해요)"},
    # --- describing what a learner passed (backprop_lib.errors.describe) ----------------------
    "describe.object": {"en": "a {type_name} ({value})", "ko": "{type_name} ({value})"},
    "describe.array": {"en": "an array of shape {shape} ({dtype})", "ko": "모양이 {shape}인 배열 ({dtype})"},
}
