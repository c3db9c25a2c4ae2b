"""One case: a timeline of every record (newest first by the date of the event it records,
save time second: ui/event_dates.py), the selected record read-only with its earlier
versions, edit (saves a new version), delete (tombstone with a reason), new records of any
case form, the case's files, close/reopen, export; a case without records can be deleted
(with a reason, audited). A record in conflict (versions saved separately) is marked in the
timeline and offers "Resolve…", which opens the merge screen in place of the case; versions
pulled for this case that wait for their parent are counted beside the case's state. Once the
vault is enrolled, each record's way to the server is shown (a timeline column and a line
under the record: ui/delivery_text.py), read again after every sync round. Under the
timeline, the case's deletion requests and their status changes (ui/takedown_panel.py)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs, i18n
from ui.attachments_panel import AttachmentsPanel
from ui.case_center import CaseCenter
from ui.models import ObjectRole, TimelineModel
from ui.record_view import RecordView
from ui.takedown_panel import TakedownPanel


class CaseView(QWidget):
    edit_requested = Signal(object)            # Record
    new_record_requested = Signal(str, str)    # form id, case code
    export_requested = Signal(str)             # case code
    back_requested = Signal()

    def __init__(self, session, code: str, *, privacy: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.code = code
        self.case = None
        self.privacy = privacy
        self.current = None          # the Record shown
        self.versions: list = []
        self.attachments: list = []
        self.record_view: RecordView | None = None
        self._select_after_load: str | None = None
        self.waiting = 0             # pulled versions of this case waiting for a parent
        self.merge_view = None       # the merge screen, while one is open

        # The case and, while a conflict is being resolved, the merge screen in its place
        # (inside the main window, so locking and the panic key clear it too).
        self.stack = QStackedWidget(self)
        QVBoxLayout(self).addWidget(self.stack)
        self.case_page = QWidget(self.stack)
        self.stack.addWidget(self.case_page)
        outer = QVBoxLayout(self.case_page)
        outer.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.back = QPushButton(self)
        self.back.clicked.connect(self.back_requested)
        self.title = QLabel(self)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.4)
        f.setBold(True)
        self.title.setFont(f)
        self.state = QLabel(self)
        self.new_record = QToolButton(self)
        self.new_record.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.new_menu = QMenu(self.new_record)
        self.new_record.setMenu(self.new_menu)
        self.status_btn = QPushButton(self)
        self.status_btn.clicked.connect(self._toggle_status)
        self.export = QPushButton(self)
        self.export.clicked.connect(lambda: self.export_requested.emit(self.code))
        self.packet = QPushButton(self)   # issue 16: ui/takedown_dialog.py
        self.packet.clicked.connect(self.open_takedown_packet)
        # Only for a case holding no record (made before cases came with their first
        # record, or emptied): it inflated the statistics and could not be removed.
        self.delete_case = QPushButton(self)
        self.delete_case.clicked.connect(self._delete_case)
        self.delete_case.hide()
        head.addWidget(self.back)
        head.addWidget(self.title)
        head.addWidget(self.state, 1)
        head.addWidget(self.new_record)
        head.addWidget(self.status_btn)
        head.addWidget(self.export)
        head.addWidget(self.packet)
        head.addWidget(self.delete_case)
        outer.addLayout(head)
        # The center's notes on this case; on the desk, whose case it is and the desk's
        # actions (ui/case_center.py). A desk reads every case but edits none.
        self.center = CaseCenter(session, self)
        self.center.role_known.connect(self._update_buttons)
        outer.addWidget(self.center)

        vsplit = QSplitter(Qt.Orientation.Vertical, self)
        hsplit = QSplitter(Qt.Orientation.Horizontal, vsplit)
        left = QWidget(hsplit)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        self.timeline_label = QLabel(left)
        lv.addWidget(self.timeline_label)
        self.timeline = TimelineModel(session.registry, self)
        self.table = QTableView(left)
        self.table.setModel(self.timeline)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.activated.connect(lambda _i: self._edit())
        lv.addWidget(self.table, 1)
        # the case's deletion requests and their status changes, dated (evidence records)
        self.takedown = TakedownPanel(session.registry, left)
        self.takedown.record_chosen.connect(self._select_record)
        lv.addWidget(self.takedown, 1)

        right = QWidget(hsplit)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.record_title = QLabel(right)
        rf = self.record_title.font()
        rf.setBold(True)
        self.record_title.setFont(rf)
        self.version = QComboBox(right)
        self.version.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.version.currentIndexChanged.connect(self._version_chosen)
        self.edit = QPushButton(right)
        self.edit.clicked.connect(self._edit)
        self.delete = QPushButton(right)
        self.delete.clicked.connect(self._delete)
        bar.addWidget(self.record_title, 1)
        bar.addWidget(self.version)
        bar.addWidget(self.edit)
        bar.addWidget(self.delete)
        rv.addLayout(bar)
        conflict_bar = QHBoxLayout()
        self.conflict_note = QLabel(right)
        self.conflict_note.setWordWrap(True)
        from ui.theme import error_color

        self.conflict_note.setStyleSheet(f"color: {error_color().name()}")
        self.resolve = QPushButton(right)
        self.resolve.clicked.connect(self.open_merge)
        conflict_bar.addWidget(self.conflict_note, 1)
        conflict_bar.addWidget(self.resolve)
        self.conflict_note.hide()
        self.resolve.hide()
        rv.addLayout(conflict_bar)
        # Where the record stands on its way to the server (enrolled vaults only).
        self.delivery_line = QLabel(right)
        self.delivery_line.setWordWrap(True)
        self.delivery_line.hide()
        rv.addWidget(self.delivery_line)
        self.detail = QScrollArea(right)
        self.detail.setWidgetResizable(True)
        rv.addWidget(self.detail, 1)
        hsplit.setStretchFactor(0, 2)
        hsplit.setStretchFactor(1, 3)

        self.files = AttachmentsPanel(session, vsplit)
        vsplit.setStretchFactor(0, 3)
        vsplit.setStretchFactor(1, 1)
        outer.addWidget(vsplit, 1)
        self._build_new_menu()
        self.retranslate()
        self._update_buttons()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.back.setText(self.tr("← &Cases"))
        self.back.setAccessibleName(self.tr("Back to the cases list"))
        self.title.setText(self.code)
        self.title.setAccessibleName(self.tr("Case %1").replace("%1", self.code))
        self.new_record.setText(self.tr("New &record"))
        self.new_record.setAccessibleName(self.tr("New record in this case"))
        self.export.setText(self.tr("&Export PDF…"))
        self.export.setAccessibleName(self.tr("Export a signed PDF of this case"))
        self.packet.setText(self.tr("Takedown packet…"))
        self.packet.setAccessibleName(self.tr("Make a takedown packet of hash values"))
        self.timeline_label.setText(self.tr("Timeline (by date of the event, newest first)"))
        self.delete_case.setText(self.tr("Delete empty case…"))
        self.delete_case.setAccessibleName(self.tr("Delete this case: it has no records"))
        self.table.setAccessibleName(self.tr("Timeline of the case"))
        self.version.setAccessibleName(self.tr("Version shown"))
        self.edit.setText(self.tr("&Edit"))
        self.edit.setAccessibleName(self.tr("Edit: saves a new version"))
        self.edit.setToolTip(self.tr("Editing saves a new version; earlier versions are kept"))
        self.delete.setText(self.tr("Delete…"))
        self.delete.setAccessibleName(self.tr("Delete the record (kept as a tombstone)"))
        self.resolve.setText(self.tr("Resol&ve…"))
        self.resolve.setAccessibleName(self.tr("Resolve the conflict: merge the versions"))
        self._build_new_menu()
        self._update_state()
        self._fill_versions()
        self.timeline.retranslate()
        self.takedown.retranslate()
        # the files panel names records by their form's title: in the new language too
        if self.attachments:
            self.files.set_items(self.attachments, {r.id: self.timeline.form_label(r)
                                                    for r in self.timeline.records})
        if self.files.target is not None:
            self.files.set_target(self.files.target, self.timeline.form_label(self.files.target))
        if self.current is not None:
            self._show_record(self.current)

    def _build_new_menu(self) -> None:
        self.new_menu.clear()
        for form in self.session.registry.all_latest():
            if form.case_bound:
                act = self.new_menu.addAction(i18n.pick(form.title))
                act.triggered.connect(lambda _c=False, fid=form.id:
                                      self.new_record_requested.emit(fid, self.code))

    def _update_state(self) -> None:
        if self.case is None:
            self.state.setText("")
            self.status_btn.setText(self.tr("Close case"))
            return
        status = self.tr("open") if self.case.status == "open" else self.tr("closed")
        text = self.tr("%1 · opened %2").replace("%1", status) \
            .replace("%2", i18n.fmt_date(self.case.created))
        if self.waiting:
            text += " · " + self.tr("received versions waiting for an earlier one: %1") \
                .replace("%1", str(self.waiting))
        self.state.setText(text)
        self.status_btn.setText(self.tr("Close case") if self.case.status == "open"
                                else self.tr("Reopen case"))
        self.status_btn.setAccessibleName(self.status_btn.text())

    def _update_buttons(self) -> None:
        has = self.current is not None
        latest = has and self.versions and self.current.version == self.versions[-1].version
        desk = self.center.desk
        self.edit.setEnabled(bool(latest) and not desk)
        self.delete.setEnabled(bool(latest) and not desk)
        for w in (self.edit, self.delete, self.new_record, self.status_btn, self.files.add,
                  self.files.remove, self.files.hint):
            w.setVisible(not desk)
        self.files.setAcceptDrops(not desk)
        if desk:
            self.delete_case.hide()
        self.version.setEnabled(len(self.versions) > 1)
        conflict = bool(has and self.current.conflict and not self.current.deleted)
        if conflict:
            self.conflict_note.setText(
                self.tr("Conflict: %1 versions of this record were saved separately. "
                        "Nothing is lost; merge them into one.")
                .replace("%1", str(len(self.current.heads))))
        self.conflict_note.setVisible(conflict)
        self.resolve.setVisible(conflict)

    # -- loading -------------------------------------------------------------------------
    def reload(self, select_record: str | None = None) -> None:
        code = self.code
        if select_record:
            self._select_after_load = select_record
        elif self.current is not None:
            self._select_after_load = self.current.id

        def op(vault):
            case = vault.get_case(code)
            return (case, vault.list_records(case_code=code),
                    vault.list_attachments(case_code=code),
                    vault.waiting_versions(case.id) if case is not None else 0,
                    vault.delivery_of_case(case.id) if case is not None else None)

        self.session.submit(op, self._loaded)

    def on_changes(self, changes) -> None:
        """From the change feed: reload when this case's records, files or status changed
        (whoever changed them), or when cases went away (a purge)."""
        if self.case is None or changes.touches_case(self.case.id) or "purge" in changes.ops:
            self.reload()

    def _loaded(self, result) -> None:
        self.case, records, self.attachments, self.waiting, delivery = result
        if self.case is None:  # purged meanwhile (here or by another process)
            self._clear_detail()
            self.back_requested.emit()
            return
        if self.attachments:
            # The case's file list is on screen: the access log says so (once a minute).
            case_id = self.case.id
            self.session.submit(lambda v: v.audit_view(f"case-files:{case_id}"))
        self._update_state()
        self.center.set_case(self.case)
        self.delete_case.setVisible(not records)
        self.timeline.set_records(records)
        self.takedown.set_records(records)
        self.timeline.set_delivery(delivery)
        self._show_delivery()  # now, not after the selected record's versions are read
        labels = {r.id: self.timeline.form_label(r) for r in records}
        self.files.set_items(self.attachments, labels)
        want = self._select_after_load
        self._select_after_load = None
        row = 0
        if want:
            for i, r in enumerate(self.timeline.records):
                if r.id == want:
                    row = i
        if self.timeline.records:
            self.table.selectRow(row)
            self._row_changed(self.timeline.index(row, 0), None)
        else:
            self._clear_detail()

    def _select_record(self, record_id: str) -> None:
        """Select a record of the timeline by its id (a deletion request's evidence)."""
        for i, r in enumerate(self.timeline.records):
            if r.id == record_id:
                self.table.setCurrentIndex(self.timeline.index(i, 0))   # shows it
                self.table.selectRow(i)
                return

    def _clear_detail(self) -> None:
        self.current = None
        self.versions = []
        self.record_title.setText(self.tr("No records yet: add one with New record."))
        self.detail.takeWidget()
        self.files.set_target(None, "")
        self._fill_versions()
        self._update_buttons()

    def _row_changed(self, current, _previous) -> None:
        if not current.isValid():
            return
        rec = self.timeline.data(current, ObjectRole)
        if rec is None:
            return
        rid = rec.id

        def op(vault):
            return vault.record_versions(rid)

        def done(versions):
            self.versions = versions
            self._show_record(versions[-1] if versions else rec)
            self._fill_versions()

        self.files.set_target(rec, self.timeline.form_label(rec))
        self.session.submit(op, done, key="case-record")

    def _fill_versions(self) -> None:
        self.version.blockSignals(True)
        self.version.clear()
        n = len(self.versions)
        for v in self.versions:
            text = self.tr("Version %1 of %2 — %3").replace("%1", str(v.version)) \
                .replace("%2", str(n)).replace("%3", i18n.fmt_datetime(v.updated))
            self.version.addItem(text, v.version)
        if self.current is not None:
            self.version.setCurrentIndex(max(0, self.version.findData(self.current.version)))
        self.version.blockSignals(False)
        self._update_buttons()

    def _version_chosen(self, index: int) -> None:
        if 0 <= index < len(self.versions):
            self._show_record(self.versions[index])

    def _show_record(self, rec) -> None:
        self.current = rec
        label = self.timeline.form_label(rec)
        self.record_title.setText(label)
        try:
            form = self.session.registry.get(rec.form, rec.form_version)
        except KeyError:
            self.detail.takeWidget()
            return
        atts = [a for a in self.attachments if a.record_id == rec.id]
        refs = {r.id: f"{self.timeline.form_label(r)} — {i18n.fmt_datetime(r.created)}"
                for r in self.timeline.records}
        self._show_delivery()
        self.record_view = RecordView(form, rec, atts, privacy=self.privacy,
                                      clipboard=self.session.clipboard, ref_labels=refs)
        self.detail.setWidget(self.record_view)
        # Opening a record is an access: logged like the CLI's `record show` (coalesced).
        rid = rec.id
        self.session.submit(lambda v: v.audit_view(f"record:{rid}"))
        self._update_buttons()

    def refresh_delivery(self, *_a) -> None:
        """After a sync round: receipts and uploads change no record, so the change feed
        does not reload the case; only the delivery states are read again."""
        if self.case is None:
            return
        case_id = self.case.id
        self.session.submit(lambda v: v.delivery_of_case(case_id), self._delivery_read,
                            key="case-delivery")

    def _delivery_read(self, delivery) -> None:
        self.timeline.set_delivery(delivery)
        self._show_delivery()

    def _fit_delivery_column(self) -> None:
        """As wide as its texts but at most ~25 characters (the record's column keeps the
        rest; a longer text is elided, whole in its tooltip and the line)."""
        if self.timeline.columnCount() < 5:
            return
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        cap = self.table.fontMetrics().averageCharWidth() * 25
        head.resizeSection(4, min(self.table.sizeHintForColumn(4), cap))

    def _show_delivery(self) -> None:
        from ui import delivery_text

        self._fit_delivery_column()
        d = self.timeline.delivery
        rec = self.current
        text = delivery_text.line(d.get(rec.id)) if d is not None and rec is not None else ""
        self.delivery_line.setText(text)
        self.delivery_line.setVisible(bool(text))

    # -- actions -------------------------------------------------------------------------
    def _edit(self) -> None:
        if self.current is not None and self.edit.isEnabled():
            self.edit_requested.emit(self.current)

    def open_takedown_packet(self):
        from ui.takedown_dialog import TakedownPacketDialog

        dlg = TakedownPacketDialog(self.session, self.code, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

    def _delete(self) -> None:
        rec = self.current
        if rec is None:
            return
        reason = dialogs.get_text(self, self.tr("Delete record"),
                                  self.tr("Why is this record deleted? (kept in the audit "
                                          "trail; the record stays as a tombstone)"))
        if not reason:
            return
        session = self.session
        self.session.submit(lambda v: session.records(v).delete(rec.id, reason))

    def _delete_case(self) -> None:
        if self.case is None:
            return
        reason = dialogs.get_text(self, self.tr("Delete empty case"),
                                  self.tr("Why is case %1 deleted? It has no records; the "
                                          "deletion and this reason stay in the audit log.")
                                  .replace("%1", self.code))
        if not reason or not reason.strip():
            return
        ref, why = self.case.id, reason.strip()
        # The change feed then reports the case gone: this view goes back to the list.
        self.session.submit(lambda v: v.delete_empty_case(ref, why))

    def _toggle_status(self) -> None:
        if self.case is None:
            return
        new = "closed" if self.case.status == "open" else "open"
        code = self.code
        self.session.submit(lambda v: v.set_case_status(code, new))

    # -- merging -------------------------------------------------------------------------
    def open_merge(self) -> None:
        """The merge screen for the record shown, in place of the case."""
        rec = self.current
        if rec is None or not rec.conflict:
            return
        from ui.merge_view import MergeView

        self.close_merge_view()
        self.merge_view = MergeView(self.session, rec.id, privacy=self.privacy,
                                    parent=self.stack)
        self.merge_view.finished.connect(self._merge_finished)
        self.stack.addWidget(self.merge_view)
        self.stack.setCurrentWidget(self.merge_view)

    def close_merge_view(self) -> None:
        view, self.merge_view = self.merge_view, None
        self.stack.setCurrentWidget(self.case_page)
        if view is not None:
            self.stack.removeWidget(view)
            view.deleteLater()

    def _merge_finished(self, record_id: str, merged: bool) -> None:
        self.close_merge_view()
        if merged:
            self.reload(select_record=record_id)

    def set_privacy(self, on: bool) -> None:
        self.privacy = on
        if self.record_view is not None:
            self.record_view.set_privacy(on)
        if self.merge_view is not None:
            self.merge_view.set_privacy(on)
