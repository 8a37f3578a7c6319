"""`gamehall export DIR --format chat-jsonl`: trajectories as fine-tuning data (messages with tool calls).

One JSON object per line. From LLM agents, each model call becomes one example: the messages the model saw
and the tool calls it made (`model_call` events). From any agent, each episode also becomes one
conversation: the observations it was shown as user turns, each command it played as an assistant tool call
(`act`), and the world's answer as the tool result (`observation` and `action` events)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from tasks.replay_log import read_event_log
from tasks.report import load_records

ACT_TOOL = {
    "type": "function",
    "function": {
        "name": "act",
        "description": "Play one legal command.",
        "parameters": {"type": "object", "properties": {"command": {"type": "string"}}, "required": ["command"]},
    },
}


def export_chat(run_dir: str, out: TextIO) -> int:
    """Write every trajectory of the run to `out`; returns how many examples were written."""
    count = 0
    for record in load_records([run_dir]):
        events = read_event_log(Path(run_dir) / "events" / f"{record.episode_id}.jsonl").records
        meta = {"episode_id": record.episode_id, "world": record.world, "agent": record.agent_label,
                "seed": record.seed, "score": record.score, "normalized_score": record.normalized_score,
                "success": record.success}
        for example in model_calls(events):
            out.write(json.dumps({**example, "metadata": {**meta, "source": "model_call"}}) + "\n")
            count += 1
        conversation = episode_conversation(events, record.seat)
        if conversation:
            out.write(json.dumps({"messages": conversation, "tools": [ACT_TOOL],
                                  "metadata": {**meta, "source": "episode"}}) + "\n")
            count += 1
    return count


def model_calls(events: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for event in events:
        if event.get("kind") != "model_call":
            continue
        data = event.get("data") or {}
        reply = data.get("reply") or {}
        messages = [*data.get("messages", []), reply] if reply else list(data.get("messages", []))
        yield {"messages": messages, "tools": data.get("tools", []), "mind": data.get("mind")}


def episode_conversation(events: list[dict[str, Any]], seat: str) -> list[dict[str, Any]]:
    """Observation -> act(command) -> result, in order, for the agent's seat."""
    messages: list[dict[str, Any]] = []
    pending: dict[str, Any] | None = None
    for event in events:
        kind, data = event.get("kind"), event.get("data") or {}
        if kind == "observation" and event.get("seat") in (seat, None):
            messages.append({"role": "user", "content": data.get("text", "")})
        elif kind == "action" and event.get("seat") == seat:
            pending = _tool_call(len(messages), data.get("command", ""))
            messages += [pending, {"role": "tool", "tool_call_id": pending["tool_calls"][0]["id"], "content": "ok"}]
        elif kind == "invalid_action" and event.get("seat") == seat:
            pending = _tool_call(len(messages), data.get("action", ""))
            reason = f"refused: {data.get('reason', '')}"
            messages += [pending, {"role": "tool", "tool_call_id": pending["tool_calls"][0]["id"], "content": reason}]
    return messages if any(m["role"] == "user" for m in messages) else []


def _tool_call(index: int, command: str) -> dict[str, Any]:
    call = {"id": f"call_{index}", "type": "function",
            "function": {"name": "act", "arguments": json.dumps({"command": command})}}
    return {"role": "assistant", "content": None, "tool_calls": [call]}
