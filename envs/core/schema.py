"""The event schema: one typed, versioned record per line of `events/<episode>.jsonl`, the stream Session
writes, agents and the runner add to, the TUI draws and replay reads back.

Every kind is one model of a discriminated union on `kind`. Worlds add kinds of their own (declared in
their WorldSpec's `event_kinds`; their data is the world's business). `schema_version` says which format
wrote a line; lines from before the schema had none and read as version 1."""

from __future__ import annotations

import functools
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, create_model

from envs.core.events import SCHEMA_VERSION


class Data(BaseModel):
    """An event's payload: the fields every event of the kind has; worlds and agents may add more."""

    model_config = ConfigDict(extra="allow")


class EventBase(BaseModel):
    """What every line has. `seq` is the world's sequence number (-1: added by an agent or the runner);
    `to` lists the seats that may see it (null: public)."""

    model_config = ConfigDict(extra="forbid")
    schema_version: int = Field(default=1, ge=1, le=SCHEMA_VERSION, description="Format of this line.")
    seq: int = Field(default=-1, description="The world's sequence number; -1 if an agent or the runner added it.")
    time: float = Field(default=0.0, description="Seconds since the game (or, for the runner's, the run) began.")
    tick: int | None = Field(default=None, description="The world's clock when it happened.")
    seat: str | None = Field(default=None, description="Who caused it.")
    to: list[str] | None = Field(default=None, description="Seats that may see it; null means everyone.")


class EpisodeStartedData(Data):
    world: str
    clock: str


class ActionData(Data):
    command: str


class InvalidActionData(Data):
    action: str
    reason: str
    legal_actions: list[str]


class ChatData(Data):
    text: str


class TickData(Data):
    tick: int | None = None


class ScoreData(Data):
    score: float


class EpisodeEndedData(Data):
    score: float
    success: bool
    metrics: dict[str, Any] = Field(default_factory=dict)


class SeatHandedData(Data):
    after_s: float


class BeliefData(Data):
    round: str
    beliefs: dict[str, float]


class ReflectionData(Data):
    text: str


class PersonaData(Data):
    persona: str
    archetype: str | None = None


class ObservationData(Data):
    text: str
    legal_actions: list[str]
    tick: int | None = None
    awaiting_you: bool | None = None


class ThoughtData(Data):
    mind: str
    text: str


class ModelCallData(Data):
    mind: str
    model: str
    messages: list[Any]


class RunEpisodeStartedData(Data):
    task: str
    world: str
    options: dict[str, Any]
    seed: int
    agent: str


class RunEpisodeFinishedData(Data):
    """The episode's record (`gamehall schema record`)."""

    episode_id: str
    status: str


def _kind(name: str, data: type[BaseModel] | Any, doc: str) -> type[EventBase]:
    return create_model("".join(part.title() for part in name.split("_")) + "Event", __base__=EventBase,
                        __doc__=doc, kind=(Literal[name], ...), data=(data, Field(default_factory=dict)))


CORE_KINDS: dict[str, type[EventBase]] = {
    # The world's log (Session).
    "episode_started": _kind("episode_started", EpisodeStartedData, "A game began."),
    "action": _kind("action", ActionData, "A seat's accepted command."),
    "invalid_action": _kind("invalid_action", InvalidActionData, "A refused command: why, and what is legal."),
    "chat": _kind("chat", ChatData, "Something a seat said."),
    "tick": _kind("tick", TickData, "The world's clock moved."),
    "score": _kind("score", ScoreData, "A seat's score changed."),
    "episode_ended": _kind("episode_ended", EpisodeEndedData, "The game ended: its result."),
    "seat_handed_to_bot": _kind("seat_handed_to_bot", SeatHandedData, "A silent client's seat went to a bot."),
    # The servers' belief traces (worlds whose spec opens belief rounds; private to the seat).
    "belief": _kind("belief", BeliefData, "A seat's reported probabilities about the other players, for a round."),
    "reflection": _kind("reflection", ReflectionData, "A seat's reflection once the game was over."),
    # Agents (through their SeatClient).
    "observation": _kind("observation", ObservationData, "What an agent's seat was shown."),
    "thought": _kind("thought", ThoughtData, "An agent's reasoning, by mind (llm, slow, fast, executor)."),
    "model_call": _kind("model_call", ModelCallData, "One model call: what it saw and answered."),
    # The runner.
    "frame": _kind("frame", dict[str, Any], "The public view's data (World.observe(state, None)): what the TUI "
                   "draws."),
    "run_episode_started": _kind("run_episode_started", RunEpisodeStartedData, "The runner began an episode."),
    "run_episode_finished": _kind("run_episode_finished", RunEpisodeFinishedData, "An episode's record."),
    "persona": _kind("persona", PersonaData, "The persona card a seat plays (its name and archetype)."),
}


def world_kinds() -> dict[str, list[str]]:
    """World name -> the event kinds it adds, for every registered world."""
    from envs.registry import WORLDS

    return {spec.name: [k for k in spec.event_kinds if k not in CORE_KINDS] for spec in WORLDS.values()}


@functools.cache
def _adapter(kinds: tuple[str, ...]) -> TypeAdapter[Any]:
    models: list[Any] = list(CORE_KINDS.values())
    if kinds:
        models.append(create_model("WorldEvent", __base__=EventBase, __doc__="An event a world declares itself.",
                                   kind=(Literal[kinds], ...), data=(dict[str, Any], Field(default_factory=dict))))
    union = Union[tuple(models)]  # noqa: UP007 - built at run time from the registry
    return TypeAdapter(Annotated[union, Field(discriminator="kind")])


def event_adapter() -> TypeAdapter[Any]:
    """The union of every kind (core and registered worlds')."""
    return _adapter(tuple(sorted({k for kinds in world_kinds().values() for k in kinds})))


def validate_event(record: dict[str, Any]) -> EventBase:
    """The record as its kind's model; raises pydantic.ValidationError if it is not a valid event."""
    return event_adapter().validate_python(record)


def events_json_schema() -> dict[str, Any]:
    schema = event_adapter().json_schema()
    schema["title"] = "gamehall event"
    schema["description"] = __doc__.split("\n\n")[0].replace("\n", " ")
    schema["schema_version"] = SCHEMA_VERSION
    return schema


def run_event(kind: str, data: dict[str, Any], *, seat: str | None = None, time: float = 0.0,
              tick: int | None = None) -> dict[str, Any]:
    """A line added by an agent or the runner (seq -1), checked against its kind's model."""
    record = {"schema_version": SCHEMA_VERSION, "seq": -1, "time": time, "tick": tick, "kind": kind, "seat": seat,
              "to": None, "data": data}
    validate_event(record)
    return record
