"""Prompt files of the judges (tasks/judge.py)."""
