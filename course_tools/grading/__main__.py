"""``backprop-grade``: grade a folder of submissions, or ``--validate`` the assignment."""

import sys

from .cli import main

sys.exit(main())
