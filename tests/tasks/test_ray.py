"""`gamehall run --backend ray` on a local two-CPU cluster (one for the module: Ray takes seconds to start): the
smoke suite gives the records it gives in-process; a worker killed mid-episode is restarted and its episode
played again elsewhere, recorded once; `gamehall watch` follows a Ray run. The tests that need Ray skip
without it (pip install -e '.[ray]'); the command without Ray is tested here too, by hiding it."""

import asyncio
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from agents import build_agent
from agents.loop import concrete
from tasks.cli import main
from tasks.runner import RunConfig, runner_for
from tasks.suite import Suite
from tests.tasks.toy_agents import Costly

VOLATILE = {"started_at", "finished_at", "wall_time_s", "latency", "suite"}


@pytest.fixture(scope="module")
def cluster():
    ray = pytest.importorskip("ray")
    # The test module goes to the workers by value: they need not find tests/ on their path.
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    ray.init(num_cpus=2, include_dashboard=False, logging_level="ERROR", log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("GAMEHALL_CACHE_DIR", str(tmp_path / "cache"))


def played(out: Path, *flags: str) -> tuple[dict, dict]:
    assert main(["run", "smoke", "--agent", "expert", "--out", str(out), "--display", "none", *flags]) == 0
    records, kinds = {}, {}
    for line in (out / "episodes.jsonl").read_text().splitlines():
        record = json.loads(line)
        records[record["episode_id"]] = {k: v for k, v in record.items() if k not in VOLATILE}
        events = [json.loads(e)["kind"] for e in (out / "events" / f"{record['episode_id']}.jsonl").open()]
        # Frames come at most 10 a second, so how many depends on timing; every other line is the game's.
        kinds[record["episode_id"]] = Counter(k for k in events if k != "frame")
        assert events[0] == "run_episode_started" and events[-1] == "run_episode_finished" and "frame" in events
    return records, kinds


def test_the_smoke_suite_records_the_same_on_ray_as_in_process(cluster, tmp_path):
    local, local_kinds = played(tmp_path / "asyncio")
    remote, remote_kinds = played(tmp_path / "ray", "--backend", "ray", "--concurrency", "4")
    assert len(local) == 6 and local == remote
    assert local_kinds == remote_kinds
    assert all(r["status"] == "ok" and r["normalized_score"] is not None for r in remote.values())
    assert (tmp_path / "ray" / "summary.json").exists()


class CrashOnce:
    """Builds expert agents; the first to play (across every worker: an O_EXCL marker file) makes a move, waits
    for its lines to reach the driver, then kills its worker process. Every agent notes its process id."""

    def __init__(self, marker: Path, pids: Path) -> None:
        self.marker, self.pids = str(marker), str(pids)

    def __call__(self, spec):
        inner, marker, pids = build_agent(spec), self.marker, self.pids

        class Agent:
            async def play(self, seat):
                with open(pids, "a") as file:
                    file.write(f"{seat.episode_id} {os.getpid()}\n")
                try:
                    os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
                except FileExistsError:
                    return await inner.play(seat)
                view = await seat.observe()
                await seat.act(concrete(view["legal_actions"])[0])
                await asyncio.sleep(1.5)  # the worker's drain sends these lines to the driver meanwhile
                os._exit(1)

        return Agent()


def crash_suite(count: int) -> Suite:
    return Suite.model_validate({"name": "ray-crash", "tasks": [
        {"name": "forge-t1", "world": "forge", "options": {"tier": 1}, "seeds": {"start": 0, "count": count}}]})


def test_a_killed_worker_is_restarted_and_its_episode_played_again_once(cluster, tmp_path):
    heard: Counter = Counter()
    config = RunConfig(suite=crash_suite(6), agents=[{"kind": "expert"}], out_dir=str(tmp_path / "run"),
                       concurrency=2, display="none", backend="ray",
                       agent_factory=CrashOnce(tmp_path / "crashed", tmp_path / "pids"),
                       listeners=[lambda episode_id, e: heard.update([(episode_id, e["kind"])])])
    outcome = asyncio.run(runner_for(config).run())
    assert (tmp_path / "crashed").exists() and outcome.played == 6 and len(outcome.records) == 6
    lines = (tmp_path / "run" / "episodes.jsonl").read_text().splitlines()
    ids = [json.loads(line)["episode_id"] for line in lines]
    assert len(ids) == len(set(ids)) == 6
    assert {r.status for r in outcome.records} == {"ok"} and all(r.done for r in outcome.records)
    plays = [line.split() for line in (tmp_path / "pids").read_text().splitlines()]
    twice = [episode for episode, count in Counter(episode for episode, _ in plays).items() if count == 2]
    assert len(twice) == 1 and len(plays) == 7  # the crashed episode was played twice ...
    crashed = twice[0]
    assert heard[(crashed, "run_episode_started")] == 2 and heard[(crashed, "run_episode_finished")] == 1
    for episode_id in ids:  # ... logged once: the dead attempt's lines were dropped
        kinds = [json.loads(e)["kind"] for e in (tmp_path / "run" / "events" / f"{episode_id}.jsonl").open()]
        assert kinds.count("run_episode_started") == 1 and kinds[-1] == "run_episode_finished", episode_id
    # Two workers and the one Ray restarted played all seven games: a process serves many episodes, so what
    # it loads once (the embedded model) is loaded once per worker.
    assert len({pid for _, pid in plays}) <= 3

    again = asyncio.run(runner_for(config).run())  # resuming a finished run plays nothing
    assert again.played == 0 and again.skipped == 6



def test_the_cost_limit_holds_for_the_whole_cluster(cluster, tmp_path):
    config = RunConfig(suite=crash_suite(4), agents=[{"kind": "expert"}], out_dir=str(tmp_path / "run"),
                       concurrency=1, display="none", backend="ray", limit_cost=1.5, agent_factory=Costly())
    outcome = asyncio.run(runner_for(config).run())
    assert outcome.played == 2 and outcome.stopped_for_cost == 2
    assert [r.cost_usd for r in outcome.records] == [1.0, 1.0]


async def test_watch_follows_a_ray_run(cluster, tmp_path):
    from tui.watch import WatchApp

    config = RunConfig(suite=crash_suite(2), agents=[{"kind": "expert"}], out_dir=str(tmp_path / "out"),
                       display="none", backend="ray")
    app = WatchApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        while not app.finished:
            await pilot.pause(0.1)
        assert app.error is None and app.outcome.played == 2
        assert {view.status for view in app.hall.episodes.values()} == {"ok"}
    for episode_id, view in app.hall.episodes.items():
        written = (tmp_path / "out" / "events" / f"{episode_id}.jsonl").read_text().splitlines()
        assert view.events == len(written) and view.frames_seen > 0


class SlowExpert:
    """The expert, a second late: games long enough to kill the driver between two of them."""

    def __init__(self, spec) -> None:
        self.inner = build_agent(spec.model_copy(update={"kind": "expert"}))

    async def play(self, seat) -> None:
        await asyncio.sleep(1.0)
        await self.inner.play(seat)


def gamehall(*args: str, env: dict | None = None, wait: bool = True):
    command = [sys.executable, "-m", "tasks.cli", *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **(env or {})})
    if wait:
        process.wait(timeout=300)
    return process


def blocking(tmp_path: Path, module: str) -> str:
    """A directory whose sitecustomize makes `import MODULE` fail, as in a Python where it is not installed."""
    folder = tmp_path / f"no-{module}"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(f"import sys\nsys.modules[{module!r}] = None\n")
    return str(folder)


def address(ray) -> str:
    return "127.0.0.1:" + ray.get_runtime_context().gcs_address.rsplit(":", 1)[1]


@pytest.mark.slow  # two drivers, about 20 s (.ci/run runs it)
def test_a_killed_driver_resumes_from_the_run_directory_with_every_episode_once(cluster, tmp_path):
    suite = tmp_path / "slow.yaml"
    suite.write_text("name: slow\nagents: [{kind: python, factory: 'tests.tasks.test_ray:SlowExpert'}]\ntasks:\n"
                     "  - {name: forge-t1, world: forge, options: {tier: 1}, seeds: {start: 0, count: 6}}\n")
    out = tmp_path / "run"
    args = ("run", str(suite), "--out", str(out), "--display", "none", "--backend", "ray", "--address",
            address(cluster), "--concurrency", "2")
    driver = gamehall(*args, wait=False)
    episodes = out / "episodes.jsonl"
    while driver.poll() is None and (not episodes.exists() or len(episodes.read_text().splitlines()) < 2):
        time.sleep(0.1)
    driver.kill()  # SIGKILL: no clean-up; its job's workers die with it, the cluster lives on
    driver.wait()
    first = len(episodes.read_text().splitlines())
    assert 2 <= first < 6, "the driver finished before it could be killed"
    resumed = gamehall(*args)
    assert resumed.returncode == 0, resumed.stderr.read()
    ids = [json.loads(line)["episode_id"] for line in episodes.read_text().splitlines()]
    assert len(ids) == len(set(ids)) == 6
    for episode_id in ids:
        kinds = [json.loads(e)["kind"] for e in (out / "events" / f"{episode_id}.jsonl").open()]
        assert kinds.count("run_episode_started") == 1 and kinds[-1] == "run_episode_finished", episode_id


def test_a_worker_that_cannot_import_the_project_fails_the_run_in_one_line(cluster, tmp_path):
    # A Ray job whose workers start with a path where the project is missing (what `ray job submit
    # --runtime-env-json` hands the driver).
    job = {"runtime_env": {"env_vars": {"PYTHONPATH": blocking(tmp_path, "tasks")}}}
    process = gamehall("run", "smoke", "--agent", "expert", "--out", str(tmp_path / "run"), "--display", "none",
                       "--backend", "ray", "--address", address(cluster),
                       env={"RAY_JOB_CONFIG_JSON_ENV_VAR": json.dumps(job)})
    err = process.stderr.read()
    assert process.returncode == 1 and len(err.splitlines()) == 1, err
    assert "a Ray worker cannot import gamehall" in err and "No module named 'tasks" in err, err


def test_workers_that_cannot_reach_the_server_fail_the_run_in_one_line_before_any_episode(cluster, tmp_path):
    # A worker opens its connection to --server before it takes an episode (its first ping answers after).
    process = gamehall("run", "smoke", "--agent", "expert", "--out", str(tmp_path / "run"), "--display", "none",
                       "--backend", "ray", "--address", address(cluster), "--server", "http://127.0.0.1:1/mcp")
    err = process.stderr.read()
    assert process.returncode == 1 and len(err.splitlines()) == 1, err
    assert "a Ray worker cannot open the worlds' servers" in err and "ConnectError" in err, err
    assert not (tmp_path / "run" / "episodes.jsonl").exists() or not (tmp_path / "run" / "episodes.jsonl").read_text()


def test_the_ray_backend_without_ray_says_how_to_install_it(tmp_path):
    process = gamehall("run", "smoke", "--agent", "expert", "--out", str(tmp_path / "run"), "--backend", "ray",
                       env={"PYTHONPATH": os.pathsep.join([blocking(tmp_path, "ray"), os.getcwd()])})
    err = process.stderr.read()
    assert process.returncode == 2 and err.count("\n") == 1, err
    assert "pip install -e '.[ray]'" in err and not (tmp_path / "run").exists()


def test_an_address_is_for_the_ray_backend(tmp_path, capsys):
    assert main(["run", "smoke", "--agent", "expert", "--out", str(tmp_path / "run"), "--address", "auto"]) == 2
    assert capsys.readouterr().err == "gamehall run: --address applies to --backend ray\n"
