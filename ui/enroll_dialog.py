"""Settings → "Connect to the center's server": this worker's vault becomes a device of the
center's sync server (desktop/syncing/enroll.py, as `donghaeng sync enroll`).

The worker types the server address, the one-time code and the server key's fingerprint
from the enrollment sheet — or pastes the QR's text (`donghaeng-enroll:v1?server=…&code=…
&fp=…`, what `server enroll` prints), which fills all three. The fingerprint is shown in
groups of four to compare with the center's screen; nothing is sent before it is pinned.
The enrollment runs off the GUI thread (network; its vault writes on the vault's worker),
and ends by showing this laptop's fingerprint, to read back to the center. Errors are one
line (wrong code, wrong fingerprint, no connection)."""
from __future__ import annotations

from urllib.parse import parse_qs

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import i18n
from ui.sync_runner import VaultJob, run_enroll

QR_PREFIX = "donghaeng-enroll:"


def parse_qr(text: str) -> dict[str, str] | None:
    """The fields of a QR's text: server (may be absent), code, fp; None if it is not one."""
    text = text.strip()
    if not text.startswith(QR_PREFIX):
        return None
    rest = text[len(QR_PREFIX):]
    version, _, query = rest.partition("?")
    if version != "v1":
        return None
    q = parse_qs(query)
    out = {k: q[k][0].strip() for k in ("server", "code", "fp") if q.get(k)}
    return out if "code" in out or "fp" in out else None


def grouped(fingerprint: str) -> str:
    """64 hex digits in groups of four, eight to a line, as read aloud and compared on
    two screens."""
    groups = [fingerprint[i:i + 4].upper() for i in range(0, len(fingerprint), 4)]
    return "\n".join(" ".join(groups[i:i + 8]) for i in range(0, len(groups), 8))


class EnrollDialog(QDialog):
    enrolled = Signal(object)  # desktop.syncing.enroll.Enrolled

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("EnrollDialog")
        self.session = session
        self.job: VaultJob | None = None
        self.result_value = None
        outer = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        outer.addWidget(self.intro)
        form = QFormLayout()
        self.qr = QLineEdit(self)
        self.qr.textChanged.connect(self._qr_pasted)
        self.qr_label = QLabel(self)
        self.qr_label.setBuddy(self.qr)
        form.addRow(self.qr_label, self.qr)
        self.server = QLineEdit(self)
        self.server.textChanged.connect(self._server_typed)
        self.server_label = QLabel(self)
        self.server_label.setBuddy(self.server)
        form.addRow(self.server_label, self.server)
        self.code = QLineEdit(self)
        self.code_label = QLabel(self)
        self.code_label.setBuddy(self.code)
        form.addRow(self.code_label, self.code)
        self.fingerprint = QLineEdit(self)
        self.fingerprint.textChanged.connect(self._show_grouped)
        self.fp_label = QLabel(self)
        self.fp_label.setBuddy(self.fingerprint)
        form.addRow(self.fp_label, self.fingerprint)
        self.compare = QLabel(self)
        self.compare.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.compare.setWordWrap(False)  # two lines of eight groups; wrapping cut the second
        form.addRow("", self.compare)
        outer.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("EnrollMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.message)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.connect_button = QPushButton(self)
        self.connect_button.setDefault(True)
        self.connect_button.clicked.connect(self.start_enroll)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        bar.addWidget(self.connect_button)
        bar.addWidget(self.close_button)
        outer.addLayout(bar)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 44)
        # Room reserved for what appears later (a shown dialog does not grow to fit it):
        # the fingerprint in two lines under its heading, a result of up to two lines.
        line = self.fontMetrics().lineSpacing()
        self.compare.setMinimumHeight(line * 3 + 4)
        self.message.setMinimumHeight(line * 2 + 4)
        self._message: tuple[str, str] | None = None  # (kind, text) shown under the form
        self.retranslate()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Connect to the center's server"))
        self.intro.setText(self.tr(
            "Enter what the center gave you (or paste the text of its QR code). Compare the "
            "server fingerprint with the one on the center's screen before connecting."))
        self.qr_label.setText(self.tr("&QR text"))
        self.qr.setPlaceholderText("donghaeng-enroll:v1?…")
        self.qr.setAccessibleName(self.tr("QR text"))
        self.server_label.setText(self.tr("Server &address"))
        self.server.setPlaceholderText("https://…")
        self.server.setAccessibleName(self.tr("Server address"))
        self.code_label.setText(self.tr("One-time &code"))
        self.code.setPlaceholderText("XXXX-XXXX-XXXX")
        self.code.setAccessibleName(self.tr("One-time code"))
        self.fp_label.setText(self.tr("Server &fingerprint"))
        self.fingerprint.setAccessibleName(self.tr("Server fingerprint"))
        self.connect_button.setText(self.tr("C&onnect"))
        self.connect_button.setAccessibleName(self.tr("Connect"))
        # once connected the button reads Done (set in _done), in either language
        self.close_button.setText(self.tr("&Close") if self.result_value is None
                                  else self.tr("&Done"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self._show_grouped()
        self._show_result()

    # -- filling in ----------------------------------------------------------------------
    def _qr_pasted(self, text: str) -> None:
        fields = parse_qr(text)
        if fields is None:
            return
        if fields.get("server"):
            self.server.setText(fields["server"])
        if fields.get("code"):
            self.code.setText(fields["code"])
        if fields.get("fp"):
            self.fingerprint.setText(fields["fp"])
        for w in (self.qr, self.server, self.fingerprint):
            w.setCursorPosition(0)  # the start shown: that is where people read from

    def _server_typed(self, text: str) -> None:
        # the QR's text pasted into the address field: spread it out too
        if text.strip().startswith(QR_PREFIX):
            self.server.blockSignals(True)
            self.server.clear()
            self.server.blockSignals(False)
            self.qr.setText(text)

    def _show_grouped(self) -> None:
        from desktop.errors import UserError
        from desktop.syncing.enroll import normalize_fingerprint

        text = self.fingerprint.text()
        if not text.strip():
            self.compare.setText("")
            return
        try:
            fp = normalize_fingerprint(text)
        except UserError as exc:
            self.compare.setText(exc.message(i18n.current()))
            return
        self.compare.setText(self.tr("Compare with the center's screen:") + "\n"
                             + grouped(fp))

    # -- connecting ----------------------------------------------------------------------
    def start_enroll(self) -> None:
        from desktop.errors import UserError
        from desktop.syncing.enroll import normalize_fingerprint, normalize_url
        if self.job is not None:
            return
        try:  # the form's own mistakes, before any network
            url = normalize_url(self.server.text())
            fp = normalize_fingerprint(self.fingerprint.text())
        except UserError as exc:
            self._set_message("error", exc.message(i18n.current()))
            return
        code = self.code.text().strip()
        self._set_busy(True)
        self._set_message("info", self.tr("Connecting…"))
        job = self.job = run_enroll(self.session.tasks, url, code, fp)
        job.done.connect(self._done)
        job.start()

    def _done(self, result, error: BaseException | None) -> None:
        self.job = None
        self._set_busy(False)
        if error is not None:
            self._set_message("error", self._describe(error))
            return
        self.result_value = result
        self._show_result()
        self.connect_button.setVisible(False)
        self.close_button.setText(self.tr("&Done"))
        self.close_button.setFocus()
        self.enrolled.emit(result)

    def _show_result(self) -> None:
        r = self.result_value
        if r is None:
            if self._message is not None:
                self.message.setText(self._message[1])
            return
        self.message.setText(self.tr(
            "Connected as %1. This laptop's fingerprint: %2 — read it to the center.")
            .replace("%1", r.worker).replace("%2", r.fingerprint))

    def _describe(self, exc: BaseException) -> str:
        from desktop.errors import describe
        from sync.client.transport import PinMismatch

        if isinstance(exc, PinMismatch):
            return self.tr("The server's key does not match this fingerprint: check it with "
                           "the center")
        return describe(exc, i18n.current()) or self.tr(
            "Could not connect (%1)").replace("%1", type(exc).__name__)

    def _set_message(self, kind: str, text: str) -> None:
        self._message = (kind, text)
        self.message.setText(text)

    def _set_busy(self, busy: bool) -> None:
        for w in (self.qr, self.server, self.code, self.fingerprint, self.connect_button):
            w.setEnabled(not busy)

    def message_text(self) -> str:
        return self.message.text()
