"""Village drawn as Rich text from its frame (public state; roles only if revealed or asked for)."""

from __future__ import annotations

from typing import Any

from rich.text import Text


def village(frame: dict[str, Any], roles: dict[str, str] | None = None, log_lines: int = 8) -> Text:
    """Day and phase, the table of players (alive, role if public or revealed, voted, speaking), the log."""
    if not frame.get("players"):
        return Text("(no frame yet)", style="dim")
    out = Text()
    out.append(f"day {frame.get('day', '?')} · {frame.get('phase', '?')}", style="bold")
    if frame.get("winner"):
        out.append(f"  · {frame['winner']} wins", style="bold green")
    out.append("\n")
    public = dict(frame.get("revealed") or {})
    alive, voted = set(frame.get("alive") or []), set(frame.get("voted") or [])
    for player in frame["players"]:
        _player_line(out, player, player in alive, public.get(player) or (roles or {}).get(player),
                     player in voted, player == frame.get("speaker"), player in public)
    for entry in (frame.get("log") or [])[-log_lines:]:
        speaker = entry.get("speaker")
        out.append(f"d{entry.get('day', '?')} ", style="dim")
        out.append(f"{speaker}: " if speaker else "", style="bold cyan")
        out.append(f"{entry.get('text', '')}\n", style="" if speaker else "italic")
    return out


def _player_line(out: Text, player: str, alive: bool, role: str | None, voted: bool, speaking: bool,
                 public: bool) -> None:
    out.append("▶ " if speaking else "  ", style="bold yellow")
    out.append(f"{player:<6}", style="bold" if alive else "strike dim")
    out.append(f" {'alive' if alive else 'dead ':<5}", style="green" if alive else "red")
    wolf = role == "werewolf"
    out.append(f" {role or '?':<9}", style=("bold red" if wolf else "cyan") if public else "dim italic")
    out.append(" voted" if voted else "", style="magenta")
    out.append("\n")


def draw(frame: dict[str, Any], roles: dict[str, str] | None = None, room: tuple[int, int] = (0, 0)) -> Text:
    return village(frame, roles)


def frame_from_view(data: dict[str, Any]) -> dict[str, Any]:
    """A Village seat's observation data in the frame's shape (what the seat knows stands in for `revealed`)."""
    log = [e for e in data.get("log", []) if e.get("channel") in ("public", "system", "wolves", "private")]
    return {"day": data.get("day"), "phase": data.get("phase"), "players": data.get("players", []),
            "alive": data.get("alive", []), "revealed": dict(data.get("known_roles") or {}),
            "speaker": data.get("speaker"), "voted": [], "log": log, "winner": data.get("winner")}
