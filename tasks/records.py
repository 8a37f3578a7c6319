"""The episode record: one versioned line of `episodes.jsonl` per finished episode."""

from __future__ import annotations

import hashlib
import json
from typing import Any, Literal

from pydantic import BaseModel, Field

RECORD_VERSION = 1
Status = Literal["ok", "limit", "error", "timeout"]


class LatencySummary(BaseModel):
    """Decision latency of one mind or seat."""

    n: int = Field(description="How many decisions were timed.")
    p50_ms: float = Field(description="Median latency in milliseconds.")
    p95_ms: float = Field(description="95th percentile latency in milliseconds.")
    p50_ticks: float | None = Field(default=None, description="Median latency in world ticks (realtime worlds).")
    p95_ticks: float | None = Field(default=None, description="95th percentile latency in ticks.")


class EpisodeRecord(BaseModel):
    """One episode, with everything needed to rebuild and compare it. Field order is the file format."""

    version: int = Field(default=RECORD_VERSION, description="Record schema version.")
    episode_id: str = Field(description="Stable id: the same task, seed, agent and repeat give the same id.")
    suite: str = Field(default="", description="The suite's name, if run from one.")
    task: str = Field(description="The task's name within the suite.")
    world: str = Field(description="The world's name (`gamehall worlds` lists them).")
    world_version: str = Field(default="", description="The rules' version.")
    options: dict[str, Any] = Field(default_factory=dict, description="The world options of the game.")
    seed: int = Field(description="The game's seed.")
    repeat: int = Field(default=0, description="Which repeat of this task and seed.")
    agent: dict[str, Any] = Field(description="The agent spec, as given (kind, models, limits).")
    agent_label: str = Field(description="A short name for the agent, e.g. llm:local/gemma-3-270m.")
    seat: str = Field(default="", description="The seat the agent played.")
    score: float | None = Field(default=None, description="Raw score in the world's units (None if it failed).")
    normalized_score: float | None = Field(default=None, description="0 = random play, 100 = scripted expert "
                                           "(on this seed; the task's means where a seed does not separate them).")
    scaffold_normalized_score: float | None = Field(
        default=None, description="0 = this agent configuration with its model replaced by a seeded uniform-random "
        "chooser over the options it is offered, 100 = scripted expert: what the model added to its scaffold.")
    scaffold_baseline: float | None = Field(default=None, description="The raw score of that random-chooser "
                                            "configuration on this seed (the 0 of scaffold_normalized_score).")
    decisions: dict[str, int] = Field(default_factory=dict, description="Decisions by who made them: model:<mind> "
                                      "(a move or a macro the model chose), executor (the atomic moves a macro "
                                      "played), forced (the only option, taken without asking), bot (a scripted "
                                      "player's move), human.")
    partners: dict[str, str] = Field(default_factory=dict, description="The other seats' controllers (seat -> "
                                     "bot:<policy> or agent:<label>); results with other partners are another task.")
    success: bool | None = Field(default=None, description="Task solved / team won.")
    done: bool = Field(default=False, description="Whether the game reached its end.")
    steps: int = Field(default=0, description="Commands the agent played, and its turns that moved nothing (a "
                       "model reply without a usable move, a call the server refused).")
    invalid_actions: int = Field(default=0, description="Commands the world refused, and the agent's turns that "
                                 "moved nothing because they were wrong.")
    tokens_in: int = Field(default=0, description="Prompt tokens over all model calls.")
    tokens_out: int = Field(default=0, description="Completion tokens over all model calls.")
    tokens_cached: int = Field(default=0, description="Of tokens_in, those served from a prompt cache "
                               "(usage.prompt_tokens_details.cached_tokens; 0 where a provider reports none).")
    cost_usd: float = Field(default=0.0, description="Model cost in US dollars (0 for local models).")
    model_calls: int = Field(default=0, description="Model calls made.")
    wall_time_s: float = Field(default=0.0, description="Wall time of the episode.")
    latency: dict[str, LatencySummary] = Field(default_factory=dict, description="Per mind (and 'seat').")
    metrics: dict[str, Any] = Field(default_factory=dict, description="The world's end-of-game metrics (and, for "
                                    "worlds that measure personas, the seat's judge-free persona measures).")
    persona: str | None = Field(default=None, description="The persona card the seat played (its name), or null.")
    attribution: dict[str, Any] | None = Field(default=None, description="Which card the seat's speech points to, "
                                               "by scorer (added by gamehall judge).")
    persona_score: dict[str, Any] | None = Field(default=None, description="Rubric scores 1-5 per task and judge, "
                                                 "their mean (PersonaScore) and missing count (gamehall judge).")
    status: Status = Field(default="ok", description="ok, limit (an agent limit stopped it), error, timeout.")
    stop_reason: str = Field(default="", description="Which limit stopped the agent, if one did.")
    error: str = Field(default="", description="What went wrong, for status error or timeout.")
    started_at: str = Field(default="", description="UTC start time, ISO 8601.")
    finished_at: str = Field(default="", description="UTC end time, ISO 8601.")


def episode_id(task: str, world: str, options: dict[str, Any], seed: int, agent_label: str, repeat: int) -> str:
    """A stable id, so a re-run knows which episodes it has already finished."""
    key = json.dumps([task, world, options, seed, agent_label, repeat], sort_keys=True, default=str)
    digest = hashlib.sha256(key.encode()).hexdigest()[:12]
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in task)[:40]
    return f"{safe}-s{seed}-r{repeat}-{digest}"


def latency_summary(ms: list[float], ticks: list[int] | None = None) -> LatencySummary | None:
    if not ms:
        return None
    summary = LatencySummary(n=len(ms), p50_ms=percentile(ms, 50), p95_ms=percentile(ms, 95))
    if ticks:
        summary.p50_ticks = percentile(ticks, 50)
        summary.p95_ticks = percentile(ticks, 95)
    return summary


def percentile(values: list[float] | list[int], q: float) -> float:
    """numpy's default percentile (linear between the two nearest ranks), without numpy's cost on a short list:
    every record of a run is summarised this way, on the host that played it."""
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100.0
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (rank - low))
