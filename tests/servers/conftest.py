import pytest

from servers.factory import WorldServer
from servers.spec import Limits, WorldServerSpec
from tests.envs.core.toy import Nim


def nim_scenario(stones: int = 10) -> int:
    if not isinstance(stones, int) or stones < 1:
        raise ValueError(f"stones must be a positive integer, got {stones!r}")
    return stones


def nim_spec(simultaneous: bool = False) -> WorldServerSpec:
    return WorldServerSpec(
        world=Nim(simultaneous),
        make_scenario=nim_scenario,
        scenario_options={"stones": "pile size, a positive integer (default 10)"},
        spectator=lambda session: f"{session.state.stones} stones left",
        bot="random",
        session_options={"clock": "turn", "tick_hz": 10.0},
    )


@pytest.fixture
def nim_server() -> WorldServer:
    return WorldServer(nim_spec(), Limits(seat_timeout_s=5.0, idle_game_s=60.0))
