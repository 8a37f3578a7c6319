"""A human's game as a record (`gamehall play --out DIR`): followed as its referee like any runner episode,
scored against the same baselines, appended to a run directory's episodes.jsonl, so `gamehall report` puts
human and AI scores in one leaderboard."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from envs.core.schema import run_event
from tasks.episode import finish_record
from tasks.follow import GameFollower, merge_by_seq
from tasks.records import EpisodeRecord, episode_id

HUMAN = {"kind": "human"}


class HumanRecorder:
    """Follows one game from its creation; `finish` writes the human seat's record and event log into `out_dir`."""

    def __init__(self, out_dir: str, world: str, options: dict[str, Any], seed: int) -> None:
        self.out_dir, self.world, self.options, self.seed = out_dir, world, dict(options), seed
        self.lines: list[dict[str, Any]] = []
        self.follower: GameFollower | None = None
        self._following: asyncio.Task | None = None
        self._started = datetime.now(UTC).isoformat(timespec="seconds")

    @property
    def task(self) -> str:
        return f"play-{self.world}"

    def start(self, client: Any, referee_token: str) -> None:
        data = {"task": self.task, "world": self.world, "options": self.options, "seed": self.seed, "agent": "human"}
        self.lines.append(run_event("run_episode_started", data))
        self.follower = GameFollower(client, referee_token, self.lines.append)
        self._following = asyncio.create_task(self.follower.run())

    async def finish(self, seat: Any) -> EpisodeRecord | None:
        """The record of the human's seat (None if the game never started), written to the run directory."""
        if self.follower is None or self._following is None:
            return None
        from tasks.store import RunStore

        follower, following, self.follower, self._following = self.follower, self._following, None, None
        follower.stop()
        final = await following
        store = RunStore(self.out_dir)
        repeat = sum(1 for r in store.records.values() if r.task == self.task and r.seed == self.seed)
        record = EpisodeRecord(
            episode_id=episode_id(self.task, self.world, self.options, self.seed, "human", repeat), suite="play",
            task=self.task, world=self.world, options=self.options, seed=self.seed, repeat=repeat, agent=HUMAN,
            agent_label="human", started_at=self._started)
        finish_record(record, seat, final, self.world)
        record.status = "ok" if record.done else "limit"
        record.stop_reason = "" if record.done else "left"
        record.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
        record.normalized_score = await asyncio.to_thread(self._normalized, record)
        self.lines.append(run_event("run_episode_finished", record.model_dump()))
        writer = store.events_writer(record.episode_id)
        writer.rewrite(merge_by_seq(self.lines))
        store.append(record)
        return record

    def _normalized(self, record: EpisodeRecord) -> float | None:
        """On the runner's scale (0 random, 100 expert, same seed); only whole games or milestone measures."""
        from envs.registry import world as world_spec
        from tasks.baselines import Baselines
        from tasks.scoring import normalize

        if not (record.done or world_spec(self.world).scoring.partial_comparable) or record.score is None:
            return None
        low, high = Baselines().pair(self.world, self.options, self.seed, None)
        return normalize(record.score, low, high)
