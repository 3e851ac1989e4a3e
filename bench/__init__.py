"""Benchmarks run against the real infrastructure: `python -m bench.<name>`."""
