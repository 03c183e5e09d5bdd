"""A municipality's colour as design-token overrides, always readable: a colour too light
for white text and links on white is darkened until it reaches WCAG AA (4.5:1)."""

AA_CONTRAST = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_with_white(colour: str) -> float:
    return 1.05 / (luminance(colour) + 0.05)


def darker(colour: str, factor: float) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(max(0, int(c * factor)) for c in (r, g, b)))


def readable(colour: str) -> str:
    while contrast_with_white(colour) < AA_CONTRAST:
        colour = darker(colour, 0.9)
    return colour


def theme_css(primary_color: str | None) -> str:
    if primary_color is None:
        return "/* The neutral theme: no colour of the municipality's own. */\n"
    primary = readable(primary_color.lower())
    return (
        "/* The municipality's colour, darkened where needed to stay readable. */\n"
        ".inspraak-theme {\n"
        f"  --inspraak-primary: {primary};\n"
        f"  --inspraak-primary-strong: {darker(primary, 0.75)};\n"
        "  --inspraak-on-primary: #ffffff;\n"
        "}\n"
    )
