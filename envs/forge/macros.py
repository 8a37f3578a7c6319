"""Forge's macro layer: one step of the recipe tree at a time (gather until enough, craft, buy, fight).

A macro never plans the whole task: the chooser must still order the tree, pick gear and the monster.
The executor's commands come from the oracle's own step planner, so a macro that can begin is legal."""

from __future__ import annotations

from collections import Counter

from envs.core import SeatId, Session
from envs.core.macros import MacroOption
from envs.forge.armoury import choose_gear
from envs.forge.items import Hero, Realm
from envs.forge.oracle import PlanError, Planner

MAX_OPTIONS = 40


def goal_needs(realm: Realm, hero: Hero) -> tuple[Counter[str], list[str], str]:
    """How many of each item the task asks for in all (its recipe tree; for a fight, the cheapest winning
    gear from where the hero stands), the gear pieces still to put on, and the potion to drink first."""
    needs: Counter[str] = Counter()

    def expand(item: str, count: int) -> None:
        needs[item] += count
        recipe = realm.recipes.get(item)
        if recipe is not None:
            for part, qty in recipe.inputs:
                expand(part, qty * count)

    if realm.task.kind == "craft":
        expand(realm.task.target, realm.task.count)
        return needs, [], ""
    choice = choose_gear(realm, hero, realm.monsters[realm.task.target], Planner(realm, hero).estimate)
    pieces, potion = choice if choice is not None else ([], "")
    for item in [*pieces, *([potion] if potion else [])]:
        expand(item, 1)
    return needs, pieces, potion


class MacroRun:
    """Plays a fixed list of commands; fails on the first the world refuses."""

    def __init__(self, seat: SeatId, commands: list[str]) -> None:
        self.seat, self.commands = seat, list(commands)
        self.status, self.reason = "running", ""
        self._sent = 0
        self._last_actions = -1

    def next_command(self, session: Session) -> str | None:
        state = session.state
        if self._sent and state.actions == self._last_actions:
            self.status, self.reason = "failed", f"the world refused {self.commands[self._sent - 1]!r}"
            return None
        if state.outcome or self._sent == len(self.commands):
            self.status = "done"
            return None
        self._last_actions = state.actions
        self._sent += 1
        return self.commands[self._sent - 1]


class ForgeMacros:
    def options(self, session: Session, seat: SeatId) -> list[MacroOption]:
        state = session.state
        realm, hero = state.realm, state.hero
        needs, pieces, potion = goal_needs(realm, hero)
        found = [self._option(session, f"get {item} {self._count(needs, hero, item)}", 1.0 if self._short(
            needs, hero, item) else 0.05) for item in self._items(realm)]
        found += [self._option(session, f"equip {item}", 1.0 if item in pieces else 0.05) for item in sorted(hero.bag)
                  if realm.items[item].slot]
        ready = realm.task.kind == "defeat" and not pieces and (not potion or hero.has(potion) > 0)
        found += [self._option(session, f"fight {m}", 1.5 if m == realm.task.target and ready else 0.1)
                  for m in sorted(realm.monsters)]
        return sorted(found, key=lambda o: (not o.feasible, -o.score, o.name))[:MAX_OPTIONS]

    def start(self, session: Session, seat: SeatId, name: str) -> MacroRun:
        commands, reason = self._commands(session, name)
        if commands is None:
            feasible = [o.name for o in self.options(session, seat) if o.feasible]
            raise ValueError(f"macro {name!r} cannot begin: {reason}; feasible: {feasible}")
        return MacroRun(seat, commands)

    def _option(self, session: Session, name: str, score: float) -> MacroOption:
        commands, reason = self._commands(session, name)
        missing = tuple(reason.removeprefix("missing ").split(", ")) if reason.startswith("missing ") else ()
        return MacroOption(name, commands is not None, reason, missing, score)

    @staticmethod
    def _items(realm: Realm) -> list[str]:
        raw = [n for n, i in realm.items.items() if i.kind == "resource"]
        return sorted({*realm.recipes, *realm.market, *raw})

    @staticmethod
    def _short(needs: Counter[str], hero: Hero, item: str) -> bool:
        return hero.has(item) < needs.get(item, 0)

    @staticmethod
    def _count(needs: Counter[str], hero: Hero, item: str) -> int:
        return max(1, needs.get(item, 1) - hero.has(item))

    def _commands(self, session: Session, name: str) -> tuple[list[str] | None, str]:
        """The macro's commands from the current state, or None and why it cannot begin."""
        state = session.state
        realm, planner = state.realm, Planner(state.realm, state.hero)
        verb, _, rest = name.partition(" ")
        try:
            if verb == "get":
                item, _, count = rest.rpartition(" ")
                self._one_level(planner, realm, item, int(count))
            elif verb == "equip":
                planner.do(name)
            elif verb == "fight":
                planner.go(realm.lair_of(rest))
                _, pieces, potion = goal_needs(realm, state.hero)
                if rest == realm.task.target and potion and state.hero.has(potion):
                    planner.do(f"use {potion}")
                planner.do("fight")
            else:
                return None, "unknown macro; macros are get <item> <n>, equip <item>, fight <monster>"
        except (PlanError, KeyError, ValueError, StopIteration) as error:
            return None, str(error).strip("'\"")
        return planner.plan.commands, ""

    @staticmethod
    def _one_level(planner: Planner, realm: Realm, item: str, count: int) -> None:
        recipe = realm.recipes.get(item)
        if recipe is not None:
            short = [f"{part} x{qty * count - planner.hero.has(part)}" for part, qty in recipe.inputs
                     if planner.hero.has(part) < qty * count]
            if short:
                raise PlanError("missing " + ", ".join(short))
        planner.make(item, count)
