"""A Session as a Gymnasium env for ONE seat; the other seats are played by policies."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import gymnasium as gym
import numpy as np

from envs.core.events import EventKind, SeatId
from envs.core.lazy import LazyDict
from envs.core.playout import play_out
from envs.core.policies import from_env_policy
from envs.core.session import Clock, Session
from envs.core.text import action_space, clip, observation_space, printable
from envs.core.world import EnvPolicy, Policy, World

Others = str | EnvPolicy | Mapping[SeatId, EnvPolicy] | None
_MAX_BOT_MOVES = 100_000
_MAX_REDRAWS = 1_000
_INVALID = EventKind.INVALID_ACTION


class SeatEnv(gym.Env[str, str]):
    """Base class of the three worlds' envs: text in, text out, one seat.

    Subclasses set `world`, build the scenario from their kwargs and call `super().__init__`. `others`
    fills the seats the agent does not play: a policy name from the world (e.g. "expert", "bots"), one
    env-level callable `(observation, info) -> str` for all of them, or a mapping seat -> callable.

    A reset never returns a finished game: a game the other seats finish before the agent's first move is
    drawn again (see `reset`). Later, a seat that can no longer act (a dead Village player) is not asked
    again: the other seats play on and the step that follows its last move ends the episode with the result.
    """

    metadata = {"render_modes": ["ansi", "rgb_array"], "render_fps": 4}

    def __init__(
        self,
        world: World,
        scenario: Any,
        *,
        seat: SeatId | None = None,
        others: Others = None,
        clock: Clock = "turn",
        tick_hz: float = 10.0,
        render_mode: str | None = None,
        obs_max_length: int = 16_384,
    ) -> None:
        if render_mode is not None and render_mode not in self.metadata["render_modes"]:
            raise ValueError(f"render_mode must be one of {self.metadata['render_modes']} or None, got {render_mode!r}")
        self.world = world
        self.scenario = scenario
        self.render_mode = render_mode
        self.clock = clock
        self.tick_hz = tick_hz
        self._seat_choice = seat
        self._others = others
        self._obs_max = obs_max_length
        self.observation_space = observation_space(obs_max_length)
        self.action_space = action_space()
        self.session: Session | None = None
        self.seat: SeatId = ""
        self._policies: dict[SeatId, Policy] = {}
        self._last_score = 0.0
        self._shown: tuple[str | None, str] = (None, "")
        # A world whose every text is printable already says so (`printable_text = True`): no need to scan it
        self._printable_text = bool(getattr(world, "printable_text", False))
        self.redraws = 0
        """How many finished games the last reset drew again before the one it returned."""

    # -- Gymnasium API ---------------------------------------------------------------------------

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None) -> tuple[str, dict]:
        """A new game in which the agent's seat can act. If the other seats play it to its end before the
        agent's first move (a Village seat killed on night 1 while the bots play on), the game is drawn
        again from the same generator, so the seed still decides everything."""
        super().reset(seed=seed)
        for self.redraws in range(_MAX_REDRAWS):
            self.close()
            self.session = self._new_session()
            self.seat = self._pick_seat(self.session)
            self._policies = self._build_policies(self.session)
            self._last_score = 0.0
            self._on_reset()
            self._play_others()
            if not self.session.done:
                return self._observation(), self._info(invalid=None)
        raise RuntimeError(f"{self.world.name}: {_MAX_REDRAWS} games in a row ended before the agent's first move")

    def step(self, action: str) -> tuple[str, float, bool, bool, dict]:
        session = self._require_session()
        invalid = None
        for event in session.act(self.seat, action):
            if event.kind == _INVALID:
                invalid = event.data["reason"]
                break
        self._play_others()
        score = session.score(self.seat)
        reward, self._last_score = score - self._last_score, score
        return self._observation(), float(reward), session.done, False, self._info(invalid=invalid)

    def render(self) -> str | np.ndarray | None:
        if self.render_mode is None:
            gym.logger.warn("render() called without a render_mode; pass render_mode='ansi' or 'rgb_array'")
            return None
        session = self._require_session()
        if self.render_mode == "ansi":
            return self.render_ansi(session)
        return self.render_rgb(session)

    def close(self) -> None:
        """Subclasses with a clock thread stop it here."""

    # -- hooks for worlds ------------------------------------------------------------------------

    def render_ansi(self, session: Session) -> str:
        raise NotImplementedError(f"{type(self).__name__} declares render mode 'ansi' but draws no ansi view")

    def render_rgb(self, session: Session) -> np.ndarray:
        raise NotImplementedError(f"{type(self).__name__} declares render mode 'rgb_array' but draws no frame")

    def _on_reset(self) -> None:
        """Called after a new session and its policies exist (realtime envs start their clock here)."""

    def _play_others(self) -> None:
        """Let the other seats move until the agent's seat is awaited or the game ends (turn clocks)."""
        play_out(self.session or self._require_session(), self._policies, until=self.seat, max_moves=_MAX_BOT_MOVES)

    # -- internals -------------------------------------------------------------------------------

    def _new_session(self) -> Session:
        return Session(self.world, self.scenario, rng=self.np_random, clock=self.clock, tick_hz=self.tick_hz)

    def _pick_seat(self, session: Session) -> SeatId:
        seats = session.seats
        if self._seat_choice is None:
            return seats[0]
        if self._seat_choice == "random":
            return seats[int(self.np_random.integers(len(seats)))]
        if self._seat_choice not in seats:
            raise ValueError(f"seat must be one of {list(seats)} or 'random', got {self._seat_choice!r}")
        return self._seat_choice

    def _build_policies(self, session: Session) -> dict[SeatId, Policy]:
        others = [s for s in session.seats if s != self.seat]
        factories = self.world.policies()
        spec = self._others
        if spec is None or isinstance(spec, str):
            name = spec or next(iter(factories))
            if name not in factories:
                raise ValueError(f"others must be one of {sorted(factories)} or a callable, got {name!r}")
            return {s: factories[name](session, s, int(self.np_random.integers(2**31))) for s in others}
        if callable(spec):
            return {s: from_env_policy(spec, session, s) for s in others}
        missing = [s for s in others if s not in spec]
        if missing:
            raise ValueError(f"others is missing a policy for seats {missing}")
        return {s: from_env_policy(spec[s], session, s) for s in others}

    def _observation(self) -> str:
        text = (self.session or self._require_session()).observe(self.seat).text
        last, shown = self._shown
        if text is not last:  # the world's text is often the very string of the last step (nothing it shows moved)
            shown = text if self._printable_text else printable(text)
            if len(shown) > self._obs_max:
                shown = clip(shown, self._obs_max)
            self._shown = (text, shown)
        return shown

    def _info(self, invalid: str | None) -> dict[str, Any]:
        """The step's info, built when first read (a training loop that never reads it pays nothing): from
        the state of this step, which never changes, so a late read gives what an eager one would."""
        session = self.session or self._require_session()
        with session.lock:
            state = session.state
        world, seat = self.world, self.seat

        def build() -> dict[str, Any]:
            info: dict[str, Any] = {
                "legal_actions": list(world.observe(state, seat).legal_actions),
                "score": world.score(state, seat),
                "invalid_action": invalid,
                "seat": seat,
                "tick": world.tick(state),
                **world.info(state, seat),
            }
            result = world.result(state)
            if result is not None:
                info["success"] = bool(result.success)
                info.update(result.metrics)
            return info

        return LazyDict(build, {"invalid_action": invalid, "seat": seat})

    def _require_session(self) -> Session:
        if self.session is None:
            raise gym.error.ResetNeeded("call reset() before step() or render()")
        return self.session


PolicyMaker = Callable[[SeatEnv], EnvPolicy]
