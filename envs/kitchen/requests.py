"""Chat requests between chefs ("please chop the onions"): read them as macros, and tell whether a
partner followed one (the world's events show who did what), for the `instructions_followed` metric."""

from __future__ import annotations

import re
from collections.abc import Iterable

from envs.core import Event
from envs.kitchen.state import KitchenState, Request

FOLLOW_WINDOW = 300
"""Ticks a partner has to act on a request before it counts as not followed."""
_ANSWERS = ("ok", "okay", "sure", "yes", "done", "on it", "got it", "will do")
"""Lines that start like this answer a request rather than make one."""
_SKIP = frozenset({"the", "some", "a", "an", "please", "pls", "more", "soup"})
_EVIDENCE = {"chop": "chopped", "fetch": "took", "fill": "added", "prepare": "added", "cook": "cooking",
             "plate": "plated", "serve": "served", "putout": "fire_out"}
"""Macro verb -> the event kind that shows a partner did it."""


def _words(line: str) -> list[str]:
    words = re.findall(r"[a-z]+", line.lower())
    singular = [w[:-2] if w.endswith("oes") else w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words]
    return [w for w in singular if w not in _SKIP]


def requested_macro(state: KitchenState, line: str) -> str | None:
    """The macro a chat line asks for ("please chop the onions!" -> "chop onion"), if any."""
    from envs.kitchen.macros import macro_names

    words = _words(line)
    text = " ".join(words)
    for macro in sorted(macro_names(state), key=len, reverse=True):
        name = macro.removesuffix(" soup")
        if re.search(rf"\b{name}\b", text) or (name == "putout" and "fire" in words):
            return macro
    return None


def request_in(state: KitchenState, asker: str, line: str) -> Request | None:
    """The request a chat line makes, if it asks for something a partner's actions can show."""
    if line.strip().lower().startswith(_ANSWERS):
        return None
    macro = requested_macro(state, line)
    if macro is None:
        return None
    verb, _, arg = macro.partition(" ")
    if verb not in _EVIDENCE:
        return None
    exact = verb in ("chop", "fetch", "cook", "plate", "serve") and arg != "soup"
    return Request(asker, verb, arg if exact else "", state.tick)


def followed(request: Request, events: Iterable[Event]) -> bool:
    """True if a chef other than the asker did what was asked in `events`."""
    kind = _EVIDENCE[request.verb]
    for event in events:
        if event.kind != kind or event.seat in (None, request.asker):
            continue
        shown = event.data.get("ingredient") or event.data.get("item") or event.data.get("soup")
        if not request.arg or shown == request.arg:
            return True
    return False


def settle(state: KitchenState, events: list[Event]) -> KitchenState:
    """Close the requests this tick's `events` follow and those that waited too long."""
    if not state.requests:
        return state
    still_open, done = [], 0
    for request in state.requests:
        if followed(request, events):
            done += 1
        elif state.tick - request.tick < FOLLOW_WINDOW:
            still_open.append(request)
    if done == 0 and len(still_open) == len(state.requests):
        return state
    return state.evolve(requests=tuple(still_open), followed=state.followed + done)
