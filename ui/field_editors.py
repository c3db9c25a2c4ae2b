"""Editors for the scalar field types of the form definitions. Each editor turns the
widget state into the record's JSON value (None when empty) and back.

Labels and choices come from the form data (ko/en pairs); a language switch calls
`retranslate()`. File fields (attachment, signature) live in `file_field_editors`, repeat
groups in `group_editor`, dates and times in `date_editors`; which editor a field type
gets is `editor_table`'s.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import QDoubleValidator, QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ui import i18n

_tr = QCoreApplication.translate  # _tr("Context", "text"): found by lupdate

# How much a text field holds (docs/ui.md, "Text limits"): the form's max_length, else
# these; never more than TEXT_CEILING. A 5 MB paste froze the window ~1.9 s and every later
# keystroke ~1 s (each edit re-reads, re-checks and autosaves the whole text).
LINE_MAX_CHARS = 1_000
LONG_TEXT_MAX_CHARS = 20_000
TEXT_CEILING = 100_000


def text_cap(field, default: int) -> int:
    limit = getattr(field, "max_length", None)
    return min(int(limit), TEXT_CEILING) if limit else default


def limit_message(cap: int) -> str:
    return _tr("FieldEditor", "This field holds at most %1 characters; what went past that "
               "was not kept.").replace("%1", i18n.fmt_int(cap))


class FieldEditor(QWidget):
    """Base: `changed` on every edit; `value()` / `set_value()`; `focus_target()`;
    `notice(text)` for what the person must know now about what they typed ("" clears it),
    shown under the field by its row."""

    changed = Signal()
    notice = Signal(str)

    def __init__(self, field, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.lay = QHBoxLayout(self)
        self.lay.setContentsMargins(0, 0, 0, 0)

    def value(self):
        return None

    def set_value(self, value) -> None:
        pass

    def focus_target(self) -> QWidget:
        return self

    def set_accessible(self, name: str) -> None:
        self.focus_target().setAccessibleName(name)

    def retranslate(self) -> None:
        pass

    def set_read_only(self, ro: bool) -> None:
        self.setEnabled(not ro)


class LineEditor(FieldEditor):
    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        self.edit = QLineEdit(self)
        self.lay.addWidget(self.edit)
        # Qt cuts a paste at maxLength before laying it out (cheap); reaching the cap is
        # then the sign that something may have been cut.
        self.cap = text_cap(field, LINE_MAX_CHARS)
        self.edit.setMaxLength(self.cap)
        self._at_cap = False
        self.edit.textEdited.connect(self._edited)
        self.retranslate()

    def _edited(self, text: str) -> None:
        at_cap = len(text) >= self.cap
        if at_cap or self._at_cap:
            self.notice.emit(limit_message(self.cap) if at_cap else "")
        self._at_cap = at_cap
        self.changed.emit()

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(self.hint())

    def hint(self) -> str:
        return ""

    def value(self):
        text = self.edit.text().strip()
        return text or None

    def set_value(self, value) -> None:
        self.edit.setText("" if value is None else str(value))

    def focus_target(self):
        return self.edit


class PhoneEditor(LineEditor):
    def hint(self) -> str:
        return _tr("FieldEditor", "e.g. 010-0000-0000")


class EmailEditor(LineEditor):
    def hint(self) -> str:
        return _tr("FieldEditor", "e.g. name@example.org")


class _CappedPlainText(QPlainTextEdit):
    """A plain text edit that never holds more than `cap` characters: a paste or drop is
    cut before it reaches the document (inserting 5 MB and then cutting it would freeze
    the window just the same), typing past the cap is undone."""

    overflow = Signal()

    def __init__(self, cap: int, parent=None):
        super().__init__(parent)
        self.cap = cap

    def length(self) -> int:
        return self.document().characterCount() - 1  # O(1); the last block's separator

    def insertFromMimeData(self, source) -> None:  # noqa: N802 (Qt API)
        text = source.text() if source.hasText() else ""
        room = self.cap - self.length() + len(self.textCursor().selectedText())
        if len(text) <= room:
            super().insertFromMimeData(source)
            return
        self.textCursor().insertText(text[:max(room, 0)])
        self.ensureCursorVisible()
        self.overflow.emit()

    def trim_typed(self) -> bool:
        """Typing (or an input method) past the cap: remove what went over, just before
        the cursor where it was typed. True when something was removed."""
        excess = self.length() - self.cap
        if excess <= 0:
            return False
        cursor = self.textCursor()
        cursor.movePosition(cursor.MoveOperation.Left, cursor.MoveMode.KeepAnchor, excess)
        cursor.removeSelectedText()
        return True


class LongTextEditor(FieldEditor):
    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        self.cap = text_cap(field, LONG_TEXT_MAX_CHARS)
        self.edit = _CappedPlainText(self.cap, self)
        self.edit.setTabChangesFocus(True)  # keyboard-only use: Tab leaves the field
        self.edit.setMinimumHeight(self.fontMetrics().height() * 4)
        self.lay.addWidget(self.edit)
        self._at_cap = False
        self.edit.overflow.connect(self._overflow)
        self.edit.textChanged.connect(self._text_changed)

    def _overflow(self) -> None:
        self._at_cap = True
        self.notice.emit(limit_message(self.cap))

    def _text_changed(self) -> None:
        if self.edit.trim_typed():
            self._overflow()
            return  # the trim changed the text again: that change reports it
        if self._at_cap and self.edit.length() < self.cap:
            self._at_cap = False
            self.notice.emit("")
        self.changed.emit()

    def value(self):
        text = self.edit.toPlainText().strip()
        return text or None

    def set_value(self, value) -> None:
        self.edit.setPlainText("" if value is None else str(value))

    def focus_target(self):
        return self.edit


class NumberEditor(FieldEditor):
    """A number typed in a line edit; the subclass says which numbers."""

    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        self.edit = QLineEdit(self)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.edit.setValidator(self.make_validator())
        self.edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 16)
        self.lay.addWidget(self.edit)
        self.lay.addStretch(1)
        self.edit.textEdited.connect(lambda _t: self.changed.emit())

    def make_validator(self):
        raise NotImplementedError

    def convert(self, text: str):
        raise NotImplementedError

    def value(self):
        text = self.edit.text().strip()
        if not text:
            return None
        try:
            return self.convert(text)
        except ValueError:
            return text  # the validator reports it at the field

    def set_value(self, value) -> None:
        self.edit.setText("" if value is None else str(value))

    def focus_target(self):
        return self.edit


class IntegerEditor(NumberEditor):
    def make_validator(self):
        return QIntValidator(self)

    def convert(self, text: str):
        return int(text)


class DecimalEditor(NumberEditor):
    def make_validator(self):
        v = QDoubleValidator(self)
        v.setNotation(QDoubleValidator.Notation.StandardNotation)
        v.setLocale(QLocale.c())  # a dot decimal separator whatever the UI language
        return v

    def convert(self, text: str):
        return float(text)


class ChoiceEditor(FieldEditor):
    """One of the field's choices (choice / ageband / district): a combo with an empty
    first entry, since nothing chosen is not the same as the first choice."""

    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        self.combo = QComboBox(self)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.lay.addWidget(self.combo)
        self.lay.addStretch(1)
        self.combo.addItem("", None)
        for data, _text in self.options():
            self.combo.addItem("", data)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.retranslate()

    def options(self) -> list[tuple[object, str]]:
        """(value, text in the UI language) of each entry after the empty one."""
        return [(c.id, i18n.pick(c.label)) for c in self.field.choices]

    def retranslate(self) -> None:
        self.combo.setItemText(0, _tr("FieldEditor", "— choose —"))
        for i, (_data, text) in enumerate(self.options(), start=1):
            self.combo.setItemText(i, text)

    def value(self):
        return self.combo.currentData()

    def set_value(self, value) -> None:
        for i in range(self.combo.count()):
            data = self.combo.itemData(i)
            if data == value and type(data) is type(value):
                self.combo.setCurrentIndex(i)
                return
        self.combo.setCurrentIndex(0)

    def focus_target(self):
        return self.combo


class YesNoEditor(ChoiceEditor):
    """Yes / no, with "not answered" as a third state (a checkbox has only two)."""

    def options(self) -> list[tuple[object, str]]:
        return [(True, _tr("FieldEditor", "Yes")), (False, _tr("FieldEditor", "No"))]


class MultiChoiceEditor(FieldEditor):
    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[tuple[str, QCheckBox]] = []
        cols = 2 if len(field.choices) > 4 else 1
        for i, c in enumerate(field.choices):
            box = QCheckBox(grid_host)
            box.toggled.connect(lambda _on: self.changed.emit())
            grid.addWidget(box, i // cols, i % cols)
            self.boxes.append((c.id, box))
        self.lay.addWidget(grid_host)
        self.retranslate()

    def retranslate(self) -> None:
        labels = {c.id: i18n.pick(c.label) for c in self.field.choices}
        for cid, box in self.boxes:
            box.setText(labels[cid])
            box.setAccessibleName(labels[cid])

    def value(self):
        chosen = [cid for cid, box in self.boxes if box.isChecked()]
        return chosen or None

    def set_value(self, value) -> None:
        chosen = set(value) if isinstance(value, list) else set()
        for cid, box in self.boxes:
            box.blockSignals(True)
            box.setChecked(cid in chosen)
            box.blockSignals(False)

    def set_accessible(self, name: str) -> None:
        self.setAccessibleName(name)

    def focus_target(self):
        return self.boxes[0][1] if self.boxes else self


class ComputedEditor(FieldEditor):
    """Shown, never typed: the value is computed from other fields by the forms package."""

    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        self.label = QLabel(self)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                           | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lay.addWidget(self.label)
        self._value = None

    def value(self):
        return None  # never part of the input

    def set_value(self, value) -> None:
        self._value = value
        # A dash rather than nothing: an empty label reads as a layout glitch.
        self.label.setText("—" if value is None else str(value))

    def focus_target(self):
        return self.label


class ReferenceEditor(FieldEditor):
    """A record of `ref_form` in the same case, picked from a list the form view fills in
    from the vault (`set_options`)."""

    def __init__(self, field, parent=None):
        super().__init__(field, parent)
        self.combo = QComboBox(self)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.addItem("", None)
        self.lay.addWidget(self.combo)
        self.lay.addStretch(1)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._pending = None
        self.retranslate()

    def retranslate(self) -> None:
        self.combo.setItemText(0, _tr("FieldEditor", "— choose —"))

    def set_options(self, options: list[tuple[str, str]]) -> None:
        """(record id, text) pairs; keeps the current choice if still offered."""
        keep = self.value() or self._pending
        self.combo.blockSignals(True)
        while self.combo.count() > 1:
            self.combo.removeItem(1)
        for rid, text in options:
            self.combo.addItem(text, rid)
        self.combo.blockSignals(False)
        if keep:
            self.set_value(keep)

    def value(self):
        return self.combo.currentData() or None

    def set_value(self, value) -> None:
        idx = self.combo.findData(value) if value else 0
        if idx < 0 and value:
            self._pending = value
            self.combo.addItem(str(value), value)
            idx = self.combo.count() - 1
        self.combo.setCurrentIndex(max(0, idx))

    def focus_target(self):
        return self.combo
