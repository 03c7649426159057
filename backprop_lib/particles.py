"""Korean particles that depend on the sound before them: 을/를, 이/가, 은/는, 과/와, 으로/로, 이라/라.

A Korean sentence with a value in it is written with both forms, "{got}이(가) 왔어요", because the value is not
known when the sentence is written. Once the value is filled in, the form that fits its last sound is kept:
"64가 왔어요", "1.0이 왔어요", "배열을". Where that sound cannot be told from the text (a Latin letter, a symbol)
both forms stay, as Korean software usually writes them.
"""

from __future__ import annotations

import re

PAIRS = {  # written form: (after a final consonant, after a vowel)
    "을(를)": ("을", "를"),
    "이(가)": ("이", "가"),
    "은(는)": ("은", "는"),
    "과(와)": ("과", "와"),
    "(으)로": ("으로", "로"),
    "(이)라": ("이라", "라"),
}
COPULAS = {  # written form: (after a final consonant, after a vowel); the first where the sound is unknown
    "(이)에요": ("이에요", "예요"),
    "(이)어야": ("이어야", "여야"),
}
PATTERN = re.compile("|".join(re.escape(written) for written in [*COPULAS, *PAIRS]))
RIEUL = 8  # the final ㄹ: after it, (으)로 is 로 (서울로, 1로)
# a number's last digit as it is read: 영 일 이 삼 사 오 육 칠 팔 구 (ㅇ ㄹ - ㅁ - - ㄱ ㄹ ㄹ -)
DIGIT_FINALS = {"0": 21, "1": 8, "2": 0, "3": 16, "4": 0, "5": 0, "6": 1, "7": 8, "8": 8, "9": 0}
CLOSING = ")]}'\"`"  # "[64]" is read as 64: look inside the brackets and quotes that end a value


def final_consonant(text: str) -> int | None:
    """The final consonant (받침) of the last sound of ``text``: 0 for none, None when it cannot be told.

    A number ending in 0 is read 영, 십, 백, 천 or 만: a final consonant other than ㄹ in every case.
    """
    last = text.rstrip(CLOSING)[-1:]
    if "가" <= last <= "힣":
        return (ord(last) - ord("가")) % 28
    return DIGIT_FINALS.get(last)


def attach_particles(text: str) -> str:
    """Keep the form of every written-both-ways particle that fits the sound before it."""

    def chosen(match: re.Match) -> str:
        final = final_consonant(text[: match.start()])
        written = match.group()
        if written in COPULAS:  # "0.375(이)어야" → "0.375여야"; "grad_w(이)어야" → "grad_w이어야"
            after_consonant, after_vowel = COPULAS[written]
            return after_vowel if final == 0 else after_consonant
        if final is None:
            return written
        after_consonant, after_vowel = PAIRS[written]
        if written == "(으)로" and final == RIEUL:
            return after_vowel
        return after_consonant if final else after_vowel

    return PATTERN.sub(chosen, text)
