"""The local model's engine as it was before the block cache (for bench/local_model.py's `plain` runs).

Loaded in the worker through GAMEHALL_LOCAL_ENGINE=bench.plain_engine:load: one Llama at batch 512 whose
create_completion reuses whatever prefix the last prompt left in the context; nothing is reported cached.
"""

from __future__ import annotations

import os
from typing import Any

from agents import local_engine


class _NoBlocks(local_engine.BlockCache):
    def prepare(self, tokens: list[int], cuts: list[int]) -> int:
        return 0  # create_completion matches the live prefix itself

    def remember(self) -> None:
        pass


def load(path: str, extra_bufts: bool) -> Any:
    engine = local_engine.Engine(local_engine.load(path, extra_bufts, n_threads=os.cpu_count() or 2, n_batch=512))
    engine.cache = _NoBlocks(engine.llama)
    return engine
