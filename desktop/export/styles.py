"""Paragraph styles and small flowable helpers shared by the export's page builders."""
from __future__ import annotations

import functools
import re
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, TableStyle

from desktop.export.fonts import printable, register

PAGE_W, PAGE_H = A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 50, 50, 60
FRAME_W = PAGE_W - 2 * MARGIN_X
FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
GRID = colors.Color(0.75, 0.75, 0.78)
SHADE = colors.Color(0.94, 0.95, 0.97)
ACCENT = colors.Color(0.15, 0.22, 0.40)
ALERT = colors.Color(0.70, 0.08, 0.08)
# One Paragraph per chunk of a long text: reportlab re-wraps a split paragraph's whole
# remainder on every page, which is quadratic for a 50,000-character narrative.
CHUNK_CHARS = 1500


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    f = register()
    base = ParagraphStyle("body", fontName=f.regular, bulletFontName=f.regular, fontSize=9.5,
                          leading=14, wordWrap="CJK")

    def s(name, **kw):
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "title": s("title", fontName=f.bold, fontSize=20, leading=26, textColor=ACCENT,
                   spaceAfter=6),
        "subtitle": s("subtitle", fontSize=11, leading=15, textColor=colors.grey),
        "h0": s("h0", fontName=f.bold, fontSize=16, leading=21, textColor=ACCENT,
                spaceBefore=4, spaceAfter=8),
        "h1": s("h1", fontName=f.bold, fontSize=13.5, leading=18, textColor=ACCENT,
                spaceBefore=10, spaceAfter=4),
        "h2": s("h2", fontName=f.bold, fontSize=10.5, leading=14, spaceBefore=6,
                spaceAfter=3),
        "meta": s("meta", fontSize=7.5, leading=10, textColor=colors.grey, spaceAfter=4),
        "label": s("label", fontName=f.bold, fontSize=8.5, leading=12),
        "cell": s("cell", fontSize=8.5, leading=12),
        "cell_small": s("cell_small", fontSize=7.5, leading=10),
        "withheld": s("withheld", fontSize=8.5, leading=12, textColor=colors.grey),
        "hash": s("hash", fontName=f.mono, fontSize=8.2, leading=11),
        # 95 characters (colon-separated) must fit the cover's value column on one line
        "fingerprint": s("fingerprint", fontName=f.mono, fontSize=7.4, leading=10),
        "notice": s("notice", fontName=f.bold, fontSize=10, leading=14, textColor=ALERT,
                    alignment=TA_CENTER),
        "alert": s("alert", fontName=f.bold, fontSize=9.5, leading=13, textColor=ALERT),
        "toc1": s("toc1", fontSize=10, leading=16),
        "toc2": s("toc2", fontSize=9, leading=14, leftIndent=14),
        "caption": s("caption", fontSize=7.5, leading=10, textColor=colors.grey),
    }


def markup(text: str) -> str:
    """Plain text made safe for reportlab's paragraph mark-up, newlines kept."""
    return escape(printable(text)).replace("\n", "<br/>")


def para(text: str, style: str = "body") -> Paragraph:
    return Paragraph(markup(text), styles()[style])


_SENTENCE_END = re.compile(r"[.!?。]\s|다\.\s?|요\.\s?|\n")


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Split a long text into pieces of about `size` characters at sentence ends (or
    spaces, or anywhere as a last resort) so each becomes its own paragraph."""
    out = []
    for line in text.split("\n"):
        while len(line) > size:
            window = line[:size]
            cut = max((m.end() for m in _SENTENCE_END.finditer(window)), default=0)
            if cut < size // 2:
                cut = window.rfind(" ") + 1
            if cut < size // 2:
                cut = size
            out.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        out.append(line)
    return out


def long_paragraphs(text: str, style: str = "cell") -> list[Paragraph]:
    return [para(piece, style) if piece else para(" ", style) for piece in chunks(text)]


def table_style(*commands) -> TableStyle:
    """A TableStyle whose cell font is ours (reportlab's default would be Helvetica, a
    non-embedded font reference even in an empty cell)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), register().regular, 8.5), *commands])
