"""Suites, the headless runner, results and the `gamehall` CLI."""
