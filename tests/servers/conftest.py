import pytest

from servers.factory import WorldServer
from servers.spec import Limits
from tests.worlds.nim import nim_spec

__all__ = ["nim_spec"]


@pytest.fixture
def nim_server() -> WorldServer:
    return WorldServer(nim_spec(), Limits(seat_timeout_s=5.0, idle_game_s=60.0))
