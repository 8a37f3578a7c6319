"""tasks/ray_worker.py without Ray: the worker is a plain class that Ray runs as an actor, so its protocol (ping,
start, drain) is tested here in one process."""

import asyncio

import tasks.ray_worker
from tasks.ray_worker import EpisodeWorker
from tasks.runner import RunConfig
from tasks.suite import Suite, plan_episodes


def forge(tmp_path, count=1):
    suite = Suite.model_validate({"name": "w", "limits": {"max_steps": 5}, "tasks": [
        {"name": "f", "world": "forge", "options": {"tier": 1}, "seeds": {"start": 0, "count": count}}]})
    config = RunConfig(suite=suite, agents=[{"kind": "expert"}], out_dir=str(tmp_path), display="none")
    return config, plan_episodes(suite, config.agents, lambda agent: "expert")


async def test_a_worker_answers_its_first_ping_with_its_servers_open_and_their_tools_listed(tmp_path):
    config, (plan,) = forge(tmp_path)
    worker = EpisodeWorker(config, ["forge"])
    where = await asyncio.wait_for(worker.ping(), 60)
    assert where["pid"] > 0 and where["host"]
    server = worker.host._servers["forge"].mcp
    listings = []
    original = server.list_tools

    async def counted(*args, **kwargs):
        listings.append(1)
        return await original(*args, **kwargs)

    server.list_tools = counted  # from here on: the episode finds the listing made before the ping answered
    await worker.start("e#1", plan)
    records = await drained(worker, "e#1")
    assert records[0]["status"] == "ok" and records[0]["steps"] >= 1
    assert listings == []


async def test_a_drain_waiting_to_batch_lines_answers_as_soon_as_an_episode_ends(tmp_path, monkeypatch):
    """The next episode waits for the records: a drain gathering lines never holds them past the end."""
    monkeypatch.setattr(tasks.ray_worker, "BATCH_S", 600.0)
    config, (plan,) = forge(tmp_path)
    worker = EpisodeWorker(config, ["forge"])
    await worker.ping()
    await worker.start("e#1", plan)
    records = await asyncio.wait_for(drained(worker, "e#1"), 60)
    assert records and records[0]["episode_id"] == plan.episode_id


async def drained(worker, key):
    lines = []
    while True:
        for got, events, records, error in await worker.drain(5.0):
            assert got == key and error is None
            lines += events
            if records is not None:
                kinds = [line["kind"] for line in lines]
                assert "action" in kinds
                return records


def test_a_ray_error_is_told_by_its_innermost_cause_in_one_line():
    from tasks.ray_backend import why

    group = ("Traceback (most recent call last):\n  + Exception Group Traceback (most recent call last):\n"
             "  | ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)\n  +-+---- 1 ----\n"
             "    | Traceback (most recent call last):\n    | httpx.ConnectError: All connection attempts failed\n")
    assert why(RuntimeError(group)) == "ConnectError: All connection attempts failed"
    assert why(RuntimeError("\x1b[31mray::Worker.ping()\x1b[0m\nModuleNotFoundError: No module named 'tasks'")) \
        == "ModuleNotFoundError: No module named 'tasks'"
