"""The bottom of a dialog that runs one job on the worker thread (an export, a takedown
packet): a selectable message line that says what happened or what went wrong, the busy
indicator, and Close beside the job's button."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QDialog, QHBoxLayout, QLabel, QPushButton

from ui.busy_indicator import BusyIndicator
from ui.theme import error_color


class DialogFooter:
    """Adds the message, the busy indicator and the buttons to `outer` (texts given
    translated by the dialog, so they stay in its translation context)."""

    def __init__(self, dialog: QDialog, outer: QBoxLayout, *, close_text: str,
                 action_text: str, action_name: str, on_action: Callable[[], object]):
        self.message = QLabel(dialog)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.message)
        self.busy = BusyIndicator(dialog)
        outer.addWidget(self.busy)
        buttons = QHBoxLayout()
        self.close = QPushButton(close_text, dialog)
        self.close.clicked.connect(dialog.reject)
        self.action = QPushButton(action_text, dialog)
        self.action.setDefault(True)
        self.action.clicked.connect(on_action)
        self.close.setAccessibleName(close_text.replace("&", ""))
        self.action.setAccessibleName(action_name)
        buttons.addStretch(1)
        buttons.addWidget(self.close)
        buttons.addWidget(self.action)
        outer.addLayout(buttons)

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(f"color: {error_color().name()};" if error else "")
        self.message.setText(text)
