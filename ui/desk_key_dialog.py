"""Settings → "Import the organisation key…": a vault that is not a worker's becomes the
center's desk by keeping the organisation's sealing private key inside it, from
`KEYDIR/sealing.key` made by `server init` and that file's own passphrase
(desktop/syncing/desk.py import_key, as `donghaeng desk import-key`).

The key file is opened on the vault's worker thread (its passphrase stretch is slow, and
the key goes straight into the vault); the passphrase field is cleared once tried. Errors
are the command's one-line ones: a worker's vault, a wrong passphrase, the signing key
given for the sealing key, another server's key."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from ui import dialogs
from ui.desk_dialogs import DeskDialog


class ImportKeyDialog(DeskDialog):
    imported = Signal(str)  # the key id

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.setObjectName("ImportKeyDialog")
        row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.path.setPlaceholderText("…/sealing.key")
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.path_label = QLabel(self)
        self.path_label.setBuddy(self.path)
        self.form.addRow(self.path_label, row)
        self.pass_label, self.passphrase = self.field()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 44)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Import the organisation key"))
        self.intro.setText(self.tr(
            "On the center's desk only: the organisation's sealing key (sealing.key in the "
            "folder `server init` wrote) opens every worker's records. It is kept inside "
            "this vault; the file can then go back to its safe place."))
        self.path_label.setText(self.tr("&Key file"))
        self.path.setAccessibleName(self.tr("Key file"))
        self.browse.setText(self.tr("&Browse…"))
        self.browse.setAccessibleName(self.tr("Choose the key file"))
        self.pass_label.setText(self.tr("Key file &passphrase"))
        self.passphrase.setAccessibleName(self.tr("Passphrase of the key file"))
        self.go.setText(self.tr("&Import"))

    def _browse(self) -> None:
        chosen = dialogs.open_files(self, self.tr("The organisation's sealing key"),
                                    "sealing.key (*.key);;* (*)")
        if chosen:
            self.path.setText(str(chosen[0]))

    def start(self) -> None:
        from desktop.syncing.desk import import_key

        path, passphrase = self.path.text().strip(), self.passphrase.text()
        self.passphrase.clear()
        if not path:
            self.say(self.tr("Choose the key file."), error=True)
            return
        self.set_busy(True, self.tr("Opening the key file…"))
        self.session.submit(lambda v: import_key(v, Path(path), passphrase), self._done,
                            self.failed)

    def _done(self, kid: str) -> None:
        self.succeeded(kid, lambda: self.tr("Imported the organisation key %1: this desk "
                                            "now opens every record it receives.")
                       .replace("%1", kid))
        self.imported.emit(kid)
