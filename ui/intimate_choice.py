"""The export dialog's choice to draw intimate images on the pages after all (issue 16):
shown only when the profile hides them and the case has one kept in full; ticking it needs
a reason, which export_case(show_intimate=…) writes in the manifest and the audit, exactly
as the CLI's --show-intimate does."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QVBoxLayout, QWidget


class IntimateChoice(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(self.tr("Show intimate images on the pages"), self)
        self.check.setAccessibleName(self.tr("Show intimate images on the pages"))
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText(self.tr("Why the recipient must see them in the "
                                                    "document"))
        self.reason_edit.setAccessibleName(self.tr("Reason for showing intimate images"))
        self.hint = QLabel(self.tr("Write why to export: the reason is kept in the manifest "
                                   "and the audit log."), self)
        for w in (self.check, self.reason_edit, self.hint):
            lay.addWidget(w)
        self.check.toggled.connect(self._update)
        self.reason_edit.textChanged.connect(self._update)
        self._update()

    def reason(self) -> str | None:
        """The reason to pass as show_intimate, or None (not shown, or not ticked)."""
        if self.isHidden() or not self.check.isChecked():
            return None
        return self.reason_edit.text().strip() or None

    def ready(self) -> bool:
        """False only while ticked without a reason: the export waits for one."""
        return self.isHidden() or not self.check.isChecked() or self.reason() is not None

    def _update(self, *_a) -> None:
        ticked = self.check.isChecked()
        self.reason_edit.setVisible(ticked)
        self.hint.setVisible(ticked and not self.reason_edit.text().strip())
        if ticked and self.isVisible() and not self.reason_edit.text():
            self.reason_edit.setFocus()
        self.changed.emit()
