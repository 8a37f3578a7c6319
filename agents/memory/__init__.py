"""Agents that learn from their own games: a SQLite store of past episodes and steps, retrieval over it
(exact state signature, BM25, their fusion), and the examples an agent's prompts show from it."""

from agents.memory.episode import EpisodeMemory
from agents.memory.retrieval import Document, Hit, Retriever
from agents.memory.store import Episode, Step, read_episodes, write_episode

__all__ = ["Document", "Episode", "EpisodeMemory", "Hit", "Retriever", "Step", "read_episodes", "write_episode"]
