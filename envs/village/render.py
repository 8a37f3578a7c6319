"""Pictures of a table as one seat may see it: ANSI text and an rgb_array frame (pygame, lazily)."""

from __future__ import annotations

import math

import numpy as np

from envs.core.text import printable
from envs.village.state import VillageState
from envs.village.view import public_notes

RECENT = 12
_WIDTH, _HEIGHT = 720, 540
_ALIVE, _DEAD, _YOU, _WOLF = (90, 170, 110), (90, 90, 96), (240, 200, 80), (200, 70, 70)
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def _title(state: VillageState, seat: str) -> str:
    phase = f"talk round {state.talk_round}" if state.phase == "day" else str(state.phase)
    end = f" | the {state.winner} won" if state.winner else ""
    return f"Village | day {state.day}, {phase} | you: {seat} ({state.roles[seat]}){end}"


def _label(state: VillageState, seat: str, player: str) -> str:
    role = state.known_roles(seat).get(player)
    return f"{player} ({role})" if role and (player != seat or state.done) else player


def ansi(state: VillageState, seat: str) -> str:
    """The seat's table as text: who lives, roles it may know, the latest public lines."""
    lines = [f"{_BOLD}{_title(state, seat)}{_RESET}"]
    for player in state.players:
        mark = "*" if player == seat else " "
        status = "alive" if player in state.alive else f"{_DIM}dead (day {state.deaths[player]}){_RESET}"
        lines.append(f" {mark} {_label(state, seat, player):<22} {status}")
    lines.append("Recent public record:")
    lines += [f"  {n.text if n.kind != 'chat' else f'{n.speaker}: {n.text}'}"[:160]
              for n in public_notes(state)[-RECENT:]]
    return "\n".join(lines)


def rgb(state: VillageState, seat: str) -> np.ndarray:
    """Players on a circle (alive green, dead grey, your seat ringed in gold), the latest lines below."""
    from envs.core.canvas import Canvas

    canvas = Canvas(_WIDTH, _HEIGHT)
    canvas.text(16, 12, printable(_title(state, seat)), size=22)
    cx, cy, radius = _WIDTH // 2, 200, 140
    for i, player in enumerate(state.players):
        angle = 2 * math.pi * i / len(state.players) - math.pi / 2
        x, y = int(cx + radius * math.cos(angle)), int(cy + radius * math.sin(angle))
        if player == seat:
            canvas.circle(x, y, 26, _YOU)
        wolf = state.known_roles(seat).get(player) == "werewolf"
        canvas.circle(x, y, 22, _WOLF if wolf and player in state.alive else
                      (_ALIVE if player in state.alive else _DEAD))
        label = printable(_label(state, seat, player))
        canvas.text(x - 4 * len(label), y + 28, label, size=18)
    recent = [n.text if n.kind != "chat" else f"{n.speaker}: {n.text}" for n in public_notes(state)[-8:]]
    canvas.lines(16, 390, [printable(line)[:100] for line in recent], size=16)
    return canvas.frame()
