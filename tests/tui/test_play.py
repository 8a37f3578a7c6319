"""A human seat through the MCP server, driven by the Pilot: Kitchen keys, a Forge command, a Village vote."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from tui.play import PlayApp


async def until(pilot: Pilot, condition: Callable[[], bool], tries: int = 200) -> bool:
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(0.02)
    return condition()


async def test_kitchen_keys_move_the_chef_and_the_tick_advances() -> None:
    app = PlayApp("kitchen", partner="expert", options={"clock": "lockstep"})
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: bool(app.view.get("awaiting_you")))
        x, y = app.view["data"]["chefs"][0]["pos"]
        await pilot.press("right")  # chef0 starts at (1, 2) with open floor to its right
        assert await until(pilot, lambda: app.tick >= 1)
        assert app.view["data"]["chefs"][0]["pos"] == [x + 1, y]
        await pilot.press("down")  # a counter below: the chef turns to face it
        assert await until(pilot, lambda: app.tick >= 2)
        assert app.view["data"]["chefs"][0]["facing"] == "down"


async def test_kitchen_chat_reaches_the_table() -> None:
    app = PlayApp("kitchen", options={"clock": "lockstep"})
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: bool(app.view))
        await pilot.press("c", *"onions please", "enter")
        assert await until(pilot, lambda: any("onions please" in line for line in app.feed))


async def test_forge_typed_command_moves_the_hero() -> None:
    app = PlayApp("forge", options={"tier": 1})
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: bool(app.view))
        app.query_one("#line").focus()
        await pilot.press(*"move market", "enter")
        assert await until(pilot, lambda: app.view["data"]["place"] == "market")
        assert app.tick == 2  # two steps from home to the market


async def test_village_seat_votes_from_the_list() -> None:
    app = PlayApp("village", options={"players": 5}, seed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: bool(app.view))
        for _ in range(10):  # pass the night move and the speeches until the vote opens
            legal = app.view["legal_actions"]
            if any(a.startswith("vote ") for a in legal):
                break
            app.query_one("#line").focus()
            await pilot.press(*"pass", "enter")
            await until(pilot, lambda legal=legal: app.view["legal_actions"] != legal or app.done)
        options = app.query_one("#legal")
        options.focus()
        options.highlighted = 0
        target = app.view["legal_actions"][0]
        assert target.startswith("vote ")
        await pilot.press("enter")
        assert await until(pilot, lambda: "vote" not in app.view.get("phase", "") or app.done)
        assert any(target.removeprefix("vote ") in line for line in app.feed)


async def test_kitchen_is_realtime_by_default_the_clock_runs_without_keys() -> None:
    app = PlayApp("kitchen", options={"tick_hz": 20})
    assert app.options["clock"] == "realtime"
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: app.tick >= 3)  # nobody pressed a key; the partner and the clock went on


async def test_options_the_world_refuses_end_the_app_with_the_reason() -> None:
    app = PlayApp("kitchen", options={"layout": "cramped_rooom"})
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: bool(app.error))
    assert "cramped_room" in app.error and app.return_code == 2


async def test_play_out_writes_the_humans_record_where_report_ranks_it(tmp_path) -> None:
    import json

    from tasks.cli import main

    out = tmp_path / "humans"
    app = PlayApp("village", options={"players": 5}, seed=0, out=str(out))
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: bool(app.view))
        for _ in range(400):
            if app.record is not None:
                break
            legal = [a for a in app.view.get("legal_actions") or [] if "<" not in a]
            if app.view.get("awaiting_you") and legal and not app.view.get("done"):
                app.send(legal[0])
            await pilot.pause(0.02)
        assert await until(pilot, lambda: app.record is not None)
    record = json.loads((out / "episodes.jsonl").read_text().splitlines()[0])
    assert record["agent_label"] == "human" and record["status"] == "ok" and record["done"]
    assert record["steps"] > 0 and record["normalized_score"] is not None and record["world_version"]
    kinds = {json.loads(line)["kind"] for line in (out / "events" / f"{record['episode_id']}.jsonl").open()}
    assert {"run_episode_started", "role", "frame", "episode_ended", "run_episode_finished"} <= kinds
    assert main(["report", str(out)]) == 0
    assert "human" in (out / "leaderboard.md").read_text()
