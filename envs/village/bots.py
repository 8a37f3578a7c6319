"""Rule bots for every role, seeded. They decide from their seat's observation only, never hidden state.

The seer reveals a wolf it found; wolves claim the seer's role and deflect when charged; villagers and
the doctor follow a credible seer, else the table's suspicion; the doctor guards a claimed seer or itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from envs.core import Observation, Policy, Session
from envs.core.events import SeatId
from envs.village.board import Board
from envs.village.bot_beliefs import wolf_beliefs
from envs.village.persona_speech import style

TRUST_FIRST = 0.6
"""When two players claim the seer, the chance a villager believes the first to claim."""
COUNTER_CLAIM = 0.8
"""The chance a charged wolf answers with a seer claim of its own."""
FAKE_CLAIM = 0.25
"""The chance a wolf opens day 1 with a false seer claim when nobody has claimed yet."""
SELF_GUARD = 0.5
"""The chance a doctor with no claimed seer to guard protects itself."""


class Bot:
    """One seat's rule player; `memory` keeps its choices stable within a day (a belief, a suspect).
    With a persona card (plain data, see tasks/personas) it says the same lines in the card's style; the
    style draws from its own generator, so a game plays the same with or without a persona."""

    def __init__(self, session: Session, seat: SeatId, seed: int, persona: Mapping[str, Any] | None = None) -> None:
        self.session, self.seat = session, seat
        self.rng = np.random.default_rng(seed)
        self.memory: dict[Any, Any] = {}
        self.persona = persona
        self.voice = np.random.default_rng([seed, 1])

    def __call__(self, seen: Observation) -> str:
        if not seen.legal_actions:
            return "pass"
        data = seen.data
        board = Board.read(data)
        phase = data["phase"]
        if phase == "night":
            return self.night(data, board)
        if phase == "day":
            line = self.speech(data, board)
            return f"say {style(line, self.persona, self.voice) if self.persona else line}"
        target = self.vote_target(data, board)
        return f"vote {target}" if target else "pass"

    def beliefs(self) -> dict[str, float]:
        """The probability that each living other player is a werewolf, from this seat's view only."""
        board = Board.read(self.session.observe(self.seat).data)
        return wolf_beliefs(board, self.session.scenario.wolves, self.believed_seer(board))

    # -- shared judgement -----------------------------------------------------------------------------

    def pick(self, names: list[str]) -> str | None:
        return names[int(self.rng.integers(len(names)))] if names else None

    def chance(self, p: float) -> bool:
        return bool(self.rng.random() < p)

    def believed_seer(self, board: Board) -> str | None:
        credible = board.credible()
        if len(credible) <= 1:
            return credible[0] if credible else None
        key = ("believe", tuple(credible))
        if key not in self.memory:
            first = self.chance(TRUST_FIRST)
            self.memory[key] = credible[0] if first else self.pick(credible[1:])
        return self.memory[key]

    def hunch(self, data: Mapping[str, Any], board: Board) -> str | None:
        """A seeded suspect for the day when the talk gives nothing better."""
        key = ("hunch", data["day"])
        if self.memory.get(key) not in board.living(board.alive):
            self.memory[key] = self.pick(self.candidates(board))
        return self.memory[key]

    def candidates(self, board: Board) -> list[str]:
        """Living others not known to be on the village team."""
        return [p for p in board.living(board.alive) if board.known_teams.get(p) != "village"]

    def village_target(self, data: Mapping[str, Any], board: Board) -> str | None:
        """Whom a village player wants out: a known wolf, a proved liar, the believed seer's charge, the
        most suspected, else a hunch."""
        known = [p for p, team in board.known_teams.items() if team == "wolves"]
        seer = self.believed_seer(board)
        charged = board.charged_by(seer) if seer and seer != self.seat else []
        for names in (known, board.liars(), charged, [c for c in board.claimants if c != seer]):
            living = [n for n in board.living(names) if board.known_teams.get(n) != "village"]
            if living:
                return living[0]
        ranked = board.most_suspected(self.candidates(board))
        if ranked and board.suspicion[ranked[0]] >= 2:
            return ranked[0]
        return self.hunch(data, board)

    # -- decisions by role ----------------------------------------------------------------------------

    def role(self, data: Mapping[str, Any]) -> str:
        return str(data["role"])

    def night(self, data: Mapping[str, Any], board: Board) -> str:
        role = self.role(data)
        if role == "werewolf":
            return self.wolf_night(data, board)
        if role == "seer":
            unseen = [p for p in board.living(board.alive) if p not in board.known_teams]
            target = self.pick(unseen) or self.pick(board.living(board.alive))
            return f"inspect {target}" if target else "pass"
        if role == "doctor":
            return f"protect {self.guarded(board)}"
        return "pass"

    def guarded(self, board: Board) -> str:
        seer = self.believed_seer(board)
        if seer in board.alive and self.seat in board.alive:
            return seer
        others = board.living(board.alive)
        return self.seat if self.chance(SELF_GUARD) or not others else str(self.pick(others))

    def wolf_night(self, data: Mapping[str, Any], board: Board) -> str:
        """The first wolf of a pack names its choice in the pack's channel, then every wolf proposes it."""
        victim = self.wolf_victim(data, board)
        key = ("pack_talk", data["day"])
        if len(data["pack"]) > 1 and board.pack_choice is None and key not in self.memory:
            self.memory[key] = victim
            return f"say Let us take {victim} tonight."
        return f"kill {victim}"

    def wolf_victim(self, data: Mapping[str, Any], board: Board) -> str:
        prey = [p for p in board.alive if board.known_roles.get(p) != "werewolf"]
        if board.pack_choice in prey:
            return str(board.pack_choice)
        pack = set(data["pack"])
        accusers = [s for s, t in board.accusations if t in pack]
        for names in ([c for c in board.claimants if c not in pack], accusers):
            living = [n for n in names if n in prey]
            if living:
                return living[0]
        return str(self.pick(prey))

    def speech(self, data: Mapping[str, Any], board: Board) -> str:
        role = self.role(data)
        if role == "werewolf":
            return self.wolf_speech(data, board)
        if role == "seer":
            return self.seer_speech(data, board)
        target = self.village_target(data, board)
        return f"I suspect {target}." if target else "I have no read yet."

    def seer_speech(self, data: Mapping[str, Any], board: Board) -> str:
        found = [p for p, team in board.known_teams.items() if team == "wolves" and p in board.alive]
        fakes = board.living([c for c in board.claimants if c != self.seat])
        if found:
            return f"I am the seer. {found[0]} is a werewolf. Vote {found[0]}."
        if fakes:
            return f"I am the seer. {fakes[0]} is a werewolf: the seer is me, so {fakes[0]} lies."
        target = self.village_target(data, board)
        return f"I suspect {target}." if target else "I have no read yet."

    def wolf_speech(self, data: Mapping[str, Any], board: Board) -> str:
        pack = set(data["pack"])
        pack_claimed = any(c in pack for c in board.claimants)
        accusers = [s for s, t in board.accusations if t in pack and s not in pack and s in board.alive]
        if accusers and not pack_claimed and self.chance(COUNTER_CLAIM):
            return f"I am the seer. {accusers[0]} is a werewolf, not me."
        if not board.claimants and data["day"] == 1 and self.chance(FAKE_CLAIM):
            victim = self.scapegoat(data, board)
            return f"I am the seer. {victim} is a werewolf."
        return f"I suspect {accusers[0] if accusers else self.scapegoat(data, board)}."

    def scapegoat(self, data: Mapping[str, Any], board: Board) -> str | None:
        """One non-wolf the whole pack pushes: the most suspected, ties broken by the order of seats."""
        pack = set(data["pack"])
        prey = [p for p in board.players if p in board.alive and p not in pack]
        return board.most_suspected(prey)[0] if prey else None

    def vote_target(self, data: Mapping[str, Any], board: Board) -> str | None:
        role = self.role(data)
        if role != "werewolf":
            return self.village_target(data, board)
        pack = set(data["pack"])
        charged = [t for s, t in board.accusations if s in pack and t not in pack and t in board.alive]
        accusers = [s for s, t in board.accusations if t in pack and s not in pack and s in board.alive]
        for names in (accusers, charged):
            if names:
                return names[0]
        return self.scapegoat(data, board)


def bot(session: Session, seat: SeatId, seed: int, persona: Mapping[str, Any] | None = None) -> Policy:
    """The Village rule bot for `seat`: its role comes from what the seat observes; `persona` a card's data."""
    return Bot(session, seat, seed, persona)
