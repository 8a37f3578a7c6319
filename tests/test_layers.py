"""Layers above envs/ name no world: a world is a plug-in (its WorldSpec), and they iterate the registry."""

from __future__ import annotations

import re
from pathlib import Path

import envs

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("agents", "servers", "tasks", "tui")
BUILT_IN = ("forge", "kitchen", "village")


def test_no_module_above_envs_names_a_world() -> None:
    word = re.compile(r"\b(" + "|".join(BUILT_IN) + r")\b", re.IGNORECASE)
    found = []
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if word.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []


def test_the_built_in_worlds_come_from_their_own_packages() -> None:
    for name in BUILT_IN:
        spec = envs.WORLDS[name]
        assert type(spec.world).__module__.startswith(f"envs.{name}.")
        assert spec.gym.entry_point.startswith(f"envs.{name}.")
        assert all(path.startswith(f"envs.{name}.") for path in (spec.draw, spec.frame_from_view) if path)
