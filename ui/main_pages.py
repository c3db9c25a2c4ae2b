"""The main window's pages other than the case list, built on first use: today, outreach,
drafts, notes, figures, verify, purge requests (a desk's), settings (kept out of
main_window.py, which wires them)."""
from __future__ import annotations

from ui.drafts_view import DraftsView


def build_page(win, key: str):
    """The main window's page for a navigation key (`win.page` builds each once)."""
    s = win.session
    if key == "today":
        from ui.today_view import TodayView

        w = TodayView(s, win.cases, privacy=win.privacy_on, parent=win.stack)
        w.case_opened.connect(win.open_case)
    elif key == "outreach":
        from ui.outreach_view import OutreachView

        w = OutreachView(s, privacy=True, parent=win.stack)
        w.new_requested.connect(lambda fid: win.open_editor(fid, None))
        w.edit_requested.connect(win.edit_record)
    elif key == "drafts":
        w = DraftsView(s, win.stack)
        w.open_requested.connect(win.open_draft)
    elif key == "dashboard":
        from ui.dashboard_view import DashboardView

        w = DashboardView(s, win.stack)
    elif key == "workers":
        from ui.workers_view import WorkersView

        w = WorkersView(s, win.stack)
    elif key == "verify":
        from ui.verify_view import VerifyView

        w = VerifyView(s, win.stack)
    elif key == "exports":
        from ui.exports_view import ExportsView

        w = ExportsView(s, win.stack)
        w.case_opened.connect(win.open_case)
    elif key == "notes":
        from ui.notes_view import NotesView

        w = NotesView(s, win.stack)
        w.case_opened.connect(win.open_case)
    elif key == "purges":
        from ui.purge_requests_view import PurgeRequestsView

        w = PurgeRequestsView(s, win.stack)
        w.case_opened.connect(win.open_case)
    elif key == "settings":
        from ui.settings_view import SettingsView

        ctrl = s.controller
        w = SettingsView(s, integrations=ctrl.os_lock.backends if ctrl else [],
                         capture=ctrl.capture_guard.status if ctrl else "unsupported",
                         parent=win.stack)
    else:
        raise KeyError(key)
    return w
