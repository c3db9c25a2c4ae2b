"""The embedded Korean font: where it is, registering it once, and text it can show.

reportlab needs TrueType outlines (NanumGothic from Debian's fonts-nanum works; CFF fonts
such as Noto CJK do not). Font binaries are not committed: the font comes from the system
package, an explicit DONGHAENG_FONT, or the copy the frozen app bundles next to itself.
"""
from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from desktop.export.errors import ExportError

SYSTEM_DIR = Path("/usr/share/fonts/truetype/nanum")
REGULAR, BOLD, MONO = "NanumGothic", "NanumGothic-Bold", "NanumGothicCoding"
PLACEHOLDER_FORMAT = "[U+{:04X}]"


def _candidates() -> list[Path]:
    out = []
    env = os.environ.get("DONGHAENG_FONT")
    if env:
        out.append(Path(env))
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        out.append(Path(bundle) / "fonts" / "NanumGothic.ttf")
    out.append(SYSTEM_DIR / "NanumGothic.ttf")
    return out


def font_path() -> Path:
    """The regular-weight TrueType font used for every text in exports."""
    for p in _candidates():
        if p.is_file():
            return p
    raise ExportError(
        "한글 글꼴(NanumGothic.ttf)을 찾을 수 없습니다: fonts-nanum 패키지를 설치하거나 "
        "DONGHAENG_FONT에 TTF 경로를 지정하세요",
        "Korean font NanumGothic.ttf not found: install the fonts-nanum package or set "
        "DONGHAENG_FONT to a TTF file")


def _sibling(regular: Path, names: tuple[str, ...]) -> Path:
    """A variant next to the regular font, else the regular font itself."""
    for name in names:
        p = regular.with_name(name)
        if p.is_file():
            return p
    return regular


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    mono: str
    regular_path: Path


@functools.cache
def register() -> Fonts:
    """Register the fonts with reportlab once per process (parsing costs ~0.15 s each) and
    make them reportlab's default, so no non-embedded Helvetica reference remains."""
    from reportlab import rl_config
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    regular = font_path()
    paths = {
        REGULAR: regular,
        BOLD: _sibling(regular, ("NanumGothicBold.ttf",)),
        MONO: _sibling(regular, ("NanumGothicCoding.ttf",)),
    }
    try:
        for name, path in paths.items():
            pdfmetrics.registerFont(TTFont(name, str(path)))
    except (TTFError, OSError) as exc:
        raise ExportError(f"글꼴을 읽을 수 없습니다: {exc}",
                          f"cannot read the font: {exc}") from None
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    rl_config.canvas_basefontname = REGULAR
    # Images are passed through as JPEG; ASCII85 would only inflate them by a quarter.
    rl_config.useA85 = 0
    return Fonts(REGULAR, BOLD, MONO, regular)


@functools.cache
def _covered() -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register()
    regular = pdfmetrics.getFont(REGULAR).face.charToGlyph
    bold = pdfmetrics.getFont(BOLD).face.charToGlyph
    return frozenset(regular.keys() & bold.keys())


def printable(text: str) -> str:
    """`text` with every character the font cannot draw (emoji, rare symbols) replaced by
    a visible code-point placeholder, so nothing renders as an empty box or crashes, and
    a reader can still tell which character stood there."""
    covered = _covered()
    out = []
    for ch in text:
        cp = ord(ch)
        if cp in covered or ch in "\n\t":
            out.append(ch)
        elif cp in (0x200D, 0xFE0E, 0xFE0F) or 0x1F3FB <= cp <= 0x1F3FF:
            continue  # joiners, variation selectors, skin tones: parts of the emoji above
        elif cp < 0x20 or 0x7F <= cp < 0xA0:
            out.append(" ")
        else:
            out.append(PLACEHOLDER_FORMAT.format(cp))
    return "".join(out)
