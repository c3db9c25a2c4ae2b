"""The main window of an unlocked session: navigation (cases, today, outreach, drafts,
figures, settings), the case view and the record editor, and the toolbar for what must be
one click away: new case, quick outreach log, privacy mode, lock. Fitted to the screen and
remembered per worker (`window_fit.py`)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from ui import dialogs, workers_view
from ui.busy_indicator import BusyIndicator
from ui.cases_view import CasesView
from ui.desk_nav import DeskNav
from ui.drafts_view import list_record_drafts
from ui.sync_area import SyncArea
from ui.window_fit import GeometryKeeper, place

NAV = ("cases", "today", "outreach", "drafts", "notes", "dashboard", "workers", "exports",
       "verify", "purges", "settings")


class MainWindow(QMainWindow):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("MainWindow")
        self.privacy_on = session.settings.privacy_default
        self.editor = None
        self.case_view = None
        self._pages: dict[str, object] = {}
        self._return_to = "cases"
        self._discarded = False

        self.toolbar = QToolBar(self)
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(self.toolbar)
        self.act_new_case = QAction(self)
        self.act_new_case.setShortcut(QKeySequence("Ctrl+N"))
        self.act_new_case.triggered.connect(self.new_case)
        self.act_quick = QAction(self)
        self.act_quick.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.act_quick.triggered.connect(self.quick_log)
        self.act_search = QAction(self)
        self.act_search.setShortcut(QKeySequence("Ctrl+F"))
        self.act_search.triggered.connect(self.focus_search)
        self.act_privacy = QAction(self)
        self.act_privacy.setCheckable(True)
        self.act_privacy.setChecked(self.privacy_on)
        self.act_privacy.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.act_privacy.toggled.connect(self.set_privacy)
        self.act_lock = QAction(self)
        self.act_lock.setShortcut(QKeySequence("Ctrl+L"))
        self.act_lock.triggered.connect(self._lock)
        for act in (self.act_new_case, self.act_quick, self.act_search, self.act_privacy,
                    self.act_lock):
            self.toolbar.addAction(act)
            self.addAction(act)

        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget(central)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setSpacing(2)
        for key in NAV:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.stack = QStackedWidget(central)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.cases = CasesView(session, self.stack)
        self.cases.case_opened.connect(self.open_case)
        self.cases.new_case_requested.connect(self.new_case)
        self.cases.set_privacy(self.privacy_on)
        self._add_page("cases", self.cases)

        self.user_label = QLabel(self)
        self.busy_indicator = BusyIndicator(self)
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.busy_indicator)
        # Sync: rounds on their own thread, the state always shown (ui/sync_area.py).
        self.sync = SyncArea(self)
        self.sync_runner, self.sync_status = self.sync.runner, self.sync.status
        workers_view.attach(self)  # the desk's Workers page (ui/workers_view.py)
        # receipts and uploads change no record: the open case reads its delivery again
        self.sync_runner.round_finished.connect(
            lambda _e: self.case_view.refresh_delivery() if self.case_view else None)
        # on a desk, the round may have learnt a worker's team (the case list's Team column)
        self.sync_runner.round_finished.connect(lambda _e: self.cases.refresh_teams())
        # The notes' unread badge, the desk's entries and actions (ui/desk_nav.py).
        self.desk_nav = DeskNav(self)
        self.retranslate()
        self.nav.setCurrentRow(0)
        place(self, session.settings.window)
        self.geometry_keeper = GeometryKeeper(self, session)
        session.changes.connect(self._data_changed)

    # -- pages ---------------------------------------------------------------------------
    def _add_page(self, key: str, widget) -> None:
        self._pages[key] = widget
        self.stack.addWidget(widget)

    def page(self, key: str):
        """The page for a navigation key, built on first use (main_pages.py)."""
        if key not in self._pages:
            from ui.main_pages import build_page

            self._add_page(key, build_page(self, key))
        return self._pages[key]

    def _mark_nav(self, key: str) -> None:
        """Highlight where the shown screen belongs, without navigating."""
        row = NAV.index(key) if key in NAV else -1
        if row >= 0 and self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)

    def show_page(self, key: str) -> None:
        self._mark_nav(key)
        w = self.page(key)
        self.stack.setCurrentWidget(w)
        if hasattr(w, "reload") and key not in ("cases", "verify", "today"):
            w.reload()

    def _data_changed(self, changes) -> None:
        """The change feed (our saves, a CLI on the same vault, later sync): every open
        screen refreshes from here, never by hand after its own save."""
        self.sync_runner.local_change(changes)  # a save: a round after the debounce
        self.desk_nav.changed(changes)
        if changes.case_list or changes.cases:
            self.cases.reload()
        if self.case_view is not None:
            self.case_view.on_changes(changes)
        shown = self.stack.currentWidget()
        for key, w in self._pages.items():
            # The today view follows the case list's own reload (no second read).
            if key in ("cases", "today", "verify", "settings", "sync_history",
                       "workers") or \
                    w is not shown:
                continue
            if (key == "drafts" and changes.drafts) or \
                    (key != "drafts" and (changes.records or changes.cases)):
                w.reload()

    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(NAV):
            self.show_page(NAV[row])

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Donghaeng — %1").replace("%1", self.session.worker))
        self.act_new_case.setText(self.tr("New case"))
        self.act_new_case.setToolTip(self.tr("New case (Ctrl+N)"))
        self.act_quick.setText(self.tr("Quick outreach log"))
        self.act_quick.setToolTip(self.tr("Log an outreach contact (Ctrl+Shift+O)"))
        self.act_search.setText(self.tr("Search"))
        self.act_search.setToolTip(self.tr("Search cases (Ctrl+F)"))
        self.act_privacy.setText(self.tr("Privacy mode"))
        self.act_privacy.setToolTip(self.tr("Hide names, phone numbers and addresses until "
                                            "clicked (Ctrl+Shift+P)"))
        self.act_lock.setText(self.tr("Lock"))
        self.act_lock.setToolTip(self.tr("Lock now (Ctrl+L). Panic: Ctrl+Shift+L or Esc twice"))
        labels = {"cases": self.tr("Cases"), "today": self.tr("Today"),
                  "outreach": self.tr("Outreach"),
                  "drafts": self.tr("Drafts"), "dashboard": self.tr("My figures"),
                  "workers": self.tr("Workers"),
                  "verify": self.tr("Verify PDF"), "notes": self.tr("Notes"),
                  "exports": self.tr("Exports"),
                  "purges": self.tr("Purge requests"),
                  "settings": self.tr("Settings")}
        for i, key in enumerate(NAV):
            self.nav.item(i).setText(labels[key])
        self.desk_nav.set_label(labels["notes"])  # with its unread count
        fm = self.nav.fontMetrics()
        self.nav.setFixedWidth(max(fm.horizontalAdvance(t) for t in labels.values())
                               + fm.horizontalAdvance("M") * 3)
        self.nav.setAccessibleName(self.tr("Sections"))
        self.toolbar.setAccessibleName(self.tr("Main actions"))
        self.toolbar.setWindowTitle(self.tr("Main actions"))
        self.user_label.setText(self.tr("Signed in: %1").replace("%1", self.session.worker))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.WindowStateChange:
            self.geometry_keeper.changed()
        super().changeEvent(event)

    # -- size and place (remembered per worker) ------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        # From here on a move or resize is the worker's: remembered (the placement is not).
        QTimer.singleShot(0, lambda: setattr(self.geometry_keeper, "armed", True))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.geometry_keeper.changed()

    def moveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().moveEvent(event)
        self.geometry_keeper.changed()

    def language_changed(self) -> None:
        """Data texts (form labels, choices) follow the language too: re-read them."""
        self.statusBar().clearMessage()  # a passing "Saved." would stay in the old language
        if self.case_view is not None:
            self.case_view.retranslate()
        for w in self._pages.values():
            if hasattr(w, "retranslate"):
                w.retranslate()

    def busy(self, text: str | None) -> None:
        if text:
            self.busy_indicator.start(text)
        else:
            self.busy_indicator.stop()

    # -- session start -------------------------------------------------------------------
    def after_unlock(self) -> None:
        self.cases.reload()
        self.sync_runner.start()
        self.desk_nav.start()
        self.session.submit(list_record_drafts, self._offer_drafts)

    def _offer_drafts(self, drafts) -> None:
        if not drafts or self._discarded:
            return
        key, payload, _saved = drafts[0]
        n = len(drafts)
        text = self.tr("%1 unfinished draft(s) were kept from your last session. Open the "
                       "latest one now?").replace("%1", str(n))
        opened = dialogs.confirm(self, self.tr("Unfinished drafts"), text,
                                 yes=self.tr("Open draft"), no=self.tr("Later"))
        # A lock while the question was up closed it and took this window's content away.
        if opened and not self._discarded:
            self.open_draft(key, payload)

    # -- cases ---------------------------------------------------------------------------
    def new_case(self) -> None:
        """The intake form of a case that does not exist yet: the case (its generated code)
        is made by the record's own transaction when the form is saved, so a form left
        unsaved leaves no empty case behind (records_service.create(new_case=True))."""
        if self.desk_nav.desk:  # the desk reads every worker's cases; it writes none
            return
        self._return_to = "cases"
        self.open_editor("intake", None)
        self._mark_nav("cases")

    def open_case(self, code: str, select_record: str | None = None) -> None:
        from ui.case_view import CaseView

        self._close_editor_widget()
        if self.case_view is not None:
            self.stack.removeWidget(self.case_view)
            self.case_view.deleteLater()
        cv = CaseView(self.session, code, privacy=self.privacy_on, parent=self.stack)
        cv.back_requested.connect(self.back_to_cases)
        cv.edit_requested.connect(self.edit_record)
        cv.new_record_requested.connect(self.open_editor)
        cv.export_requested.connect(self.export_case)
        self.case_view = cv
        self.stack.addWidget(cv)
        self.stack.setCurrentWidget(cv)
        self._mark_nav("cases")  # a case opened from anywhere belongs under "Cases"
        self._return_to = "case"
        cv.reload(select_record)

    def back_to_cases(self) -> None:
        self.show_page("cases")

    def focus_search(self) -> None:
        self.show_page("cases")
        self.cases.focus_search()

    def export_case(self, code: str):
        from ui.export_dialog import ExportDialog

        dlg = ExportDialog(self.session, code, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

    # -- editing -------------------------------------------------------------------------
    def open_editor(self, form_id: str, case_code: str | None, *, record=None,
                    draft: dict | None = None, draft_key: str | None = None):
        """`record`: an EditStart from the records service (values already carried to the
        latest form version, on read), or None for a new record or a draft."""
        from ui.record_editor import RecordEditor

        reg = self.session.registry
        if record is not None:
            form = record.form
        elif draft is not None:
            form = reg.get(draft["form"], draft["form_version"]) \
                if draft.get("form_version") in reg.versions(draft["form"]) \
                else reg.latest(draft["form"])
        else:
            form = reg.latest(form_id)
        self._close_editor_widget()
        privacy = True if form.id == "outreach_contact" else self.privacy_on
        ed = RecordEditor(self.session, form, case_code=case_code, record=record, draft=draft,
                          draft_key=draft_key, privacy=privacy, parent=self.stack)
        # A case form without a case (Ctrl+N, or its restored draft): the save makes the
        # case; the editor passes this to RecordsService.create.
        ed.new_case = form.case_bound and not case_code and record is None
        ed.saved.connect(self._record_saved)
        ed.closed.connect(self._editor_closed)
        self.editor = ed
        self.stack.addWidget(ed)
        self.stack.setCurrentWidget(ed)
        first = next((r for r in ed.view.rows.values() if r.is_visible()), None)
        if first is not None:
            first.editor.focus_target().setFocus()
        return ed

    def edit_record(self, record) -> None:
        """Open the editor on the record's shown version, migrated on read (nothing is
        written until the worker saves)."""
        session, rid = self.session, record.id

        def op(vault):
            return session.records(vault).open_for_edit(rid)

        session.submit(op, lambda start: self.open_editor(start.form.id,
                                                          start.record.case_code,
                                                          record=start))

    def open_draft(self, key: str, payload: dict) -> None:
        self.open_editor(payload["form"], payload.get("case"), draft=payload, draft_key=key)

    def quick_log(self) -> None:
        if self.desk_nav.desk:
            return
        self._return_to = "outreach"
        self.open_editor("outreach_contact", None)
        self._mark_nav("outreach")

    def _record_saved(self, record_id: str, case_code) -> None:
        self._close_editor_widget()
        if case_code:
            self.open_case(case_code, select_record=record_id)
            self.cases.select(case_code)
        else:
            self.show_page("outreach")
        self.statusBar().showMessage(self.tr("Saved."), 4000)

    def _editor_closed(self) -> None:
        self._close_editor_widget()
        if self._return_to == "case" and self.case_view is not None:
            self.stack.setCurrentWidget(self.case_view)
        elif self._return_to in NAV:
            self.show_page(self._return_to)
        else:
            self.show_page("cases")

    def _close_editor_widget(self) -> None:
        if self.editor is not None:
            ed, self.editor = self.editor, None
            ed.shutdown()
            self.stack.removeWidget(ed)
            ed.deleteLater()

    def show_sync_history(self):
        return self.sync.show_history()

    # -- privacy, locking ----------------------------------------------------------------
    def set_privacy(self, on: bool) -> None:
        self.privacy_on = on
        self.cases.set_privacy(on)
        if "today" in self._pages:
            self._pages["today"].set_privacy(on)
        if self.case_view is not None:
            self.case_view.set_privacy(on)
        if self.editor is not None:
            self.editor.privacy.setChecked(on)

    def _lock(self) -> None:
        if self.session.controller is not None:
            self.session.controller.lock("manual")

    def draft_saver(self):
        """The open editor's draft, captured now, saved by the worker before it locks."""
        return self.editor.draft_saver() if self.editor is not None else None

    def discard_content(self) -> None:
        """Before the window goes away on lock: stop timers, drop what showed records."""
        self._discarded = True
        self.sync_runner.stop()  # the round in flight is abandoned (the engine is kill-safe)
        dialogs.dismiss_all()  # no question of this session stays up over the unlock window
        self.geometry_keeper.save()
        self._close_editor_widget()
        if self.case_view is not None:
            self.case_view.deleteLater()
            self.case_view = None
        try:  # the feed outlives this window (it belongs to the worker)
            self.session.changes.disconnect(self._data_changed)
        except (RuntimeError, TypeError):
            pass
        self.cases.discard_rows()
        # The rows, facets and extras of 100k cases are large cyclic graphs of small
        # objects: collect them now rather than at some later allocation.
        import gc

        gc.collect()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self.session.controller is not None:
            self.session.controller.quit()
        super().closeEvent(event)

