"""A small pygame canvas for rgb_array frames. pygame is imported only when a frame is drawn."""

from __future__ import annotations

import os
from typing import Any

import numpy as np

Color = tuple[int, int, int]


def _pygame() -> Any:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        import pygame
    except ImportError as error:
        raise gym_dependency_error() from error
    if not pygame.font.get_init():
        pygame.font.init()
    return pygame


def gym_dependency_error() -> Exception:
    from gymnasium.error import DependencyNotInstalled

    return DependencyNotInstalled('pygame is needed for rgb_array rendering: pip install "gamehall[render]"')


class Canvas:
    """Draw rectangles, circles and text on an off-screen surface, then take the frame as an array."""

    def __init__(self, width: int, height: int, background: Color = (24, 24, 28)) -> None:
        self.pygame = _pygame()
        self.surface = self.pygame.Surface((width, height))
        self.surface.fill(background)
        self._fonts: dict[int, Any] = {}

    def rect(self, x: int, y: int, w: int, h: int, color: Color, border: int = 0) -> None:
        self.pygame.draw.rect(self.surface, color, self.pygame.Rect(x, y, w, h), border)

    def circle(self, x: int, y: int, radius: int, color: Color) -> None:
        self.pygame.draw.circle(self.surface, color, (x, y), radius)

    def line(self, start: tuple[int, int], end: tuple[int, int], color: Color, width: int = 1) -> None:
        self.pygame.draw.line(self.surface, color, start, end, width)

    def text(self, x: int, y: int, text: str, color: Color = (230, 230, 230), size: int = 14) -> int:
        """Draw one line of text; returns the y just below it."""
        font = self._fonts.get(size)
        if font is None:
            font = self._fonts[size] = self.pygame.font.Font(None, size)
        image = font.render(text, True, color)
        self.surface.blit(image, (x, y))
        return y + image.get_height() + 2

    def lines(self, x: int, y: int, lines: list[str], color: Color = (230, 230, 230), size: int = 14) -> int:
        for line in lines:
            y = self.text(x, y, line, color, size)
        return y

    def frame(self) -> np.ndarray:
        """The picture as an (H, W, 3) uint8 array, as Gymnasium's rgb_array mode expects."""
        pixels = self.pygame.surfarray.array3d(self.surface)
        return np.ascontiguousarray(np.transpose(pixels, (1, 0, 2)), dtype=np.uint8)
