"""Settings: the UI language (switches live), idle-lock minutes, privacy mode by default;
the vault's care (change passphrase, backup, restore: `vault_dialogs.py`); sync with the
center (enrollment state, connect: `enroll_dialog.py`, the sync history). Also lists what
this platform's safety integrations could do (screen-lock detection, capture exclusion) so
the worker knows their limits."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.language_picker import LanguagePicker


class SettingsView(QWidget):
    def __init__(self, session, *, integrations: list[str] | None = None,
                 capture: str = "unsupported", parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.integrations = integrations or []
        self.capture = capture  # what capture_guard could apply on this platform
        outer = QVBoxLayout(self)
        self.title = QLabel(self)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.title.setFont(f)
        outer.addWidget(self.title)
        form = QFormLayout()
        # Short controls stay short: a language combo 1,200 px wide reads as a text field.
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.language = LanguagePicker(self)
        self.language.language_chosen.connect(self._language)
        self.lang_label = QLabel(self)
        self.lang_label.setBuddy(self.language)
        form.addRow(self.lang_label, self.language)
        self.idle = QSpinBox(self)
        self.idle.setRange(1, 120)
        self.idle.setValue(int(session.settings.idle_minutes))
        self.idle_label = QLabel(self)
        self.idle_label.setBuddy(self.idle)
        form.addRow(self.idle_label, self.idle)
        self.privacy = QCheckBox(self)
        self.privacy.setChecked(session.settings.privacy_default)
        form.addRow("", self.privacy)
        # The prefix of generated case codes: unique across the center's workers without
        # the server (default: initials plus two characters of this laptop).
        self.prefix = QLineEdit(self)
        self.prefix.setMaxLength(8)
        self.prefix_label = QLabel(self)
        self.prefix_label.setBuddy(self.prefix)
        form.addRow(self.prefix_label, self.prefix)
        session.submit(lambda v: v.case_prefix, self.prefix.setText)
        # On a metered network (a phone hotspot) files over this size wait for Wi-Fi
        # (ui/sync_runner.py); kept in the vault's sync_state.
        self.metered = QSpinBox(self)
        self.metered.setRange(1, 100_000)
        self.metered.setValue(20)
        self.metered_label = QLabel(self)
        self.metered_label.setBuddy(self.metered)
        form.addRow(self.metered_label, self.metered)
        session.submit(_metered_mb, self.metered.setValue)
        outer.addLayout(form)
        bar = QHBoxLayout()
        self.apply = QPushButton(self)
        self.apply.clicked.connect(self._apply)
        self.saved = QLabel(self)
        bar.addWidget(self.apply)
        bar.addWidget(self.saved, 1)
        outer.addLayout(bar)
        self.vault_title = QLabel(self)
        vf = self.vault_title.font()
        vf.setBold(True)
        self.vault_title.setFont(vf)
        outer.addWidget(self.vault_title)
        vault_bar = QHBoxLayout()
        self.passwd = QPushButton(self)
        self.backup = QPushButton(self)
        self.restore = QPushButton(self)
        from ui import vault_dialogs

        self.passwd.clicked.connect(lambda: vault_dialogs.change_passphrase(self, session))
        self.backup.clicked.connect(lambda: vault_dialogs.backup(self, session))
        self.restore.clicked.connect(lambda: vault_dialogs.restore(self, session))
        for b in (self.passwd, self.backup, self.restore):
            vault_bar.addWidget(b)
        vault_bar.addStretch(1)
        outer.addLayout(vault_bar)
        self.sync_title = QLabel(self)
        self.sync_title.setFont(vf)
        outer.addWidget(self.sync_title)
        self.sync_state = QLabel(self)
        self.sync_state.setObjectName("SyncEnrollment")
        self.sync_state.setWordWrap(True)
        self.sync_state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.sync_state)
        sync_bar = QHBoxLayout()
        self.enroll = QPushButton(self)
        self.enroll.clicked.connect(self.open_enroll)
        self.history = QPushButton(self)
        self.history.clicked.connect(self._history)
        # The center's desk: the organisation key, on a vault that is not a worker's.
        self.import_key = QPushButton(self)
        self.import_key.clicked.connect(self.open_import_key)
        sync_bar.addWidget(self.enroll)
        sync_bar.addWidget(self.history)
        sync_bar.addWidget(self.import_key)
        sync_bar.addStretch(1)
        outer.addLayout(sync_bar)
        self.enrollment: dict | None = None
        self.safety = QLabel(self)
        self.safety.setWordWrap(True)
        outer.addWidget(self.safety)
        outer.addStretch(1)
        self.retranslate()
        self.reload()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Settings"))
        self.lang_label.setText(self.tr("&Language"))
        self.language.setAccessibleName(self.tr("Language"))
        self.idle_label.setText(self.tr("Lock after &idle minutes"))
        self.idle.setAccessibleName(self.tr("Lock after idle minutes"))
        self.idle.setSuffix(" " + self.tr("min"))
        self.privacy.setText(self.tr("&Privacy mode on by default (names, phone numbers and "
                                     "addresses hidden until clicked)"))
        self.privacy.setAccessibleName(self.tr("Privacy mode on by default"))
        self.prefix_label.setText(self.tr("Case code &prefix"))
        self.prefix.setAccessibleName(self.tr("Case code prefix"))
        self.prefix.setToolTip(self.tr("2 to 8 letters, digits or Hangul; new case codes start "
                                       "with it"))
        self.prefix.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 10)
        self.metered_label.setText(self.tr("On a &metered network, files over"))
        self.metered.setSuffix(" " + self.tr("MB wait for Wi-Fi"))
        self.metered.setAccessibleName(self.tr("On a metered network, files over this many "
                                               "MB wait for Wi-Fi"))
        self.metered.setToolTip(self.tr("A phone hotspot is metered: larger files are sent "
                                        "on Wi-Fi, or when you press Send now"))
        self.apply.setText(self.tr("&Save settings"))
        self.apply.setAccessibleName(self.tr("Save settings"))
        self.vault_title.setText(self.tr("Vault"))
        for b, text, name in (
                (self.passwd, self.tr("C&hange passphrase…"), self.tr("Change passphrase")),
                (self.backup, self.tr("&Back up…"), self.tr("Back up the vault to a file")),
                (self.restore, self.tr("&Restore a backup…"), self.tr("Restore a backup"))):
            b.setText(text)
            b.setAccessibleName(name)
        self.language.sync()
        self.sync_title.setText(self.tr("Sync with the center"))
        self.enroll.setText(self.tr("C&onnect to the center's server…"))
        self.enroll.setAccessibleName(self.tr("Connect to the center's server"))
        self.history.setText(self.tr("S&ync history"))
        self.history.setAccessibleName(self.tr("Sync history"))
        self.import_key.setText(self.tr("Import the organisation &key…"))
        self.import_key.setAccessibleName(self.tr("Import the organisation key (the center's "
                                                  "desk)"))
        self._show_enrollment()
        self.idle.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 8)
        names = {"logind-sleep": self.tr("sleep (logind)"),
                 "logind-lock": self.tr("session lock (logind)"),
                 "org.freedesktop.ScreenSaver": self.tr("screen saver"),
                 "org.gnome.ScreenSaver": self.tr("GNOME screen saver"),
                 "wts-session": self.tr("Windows session lock"),
                 "power": self.tr("Windows sleep")}
        found = list(dict.fromkeys(names.get(b, b) for b in self.integrations))
        capture = {"exclude": self.tr("hidden from screenshots and screen sharing"),
                   "monitor": self.tr("shown black in screenshots and screen sharing")}
        lines = [self.tr("Safety:"),
                 self.tr("• Panic: Ctrl+Shift+L or Esc twice — saves, locks and hides at once."),
                 self.tr("• Locks when the screen locks or the computer sleeps: %1")
                 .replace("%1", ", ".join(found) if found
                          else self.tr("not reported by this system (idle lock still works)")),
                 self.tr("• Screen capture: %1").replace(
                     "%1", capture.get(self.capture, self.tr(
                         "this system cannot keep the window out of screenshots — mind "
                         "screen sharing")))]
        self.safety.setText("\n".join(lines))

    # -- sync --------------------------------------------------------------------------
    def reload(self) -> None:
        """The enrollment as stored (shown each time the page is opened)."""
        def read(vault) -> dict | None:
            row = vault.sync_enrollment()
            # only what is shown: the keys stay on the worker thread
            return None if row is None else {k: row[k] for k in (
                "server_url", "worker", "team", "role", "fingerprint", "enrolled_at")}

        def got(row: dict | None) -> None:
            self.enrollment = row
            self._show_enrollment()
        self.session.submit(read, got, key="settings-enrollment")

    def _show_enrollment(self) -> None:
        from ui import i18n

        e = self.enrollment
        self.import_key.setVisible(e is None or e.get("role") == "desk")
        if e is None:
            self.sync_state.setText(self.tr(
                "Sync is off: this laptop is not connected to the center's server. "
                "Everything works and stays on this laptop."))
            return
        worker = e["worker"] + (f" ({e['team']})" if e.get("team") else "")
        self.sync_state.setText("\n".join([
            self.tr("Server: %1").replace("%1", e["server_url"]),
            self.tr("Worker: %1").replace("%1", worker),
            self.tr("This laptop's fingerprint: %1").replace("%1", e["fingerprint"]),
            self.tr("Connected since %1").replace("%1", i18n.fmt_datetime(e["enrolled_at"]))]))

    def open_enroll(self):
        from ui.enroll_dialog import EnrollDialog

        dlg = EnrollDialog(self.session, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.enrolled.connect(lambda _r: self.reload())
        dlg.open()
        return dlg

    def open_import_key(self):
        from ui.desk_key_dialog import ImportKeyDialog

        dlg = ImportKeyDialog(self.session, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

    def _history(self) -> None:
        win = self.window()
        if hasattr(win, "show_sync_history"):
            win.show_sync_history()

    def _language(self, lang: str) -> None:
        if self.session.controller is not None:
            self.session.controller.set_language(lang)

    def _apply(self) -> None:
        s = replace(self.session.settings, idle_minutes=float(self.idle.value()),
                    privacy_default=self.privacy.isChecked())
        self.session.settings = s
        if self.session.controller is not None:
            self.session.controller.apply_settings(s)
        prefix = self.prefix.text()
        mb = self.metered.value()

        def keep(vault) -> str:
            from ui.sync_runner import LIMIT_KEY

            vault.set_sync_state({LIMIT_KEY: str(mb)})
            return vault.set_case_prefix(prefix)

        def saved(stored: str) -> None:
            win = self.window()
            if hasattr(win, "sync_runner"):
                win.sync_runner.refresh()  # the size of what waits for Wi-Fi
            self.prefix.setText(stored)
            self.saved.setText(self.tr("Saved."))

        def refused(exc: BaseException) -> None:
            from desktop.errors import describe
            from ui import i18n

            self.saved.setText(describe(exc, i18n.current()) or self.tr("Not saved."))
        self.session.submit(keep, saved, refused)


def _metered_mb(vault) -> int:
    from ui.sync_runner import limit_bytes

    return limit_bytes(vault) >> 20
