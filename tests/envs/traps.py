"""Random feasible macros for every seat of a game, watching for traps: stretches where a seat that could act
is offered nothing but `wait` (or no feasible macro at all)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from envs.core.spec import WorldSpec
from envs.registry import world

IDLE = {"wait", "stay", "pass", "noop"}
MAX_RUN = 50


@dataclass
class Trap:
    seat: str
    ticks: int
    where: str


@dataclass
class Watch:
    """One seat's current stretch of ticks with only waiting offered."""

    since: int | None = None
    longest: int = 0
    where: str = ""
    traps: list[Trap] = field(default_factory=list)


def could_act(session, seat: str) -> bool:
    """The seat has a move that changes something: for a kitchen chef, picking something up (empty hands, a
    crate or a lying item in reach) or putting it down (a free counter or a bin in reach); elsewhere, any
    legal command that is not waiting."""
    state = session.state
    if hasattr(state, "chefs"):
        return _chef_could_act(state, int(seat.removeprefix("chef")))
    legal = [a for a in session.observe(seat).legal_actions if "<" not in a]
    return any(a.split()[0] not in IDLE for a in legal)


def _chef_could_act(state, index: int) -> bool:
    setup, here = state.setup, state.chefs[index].pos
    usable = [p for p, tile in setup.tile.items() if setup.layout.access.get(p)]  # read apart from the macros'
    if state.chefs[index].held is None:
        targets = [p for p in usable if setup.tile[p] in "OTLD"] + list(state.items)
    else:
        targets = [p for p in usable if setup.tile[p] in "#B" and p not in state.items]
    return any(setup.layout.reachable(here, p) for p in targets)


def play_random_macros(spec: WorldSpec, options: dict, seed: int, max_moves: int = 30_000) -> dict[str, Watch]:
    """Every seat picks uniformly among its feasible macros and runs each to its end; returns per-seat watches."""
    opts = dict(options)
    if "clock" in spec.session_options:
        opts["clock"] = "lockstep"
    session = spec.session(opts, seed)
    layer, rng = spec.macros, np.random.default_rng(seed)
    runs: dict[str, object] = {}
    watches = {seat: Watch() for seat in session.seats}
    for _ in range(max_moves):
        awaiting = sorted(session.awaiting())
        if session.done or not awaiting:
            break
        for seat in awaiting:
            if session.done:
                break
            session.act(seat, _next_command(session, layer, seat, runs, watches[seat], rng))
    return watches


def _next_command(session, layer, seat: str, runs: dict, watch: Watch, rng) -> str:
    for _ in range(3):
        run = runs.get(seat)
        if run is not None:
            command = run.next_command(session)
            if command is not None:
                return command
            runs.pop(seat)
        feasible = [o.name for o in layer.options(session, seat) if o.feasible]
        _watch(session, seat, watch, [n for n in feasible if n.split()[0] not in IDLE])
        if not feasible:
            break
        runs[seat] = layer.start(session, seat, feasible[int(rng.integers(len(feasible)))])
    legal = [a for a in session.observe(seat).legal_actions if "<" not in a]
    return legal[int(rng.integers(len(legal)))] if legal else "wait"


def _watch(session, seat: str, watch: Watch, useful: list[str]) -> None:
    tick = session.tick_count
    if useful or not could_act(session, seat):
        if watch.since is not None and tick - watch.since > MAX_RUN:
            watch.traps.append(Trap(seat, tick - watch.since, watch.where))
        watch.since = None
        return
    if watch.since is None:
        watch.since, watch.where = tick, session.observe(seat).text[-600:]
    watch.longest = max(watch.longest, tick - watch.since)


def traps_in(name: str, options: dict, seeds: range) -> list[Trap]:
    spec = world(name)
    found = []
    for seed in seeds:
        for watch in play_random_macros(spec, options, seed).values():
            found += watch.traps
            if watch.since is not None and watch.longest > MAX_RUN:
                found.append(Trap("?", watch.longest, watch.where))
    return found
