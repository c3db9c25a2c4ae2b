"""The vault's own care, in the app as on the command line (`vault passwd`, `vault backup`,
`vault restore`): change the passphrase, write a backup, restore a backup. The same vault
calls and checks as the CLI (`Vault.change_passphrase`, `vault.backup`, `Vault.restore`:
the current passphrase proved, the backup outside the vault folder, an existing vault never
overwritten, the backup's passphrase checked before anything is written), plus the app's
passphrase rules for a new passphrase (`ui.passphrase_strength`). Each runs on the worker
with a progress bar; the window stays responsive."""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
)

from ui import dialogs, i18n
from ui.passphrase_strength import evaluate as evaluate_passphrase

_tr = QCoreApplication.translate  # _tr("Context", "text"): found by lupdate
BACKUP_FILTER = "Donghaeng backup (*.dhbak);;*"


def _describe(exc: BaseException) -> str:
    from desktop.errors import describe

    return describe(exc, i18n.current()) or _tr(
        "VaultDialogs", "Something went wrong (%1). Nothing was changed.").replace(
        "%1", type(exc).__name__)


class _WorkDialog(QDialog):
    """A form, then a progress bar while the worker runs the step, then the outcome."""

    def __init__(self, parent, title: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.outer = QVBoxLayout(self)
        self.form = QFormLayout()
        self.outer.addLayout(self.form)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.outer.addWidget(self.message)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # the vault calls report no steps: a busy bar
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.outer.addWidget(self.progress)
        self.buttons = QDialogButtonBox(self)
        self.ok = self.buttons.addButton(QDialogButtonBox.StandardButton.Ok)
        self.cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        self.outer.addWidget(self.buttons)
        self.running = False
        self.result_text = ""
        # Wide enough for a file path and two lines of outcome without clipping them.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)

    def secret(self, label: str, name: str) -> QLineEdit:
        e = QLineEdit(self)
        e.setEchoMode(QLineEdit.EchoMode.Password)
        e.setAccessibleName(name)
        lab = QLabel(label, self)
        lab.setBuddy(e)
        self.form.addRow(lab, e)
        return e

    def run(self, session, op, busy_text: str, done_text: str) -> None:
        self.running = True
        self.message.setText(busy_text)
        self.progress.show()
        self.adjustSize()
        for w in (self.ok, self.cancel):
            w.setEnabled(False)
        session.submit(op, lambda _r: self._finished(done_text), self._failed)

    def _finished(self, text: str) -> None:
        self.running = False
        self.result_text = text
        self.progress.hide()
        self.message.setText(text)
        self.adjustSize()
        self.ok.setEnabled(True)
        self.ok.setText(_tr("VaultDialogs", "Close"))
        self.cancel.hide()
        self.buttons.accepted.disconnect()
        self.buttons.accepted.connect(self.accept)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.progress.hide()
        self.show_problem(_describe(exc))
        for w in (self.ok, self.cancel):
            w.setEnabled(True)

    def show_problem(self, text: str) -> None:
        from ui.theme import error_color

        self.message.setStyleSheet(f"color: {error_color().name()}")
        self.message.setText(text)
        self.adjustSize()

    def reject(self) -> None:
        if not self.running:  # a half-written backup or key slot is the vault's to finish
            super().reject()

    def start(self) -> None:
        raise NotImplementedError


class ChangePassphraseDialog(_WorkDialog):
    def __init__(self, parent, session):
        super().__init__(parent, _tr("VaultDialogs", "Change passphrase"))
        self.session = session
        self.old = self.secret(_tr("VaultDialogs", "&Current passphrase"),
                               _tr("VaultDialogs", "Current passphrase"))
        self.new = self.secret(_tr("VaultDialogs", "&New passphrase"),
                               _tr("VaultDialogs", "New passphrase"))
        self.again = self.secret(_tr("VaultDialogs", "&Repeat the new passphrase"),
                                 _tr("VaultDialogs", "Repeat the new passphrase"))
        self.message.setText(_tr("VaultDialogs", "Only the key slot is rewritten: records "
                                 "stay as they are, and a crash leaves either passphrase "
                                 "working."))

    def start(self) -> None:
        old, new = self.old.text(), self.new.text()
        if not old:
            return self.show_problem(_tr("VaultDialogs", "Enter the current passphrase."))
        if new != self.again.text():
            return self.show_problem(_tr("VaultDialogs", "The new passphrases differ."))
        if new == old:
            return self.show_problem(_tr("VaultDialogs", "The new passphrase is the same "
                                         "as the current one."))
        # the shared rules (desktop/passphrase_rules.py) in the UI's language, as on the
        # first-run screen and in `vault passwd`
        problems = evaluate_passphrase(new, self.session.worker).problems
        if problems:
            return self.show_problem("\n".join(problems))
        self.message.setStyleSheet("")
        self.run(self.session, lambda v: v.change_passphrase(old, new),
                 _tr("VaultDialogs", "Changing the passphrase…"),
                 _tr("VaultDialogs", "Passphrase changed. Use the new one from the next "
                     "unlock."))
        for e in (self.old, self.new, self.again):
            e.clear()


class RestoreDialog(_WorkDialog):
    """Restore a backup file as a vault of this laptop (the worker named in the backup;
    refused if that vault exists here)."""

    def __init__(self, parent, session, file: Path):
        super().__init__(parent, _tr("VaultDialogs", "Restore a backup"))
        self.session, self.file = session, Path(file)
        self.passphrase = self.secret(_tr("VaultDialogs", "&Passphrase of the backup"),
                                      _tr("VaultDialogs", "Passphrase of the backup"))
        self.message.setText(_tr("VaultDialogs", "File: %1\nThe backup becomes the vault of "
                                 "the worker it belongs to; an existing vault is never "
                                 "overwritten.").replace("%1", self.file.name))

    def start(self) -> None:
        home, file, passphrase = self.session.home, self.file, self.passphrase.text()
        if not passphrase:
            return self.show_problem(_tr("VaultDialogs", "Enter the backup's passphrase."))
        self.passphrase.clear()
        self.message.setStyleSheet("")
        self.restored = None

        def op(_vault):
            from desktop.vault import Vault

            restored = Vault.restore(home, file, passphrase)
            self.restored = restored.worker
            restored.lock()
            return restored.worker

        self.run(self.session, op, _tr("VaultDialogs", "Checking and restoring the backup…"),
                 _tr("VaultDialogs", "Restored. Lock, then choose the account in the unlock "
                     "window to open it."))


def change_passphrase(parent, session) -> ChangePassphraseDialog:
    dlg = ChangePassphraseDialog(parent, session)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg


def backup(parent, session) -> _WorkDialog | None:
    """Ask where (Qt's own file dialog, no trace), then write the backup with progress."""
    name = f"donghaeng-{session.worker}-{_dt.date.today():%Y%m%d}.dhbak"
    out = dialogs.save_file(parent, _tr("VaultDialogs", "Save a backup of the vault"),
                            Path.home() / name, BACKUP_FILTER)
    if out is None:
        return None
    dlg = _WorkDialog(parent, _tr("VaultDialogs", "Backup"))
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    dlg.run(session, lambda v: v.backup(out),
            _tr("VaultDialogs", "Writing the backup to %1…").replace("%1", str(out)),
            _tr("VaultDialogs", "Backup written: %1\nIt is encrypted with this vault's "
                "passphrase; keep it away from this laptop.").replace("%1", str(out)))
    return dlg


def restore(parent, session) -> RestoreDialog | None:
    files = dialogs.open_files(parent, _tr("VaultDialogs", "Choose a backup file"),
                               BACKUP_FILTER)
    if not files:
        return None
    if not files[0].is_file():  # the CLI's check, same words
        dialogs.warn(parent, _tr("VaultDialogs", "Restore a backup"),
                     _tr("VaultDialogs", "No such backup file: %1").replace("%1", str(files[0])))
        return None
    dlg = RestoreDialog(parent, session, files[0])
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg
