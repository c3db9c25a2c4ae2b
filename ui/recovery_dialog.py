""""Passphrase forgotten?" on the unlock window: a supervisor resets a worker's passphrase
with the organisation's recovery key, as `donghaeng vault recover` does
(desktop/recovery.py: every check before anything is written).

The supervisor chooses the key file (Qt's own file dialog, no trace) and types its
passphrase; then the worker chooses a new passphrase under the same rules as changing it.
The work (the key file's KDF, the vault's unwrap, the new slot's KDF) runs on the worker
thread with a busy bar; the unlock window then asks for the new passphrase."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from ui import dialogs
from ui.passphrase_strength import evaluate as evaluate_passphrase
from ui.vault_dialogs import _WorkDialog

_tr = QCoreApplication.translate  # _tr("Context", "text"): found by lupdate
KEY_FILTER = "Donghaeng organisation key (*.key);;*"


class RecoveryDialog(_WorkDialog):
    def __init__(self, parent, tasks, home: Path, worker: str):
        super().__init__(parent, _tr("RecoveryDialog", "Reset a forgotten passphrase"))
        self.tasks, self.home, self.worker = tasks, Path(home), worker
        self.succeeded = False
        intro = QLabel(_tr("RecoveryDialog", "Account: %1\nA supervisor opens the center's "
                           "recovery key here; then the worker chooses a new passphrase. "
                           "Records stay as they are.").replace("%1", worker), self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)  # the worker's name is data
        self.form.addRow(intro)
        row = QWidget(self)
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        self.key_file = QLineEdit(row)
        self.key_file.setAccessibleName(_tr("RecoveryDialog", "Recovery key file"))
        self.choose = QPushButton(_tr("RecoveryDialog", "C&hoose…"), row)
        self.choose.setAccessibleName(_tr("RecoveryDialog", "Choose the recovery key file"))
        self.choose.clicked.connect(self._choose)
        lay.addWidget(self.key_file, 1)
        lay.addWidget(self.choose)
        label = QLabel(_tr("RecoveryDialog", "Recovery &key file"), self)
        label.setBuddy(self.key_file)
        self.form.addRow(label, row)
        self.key_passphrase = self.secret(_tr("RecoveryDialog", "Key file &passphrase"),
                                          _tr("RecoveryDialog", "Key file passphrase"))
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        self.form.addRow(line)
        self.form.addRow(QLabel(_tr("RecoveryDialog", "The worker chooses a new passphrase:"),
                                self))
        self.new = self.secret(_tr("RecoveryDialog", "&New passphrase"),
                               _tr("RecoveryDialog", "New passphrase"))
        self.again = self.secret(_tr("RecoveryDialog", "&Repeat the new passphrase"),
                                 _tr("RecoveryDialog", "Repeat the new passphrase"))

    def _choose(self) -> None:
        files = dialogs.open_files(self, _tr("RecoveryDialog", "Choose the recovery key file"),
                                   KEY_FILTER)
        if files:
            self.key_file.setText(str(files[0]))

    def start(self) -> None:
        path, key_pass = self.key_file.text().strip(), self.key_passphrase.text()
        new = self.new.text()
        if not path:
            return self.show_problem(_tr("RecoveryDialog", "Choose the recovery key file."))
        if not key_pass:
            return self.show_problem(_tr("RecoveryDialog", "Enter the key file's passphrase."))
        if new != self.again.text():
            return self.show_problem(_tr("RecoveryDialog", "The new passphrases differ."))
        # the shared rules (desktop/passphrase_rules.py), as in "Change passphrase"
        problems = evaluate_passphrase(new, self.worker).problems
        if problems:
            return self.show_problem("\n".join(problems))
        self.message.setStyleSheet("")
        home, worker, key_path = self.home, self.worker, Path(path)

        def op(_thread) -> None:
            from desktop.recovery import recover

            recover(home, worker, key_path, key_pass, new).lock()

        self.run(self.tasks, op, _tr("RecoveryDialog", "Opening the key and resetting the "
                                     "passphrase…"),
                 _tr("RecoveryDialog", "Passphrase reset. Unlock with the new passphrase; "
                     "the center is told at the next sync."))
        for e in (self.key_passphrase, self.new, self.again):
            e.clear()

    def run(self, tasks, op, busy_text: str, done_text: str) -> None:
        # the vault is not open: the op runs on the worker without one (tasks.run)
        self.running = True
        self.message.setText(busy_text)
        self.progress.show()
        self.adjustSize()
        for w in (self.ok, self.cancel):
            w.setEnabled(False)
        tasks.run(lambda: op(None), lambda _r: self._succeeded(done_text), self._failed)

    def _succeeded(self, text: str) -> None:
        self.succeeded = True
        self._finished(text)


def open_recovery(parent, tasks, home: Path, worker: str) -> RecoveryDialog:
    dlg = RecoveryDialog(parent, tasks, home, worker)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg
