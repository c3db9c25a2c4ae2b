"""Form entry for one record: the form view plus everything around it that touches the
vault — autosave of the draft (every few seconds, on focus change, before any lock), live
validation at the field, the finalise step (validate, save a new record or a new version,
store signatures and files), and drafts restored after a lock or a crash."""
from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs, i18n, outreach_view, record_io, record_prefill
from ui.file_field_editors import AttachmentEditor, SignatureEditor
from ui.form_view import FormView
from ui.record_io import edit_draft_key, new_draft_key
from ui.record_prefill import starting_values

AUTOSAVE_MS = 3000
LIVE_VALIDATE_MS = 400


class RecordEditor(QWidget):
    saved = Signal(str, object)    # record id, case code
    closed = Signal()
    draft_saved = Signal(str)      # draft key

    def __init__(self, session, form, *, case_code: str | None, record=None,
                 draft: dict | None = None, draft_key: str | None = None,
                 privacy: bool | None = None, parent: QWidget | None = None):
        """`record`: where an edit starts (desktop.records_service.EditStart: the shown
        version, its values carried to `form`, the base version ids); None for a new
        record or a restored draft."""
        super().__init__(parent)
        self.session = session
        self.form = form
        self.case_code = case_code
        self.record = record.record if record is not None else None
        self.record_id = self.record.id if self.record is not None else \
            (draft or {}).get("record_id")
        # The version(s) this edit starts from, named when it is saved: an edit whose base
        # is no longer the latest is kept beside it, never over it.
        self.bases: list[str] = list(record.bases) if record is not None else \
            list((draft or {}).get("bases") or [])
        # Drafts of schema-4 vaults named the base by its local number.
        self.legacy_base = None if self.bases else (draft or {}).get("base_version")
        # One id for this save, whatever happens: a second Finalise, or a retry after a
        # crash from the restored draft, is then a no-op instead of a second record.
        self.op_id: str = (draft or {}).get("op_id") or str(uuid.uuid4())
        self.draft_key = draft_key or (edit_draft_key(self.record_id) if self.record_id
                                       else new_draft_key())
        self.dirty = False
        # Typed since it opened (or opened from a draft): Close then asks keep / discard.
        self.edited = bool(draft)
        self.finalising = False
        # A case-bound form opened without a case (Ctrl+N): the case is made by this
        # record's save (records_service.create(new_case=True)); set by the main window.
        self.new_case = False
        self._saving_values: dict = {}
        self._closed = False
        self._shut = False
        self._last_saved_payload = None
        self.last_problems: list = []
        if privacy is None:
            privacy = session.settings.privacy_default or form.id == "outreach_contact"

        outer = QVBoxLayout(self)
        head = QHBoxLayout()
        self.title = QLabel(self)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.title.setFont(f)
        head.addWidget(self.title, 1)
        self.privacy = QCheckBox(self)
        self.privacy.setChecked(privacy)
        self.privacy.toggled.connect(self._privacy_toggled)
        head.addWidget(self.privacy)
        outer.addLayout(head)
        self.status = QLabel(self)
        outer.addWidget(self.status)

        self.view = FormView(form, privacy=privacy, parent=self)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.view)
        outer.addWidget(self.scroll, 1)

        bar = QHBoxLayout()
        self.cancel = QPushButton(self)
        self.cancel.clicked.connect(self.close_editor)
        self.save_draft_btn = QPushButton(self)
        self.save_draft_btn.clicked.connect(lambda: self.save_draft(force=True))
        self.finalise = QPushButton(self)
        self.finalise.setDefault(True)
        self.finalise.clicked.connect(self.finalise_record)
        bar.addWidget(self.cancel)
        bar.addStretch(1)
        bar.addWidget(self.save_draft_btn)
        bar.addWidget(self.finalise)
        outer.addLayout(bar)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(self.finalise_record)

        if record is not None:
            self.view.set_values(record.values)
        elif not draft:
            self.view.set_values(starting_values(form, session.worker))
            record_prefill.prefill(self)
        if draft:
            self._restore(draft)
        self.view.changed.connect(self._changed)
        for ed in self.view.file_editors().values():
            if isinstance(ed, AttachmentEditor):
                ed.remove_stored.connect(self._remove_attachment)
                ed.preview_stored.connect(self._preview)

        self._autosave = QTimer(self)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft)
        self._autosave.start()
        self._live = QTimer(self)
        self._live.setSingleShot(True)
        self._live.setInterval(LIVE_VALIDATE_MS)
        self._live.timeout.connect(self._validate_live)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        session.changes.connect(self._data_changed)
        self.retranslate()
        self._load_context()
        if draft:
            self.dirty = True

    # -- text ----------------------------------------------------------------------------
    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        title = i18n.pick(self.form.title)
        if self.case_code:
            title = f"{title} — {self.case_code}"
        if self.record_id:
            title += " " + self.tr("(editing: new version)")
        self.title.setText(title)
        self.privacy.setText(self.tr("&Privacy mode"))
        self.privacy.setToolTip(self.tr("Hide names, phone numbers and addresses on screen "
                                        "until clicked"))
        self.privacy.setAccessibleName(self.tr("Privacy mode"))
        self.cancel.setText(self.tr("&Close"))
        self.cancel.setAccessibleName(self.tr("Close the form"))
        self.save_draft_btn.setText(self.tr("Save &draft"))
        self.save_draft_btn.setAccessibleName(self.tr("Save draft"))
        self.finalise.setText(self.tr("&Finalise (Ctrl+Enter)"))
        self.finalise.setAccessibleName(self.tr("Finalise and save the record"))
        self.scroll.setAccessibleName(i18n.pick(self.form.title))
        self.view.retranslate()

    def _set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setAccessibleName(text)

    # -- context from the vault ----------------------------------------------------------
    def _load_context(self) -> None:
        rid, case = self.record_id, self.case_code
        refs = {fid: ed.field.ref_form for fid, ed in self.view.reference_editors().items()}

        def op(vault):
            atts = vault.list_attachments(record_id=rid) if rid else []
            options = {}
            for fid, ref_form in refs.items():
                recs = vault.list_records(case_code=case, form=ref_form) if ref_form else []
                options[fid] = [(r.id, r.created) for r in recs if not r.deleted]
            return atts, options

        self.session.submit(op, self._context_loaded)

    def _context_loaded(self, result) -> None:
        atts, options = result
        for fid, ed in self.view.file_editors().items():
            ed.set_stored([a for a in atts if a.field == fid])
        for fid, ed in self.view.reference_editors().items():
            ref_form = ed.field.ref_form
            try:
                label = i18n.pick(self.session.registry.latest(ref_form).title)
            except KeyError:
                label = ref_form or ""
            ed.set_options([(rid, f"{label} — {i18n.fmt_datetime(created)}")
                            for rid, created in options.get(fid, [])])
        self.view.refresh()

    # -- drafts --------------------------------------------------------------------------
    def draft_payload(self) -> dict:
        return record_io.draft_payload(self)

    def _restore(self, draft: dict) -> None:
        record_io.restore_draft(self.view, draft)

    def draft_saver(self):
        """A callable for the worker (`before` of a lock): saves this editor's draft. The
        payload is captured now, on the GUI thread."""
        if not self.dirty or self._closed:
            return None
        key, payload = self.draft_key, self.draft_payload()
        case, rid = self.case_code, self.record_id

        def save(vault):
            vault.save_draft(key, payload, case_code=case, record_id=rid)
        return save

    def save_draft(self, force: bool = False) -> None:
        if self._closed or self.finalising or not (self.dirty or force):
            return
        key, payload = self.draft_key, self.draft_payload()
        self.dirty = False

        def done(_):
            if self._closed:  # saved on the way out: the widgets are going
                return
            self._set_status(self.tr("Draft saved at %1").replace(
                "%1", i18n.locale().toString(dt.datetime.now().time(), "HH:mm:ss")))
            self.draft_saved.emit(key)

        def failed(exc):
            self.dirty = True
            self.session.controller._show_error(exc) if self.session.controller else None

        case, rid = self.case_code, self.record_id
        self.session.submit(lambda v: v.save_draft(key, payload, case_code=case, record_id=rid),
                            done, failed)

    def _changed(self) -> None:
        self.dirty = True
        self.edited = True
        self._live.start()

    def _focus_changed(self, old, _new) -> None:
        if old is not None and self.dirty and self.isAncestorOf(old):
            self.save_draft()

    def _privacy_toggled(self, on: bool) -> None:
        self.view.set_privacy(on)

    # -- validation and finalising -------------------------------------------------------
    def _context_op(self, values: dict, attached: set):
        form, case, session = self.form, self.case_code, self.session
        return lambda vault: session.records(vault).problems(form, values, case, attached)

    def _validate_live(self) -> None:
        if self._closed:
            return
        op = self._context_op(self.view.values(), self.view.attached_paths())
        self.session.submit(op, self._show_live, lambda exc: None, key="live-validate")

    def _show_live(self, problems) -> None:
        if self._closed:
            return
        self.last_problems = problems
        self.view.show_problems(problems, only_touched=not self.finalising)

    def finalise_record(self) -> None:
        if self.finalising or self._closed:
            return
        values = self.view.values()
        attached = self.view.attached_paths()
        files = {fid: ed.pending_files() for fid, ed in self.view.file_editors().items()
                 if isinstance(ed, AttachmentEditor)}
        sigs = {}
        replaced = []
        for fid, ed in self.view.file_editors().items():
            if isinstance(ed, SignatureEditor):
                pending = ed.pending()
                if pending is not None:
                    sigs[fid] = pending
                    if ed.stored is not None:
                        replaced.append(ed.stored.id)
        form, case, rid, key = self.form, self.case_code, self.record_id, self.draft_key
        bases, legacy, op_id, session = self.bases or None, self.legacy_base, self.op_id, \
            self.session
        new_case = self.new_case and not case
        self.finalising = True
        self._saving_values = values
        self._set_status(self.tr("Checking and saving…"))

        op = record_io.save_op(session, form, values, case=case, record_id=rid, bases=bases,
                               legacy_base=legacy, op_id=op_id, attached=attached,
                               signatures=sigs, files=files, replaced=replaced,
                               draft_key=key, new_case=new_case)
        self.session.submit(op, self._finalised, self._finalise_failed)

    def _finalised(self, result) -> None:
        problems, ref = result
        self.finalising = False
        if problems:
            self.last_problems = problems
            for p in problems:
                top = p.path.split("[", 1)[0].split(".", 1)[0]
                self.view.touched.add(top)
            n = self.view.show_problems(problems)
            self.view.focus_first_error()
            row = self.view.first_error_row()
            if row is not None:
                self.scroll.ensureWidgetVisible(row.container)
            self._set_status(self.tr("Not saved: %1 problem(s) to fix — see the marked fields.")
                             .replace("%1", str(n)))
            return
        self.dirty = False
        self._closed = True
        self._autosave.stop()
        self._set_status(self.tr("Saved."))
        if self.form.id == "outreach_contact":
            outreach_view.remember_stop(self.session, self._saving_values)
        self.saved.emit(ref.id, ref.case_code if ref.case_code else self.case_code)

    def _finalise_failed(self, exc) -> None:
        self.finalising = False
        self._set_status("")
        if self.session.controller is not None:
            self.session.controller._show_error(exc)

    # -- attachments already stored ------------------------------------------------------
    def _remove_attachment(self, att_id: str) -> None:
        if not dialogs.confirm(self, self.tr("Remove file"),
                               self.tr("Remove this file from the record? It stays in the "
                                       "audit trail as removed."), danger=True):
            return
        rid, session = self.record_id, self.session
        self.session.submit(lambda v: session.records(v).remove_file(rid, att_id))

    def _data_changed(self, changes) -> None:
        # A file removed here, or anything done to this record elsewhere: show it.
        if not self._closed and self.record_id and self.record_id in changes.records:
            self._load_context()

    def _preview(self, att_id: str) -> None:
        from ui.image_preview import show_attachment_preview

        show_attachment_preview(self, self.session, att_id)

    # -- closing -------------------------------------------------------------------------
    def close_editor(self) -> None:
        """Close; with unfinished typing, ask whether to keep it as a draft or discard it
        (drafts nobody chose to keep piled up). Esc or closing the question keeps it."""
        if self.edited and not self._closed and dialogs.confirm(
                self, self.tr("Close the form"),
                self.tr("What you typed in this form is not finalised. Keep it as a draft "
                        "to finish later, or discard it?"),
                yes=self.tr("&Discard"), no=self.tr("&Keep draft"), danger=True) \
                and not self._closed:  # a lock while asking has saved it already
            key = self.draft_key
            self.dirty = False  # no save after this: the discard is the last word
            self.session.submit(lambda v: v.discard_draft(key))
        elif self.dirty:
            self.save_draft()
        self.shutdown()
        self.closed.emit()

    def is_closed(self) -> bool:
        return self._closed

    def shutdown(self) -> None:
        if self._shut:
            return  # closing after a save and then being removed both come here
        self._shut = True
        self._closed = True
        self._autosave.stop()
        self._live.stop()
        try:
            QApplication.instance().focusChanged.disconnect(self._focus_changed)
        except (RuntimeError, TypeError):
            pass
        try:  # the feed outlives the editor
            self.session.changes.disconnect(self._data_changed)
        except (RuntimeError, TypeError):
            pass
