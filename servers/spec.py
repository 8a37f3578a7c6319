"""What bounds a world server. What a world tells the factory is its WorldSpec (envs/core/spec.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """What keeps a server alive under any client: every number here is a bound, not a goal."""

    max_games: int = 64
    max_command_chars: int = 2_000
    max_message_chars: int = 16_000
    max_wait_s: float = 30.0
    seat_timeout_s: float = 120.0
    idle_game_s: float = 900.0
    waiting_game_s: float = 120.0  # a game nobody joins gives its slot back this soon
    finished_kept: int = 1_000
    events_per_view: int = 40
    macro_max_steps: int = 400
    macro_max_s: float = 60.0
    macro_call_s: float = 20.0  # one run_macro call returns `running` by then: clients give up at 60 s
