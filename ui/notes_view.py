"""Notes from the center (docs/sync.md, "Notes from the center"): the notes inbox page
(newest first, unread ones marked; activating a note opens its case) and the "From the
center" block a case view shows above its timeline. Opening the case marks its notes
read; the main window's "Notes" entry counts those still unread (ui/desk_nav.py).

On a worker's laptop the notes are the ones the center sealed to this worker; on the desk
they are the ones it sent (`Vault.notes` keeps both). A note is "received" when this
vault did not write it: only those are ever unread."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import i18n
from ui.tables import read_only_rows

UNREAD_MARK = "●"


def received(note, me: str) -> bool:
    return note.by_worker != me


def unread_count(vault) -> int:
    """Notes received here and not yet read. A worker thread operation."""
    me = vault.worker
    return sum(1 for n in vault.notes() if n.read_at is None and received(n, me))


def notes_with_cases(vault, case_id: str | None = None) -> list[tuple]:
    """(note, the case's label as the case list shows it, or None where the case is not
    on this laptop) — newest first. A worker thread operation."""
    labels: dict[str | None, str | None] = {}
    out = []
    for n in vault.notes(case_id):
        if n.case_id not in labels:
            case = vault.get_case(n.case_id) if n.case_id else None
            labels[n.case_id] = vault.case_label(case) if case is not None else None
        out.append((n, labels[n.case_id]))
    return out


def minute(stamp: str | None) -> str:
    """A moment to the minute, in local time (seconds only make a column busy)."""
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(stamp or "")
    except ValueError:
        return stamp or ""
    return i18n.fmt_datetime(moment.replace(second=0, microsecond=0))


def _excerpt(text: str, n: int = 120) -> str:
    line = " ".join(text.split())
    return line if len(line) <= n else line[:n - 1] + "…"


class NotesView(QWidget):
    case_opened = Signal(str)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("NotesView")
        self.session = session
        self.rows: list[tuple] = []
        outer = QVBoxLayout(self)
        self.title = QLabel(self)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.title.setFont(f)
        outer.addWidget(self.title)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        outer.addWidget(self.hint)
        self.table = read_only_rows(QTableWidget(0, 4, self), wrap=False)
        self.table.activated.connect(lambda idx: self.open_row(idx.row()))
        self.table.cellClicked.connect(lambda row, _col: self.open_row(row))
        outer.addWidget(self.table, 1)
        self.retranslate()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Notes from the center"))
        self.table.setAccessibleName(self.tr("Notes"))
        self.table.setHorizontalHeaderLabels([
            self.tr("When"), self.tr("Case"), self.tr("From → to"), self.tr("Note")])
        self._fill()

    def reload(self) -> None:
        self.session.submit(notes_with_cases, self._loaded, key="notes-inbox")

    def _loaded(self, rows: list[tuple]) -> None:
        self.rows = rows
        self._fill()

    def _fill(self) -> None:
        me = self.session.worker
        unread = sum(1 for n, _l in self.rows if n.read_at is None and received(n, me))
        if not self.rows:
            self.hint.setText(self.tr("No notes. When the center writes to you about a "
                                      "case, the note appears here and on the case."))
        else:
            self.hint.setText(self.tr("%1 note(s), %2 unread (%3). Click one to open its "
                                      "case; opening the case marks its notes read.")
                              .replace("%1", i18n.fmt_int(len(self.rows)))
                              .replace("%2", i18n.fmt_int(unread))
                              .replace("%3", UNREAD_MARK))
        self.table.setRowCount(len(self.rows))
        for row, (n, label) in enumerate(self.rows):
            new = n.read_at is None and received(n, me)
            when = (UNREAD_MARK + " " if new else "") + minute(n.at)
            case = label if label is not None else \
                self.tr("%1 (not on this laptop)").replace("%1", n.case_code or "?")
            cells = [when, case, f"{n.by_worker} → {n.to_worker}", _excerpt(n.text)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if new:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                if col == 3:
                    item.setToolTip(n.text)
                self.table.setItem(row, col, item)

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.rows) and self.rows[row][1] is not None:
            self.case_opened.emit(self.rows[row][1])


class CaseNotesBlock(QFrame):
    """"From the center" on a case: every note about it, unread ones marked. Hidden when
    there is none. Showing it marks the received ones read (and has the main window
    recount its badge)."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("CaseNotes")
        self.session = session
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.rows: list[tuple] = []
        self.shown_unread: set[str] = set()  # marked on this opening, though now read
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        self.title = QLabel(self)
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        lay.addWidget(self.title)
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # A note holds up to 4,000 characters: the timeline must stay in sight below.
        self.scroller = QScrollArea(self)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(self.body)
        self.scroller.setMaximumHeight(self.fontMetrics().lineSpacing() * 8)
        lay.addWidget(self.scroller)
        self.hide()

    def load(self, case_id: str) -> None:
        self.session.submit(lambda v: notes_with_cases(v, case_id), self._loaded,
                            key="case-notes")

    def _loaded(self, rows: list[tuple]) -> None:
        me = self.session.worker
        self.rows = rows
        fresh = [n.id for n, _l in rows if n.read_at is None and received(n, me)]
        self.shown_unread |= set(fresh)
        self.retranslate()
        if fresh:
            def done(_r=None) -> None:
                nav = getattr(self.window(), "desk_nav", None)
                if nav is not None:
                    nav.recount()
            self.session.submit(lambda v: v.mark_notes_read(fresh), done)

    def retranslate(self) -> None:
        me = self.session.worker
        notes = [n for n, _l in self.rows]
        self.setVisible(bool(notes))
        if not notes:
            return
        mine = all(not received(n, me) for n in notes)
        self.title.setText(self.tr("Notes sent about this case") if mine
                           else self.tr("From the center"))
        lines = []
        for n in notes:
            mark = (UNREAD_MARK + " " + self.tr("new") + " · ") \
                if n.id in self.shown_unread else ""
            who = n.by_worker if received(n, me) else "→ " + n.to_worker
            lines.append(f"{mark}{minute(n.at)} · {who}\n{n.text}")
        self.body.setText("\n\n".join(lines))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
