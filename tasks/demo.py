"""`gamehall demo`: a scripted policy plays one episode on the Gymnasium env, shown as text."""

from __future__ import annotations

import argparse
import importlib

from tasks.options import parse_options


def _policy(world: str, name: str, env, seed: int):
    module = importlib.import_module(f"envs.{world}.policies")
    maker = getattr(module, name, None)
    if maker is None or name.startswith("_"):
        public = [n for n in getattr(module, "__all__", []) if callable(getattr(module, n))]
        raise ValueError(f"{world} has no policy {name!r}; policies: {', '.join(public)}")
    return maker(env, seed) if name == "random" else maker(env)


def run_demo(args: argparse.Namespace) -> int:
    import gymnasium as gym

    from envs.registry import world

    spec = world(args.world)
    env_id = spec.ids[0]
    env = gym.make(env_id, render_mode="ansi", **parse_options(args.option))
    policy = _policy(spec.name, args.policy, env, args.seed)
    observation, info = env.reset(seed=args.seed)
    print(env.render())
    total, steps, terminated, truncated = 0.0, 0, False, False
    while not (terminated or truncated) and steps < args.max_steps:
        action = policy(observation, info)
        observation, reward, terminated, truncated, info = env.step(action)
        steps += 1
        total += reward
        flag = f"  [refused: {info['invalid_action']}]" if info.get("invalid_action") else ""
        print(f"step {steps:>4}  > {action}{flag}")
        if args.frames:
            print(env.render())
    print(env.render())
    keys = [k for k in ("success", "progress", "score", "oracle_steps", "winner", "won") if k in info]
    print("result: " + ", ".join(f"{k}={info[k]}" for k in keys) + f", steps={steps}")
    env.close()
    return 0
