"""Where gamehall keeps what it computes once per machine: $GAMEHALL_CACHE_DIR, or ~/.cache/gamehall."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    return Path(os.environ.get("GAMEHALL_CACHE_DIR") or Path.home() / ".cache" / "gamehall")
