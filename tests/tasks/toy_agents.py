"""Agents from outside the package: `python:tests.tasks.toy_agents:FirstLegal`, the `first-legal` kind from the
gamehall.agents entry points (tests/worlds/dist), and programs for `--agent cmd:` that crash or stay silent."""

from agents.loop import concrete


class FirstLegal:
    """Plays the first concrete legal command, every turn."""

    def __init__(self, spec) -> None:
        self.spec = spec

    async def play(self, seat) -> None:
        view = await seat.observe()
        while not view["done"] and seat.usage.steps < (self.spec.max_steps or 10_000):
            if view["awaiting_you"] and concrete(view["legal_actions"]):
                view = await seat.act(concrete(view["legal_actions"])[0])
            else:
                view = await seat.wait(5)


CRASH = "import os, sys; print('boom: token', os.environ['GAMEHALL_SEAT_TOKEN'], file=sys.stderr); sys.exit(3)"
SILENT = "import time; time.sleep(600)"
