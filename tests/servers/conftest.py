import pytest

from servers.factory import WorldServer
from servers.macros import MacroOption
from servers.spec import Limits, WorldServerSpec
from tests.envs.core.toy import Nim


def nim_scenario(stones: int = 10) -> int:
    if not isinstance(stones, int) or stones < 1:
        raise ValueError(f"stones must be a positive integer, got {stones!r}")
    return stones


class GreedyRun:
    """Toy macro: take the most stones allowed, `times` times."""

    def __init__(self, seat: str, times: int) -> None:
        self.seat, self.left, self.status, self.reason = seat, times, "running", ""

    def next_command(self, session) -> str | None:
        legal = session.legal_actions(self.seat)
        if self.left == 0 or not legal:
            self.status = "done" if self.left == 0 else "failed"
            self.reason = "" if self.left == 0 else "no stones left to take"
            return None
        self.left -= 1
        return legal[-1]


class NimMacros:
    def options(self, session, seat):
        stones = session.state.stones
        return [MacroOption("greedy 2", stones >= 2, "" if stones >= 2 else "too few stones", (), 1.0)]

    def start(self, session, seat, name):
        if name != "greedy 2":
            raise ValueError(f"unknown macro {name!r}; macros: ['greedy 2']")
        return GreedyRun(seat, 2)


def nim_spec(simultaneous: bool = False, macros: bool = False) -> WorldServerSpec:
    return WorldServerSpec(
        world=Nim(simultaneous),
        make_scenario=nim_scenario,
        scenario_options={"stones": "pile size, a positive integer (default 10)"},
        spectator=lambda session: f"{session.state.stones} stones left",
        bot="random",
        session_options={"clock": "turn", "tick_hz": 10.0},
        macros=NimMacros() if macros else None,
    )


@pytest.fixture
def nim_server() -> WorldServer:
    return WorldServer(nim_spec(), Limits(seat_timeout_s=5.0, idle_game_s=60.0))
