"""What the TUI knows of an episode, folded from its event stream alone (no Textual here, no world state).

The same fold serves `watch` (records arrive from the runner's listener), `replay` (records read back from
`events/<episode_id>.jsonl`) and `play` (events from the human's own seat views)."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

MINDS = ("slow", "fast", "executor", "llm")
THOUGHTS_KEPT = 40
LOG_KEPT = 200
SCORES_KEPT = 600


@dataclass
class Thought:
    mind: str
    text: str
    tick: int | None


@dataclass
class EpisodeView:
    """One episode as far as its events have told: the latest frame, scores, thoughts, chat, status."""

    episode_id: str
    world: str = "?"
    task: str = ""
    agent: str = ""
    seed: int | None = None
    seat: str = ""
    tick: int = 0
    actions: int = 0
    invalid: int = 0
    score: float = 0.0
    status: str = "waiting"
    tokens: int = 0
    cost: float = 0.0
    frame: dict[str, Any] = field(default_factory=dict)
    frames_seen: int = 0
    scores: deque[float] = field(default_factory=lambda: deque(maxlen=SCORES_KEPT))
    thoughts: dict[str, deque[Thought]] = field(default_factory=dict)
    chat: deque[str] = field(default_factory=lambda: deque(maxlen=LOG_KEPT))
    roles: dict[str, str] = field(default_factory=dict)
    personas: dict[str, str] = field(default_factory=dict)
    """Seat -> the persona card it plays (name and archetype), from the runner's `persona` events."""
    result: dict[str, Any] = field(default_factory=dict)
    events: int = 0
    notes: int = 0  # thoughts and chat lines so far (the screen redraws those panels only when this moved)

    def apply(self, record: dict[str, Any]) -> None:
        """Fold one event record in. Unknown kinds only count; a record missing fields is tolerated."""
        self.events += 1
        tick = record.get("tick")
        if isinstance(tick, int):
            self.tick = max(self.tick, tick)
        handler = _HANDLERS.get(str(record.get("kind")))
        if handler is not None:
            handler(self, record, record.get("data") or {})

    def mind_thoughts(self, mind: str) -> list[Thought]:
        return list(self.thoughts.get(mind, ()))


def _started(view: EpisodeView, record: dict[str, Any], data: dict[str, Any]) -> None:
    view.world = str(data.get("world", view.world))
    view.task = str(data.get("task", view.task))
    view.agent = str(data.get("agent", view.agent))
    view.seed = data.get("seed")
    view.status = "running"


def _action(view: EpisodeView, record: dict[str, Any], data: dict[str, Any]) -> None:
    if view.seat and record.get("seat") == view.seat:
        view.actions += 1


def _invalid(view: EpisodeView, record: dict[str, Any], data: dict[str, Any]) -> None:
    if view.seat and record.get("seat") == view.seat:
        view.invalid += 1


def _score(view: EpisodeView, record: dict[str, Any], data: dict[str, Any]) -> None:
    if not view.seat:
        view.seat = str(record.get("seat") or "")  # the first score event names the agent's seat
    if record.get("seat") == view.seat:
        view.score = float(data.get("score", view.score))
        view.scores.append(view.score)


def _thought(view: EpisodeView, record: dict[str, Any], data: dict[str, Any]) -> None:
    view.notes += 1
    mind = str(data.get("mind", "llm"))
    kept = view.thoughts.setdefault(mind, deque(maxlen=THOUGHTS_KEPT))
    tick = record.get("tick")  # agents' records carry no tick: they think at the episode's latest one
    kept.append(Thought(mind, str(data.get("text", "")), tick if isinstance(tick, int) else view.tick))


def _model_call(view: EpisodeView, record: dict[str, Any], data: dict[str, Any]) -> None:
    """Agents put their running totals on each model call: the table's tokens and cost move live."""
    usage = data.get("usage") or {}
    view.tokens = int(usage.get("tokens_in", 0) or 0) + int(usage.get("tokens_out", 0) or 0)
    view.cost = float(usage.get("cost_usd", 0.0) or 0.0)
    if data.get("memory"):  # the past games this decision was shown (an agent with memory)
        _thought(view, record, {"mind": "memory", "text": recalled_text(data)})


def recalled_text(data: dict[str, Any]) -> str:
    """`fast recalled #3.2 (at home -> move market); #7.0 (...)`: which memories a model call was shown."""
    shown = [f"#{m.get('episode')}.{m.get('step')}" + (f" ({m['line'][:60]})" if m.get("line") else "")
             for m in data.get("memory") or [] if isinstance(m, dict)]
    return f"{data.get('mind', '?')} recalled " + "; ".join(shown)


def _chat(view: EpisodeView, record: dict[str, Any], data: dict[str, Any]) -> None:
    """Public chat only: a private channel (the wolves' night talk) is never shown to a spectator."""
    if not record.get("to"):
        view.notes += 1
        view.chat.append(f"{record.get('seat') or '?'}: {data.get('text', '')}")


def _role(view: EpisodeView, record: dict[str, Any], data: dict[str, Any]) -> None:
    """A private role notice: kept apart so the view shows it only when the viewer asks to reveal."""
    for seat in record.get("to") or []:
        if data.get("role"):
            view.roles[str(seat)] = str(data["role"])


def _game_over(view: EpisodeView, record: dict[str, Any], data: dict[str, Any]) -> None:
    for seat, role in (data.get("roles") or {}).items():
        view.roles[str(seat)] = str(role)


def _frame(view: EpisodeView, record: dict[str, Any], data: dict[str, Any]) -> None:
    view.frame = data
    view.frames_seen += 1


def _ended(view: EpisodeView, record: dict[str, Any], data: dict[str, Any]) -> None:
    view.status = "ended"
    if data.get("score") is not None and not view.scores:
        view.scores.append(float(data["score"]))


def _finished(view: EpisodeView, record: dict[str, Any], data: dict[str, Any]) -> None:
    """The runner's full record: the authoritative totals replace what the stream counted."""
    view.result = data
    view.status = str(data.get("status", "ok"))
    view.seat = str(data.get("seat") or view.seat)
    view.actions = int(data.get("steps", view.actions) or 0)
    view.invalid = int(data.get("invalid_actions", view.invalid) or 0)
    view.tokens = int(data.get("tokens_in", 0) or 0) + int(data.get("tokens_out", 0) or 0)
    view.cost = float(data.get("cost_usd", 0.0) or 0.0)
    if data.get("score") is not None:
        view.score = float(data["score"])


def _persona(view: EpisodeView, record: dict[str, Any], data: dict[str, Any]) -> None:
    archetype = f" ({data['archetype']})" if data.get("archetype") else ""
    view.personas[str(record.get("seat") or "?")] = f"{data.get('persona', '?')}{archetype}"
    view.notes += 1


_HANDLERS = {
    "run_episode_started": _started, "action": _action, "invalid_action": _invalid, "score": _score,
    "thought": _thought, "model_call": _model_call, "chat": _chat, "role": _role, "game_over": _game_over,
    "frame": _frame, "persona": _persona,
    "episode_ended": _ended, "run_episode_finished": _finished,
}


class RunView:
    """Every episode of a run, in the order they first appeared."""

    def __init__(self) -> None:
        self.episodes: dict[str, EpisodeView] = {}
        self.version = 0  # bumped on every record: the screen redraws only when it moved

    def apply(self, episode_id: str, record: dict[str, Any]) -> None:
        view = self.episodes.get(episode_id)
        if view is None:
            view = self.episodes[episode_id] = EpisodeView(episode_id)
        view.apply(record)
        self.version += 1

    def ids(self) -> list[str]:
        return list(self.episodes)
