"""Make sure the browser test has a Chromium to drive, and a Hangul font for the Korean edition.

``make test`` runs this before pytest. Where Chromium or a Korean font is missing and we are root
with apt-get (as in CI, CI=true), it runs ``apt-get update && apt-get install -y chromium
fonts-noto-cjk`` (only the missing ones): without Noto CJK, Chromium draws the Korean lessons' text as
boxes. Anywhere else it only says what the browser test will skip and why. It never fails the
build: if the install is impossible, tests/test_browser.py skips with the same reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

DEBIAN_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_PACKAGE = "chromium"
HANGUL_FONT_PACKAGE = "fonts-noto-cjk"  # Noto Sans/Serif CJK: Hangul for Chromium's pages and screenshots


def find_chromium() -> str | None:
    """The Chromium binary the browser test uses: Debian's /usr/bin/chromium, else `chromium` on PATH."""
    if os.access(DEBIAN_CHROMIUM, os.X_OK):
        return DEBIAN_CHROMIUM
    return shutil.which("chromium")


def has_hangul_font() -> bool:
    """Whether the system has a font with Korean glyphs that Chromium can use (asked of fontconfig)."""
    if shutil.which("fc-list") is None:
        return False
    try:
        result = subprocess.run(["fc-list", ":lang=ko", "family"], capture_output=True, text=True, check=False)
    except OSError:
        return False
    return bool(result.stdout.strip())


def can_install() -> tuple[bool, str]:
    """Whether this process may install a system package, and if not, why not."""
    if os.environ.get("CI", "").lower() != "true":
        return False, "not in CI (CI=true is not set), so no system package is installed"
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False, "not running as root"
    if shutil.which("apt-get") is None:
        return False, "apt-get is not available (not a Debian-like system)"
    return True, ""


def install_packages(packages: list[str]) -> bool:
    """apt-get update && apt-get install -y PACKAGES, quietly; True when it worked."""
    environment = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *packages]):
        try:
            result = subprocess.run(command, env=environment, capture_output=True, text=True)
        except OSError as error:
            print(f"ensure_browser: could not run `{' '.join(command)}`: {error}")
            return False
        if result.returncode != 0:
            tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-5:])
            print(f"ensure_browser: `{' '.join(command)}` failed (exit {result.returncode}):\n{tail}")
            return False
    return True


def missing_packages() -> list[str]:
    """The Debian packages the browser test needs and this system lacks."""
    return ([] if find_chromium() else [CHROMIUM_PACKAGE]) + ([] if has_hangul_font() else [HANGUL_FONT_PACKAGE])


def main() -> int:
    """Report (and in CI provide) the browser and its Hangul font; always exit 0 so the build goes on to the tests."""
    missing = missing_packages()
    if not missing:
        print(f"ensure_browser: using Chromium at {find_chromium()}, with a Korean font.")
        return 0
    allowed, why_not = can_install()
    if not allowed:
        print(
            f"ensure_browser: missing {' and '.join(missing)} and {why_not}. Without chromium the browser test "
            f"(tests/test_browser.py) is skipped; without {HANGUL_FONT_PACKAGE} its Hangul check is skipped "
            f"(the Korean lessons would show boxes). To run everything: sudo apt-get install {' '.join(missing)}"
        )
        return 0
    print(f"ensure_browser: installing Debian's {' '.join(missing)} with apt-get (a minute or two) ...", flush=True)
    if install_packages(missing) and not missing_packages():
        print(f"ensure_browser: installed {' '.join(missing)}; Chromium at {find_chromium()}.")
    else:
        print(
            f"ensure_browser: could not install {' '.join(missing_packages())}; the browser test skips what needs it."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
