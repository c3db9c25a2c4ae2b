"""The app path for a takedown packet (issue 16; `donghaeng takedown packet` on the command
line, desktop/takedown_packet.py): the platform, a new folder inside a chosen parent, and —
only when no consent of the case covers sharing hash values with that platform — the
consent's reasons and an override reason that must be written to go on (audited, as the CLI
does). The consent check and the packet run on the worker thread, like the PDF export."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ui import dialogs, i18n
from ui.dialog_footer import DialogFooter
from ui.theme import error_color


def default_folder_name(platform_id: str, today: date | None = None) -> str:
    """Named by platform and day, never by the case (the packet goes to the platform)."""
    return f"takedown-{platform_id}-{(today or date.today()).strftime('%Y%m%d')}"


class TakedownPacketDialog(QDialog):
    def __init__(self, session, case_code: str, parent=None):
        super().__init__(parent)
        self.session = session
        self.code = case_code
        self.result = None
        self.covered: bool | None = None   # None until the consent has been read
        self.setWindowTitle(self.tr("Takedown packet for %1").replace("%1", case_code))
        outer = QVBoxLayout(self)
        intro = QLabel(self.tr("Hash values, web addresses and dates of the case's evidence "
                               "files, for one platform. No image, file name or case code."),
                       self)
        intro.setWordWrap(True)
        outer.addWidget(intro)
        form = QFormLayout()
        self.platform = QComboBox(self)
        for c in session.registry.choice_list("platforms"):
            self.platform.addItem(i18n.pick(c.label), c.id)
        self.platform.currentIndexChanged.connect(self._platform_changed)
        self.parent_dir = QLineEdit(str(Path.home()), self)
        self.browse = QPushButton(self.tr("Choose…"), self)
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.parent_dir, 1)
        row.addWidget(self.browse)
        self.folder = QLineEdit(self)
        self.consent_note = QLabel(self)
        self.consent_note.setWordWrap(True)
        self.consent_note.setStyleSheet(f"color: {error_color().name()};")
        self.override = QLineEdit(self)
        self.override.setPlaceholderText(self.tr("Why the packet is needed without consent"))
        self.override_label = QLabel(self.tr("&Override reason"), self)
        self.override_label.setBuddy(self.override)
        self.override.setAccessibleName(self.tr("Override reason"))
        labels = ((self.tr("&Platform"), self.platform, self.tr("Platform")),
                  (self.tr("&Save in"), self.parent_dir, self.tr("Folder to save in")),
                  (self.tr("&New folder"), self.folder, self.tr("Name of the new folder")))
        for text, w, name in labels:
            lbl = QLabel(text, self)
            lbl.setBuddy(w)
            w.setAccessibleName(name)
            form.addRow(lbl, row if w is self.parent_dir else w)
        self.browse.setAccessibleName(self.tr("Choose the folder to save in"))
        form.addRow("", self.consent_note)
        form.addRow(self.override_label, self.override)
        outer.addLayout(form)
        self.footer = DialogFooter(self, outer, close_text=self.tr("Close"),
                                   action_text=self.tr("&Make packet"),
                                   action_name=self.tr("Make the takedown packet"),
                                   on_action=self.start)
        self.message, self.busy = self.footer.message, self.footer.busy
        self.close_btn, self.make = self.footer.close, self.footer.action
        self._show_consent(None, [])
        self._platform_changed()
        self.resize(self.fontMetrics().horizontalAdvance("M") * 48, self.sizeHint().height())

    # -- consent -------------------------------------------------------------------------
    def _platform_changed(self, *_a) -> None:
        pid = self.platform.currentData()
        self.folder.setText(default_folder_name(pid))
        self.covered = None
        self.make.setEnabled(False)   # until the consent has been read for this platform
        code = self.code

        def op(vault):
            from desktop.export.hash_consent import hash_sharing_consent

            return pid, hash_sharing_consent(vault, code, pid)

        self.session.submit(op, self._consent_read, self._failed, key="takedown-consent")

    def _consent_read(self, result) -> None:
        pid, (consent, reasons) = result
        if pid != self.platform.currentData():
            return   # an answer for a platform chosen before
        self._show_consent(consent, reasons)
        self.make.setEnabled(not self.busy.running)

    def _show_consent(self, consent, reasons) -> None:
        self.covered = consent is not None if (consent or reasons) else None
        needs = self.covered is False
        if needs:
            pick = 1 if i18n.current() == "en" else 0
            self.consent_note.setText("\n".join(
                [self.tr("No consent of this case allows sharing hash values with this "
                         "platform. To make the packet anyway, write why (kept in the "
                         "audit log).")] + [r[pick] for r in reasons]))
        for w in (self.consent_note, self.override_label, self.override):
            w.setVisible(needs)
        self._fit_height()
        if needs and self.isVisible():
            self.override.setFocus()

    def _fit_height(self) -> None:
        """Tall enough for the consent's reasons and the result (wrapped labels)."""
        lay = self.layout()
        lay.activate()
        h = lay.heightForWidth(self.width()) if lay.hasHeightForWidth() else -1
        self.resize(self.width(), max(self.height(), h, self.sizeHint().height()))

    # -- making it -----------------------------------------------------------------------
    def _browse(self) -> None:
        chosen = dialogs.choose_folder(self, self.tr("Choose the folder to save in"),
                                       Path(self.parent_dir.text()).expanduser())
        if chosen is not None:
            self.parent_dir.setText(str(chosen))

    def target(self) -> Path:
        return Path(self.parent_dir.text().strip()).expanduser() / self.folder.text().strip()

    def start(self, *_a) -> None:
        if self.busy.running or self.covered is None:
            return
        name = self.folder.text().strip()
        if not name or name in (".", "..") or "/" in name or "\\" in name:
            self._show_error(self.tr("Write a name for the new folder."))
            return
        override = self.override.text().strip() or None if self.covered is False else None
        if self.covered is False and override is None:
            self._show_error(self.tr("Write why the packet is made without consent."))
            self.override.setFocus()
            return
        out, code, registry = self.target(), self.code, self.session.registry
        pid, lang = self.platform.currentData(), i18n.current()
        self.busy.start(self.tr("Making the packet…"))
        self.make.setEnabled(False)
        self.message.setText("")

        def op(vault):
            from desktop.takedown_packet import make_packet

            return make_packet(vault, registry, code, pid, out, override_reason=override,
                               lang=lang)

        self.session.submit(op, self._done, self._failed)

    def _done(self, result) -> None:
        self.busy.stop()
        self.make.setEnabled(True)
        self.result = result
        self.footer.say(self.tr("Packet made: %1\n%2 item(s), %3 file(s) hashed")
                        .replace("%1", str(result.out))
                        .replace("%2", i18n.fmt_int(result.items))
                        .replace("%3", i18n.fmt_int(result.files)))
        self._fit_height()

    def _show_error(self, text: str) -> None:
        self.footer.say(text, error=True)
        self._fit_height()

    def _failed(self, exc) -> None:
        from desktop.errors import describe
        from desktop.export import ExportRefused

        self.busy.stop()
        self.make.setEnabled(self.covered is not None)
        if isinstance(exc, ExportRefused):   # the consent changed since it was read
            self._platform_changed()
            self._show_error(self.tr("Refused: no consent of this case allows sharing hash "
                                     "values with this platform."))
            return
        text = describe(exc, i18n.current()) or type(exc).__name__
        self._show_error(text.splitlines()[0] if text else text)
