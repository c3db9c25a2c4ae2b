"""The center's desk and the notes in the app (issue 14, "The center's desk", "What comes
back"), on real widgets, real vaults and a real `server run` over HTTPS on 127.0.0.1:

- the app as the desk: the organisation key imported through Settings (a wrong
  passphrase refused in one line first), a worker's case read but not editable, a note
  sent to its worker through the dialog, the case shared with a second worker through the
  dialog, a worker's purge request listed and ordered — the second worker's copy gone
  after their sync;
- the app as a worker: the desk's note arrives with the next round, the "Notes" entry
  counts it, the inbox lists it, and opening its case shows it marked new and marks it
  read.

The other laptops are driven through the real `donghaeng` command (tests/sync/laptops.py).
The server runs on SQLite only: the engine and server side are tested on both backends in
tests/sync (test_desk.py, test_notes.py, test_purge_sync.py)."""
from __future__ import annotations

import json
import uuid

import pytest
from PySide6.QtCore import Qt

from tests.sync.conftest import PASSPHRASE as KEY_PASSPHRASE
from tests.sync.conftest import cli, served
from tests.sync.laptops import enroll, new_laptop
from tests.sync.test_desk import _import
from tests.sync.test_round import _session
from tests.ui.helpers import WORKER, type_text, unlock, wait_idle

LONG_MS = 120_000


@pytest.fixture(scope="module", params=["sqlite"])
def srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "uidesk") as s:
        yield s


def _call(ctrl, op):
    """An operation on the vault's worker thread, waited for (the GUI thread blocks)."""
    return ctrl.tasks.call(op, timeout=60)


def _start(make_ctrl, qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    main.sync_runner.debounce.setInterval(300)
    main.sync_runner.retry_ms = 2_000
    return ctrl, main


def _enroll_app(ctrl, srv, worker: str, role: str = "worker") -> None:
    """The app's vault enrolled with a code from `server enroll` (the enroll dialog's own
    call, tested in test_sync_app.py); the runner starts syncing from the feed."""
    from desktop.syncing.enroll import enroll as enroll_vault

    proc = cli("enroll", "--data", str(srv.data), "--worker", worker, "--role", role,
               "--json")
    assert proc.returncode == 0, proc.stderr
    sheet = json.loads(proc.stdout)
    _call(ctrl, lambda v: enroll_vault(v, srv.url, sheet["code"], sheet["fingerprint"]))


def _synced(ctrl, qtbot, main) -> None:
    """A round asked for and finished with nothing left to send."""
    main.sync_runner.request()
    qtbot.waitUntil(lambda: not main.sync_runner.running and
                    _call(ctrl, lambda v: v.sync_status()["pending_changes"]) == 0,
                    timeout=LONG_MS)
    qtbot.waitUntil(lambda: not main.sync_runner.running, timeout=LONG_MS)


def _until(ctrl, qtbot, main, check) -> None:
    """Rounds until `check(vault)` holds (what another laptop sent has arrived)."""
    def ready() -> bool:
        if _call(ctrl, check):
            return True
        if not main.sync_runner.running:
            main.sync_runner.request()
        return False
    qtbot.waitUntil(ready, timeout=LONG_MS)


def _nav(main, key: str):
    """The main window's navigation entry for a page key."""
    for i in range(main.nav.count()):
        if main.nav.item(i).data(Qt.ItemDataRole.UserRole) == key:
            return main.nav.item(i)
    raise KeyError(key)


def _finished(qtbot, dlg) -> None:
    qtbot.waitUntil(lambda: not dlg.busy, timeout=LONG_MS)


def test_the_desk_imports_the_key_reads_shares_notes_and_orders_a_purge(
        make_ctrl, vault_home, qtbot, srv, tmp_path):
    from ui import dialogs

    uid = uuid.uuid4().hex[:6]
    a = new_laptop(tmp_path, "a", f"강다온-{uid}")
    b = new_laptop(tmp_path, "b", f"윤서하-{uid}")
    rid = a.put(tmp_path, "companion_session", _session("법원", "데스크가 읽을 기록 데스크캐너리"),
                case="DSK-2026-0001")
    for lap in (a, b):
        enroll(srv, lap)
    a.json("sync")

    ctrl, main = _start(make_ctrl, qtbot)
    # Settings → Import the organisation key: a wrong passphrase first, one line
    main.show_page("settings")
    settings = main.page("settings")
    qtbot.waitUntil(lambda: settings.import_key.isVisible(), timeout=LONG_MS)
    dlg = settings.open_import_key()
    qtbot.waitUntil(dlg.isVisible, timeout=LONG_MS)
    dlg.path.setText(str(srv.keydir / "sealing.key"))
    type_text(qtbot, dlg.passphrase, "틀린 암호")
    qtbot.mouseClick(dlg.go, Qt.MouseButton.LeftButton)
    _finished(qtbot, dlg)
    assert dlg.done_value is None and "passphrase" in dlg.message.text()
    assert "\n" not in dlg.message.text() and "Traceback" not in dlg.message.text()
    assert dlg.passphrase.text() == ""  # cleared once tried
    type_text(qtbot, dlg.passphrase, KEY_PASSPHRASE)
    qtbot.mouseClick(dlg.go, Qt.MouseButton.LeftButton)
    _finished(qtbot, dlg)
    held = _call(ctrl, lambda v: v.desk_key())
    assert held is not None and dlg.done_value == held["key_id"]
    assert held["key_id"] in dlg.message.text()
    dlg.close()

    desk_name = f"데스크-{uid}"
    _enroll_app(ctrl, srv, desk_name, role="desk")
    qtbot.waitUntil(lambda: not _nav(main, "purges").isHidden(), timeout=LONG_MS)
    _until(ctrl, qtbot, main, lambda v: v.get_case(f"DSK-2026-0001@{a.worker}") is not None)

    # read-only on the desk: the case and its record, with their author; no edit, no new
    assert not main.act_new_case.isEnabled() and not main.act_quick.isEnabled()
    main.new_case()
    assert main.editor is None
    main.open_case(f"DSK-2026-0001@{a.worker}")
    cv = main.case_view
    wait_idle(ctrl, qtbot)
    qtbot.waitUntil(lambda: cv.current is not None and cv.current.id == rid, timeout=LONG_MS)
    assert cv.center.desk and a.worker in cv.center.owner.text()
    for w in (cv.edit, cv.delete, cv.new_record, cv.status_btn, cv.files.add,
              cv.files.remove, cv.files.hint):
        assert w.isHidden()
    assert not cv.edit.isEnabled() and not cv.files.acceptDrops()
    assert cv.timeline.data(cv.timeline.index(0, 3)) == a.worker
    got: list = []
    cv.edit_requested.connect(got.append)
    cv.table.activated.emit(cv.timeline.index(0, 0))  # a double-click does not edit
    assert got == []
    assert "데스크캐너리" in " ".join(
        w.text() for w in cv.record_view.findChildren(type(cv.title)))

    # a handover to the same worker: refused in one line
    ho = cv.center.open_handover()
    assert ho.from_worker.text() == a.worker
    ho.to_worker.setText(a.worker)
    qtbot.mouseClick(ho.go, Qt.MouseButton.LeftButton)
    _finished(qtbot, ho)
    assert ho.done_value is None and ho.message.text() == "a handover needs two workers"
    ho.close()

    # share with the second worker through the dialog: B receives the case after a sync
    share = cv.center.open_share()
    type_text(qtbot, share.worker, b.worker)
    qtbot.mouseClick(share.go, Qt.MouseButton.LeftButton)
    _finished(qtbot, share)
    assert share.done_value, share.message.text()
    share.close()
    _synced(ctrl, qtbot, main)
    b.json("sync")
    assert rid in {x["id"] for x in b.json("record", "list")}

    # a note to the case's worker: A has it after a sync, the case shows it as sent
    note = cv.center.open_note()
    assert note.to.text() == a.worker
    assert not note.go.isEnabled()  # empty
    text = "다음 주 재판 전에 진술서 사본을 챙겨 주세요"
    note.text.setPlainText(text)
    assert note.go.isEnabled()
    note.text.setPlainText("x" * 4001)
    assert not note.go.isEnabled() and "4,001" in note.counter.text()
    note.text.setPlainText(text)
    qtbot.mouseClick(note.go, Qt.MouseButton.LeftButton)
    _finished(qtbot, note)
    assert note.done_value is not None, note.message.text()
    note.close()
    _synced(ctrl, qtbot, main)
    a.json("sync")
    (sent,) = [n for n in a.json("notes") if n["text"] == text]
    assert sent["case_code"] == "DSK-2026-0001" and sent["read_at"] is None
    qtbot.waitUntil(lambda: cv.center.notes.isVisibleTo(cv) and
                    text in cv.center.notes.body.text(), timeout=LONG_MS)
    assert cv.center.notes.title.text() == "Notes sent about this case"

    # A purges the case: a request; the desk lists it and orders; B's copy goes
    a.ok("record", "purge", "--case", "DSK-2026-0001", "--reason", "본인 요청 파기")
    a.json("sync")
    _until(ctrl, qtbot, main, lambda v: bool(v.purge_requests()))
    main.show_page("purges")
    page = main.page("purges")
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=LONG_MS)
    assert page.table.item(0, 0).text() == "DSK-2026-0001"
    assert page.table.item(0, 1).text() == a.worker
    assert page.table.item(0, 3).text() == "본인 요청 파기"
    assert not page.purge.isEnabled()
    page.table.selectRow(0)
    assert page.purge.isEnabled()
    dialogs.set_next_answer("본인 요청 파기 (센터 확인)")  # the reason
    dialogs.set_next_answer(True)                      # purge everywhere
    qtbot.mouseClick(page.purge, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _call(ctrl, lambda v: v.get_case(
        f"DSK-2026-0001@{a.worker}")) is None, timeout=LONG_MS)
    assert dialogs.history[-1][0] == "confirm"
    qtbot.waitUntil(lambda: page.table.rowCount() == 0, timeout=LONG_MS)
    _synced(ctrl, qtbot, main)
    assert main.case_view is None or main.stack.currentWidget() is not main.case_view
    assert rid in {x["id"] for x in b.json("record", "list")}  # until B syncs
    b.json("sync")
    assert rid not in {x["id"] for x in b.json("record", "list")}


def test_a_note_from_the_desk_shows_on_the_workers_case_and_inbox(
        make_ctrl, vault_home, qtbot, srv, tmp_path):
    uid = uuid.uuid4().hex[:6]
    desk = new_laptop(tmp_path, "desk", f"센터-{uid}")
    assert _import(desk, srv, tmp_path).code == 0
    enroll(srv, desk, role="desk")

    ctrl, main = _start(make_ctrl, qtbot)
    worker = WORKER  # enrolled under the vault's own name: the author the desk sees
    _enroll_app(ctrl, srv, worker)
    session = ctrl.session

    def put(vault):
        code = vault.create_case().code
        session.records(vault).create("evidence", {
            "title": "메모가 달릴 기록", "kind": "chat_log", "found_date": "2026-03-02"},
            case=code)
        return code
    code = _call(ctrl, put)
    _synced(ctrl, qtbot, main)
    assert main.desk_nav.unread == 0 and _nav(main, "notes").text() == "Notes"
    assert _nav(main, "purges").isHidden()  # purge requests: a desk's
    assert main.act_new_case.isEnabled()

    desk.json("sync")
    text = "상담 일정을 다음 주로 옮겨 주세요 메모캐너리"
    r = desk.run("desk", "note", "--case", f"{code}@{worker}", "--text", text)
    assert r.code == 0, r.err

    # the next round brings it: the Notes entry counts it
    _until(ctrl, qtbot, main, lambda v: bool(v.notes()))
    qtbot.waitUntil(lambda: main.desk_nav.unread == 1, timeout=LONG_MS)
    item = _nav(main, "notes")
    assert item.text() == "Notes (1)" and item.font().bold()

    # the inbox lists it, marked unread; clicking opens the case
    main.show_page("notes")
    page = main.page("notes")
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=LONG_MS)
    assert page.table.item(0, 0).text().startswith("●")
    assert page.table.item(0, 1).text() == code
    assert page.table.item(0, 3).text() == text
    assert page.table.item(0, 2).text() == f"{desk.worker} → {worker}"
    page.open_row(0)
    cv = main.case_view
    assert cv is not None and cv.code == code and main.stack.currentWidget() is cv

    # the case shows it, marked new on this opening; it is read from now on
    block = cv.center.notes
    qtbot.waitUntil(lambda: text in block.body.text(), timeout=LONG_MS)
    assert block.isVisibleTo(cv) and block.title.text() == "From the center"
    assert block.body.text().startswith("● new · ") and desk.worker in block.body.text()
    assert not cv.center.desk and not cv.edit.isHidden()  # a worker edits their cases
    qtbot.waitUntil(lambda: main.desk_nav.unread == 0, timeout=LONG_MS)
    assert _nav(main, "notes").text() == "Notes" and not _nav(main, "notes").font().bold()
    (n,) = _call(ctrl, lambda v: v.notes())
    assert n.read_at is not None
    main.show_page("notes")
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 and
                    not page.table.item(0, 0).text().startswith("●"), timeout=LONG_MS)
