"""The hierarchical agent's slow mind writes a wolf's words at night; while it thinks, another call for the
same seat ends the night. Its `say` carries the phase it was written for, so the server refuses it and the
day never hears the wolves' plan."""

import json

from agents import SeatClient
from agents.minds import Board, SlowMind
from agents.model import ModelClient
from tests.agents.fakes import response
from tests.servers.test_hardening import call, village_table

PLAN = "we take the seer tonight"


async def end_the_night(client, tokens: list[str]) -> None:
    """Every seat the night awaits moves (the wolves' first target, the seer's, the doctor's)."""
    for _ in range(20):
        moved = False
        for token in tokens:
            view = (await call(client, "observe", seat_token=token)).structured_content
            if not view["phase"].startswith("night"):
                return
            moves = [a for a in view["legal_actions"] if "<" not in a and not a.startswith("say")]
            if view["awaiting_you"] and moves:
                await call(client, "act", seat_token=token, command=moves[0])
                moved = True
        assert moved, "nobody could move at night"
    raise AssertionError("the night did not end")


async def test_a_slow_thought_about_the_night_is_not_said_in_the_day():
    async with village_table() as (client, _, roles):
        wolf = roles["werewolf"][0]
        everyone = [token for tokens in roles.values() for token in tokens]
        events: list[dict] = []
        seat = SeatClient(client, wolf, "village", on_event=events.append)
        board = Board()
        board.see(await seat.observe(), [])
        assert board.view["phase"].startswith("night")

        async def slow_model(**request):
            await end_the_night(client, everyone)  # the fast mind's move ended the night meanwhile
            return response([("say", {"text": PLAN})])

        mind = SlowMind(ModelClient("fake/slow", seat, "slow", completion=slow_model), seat, board)
        mind.system = "you are a wolf"
        await mind.think()
        day = (await call(client, "observe", seat_token=roles["villager"][0])).structured_content
        assert not day["phase"].startswith("night")
        assert PLAN not in json.dumps(day)
        thoughts = [e["data"]["text"] for e in events if e["kind"] == "thought"]
        (refused,) = [t for t in thoughts if t.startswith("say refused")]  # without its phase it was taken
        assert "night" in refused
