"""One episode's memory: reads the store when play starts, finds examples for each decision, records the
decisions, and (with `write: true`) files the finished game. Only successful games serve as examples."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agents.memory.retrieval import Document, Retriever
from agents.memory.store import Episode, Step, read_episodes, write_episode
from agents.seat import SeatClient
from envs.core.abstraction import Abstraction, generic

MAX_LINE = 200


def abstraction(world: str, view: dict[str, Any]) -> Abstraction:
    """The world's abstract names for `view` (the module its WorldSpec names as `memory`), else the generic
    ones (also for a world the registry does not know, e.g. a test's fake server)."""
    from envs.registry import WORLDS

    spec = WORLDS.get(world)
    if spec is None or not spec.memory:
        return generic(view)
    return importlib.import_module(spec.memory).abstract(view)


@dataclass(frozen=True)
class Example:
    """A retrieved memory, ready for a prompt (in this game's names)."""

    episode_id: int
    step: int
    line: str
    choice: str


class Recall:
    def __init__(self, spec: Any, world: str) -> None:
        self.spec, self.world = spec, world
        stored = read_episodes(spec.path) if Path(spec.path).exists() else []
        wins = [e for e in stored if e.success]
        self.steps = Retriever([Document((e.id, i), s.signature, f"{e.goal} {s.observation}", (e, s))
                                for e in wins for i, s in enumerate(e.steps) if s.valid])
        self.plans = Retriever([Document((e.id, 0), e.steps[0].signature if e.steps else "",
                                         f"{e.goal} {e.steps[0].observation if e.steps else ''} {e.plan}", e)
                                for e in wins])
        self.size = len(stored)
        self.retrieved: set[int] = set()
        self.decisions: list[Step] = []
        self.plan = ""

    # -- reading -----------------------------------------------------------------------------------

    def step_examples(self, now: Abstraction, k: int | None = None) -> list[Example]:
        """Stored decisions in situations like `now`: `observation -> choice` lines."""
        hits = self.steps.search(now.signature, f"{now.goal} {now.observation}", self.spec.k if k is None else k,
                                 self.spec.retrieval)
        examples = []
        for hit in hits:
            episode, step = hit.document.payload
            line = f"{now.specialize(step.observation)} -> {now.specialize(step.choice)}"
            examples.append(Example(episode.id, hit.document.id[1], line[:MAX_LINE * 2], now.specialize(step.choice)))
        self.retrieved.update(e.episode_id for e in examples)
        return examples

    def plan_examples(self, now: Abstraction) -> list[Example]:
        """Whole won games like this one: their goal, plan, and the moves that won."""
        hits = self.plans.search(now.signature, f"{now.goal} {now.observation}", self.spec.k, self.spec.retrieval)
        examples = []
        for hit in hits:
            episode: Episode = hit.document.payload
            moves = " ; ".join(s.choice for s in episode.steps if s.valid)
            plan = f" plan: {episode.plan}." if episode.plan else ""
            line = now.specialize(f"goal {episode.goal}.{plan} moves: {moves}")
            examples.append(Example(episode.id, 0, line[:MAX_LINE * 3], ""))
        self.retrieved.update(e.episode_id for e in examples)
        return examples

    # -- writing -----------------------------------------------------------------------------------

    def record(self, now: Abstraction, tool: str, arguments: dict[str, Any], choice: str, before: dict[str, Any],
               after: dict[str, Any] | None, thought: str = "") -> None:
        """One decision and what came of it (the score it moved; whether the world took it)."""
        after = after or {}
        valid = after.get("accepted", True) is not False and after.get("status") not in ("refused", "infeasible")
        reward = float(after.get("score", before.get("score", 0.0)) or 0.0) - float(before.get("score", 0.0) or 0.0)
        self.decisions.append(Step(now.observation, now.signature, tool, dict(arguments), now.generalize(choice),
                                   thought[:MAX_LINE], reward, valid))

    def finish(self, seat: SeatClient, agent: str, model: str, goal: str) -> int | None:
        """File the game (if this memory writes); the id it got, or None."""
        if not self.spec.write:
            return None
        view = seat.view
        result = view.get("result") or {}
        meta = seat.meta
        scores = {k: v for k, v in (result.get("metrics") or {}).items() if isinstance(v, int | float)}
        episode = Episode(key=str(meta.get("episode_id") or f"{self.world}:{view.get('game_id', '')}"),
                          world=self.world, task=str(meta.get("task", "")), options=dict(meta.get("options") or {}),
                          seed=int(meta.get("seed", -1)), model=model, agent=agent, goal=goal, plan=self.plan,
                          success=bool(view.get("done")) and bool(result.get("success")),
                          score=float(view.get("score", 0.0) or 0.0), scores=scores, tokens=seat.usage.tokens,
                          steps=self.decisions, retrieved=sorted(self.retrieved))
        return write_episode(self.spec.path, episode)


def example_block(examples: list[Example]) -> str:
    """Examples as prompt lines, or a note that there are none."""
    return "\n".join(f"- {e.line}" for e in examples) or "(none)"
