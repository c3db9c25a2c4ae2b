"""What the center adds to a case view, under its title: the notes about the case
(ui/notes_view.py), and on the center's desk, whose case it is and the desk's actions —
a note to the worker, sharing the case, handing a worker's cases over (ui/desk_dialogs.py).

A desk reads every worker's cases, read-only: the case view asks `desk` to hide its edit
and new-record actions (the merge of a conflict stays: the desk may merge). The role is
read when the view is made, so it is known before the case's own load comes back."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.desk_dialogs import HandoverDialog, NoteDialog, ShareDialog, open_dialog, role_of
from ui.notes_view import CaseNotesBlock


class CaseCenter(QWidget):
    role_known = Signal()

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.case = None
        self.desk = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.bar = QWidget(self)
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(0, 0, 0, 0)
        self.owner = QLabel(self.bar)
        self.note = QPushButton(self.bar)
        self.note.clicked.connect(self.open_note)
        self.share = QPushButton(self.bar)
        self.share.clicked.connect(self.open_share)
        self.handover = QPushButton(self.bar)
        self.handover.clicked.connect(self.open_handover)
        row.addWidget(self.owner, 1)
        for b in (self.note, self.share, self.handover):
            row.addWidget(b)
        lay.addWidget(self.bar)
        self.bar.hide()
        self.notes = CaseNotesBlock(session, self)
        lay.addWidget(self.notes)
        self.retranslate()
        session.submit(role_of, self._role)

    def _role(self, role: str | None) -> None:
        self.desk = role == "desk"
        self.bar.setVisible(self.desk)
        self.role_known.emit()

    def set_case(self, case) -> None:
        self.case = case
        self._owner_text()
        self.notes.load(case.id)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.note.setText(self.tr("Send a &note to the worker…"))
        self.note.setAccessibleName(self.tr("Send a note about this case to a worker"))
        self.share.setText(self.tr("S&hare with a worker…"))
        self.share.setAccessibleName(self.tr("Share this case with a worker"))
        self.handover.setText(self.tr("Hand over all cases of a worker…"))
        self.handover.setAccessibleName(self.tr("Hand over every case of a worker to "
                                                "another"))
        self._owner_text()

    def _owner_text(self) -> None:
        if self.case is not None:
            self.owner.setText(self.tr("Written by %1 — read-only on the center's desk")
                               .replace("%1", self.case.author))

    # -- the desk's actions --------------------------------------------------------------
    def open_note(self) -> NoteDialog | None:
        if self.case is None:
            return None
        # the note written, the change feed reloads the case and with it this block
        dlg = NoteDialog(self.session, self.case, self)
        open_dialog(dlg)
        return dlg

    def open_share(self) -> ShareDialog | None:
        if self.case is None:
            return None
        dlg = ShareDialog(self.session, self.case, self)
        open_dialog(dlg)
        return dlg

    def open_handover(self) -> HandoverDialog:
        dlg = HandoverDialog(self.session, self.case.author if self.case else "", self)
        open_dialog(dlg)
        return dlg
