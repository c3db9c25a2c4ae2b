"""Page template, headings, table of contents and the one-pass build.

The footer needs the page count ("n / N") and the contents need each heading's page, both
known only when the layout is done. Rather than laying the document out twice, each such
number is drawn as a reference to a small named form XObject (PDF allows the definition
to come later), and the forms are defined once the last page is laid out, just before the
file is written. Page numbers in the contents sit in a fixed-width column, so nothing
else on the page depends on their value.
"""
from __future__ import annotations

import functools
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table

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

TOC_PAGE_W = 50
FOOTER_GREY = colors.Color(0.3, 0.3, 0.3)


@dataclass
class PageNumbers:
    """Page numbers that are only known at the end of the layout: each heading's page
    (filled as headings are placed) and the total."""

    found: dict[str, int] = field(default_factory=dict)   # heading key -> page
    total: int = 0
    refs: dict[str, tuple[str, float]] = field(default_factory=dict)  # form -> (key, width)

    def ref(self, key: str) -> Flowable:
        """A flowable showing heading `key`'s page number, right-aligned."""
        return PageRef(self, key)


@functools.cache
def _page_style() -> ParagraphStyle:
    return ParagraphStyle("toc_page", parent=styles()["toc1"], alignment=TA_RIGHT)


class PageRef(Flowable):
    """One line the height of a contents line; draws form `dhToc<key>`, defined later."""

    def __init__(self, numbers: PageNumbers, key: str):
        super().__init__()
        self.numbers, self.key = numbers, key
        self.form = f"dhToc{key}"

    def wrap(self, avail_w, avail_h):
        self.width = avail_w
        self.height = _page_style().leading
        return self.width, self.height

    def draw(self):
        self.numbers.refs[self.form] = (self.key, self.width)
        self.canv.doForm(self.form)


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


def toc_table(entries: list[TocEntry], numbers: PageNumbers) -> Table:
    st = styles()
    rows = [[Paragraph(markup(e.text), st["toc1" if e.level == 0 else "toc2"]),
             numbers.ref(e.key)] for e in entries]
    table = Table(rows, colWidths=[FRAME_W - TOC_PAGE_W, TOC_PAGE_W], repeatRows=0)
    table.setStyle(table_style(
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ))
    return table


class _FinishingCanvas(Canvas):
    """A canvas that runs `finish(canvas)` just before writing the file."""

    def __init__(self, *args, finish: Callable[[Canvas], None], **kwargs):
        super().__init__(*args, **kwargs)
        self._finish = finish

    def save(self):
        self._finish(self)
        super().save()


def _footer_form(page: int) -> str:
    return f"dhFoot{page}"


class ExportDoc(BaseDocTemplate):
    def __init__(self, buf, numbers: PageNumbers, *, case_code: str, title: str, author: str):
        register()
        super().__init__(buf, pagesize=(PAGE_W, PAGE_H), leftMargin=MARGIN_X,
                         rightMargin=MARGIN_X, topMargin=PAGE_H - MARGIN_BOTTOM - FRAME_H,
                         bottomMargin=MARGIN_BOTTOM, title=title, author=author,
                         subject=CONFIDENTIAL, creator="Donghaeng", producer="Donghaeng")
        self.case_code, self.numbers = case_code, numbers
        self.last_page = 0
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, FRAME_H, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._footer)])

    def build(self, flowables):
        super().build(flowables, canvasmaker=functools.partial(_FinishingCanvas,
                                                               finish=self._define_numbers))

    def afterFlowable(self, flowable):
        if isinstance(flowable, Heading):
            self.numbers.found[flowable.key] = self.page

    def _footer(self, canv, doc):
        f = register()
        self.last_page = doc.page
        canv.saveState()
        canv.setStrokeColor(GRID)
        canv.setLineWidth(0.5)
        y = MARGIN_BOTTOM - 18
        canv.line(MARGIN_X, y + 10, PAGE_W - MARGIN_X, y + 10)
        canv.setFont(f.regular, 7.5)
        canv.setFillColor(FOOTER_GREY)
        canv.drawString(MARGIN_X, y, f"{self.case_code}  ·  {CONFIDENTIAL}")
        canv.doForm(_footer_form(doc.page))      # "n / N", defined at the end
        canv.restoreState()

    def _define_numbers(self, canv):
        """Define every form referenced for a number, now that all pages are known."""
        f = register()
        numbers = self.numbers
        numbers.total = self.last_page
        y = MARGIN_BOTTOM - 18
        for page in range(1, numbers.total + 1):
            canv.beginForm(_footer_form(page))
            canv.setFont(f.regular, 7.5)
            canv.setFillColor(FOOTER_GREY)
            canv.drawRightString(PAGE_W - MARGIN_X, y, f"{page} / {numbers.total}")
            canv.endForm()
        for form, (key, width) in numbers.refs.items():
            canv.beginForm(form)
            p = Paragraph(str(numbers.found.get(key, 0)), _page_style())
            p.wrapOn(canv, width, PAGE_H)
            p.drawOn(canv, 0, 0)
            canv.endForm()


def build(story_for: Callable[[PageNumbers], list], *, case_code: str, title: str,
          author: str) -> tuple[bytes, int]:
    """Lay the story out once and return (pdf bytes, page count)."""
    numbers = PageNumbers()
    out = io.BytesIO()
    doc = ExportDoc(out, numbers, case_code=case_code, title=title, author=author)
    doc.build(story_for(numbers))
    return out.getvalue(), numbers.total
