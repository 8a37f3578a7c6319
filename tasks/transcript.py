"""`gamehall transcript RUN EPISODE_ID`: one episode as plain text, for papers and issues: the views (logged
frames, drawn by the world's text view), the moves, the chat, the agent's thoughts by mind, and the result.
Events routed to some seats only are marked with who could see them."""

from __future__ import annotations

import json
from typing import Any

from envs.frames import frame_text
from tasks.run_episodes import Episode, episodes

SKIPPED = frozenset({"tick", "score", "run_episode_started", "run_episode_finished", "episode_started",
                     "episode_ended", "model_call"})


def transcript(run_dir: str, episode_id: str) -> str:
    return render(episodes(run_dir, episode_id)[0])


def render(episode: Episode) -> str:
    record = episode.record
    options = " ".join(f"{k}={v}" for k, v in record.options.items())
    lines = [f"episode {record.episode_id}", f"world {record.world} {options} | seed {record.seed} | "
             f"agent {record.agent_label} in seat {record.seat or '-'}", ""]
    tick = None
    for event in episode.events:
        kind = event.get("kind")
        if kind in SKIPPED:
            continue
        if event.get("tick") is not None and event["tick"] != tick and kind != "thought":
            tick = event["tick"]
            lines.append(f"-- tick {tick} --")
        lines += _lines(record.world, event)
    lines += ["", *_result(record)]
    return "\n".join(lines) + "\n"


def _lines(world: str, event: dict[str, Any]) -> list[str]:
    kind, seat, data = event.get("kind"), event.get("seat") or "", event.get("data") or {}
    to = f" (to {', '.join(event['to'])})" if event.get("to") else ""
    if kind == "frame":
        return ["[view]", *[f"  {line}" for line in frame_text(world, data).splitlines()]]
    if kind == "observation":
        return [f"[view of {seat}]", *[f"  {line}" for line in str(data.get("text", "")).splitlines()]]
    if kind == "action":
        command = str(data.get("command", ""))
        return [] if command.startswith("say ") else [f"{seat}: {command}{to}"]  # its chat event shows it
    if kind == "invalid_action":
        return [f"{seat}: {data.get('action', '')}  (refused: {data.get('reason', '')}){to}"]
    if kind == "chat":
        channel = f" [{data['channel']}]" if data.get("channel") else ""
        return [f'{seat} says{channel}: "{data.get("text", "")}"{to}']
    if kind == "thought":
        return [f"{seat} thinks ({data.get('mind', 'mind')}): {data.get('text', '')}"]
    text = data.get("text")
    detail = text if isinstance(text, str) else json.dumps(data, sort_keys=True)
    return [f"  * {kind}{' ' + seat if seat else ''}: {detail}{to}"]


def _result(record: Any) -> list[str]:
    lines = [f"result: status {record.status}, score {record.score}, normalized {record.normalized_score}, "
             f"success {record.success}, {record.steps} steps, {record.invalid_actions} refused"]
    if record.error:
        lines.append(f"error: {record.error}")
    lines += [f"  {key}: {json.dumps(value, sort_keys=True)}" for key, value in record.metrics.items()]
    return lines
