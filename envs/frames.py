"""A world's logged `frame` events drawn back, found by the world's name: what export and transcript use, so
they name no world. Each world's module (its registry entry's `frames`) has `text(frame)` and `rgb(frame)`."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

import numpy as np

from envs.registry import world


def _module(world_name: str) -> ModuleType:
    spec = world(world_name)
    if not spec.frames:
        raise ValueError(f"world {spec.name!r} draws no frames")
    return importlib.import_module(spec.frames)


def frame_text(world_name: str, frame: dict[str, Any]) -> str:
    """The frame as text (the world's own observation text where it can rebuild one)."""
    return _module(world_name).text(frame)


def frame_rgb(world_name: str, frame: dict[str, Any]) -> np.ndarray:
    """The frame as an (H, W, 3) uint8 picture (needs pygame, like rgb_array rendering)."""
    return _module(world_name).rgb(frame)
