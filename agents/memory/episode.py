"""The memory as an agent holds it for one game: prompt blocks of examples, the decisions it made, and the
finished game filed at the end. Every retrieval is noted on the mind's next `model_call` event (`memory`)."""

from __future__ import annotations

from typing import Any, Literal

from agents.memory.recall import Example, Recall, abstraction, example_block
from agents.prompting import prompt
from agents.seat import Mind, SeatClient
from envs.core.abstraction import Abstraction

Kind = Literal["step", "plan"]


class EpisodeMemory:
    def __init__(self, spec: Any, seat: SeatClient) -> None:
        self.spec, self.seat = spec, seat
        self.recall = Recall(spec.memory, seat.world)
        self.goal = ""

    @classmethod
    def open(cls, spec: Any, seat: SeatClient) -> EpisodeMemory | None:
        """The agent's memory for this game, or None if its spec has none."""
        return cls(spec, seat) if spec.memory is not None else None

    def now(self, view: dict[str, Any]) -> Abstraction:
        now = abstraction(self.seat.world, view)
        self.goal = self.goal or now.goal
        return now

    def examples(self, view: dict[str, Any], mind: Mind, kind: Kind) -> str:
        """A prompt block of retrieved examples ('' when there are none); notes their ids for the model call."""
        if self.spec.memory.k < 1:
            return ""
        now = self.now(view)
        found = self.recall.step_examples(now) if kind == "step" else self.recall.plan_examples(now)
        self.note(mind, found)
        if not found:
            return ""
        return prompt(f"memory_{kind}s", examples=example_block(found))

    def note(self, mind: Mind, found: list[Example]) -> None:
        self.seat.note_call(mind, memory=[{"episode": e.episode_id, "step": e.step, "line": e.line[:160],
                                           "choice": e.choice} for e in found])

    def record(self, view: dict[str, Any], tool: str, arguments: dict[str, Any], choice: str,
               after: dict[str, Any] | None, thought: str = "") -> None:
        self.recall.record(self.now(view), tool, arguments, choice, view, after, thought)

    def set_plan(self, plan: str) -> None:
        self.recall.plan = plan

    def finish(self, model: str) -> int | None:
        return self.recall.finish(self.seat, self.spec.label, model, self.goal)
