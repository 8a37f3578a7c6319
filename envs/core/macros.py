"""The one macro protocol every world's macro layer follows, read by the servers and the agents: the options
(can each macro begin now, why not, what is missing, a heuristic score), and a run that yields atomic commands."""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from envs.core.session import Session
    from envs.core.world import Observation, World


@dataclass(frozen=True)
class MacroOption:
    name: str
    feasible: bool
    reason: str = ""
    missing: tuple[str, ...] = ()
    score: float = 0.0


class MacroRun(Protocol):
    """A macro in progress. `next_command` returns the next atomic command, or None when it has ended;
    then `status` is "done" or "failed" and `reason` says why it failed."""

    status: str
    reason: str

    def next_command(self, session: Session) -> str | None: ...


class MacroLayer(Protocol):
    def options(self, session: Session, seat: str) -> list[MacroOption]: ...

    def start(self, session: Session, seat: str, name: str) -> MacroRun:
        """Begin macro `name`; raises ValueError (with the feasible names) if it cannot begin."""
        ...


@dataclass(frozen=True)
class Reactive:
    """What the executor plays by itself while no macro chosen by a mind is ready, and why (by rules)."""

    name: str
    why: str


class Projection:
    """A read-only look at a state that is not the live one (where a macro will most likely end): what a
    macro layer's `options` and the world's `observe` read of a session, and nothing that changes it."""

    def __init__(self, world: World, state: Any) -> None:
        self.world, self.state = world, state

    @property
    def done(self) -> bool:
        return self.world.result(self.state) is not None

    @property
    def tick_count(self) -> int:
        return self.world.tick(self.state)

    def observe(self, seat: str) -> Observation:
        return self.world.observe(self.state, seat)


class Pipelined(Protocol):
    """What a macro layer adds for agents that think while their seat plays (both optional):

    - `forecast`: where macro `name`, begun now, most likely ends (the others standing still);
    - `reactive`: the cheap, useful macro to play while no chosen one is ready, chosen by the world's rules
      from the options and the agent's plan (free text), e.g. the plan's next step or what it needs."""

    def forecast(self, session: Session, seat: str, name: str) -> Projection: ...

    def reactive(self, session: Session, seat: str, plan: str) -> Reactive: ...


def named_in(text: str, names: list[str]) -> list[str]:
    """The macro names `text` mentions, in the order it first mentions them (longer names win a tie)."""
    lowered = " ".join(text.lower().split())
    found = [(lowered.find(name.lower()), -len(name), name) for name in names if name.lower() in lowered]
    return [name for _, _, name in sorted(found)]


def plan_default(options: list[MacroOption], plan: str) -> Reactive | None:
    """The world-independent part of a reactive default: the first macro the plan names that can begin
    now, else one that fetches what the first blocked step of the plan is missing."""
    by_name = {o.name: o for o in options}
    for name in named_in(plan, list(by_name)):
        option = by_name[name]
        if option.feasible:
            return Reactive(name, f"the plan's next step ({name})")
        for item in option.missing:
            fetch = next((o for o in options if o.feasible and o.name.endswith(f" {item}")), None)
            if fetch is not None:
                return Reactive(fetch.name, f"the plan's {name} needs {item}")
    return None


def rules_default(options: list[MacroOption], plan: str) -> Reactive | None:
    """A layer without reactive rules of its own: the plan's step (or what it needs), else the macro the
    layer's own heuristic scores highest."""
    followed = plan_default(options, plan)
    if followed is not None:
        return followed
    feasible = [o for o in options if o.feasible]
    if not feasible:
        return None
    best = max(feasible, key=lambda o: o.score)
    return Reactive(best.name, f"the best-scored macro now ({best.name})")


def macro_commands(run: MacroRun, session: Session) -> Generator[str, None, tuple[str, str]]:
    """The one macro driver: yields the run's atomic commands, one per `next()`, asked at that moment (so a
    caller that waits for its turn between two asks gives the run the live state). Returns (status, reason)
    once the run or the game has ended."""
    while not session.done:
        command = run.next_command(session)
        if command is None:
            return run.status, run.reason
        yield command
    return "done", "the game ended"
