"""Prompt files of the agents (markdown with $placeholders)."""
