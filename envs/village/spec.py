"""Village, declared once: options, rule bots, typed night and day tools, team scoring, drawing, play hints."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from envs.core.spec import ActionTool, Gym, Param, PlayView, Scoring, WorldSpec
from envs.village.judging import belief_round, belief_targets
from envs.village.macros import VillageMacros
from envs.village.rules import WORLD
from envs.village.scenario import VillageOptions, make_scenario

Player = Annotated[str, Field(min_length=1, max_length=40, description="A living player's name, e.g. Ben.")]
NOTE_KINDS = ("dawn", "game_over", "inspection", "night", "pack", "pack_choice", "proposal", "protection",
              "reveal", "role", "saved", "silence", "talk_round", "tally", "vote_open", "death")


def _on_player(verb: str, description: str) -> ActionTool:
    return ActionTool(verb, description, f"{verb} {{player}}", (Param("player", Player),))


SPEC = WorldSpec(
    WORLD, "Social deduction (werewolf): hidden roles, night kills, day talk and votes, 5-9 players.",
    VillageOptions, make_scenario,
    players={"expert": "bot", "random": "random", "bot": "bot"},
    gym=Gym("envs.village.env:VillageEnv",
            {"gamehall/Village-v0": {}, "gamehall/Village8-v0": {"players": 8, "wolves": 2}}),
    tools=(
        _on_player("vote", "Day vote: vote to exile a living player (vote phase only)."),
        _on_player("kill", "Night, werewolves only: choose the pack's victim."),
        _on_player("protect", "Night, doctor only: protect a player from tonight's attack."),
        _on_player("inspect", "Night, seer only: learn which team a player is on (only you see the answer)."),
        ActionTool("pass", "Do nothing this turn: skip your speech, your vote or your night move.", "pass",
                   aliases=("pass_turn",)),
    ),
    macros=VillageMacros(),
    scoring=Scoring(measure="seat_score", success="team_won", teams=True,
                    note="the seat's own play in [0, 1]: votes on the other team, not exiled, a wolf's survival, "
                    "the seer's and doctor's night moves (rules.md); success: its team won"),
    event_kinds=NOTE_KINDS,
    instructions="Werewolf: read rules://village. new_game(players=..., seat=...) seats you; bots or other "
    "clients fill the table. Night: kill/protect/inspect; day: say, then vote.",
    draw="envs.village.draw:draw",
    frames="envs.village.frames",
    frame_from_view="envs.village.draw:frame_from_view",
    frame_shows_chat=True,
    hidden_roles=True,
    belief_round=belief_round,
    belief_about="the probability that the player is a werewolf",
    belief_targets=belief_targets,
    judging="envs.village.judging",
    play=PlayView(
        keys=(("up / down + enter", "play a listed action (vote, night moves, pass)"),
              ("type + enter", "a legal command, or anything else to say it to the table")),
        hint="up / down + enter plays a listed action, or type a command or a speech · f1 help",
        speech="unless_command", placeholder="command or speech, enter sends"),
)
