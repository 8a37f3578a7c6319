"""`gamehall export DIR`: a run as training data, in two formats that never mix up who acted.

- `chat-jsonl`: only what a model was asked and answered. One example per model call (`model_call` events):
  the messages it saw, its reply with tool calls, the tools it was offered; `metadata.source` is always
  "model_call", with the mind, episode, seed and scores. Executor, forced and bot moves never appear as
  assistant turns: a macro's atomic moves were not the model's.
- `trajectory-jsonl`: one line per episode with every move of the game in order (`moves`), each with its
  seat, command, tick, whether the world accepted it, and its `actor`: `model:<mind>`, `executor`, `forced`,
  `bot` (a scripted player at the agent's seat), or the controller of another seat (`bot:<policy>`,
  `agent:<label>`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from tasks.export_formats import FORMATS
from tasks.records import EpisodeRecord
from tasks.replay_log import read_event_log
from tasks.report import load_records


def export(run_dir: str, out: TextIO, fmt: str = "chat-jsonl") -> int:
    """Write the run in `fmt` to `out`; returns how many lines were written."""
    if fmt not in FORMATS:
        raise ValueError(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    count = 0
    for record in load_records([run_dir]):
        events = read_event_log(Path(run_dir) / "events" / f"{record.episode_id}.jsonl").records
        meta = _meta(record)
        if fmt == "chat-jsonl":
            for example in model_calls(events):
                mind = example.pop("mind")
                out.write(json.dumps({**example, "metadata": {**meta, "mind": mind, "source": "model_call"}}) + "\n")
                count += 1
        else:
            out.write(json.dumps({"metadata": {**meta, "source": "trajectory"},
                                  "moves": trajectory(events, record)}) + "\n")
            count += 1
    return count


def export_chat(run_dir: str, out: TextIO) -> int:
    return export(run_dir, out, "chat-jsonl")


def _meta(record: EpisodeRecord) -> dict[str, Any]:
    return {"episode_id": record.episode_id, "task": record.task, "world": record.world, "agent": record.agent_label,
            "seat": record.seat, "seed": record.seed, "score": record.score,
            "normalized_score": record.normalized_score,
            "scaffold_normalized_score": record.scaffold_normalized_score, "success": record.success}


def model_calls(events: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for event in events:
        if event.get("kind") != "model_call":
            continue
        data = event.get("data") or {}
        reply = data.get("reply") or {}
        messages = [*data.get("messages", []), reply] if reply else list(data.get("messages", []))
        yield {"messages": messages, "tools": data.get("tools", []), "mind": data.get("mind")}


def trajectory(events: list[dict[str, Any]], record: EpisodeRecord) -> list[dict[str, Any]]:
    """Every move in order with its actor; the agent's seat's moves by its last decision (a thought's
    `moves_by`), a scripted agent's by `bot`, the other seats' by their controllers (`partners`)."""
    mine = "bot" if record.agent.get("kind") in ("random", "expert") else "agent"
    moves: list[dict[str, Any]] = []
    for event in events:
        kind, data, seat = event.get("kind"), event.get("data") or {}, event.get("seat")
        if kind == "thought" and seat == record.seat and data.get("moves_by"):
            mine = str(data["moves_by"])
        elif kind in ("action", "invalid_action") and seat:
            actor = mine if seat == record.seat else record.partners.get(seat, "other")
            moves.append({"seat": seat, "command": data.get("command", data.get("action", "")),
                          "tick": event.get("tick"), "accepted": kind == "action", "actor": actor})
    return moves
