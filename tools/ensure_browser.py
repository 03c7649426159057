"""Make sure the browser test has a Chromium to drive, installing Debian's package in CI.

``make test`` runs this before pytest. Where Chromium is missing and we are root with apt-get
(as in CI, CI=true), it runs ``apt-get update && apt-get install -y chromium``. Anywhere else it
only says that the browser test will be skipped and why. It never fails the build: if the
install is impossible, tests/test_browser.py skips with the same reason.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

DEBIAN_CHROMIUM = "/usr/bin/chromium"


def find_chromium() -> str | None:
    """The Chromium binary the browser test uses: Debian's /usr/bin/chromium, else `chromium` on PATH."""
    if os.access(DEBIAN_CHROMIUM, os.X_OK):
        return DEBIAN_CHROMIUM
    return shutil.which("chromium")


def can_install() -> tuple[bool, str]:
    """Whether this process may install a system package, and if not, why not."""
    if os.environ.get("CI", "").lower() != "true":
        return False, "not in CI (CI=true is not set), so no system package is installed"
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False, "not running as root"
    if shutil.which("apt-get") is None:
        return False, "apt-get is not available (not a Debian-like system)"
    return True, ""


def install_chromium() -> bool:
    """apt-get update && apt-get install -y chromium, quietly; True when it worked."""
    environment = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq", "chromium"]):
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


def main() -> int:
    """Report (and in CI provide) the browser; always exit 0 so the build goes on to the tests."""
    found = find_chromium()
    if found:
        print(f"ensure_browser: using Chromium at {found}.")
        return 0
    allowed, why_not = can_install()
    if not allowed:
        print(f"ensure_browser: Chromium not found ({DEBIAN_CHROMIUM} or `chromium` on PATH) and {why_not}; "
              "the browser test (tests/test_browser.py) will be skipped. "
              "To run it, install Debian's package: sudo apt-get install chromium")
        return 0
    print("ensure_browser: Chromium not found; installing Debian's `chromium` package with apt-get "
          "(a minute or two) ...", flush=True)
    if install_chromium() and find_chromium():
        print(f"ensure_browser: installed Chromium at {find_chromium()}.")
    else:
        print("ensure_browser: could not install Chromium; the browser test will be skipped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
