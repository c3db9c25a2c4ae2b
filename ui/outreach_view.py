"""Records without a case: outreach contacts (the bus) and prevention classes. The quick
log starts a new outreach contact from anywhere (toolbar, Ctrl+Shift+O), at the stop of
the last contact saved in this session (`remember_stop` / `remembered_stop`)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.models import ObjectRole, TimelineModel
from ui.record_view import RecordView

FORMS = ("outreach_contact", "prevention_class")

# Where the bus stands: the same for every contact until it moves.
STOP_FIELDS = ("district", "place_type", "place")

def remember_stop(session, values: dict) -> None:
    """After an outreach contact is saved: its district and place start the next one. Kept
    on the session, so a lock (which ends the session) forgets it."""
    session.outreach_stop = {k: values[k] for k in STOP_FIELDS if values.get(k) is not None}


def remembered_stop(session) -> dict:
    return dict(session.outreach_stop)


def stop_note() -> str:
    return QCoreApplication.translate(
        "OutreachView", "Remembered from your last contact — change it if you have moved.")


class OutreachView(QWidget):
    new_requested = Signal(str)      # form id
    edit_requested = Signal(object)  # Record

    def __init__(self, session, *, privacy: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.privacy = privacy
        outer = QVBoxLayout(self)
        head = QHBoxLayout()
        self.title = QLabel(self)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.title.setFont(f)
        self.new_contact = QPushButton(self)
        self.new_contact.clicked.connect(lambda: self.new_requested.emit("outreach_contact"))
        self.new_class = QPushButton(self)
        self.new_class.clicked.connect(lambda: self.new_requested.emit("prevention_class"))
        head.addWidget(self.title, 1)
        head.addWidget(self.new_contact)
        head.addWidget(self.new_class)
        outer.addLayout(head)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.model = TimelineModel(session.registry, self)
        self.table = QTableView(split)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.activated.connect(self._activated)
        self.detail = QScrollArea(split)
        self.detail.setWidgetResizable(True)
        outer.addWidget(split, 1)
        self.retranslate()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Outreach and prevention"))
        self.new_contact.setText(self.tr("New outreach &contact (Ctrl+Shift+O)"))
        self.new_contact.setAccessibleName(self.tr("New outreach contact"))
        self.new_class.setText(self.tr("New prevention c&lass"))
        self.new_class.setAccessibleName(self.tr("New prevention class"))
        self.table.setAccessibleName(self.tr("Outreach contacts and prevention classes"))
        self.model.retranslate()

    def reload(self) -> None:
        def op(vault):
            out = []
            for form in FORMS:
                out.extend(vault.list_records(form=form))
            return out

        self.session.submit(op, self._loaded, key="outreach")

    def _loaded(self, records) -> None:
        self.model.set_records(records)
        if records:
            self.table.selectRow(0)
            self._row_changed(self.model.index(0, 0), None)

    def _row_changed(self, current, _prev) -> None:
        rec = self.model.data(current, ObjectRole) if current.isValid() else None
        if rec is None:
            return
        try:
            form = self.session.registry.get(rec.form, rec.form_version)
        except KeyError:
            return
        self.detail.setWidget(RecordView(form, rec, [], privacy=self.privacy,
                                         clipboard=self.session.clipboard))

    def _activated(self, index) -> None:
        rec = self.model.data(index, ObjectRole)
        if rec is not None:
            self.edit_requested.emit(rec)

    def set_privacy(self, on: bool) -> None:
        self.privacy = on
        w = self.detail.widget()
        if isinstance(w, RecordView):
            w.set_privacy(on)

