"""What the runner asks for: an agent's kind, models, ablation and limits, as one pydantic record."""

from __future__ import annotations

import time
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from agents.seat import SeatClient

DEFAULT_MODEL = "local/gemma-3-270m"
BUILT_IN = ("random", "expert", "llm", "hierarchical", "copy", "cmd", "python", "human")
ENTRY_POINTS = "gamehall.agents"
Ablation = Literal["full", "slow-only", "fast-only", "no-executor"]


class MemorySpec(BaseModel):
    """The agent's memory of its own past games (a SQLite store): where, how many examples, what kind."""

    model_config = ConfigDict(extra="forbid")
    path: str = Field(min_length=1, description="The store's SQLite file (one per world and agent profile).")
    k: int = Field(default=4, ge=0, le=32, description="Examples retrieved per decision (0: record only).")
    mode: Literal["plan", "step"] = Field(default="step", description="plan: whole-game examples for the "
                                          "planner (slow mind); step: observation -> choice examples per move.")
    write: bool = Field(default=False, description="Write this agent's finished games into the store.")
    retrieval: Literal["exact", "bm25", "fused"] = Field(
        default="fused", description="Exact state-signature match, BM25 over goal and observation, or both fused.")


class AgentSpec(BaseModel):
    """One agent configuration; stored with every result so the run can be rebuilt."""

    kind: str = Field(description="random, expert, llm, hierarchical, copy (replays stored moves); cmd (an "
                      "external program, `command`), "
                      "python (`factory`), human (gamehall play), or an agent kind registered in the "
                      "gamehall.agents entry points.")
    command: str | None = Field(default=None, description="cmd: the shell command that plays the seat.")
    factory: str | None = Field(default=None, description="python: `package.module:callable`, called with this "
                                "spec, returning an object with `async play(seat)`.")
    max_silent_s: float = Field(default=60.0, gt=0, description="cmd: longest time the game may wait for the "
                                "program's move before it counts as silent (status error).")
    model: str | None = Field(default=None, description="litellm model string (llm agent; default for both minds).")
    slow_model: str | None = Field(default=None, description="Hierarchical: the slow mind's model.")
    fast_model: str | None = Field(default=None, description="Hierarchical: the fast mind's model.")
    ablation: Ablation = Field(default="full", description="Hierarchical only: which minds play.")
    max_steps: int | None = Field(default=None, ge=1, description="Moves the agent may send.")
    max_tokens: int | None = Field(default=None, ge=1, description="Model tokens (in + out) it may spend.")
    max_cost_usd: float | None = Field(default=None, ge=0, description="Model cost it may spend, USD.")
    max_seconds: float | None = Field(default=None, gt=0, description="Wall time it may play.")
    temperature: float = Field(default=0.0, ge=0, le=2, description="Sampling temperature of every model call.")
    seed: int = Field(default=0, description="Seed of the agent's own choices (random agent, model sampling).")
    call_timeout_s: float = Field(default=60.0, gt=0, description="Longest wait for one model reply.")
    retries: int = Field(default=3, ge=0, le=10, description="Retries of a failing model call before giving up.")
    history_turns: int = Field(default=8, ge=1, description="LLM agent: turns kept verbatim in the prompt.")
    reask_ticks: int = Field(default=20, ge=1, description="Hierarchical: when only one option is offered it "
                             "is taken without asking, but at least every this many ticks the model is asked "
                             "anyway, over the atomic legal actions, so a stuck plan can be left.")
    max_bad_replies: int = Field(default=20, ge=1, description="LLM agent: replies in a row that move nothing "
                                 "(text only, unknown tool, wrong arguments, refused) before it gives up.")
    persona: str | None = Field(default=None, max_length=60, description="The persona card to play: a card's "
                                "name (tasks/personas), random, or gen-SEED; none by default.")
    persona_card: dict[str, Any] | None = Field(default=None, description="The card itself, filled in by the "
                                                "runner from `persona`: what the agent is shown.")
    memory: MemorySpec | None = Field(default=None, description="llm, hierarchical, copy: a store of past games.")

    @field_validator("kind")
    @classmethod
    def _known(cls, kind: str) -> str:
        if kind not in BUILT_IN and kind not in registered_kinds():
            extra = sorted(registered_kinds())
            raise ValueError(f"unknown agent kind {kind!r}; choose one of {', '.join(BUILT_IN + tuple(extra))}")
        return kind

    @model_validator(mode="after")
    def _complete(self) -> AgentSpec:
        if self.kind == "cmd" and not (self.command or "").strip():
            raise ValueError("a cmd agent needs a command, e.g. command: python my_agent.py")
        if self.kind == "python" and ":" not in (self.factory or ""):
            raise ValueError(f"a python agent needs factory: package.module:callable, got {self.factory!r}")
        return self

    @property
    def label(self) -> str:
        """A short name for tables, e.g. `llm:local/gemma-3-270m` or `hierarchical[fast-only]:a+b`."""
        if self.kind == "cmd":
            return f"cmd:{self.command or ''}"
        if self.kind == "python":
            return f"python:{self.factory or ''}"
        if self.kind not in ("llm", "hierarchical"):
            return self.kind
        if self.kind == "llm":
            return f"llm:{self.model or DEFAULT_MODEL}"
        slow, fast = self.minds()
        suffix = "" if self.ablation == "full" else f"[{self.ablation}]"
        return f"hierarchical{suffix}:{slow}+{fast}"

    def minds(self) -> tuple[str, str]:
        """The slow and fast minds' model strings, falling back to `model`, then the local model."""
        base = self.model or DEFAULT_MODEL
        return self.slow_model or base, self.fast_model or base


def registered_kinds() -> dict[str, Any]:
    """Agent kinds other packages register: entry point name -> entry point (group `gamehall.agents`)."""
    from importlib.metadata import entry_points

    return {ep.name: ep for ep in entry_points(group=ENTRY_POINTS) if ep.name not in BUILT_IN}


class Budget:
    """The spec's limits against a seat's usage; names the first limit reached."""

    def __init__(self, spec: AgentSpec, seat: SeatClient) -> None:
        self.spec, self.seat = spec, seat
        self.started = time.monotonic()

    def exhausted(self) -> bool:
        """True (and the seat's stop_reason set) once any limit is reached."""
        if self.seat.stop_reason is None:
            self.seat.stop_reason = self._reached()
        return self.seat.stop_reason is not None

    def seconds_left(self) -> float | None:
        if self.spec.max_seconds is None:
            return None
        return self.spec.max_seconds - (time.monotonic() - self.started)

    def _reached(self) -> str | None:
        spec, usage = self.spec, self.seat.usage
        if spec.max_steps is not None and usage.steps >= spec.max_steps:
            return "max_steps"
        if spec.max_tokens is not None and usage.tokens >= spec.max_tokens:
            return "max_tokens"
        if spec.max_cost_usd is not None and usage.cost_usd >= spec.max_cost_usd:
            return "max_cost_usd"
        left = self.seconds_left()
        if left is not None and left <= 0:
            return "max_seconds"
        return None
