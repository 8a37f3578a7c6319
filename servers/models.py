"""What the tools return: versioned pydantic models, so every result is structured output too."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class EventView(BaseModel):
    """One event this seat may see."""

    seq: int = Field(description="Position in the game's event log.")
    tick: int = Field(description="The world's clock when it happened (step, tick or day).")
    kind: str = Field(description="What happened: action, invalid_action, chat, score, episode_ended, ...")
    seat: str | None = Field(description="Who caused it, if anyone.")
    data: dict[str, Any] = Field(description="The details.")


class ResultView(BaseModel):
    """How a finished game ended."""

    score: float = Field(description="The headline score in the world's units.")
    success: bool = Field(description="Whether the task or the seat's side succeeded.")
    seat_score: float | None = Field(default=None, description="Your seat's own score, if you hold a seat.")
    metrics: dict[str, Any] = Field(default_factory=dict, description="World metrics (progress, orders, ...).")


class SeatView(BaseModel):
    """Your seat's view of the game: what you may know now, and what you may do."""

    game_id: str = Field(description="The game.")
    world: str = Field(description="The world's name (`gamehall worlds` lists them).")
    seat: str = Field(description="Your seat's name in this game.")
    observation: str = Field(description="The text observation for your seat.")
    data: dict[str, Any] = Field(default_factory=dict, description="The observation as structured data, in the "
                                 "views of a seat taken with data=true (new_game, join_game); absent otherwise.")
    legal_actions: list[str] = Field(description="Commands legal now, each playable as it is: pass one to `act`.")
    templates: list[str] = Field(default_factory=list, description="Commands with a <slot> to fill in (e.g. "
                                 "`say <text>`): fill the slot, then pass the command to `act`.")
    awaiting_you: bool = Field(description="True if the game waits for your move now.")
    done: bool = Field(description="True once the game has ended.")
    phase: str = Field(description="The game's phase (e.g. night, day, vote; empty in worlds without phases).")
    tick: int = Field(description="The world's clock: step, tick or day.")
    score: float = Field(description="Your seat's score so far.")
    waiting_for_players: int = Field(description="Clients still to join (join_game) before the game starts.")
    controller: str = Field(description="Who plays your seat now: client, or bot after you left or went silent.")
    # Plain objects, not nested models: $ref'd sub-schemas make every client's result validation several
    # times slower (bench/mcp.py), and the fields' shapes are given here instead.
    events: list[dict[str, Any]] = Field(
        description="What you may see that happened since your last call, each once: objects with seq, tick, "
        "kind (action, invalid_action, chat, score, episode_ended, ...), seat (who caused it) and data.")
    result: dict[str, Any] | None = Field(
        default=None, description="Once the game is done: score (world units), success, seat_score (yours), "
        "metrics (progress, orders, winner, ...).")
    beliefs_due: bool = Field(default=False, description="True if report_beliefs wants your report now.")
    belief_targets: list[str] = Field(default_factory=list, description="The players to report on, when due.")
    reflection_due: bool = Field(default=False, description="True once the game is over, until you reflect.")


class GameCreated(SeatView):
    """A new game with you in one seat."""

    seat_token: str = Field(description="Secret capability for your seat: pass it to every later call.")
    open_seats: list[str] = Field(description="Seats other clients may take with join_game.")
    referee_token: str | None = Field(default=None, description="Only when asked for (referee=true): the "
                                      "capability to read the whole game with the referee tool.")


class SeatJoined(SeatView):
    """You took a seat in a waiting game."""

    seat_token: str = Field(description="Secret capability for your seat: pass it to every later call.")


class ActionResult(SeatView):
    """What your command did, and the view after it."""

    command: str = Field(description="The command as the world received it.")
    accepted: bool = Field(description="False if the world refused the move (see reason and legal_actions).")
    reason: str | None = Field(default=None, description="Why the move was refused, if it was.")


class LeftGame(BaseModel):
    """You left; a built-in bot plays your seat from now on."""

    game_id: str
    seat: str
    controller: str = Field(description="Who plays the seat now: bot, or open (left before the game started).")
    done: bool


class GameList(BaseModel):
    """The games on this server (`result`: the key the SDK gave the list before; kept for its clients)."""

    result: list[dict[str, Any]] = Field(description="Objects with game_id, world, seats (seat -> open or "
                                         "taken), waiting_for_players, done, tick.")


class GameSummary(BaseModel):
    """A game on this server, as anyone may see it."""

    game_id: str
    world: str
    seats: dict[str, str] = Field(description="Seat -> open or taken (not who plays it: a bot taking a silent "
                                  "seat would tell who the game was waiting for).")
    waiting_for_players: int
    done: bool
    tick: int


class Suggestion(BaseModel):
    """A scripted player's move for your seat (servers started with hints only)."""

    command: str = Field(description="The command it would play now; pass it to act.")
    policy: str = Field(description="Which scripted player answered.")
    beliefs: dict[str, float] | None = Field(default=None, description="Its beliefs, when a belief round is open "
                                             "and the player has any (what report_beliefs takes).")


class MacroView(BaseModel):
    """A macro action and whether it can begin now."""

    name: str = Field(description="Pass it to run_macro.")
    feasible: bool = Field(description="Whether it can begin now.")
    reason: str = Field(description="Why not, if it cannot.")
    missing: list[str] = Field(description="What is missing for it to begin.")
    score: float = Field(description="A heuristic: higher looks more useful now.")


class MacroList(BaseModel):
    """The macro actions of your seat now (or, asked `after` a macro, where that macro most likely ends)."""

    macros: list[MacroView]
    clock: str = Field(default="", description="The game's clock: turn, lockstep or realtime.")
    observation: str | None = Field(default=None, description="Asked `after` a macro: your observation where "
                                    "it most likely ends (the others standing still).")
    reactive: str | None = Field(default=None, description="Asked with a `plan`: the macro the world's rules "
                                 "would play now while you think (the plan's next step, what it needs, ...).")
    reactive_why: str | None = Field(default=None, description="Why the rules chose `reactive`.")


class MacroResult(ActionResult):
    """How a macro ran: its commands were played one by one until it ended."""

    macro: str = Field(description="The macro that ran.")
    status: str = Field(description="done, failed, interrupted (you sent another move), limit, or running: "
                        "the call's time ran out first; call run_macro with the same name to go on.")
    steps: int = Field(description="Atomic commands it played.")
