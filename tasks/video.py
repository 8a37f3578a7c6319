"""`gamehall export RUN --format gif|mp4 [--episode ID]`: an episode as a picture per logged `frame` event,
drawn by the world's rgb renderer (found through envs.frames by the world's name)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from envs.frames import frame_rgb
from tasks.run_episodes import Episode, episodes

FORMATS = ("gif", "mp4")
FPS = 4
"""Frames are logged at most 10 times a second of play, far apart in ticks: 4 a second is readable."""


class VideoError(RuntimeError):
    """A video that cannot be written here; the message is one line."""


def export_video(run_dir: str, fmt: str, episode_id: str | None = None, output: str | None = None) -> list[Path]:
    """Write one file per episode that has frames; returns the paths. `output` is the file when one episode
    is exported, else a directory (default RUN/videos)."""
    if fmt not in FORMATS:
        raise ValueError(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    if fmt == "mp4":
        _mp4_writer()  # say it before drawing anything
    chosen = [e for e in episodes(run_dir, episode_id) if e.frames]
    if not chosen:
        raise ValueError(f"no frame events in {run_dir}" + (f" for {episode_id}" if episode_id else ""))
    single = output is not None and len(chosen) == 1 and episode_id is not None
    folder = Path(output) if output and not single else Path(run_dir) / "videos"
    written = []
    for episode in chosen:
        path = Path(output) if single else folder / f"{episode.record.episode_id}.{fmt}"
        path.parent.mkdir(parents=True, exist_ok=True)
        images = pictures(episode)
        (write_gif if fmt == "gif" else write_mp4)(images, path)
        written.append(path)
    return written


def pictures(episode: Episode) -> list[np.ndarray]:
    """Every frame drawn, padded to one size (a world may draw frames of different sizes)."""
    images = [frame_rgb(episode.record.world, frame) for frame in episode.frames]
    height, width = max(i.shape[0] for i in images), max(i.shape[1] for i in images)
    return [np.pad(i, ((0, height - i.shape[0]), (0, width - i.shape[1]), (0, 0))) for i in images]


def write_gif(images: list[np.ndarray], path: Path) -> None:
    from PIL import Image

    first, *rest = [Image.fromarray(image) for image in images]
    first.save(path, save_all=True, append_images=rest, duration=int(1000 / FPS), loop=0)


def write_mp4(images: list[np.ndarray], path: Path) -> None:
    writer = _mp4_writer()
    # H.264 wants even sides
    even = [np.pad(i, ((0, i.shape[0] % 2), (0, i.shape[1] % 2), (0, 0))) for i in images]
    writer(path, np.stack(even), fps=FPS, codec="libx264", macro_block_size=1)


def _mp4_writer():
    try:
        import imageio.v2 as imageio
        import imageio_ffmpeg  # noqa: F401 - the ffmpeg binary imageio writes mp4 with
    except ImportError:
        raise VideoError("mp4 needs a video writer: pip install imageio imageio-ffmpeg (or use --format gif)") from None
    return imageio.mimwrite
