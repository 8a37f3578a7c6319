"""Agents from outside the package: `python:tests.tasks.toy_agents:FirstLegal`, the `first-legal` kind from the
gamehall.agents entry points (tests/worlds/dist), programs for `--agent cmd:` that crash or stay silent, and
an agent factory whose games cost money."""

from agents import build_agent
from agents.loop import concrete


class Costly:
    """An agent factory (a runner's `agent_factory`): its agents play as the spec says and every game costs $1,
    as a model would bill it."""

    def __call__(self, spec):
        inner = build_agent(spec)

        class Agent:
            async def play(self, seat):
                seat.usage.cost_usd += 1.0
                await inner.play(seat)

        return Agent()


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
