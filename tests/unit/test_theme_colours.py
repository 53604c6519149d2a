"""The stylesheet carries only the Radix colour scales listed in rxconfig: every colour the app
paints with must be among them, or badges and callouts in that colour lose their paint."""

import re
from pathlib import Path

from rxconfig import RADIX_COLOURS

ROOT = Path(__file__).resolve().parents[2]
RADIX_SCALES = set(
    "gray mauve slate sage olive sand tomato red ruby crimson pink plum purple violet iris indigo blue cyan teal "
    "jade green grass bronze gold brown orange amber yellow lime mint sky".split()
)


def colours_used() -> set[str]:
    used: set[str] = set()
    for path in [*(ROOT / "magicloop").rglob("*.py"), *(ROOT / "assets").rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"[\"'](\w+)[\"']", text))  # color_scheme="red", {"done": "green"}
        used |= set(re.findall(r"--(\w+)-a?\d", text))  # var(--amber-10)
    theme = (ROOT / "rxconfig.py").read_text(encoding="utf-8")
    used |= set(re.findall(r"(?:accent|gray)_color=\"(\w+)\"", theme))
    return used & RADIX_SCALES


def test_every_colour_the_app_paints_with_is_in_the_stylesheet():
    # Radix draws "gray" with the theme's grey scale (slate).
    assert colours_used() - {"gray"} <= set(RADIX_COLOURS)


def test_the_check_sees_the_colours_of_badges_and_charts():
    assert {"indigo", "slate", "red", "green", "amber", "blue"} <= colours_used()
