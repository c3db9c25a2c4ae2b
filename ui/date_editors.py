"""Editors for dates and times. A date editor can be empty (QDateEdit cannot: its minimum
date stands for "not answered"), and values are the record's JSON strings (`2026-03-04`,
`14:30`, `2026-03-04T14:30`), whatever the UI language shows."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QRegularExpression, QTime
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QDateEdit, QLineEdit

from ui import i18n
from ui.field_editors import FieldEditor

_tr = QCoreApplication.translate  # _tr("Context", "text"): found by lupdate

_NO_DATE = QDate(1800, 1, 1)  # the "empty" value of a date editor


class DateEditor(FieldEditor):
    """A date with an empty state (QDateEdit has none: its minimum date stands for it)."""

    def __init__(self, field, parent=None, stretch: bool = True):
        super().__init__(field, parent)
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDate(_NO_DATE)
        self.edit.setSpecialValueText(" ")
        self.edit.setDate(_NO_DATE)
        self.lay.addWidget(self.edit)
        if stretch:
            self.lay.addStretch(1)
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.retranslate()

    def retranslate(self) -> None:
        fmt = i18n.locale().dateFormat(QLocale.FormatType.ShortFormat)
        if "yyyy" not in fmt:
            fmt = fmt.replace("yy", "yyyy")
        self.edit.setDisplayFormat(fmt)

    def value(self):
        d = self.edit.date()
        return None if d == _NO_DATE else d.toString("yyyy-MM-dd")

    def set_value(self, value) -> None:
        d = QDate.fromString(value, "yyyy-MM-dd") if isinstance(value, str) else QDate()
        self.edit.setDate(d if d.isValid() else _NO_DATE)

    def focus_target(self):
        return self.edit


class TimeEditor(FieldEditor):
    """HH:MM typed or stepped; empty allowed (QTimeEdit cannot be empty, so a line edit)."""

    def __init__(self, field, parent=None, stretch: bool = True):
        super().__init__(field, parent)
        self.edit = QLineEdit(self)
        rx = QRegularExpression(r"^$|^([01]?\d|2[0-3]):?[0-5]?\d?$")
        self.edit.setValidator(QRegularExpressionValidator(rx, self))
        self.edit.setPlaceholderText("HH:MM")
        self.edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 10)
        self.lay.addWidget(self.edit)
        if stretch:
            self.lay.addStretch(1)
        self.edit.textEdited.connect(lambda _t: self.changed.emit())

    def value(self):
        text = self.edit.text().strip()
        if not text:
            return None
        if ":" not in text and len(text) in (3, 4):
            text = text[:-2] + ":" + text[-2:]
        t = QTime.fromString(text, "H:mm")
        return t.toString("HH:mm") if t.isValid() else text

    def set_value(self, value) -> None:
        self.edit.setText(value[:5] if isinstance(value, str) else "")

    def focus_target(self):
        return self.edit


class DateTimeEditor(FieldEditor):
    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        self.date = DateEditor(field, self, stretch=False)
        self.time = TimeEditor(field, self, stretch=False)
        self.lay.addWidget(self.date)
        self.lay.addWidget(self.time)
        self.lay.addStretch(1)
        self.date.changed.connect(self.changed)
        self.time.changed.connect(self.changed)

    def retranslate(self) -> None:
        self.date.retranslate()

    def value(self):
        d, t = self.date.value(), self.time.value()
        if d is None and t is None:
            return None
        return f"{d or ''}T{t or '00:00'}"

    def set_value(self, value) -> None:
        if isinstance(value, str) and "T" in value:
            d, t = value.split("T", 1)
            self.date.set_value(d)
            self.time.set_value(t[:5])
        else:
            self.date.set_value(None)
            self.time.set_value(None)

    def set_accessible(self, name: str) -> None:
        self.date.set_accessible(name + " — " + _tr("FieldEditor", "date"))
        self.time.set_accessible(name + " — " + _tr("FieldEditor", "time"))

    def focus_target(self):
        return self.date.edit
