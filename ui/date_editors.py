"""Editors for dates and times. Values are the record's JSON strings (`2026-03-04`,
`14:30`, `2026-03-04T14:30`), whatever the UI language shows.

A date is typed in a line edit (with a calendar button and a clear button) rather than a
QDateEdit: a QDateEdit cannot be empty (its minimum date had to stand for "not answered",
so one wheel notch set 1801-01-01 and its calendar opened in 1800), drops what it cannot
parse, and an incomplete section held Tab."""
from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QPoint,
    QRegularExpression,
    Qt,
    QTime,
)
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QToolButton, QVBoxLayout, QWidget

from forms.field_types import field_type
from ui import i18n
from ui.field_editors import FieldEditor

_tr = QCoreApplication.translate  # _tr("Context", "text"): found by lupdate


def parse_typed_date(text: str, year_last_order: str = "MDY") -> str | None:
    """ISO date of what a person typed, or None: `2011-03-04`, `2011.3.4`, `2011. 3. 4.`,
    `2011/3/4`, `20110304`; with the year last, the UI locale's order (`3/4/2011` is
    March 4 in English)."""
    text = text.strip()
    if re.fullmatch(r"\d{8}", text):
        parts = [text[:4], text[4:6], text[6:]]
    else:
        parts = re.findall(r"\d+", text)
        if len(parts) != 3 or re.search(r"[^\d\s./\-년월일]", text):
            return None
    if len(parts[0]) == 4:
        y, m, d = parts
    elif len(parts[2]) == 4:
        m, d = (parts[0], parts[1]) if year_last_order == "MDY" else (parts[1], parts[0])
        y = parts[2]
    else:
        return None
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


class _CalendarPopup(QWidget):
    """The calendar under a date field: a popup window, so a click outside or Esc closes
    it and that Esc is not half of the panic gesture."""

    def __init__(self, parent: QWidget):
        super().__init__(parent, Qt.WindowType.Popup)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(
            QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)  # week numbers: noise here
        lay.addWidget(self.calendar)


class DateEditor(FieldEditor):
    def __init__(self, field, parent=None, stretch: bool = True):
        super().__init__(field, parent)
        self.edit = QLineEdit(self)
        self.edit.installEventFilter(self)
        self.edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000. 00. 00.") * 2)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("▾")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Down opens it
        self.calendar_button.clicked.connect(self.open_calendar)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("✕")
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Delete clears
        self.clear_button.clicked.connect(self.clear)
        for w in (self.edit, self.calendar_button, self.clear_button):
            self.lay.addWidget(w)
        if stretch:
            self.lay.addStretch(1)
        self._popup: _CalendarPopup | None = None
        self._value: str | None = None  # ISO date, or what was typed when it is not one
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._commit)
        self.retranslate()

    # -- text ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.edit.setPlaceholderText(_tr("FieldEditor", "e.g. 2011-03-04"))
        self.calendar_button.setToolTip(_tr("FieldEditor", "Open the calendar (Alt+Down)"))
        self.calendar_button.setAccessibleName(_tr("FieldEditor", "Open the calendar"))
        self.clear_button.setToolTip(_tr("FieldEditor", "Clear the date (Delete)"))
        self.clear_button.setAccessibleName(_tr("FieldEditor", "Clear the date"))
        self._show()

    def _display_format(self) -> str:
        fmt = i18n.locale().dateFormat(QLocale.FormatType.ShortFormat)
        return fmt.replace("yyyy", "yy").replace("yy", "yyyy")

    def _year_last_order(self) -> str:
        fmt = self._display_format()
        return "MDY" if fmt.find("M") < fmt.find("d") else "DMY"

    def _show(self) -> None:
        d = QDate.fromString(self._value or "", "yyyy-MM-dd")
        self.edit.setText(d.toString(self._display_format()) if d.isValid()
                          else (self._value or ""))

    # -- values --------------------------------------------------------------------------
    def value(self):
        if self.edit.isModified():  # typed, not yet committed (autosave, Ctrl+Enter)
            text = self.edit.text().strip()
            return (parse_typed_date(text, self._year_last_order()) or text) if text else None
        return self._value

    def set_value(self, value) -> None:
        self._value = value if isinstance(value, str) and value else None
        self.edit.setModified(False)
        self._show()
        self.notice.emit("")

    def clear(self) -> None:
        self._set_by_person(None)

    def _set_by_person(self, value: str | None) -> None:
        changed = value != self._value
        self.set_value(value)
        if changed:
            self.changed.emit()

    def _typed(self, _text: str) -> None:
        self.notice.emit("")
        self.changed.emit()

    def _commit(self) -> None:
        """Focus left or Enter: keep what was typed, as a date when it is one, and say so
        when it is not (the text stays; the form's validation refuses it too)."""
        if not self.edit.isModified():
            return
        text = self.edit.text().strip()
        iso = parse_typed_date(text, self._year_last_order()) if text else None
        self._set_by_person(iso or text or None)
        if text and iso is None:
            self.notice.emit(_tr("FieldEditor", "“%1” is not a date. Type it like 2011-03-04, "
                                 "2011.3.4 or 20110304.").replace("%1", text))

    # -- keys and wheel ------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if obj is self.edit:
            etype = event.type()
            if etype == QEvent.Type.KeyPress:
                return self._key(event)
            if etype == QEvent.Type.Wheel:
                return self._wheel(event)
        return False

    def _key(self, event) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not self.edit.isModified() \
                and self._value is not None:
            self.clear()  # a shown date goes at once; a half-typed one is edited as text
            return True
        if (key == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier) \
                or key == Qt.Key.Key_F4:
            self.open_calendar()
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not event.modifiers():
            return self._step(1 if key == Qt.Key.Key_Up else -1)
        return False

    def _wheel(self, event) -> bool:
        dy = event.angleDelta().y()
        if not self.edit.hasFocus() or self._value is None or not dy:
            return False  # the page scrolls: a passing wheel never changes a date
        return self._step(1 if dy > 0 else -1)

    def _step(self, days: int) -> bool:
        self._commit()
        d = QDate.fromString(self._value or "", "yyyy-MM-dd")
        if d.isValid():  # an empty date stays empty: no day to step from
            self._set_by_person(d.addDays(days).toString("yyyy-MM-dd"))
        return True

    # -- calendar ------------------------------------------------------------------------
    def starting_date(self) -> QDate:
        """Where the calendar opens: the value, else today, else (a birth date) the day
        years back the type says (forms.field_types: 15 for a birth date)."""
        d = QDate.fromString(self._value or "", "yyyy-MM-dd")
        if d.isValid():
            return d
        today = QDate.currentDate()
        return today.addYears(-field_type(self.field).calendar_years_back)

    def calendar(self) -> QCalendarWidget:
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            cal = self._popup.calendar
            cal.setAccessibleName(_tr("FieldEditor", "Calendar"))
            if field_type(self.field).past_only or getattr(self.field, "max", None) == "today":
                cal.setMaximumDate(QDate.currentDate())
            cal.activated.connect(self._picked)
            cal.clicked.connect(self._picked)
        return self._popup.calendar

    def open_calendar(self) -> None:
        self._commit()
        cal = self.calendar()
        cal.setLocale(i18n.locale())
        start = self.starting_date()
        cal.setSelectedDate(start)
        cal.setCurrentPage(start.year(), start.month())
        popup = self._popup
        popup.adjustSize()
        popup.move(self.edit.mapToGlobal(QPoint(0, self.edit.height())))
        popup.show()
        cal.setFocus(Qt.FocusReason.PopupFocusReason)

    def close_calendar(self) -> None:
        if self._popup is not None:
            self._popup.hide()

    def _picked(self, d: QDate) -> None:
        self.close_calendar()
        self._set_by_person(d.toString("yyyy-MM-dd"))
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)

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
        self.date.notice.connect(self.notice)
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
