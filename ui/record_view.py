"""A saved record, read-only: labels and values in the UI language, choice ids shown as
their labels, repeat groups as numbered blocks, file fields as their stored files.
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

from ui import i18n
from ui.field_row import MASK

_tr = QCoreApplication.translate  # _tr("Context", "text"): found by lupdate

COPYABLE = ("text", "longtext", "phone", "email", "birthdate")


def display_value(f, value, ref_labels: dict | None = None) -> str:
    """A field value as text for people (labels for ids, local date formats)."""
    if value is None or value == "" or value == []:
        return ""
    t = f.type
    if t in ("choice", "ageband", "district"):
        c = f.choice(value) if isinstance(value, str) else None
        return i18n.pick(c.label) if c else str(value)
    if t == "multichoice" and isinstance(value, list):
        out = []
        for v in value:
            c = f.choice(v) if isinstance(v, str) else None
            out.append(i18n.pick(c.label) if c else str(v))
        return ", ".join(out)
    if t == "yesno":
        return _tr("RecordView", "Yes") if value is True else _tr("RecordView", "No") if value is False else str(value)
    if t in ("date", "birthdate"):
        return i18n.fmt_date(value)
    if t == "datetime":
        return i18n.fmt_datetime(value)
    if t == "reference" and ref_labels and value in ref_labels:
        return ref_labels[value]
    if t == "integer" and isinstance(value, int):
        return i18n.fmt_int(value)
    return str(value)


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


class RecordView(QWidget):
    def __init__(self, form, record, attachments: list, *, privacy: bool, clipboard=None,
                 ref_labels: dict | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = form
        self.cells: list[ValueCell] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        values = record.values or {}
        by_field: dict[str, list] = {}
        for a in attachments:
            if not getattr(a, "removed", False):
                by_field.setdefault(a.field or "", []).append(a)
        for section in form.sections:
            box = QGroupBox(i18n.pick(section.title), self)
            lay = QFormLayout(box)
            lay.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            shown = 0
            for f in section.fields:
                label = i18n.pick(f.label)
                if f.type in ("attachment", "signature"):
                    files = by_field.get(f.id, [])
                    text = "; ".join(f"{a.name} ({i18n.fmt_size(a.size)}, SHA-256 {a.sha256})"
                                     for a in files)
                    if f.type == "signature":
                        text = _tr("RecordView", "Signed (%1)").replace("%1", files[-1].name) if files else ""
                    if not text:
                        continue
                    lay.addRow(label, self._cell(text, f, privacy, clipboard, label, box))
                    shown += 1
                elif f.type == "group":
                    rows = values.get(f.id)
                    if not isinstance(rows, list) or not rows:
                        continue
                    host = QWidget(box)
                    v = QVBoxLayout(host)
                    v.setContentsMargins(0, 0, 0, 0)
                    for i, row in enumerate(rows):
                        frame = QFrame(host)
                        frame.setFrameShape(QFrame.Shape.StyledPanel)
                        fl = QFormLayout(frame)
                        fl.addRow(QLabel(f"{label} {i + 1}", frame))
                        for c in f.fields:
                            text = display_value(c, row.get(c.id) if isinstance(row, dict)
                                                 else None)
                            if text:
                                clabel = i18n.pick(c.label)
                                fl.addRow(clabel, self._cell(text, c, privacy, clipboard,
                                                             clabel, frame))
                        v.addWidget(frame)
                    lay.addRow(label, host)
                    shown += 1
                else:
                    text = display_value(f, values.get(f.id), ref_labels)
                    if not text:
                        continue
                    lay.addRow(label, self._cell(text, f, privacy, clipboard, label, box))
                    shown += 1
            if shown:
                outer.addWidget(box)
            else:
                box.deleteLater()
        outer.addStretch(1)

    def _cell(self, text, f, privacy, clipboard, label, parent) -> ValueCell:
        cell = ValueCell(text, identifying=f.classification == "identifying", privacy=privacy,
                         clipboard=clipboard, label=label, parent=parent,
                         copyable=f.type in COPYABLE)
        self.cells.append(cell)
        return cell

    def set_privacy(self, on: bool) -> None:
        for c in self.cells:
            c.set_masked(on and c.identifying and bool(c.text))

    def masked_cells(self) -> list[ValueCell]:
        return [c for c in self.cells if c.masked]
