"""A Village `frame` (the public table the runner logs: no role the rules have not revealed) drawn back as
text and as a picture in the style of the rgb_array renderer, seen by no seat in particular."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from envs.core.text import printable
from envs.village.render import _ALIVE, _DEAD, _HEIGHT, _WIDTH, _WOLF


def _title(frame: dict[str, Any]) -> str:
    end = f" | the {frame['winner']} won" if frame.get("winner") else ""
    return f"Village | day {frame.get('day')}, {frame.get('phase')}{end}"


def _label(frame: dict[str, Any], player: str) -> str:
    role = (frame.get("revealed") or {}).get(player)
    return f"{player} ({role})" if role else player


def _line(note: dict[str, Any]) -> str:
    return f"{note['speaker']}: {note['text']}" if note.get("speaker") else str(note.get("text", ""))


def text(frame: dict[str, Any]) -> str:
    alive = set(frame.get("alive") or [])
    lines = [_title(frame)]
    lines += [f"  {_label(frame, p):<22} {'alive' if p in alive else 'dead'}" for p in frame.get("players") or []]
    if frame.get("voted"):
        lines.append("voted: " + ", ".join(frame["voted"]))
    lines += [f"  [d{n.get('day')} {n.get('phase')}] {_line(n)}" for n in frame.get("log") or []]
    return "\n".join(lines)


def rgb(frame: dict[str, Any]) -> np.ndarray:
    from envs.core.canvas import Canvas

    canvas = Canvas(_WIDTH, _HEIGHT)
    canvas.text(16, 12, printable(_title(frame)), size=22)
    players, alive = frame.get("players") or [], set(frame.get("alive") or [])
    revealed = frame.get("revealed") or {}
    cx, cy, radius = _WIDTH // 2, 200, 140
    for i, player in enumerate(players):
        angle = 2 * math.pi * i / max(len(players), 1) - math.pi / 2
        x, y = int(cx + radius * math.cos(angle)), int(cy + radius * math.sin(angle))
        colour = _WOLF if revealed.get(player) == "werewolf" else (_ALIVE if player in alive else _DEAD)
        canvas.circle(x, y, 22, colour)
        label = printable(_label(frame, player))
        canvas.text(x - 4 * len(label), y + 28, label, size=18)
    recent = [_line(n) for n in (frame.get("log") or [])[-8:]]
    canvas.lines(16, 390, [printable(line)[:100] for line in recent], size=16)
    return canvas.frame()
