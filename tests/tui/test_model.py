"""The fold from events to what is shown, the run-directory reader and the drawings (no Textual)."""

from __future__ import annotations

import json
from pathlib import Path

from envs.kitchen import draw as kitchen_draw
from envs.village import draw as village_draw
from tui import draw
from tui.logs import read_event_log, read_summaries
from tui.model import EpisodeView
from tui.widgets import thoughts_text


def record(kind: str, seat: str | None = None, tick: int = 0, to: list[str] | None = None, **data) -> dict:
    return {"seq": 0, "time": 0.0, "tick": tick, "kind": kind, "seat": seat, "to": to, "data": data}


def test_thoughts_are_kept_by_mind_and_shown_in_mind_order() -> None:
    view = EpisodeView("e")
    for tick, (mind, text) in enumerate([("fast", "act up"), ("slow", "plan: onions first"), ("executor", "ok")]):
        view.apply(record("thought", "chef0", tick, mind=mind, text=text))
    assert [t.text for t in view.mind_thoughts("slow")] == ["plan: onions first"]
    shown = thoughts_text(view).plain
    assert shown.index("slow") < shown.index("fast") < shown.index("executor")
    assert "t1 plan: onions first" in shown


def test_scores_follow_the_agents_seat_and_private_roles_stay_apart() -> None:
    view = EpisodeView("e")
    view.apply(record("score", "Ava", score=0.0))
    view.apply(record("score", "Ben", score=5.0))
    view.apply(record("role", None, to=["Ben"], role="werewolf", text="You are Ben, the werewolf."))
    view.apply(record("score", "Ava", tick=9, score=1.0))
    assert view.seat == "Ava" and list(view.scores) == [0.0, 1.0] and view.tick == 9
    assert view.roles == {"Ben": "werewolf"}
    frame = {"day": 1, "phase": "day", "players": ["Ava", "Ben"], "alive": ["Ava", "Ben"], "revealed": {},
             "voted": ["Ava"], "log": []}
    assert "werewolf" not in village_draw.village(frame).plain
    assert "werewolf" in village_draw.village(frame, view.roles).plain
    assert "voted" in village_draw.village(frame).plain


def test_unreadable_lines_are_counted_and_named(tmp_path: Path) -> None:
    path = tmp_path / "ep.jsonl"
    good = json.dumps(record("tick", tick=1))
    path.write_text("\n".join([good, "{oops", "[1, 2]", good, '{"kind": "ti']))
    log = read_event_log(path)
    assert len(log.records) == 2
    assert [n for n, _ in log.bad_lines] == [2, 3, 5]
    assert log.problem() == ("events/ep.jsonl: 3 unreadable lines skipped (line 2: not JSON (Expecting property "
                             "name enclosed in double quotes, column 2); line 3: not an event (no 'kind'); "
                             "line 5: not JSON (Unterminated string starting at, column 10))")


def test_leaderboard_rows_come_from_each_runs_summary(run_dir: Path, tmp_path: Path) -> None:
    rows, problems = read_summaries([run_dir, tmp_path / "unfinished"])
    assert [row["run"] for row in rows] == ["run", "run"]
    assert [row["agent"] for row in rows] == ["expert", "hierarchical:local/gemma-3-270m+local/gemma-3-270m"]
    assert len(problems) == 1 and "not written yet" in problems[0]


def test_kitchen_drawing_shows_chefs_holdings_pots_and_orders() -> None:
    frame = {"tick": 5, "ticks": 1000, "rules": "orders", "layout": "cramped_room", "score": 0, "served": 0,
             "expired": 0, "fires": 0, "map": ["#P#", "O0.", "#S#"],
             "chefs": [{"seat": "chef0", "pos": [1, 1], "facing": "up", "held": "onion", "said": "hi"}],
             "pots": [{"pos": [1, 0], "contents": ["onion"], "status": "filling", "cooked": 0, "cook_time": 20}],
             "items": [{"pos": [2, 1], "item": "plate"}],
             "orders": [{"recipe": "onion", "reward": 20, "ticks_left": 42}]}
    text = kitchen_draw.kitchen(frame).plain
    assert "0↑" in text and "chef0 holds onion" in text and 'says "hi"' in text
    assert "pot (1, 0) onion filling" in text and "42 ticks left" in text and "pl" in text


def test_only_public_chat_is_kept_for_the_spectator() -> None:
    view = EpisodeView("e")
    view.world = "kitchen"
    view.apply(record("chat", "chef1", text="onions please", channel="public"))
    view.apply(record("chat", "Dan", to=["Dan"], text="kill Eve", channel="wolves"))
    assert list(view.chat) == ["chef1: onions please"]
    assert "chef1: onions please" in thoughts_text(view).plain


def test_big_kitchen_tiles_show_holdings_and_pot_progress_when_they_fit() -> None:
    frame = {"tick": 5, "ticks": 400, "map": ["#P#", "O0."], "items": [], "orders": [],
             "chefs": [{"seat": "chef0", "pos": [1, 1], "facing": "up", "held": "onion"}],
             "pots": [{"pos": [1, 0], "contents": ["onion"] * 3, "status": "cooking", "cooked": 10, "cook_time": 20}]}
    small = draw.world("kitchen", frame, room=(11, 40)).plain.splitlines()
    big = draw.world("kitchen", frame, room=(12, 40)).plain.splitlines()
    assert small[2:4] == ["▒▒Po▒▒", "On0↑  "]
    assert big[2:6] == [" ▒▒  Po  ▒▒ ", "    ▰▰▱▱    ", " On  0↑     ", "     on     "]


def test_model_calls_move_tokens_and_cost_live():
    from tui.model import EpisodeView

    view = EpisodeView("e1")
    view.apply({"kind": "model_call", "seat": "hero", "data": {"usage": {"tokens_in": 120, "tokens_out": 7,
                                                                         "cost_usd": 0.002}}})
    assert view.tokens == 127 and view.cost == 0.002
