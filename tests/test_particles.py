"""Korean particles after a filled-in value: the form that fits its last sound, or both where it cannot be told."""

from __future__ import annotations

import pytest

from backprop_lib.messages import message
from backprop_lib.particles import attach_particles


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("64이(가) 왔어요", "64가 왔어요"),  # 사: no final consonant
        ("1.0이(가) 왔어요", "1.0이 왔어요"),  # 영
        ("[0 5]이(가) 왔어요", "[0 5]가 왔어요"),  # inside the brackets: 오
        ("(2, 3)이(가) 왔어요", "(2, 3)이 왔어요"),  # 삼
        ("배열을(를)", "배열을"),
        ("결과은(는)", "결과는"),
        ("1(으)로", "1로"),  # after ㄹ: 로
        ("6(으)로", "6으로"),
        ("층(이)라는", "층이라는"),
        ("값과(와) 기울기", "값과 기울기"),
        ("'spiral'이(가) 왔어요", "'spiral'이(가) 왔어요"),  # a Latin letter: both forms stay
        ("momentum은(는)", "momentum은(는)"),
        ("0.375(이)어야", "0.375여야"),  # 오: no final consonant
        ("(3, 1)(이)에요", "(3, 1)이에요"),
        ("'f'(이)에요", "'f'이에요"),  # a copula takes the consonant form where the sound cannot be told
    ],
)
def test_the_particle_fits_the_sound_before_it(written, read):
    assert attach_particles(written) == read


def test_korean_messages_choose_their_particles_and_english_ones_are_as_written():
    korean = message("error.value.log", "ko", got="-2")
    assert "-2가 왔어요" in korean and "(가)" not in korean
    assert message("error.value.log", "en", got="-2").startswith("Value.log: expected a positive number, got -2 (")
