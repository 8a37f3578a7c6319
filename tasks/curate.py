"""Exemplar-level curation: a stored game's utility is how often the games that were shown it won.

utility = (wins among the games that retrieved it + 1) / (times retrieved + 2), Laplace-smoothed so a game
never retrieved keeps the prior 1/2. The curated store keeps the won games at or above the prior; lost
games are never examples, so it drops them too."""

from __future__ import annotations

from pathlib import Path

from agents.memory.store import read_episodes

PRIOR = 0.5


def utilities(path: str | Path) -> dict[int, float]:
    """Each stored episode's smoothed utility as an example, by id."""
    episodes = read_episodes(path)
    won = {e.id: e.success for e in episodes}
    uses = {e.id: 0 for e in episodes}
    wins = {e.id: 0 for e in episodes}
    for episode in episodes:
        for shown in set(episode.retrieved):
            if shown in uses:
                uses[shown] += 1
                wins[shown] += int(won[episode.id])
    return {i: (wins[i] + 1) / (uses[i] + 2) for i in uses}


def low_utility(path: str | Path) -> list[int]:
    """The ids the curated copy drops: lost games, and won games whose retrieval led to losses."""
    scores = utilities(path)
    won = {e.id: e.success for e in read_episodes(path)}
    return sorted(i for i, u in scores.items() if not won[i] or u < PRIOR)
