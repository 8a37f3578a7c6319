"""`gamehall learn`: does an agent get better at the test seeds as its memory of train games grows?

Train seeds are played in order, each game written into DIR/memory.sqlite; a copy is frozen at every
checkpoint (keep-all, and curated by exemplar utility). Then the test seeds are played read-only with each
copy, with the empty memory, and with 2 and 3 attempts of the memoryless agent (best-of-k). Test games open
their store read-only and never write, so no test seed ever enters it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agents.memory.store import create_empty, freeze
from tasks.curate import low_utility
from tasks.records import EpisodeRecord
from tasks.runner import RunConfig, Runner
from tasks.suite import Suite

ATTEMPTS = (2, 3)
RETRY_TEMPERATURE = 0.7  # a deterministic agent's second attempt would repeat its first


@dataclass
class LearnConfig:
    suite: Suite
    agent: dict[str, Any]
    train_seeds: list[int]
    test_seeds: list[int]
    checkpoints: list[int]
    out_dir: str
    train_agent: dict[str, Any] | None = None
    concurrency: int = 1
    say: Callable[[str], None] = print
    agent_factory: Callable[[Any], Any] | None = None


@dataclass
class Condition:
    """One test phase: a memory copy (or none) and which attempt of the agent plays."""

    name: str
    checkpoint: int
    curation: str
    store: str | None
    attempt: int = 1
    records: list[EpisodeRecord] = field(default_factory=list)


def parse_seeds(text: str) -> list[int]:
    """`A-B` (inclusive) or `A` as seeds."""
    head, _, tail = text.partition("-")
    try:
        start, end = int(head), int(tail or head)
    except ValueError:
        raise ValueError(f"seeds must be A-B or A (whole numbers), got {text!r}") from None
    if start < 0 or end < start:
        raise ValueError(f"seed range {text!r} must be A-B with 0 <= A <= B")
    return list(range(start, end + 1))


def check(config: LearnConfig) -> None:
    shared = sorted(set(config.train_seeds) & set(config.test_seeds))
    if shared:
        raise ValueError(f"train and test seeds overlap: {shared[:5]}")
    total = len(config.train_seeds) * len(config.suite.tasks)
    late = [c for c in config.checkpoints if c > total or c < 1]
    if late:
        raise ValueError(f"checkpoints must be between 1 and the {total} train episodes; got {late}")


def default_checkpoints(total: int) -> list[int]:
    return sorted({max(1, total // 4), max(1, total // 2), total})


async def learn(config: LearnConfig) -> list[Condition]:
    check(config)
    out = Path(config.out_dir)
    memory = out / "memory.sqlite"
    if not memory.exists():
        create_empty(memory)
    await _train(config, memory)
    conditions = _conditions(config, out)
    for condition in conditions:
        config.say(f"test: {condition.name} ({len(config.test_seeds)} seeds x {len(config.suite.tasks)} tasks)")
        condition.records = await _play(config, _test_agent(config, condition), config.test_seeds,
                                        out / "test" / condition.name)
    return conditions


async def _train(config: LearnConfig, memory: Path) -> None:
    spec = _with_memory(config.train_agent or config.agent, config.agent, str(memory), write=True)
    played = 0
    for seed in config.train_seeds:
        for task in config.suite.tasks:
            records = await _play(config, spec, [seed], Path(config.out_dir) / "train", tasks=[task])
            played += 1
            config.say(f"train {played}: {task.name} seed {seed}: success={records[0].success} "
                       f"status={records[0].status}")
            if played in config.checkpoints:
                _freeze(memory, Path(config.out_dir) / "checkpoints", played)


def _freeze(memory: Path, folder: Path, played: int) -> None:
    """The store as it is after `played` train games: as is, and curated (low-utility games dropped)."""
    keep_all, curated = folder / f"keep-all-{played}.sqlite", folder / f"curated-{played}.sqlite"
    if not keep_all.exists():  # a resumed run has frozen it already, at the right moment
        freeze(memory, keep_all)
        freeze(memory, curated, drop=low_utility(keep_all))


def _conditions(config: LearnConfig, out: Path) -> list[Condition]:
    empty = out / "checkpoints" / "keep-all-0.sqlite"
    if not empty.exists():
        create_empty(empty)
    found = [Condition("empty", 0, "keep-all", str(empty))]
    for checkpoint in sorted(set(config.checkpoints)):
        for curation in ("keep-all", "curated"):
            store = out / "checkpoints" / f"{curation}-{checkpoint}.sqlite"
            found.append(Condition(f"{curation}-{checkpoint}", checkpoint, curation, str(store)))
    found += [Condition(f"attempt-{a}", 0, "none", None, attempt=a) for a in ATTEMPTS]
    return found


def _test_agent(config: LearnConfig, condition: Condition) -> dict[str, Any]:
    if condition.store is not None:
        return _with_memory(config.agent, config.agent, condition.store, write=False)
    spec = {k: v for k, v in config.agent.items() if k != "memory"}
    spec["seed"] = int(spec.get("seed", 0)) + condition.attempt - 1
    if not spec.get("temperature"):
        spec["temperature"] = RETRY_TEMPERATURE
    if spec.get("kind") == "copy":  # the copy agent without memory is its random fallback
        spec["memory"] = {"path": str(Path(config.out_dir) / "checkpoints" / "keep-all-0.sqlite"), "k": 0}
    return spec


def _with_memory(agent: dict[str, Any], template: dict[str, Any], path: str, *, write: bool) -> dict[str, Any]:
    """`agent` with a memory at `path`; k, mode and retrieval come from `template`'s memory if it has one."""
    memory = {k: v for k, v in (template.get("memory") or {}).items() if k in ("k", "mode", "retrieval")}
    return {**agent, "memory": {**memory, "path": path, "write": write}}


async def _play(config: LearnConfig, agent: dict[str, Any], seeds: list[int], out: Path,
                tasks: list[Any] | None = None) -> list[EpisodeRecord]:
    chosen = tasks or config.suite.tasks
    suite = config.suite.model_copy(update={
        "agents": [agent], "tasks": [t.model_copy(update={"seeds": list(seeds), "repeats": 1}) for t in chosen]})
    runner = Runner(RunConfig(suite=suite, agents=[agent], out_dir=str(out), concurrency=config.concurrency,
                              display="none", agent_factory=config.agent_factory))
    return (await runner.run()).records


def run_learn(config: LearnConfig) -> list[Condition]:
    return asyncio.run(learn(config))
