"""A horizontal bar chart drawn with QPainter (QtCharts is not part of PySide6-Essentials).

Colours come from the palette so the chart follows the system's light/dark scheme; sizes
come from the font so it stays readable at 200% scale. The values are also exposed as the
accessible description for screen readers.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui import i18n


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = ""
        self.empty_text = ""
        self.items: list[tuple[str, float]] = []
        # Fixed height (from the rows): a short chart must not stretch into empty space.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def set_data(self, title: str, items: list[tuple[str, float]], empty_text: str = "") -> None:
        self.title = title
        self.items = list(items)
        self.empty_text = empty_text
        self.setAccessibleName(title)
        self.setAccessibleDescription(
            "; ".join(f"{label}: {i18n.fmt_int(v)}" for label, v in self.items) or empty_text)
        self.updateGeometry()
        self.update()

    def _row_h(self) -> int:
        return int(QFontMetrics(self.font()).height() * 1.6)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        fm = QFontMetrics(self.font())
        rows = max(1, len(self.items))
        return QSize(fm.horizontalAdvance("M") * 40, self._row_h() * (rows + 1) + fm.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(QFontMetrics(self.font()).horizontalAdvance("M") * 20, self.sizeHint().height())

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt API)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fm = QFontMetrics(self.font())
        text_color = pal.color(QPalette.ColorRole.WindowText)
        bar_color = pal.color(QPalette.ColorRole.Highlight)
        track = QColor(text_color)
        track.setAlpha(30)
        bold = self.font()
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(text_color)
        p.drawText(QRectF(0, 0, self.width(), fm.height() * 1.4),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
        p.setFont(self.font())
        top = fm.height() * 1.6
        if not self.items:
            p.drawText(QRectF(0, top, self.width(), self._row_h()),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       self.empty_text)
            return
        label_w = min(max(fm.horizontalAdvance(lbl) for lbl, _ in self.items) + 12,
                      int(self.width() * 0.5))
        value_w = max(fm.horizontalAdvance(i18n.fmt_int(v)) for _, v in self.items) + 12
        bar_w = max(10.0, self.width() - label_w - value_w)
        peak = max((v for _, v in self.items), default=0) or 1
        row_h = self._row_h()
        for i, (label, value) in enumerate(self.items):
            y = top + i * row_h
            text = fm.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 8)
            p.setPen(text_color)
            p.drawText(QRectF(0, y, label_w - 8, row_h),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
            bar_h = row_h * 0.6
            by = y + (row_h - bar_h) / 2
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(track)
            p.drawRoundedRect(QRectF(label_w, by, bar_w, bar_h), 3, 3)
            p.setBrush(bar_color)
            p.drawRoundedRect(QRectF(label_w, by, bar_w * value / peak, bar_h), 3, 3)
            p.setPen(text_color)
            p.drawText(QRectF(label_w + bar_w + 6, y, value_w, row_h),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       i18n.fmt_int(value))
