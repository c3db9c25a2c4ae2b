"""Page template, headings, table of contents and the two-pass build.

The footer needs the page count ("n / N") and the contents need each heading's page, so the
document is laid out twice: a first pass that only measures (no images drawn, nothing
saved) and the real one. Page numbers in the contents sit in a fixed-width column, so the
second layout is identical to the first.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table

from desktop.export.fonts import register
from desktop.export.strings import CONFIDENTIAL
from desktop.export.styles import (
    FRAME_H,
    FRAME_W,
    GRID,
    MARGIN_BOTTOM,
    MARGIN_X,
    PAGE_H,
    PAGE_W,
    markup,
    styles,
    table_style,
)


@dataclass
class Pass:
    """What the story builders need to know about the pass they build for."""

    final: bool
    pages: dict[str, int] = field(default_factory=dict)   # heading key -> page
    total: int = 0


class Heading(Paragraph):
    """A heading that registers itself in the contents and the PDF outline."""

    def __init__(self, text: str, style: str, key: str, level: int = 0, in_toc: bool = True):
        super().__init__(markup(text), styles()[style])
        self.key, self.level, self.plain, self.in_toc = key, level, text, in_toc
        self.keepWithNext = 1

    def draw(self):
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.plain, self.key, level=self.level, closed=True)
        super().draw()


@dataclass(frozen=True)
class TocEntry:
    key: str
    text: str
    level: int


def toc_table(entries: list[TocEntry], pas: Pass) -> Table:
    st = styles()
    rows = [[Paragraph(markup(e.text), st["toc1" if e.level == 0 else "toc2"]),
             Paragraph(str(pas.pages.get(e.key, 0)), st["toc1"])] for e in entries]
    table = Table(rows, colWidths=[FRAME_W - 50, 50], repeatRows=0)
    table.setStyle(table_style(
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ))
    return table


class ExportDoc(BaseDocTemplate):
    def __init__(self, buf, *, case_code: str, total: int, title: str, author: str):
        register()
        super().__init__(buf, pagesize=(PAGE_W, PAGE_H), leftMargin=MARGIN_X,
                         rightMargin=MARGIN_X, topMargin=PAGE_H - MARGIN_BOTTOM - FRAME_H,
                         bottomMargin=MARGIN_BOTTOM, title=title, author=author,
                         subject=CONFIDENTIAL, creator="Donghaeng", producer="Donghaeng")
        self.case_code, self.total = case_code, total
        self.found: dict[str, int] = {}
        self.last_page = 0
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, FRAME_H, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._footer)])

    def afterFlowable(self, flowable):
        if isinstance(flowable, Heading):
            self.found[flowable.key] = self.page

    def _footer(self, canv, doc):
        f = register()
        self.last_page = doc.page
        canv.saveState()
        canv.setStrokeColor(GRID)
        canv.setLineWidth(0.5)
        y = MARGIN_BOTTOM - 18
        canv.line(MARGIN_X, y + 10, PAGE_W - MARGIN_X, y + 10)
        canv.setFont(f.regular, 7.5)
        canv.setFillColor(colors.Color(0.3, 0.3, 0.3))
        canv.drawString(MARGIN_X, y, f"{self.case_code}  ·  {CONFIDENTIAL}")
        total = self.total or doc.page
        canv.drawRightString(PAGE_W - MARGIN_X, y, f"{doc.page} / {total}")
        canv.restoreState()


def build(story_for: Callable[[Pass], list], *, case_code: str, title: str,
          author: str) -> tuple[bytes, int]:
    """Lay the story out twice (measure, then draw) and return (pdf bytes, page count)."""
    first = Pass(final=False)
    measure = ExportDoc(io.BytesIO(), case_code=case_code, total=0, title=title, author=author)
    measure._doSave = 0
    measure.build(story_for(first))
    final = Pass(final=True, pages=dict(measure.found), total=measure.last_page)
    out = io.BytesIO()
    doc = ExportDoc(out, case_code=case_code, total=final.total, title=title, author=author)
    doc.build(story_for(final))
    return out.getvalue(), doc.last_page
