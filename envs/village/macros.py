"""Village's macro layer: the talk-then-vote protocol as macros a fast mind can choose from."""

from __future__ import annotations

from dataclasses import dataclass, field

from envs.core import SeatId, Session
from envs.core.macros import MacroOption
from envs.village.state import Phase


@dataclass
class ScriptRun:
    """Says `speech` at the seat's next turn to speak, passes later rounds, and ends with `final` (a vote
    or night move). Fails if the target dies first or the game ends."""

    seat: SeatId
    target: str | None
    speech: str | None
    final_verb: str
    status: str = "running"
    reason: str = ""
    spoke: bool = field(default=False)

    def next_command(self, session: Session) -> str | None:
        state = session.state
        if state.done or (self.target and self.target not in state.alive):
            return self._end("failed", "the game ended" if state.done else f"{self.target} is no longer alive")
        legal = session.legal_actions(self.seat)
        if not legal:
            return self._end("failed", "it is not your turn to act") if self.status != "running" else "pass"
        if state.phase == Phase.DAY:
            return self._speak()
        wanted = f"{self.final_verb} {self.target}" if self.target else "pass"
        if wanted in legal:
            self.status = "done"
            return wanted
        return self._end("failed", f"{wanted!r} is not legal now; legal: {legal}")

    def _speak(self) -> str:
        if self.speech and not self.spoke:
            self.spoke = True
            return f"say {self.speech}"
        return "pass"

    def _end(self, status: str, reason: str) -> None:
        if self.status == "running":
            self.status, self.reason = status, reason
        return None


class VillageMacros:
    """accuse <p> (say why, then vote p), vote <p> quietly, defend (speak up, abstain), and the night
    moves as one-step macros."""

    def options(self, session: Session, seat: SeatId) -> list[MacroOption]:
        state = session.state
        if seat not in state.alive or state.done:
            return []
        others = [p for p in state.alive if p != seat]
        if state.phase == Phase.NIGHT:
            verb = state.role(seat).night_verb
            if not verb:
                return [MacroOption("sleep", False, "you have no night move: wait for the day")]
            return [MacroOption(f"{verb} {p}", True, score=0.5) for p in others]
        macros = [MacroOption(f"accuse {p}", True, score=0.6) for p in others]
        macros += [MacroOption(f"vote {p}", True, score=0.4) for p in others]
        return [*macros, MacroOption("defend", True, score=0.3)]

    def start(self, session: Session, seat: SeatId, name: str) -> ScriptRun:
        feasible = {o.name for o in self.options(session, seat) if o.feasible}
        if name not in feasible:
            raise ValueError(f"macro {name!r} cannot begin now; feasible: {sorted(feasible)}")
        verb, _, target = name.partition(" ")
        if verb == "accuse":
            return ScriptRun(seat, target, f"I suspect {target}. I will vote for {target}.", "vote")
        if verb == "vote":
            return ScriptRun(seat, target, None, "vote")
        if verb == "defend":
            return ScriptRun(seat, None, "I am on the village side. Watch who pushes the votes.", "pass")
        return ScriptRun(seat, target, None, verb)
