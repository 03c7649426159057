"""Hangul in figures on every machine: NanumGothic (SIL OFL 1.1), installed by pip with the course.

The font files come in the ``koreanize-matplotlib`` wheel (a base dependency). That package is never
imported (its import needs ``distutils``, gone from Python 3.12): its folder is located with
importlib and the files are registered with matplotlib's font manager directly. Figures use the
font only where needed: in the Korean edition ``font_family("ko")`` keeps matplotlib's default
sans-serif (DejaVu Sans, which also sets numbers and math) first and adds NanumGothic as the
fallback that draws each Hangul glyph; ``font_family("en")`` is matplotlib's default, untouched.
(NanumGothic first would break log-scale tick labels: mathtext takes the first family, and
NanumGothic has no "−".)
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from .errors import CourseError
from .messages import message

KOREAN_FAMILY = "NanumGothic"
FONT_PACKAGE = "koreanize_matplotlib"
DEFAULT_FAMILY = "sans-serif"  # matplotlib's default: DejaVu Sans


class FontMissing(CourseError, RuntimeError):
    """The Korean font files are not installed."""


def korean_font_files() -> list[Path]:
    """The NanumGothic TTF files of the installed font package (regular, bold, extra bold, light)."""
    spec = importlib.util.find_spec(FONT_PACKAGE)
    folders = list(spec.submodule_search_locations or []) if spec else []
    files = sorted(path for folder in folders for path in (Path(folder) / "fonts").glob("NanumGothic*.ttf"))
    if not files:
        raise FontMissing(message("error.fonts.missing"))
    return files


@cache
def register_korean_font() -> str:
    """Register the NanumGothic files with matplotlib (once per process); the family name to use."""
    from matplotlib import font_manager

    for path in korean_font_files():
        font_manager.fontManager.addfont(str(path))
    return KOREAN_FAMILY


def font_family(language: str) -> list[str]:
    """matplotlib's ``font.family`` for an edition: the default font, plus NanumGothic for Hangul in Korean."""
    if language == "ko":
        return [DEFAULT_FAMILY, register_korean_font()]
    return [DEFAULT_FAMILY]
