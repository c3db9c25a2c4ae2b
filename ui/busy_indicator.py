"""An indeterminate progress bar with a text, shown while the worker thread runs something
the person waits for (the KDF, an import, an export)."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget


class BusyIndicator(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(160)
        self.label = QLabel(self)
        lay.addWidget(self.bar)
        lay.addWidget(self.label, 1)
        self.setVisible(False)

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setAccessibleName(text)
        self.setVisible(True)

    def stop(self) -> None:
        self.setVisible(False)

    @property
    def running(self) -> bool:
        return not self.isHidden()
