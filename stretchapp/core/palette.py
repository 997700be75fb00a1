"""The app's colours, light and dark, and the illustration ink swap (no Qt here).

Illustrations are drawn once, in the light palette's literal colours below. For the dark theme
the app swaps each of those colours for its dark partner as the SVG is loaded, so one file
serves both themes.
"""

from __future__ import annotations

from stretchapp.core.records import record


@record
class Palette:
    window: str
    surface: str
    text: str
    secondary: str
    accent: str
    accent_soft: str
    warning: str
    border: str  # a card's or a button's edge: soft, the card's surface tells it apart
    on_accent: str
    # the edge of what takes input (a text field, a number, a check box): at least 3:1
    # against the page and the card (WCAG 1.4.11), as the border alone is 1.3:1
    edge: str


LIGHT = Palette(
    window="#F7F5F2",
    surface="#FFFFFF",
    text="#1F2933",
    secondary="#5B6770",
    accent="#237A71",
    accent_soft="#D7EEEA",
    warning="#B3261E",
    border="#E3DED7",
    on_accent="#FFFFFF",
    edge="#858F96",
)
DARK = Palette(
    window="#1C1F22",
    surface="#25292D",
    text="#E8E6E3",
    secondary="#A7B0B7",
    accent="#4FB3A8",
    accent_soft="#24423F",
    warning="#F2B8B5",
    border="#363B40",
    on_accent="#10201E",
    edge="#6B7780",
)

# Colours an illustration may use (as written in the SVG) -> what they become in dark mode.
ILLUSTRATION_INK = {
    "#2F3B45": "#D5DCE1",  # figure: limbs, head, outlines
    "#D7EEEA": "#24423F",  # mat / floor / soft highlight
    "#237A71": "#4FB3A8",  # accent: the body part being stretched is marked in it
    "#9AA5AD": "#6B7780",  # props: chair, foam roller, desk
    "#FFFFFF": "#25292D",  # fills that should match the card surface
}


def themed_svg(svg: str, dark: bool) -> str:
    """Return the SVG text with its ink colours swapped for the dark theme when asked."""
    if not dark:
        return svg
    out = svg
    # Two passes through placeholders so a swap never feeds into the next one.
    for i, light in enumerate(ILLUSTRATION_INK):
        for variant in (light, light.lower()):
            out = out.replace(variant, f"@@INK{i}@@")
    for i, dark_colour in enumerate(ILLUSTRATION_INK.values()):
        out = out.replace(f"@@INK{i}@@", dark_colour)
    return out
