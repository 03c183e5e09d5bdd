"""Colours that keep WCAG 2.2 AA contrast whatever branding colour a tenant picks."""

from dataclasses import dataclass

DEFAULT_COLOR = "#0b5394"
WHITE, BLACK = "#ffffff", "#000000"
TEXT_CONTRAST = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


def luminance(color: str) -> float:
    r, g, b = (_channel(c) for c in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _darken(color: str, factor: float) -> str:
    return "#" + "".join(f"{int(c * factor):02x}" for c in _rgb(color))


@dataclass(frozen=True)
class Theme:
    primary: str  # button background
    on_primary: str  # button text: black or white, whichever contrasts more (always >= 4.58)
    link: str  # link text and focus ring on white: the primary, darkened until it reads

    @classmethod
    def of(cls, color: str | None) -> "Theme":
        primary = "#" + (color or DEFAULT_COLOR).lstrip("#").lower()
        on_primary = WHITE if contrast(primary, WHITE) >= contrast(primary, BLACK) else BLACK
        link = primary
        while contrast(link, WHITE) < TEXT_CONTRAST:
            link = _darken(link, 0.85)
        return cls(primary=primary, on_primary=on_primary, link=link)
