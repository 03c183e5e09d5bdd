"""A bar chart of participation per week as a PNG, written with the standard library only.

E-mail clients show PNG reliably (many block SVG), and a plotting library would be a
heavy dependency for one chart. The numbers are also in the mail's text, for people
who cannot see the image.
"""

import struct
import zlib
from collections.abc import Sequence

WIDTH, HEIGHT = 600, 240
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 12, 12, 20
_WHITE = (255, 255, 255)
_GRID = (229, 231, 235)
_AXIS = (75, 85, 99)
_PREVIOUS = (156, 163, 175)

# 3x5 pixel digits, row by row, for the scale on the left.
_DIGITS = {
    "0": "111101101101111", "1": "010110010010111", "2": "111001111100111",
    "3": "111001111001111", "4": "101101111001001", "5": "111100111001111",
    "6": "111100111101111", "7": "111001001001001", "8": "111101111101111",
    "9": "111101111001111",
}  # fmt: skip


class _Canvas:
    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.pixels = bytearray(bytes(_WHITE) * width * height)

    def fill(self, x0: int, y0: int, x1: int, y1: int, color: tuple[int, int, int]) -> None:
        x0, x1 = max(0, min(x0, x1)), min(self.width, max(x0, x1))
        y0, y1 = max(0, min(y0, y1)), min(self.height, max(y0, y1))
        row = bytes(color) * (x1 - x0)
        for y in range(y0, y1):
            start = (y * self.width + x0) * 3
            self.pixels[start : start + len(row)] = row

    def number(self, value: int, right: int, middle: int, scale: int = 2) -> None:
        text = str(value)
        x = right - len(text) * 4 * scale
        top = middle - (5 * scale) // 2
        for char in text:
            for index, bit in enumerate(_DIGITS[char]):
                if bit == "1":
                    px, py = x + (index % 3) * scale, top + (index // 3) * scale
                    self.fill(px, py, px + scale, py + scale, _AXIS)
            x += 4 * scale

    def png(self) -> bytes:
        raw = b"".join(
            b"\x00" + bytes(self.pixels[y * self.width * 3 : (y + 1) * self.width * 3])
            for y in range(self.height)
        )
        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (
            b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(raw, 9))
            + _chunk(b"IEND", b"")
        )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _nice_ceiling(value: int) -> int:
    """The smallest 1, 2 or 5 times a power of ten that is at least `value` (and at least 2)."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if factor * step >= max(value, 2):
                return factor * step
        step *= 10


def hex_color(
    value: str | None, default: tuple[int, int, int] = (29, 78, 216)
) -> tuple[int, int, int]:
    if not value or len(value) != 7 or not value.startswith("#"):
        return default
    try:
        return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))
    except ValueError:
        return default


def participation_chart(weeks: Sequence[tuple[int, bool]], color: str | None = None) -> bytes:
    """Bars per week, (participants, in the current period); earlier weeks in grey."""
    canvas = _Canvas(WIDTH, HEIGHT)
    plot_width, plot_height = WIDTH - _LEFT - _RIGHT, HEIGHT - _TOP - _BOTTOM
    ceiling = _nice_ceiling(max((value for value, _ in weeks), default=0))
    baseline = _TOP + plot_height
    for fraction in (0.0, 0.5, 1.0):
        y = baseline - round(plot_height * fraction)
        canvas.fill(_LEFT, y, WIDTH - _RIGHT, y + 1, _GRID)
        canvas.number(round(ceiling * fraction), _LEFT - 6, y)
    current = hex_color(color)
    if weeks:
        slot = plot_width / len(weeks)
        for index, (value, in_current) in enumerate(weeks):
            x0 = _LEFT + round(index * slot + slot * 0.15)
            x1 = _LEFT + round((index + 1) * slot - slot * 0.15)
            top = baseline - round(plot_height * value / ceiling)
            canvas.fill(x0, top, max(x1, x0 + 1), baseline, current if in_current else _PREVIOUS)
    canvas.fill(_LEFT, baseline, WIDTH - _RIGHT, baseline + 2, _AXIS)
    return canvas.png()
