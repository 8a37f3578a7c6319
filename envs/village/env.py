"""Village as a Gymnasium env for one seat; the other seats are played by the rule bots or your policies."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from envs.core import SeatEnv, Session
from envs.core.gym_adapter import Others
from envs.village import render
from envs.village.rules import WORLD, make_scenario
from envs.village.scenario import NAMES, Scenario


class VillageEnv(SeatEnv):
    """Werewolf for 5-9 players with hidden roles, talk and votes.

    ## Description
    Seats are the players Ava, Ben, Cleo, ... Roles (werewolves; seer, doctor and villagers on the village
    team) are dealt from the seed and secret. Night: the wolves agree on a victim in their own channel, the
    doctor protects, the seer inspects. Dawn announces the dead. Day: talk rounds, each living player
    speaks once a round in a seeded order; then everyone votes and the most voted is exiled. The village
    wins when no wolf lives; the wolves when they are as many as the rest (or the days run out).
    Full rules: `WORLD.rules_text()`.

    ## Action Space
    `Text`: one command, `say <text>` (cut to `max_message` characters and marked), `vote <player>`,
    `kill <player>` (werewolves, night), `protect <player>` (doctor, night), `inspect <player>` (seer,
    night) or `pass`. A refused command changes nothing; `info["invalid_action"]` says why.

    ## Observation Space
    `Text` (printable ASCII, at most 16384 characters): the seat's role and private knowledge (pack, seer
    findings), who is alive and who died (with roles where revealed), the record the seat may see (public
    talk, the narrator, its own channels; older talk summarised), the phase, what is expected now and the
    exact legal commands.

    ## Starting State
    Night 1, roles dealt; the seat's role is in the first observation. A reset always returns a game the
    seat can act in: if the seat would die before its first move and the bots then finish the game (a
    villager killed on night 1), the game is redrawn from the same seeded generator (the seat too, when
    `seat="random"`). A seat that dies later ends its episode on the step after its last move, with the
    game's result (the bots play the rest).

    ## Rewards
    1 at the end if the seat's team won, else 0 (0 on every earlier step).

    ## Episode End
    Terminates when a team wins. `info` then carries `winner` ("village" | "wolves"), `won`, `roles`,
    `survived`, `vote_accuracy`, `seer_hit_rate`, `wolf_survival_days`, `days` and `invalid_actions`
    (per seat). Every step's `info` carries `legal_actions`, `role` (the seat's own), `phase`, `day`,
    `alive` and `invalid_action`.

    ## Arguments
    `players` 5-9 (5), `wolves` 1-2 (1), `roles` special roles, a subset of "seer", "doctor" (both),
    `talk_rounds` 0-4 (2), `reveal_on_death` (True), `tie_rule` "random" | "none" ("random"),
    `max_message` (500), `max_days` (10), `seat` a player name (any case), a 0-based index, "random"
    (a seeded draw) or None (the first seat, Ava), `others` "bots" | "bot" | "random" | a policy callable |
    a mapping seat -> policy, `render_mode` "ansi" | "rgb_array".

    ## Version History
    - v0: first version.
    """

    def __init__(
        self,
        players: int = 5,
        wolves: int = 1,
        roles: Iterable[str] | str | None = None,
        talk_rounds: int = 2,
        reveal_on_death: bool = True,
        tie_rule: str = "random",
        max_message: int = 500,
        max_days: int = 10,
        seat: str | int | None = None,
        others: Others = "bots",
        render_mode: str | None = None,
    ) -> None:
        scenario = make_scenario(players=players, wolves=wolves, roles=roles, talk_rounds=talk_rounds,
                                 reveal_on_death=reveal_on_death, tie_rule=tie_rule, max_message=max_message,
                                 max_days=max_days)
        super().__init__(WORLD, scenario, seat=seat_name(seat, scenario), others=others, render_mode=render_mode)

    def render_ansi(self, session: Session) -> str:
        return render.ansi(session.state, self.seat)

    def render_rgb(self, session: Session) -> np.ndarray:
        return render.rgb(session.state, self.seat)

    def _info(self, invalid: str | None) -> dict[str, Any]:
        info = super()._info(invalid)
        session = self._require_session()
        if session.done:
            info["invalid_actions"] = {seat: stats.invalid for seat, stats in session.stats.items()}
        return info


def seat_name(seat: str | int | None, scenario: Scenario) -> str | None:
    """The seat a `seat` argument names: an index, a name in any case, "random" or None pass through."""
    names = scenario.names
    if seat is None or seat == "random":
        return seat
    if isinstance(seat, int) and not isinstance(seat, bool) and 0 <= seat < len(names):
        return names[seat]
    match = next((n for n in names if isinstance(seat, str) and n.lower() == seat.lower()), None)
    if match is None:
        raise ValueError(f"seat must be one of {list(names)}, an index 0-{len(names) - 1}, 'random' or None; "
                         f"got {seat!r}" + (f" ({seat} is not at a {len(names)}-player table)"
                                            if seat in NAMES else ""))
    return match
