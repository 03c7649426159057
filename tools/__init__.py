"""Maintenance commands of the course, run as ``python -m tools.<name>`` (see the Makefile)."""
