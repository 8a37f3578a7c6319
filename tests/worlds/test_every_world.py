"""One suite over the registry: every installed world (the three built-in ones and the tests' Nim plug-in)
passes the same checks, so a new world is covered without new test code. Gymnasium's check_env and
determinism; a whole game over MCP; the runner through MCP with every log line valid in the event
schema; the TUI's replay drawing it; and a spectator (World.observe(state, None)) learning no secret."""

from __future__ import annotations

import json
from pathlib import Path

import gymnasium as gym
import pytest
from gymnasium.utils.env_checker import check_env
from mcp import Client

import envs
from envs.core.schema import validate_event
from servers.serve import build_server
from tasks.replay_log import read_event_log

NAMES = sorted(envs.WORLDS)
STEPS = 40  # enough to see every part of the loop; whole games are the world's own tests' business


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("GAMEHALL_CACHE_DIR", str(tmp_path / "cache"))


def test_the_toy_plug_in_and_the_built_in_worlds_are_registered_the_same_way() -> None:
    from importlib.metadata import entry_points

    names = {point.name for point in entry_points(group="gamehall.worlds")}
    assert {"forge", "kitchen", "village", "nim"} <= names == set(envs.WORLDS)
    assert "gamehall/Nim-v0" in gym.registry


@pytest.mark.parametrize("name", NAMES)
def test_gym_env_passes_check_env_and_replays_identically(name: str) -> None:
    spec = envs.WORLDS[name]
    check_env(gym.make(spec.ids[0]).unwrapped, skip_render_check=True)

    def trajectory() -> list[str]:
        env = gym.make(spec.ids[0])
        observation, info = env.reset(seed=3)
        seen = [observation]
        for _ in range(STEPS):
            legal = info.get("legal_actions") or ["wait"]
            observation, _, terminated, truncated, info = env.step(legal[len(seen) % len(legal)])
            seen.append(observation)
            if terminated or truncated:
                break
        env.close()
        return seen

    assert trajectory() == trajectory()


@pytest.mark.parametrize("name", NAMES)
async def test_a_game_over_mcp_with_the_typed_tools_listed(name: str) -> None:
    spec = envs.WORLDS[name]
    async with Client(build_server(name, hints=True).mcp) as client:
        tools = {tool.name for tool in (await client.list_tools()).tools}
        assert {tool.name for tool in spec.tools} | {"new_game", "act", "observe", "suggest"} <= tools
        created = (await client.call_tool("new_game", {"seed": 1})).structured_content
        token, view = created["seat_token"], created
        for _ in range(STEPS):
            if view["done"]:
                break
            if not view["awaiting_you"]:
                view = (await client.call_tool("wait", {"seat_token": token, "timeout_s": 1})).structured_content
                continue
            move = (await client.call_tool("suggest", {"seat_token": token, "policy": "expert"})).structured_content
            view = (await client.call_tool("act", {"seat_token": token, "command": move["command"]})).structured_content
            assert view["accepted"], view["reason"]
        refused = await client.call_tool("new_game", {"options": {"no_such_option": 1}})
        assert refused.is_error and "options:" in refused.content[0].text


@pytest.mark.parametrize("name", NAMES)
async def test_the_runner_plays_it_through_mcp_and_every_line_fits_the_schema(name: str, tmp_path: Path) -> None:
    out = await run_one(name, tmp_path)
    record = json.loads((out / "episodes.jsonl").read_text().splitlines()[0])
    assert record["world"] == name and record["status"] in ("ok", "limit") and record["steps"] > 0
    [path] = (out / "events").glob("*.jsonl")
    log = read_event_log(path)
    assert log.bad_lines == [] and log.records
    for line in path.read_text().splitlines():
        assert validate_event(json.loads(line)).schema_version >= 1
    kinds = [r["kind"] for r in log.records]
    assert kinds[0] == "run_episode_started" and "frame" in kinds and kinds[-1] == "run_episode_finished"


async def run_one(name: str, tmp_path: Path) -> Path:
    from tasks.runner import Runner
    from tests.tui.conftest import make_config

    out = tmp_path / "run"
    suite = {"name": f"every-{name}", "agents": [{"kind": "expert", "max_steps": STEPS}],
             "tasks": [{"name": f"{name}-t", "world": name, "seeds": [0]}]}
    await Runner(make_config(out, suite)).run()
    return out


@pytest.mark.parametrize("name", NAMES)
async def test_the_replay_draws_the_world(name: str, tmp_path: Path) -> None:
    from tui import draw
    from tui.replay import ReplayApp

    out = await run_one(name, tmp_path)
    app = ReplayApp(out, autoplay=False, at_end=True)
    async with app.run_test(size=(100, 40)):
        view = app.selected_view()
        assert view is not None and view.world == name and view.frame
        drawn = draw.world(name, view.frame, room=(100, 40)).plain
        assert drawn.strip() and "(no frame yet)" not in drawn


@pytest.mark.parametrize("name", NAMES)
def test_a_spectator_sees_no_secret(name: str) -> None:
    """The public view acts for no one, and no text routed to some seats only shows in it (or in the
    spectator resource, which is its text) at any point of a game."""
    spec = envs.WORLDS[name]
    session = spec.session({}, seed=5)
    factories = spec.world.policies()
    players = {s: factories[spec.policy("random")](session, s, i) for i, s in enumerate(session.seats)}
    checked = 0
    while not session.done and checked < 400:
        public = spec.public(session)
        assert public.seat is None and public.legal_actions == () and not public.status.awaiting
        shown = public.text + json.dumps(dict(public.data), default=str)
        said_publicly = {str(e.data.get("text")) for e in session.events if e.to is None}
        for event in session.events:
            secret = str(event.data.get("text") or "")
            if event.to is not None and len(secret) >= 12 and secret not in said_publicly:
                assert secret not in shown, (event.kind, secret)
        for seat in sorted(session.awaiting()):
            session.act(seat, session.ask(seat, players[seat]))
        checked += 1
    assert checked > 0
