"""Bot-versus-bot tables: play many seeded games with one policy at every seat and count the winners.

`python -m envs.village.tables` prints the figures for the 5- and 8-player tables (200 games each).
"""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from envs.core import Event, Observation, Policy, Session
from envs.core.playout import play_out
from envs.village.rules import WORLD, make_scenario
from envs.village.scenario import Scenario


def play(scenario: Scenario, seed: int, policy: str = "bots", guest: tuple[str, str] | None = None,
         personas: dict[str, Any] | None = None, beliefs: bool = False) -> Session:
    """One game with `policy` at every seat but the guest's (seat, policy); seat i is seeded from (seed, i).
    `personas` gives bot seats a card (plain data) each; `beliefs` logs every bot's wolf probabilities as a
    private `belief` event when it casts its day vote (what a model seat reports through the server)."""
    session = Session(WORLD, scenario, seed=seed)
    factories = WORLD.policies()
    chosen = {seat: policy for seat in session.seats} | dict([guest] if guest else [])
    personas = personas or {}
    players = {seat: factories[chosen[seat]](session, seat, seed * 1000 + i, **(
        {"persona": personas[seat]} if seat in personas else {})) for i, seat in enumerate(session.seats)}
    if beliefs:
        players = {seat: _reporting(session, seat, player) for seat, player in players.items()}
    play_out(session, players)
    return session


def _reporting(session: Session, seat: str, player: Policy) -> Policy:
    """`player`, noting its wolf probabilities (if it has any) before each day vote it casts."""
    if not hasattr(player, "beliefs"):
        return player

    def move(seen: Observation) -> str:
        if seen.data["phase"] == "vote":
            report = {"round": f"day {seen.data['day']}", "beliefs": player.beliefs()}
            session.note(Event("belief", seat=seat, data=report, to=frozenset({seat})))
        return player(seen)

    return move


def win_rates(scenario: Scenario, games: int, policy: str = "bots", first_seed: int = 0) -> dict[str, Any]:
    """Winners, mean days, mean village vote accuracy and invalid actions over `games` seeded games."""
    winners: Counter[str] = Counter()
    days, accuracy, invalid = [], [], 0
    for seed in range(first_seed, first_seed + games):
        session = play(scenario, seed, policy)
        metrics = session.result.metrics
        winners[metrics["winner"]] += 1
        days.append(metrics["days"])
        if metrics["vote_accuracy"] is not None:
            accuracy.append(metrics["vote_accuracy"])
        invalid += sum(stats.invalid for stats in session.stats.values())
    return {
        "games": games,
        "village": winners["village"] / games,
        "wolves": winners["wolves"] / games,
        "mean_days": sum(days) / games,
        "vote_accuracy": sum(accuracy) / len(accuracy) if accuracy else None,
        "invalid_actions": invalid,
    }


def guest_rates(scenario: Scenario, games: int, guest_policy: str = "random") -> dict[str, tuple[int, int]]:
    """One seat (a seeded draw) played by `guest_policy` among bots: (wins, games) by the guest's role."""
    tally: dict[str, list[int]] = {}
    for seed in range(games):
        seat = scenario.names[seed % scenario.players]
        session = play(scenario, seed, "bots", guest=(seat, guest_policy))
        role = session.state.roles[seat]
        won = bool(session.result.metrics["team_won"][seat])
        tally.setdefault(role, [0, 0])
        tally[role][0] += won
        tally[role][1] += 1
    return {role: (wins, n) for role, (wins, n) in sorted(tally.items())}


def main() -> None:
    parser = argparse.ArgumentParser(description="Village bot-vs-bot win rates over seeded games.")
    parser.add_argument("--games", type=int, default=200)
    parser.add_argument("--policy", default="bots")
    args = parser.parse_args()
    tables = {"5 players, 1 wolf": make_scenario(), "8 players, 2 wolves": make_scenario(players=8, wolves=2)}
    print("| table | games | village wins | wolves wins | mean days | village vote accuracy | invalid |")
    print("|---|---|---|---|---|---|---|")
    for name, scenario in tables.items():
        r = win_rates(scenario, args.games, args.policy)
        print(f"| {name} | {r['games']} | {r['village']:.1%} | {r['wolves']:.1%} | {r['mean_days']:.2f} "
              f"| {r['vote_accuracy']:.1%} | {r['invalid_actions']} |")
    print("\nOne seat played by the random policy among bots: the guest's team win rate by its role")
    for name, scenario in tables.items():
        rates = guest_rates(scenario, args.games)
        cells = ", ".join(f"{role} {wins}/{n} ({wins / n:.0%})" for role, (wins, n) in rates.items())
        print(f"- {name}: {cells}")


if __name__ == "__main__":
    main()
