"""Benchmarks of the course (`make bench`): each prints ratios against a reference run in the same process."""
