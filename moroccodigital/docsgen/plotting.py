"""What every figure shares: an Arabic font, Arabic text in drawing order, and the drawn result.

matplotlib neither finds an Arabic font by itself nor, before 3.11, joins Arabic letters or
orders them right to left. This module finds a font (Debian: `apt-get install fonts-noto-core`)
and hands matplotlib Arabic in the form its version can draw. matplotlib is imported inside the
functions, so importing this module costs nothing.
"""

from __future__ import annotations

import os
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from moroccodigital.errors import Error

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

Row = dict[str, Any]
"""One table row as pyarrow's to_pylist gives it."""

ARABIC_FONTS = ("Noto Sans Arabic", "Noto Naskh Arabic", "Amiri", "Scheherazade New", "KacstOne")
"""Arabic font families, in order of preference; Debian's fonts-noto-core has the first two."""
FONT_ENV = "MOROCCODIGITAL_ARABIC_FONT"
"""An environment variable naming a font file to use instead."""
FONT_INSTALL = "apt-get install fonts-noto-core"
"""The command that installs the preferred fonts on Debian and Ubuntu."""
LATIN_FONT = "DejaVu Sans"
"""The font for Latin letters an Arabic font lacks (names such as 'Mistral AI' inside Arabic)."""
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442")
"""Okabe-Ito colours: told apart by readers with the common colour-vision deficiencies."""


class ArabicFontNotFoundError(Error, RuntimeError):
    """No Arabic font is installed, so Arabic labels would be drawn as empty boxes."""

    code = "font-missing"
    exit_code = 5


@dataclass(frozen=True)
class Drawing:
    """A figure and the axes that carry its data; drawn artists carry a `gid` naming their record."""

    figure: Figure
    axes: Axes
    aside: Axes | None = None
    """A second panel, for what must not sit on the main axes (undated events)."""


def arabic_font() -> str:
    """The family name of an installed Arabic font, registered with matplotlib."""
    from matplotlib import font_manager

    chosen = os.environ.get(FONT_ENV)
    if chosen:
        font_manager.fontManager.addfont(chosen)
        return str(font_manager.FontProperties(fname=chosen).get_name())
    known = {f.name for f in font_manager.fontManager.ttflist}
    for family in ARABIC_FONTS:
        if family in known:
            return family
    # matplotlib's font cache may predate the font's installation: look at the files themselves.
    stems = {family.replace(" ", "").lower(): family for family in ARABIC_FONTS}
    for path in sorted(font_manager.findSystemFonts()):
        found = stems.get(Path(path).stem.lower().replace("-", "").removesuffix("regular"))
        if found:
            font_manager.fontManager.addfont(path)
            return found
    raise ArabicFontNotFoundError(
        f"no Arabic font found (looked for {', '.join(ARABIC_FONTS)}): install one with "
        f"`{FONT_INSTALL}`, or set {FONT_ENV} to the path of a .ttf file"
    )


def text_fonts(font: str) -> list[str]:
    """The font list for a label holding Arabic: the Arabic font first, Latin as fallback."""
    return [font, LATIN_FONT]


def native_shaping() -> bool:
    """Whether matplotlib joins and orders Arabic itself (3.11 and later, built with libraqm)."""
    from matplotlib import ft2font

    return hasattr(ft2font, "__libraqm_version__")


def arabic(text: str) -> str:
    """Arabic as matplotlib must be given it to draw it joined and right to left.

    matplotlib 3.11+ shapes text itself, and shaping it first would reverse it a second time;
    older versions draw code points left to right, so the text is reshaped and reordered here.
    """
    if native_shaping():
        return text
    import arabic_reshaper  # type: ignore[import-untyped, unused-ignore]
    from bidi.algorithm import get_display  # type: ignore[import-untyped, unused-ignore]

    return str(get_display(arabic_reshaper.reshape(text)))


def wrap_arabic(text: str, width: int) -> str:
    """Wrap by words in reading order, then prepare each line: bidi reorders line by line."""
    return "\n".join(arabic(line) for line in textwrap.wrap(text, width))
