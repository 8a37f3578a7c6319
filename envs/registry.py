"""Which worlds exist and their Gymnasium ids. Reading this module imports no world's rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import gymnasium as gym

from envs.forge.registration import FORGE
from envs.kitchen.registration import KITCHEN
from envs.village.registration import VILLAGE


@dataclass(frozen=True)
class WorldSpec:
    """A world as the registry knows it: a name, a one-line summary, its env class and its ids."""

    name: str
    summary: str
    entry_point: str
    variants: dict[str, dict[str, Any]] = field(default_factory=dict)
    max_episode_steps: int | None = None
    frames: str = ""
    """The module that draws the world's logged `frame` events back (`text(frame)`, `rgb(frame)`)."""

    @property
    def ids(self) -> list[str]:
        return list(self.variants)


WORLDS: dict[str, WorldSpec] = {spec["name"]: WorldSpec(**spec) for spec in (FORGE, KITCHEN, VILLAGE)}


def register_all() -> None:
    for spec in WORLDS.values():
        for env_id, kwargs in spec.variants.items():
            if env_id not in gym.registry:
                gym.register(
                    id=env_id,
                    entry_point=spec.entry_point,
                    kwargs=kwargs,
                    max_episode_steps=spec.max_episode_steps,
                    disable_env_checker=False,
                )


def world(name: str) -> WorldSpec:
    """The world called `name`, or an error that names the ones there are."""
    key = name.lower()
    if key in WORLDS:
        return WORLDS[key]
    import difflib

    near = difflib.get_close_matches(key, WORLDS, n=1)
    hint = f" Did you mean {near[0]!r}?" if near else ""
    raise KeyError(f"unknown world {name!r}; worlds: {', '.join(WORLDS)}.{hint}")
