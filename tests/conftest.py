"""Install the tests' toy world the way a third-party package would be: its dist-info (with an entry point in
`gamehall.worlds`) on sys.path. Every registry-wide test then covers it too."""

import sys
from pathlib import Path

DIST = Path(__file__).parent / "worlds" / "dist"
if str(DIST) not in sys.path:
    sys.path.append(str(DIST))

import envs  # noqa: E402 - after the path, so the registry sees the toy world

envs.WORLDS.reload()
envs.register_all()
