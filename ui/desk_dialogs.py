"""The center's desk in the app (docs/sync.md, "The center's desk"): the dialogs of a desk's
case view — a note to the worker, sharing the case with a worker, handing every case of a
leaving worker over — and the role check the screens use (a desk reads, it does not edit).

A note is a vault write (the vault's worker thread); sharing and handing over ask the
server which laptops a worker has, so they run on a thread of their own (`VaultJob`, as
the sync rounds do), their vault work again on the worker. Each ends by asking the
background sync for a round, which sends what they queued. Errors are one line."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import i18n
from ui.sync_runner import VaultJob, message_of


def role_of(vault) -> str | None:
    """"desk", "worker", or None (not enrolled). A worker thread operation."""
    enrollment = vault.sync_enrollment()
    return None if enrollment is None else str(enrollment["role"])


def request_sync(widget: QWidget | None) -> None:
    """Asks the main window's background sync for a round (what was just queued goes)."""
    win = widget.window() if widget is not None else None
    runner = getattr(win, "sync_runner", None)
    if runner is not None:
        runner.request()


def error_line(exc: BaseException) -> str:
    ko, en = message_of(exc)
    return en if i18n.current() == "en" else ko


class DeskDialog(QDialog):
    """A small form with a one-line message under it and Cancel / the action button."""

    def __init__(self, session, parent: QWidget | None):
        super().__init__(parent)
        self.session = session
        self.origin = parent  # whose window's sync is asked for a round afterwards
        self.outer = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.outer.addWidget(self.intro)
        self.form = QFormLayout()
        self.outer.addLayout(self.form)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 4)
        self.outer.addWidget(self.message)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.go = QPushButton(self)
        self.go.setDefault(True)
        self.go.clicked.connect(self.start)
        self.cancel = QPushButton(self)
        self.cancel.clicked.connect(self.reject)
        bar.addWidget(self.go)
        bar.addWidget(self.cancel)
        self.outer.addLayout(bar)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)
        self.busy = False
        self.done_value = None   # what the action returned, once it succeeded
        self._job: VaultJob | None = None
        # the message shown, as a function when it must follow a change of language (the
        # outcome stays on screen: a result left in the other language read as untranslated)
        self._said: Callable[[], str] | None = None

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.cancel.setText(self.tr("&Close") if self.done_value is not None
                            else self.tr("Cancel"))
        if self._said is not None:
            self.message.setText(self._said())

    def field(self, label_text: str = "") -> tuple[QLabel, QLineEdit]:
        edit = QLineEdit(self)
        label = QLabel(label_text, self)
        label.setBuddy(edit)
        self.form.addRow(label, edit)
        return label, edit

    def start(self) -> None:
        raise NotImplementedError

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self.go.setEnabled(not busy)
        if text:
            self.say(text)

    def say(self, text: str | Callable[[], str], error: bool = False) -> None:
        from ui.theme import error_color

        self._said = text if callable(text) else None
        self.message.setStyleSheet(f"color: {error_color().name()}" if error else "")
        self.message.setText(text() if callable(text) else text)

    def failed(self, exc: BaseException) -> None:
        self.set_busy(False)
        self.say(lambda: error_line(exc), error=True)

    def succeeded(self, value, text: str | Callable[[], str]) -> None:
        self.set_busy(False)
        self.done_value = value
        self.say(text)
        self.go.hide()
        self.retranslate()
        self.cancel.setFocus()
        request_sync(self.origin)

    def run_job(self, fn) -> VaultJob:
        """`fn(vault, transport, report)` on a thread of its own: the vault a proxy to the
        worker thread, the transport the enrolled device's (as `donghaeng sync share`)."""
        def job_fn(vault, report):
            from desktop.syncing.device import DeviceKeys, transport_for

            enrollment = vault.sync_enrollment()
            if enrollment is None:
                from desktop.errors import UserError

                raise UserError("이 금고는 센터 서버에 연결되어 있지 않습니다",
                                "this vault is not connected to the center's server")
            keys = DeviceKeys.from_enrollment(enrollment)
            with transport_for(enrollment, keys) as tr:
                return fn(vault, tr, report)
        job = VaultJob(self.session.tasks, job_fn, name="desk")
        job.done.connect(self._job_done)
        self._job = job
        job.start()
        return job

    def _job_done(self, result, error: BaseException | None) -> None:
        if error is not None:
            self.failed(error)
        else:
            self.job_succeeded(result)

    def job_succeeded(self, result) -> None:
        raise NotImplementedError


class NoteDialog(DeskDialog):
    """"Send a note to the worker…": to the case's author unless another worker is named;
    at most 4,000 characters (desktop/vault/notes.py)."""

    def __init__(self, session, case, parent: QWidget | None = None):
        from desktop.vault.notes import MAX_NOTE

        super().__init__(session, parent)
        self.setObjectName("NoteDialog")
        self.case = case
        self.max = MAX_NOTE
        self.to_label, self.to = self.field()
        self.to.setText(case.author)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        self.text.textChanged.connect(self._count)
        self.text_label = QLabel(self)
        self.text_label.setBuddy(self.text)
        self.form.addRow(self.text_label, self.text)
        self.counter = QLabel(self)
        self.form.addRow("", self.counter)
        self.retranslate()
        self._count()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Send a note to the worker"))
        self.intro.setText(self.tr("A note about case %1, sealed to the worker named here "
                                   "alone; they see it on the case and in their notes.")
                           .replace("%1", self.case.code))
        self.to_label.setText(self.tr("&Recipient"))
        self.to.setAccessibleName(self.tr("Worker the note is for"))
        self.text_label.setText(self.tr("&Note"))
        self.text.setAccessibleName(self.tr("Text of the note"))
        self.go.setText(self.tr("&Send"))
        self._count()

    def _count(self) -> None:
        n = len(self.text.toPlainText())
        self.counter.setText(self.tr("%1 of %2 characters").replace("%1", i18n.fmt_int(n))
                             .replace("%2", i18n.fmt_int(self.max)))
        from ui.theme import error_color

        self.counter.setStyleSheet(f"color: {error_color().name()}" if n > self.max else "")
        self.go.setEnabled(not self.busy and 0 < len(self.text.toPlainText().strip())
                           and n <= self.max)

    def start(self) -> None:
        to, text = self.to.text().strip(), self.text.toPlainText()
        if not to:
            self.say(self.tr("Name the worker the note is for."), error=True)
            return
        case_id = self.case.id
        self.set_busy(True, self.tr("Saving…"))
        self.session.submit(lambda v: v.write_note(case_id, to, text),
                            lambda note: self.succeeded(note, lambda: self.tr(
                                "Saved; it goes to %1 with the next sync.").replace("%1", to)),
                            self.failed)


class ShareDialog(DeskDialog):
    """"Share with a worker…": the worker's laptops receive the case, its earlier versions
    too, at their next sync (desktop/syncing/grants.py share_case)."""

    def __init__(self, session, case, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.setObjectName("ShareDialog")
        self.case = case
        self.worker_label, self.worker = self.field()
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Share with a worker"))
        self.intro.setText(self.tr("The worker named here receives case %1, with every "
                                   "earlier version, at their next sync.")
                           .replace("%1", self.case.code))
        self.worker_label.setText(self.tr("Worker &name"))
        self.worker.setAccessibleName(self.tr("Worker to share the case with"))
        self.go.setText(self.tr("&Share"))

    def start(self) -> None:
        from desktop.syncing.grants import share_case

        worker, case_id = self.worker.text().strip(), self.case.id
        if not worker:
            self.say(self.tr("Name the worker."), error=True)
            return
        self.set_busy(True, self.tr("Asking the server for %1's laptops…")
                      .replace("%1", worker))
        self.run_job(lambda vault, tr, _report: share_case(vault, tr, case_id, worker))

    def job_succeeded(self, made) -> None:
        self.succeeded(made, lambda: self.tr("Shared with %1; it goes with the next sync.")
                       .replace("%1", self.worker.text().strip()))


class HandoverDialog(DeskDialog):
    """"Hand over all cases of a worker…": every case the leaving worker wrote is shared
    with the one taking over (desktop/syncing/desk.py handover)."""

    def __init__(self, session, from_worker: str = "", parent: QWidget | None = None):
        super().__init__(session, parent)
        self.setObjectName("HandoverDialog")
        self.from_label, self.from_worker = self.field()
        self.from_worker.setText(from_worker)
        self.to_label, self.to_worker = self.field()
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Hand over all cases of a worker"))
        self.intro.setText(self.tr("Every case the first worker wrote is shared with the "
                                   "second (a worker leaving): their laptops receive them at "
                                   "their next sync."))
        self.from_label.setText(self.tr("&Leaving worker"))
        self.from_worker.setAccessibleName(self.tr("Worker whose cases are handed over"))
        self.to_label.setText(self.tr("&New worker"))
        self.to_worker.setAccessibleName(self.tr("Worker taking the cases over"))
        self.go.setText(self.tr("&Hand over"))

    def start(self) -> None:
        from desktop.syncing.desk import handover

        a, b = self.from_worker.text().strip(), self.to_worker.text().strip()
        if not a or not b:
            self.say(self.tr("Name both workers."), error=True)
            return
        self.set_busy(True, self.tr("Asking the server for %1's laptops…").replace("%1", b))
        self.run_job(lambda vault, tr, report: handover(vault, tr, a, b, report))

    def job_succeeded(self, result) -> None:
        cases, _made = result
        self.succeeded(result, lambda: self.tr(
            "%1 case(s) of %2 handed over to %3; they go with the next sync.")
            .replace("%1", str(cases)).replace("%2", self.from_worker.text().strip())
            .replace("%3", self.to_worker.text().strip()))


def open_dialog(dlg: QDialog) -> QDialog:
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg
