"""Which worlds exist: every installed package's entry points in the group `gamehall.worlds` (the built-in
worlds register the same way, in pyproject.toml). Each entry point names a WorldSpec; every layer above
envs/ iterates this registry and never names a world."""

from __future__ import annotations

import difflib
import threading
from collections.abc import Iterator, Mapping
from importlib.metadata import entry_points

import gymnasium as gym

from envs.core.spec import WorldSpec

GROUP = "gamehall.worlds"


class Registry(Mapping[str, WorldSpec]):
    """World name -> WorldSpec, loaded from the entry points on first use (and again after `reload`)."""

    def __init__(self) -> None:
        self._specs: dict[str, WorldSpec] | None = None
        self._lock = threading.Lock()

    def _loaded(self) -> dict[str, WorldSpec]:
        with self._lock:
            if self._specs is None:
                self._specs = _load()
            return self._specs

    def reload(self) -> None:
        """Read the entry points again (a package was installed, or a test put one on sys.path)."""
        with self._lock:
            self._specs = None

    def __getitem__(self, name: str) -> WorldSpec:
        return self._loaded()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())


def _load() -> dict[str, WorldSpec]:
    specs: dict[str, WorldSpec] = {}
    for point in sorted(entry_points(group=GROUP), key=lambda p: p.name):
        spec = point.load()
        if not isinstance(spec, WorldSpec):
            raise TypeError(f"entry point {point.name} = {point.value} in {GROUP} is not a WorldSpec")
        if spec.name != point.name:
            raise ValueError(f"entry point {point.name!r} names a WorldSpec called {spec.name!r}")
        specs.setdefault(spec.name, spec)  # one package installed twice (e.g. editable + wheel) is one world
    return specs


WORLDS = Registry()


def register_all() -> None:
    """Register every world's Gymnasium ids (`gamehall/...`)."""
    for spec in WORLDS.values():
        for env_id, kwargs in spec.gym.variants.items():
            if env_id not in gym.registry:
                gym.register(id=env_id, entry_point=spec.gym.entry_point, kwargs=dict(kwargs),
                             max_episode_steps=spec.gym.max_episode_steps, disable_env_checker=False)


def find(name: str) -> WorldSpec | None:
    return WORLDS.get(str(name).lower())


def world(name: str) -> WorldSpec:
    """The world called `name`, or an error that names the ones there are."""
    spec = find(name)
    if spec is not None:
        return spec
    near = difflib.get_close_matches(str(name).lower(), list(WORLDS), n=1)
    hint = f" Did you mean {near[0]!r}?" if near else ""
    raise KeyError(f"unknown world {name!r}; worlds: {', '.join(WORLDS)}.{hint}")


def names() -> list[str]:
    return list(WORLDS)
