"""The core every world plugs into: the World protocol, Session, events, observations, the gym adapter."""

from envs.core.events import Event, EventKind, SeatId, invalid_action
from envs.core.gym_adapter import SeatEnv
from envs.core.session import CLOCKS, Clock, Session
from envs.core.world import EnvPolicy, Observation, Outcome, Policy, PolicyFactory, Result, Status, World

__all__ = [
    "CLOCKS",
    "Clock",
    "EnvPolicy",
    "Event",
    "EventKind",
    "Observation",
    "Outcome",
    "Policy",
    "PolicyFactory",
    "Result",
    "SeatEnv",
    "SeatId",
    "Session",
    "Status",
    "World",
    "invalid_action",
]
