"""One field on screen: its label (with the required marker), the editor, help text, the
inline validation message, and — in privacy mode, for `identifying` fields — a cover that
hides the value until clicked."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from ui import i18n
from ui.theme import error_color

_tr = QCoreApplication.translate  # _tr("Context", "text"): found by lupdate

MASK = "●●●●●●"


class FieldRow(QObject):
    revealed = Signal()

    def __init__(self, field, editor, parent: QWidget):
        super().__init__(parent)
        self.field = field
        self.editor = editor
        self.required = bool(field.required)
        self.label = QLabel(parent)
        self.label.setWordWrap(False)
        self.label.setBuddy(editor.focus_target())
        self.container = QWidget(parent)
        lay = QVBoxLayout(self.container)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.stack = QStackedWidget(self.container)
        self.cover = QPushButton(self.stack)
        self.cover.setFlat(False)
        self.cover.setCursor(Qt.CursorShape.PointingHandCursor)
        self.cover.clicked.connect(self.reveal)
        self.stack.addWidget(editor)
        self.stack.addWidget(self.cover)
        lay.addWidget(self.stack)
        self.help = QLabel(self.container)
        self.help.setWordWrap(True)
        self.help.setVisible(bool(field.help))
        font = self.help.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.help.setFont(font)
        lay.addWidget(self.help)
        self.error = QLabel(self.container)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setVisible(False)
        self.error.setStyleSheet(f"color: {error_color().name()};")
        lay.addWidget(self.error)
        # What the editor says about the typing itself (a date it cannot read, a text cut
        # at its limit): kept apart from validation, which redraws `error` on every pass.
        self.notice = QLabel(self.container)
        self.notice.setObjectName("fieldNotice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setVisible(False)
        self.notice.setStyleSheet(f"color: {error_color().name()};")
        lay.addWidget(self.notice)
        editor.notice.connect(self.set_notice)
        # Where a value came from when the form filled it in (an earlier contact, the
        # intake): the person checks it rather than trusts it.
        self.note = QLabel(self.container)
        self.note.setObjectName("fieldNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setVisible(False)
        font = self.note.font()
        font.setItalic(True)
        self.note.setFont(font)
        lay.addWidget(self.note)
        self.privacy = False
        self._masked = False
        self._shown = True
        editor.focus_target().installEventFilter(self)
        self.retranslate()

    @property
    def identifying(self) -> bool:
        return self.field.classification == "identifying"

    def retranslate(self) -> None:
        text = i18n.pick(self.field.label)
        self.label.setText(f"{text} *" if self.required else text)
        name = text + (" (" + _tr("FieldRow", "required") + ")" if self.required else "")
        self.editor.set_accessible(name)
        self.label.setToolTip(_tr("FieldRow", "Required") if self.required else "")
        self.help.setText(i18n.pick(self.field.help) if self.field.help else "")
        self.cover.setText(MASK + "  " + _tr("FieldRow", "hidden — click to show"))
        self.cover.setAccessibleName(_tr("FieldRow", "%1: hidden, press to show").replace("%1", text))
        self.editor.retranslate()

    def set_required(self, required: bool) -> None:
        if required != self.required:
            self.required = required
            self.retranslate()

    def set_error(self, text: str | None) -> None:
        self.error.setText(text or "")
        self.error.setVisible(bool(text) and self._shown)
        self.editor.focus_target().setAccessibleDescription(text or "")
        if text and self._masked:
            self.reveal()

    def set_notice(self, text: str) -> None:
        self.notice.setText(text or "")
        self.notice.setVisible(bool(text))  # a hidden row hides it with its container
        self.editor.focus_target().setAccessibleDescription(text or self.error.text())

    def set_note(self, text: str | None) -> None:
        self.note.setText(text or "")
        self.note.setVisible(bool(text))

    def has_error(self) -> bool:
        return bool(self.error.text())

    def set_visible(self, shown: bool) -> None:
        self._shown = shown
        self.label.setVisible(shown)
        self.container.setVisible(shown)

    def is_visible(self) -> bool:
        return self._shown

    # -- privacy -----------------------------------------------------------------------
    def set_privacy(self, on: bool) -> None:
        self.privacy = on and self.identifying
        self._apply_mask(self.privacy and self.editor.value() is not None)

    def _apply_mask(self, masked: bool) -> None:
        self._masked = masked
        self.stack.setCurrentWidget(self.cover if masked else self.editor)

    def is_masked(self) -> bool:
        return self._masked

    def reveal(self) -> None:
        self._apply_mask(False)
        self.editor.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)
        self.revealed.emit()

    def remask(self) -> None:
        if self.privacy and self.editor.value() is not None:
            self._apply_mask(True)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        # Once the worker moves on, the value is covered again.
        if (event.type() == QEvent.Type.FocusOut and self.privacy
                and event.reason() != Qt.FocusReason.PopupFocusReason):
            self.remask()
        return False
