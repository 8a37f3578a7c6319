"""`gamehall export --format gif|mp4` and `gamehall transcript`, from the committed replay fixture."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from envs.frames import frame_rgb
from tasks.cli import main

FIXTURE = Path(__file__).parents[1] / "tui" / "fixtures" / "run"
KITCHEN = "kitchen-cramped-s0-r0-b37131d60992"
HIER = "kitchen-hier-s0-r0-2945fb81e064"
VILLAGE = "village-5-s0-r0-9bbf91d78023"


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    target = tmp_path / "run"
    shutil.copytree(FIXTURE, target)
    return target


def _frames(run_dir: Path, episode: str) -> list[dict]:
    lines = (run_dir / "events" / f"{episode}.jsonl").read_text().splitlines()
    return [r["data"] for r in map(json.loads, lines) if r["kind"] == "frame"]


def test_a_kitchen_episode_becomes_a_gif_with_one_picture_per_logged_frame(run_dir: Path, capsys) -> None:
    from PIL import Image

    assert main(["export", str(run_dir), "--format", "gif", "--episode", KITCHEN]) == 0
    path = run_dir / "videos" / f"{KITCHEN}.gif"
    assert capsys.readouterr().out.strip() == str(path)
    frames = _frames(run_dir, KITCHEN)
    first = frame_rgb("kitchen", frames[0])
    with Image.open(path) as gif:
        assert gif.n_frames == len(frames) == 12
        assert gif.size == (first.shape[1], first.shape[0])
        gif.seek(0)
        start = np.asarray(gif.convert("RGB"), dtype=int)
        gif.seek(gif.n_frames - 1)
        end = np.asarray(gif.convert("RGB"), dtype=int)
    assert np.abs(start - first).mean() < 8  # GIF's palette, not a different picture
    assert np.abs(start - end).mean() > 1  # the chefs moved and the score changed


def test_export_without_episode_writes_every_episode_with_frames(run_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "gifs"
    assert main(["export", str(run_dir), "--format", "gif", "-o", str(out)]) == 0
    assert sorted(p.stem for p in out.glob("*.gif")) == sorted(p.stem for p in (run_dir / "events").glob("*.jsonl"))


def test_mp4_is_written_or_refused_in_one_line(run_dir: Path, capsys) -> None:
    code = main(["export", str(run_dir), "--format", "mp4", "--episode", VILLAGE])
    error = capsys.readouterr().err
    if importlib.util.find_spec("imageio") and importlib.util.find_spec("imageio_ffmpeg"):
        assert code == 0 and (run_dir / "videos" / f"{VILLAGE}.mp4").stat().st_size > 0
    else:
        assert code == 1 and error.count("\n") == 1 and "pip install imageio imageio-ffmpeg" in error


def test_export_errors_are_one_line(run_dir: Path, capsys) -> None:
    assert main(["export", str(run_dir), "--format", "gif", "--episode", "kitchen-cramped-s0-r0"]) == 2
    assert "did you mean 'kitchen-cramped-s0-r0-b37131d60992'" in capsys.readouterr().err
    assert main(["export", str(run_dir), "--format", "webm"]) == 2
    assert main(["export", str(run_dir), "--episode", KITCHEN]) == 2  # chat-jsonl takes no --episode


def test_a_transcript_shows_views_moves_thoughts_by_mind_and_the_result(run_dir: Path, capsys) -> None:
    assert main(["transcript", str(run_dir), HIER]) == 0
    text = capsys.readouterr().out
    assert text.startswith(f"episode {HIER}\nworld kitchen layout=cramped_room")
    assert "[view]\n  kitchen classic/cramped_room tick 0/400" in text
    for mind in ("slow", "fast", "executor"):
        assert f"chef0 thinks ({mind}): " in text
    assert "chef0: stay" in text and "chef1: interact" in text and "-- tick 5 --" in text
    assert "\nresult: status " in text
    assert text.count("[view]") == len(_frames(run_dir, HIER))


def test_a_village_transcript_has_the_chat_and_marks_private_events(run_dir: Path, capsys) -> None:
    assert main(["transcript", str(run_dir), VILLAGE]) == 0
    text = capsys.readouterr().out
    assert 'Ava says [public]: "I suspect Ben."' in text and "Ava: say I suspect Ben." not in text
    assert "* role: You are Ava, the doctor. (to Ava)" in text and "Dan: kill Eve (to Dan)" in text
    assert "Village | day 1, night" in text and "result: status ok, score 1.0" in text


def test_transcript_of_an_unknown_episode_is_one_line(run_dir: Path, capsys) -> None:
    assert main(["transcript", str(run_dir), "nope"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
