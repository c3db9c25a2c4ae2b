"""A saved record, read-only, as `forms.display` words it (the exported PDF shows the same
texts): labels and values in the UI language, computed fields (age band, minor, ...)
included, repeat groups as numbered blocks, file fields as their stored files.
`identifying` values are covered in privacy mode until clicked; copying one goes through
the secure clipboard (cleared after 30 s, hidden from clipboard managers)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from forms.display import ShownField, ShownGroup, display_sections
from forms.field_types import field_type
from ui import i18n
from ui.field_row import MASK

_tr = QCoreApplication.translate  # _tr("Context", "text"): found by lupdate


class ValueCell(QWidget):
    def __init__(self, text: str, *, identifying: bool, privacy: bool, clipboard,
                 label: str, parent: QWidget, copyable: bool = True):
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.text = text
        self.identifying = identifying
        self.value = QLabel(text, self)
        self.value.setWordWrap(True)
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                           | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.value.setAccessibleName(label)
        self.cover = QPushButton(MASK + "  " + _tr("RecordView", "hidden — click to show"), self)
        self.cover.setAccessibleName(_tr("RecordView", "%1: hidden, press to show").replace("%1", label))
        self.cover.clicked.connect(self.reveal)
        self.copy = QToolButton(self)
        self.copy.setText(_tr("RecordView", "Copy"))
        self.copy.setAccessibleName(_tr("RecordView", "Copy %1").replace("%1", label))
        self.copy.clicked.connect(lambda: clipboard.copy(self.text, identifying=identifying))
        self.copy.setVisible(bool(text) and clipboard is not None and copyable)
        lay.addWidget(self.value, 1)
        lay.addWidget(self.cover, 1)
        lay.addWidget(self.copy)
        self.set_masked(privacy and identifying and bool(text))

    def set_masked(self, masked: bool) -> None:
        self.masked = masked
        self.value.setVisible(not masked)
        self.cover.setVisible(masked)
        self.copy.setEnabled(not masked)

    def reveal(self) -> None:
        self.set_masked(False)


def _label(text: str, parent: QWidget) -> QLabel:
    """A field's label, wrapped beyond a third of a typical view: one long question must not
    squeeze every answer of its section into a narrow column."""
    label = QLabel(text, parent)
    widest = label.fontMetrics().averageCharWidth() * 32
    if label.fontMetrics().horizontalAdvance(text) > widest:
        # A fixed width, so that the height the form layout asks for fits the wrapped text.
        label.setWordWrap(True)
        label.setFixedWidth(widest)
    return label


class RecordView(QWidget):
    def __init__(self, form, record, attachments: list, *, privacy: bool, clipboard=None,
                 ref_labels: dict | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = form
        self.cells: list[ValueCell] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.files: dict[str, list] = {}
        for a in attachments:
            if not getattr(a, "removed", False):
                self.files.setdefault(a.field or "", []).append(a)
        sections = display_sections(form, record.values or {}, i18n.current(),
                                    ref_labels=ref_labels, has_files=self.files.__contains__)
        for section in sections:
            box = QGroupBox(section.title, self)
            lay = QFormLayout(box)
            lay.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for item in section.items:
                if isinstance(item, ShownGroup):
                    lay.addRow(_label(item.label, box), self._group(item, privacy, clipboard, box))
                else:
                    lay.addRow(_label(item.label, box), self._cell(item, privacy, clipboard, box))
            outer.addWidget(box)
        outer.addStretch(1)

    def _group(self, group: ShownGroup, privacy, clipboard, parent) -> QWidget:
        host = QWidget(parent)
        v = QVBoxLayout(host)
        v.setContentsMargins(0, 0, 0, 0)
        for row in group.rows:
            frame = QFrame(host)
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            fl = QFormLayout(frame)
            fl.addRow(QLabel(f"{group.label} {row.index + 1}", frame))
            for cell in row.cells:
                fl.addRow(_label(cell.label, frame), self._cell(cell, privacy, clipboard, frame))
            v.addWidget(frame)
        return host

    def _files_text(self, shown: ShownField) -> str:
        files = self.files.get(shown.path, [])
        if field_type(shown.field).one_file and files:
            return _tr("RecordView", "Signed (%1)").replace("%1", files[-1].name)
        return "; ".join(f"{a.name} ({i18n.fmt_size(a.size)}, SHA-256 {a.sha256})"
                         for a in files)

    def _cell(self, shown: ShownField, privacy, clipboard, parent) -> ValueCell:
        text = self._files_text(shown) if shown.layout == "files" else shown.text
        cell = ValueCell(text, identifying=shown.identifying, privacy=privacy,
                         clipboard=clipboard, label=shown.label, parent=parent,
                         copyable=shown.copyable)
        self.cells.append(cell)
        return cell

    def set_privacy(self, on: bool) -> None:
        for c in self.cells:
            c.set_masked(on and c.identifying and bool(c.text))

    def masked_cells(self) -> list[ValueCell]:
        return [c for c in self.cells if c.masked]
