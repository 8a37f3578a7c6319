"""What a rule bot believes: a probability that each living other player is a werewolf.

Known teams are certain (0 or 1). The wolves not yet known share the rest of the probability in
proportion to a weight read off the talk. The weights are how often each kind of player turned out to
be a wolf in bot-only 5-player games on seeds 1000-1299 (a calibration apart from every test seed):
a proved liar always was; the believed seer, and a charged player who answers with a seer claim of its
own, were about twice as often as average; a player charged by the believed seer without a counter-claim
almost never was; otherwise more table suspicion meant more often. A wolf knows its pack exactly.
"""

from __future__ import annotations

from envs.village.board import Board

LIAR = 30.0
COUNTER_CLAIMER = 2.5
BELIEVED_SEER = 2.5
OTHER_CLAIMANT = 1.5
CHARGED = 0.08
BY_SUSPICION = (0.6, 1.0, 1.7, 1.7)
"""Weight by how many times the table named the player (0, 1, 2, 3 or more)."""
CAP = 0.95


def _weight(board: Board, player: str, believed_seer: str | None, charged: set[str], liars: set[str]) -> float:
    claimant = player in board.claimants
    if player in liars:
        return LIAR
    if player in charged:
        return COUNTER_CLAIMER if claimant else CHARGED
    if player == believed_seer:
        return BELIEVED_SEER
    if claimant:
        return OTHER_CLAIMANT
    return BY_SUSPICION[min(board.suspicion[player], len(BY_SUSPICION) - 1)]


def wolf_beliefs(board: Board, wolves_total: int, believed_seer: str | None) -> dict[str, float]:
    others = board.living(board.alive)
    known_wolves = {p for p, team in board.known_teams.items() if team == "wolves"} - {board.me}
    if board.known_roles.get(board.me) == "werewolf":
        return {p: float(p in known_wolves) for p in others}
    beliefs = {p: 1.0 if p in known_wolves else 0.0 for p in others if p in board.known_teams}
    unknown = [p for p in others if p not in board.known_teams]
    left = max(0, wolves_total - len(known_wolves))
    charged = set(board.charged_by(believed_seer)) if believed_seer and believed_seer != board.me else set()
    liars = set(board.liars())
    weights = {p: _weight(board, p, believed_seer, charged, liars) for p in unknown}
    total = sum(weights.values())
    for p in unknown:
        beliefs[p] = round(min(CAP, left * weights[p] / total), 4) if total and left else 0.0
    return {p: beliefs[p] for p in others}
