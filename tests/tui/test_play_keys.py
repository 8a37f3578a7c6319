"""`gamehall play` keys a new user meets: the focus starts where typing goes, q quits as in replay and watch
(but is a letter in the input box), and a game that is over says so instead of crashing."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.tui.test_play import until
from tui.play import GAME_OVER, PlayApp


def village() -> PlayApp:
    return PlayApp("village", options={"players": 5}, seed=0)


async def play_to_the_end(app: PlayApp, pilot) -> None:
    """The world's scripted player's moves (the play server has hints), sent as the line would send them."""
    for _ in range(600):
        if app.done:
            return
        if app.view.get("awaiting_you"):
            app.send((await app.seat.call("suggest", policy="expert"))["command"])
        await pilot.pause(0.02)
    raise AssertionError("the game did not end")


def notes(app: PlayApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_village_starts_in_the_input_box_and_the_first_typed_command_is_played() -> None:
    app = village()
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: bool(app.view.get("awaiting_you")))
        assert app.focused is app.query_one("#line")
        await pilot.press(*"pass", "enter")
        assert await until(pilot, lambda: app.seat.usage.steps == 1)


async def test_up_and_down_in_the_input_box_pick_a_listed_action_and_enter_plays_it() -> None:
    app = village()
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: bool(app.view.get("awaiting_you")))
        legal = list(app.view["legal_actions"])
        await pilot.press("enter")  # an empty line with nothing picked plays nothing
        await pilot.pause(0.1)
        assert app.seat.usage.steps == 0
        await pilot.press("down", "enter")
        assert await until(pilot, lambda: app.seat.usage.steps == 1)
        assert app.focused is app.query_one("#line") and app.view["legal_actions"] != legal or app.done


async def test_q_is_a_letter_in_the_input_box_and_quits_from_the_board() -> None:
    app = village()
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: bool(app.view))
        await pilot.press("q")
        assert app.is_running and app.query_one("#line", Input).value == "q"
        await pilot.press("escape")
        assert app.focused is app.query_one("#board-pad")
        await pilot.press("q")
        assert await until(pilot, lambda: not app.is_running)
    assert app.return_code == 0


async def test_q_quits_kitchen_from_its_board_but_not_while_chatting() -> None:
    app = PlayApp("kitchen", options={"clock": "lockstep"})
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: bool(app.view))
        await pilot.press("c", "q")
        assert app.is_running and app.query_one("#line", Input).value == "q"
        await pilot.press("escape", "q")
        assert await until(pilot, lambda: not app.is_running)


@pytest.mark.parametrize("world,options", [("village", {"players": 5}), ("forge", {"tier": 1})])
async def test_typing_after_the_game_is_over_shows_game_over_and_never_the_seat_token(world, options) -> None:
    app = PlayApp(world, options=options, seed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: bool(app.view))
        token = app.seat.token_for_process()
        await play_to_the_end(app, pilot)
        line = app.query_one("#line", Input)
        assert await until(pilot, lambda: line.disabled and line.placeholder == GAME_OVER)
        assert "game over" in str(app.query_one("#seat-note").render())
        line.focus()  # a disabled line takes no focus: the keys go to the list and the board
        await pilot.press(*"hello", "enter")
        app.send("inspect goal")  # what the line or the list would send: refused here, not on a closed session
        await pilot.pause(0.2)
        assert app.is_running and app.error == ""
        assert GAME_OVER in notes(app) and not any(token in n for n in notes(app))
        await pilot.press("q")
        assert await until(pilot, lambda: not app.is_running)
    assert app.return_code == 0
