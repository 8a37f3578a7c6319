"""The command bodies: Textual stays unimported until a TUI command runs; bad directories fail with a reason."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from tui import commands


def test_importing_the_commands_does_not_import_textual() -> None:
    probe = "import sys, tui, tui.commands; print('textual' in sys.modules)"
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False"


def test_replay_of_a_folder_that_is_not_a_run_says_so(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="has no events/ folder"):
        commands.replay(argparse.Namespace(dir=str(tmp_path), speed=1.0, reveal=False))
    (tmp_path / "events").mkdir()
    with pytest.raises(ValueError, match="holds no event files"):
        commands.replay(argparse.Namespace(dir=str(tmp_path), speed=1.0, reveal=False))


def test_replay_speed_must_be_positive(run_dir: Path) -> None:
    with pytest.raises(ValueError, match="--speed must be positive"):
        commands.replay(argparse.Namespace(dir=str(run_dir), speed=0.0, reveal=False))
