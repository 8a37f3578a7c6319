"""Village speed: the gym step (one random seat; the bots play the others) against a bare rules step.

Every figure is printed as a ratio to a bare rules step (`WORLD.apply` of one recorded bot command: no
view, no bot, no event log) measured in the same process, since machines are noisy and ratios travel.
A gym step also plays every bot move up to the agent's next turn, so it is shown per move as well.

    python bench/village.py [--players 5] [--seconds 2]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import _pathfix  # noqa: F401  (the project before bench/ on sys.path)
import gymnasium as gym
import numpy as np

import envs  # noqa: F401  (registers the ids)
from envs.core import Session
from envs.village.rules import WORLD
from envs.village.scenario import make_scenario


def record(players: int, seconds: float) -> list[tuple[Any, str, str]]:
    """(state, seat, command) of every move of all-bot games, to replay the bare rules on."""
    pairs: list[tuple[Any, str, str]] = []
    seed, deadline = 0, time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        session = Session(WORLD, make_scenario(players=players), seed=seed)
        bots = {s: WORLD.policies()["bots"](session, s, seed) for s in session.seats}
        while not session.done:
            for seat in sorted(session.awaiting()):
                command = session.ask(seat, bots[seat])
                pairs.append((session.state, seat, command))
                session.act(seat, command)
        seed += 1
    return pairs


def bare(pairs: list[tuple[Any, str, str]]) -> Callable[[], int]:
    rng = np.random.default_rng(0)

    def work() -> int:
        for state, seat, command in pairs:
            WORLD.apply(state, seat, command, rng)
        return len(pairs)

    return work


def gym_steps(players: int, seconds: float) -> tuple[float, float]:
    """Seconds per env.step (resets excluded) and per move it made (the agent's and the bots')."""
    env = gym.make("gamehall/Village-v0", players=players, seat="random")
    rng, seed, stepping, steps, moves = np.random.default_rng(0), 0, 0.0, 0, 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        _, info = env.reset(seed=seed)
        seed, terminated = seed + 1, False
        while not terminated:
            legal = [a for a in info["legal_actions"] if "<" not in a] or ["pass"]
            action = legal[int(rng.integers(len(legal)))]
            before, made = time.perf_counter(), sum(s.actions + s.invalid for s in env.unwrapped.session.stats.values())
            _, _, terminated, _, info = env.step(action)
            stepping += time.perf_counter() - before
            moves += sum(s.actions + s.invalid for s in env.unwrapped.session.stats.values()) - made
            steps += 1
    return stepping / steps, stepping / moves


def per_call(work: Callable[[], int], seconds: float) -> float:
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        done += work()
    return (time.perf_counter() - start) / done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--players", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=2.0, help="time spent on each figure")
    args = parser.parse_args()
    pairs = record(args.players, args.seconds)
    baseline = per_call(bare(pairs), args.seconds)
    step, move = gym_steps(args.players, args.seconds)
    figures = {"bare rules step (baseline)": baseline, "gym step (bots included)": step, "gym step, per move": move}
    print(f"Village {args.players} players, {len(pairs)} recorded bot moves, {args.seconds:g} s a figure")
    print(f"{'figure':<28} {'us/call':>10} {'calls/s':>12} {'x bare step':>12}")
    for name, seconds in figures.items():
        print(f"{name:<28} {seconds * 1e6:>10.1f} {1 / seconds:>12,.0f} {seconds / baseline:>12.1f}")


if __name__ == "__main__":
    main()
