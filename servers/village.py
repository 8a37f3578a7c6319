"""Village (werewolf) as an MCP server: the typed night and day moves; talk goes through `say`."""

from typing import TYPE_CHECKING, Annotated

from pydantic import Field

from envs.core import Session
from envs.village.judging import belief_round, belief_targets
from envs.village.macros import VillageMacros
from envs.village.rules import WORLD
from envs.village.scenario import SCENARIO_OPTIONS, make_scenario
from envs.village.view import public_notes
from servers.models import ActionResult
from servers.params import SeatToken
from servers.spec import WorldServerSpec

if TYPE_CHECKING:
    from servers.factory import WorldServer

Player = Annotated[str, Field(min_length=1, max_length=40, description="A living player's name, e.g. Ben.")]


def spectator(session: Session) -> str:
    state = session.state
    lines = [f"Village, day {state.day}, {state.phase}. Alive: {', '.join(state.alive)}."]
    lines += [f"[d{n.day} {n.phase}] {n.speaker + ': ' if n.speaker else ''}{n.text}" for n in public_notes(state)]
    if state.done:
        lines.append(f"The {state.winner} won.")
    return "\n".join(lines[-60:])


def frame(session: Session) -> dict:
    """Who is alive, the phase, who has voted (ballots stay secret until the count), the public record:
    never a role the rules have not revealed."""
    state = session.state
    return {
        "day": state.day,
        "phase": str(state.phase),
        "players": list(state.players),
        "alive": list(state.alive),
        "revealed": dict(state.revealed()),
        "speaker": state.speakers[0] if str(state.phase) == "day" and state.speakers else None,
        "voted": sorted(p for p, v in state.votes.items()) if str(state.phase) == "vote" else [],
        "log": [{"day": n.day, "phase": n.phase, "speaker": n.speaker, "text": n.text}
                for n in public_notes(state)[-30:]],
        "winner": state.winner,
    }


def actions(mcp, server: "WorldServer") -> None:
    @mcp.tool(description="Day vote: vote to exile a living player (vote phase only).")
    async def vote(seat_token: SeatToken, player: Player) -> ActionResult:
        return server.play(seat_token, f"vote {player}")

    @mcp.tool(description="Night, werewolves only: choose the pack's victim.")
    async def kill(seat_token: SeatToken, player: Player) -> ActionResult:
        return server.play(seat_token, f"kill {player}")

    @mcp.tool(description="Night, doctor only: protect a player from tonight's attack.")
    async def protect(seat_token: SeatToken, player: Player) -> ActionResult:
        return server.play(seat_token, f"protect {player}")

    @mcp.tool(description="Night, seer only: learn which team a player is on (only you see the answer).")
    async def inspect(seat_token: SeatToken, player: Player) -> ActionResult:
        return server.play(seat_token, f"inspect {player}")

    @mcp.tool(description="Do nothing this turn: skip your speech, your vote or your night move.")
    async def pass_turn(seat_token: SeatToken) -> ActionResult:
        return server.play(seat_token, "pass")


def spec() -> WorldServerSpec:
    return WorldServerSpec(
        world=WORLD,
        make_scenario=make_scenario,
        scenario_options=SCENARIO_OPTIONS,
        spectator=spectator,
        frame=frame,
        bot="bot",
        actions=actions,
        macros=VillageMacros(),
        belief_round=belief_round,
        belief_about="the probability that the player is a werewolf",
        belief_targets=belief_targets,
        instructions="Werewolf: read rules://village. new_game(players=..., seat=...) seats you; bots or other "
        "clients fill the table. Night: kill/protect/inspect; day: say, then vote.",
    )
