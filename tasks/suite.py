"""Suites: YAML files of tasks, agents and limits, validated with pydantic; errors name file, line, field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from tasks.records import episode_id

SUITES_DIR = Path(__file__).parent / "suites"


class SuiteError(ValueError):
    """A suite file that cannot be used; the message is one line naming file, line and field."""


class SeedRange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    start: int = Field(default=0, ge=0, description="First seed.")
    count: int = Field(ge=1, le=100_000, description="How many consecutive seeds.")


class TaskSpec(BaseModel):
    """One task: a world with options, played on each seed (and repeat)."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=80)
    world: str = Field(description="A registered world (`gamehall worlds`).")
    options: dict[str, Any] = Field(default_factory=dict, description="World options, as for new_game.")
    seeds: list[int] | SeedRange = Field(default_factory=lambda: [0])
    repeats: int = Field(default=1, ge=1, le=1000)
    seat: str | None = Field(default=None, description="The seat the agent takes (many-seat worlds), else the "
                             "first.")
    arena: bool = Field(default=False, description="Seat the whole roster at one table per seed (a mixed "
                        "table); the other seats are bots. Off: each agent plays its own games.")
    persona: str | None = Field(default=None, max_length=60, description="A persona card for every roster entry "
                                "without its own: a card's name (tasks/personas), random, or gen-SEED.")

    @field_validator("world")
    @classmethod
    def _registered(cls, world: str) -> str:
        from envs.registry import world as find_world

        try:
            return find_world(world).name
        except KeyError as error:
            raise ValueError(error.args[0]) from None

    @field_validator("persona")
    @classmethod
    def _known_persona(cls, value: str | None) -> str | None:
        from tasks.personas import check_name

        return None if value is None else check_name(value)

    @field_validator("options")
    @classmethod
    def _options_exist(cls, options: dict[str, Any], info: ValidationInfo) -> dict[str, Any]:
        """Checked with the suite, so a bad option (tier: 12) names its line before anything is calibrated."""
        from envs.registry import world as find_world

        if "world" in info.data:  # else the world itself was refused, and that is the error shown
            find_world(info.data["world"]).check_options(options)
        return options

    def seed_list(self) -> list[int]:
        if isinstance(self.seeds, SeedRange):
            return list(range(self.seeds.start, self.seeds.start + self.seeds.count))
        return list(self.seeds)


class SuiteLimits(BaseModel):
    """Per-episode limits for every agent in the suite."""

    model_config = ConfigDict(extra="forbid")
    max_steps: int | None = Field(default=None, ge=1)
    max_seconds: float | None = Field(default=None, gt=0)
    max_tokens: int | None = Field(default=None, ge=1)
    max_cost_usd: float | None = Field(default=None, ge=0)


class Suite(BaseModel):
    """A benchmark suite."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=80)
    description: str = ""
    agents: list[dict[str, Any]] = Field(default_factory=lambda: [{"kind": "llm"}], min_length=1)
    limits: SuiteLimits = Field(default_factory=SuiteLimits)
    tasks: list[TaskSpec] = Field(min_length=1)

    @field_validator("tasks")
    @classmethod
    def _unique_names(cls, tasks: list[TaskSpec]) -> list[TaskSpec]:
        names = [t.name for t in tasks]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"task names must be unique; repeated: {twice}")
        return tasks


@dataclass(frozen=True)
class Seating:
    """One agent at a table: its spec, its label, and the id of the record its seat will produce."""

    agent: dict[str, Any]
    label: str
    episode_id: str


@dataclass(frozen=True)
class EpisodePlan:
    """One game to play: a task on a seed, by one agent, or by a mixed table of agents (an arena)."""

    episode_id: str
    task: TaskSpec
    seed: int
    repeat: int
    table: tuple[Seating, ...]

    @property
    def agent(self) -> dict[str, Any]:
        return self.table[0].agent

    @property
    def agent_label(self) -> str:
        return self.table[0].label


def resolve_path(name_or_path: str) -> Path:
    """A suite file by path, or a shipped suite by name (`smoke`, `core`, `full`)."""
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return path
    shipped = SUITES_DIR / f"{name_or_path}.yaml"
    if shipped.exists():
        return shipped
    names = sorted(p.stem for p in SUITES_DIR.glob("*.yaml"))
    raise SuiteError(f"no suite file {name_or_path!r}; shipped suites: {', '.join(names)}")


def load_suite(name_or_path: str) -> Suite:
    path = resolve_path(name_or_path)
    try:
        text = path.read_text()
    except OSError as error:
        raise SuiteError(f"{path}: cannot read: {error.strerror}") from None
    try:
        node = yaml.compose(text)
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise SuiteError(f"{path}{where}: not valid YAML: {getattr(error, 'problem', error)}") from None
    if not isinstance(raw, dict):
        raise SuiteError(f"{path}:1: a suite is a mapping with name, tasks (and agents, limits)")
    try:
        return Suite.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        loc = [str(p) for p in first["loc"] if not str(p).startswith(("list[", "SeedRange"))]
        line = _line_of(node, first["loc"])
        field = ".".join(loc) or "(top)"
        message = first["msg"].removeprefix("Value error, ")
        raise SuiteError(f"{path}:{line}: field {field}: {message}") from None


def _line_of(node: Any, loc: tuple) -> int:
    """The YAML line of the deepest node on `loc` that exists (1-based)."""
    line = node.start_mark.line + 1 if node is not None else 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            match = node.value[part]
        else:
            match = None
        if match is None:
            break
        node, line = match, match.start_mark.line + 1
    return line


def plan_episodes(suite: Suite, agents: list[dict[str, Any]], label: Any) -> list[EpisodePlan]:
    """Every game of the suite: per agent, or one mixed table per seed for arena tasks; `label(agent)`
    names an agent spec."""
    plans = []
    for task in suite.tasks:
        for seed in task.seed_list():
            for repeat in range(task.repeats):
                tables = [_table(task, seed, repeat, agents, label)] if task.arena else [
                    _table(task, seed, repeat, [agent], label) for agent in agents]
                plans += [EpisodePlan(table[0].episode_id, task, seed, repeat, table) for table in tables]
    return plans


def _table(task: TaskSpec, seed: int, repeat: int, agents: list[dict[str, Any]], label: Any) -> tuple[Seating, ...]:
    seated = []
    for position, agent in enumerate(agents):
        name = label(agent)
        key = f"{name}@{position}" if task.arena else name
        persona = agent.get("persona") or task.persona
        key += f"~{persona}" if persona else ""  # the same agent with and without a persona: two records
        seated.append(Seating(agent, name, episode_id(task.name, task.world, task.options, seed, key, repeat)))
    return tuple(seated)
