"""The language choice (한국어 first, the default). Language names are written in their
own language, so they never need translating."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from ui import i18n

NAMES = (("ko", "한국어"), ("en", "English"))


class LanguagePicker(QComboBox):
    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        for code, name in NAMES:
            self.addItem(name, code)
        self.sync()
        self.currentIndexChanged.connect(self._changed)
        self.setAccessibleName("Language / 언어")

    def sync(self) -> None:
        self.blockSignals(True)
        self.setCurrentIndex(max(0, self.findData(i18n.current())))
        self.blockSignals(False)

    def _changed(self, _index: int) -> None:
        code = self.currentData()
        if code and code != i18n.current():
            self.language_chosen.emit(code)
