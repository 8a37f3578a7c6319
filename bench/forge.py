"""Forge speed: env steps per second under random and expert play, and what the observation costs.

Every figure is also printed as a ratio to a bare rules step (apply one command, no observation, no
rendering) measured in the same process, since machines are noisy and ratios travel better.

    python bench/forge.py [--tier 5] [--variant base] [--seconds 2]
    python bench/forge.py --scores [--seeds 20] [--variant base] [--mode interactive]   # expert vs random
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import gymnasium as gym

import envs  # noqa: F401  (registers the ids)
from envs.forge import policies, render
from envs.forge.actions import perform
from envs.forge.state import ForgeState, advance
from envs.forge.view import legal_actions, observation_text


def record(env: gym.Env, seconds: float) -> list[tuple[ForgeState, str]]:
    """(state, accepted command) pairs from random play, to replay the bare rules on."""
    policy, pairs, seed = policies.random(env, seed=0), [], 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        observation, info = env.reset(seed=seed)
        terminated = False
        while not terminated:
            before = env.unwrapped.session.state
            action = policy(observation, info)
            observation, _, terminated, _, info = env.step(action)
            if info["invalid_action"] is None:
                pairs.append((before, action))
        seed += 1
    return pairs


def per_call(work: Callable[[], int], seconds: float) -> float:
    """Seconds per unit of work (work() returns how many units it did)."""
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        done += work()
    return (time.perf_counter() - start) / done


def bare(pairs: list[tuple[ForgeState, str]]) -> Callable[[], int]:
    def work() -> int:
        for state, command in pairs:
            advance(state, perform(state.realm, state.hero, command))  # type: ignore[arg-type]
        return len(pairs)

    return work


def over_states(
    pairs: list[tuple[ForgeState, str]], draw: Callable[[ForgeState], object], limit: int
) -> Callable[[], int]:
    states = [state for state, _ in pairs[:limit]]

    def work() -> int:
        for state in states:
            draw(state)
        return len(states)

    return work


def play(env_id: str, maker: str, options: dict) -> Callable[[], int]:
    """Env steps (policy included) of whole episodes with seeds counting up."""
    env = gym.make(env_id, **options)
    policy = policies.expert(env) if maker == "expert" else policies.random(env, seed=1)
    seeds = iter(range(10**9))

    def work() -> int:
        observation, info = env.reset(seed=next(seeds))
        steps, terminated = 0, False
        while not terminated:
            observation, _, terminated, _, info = env.step(policy(observation, info))
            steps += 1
        return steps

    return work


def steps_alone(maker: str, options: dict, seconds: float) -> float:
    """Seconds per env step (policy excluded, reset excluded): the loop an agent actually waits on."""
    env = gym.make("gamehall/Forge-v0", **options)
    policy = policies.expert(env) if maker == "expert" else policies.random(env, seed=1)
    stepping, steps, seed, start = 0.0, 0, 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        observation, info = env.reset(seed=seed)
        seed, terminated = seed + 1, False
        while not terminated:
            action = policy(observation, info)
            before = time.perf_counter()
            observation, _, terminated, _, info = env.step(action)
            stepping += time.perf_counter() - before
            steps += 1
    return stepping / steps


def resets(options: dict) -> Callable[[], int]:
    """A new world: generation plus the oracle's two solves (gold, then the plan that sets the budget)."""
    env = gym.make("gamehall/Forge-v0", **options)
    seeds = iter(range(10**9))

    def work() -> int:
        env.reset(seed=next(seeds))
        return 1

    return work


def scores(variant: str, mode: str, seeds: int) -> None:
    """Success % and mean progress of the expert and of random play, per tier, over `seeds` seeds."""
    print(f"Forge {variant} {mode}, {seeds} seeds a tier")
    heads = ("oracle steps", "expert ok%", "expert prog", "random ok%", "random prog")
    print(f"{'tier':>4} " + " ".join(f"{head:>12}" for head in heads))
    for tier in range(1, 10):
        env = gym.make("gamehall/Forge-v0", tier=tier, variant=variant, mode=mode)
        row = []
        for maker in (policies.expert(env), None):
            results = [episode(env, maker or policies.random(env, seed=seed), seed) for seed in range(seeds)]
            row.append((100 * sum(r["success"] for r in results) / seeds, sum(r["progress"] for r in results) / seeds))
            oracle = sum(r["oracle_steps"] for r in results) / seeds
        (expert_ok, expert_progress), (random_ok, random_progress) = row
        figures = (f"{oracle:.0f}", f"{expert_ok:.0f}", f"{expert_progress:.1f}", f"{random_ok:.0f}",
                   f"{random_progress:.1f}")
        print(f"{tier:>4} " + " ".join(f"{figure:>12}" for figure in figures))


def episode(env: gym.Env, policy: Callable[[str, dict], str], seed: int) -> dict:
    observation, info = env.reset(seed=seed)
    terminated = False
    while not terminated:
        observation, _, terminated, _, info = env.step(policy(observation, info))
    return info


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tier", type=int, default=5)
    parser.add_argument("--variant", default="base")
    parser.add_argument("--seconds", type=float, default=2.0, help="time spent on each figure")
    parser.add_argument("--scores", action="store_true", help="print expert vs random per tier instead")
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--mode", default="interactive")
    args = parser.parse_args()
    if args.scores:
        scores(args.variant, args.mode, args.seeds)
        return
    options = {"tier": args.tier, "variant": args.variant}
    pairs = record(gym.make("gamehall/Forge-v0", **options), args.seconds)
    baseline = per_call(bare(pairs), args.seconds)
    figures = {
        "bare rules step (baseline)": baseline,
        "env reset (world + oracle)": per_call(resets(options), args.seconds),
        "random play, per step": per_call(play("gamehall/Forge-v0", "random", options), args.seconds),
        "expert play, per step": per_call(play("gamehall/Forge-v0", "expert", options), args.seconds),
        "env step alone, random": steps_alone("random", options, args.seconds),
        "env step alone, expert": steps_alone("expert", options, args.seconds),
        "observation text": per_call(over_states(pairs, lambda s: observation_text(s, s.progress), 2000), args.seconds),
        "legal actions": per_call(over_states(pairs, legal_actions, 2000), args.seconds),
        "ansi render": per_call(over_states(pairs, render.ansi, 2000), args.seconds),
        "rgb_array render": per_call(over_states(pairs, render.rgb, 50), args.seconds),
    }
    print(f"Forge tier {args.tier} {args.variant}, {len(pairs)} recorded random steps, {args.seconds:g} s a figure")
    print("'play' figures: whole episodes (reset and policy included) / their steps; 'alone': env.step only")
    print(f"{'figure':<28} {'us/call':>10} {'calls/s':>12} {'x bare step':>12}")
    for name, seconds in figures.items():
        print(f"{name:<28} {seconds * 1e6:>10.1f} {1 / seconds:>12,.0f} {seconds / baseline:>12.1f}")


if __name__ == "__main__":
    main()
