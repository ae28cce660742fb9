"""Benchmarks: `make bench` (python -m bench) measures the portal against its stack's floors."""
