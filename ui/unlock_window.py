"""Unlock: pick the account (shared laptops hold several), type the passphrase. The KDF
runs on the worker thread; this window only shows the busy indicator and the outcome.

Kept light on purpose: it is what start-up waits for (no forms, no records, no PDF code).

Start-up is measured to the moment this window lists the accounts: with the environment
variable DONGHAENG_READY_FILE set, that moment appends one line `ready <time.monotonic()>`
to the named file (once per process; nothing else, never record content). The benchmarks
(`make bench`: ui.start_vs_bare_qt_ratio, package.start_s) read it, so they need no
observer of the screen and no exit signal."""
from __future__ import annotations

import os
import time

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.busy_indicator import BusyIndicator
from ui.language_picker import LanguagePicker
from ui.theme import error_color

READY_ENV = "DONGHAENG_READY_FILE"
_ready_reported = False


def _report_ready(window: QWidget) -> None:
    """Paint the window as it is now (the account list in it), then write the ready line."""
    global _ready_reported
    path = os.environ.get(READY_ENV)
    if _ready_reported or not path:
        return
    _ready_reported = True
    window.repaint()  # what is measured is a painted list, not one merely set
    try:
        with open(path, "a", encoding="ascii") as fh:
            fh.write(f"ready {time.monotonic():.6f}\n")
    except OSError:
        pass  # a measuring aid must never keep the app from starting


class UnlockWindow(QWidget):
    unlock_requested = Signal(str, str)  # worker, passphrase
    online_check_requested = Signal(str, str)  # the same, with the lease's online check
    new_account_requested = Signal()
    recovery_requested = Signal(str)  # worker: "passphrase forgotten?" (ui/recovery_dialog.py)
    language_chosen = Signal(str)

    def __init__(self, workers: list[str], selected: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("UnlockWindow")
        self.setMinimumWidth(440)
        # A centred card: readable when the window is maximised or scaled to 200%.
        root = QHBoxLayout(self)
        root.addStretch(1)
        card = QWidget(self)
        card.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 44)
        root.addWidget(card, 100)
        root.addStretch(1)
        outer = QVBoxLayout(card)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.addStretch(1)
        self.title = QLabel(self)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.6)
        f.setBold(True)
        self.title.setFont(f)
        outer.addWidget(self.title)
        self.subtitle = QLabel(self)
        self.subtitle.setWordWrap(True)
        outer.addWidget(self.subtitle)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.account = QComboBox(self)
        self.account_label = QLabel(self)
        self.account_label.setBuddy(self.account)
        form.addRow(self.account_label, self.account)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(self._submit)
        self.pass_label = QLabel(self)
        self.pass_label.setBuddy(self.passphrase)
        form.addRow(self.pass_label, self.passphrase)
        outer.addLayout(form)

        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self._error_plain = False  # PlainText set with the first error (see show_error)
        self._error_style = f"color: {error_color().name()}; font-weight: bold;"
        self.error.setStyleSheet(self._error_style)
        outer.addWidget(self.error)
        # A supervisor with the center's recovery key resets a forgotten passphrase.
        self.forgot = QPushButton(self)
        self.forgot.setFlat(True)
        self.forgot.clicked.connect(self._forgot)
        forgot_row = QHBoxLayout()
        forgot_row.addWidget(self.forgot)
        forgot_row.addStretch(1)
        outer.addLayout(forgot_row)
        # Past the center's offline lease (ui/lease_gate.py): unlock with an online check.
        self.check = QPushButton(self)
        self.check.setVisible(False)
        self.check.clicked.connect(lambda: self._submit(online=True))
        outer.addWidget(self.check)
        self.busy = BusyIndicator(self)
        outer.addWidget(self.busy)

        row = QHBoxLayout()
        self.language = LanguagePicker(self)
        self.language.language_chosen.connect(self.language_chosen)
        self.new_account = QPushButton(self)
        self.new_account.clicked.connect(self.new_account_requested)
        self.unlock = QPushButton(self)
        self.unlock.setDefault(True)
        self.unlock.clicked.connect(self._submit)
        row.addWidget(self.language)
        row.addWidget(self.new_account)
        row.addStretch(1)
        row.addWidget(self.unlock)
        outer.addLayout(row)
        outer.addStretch(2)

        self.loading = False
        self._pending_submit = False
        self.set_workers(workers, selected)
        self.retranslate()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Donghaeng — locked"))
        self.title.setText(self.tr("Donghaeng is locked"))
        self.subtitle.setText(self.tr("Choose your account and enter your passphrase."))
        self.account_label.setText(self.tr("&Account"))
        self.pass_label.setText(self.tr("&Passphrase"))
        self.new_account.setText(self.tr("&New account…"))
        self.unlock.setText(self.tr("&Unlock"))
        self.account.setAccessibleName(self.tr("Account"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.new_account.setAccessibleName(self.tr("New account"))
        self.unlock.setAccessibleName(self.tr("Unlock"))
        self.forgot.setText(self.tr("Passphrase &forgotten? (supervisor recovery)"))
        self.forgot.setAccessibleName(self.tr("Passphrase forgotten? (supervisor recovery)"))
        self.check.setText(self.tr("&Check with the center now"))
        self.check.setAccessibleName(self.tr("Check with the center now"))
        self.language.setAccessibleName(self.tr("Language"))
        self.language.sync()
        if self.busy.running:
            self.busy.start(self.tr("Unlocking…"))

    def set_workers(self, workers: list[str] | None, selected: str | None = None) -> None:
        """None: the list is still loading (a submit waits for it)."""
        self.loading = workers is None
        workers = workers or []
        self.account.clear()
        for w in workers:
            self.account.addItem(w, w)
        if selected and selected in workers:
            self.account.setCurrentIndex(workers.index(selected))
        if not self.loading and self._pending_submit:
            self._pending_submit = False
            self._submit()
        self._maybe_ready()

    def _maybe_ready(self) -> None:
        # Shown and holding the accounts: either can come last (the list loads on the
        # worker thread after the first paint, or is known before the window shows).
        if (not _ready_reported and os.environ.get(READY_ENV) and self.isVisible()
                and not self.loading and self.account.count() > 0):
            QTimer.singleShot(0, lambda: _report_ready(self))

    def _submit(self, online: bool = False) -> None:
        if self.busy.running:
            return
        if self.loading:
            self._pending_submit = True
            return
        worker = self.account.currentData()
        if not worker:
            self.show_error(self.tr("There is no account on this laptop yet."))
            return
        if not self.passphrase.text():
            self.show_error(self.tr("Enter your passphrase."))
            return
        self.show_error("")
        if online:
            self.online_check_requested.emit(worker, self.passphrase.text())
        else:
            self.check.setVisible(False)
            self.unlock_requested.emit(worker, self.passphrase.text())

    def _forgot(self) -> None:
        worker = self.account.currentData()
        if self.busy.running or self.loading:
            return
        if not worker:
            self.show_error(self.tr("There is no account on this laptop yet."))
            return
        self.show_error("")
        self.recovery_requested.emit(worker)

    def show_recovered(self) -> None:
        """After "passphrase forgotten?": a plain note where errors go, the window grown
        to hold it (a word-wrapped label does not grow a top-level window by itself)."""
        self.clear_secrets()
        self.show_error(self.tr("Passphrase reset with the recovery key. Unlock with the "
                                "new passphrase."))
        self.error.setStyleSheet("font-weight: bold;")
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def show_error(self, text: str) -> None:
        self.error.setStyleSheet(self._error_style)
        if text and not self._error_plain:
            # An error may quote user input: never rich text. Set here, not at start-up:
            # the first use of `Qt` builds all its enums (15-30 ms before the window shows).
            from PySide6.QtCore import Qt

            self.error.setTextFormat(Qt.TextFormat.PlainText)
            self._error_plain = True
        self.error.setText(text)
        self.error.setAccessibleDescription(text)
        if text:
            self.passphrase.selectAll()
            self.passphrase.setFocus()

    def show_lease(self, text: str, offer_check: bool) -> None:
        """The center's offline lease stopped the unlock: why, and (when it can help) the
        button that unlocks with an online check. The passphrase stays typed for it."""
        self.show_error(text)
        self.check.setVisible(offer_check)
        if offer_check:
            self.check.setFocus()

    def set_busy(self, busy: bool) -> None:
        if busy:
            self.busy.start(self.tr("Unlocking…"))
        else:
            self.busy.stop()
        for w in (self.account, self.passphrase, self.unlock, self.new_account, self.check,
                  self.forgot):
            w.setEnabled(not busy)

    def clear_secrets(self) -> None:
        self.passphrase.clear()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.passphrase.setFocus()
        self._maybe_ready()
