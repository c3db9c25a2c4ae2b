"""Export a case as a signed PDF: profile (court, police, medical, deletion), recipient and
purpose (defaults from the profile), the PDF's language, the file (named by case code,
never by a person). Without a consent in effect the export is refused with the reason; the
worker may override with a written reason, which is printed on the cover and audited.
The court profile withholds contact details unless the worker ticks "Include contact
details" and writes why (cover and audit). A configured timestamp service that does not
answer is never skipped silently: the dialog asks whether to export without a timestamp.
Intimate images the court and police profiles would not draw are drawn only when ticked with
a reason (ui/intimate_choice.py).
Composition and signing run on the worker thread."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
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
from ui.intimate_choice import IntimateChoice


class ExportDialog(QDialog):
    def __init__(self, session, case_code: str, parent=None):
        super().__init__(parent)
        from desktop.export.profiles import PROFILES

        self.session = session
        self.code = case_code
        self.profiles = PROFILES
        self.result = None
        self.refused = False
        self.setWindowTitle(self.tr("Export %1 as a signed PDF").replace("%1", case_code))
        outer = QVBoxLayout(self)
        form = QFormLayout()
        self.profile = QComboBox(self)
        for pid, prof in PROFILES.items():
            self.profile.addItem(i18n.pick(prof.title), pid)
        self.profile.currentIndexChanged.connect(self._profile_changed)
        self.recipient = QLineEdit(self)
        self.purpose = QLineEdit(self)
        self.lang = QComboBox(self)
        self.lang.addItem("한국어", "ko")
        self.lang.addItem("English", "en")
        self.lang.setCurrentIndex(0 if i18n.current() == "ko" else 1)
        self.target = QLineEdit(self)
        self.browse = QPushButton(self.tr("Choose…"), self)
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.target, 1)
        row.addWidget(self.browse)
        self.override = QLineEdit(self)
        self.override_label = QLabel(self.tr("Override reason"), self)
        self.override_label.setBuddy(self.override)
        for label, w in ((self.tr("&Profile"), self.profile),
                         (self.tr("&Recipient"), self.recipient),
                         (self.tr("P&urpose"), self.purpose),
                         (self.tr("PDF &language"), self.lang),
                         (self.tr("&File"), row)):
            lbl = QLabel(label, self)
            if not isinstance(w, QHBoxLayout):
                lbl.setBuddy(w)
                w.setAccessibleName(lbl.text().replace("&", ""))
            else:
                lbl.setBuddy(self.target)
                self.target.setAccessibleName(self.tr("File"))
            form.addRow(lbl, w)
        form.addRow(self.override_label, self.override)
        self.override.setAccessibleName(self.tr("Override reason"))
        self.contacts = QCheckBox(self.tr("Include contact details (phone, e-mail, safe "
                                          "contact)"), self)
        self.contacts.setAccessibleName(self.tr("Include contact details"))
        self.contacts.toggled.connect(self._contacts_toggled)
        self.contacts_reason = QLineEdit(self)
        self.contacts_reason.setPlaceholderText(self.tr("Why the court needs them"))
        self.contacts_reason.setAccessibleName(self.tr("Reason for including contact "
                                                       "details"))
        self.contacts_reason_label = QLabel(self.tr("Contacts reason"), self)
        self.contacts_reason_label.setBuddy(self.contacts_reason)
        form.addRow("", self.contacts)
        form.addRow(self.contacts_reason_label, self.contacts_reason)
        self.has_intimate = False  # known once the worker thread has looked (below)
        self.intimate = IntimateChoice(self)
        self.intimate.hide()
        self.intimate.changed.connect(self._ready_changed)
        form.addRow("", self.intimate)
        self.browse.setAccessibleName(self.tr("Choose the file"))
        outer.addLayout(form)
        self.footer = DialogFooter(self, outer, close_text=self.tr("Close"),
                                   action_text=self.tr("&Export"),
                                   action_name=self.tr("Export"), on_action=self.start_export)
        self.message, self.busy = self.footer.message, self.footer.busy
        self.close_btn, self.export = self.footer.close, self.footer.action
        self._set_override_visible(False)
        self._profile_changed()

        def look(vault):  # the vault is the worker thread's
            from desktop.export.collect import has_intimate_image

            return has_intimate_image(vault, case_code)
        self.session.submit(look, self._intimate_known)
        # Wide enough for the 64-digit SHA-256 on one line (a label cannot wrap inside it).
        fm = self.fontMetrics()
        self.resize(max(fm.horizontalAdvance("M") * 50,
                        fm.horizontalAdvance("SHA-256 " + "0" * 64) + fm.height() * 4),
                    self.sizeHint().height())

    def _set_override_visible(self, shown: bool) -> None:
        self.override_label.setVisible(shown)
        self.override.setVisible(shown)

    def _contacts_toggled(self, *_a) -> None:
        shown = not self.contacts.isHidden() and self.contacts.isChecked()
        self.contacts_reason.setVisible(shown)
        self.contacts_reason_label.setVisible(shown)
        if shown and self.isVisible():
            self.contacts_reason.setFocus()

    def _intimate_known(self, found: bool) -> None:
        self.has_intimate = bool(found)
        self._profile_changed()

    def _ready_changed(self) -> None:
        self.export.setEnabled(not self.busy.running and self.intimate.ready())

    def _profile_changed(self, *_a) -> None:
        prof = self.profiles[self.profile.currentData()]
        self.intimate.setVisible(prof.hides_intimate and self.has_intimate)
        self._ready_changed()
        # only the court profile withholds contact details (desktop/export/redaction.py)
        self.contacts.setVisible(prof.redacts_contacts)
        self._contacts_toggled()
        self.recipient.setPlaceholderText(i18n.pick(prof.recipient))
        self.purpose.setPlaceholderText(i18n.pick(prof.purpose))
        if not self.target.text():
            from desktop.export.export import default_name

            self.target.setText(str(Path.home() / default_name(self.code, datetime.now()
                                                               .astimezone())))

    def _browse(self) -> None:
        chosen = dialogs.save_file(self, self.tr("Save the signed PDF"), Path(self.target.text()),
                                   "PDF (*.pdf)")
        if chosen is not None:
            self.target.setText(str(chosen))

    def start_export(self, *_a, without_timestamp: bool = False) -> None:
        if self.busy.running or not self.intimate.ready():
            return
        profile = self.profile.currentData()
        out = Path(self.target.text()).expanduser()
        recipient = self.recipient.text().strip() or None
        purpose = self.purpose.text().strip() or None
        override = self.override.text().strip() or None
        include_contacts = None
        if not self.contacts.isHidden() and self.contacts.isChecked():
            include_contacts = self.contacts_reason.text().strip()
            if not include_contacts:
                self._show_error(self.tr("Write why the contact details are included: the "
                                         "reason is printed on the cover and audited."))
                self.contacts_reason.setFocus()
                return
        lang = self.lang.currentData()
        show_intimate = self.intimate.reason()
        code, registry = self.code, self.session.registry
        self.busy.start(self.tr("Composing and signing the PDF…"))
        self.export.setEnabled(False)
        self.message.setText("")

        def op(vault):
            from desktop.export import export_case

            return export_case(vault, registry, code, profile, out, recipient=recipient,
                               purpose=purpose, override_reason=override, lang=lang,
                               include_contacts=include_contacts,
                               without_timestamp=without_timestamp,
                               show_intimate=show_intimate)

        self.session.submit(op, self._done, self._failed)

    def _done(self, result) -> None:
        self.busy.stop()
        self._ready_changed()
        self.result = result
        text = (self.tr("Exported and signed: %1\nSHA-256 %2\n%3 pages")
                .replace("%1", str(result.path)).replace("%2", result.sha256)
                .replace("%3", i18n.fmt_int(result.pages)))
        if result.level == "B-B":
            text += "\n" + self.tr("Signing time: time claimed by the laptop, not "
                                   "timestamped.")
        self.footer.say(text)

    def _show_error(self, text: str) -> None:
        self.footer.say(text, error=True)

    def _failed(self, exc) -> None:
        from desktop.errors import describe
        from desktop.export import ExportRefused
        from desktop.export.errors import TimestampUnavailableError

        self.busy.stop()
        self._ready_changed()
        if isinstance(exc, TimestampUnavailableError) and dialogs.confirm(
                self, self.tr("Timestamp service not answering"),
                self.tr("The timestamp service (%1) did not answer, so nothing was exported."
                        "\n\nExport without a timestamp? The signing time will then be only "
                        "the time claimed by this laptop, and the PDF says so.")
                .replace("%1", exc.url),
                yes=self.tr("Export without a timestamp"), no=self.tr("Cancel")):
            self.start_export(without_timestamp=True)
            return
        text = describe(exc, i18n.current()) or type(exc).__name__
        if isinstance(exc, ExportRefused):
            self.refused = True
            self._set_override_visible(True)
            text += "\n" + self.tr("To export anyway, write why in \"Override reason\": it is "
                                   "printed on the cover and kept in the audit log.")
        self._show_error(text)
