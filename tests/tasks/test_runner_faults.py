"""A failing agent ends its episode with status error and the reason; the run goes on; --retry-errors
plays only those again; the cost limit stops new episodes."""

import asyncio

import pytest

from agents import AgentError, build_agent
from tasks.runner import RunConfig, Runner
from tasks.suite import Suite
from tests.tasks.toy_agents import Costly


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("GAMEHALL_CACHE_DIR", str(tmp_path / "cache"))


def suite(count=4) -> Suite:
    return Suite.model_validate({"name": "faults", "tasks": [
        {"name": "forge-t1", "world": "forge", "options": {"tier": 1}, "seeds": {"start": 0, "count": count}}]})


class FlakyFactory:
    """Builds agents that fail in the games numbered in `broken` (0 = the server's first game), like an agent
    whose model endpoint keeps failing."""

    def __init__(self, broken: set[int]) -> None:
        self.broken, self.built = broken, 0

    def __call__(self, spec):
        self.built += 1
        inner = build_agent(spec)
        broken = self.broken

        class Agent:
            async def play(self, seat):
                await seat.observe()
                if game_number(seat) in broken:
                    raise AgentError("the model endpoint returned 500 three times")
                await inner.play(seat)

        return Agent()


def game_number(seat) -> int:
    return int(seat.view.get("game_id", "x-0").split("-")[1]) - 1


def run(tmp_path, factory, **config):
    runner = Runner(RunConfig(suite=suite(), agents=[{"kind": "random", "max_steps": 5}], out_dir=str(tmp_path),
                              display="none", concurrency=1, agent_factory=factory, **config))
    return asyncio.run(runner.run())


def test_an_agent_error_is_recorded_and_the_next_episode_still_runs(tmp_path):
    outcome = run(tmp_path, FlakyFactory({0}))
    statuses = [r.status for r in outcome.records]
    assert statuses.count("error") == 1 and statuses.count("limit") + statuses.count("ok") == 3
    failed = next(r for r in outcome.records if r.status == "error")
    assert "500" in failed.error
    again = run(tmp_path, FlakyFactory(set()), retry_errors=True)
    assert again.played == 1 and all(r.status != "error" for r in again.records)
    assert len({r.episode_id for r in again.records}) == 4


def test_the_cost_limit_stops_new_episodes(tmp_path):
    outcome = run(tmp_path, Costly(), limit_cost=1.5)
    assert outcome.played == 2 and outcome.stopped_for_cost == 2


def test_errored_episodes_get_no_normalised_score_and_stay_out_of_the_means(tmp_path):
    from tasks.scoring import summarize

    outcome = run(tmp_path, FlakyFactory({0, 1}))
    failed = [r for r in outcome.records if r.status == "error"]
    assert len(failed) == 2 and all(r.normalized_score is None for r in failed)
    (row,) = summarize(outcome.records)
    played = [r.normalized_score for r in outcome.records if r.status != "error"]
    assert row["errors"] == 2 and row["normalized"] == pytest.approx(sum(played) / len(played), abs=0.01)


def test_resume_survives_a_line_torn_inside_a_multibyte_character(tmp_path):
    from tasks.store import EPISODES, RunStore

    outcome = run(tmp_path, FlakyFactory({0}))
    path = tmp_path / EPISODES
    torn = outcome.records[0].model_copy(update={"episode_id": "torn", "error": "upstream said “no”"})
    with path.open("ab") as file:
        file.write(torn.model_dump_json().encode()[: torn.model_dump_json().encode().index("“".encode()) + 1])
    store = RunStore(tmp_path)
    assert store.dropped == 1 and len(store.records) == 4
    assert run(tmp_path, FlakyFactory(set())).played == 0
