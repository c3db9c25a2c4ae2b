"""Sync in the app (issue 14, "The worker's laptop"), on real widgets, a real vault and a
real `server run` over HTTPS on 127.0.0.1 behind the fault proxy (so the server can stop
and come back at the address the laptop enrolled with): enrolling through the dialog, a
save reaching the server after the debounce, the status line while the server is down
(the GUI answers, saves complete, nothing is lost) and after it is back, a revoked laptop,
and a save completing while a large file uploads in the background.

The server runs on SQLite only: what is tested here is the app's side (the engine's and
the server's are tested on both backends in tests/sync)."""
from __future__ import annotations

import io
import json
import os
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import Qt

from tests.sync.conftest import cli, served
from tests.sync.faultproxy import FaultProxy
from tests.sync.laptops import server_status, stop_last
from tests.ui.helpers import WORKER, fill, type_text, unlock, wait_idle

LONG_MS = 120_000
UP_TO_DATE = "Up to date"
OFFLINE = "No connection — everything is kept on this laptop"
REFUSED = "The server refused this laptop: ask the center"


@pytest.fixture(scope="module", params=["sqlite"])
def srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "uisync") as s:
        yield s


@pytest.fixture
def proxy(srv):
    with FaultProxy("127.0.0.1", urlsplit(srv.urls[-1]).port or 0) as p:
        yield p


def _sheet(srv, worker: str) -> dict:
    proc = cli("enroll", "--data", str(srv.data), "--worker", worker, "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _device(srv, worker: str) -> dict:
    """The worker's newest device: this test's (the module's tests share the server and
    the vault fixture's worker name)."""
    return [d for d in server_status(srv)["devices"] if d["worker"] == worker][-1]


def _submit(ctrl, qtbot, op):
    out: list = []
    ctrl.session.submit(op, out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=LONG_MS)
    return out[0]


def _status(main) -> str:
    return main.sync_status.label.text()


def _enroll(ctrl, main, qtbot, srv, proxy, worker: str, *, qr: bool = True):
    """Settings → Connect, as the worker does it: the QR's text pasted (or the three
    fields typed), Connect, the laptop's fingerprint shown."""
    sheet = _sheet(srv, worker)
    main.show_page("settings")
    settings = main.page("settings")
    wait_idle(ctrl, qtbot)
    assert "not connected" in settings.sync_state.text()
    dlg = settings.open_enroll()
    qtbot.waitUntil(dlg.isVisible, timeout=LONG_MS)
    if qr:
        # the QR of a sheet made with --url: here the proxy's address is the server's
        text = sheet["qr"].replace("donghaeng-enroll:v1?",
                                   f"donghaeng-enroll:v1?server={proxy.url_for()}&")
        dlg.qr.setText(text)
        assert dlg.code.text() == sheet["code"]
        assert dlg.fingerprint.text() == sheet["fingerprint"]
    else:
        type_text(qtbot, dlg.server, proxy.url_for())
        type_text(qtbot, dlg.code, sheet["code"])
        type_text(qtbot, dlg.fingerprint, sheet["fingerprint"])
    assert dlg.server.text() == proxy.url_for()
    qtbot.mouseClick(dlg.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.result_value is not None or "Connecting" not in
                    dlg.message_text(), timeout=LONG_MS)
    assert dlg.result_value is not None, dlg.message_text()
    device = _device(srv, worker)
    assert device["fingerprint"] in dlg.message_text()
    assert "read it to the center" in dlg.message_text()
    qtbot.waitUntil(lambda: device["fingerprint"] in settings.sync_state.text(),
                    timeout=LONG_MS)
    assert worker in settings.sync_state.text()
    dlg.close()
    return device


def _start(make_ctrl, qtbot, debounce_ms: int = 300):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    main.sync_runner.debounce.setInterval(debounce_ms)
    main.sync_runner.retry_ms = 2_000
    return ctrl, main


def _put_evidence(ctrl, qtbot, title: str) -> str:
    """A save through the records service on the vault's worker (what the editor does)."""
    session = ctrl.session

    def op(vault):
        code = vault.create_case().code
        session.records(vault).create("evidence", {
            "title": title, "kind": "chat_log", "found_date": "2026-03-02"}, case=code)
        return code
    return _submit(ctrl, qtbot, op)


def test_sync_is_off_until_enrolled(make_ctrl, vault_home, qtbot, lang):
    ctrl, main = _start(make_ctrl, qtbot)
    qtbot.waitUntil(lambda: _status(main) == "Sync off (not enrolled)", timeout=LONG_MS)
    assert not main.sync_status.now.isEnabled()
    _put_evidence(ctrl, qtbot, "offline only")
    qtbot.wait(600)  # past the debounce: still off, no round
    assert _status(main) == "Sync off (not enrolled)" and not main.sync_runner.running
    ctrl.set_language("ko")  # LanguageChange is an event: delivered by the loop
    qtbot.waitUntil(lambda: _status(main) == "동기화 꺼짐 (등록되지 않음)", timeout=LONG_MS)
    ctrl.set_language("en")


def test_enroll_then_a_save_reaches_the_server(make_ctrl, vault_home, qtbot, srv, proxy):
    ctrl, main = _start(make_ctrl, qtbot)
    worker = WORKER  # a code enrolls only its own worker's vault
    device = _enroll(ctrl, main, qtbot, srv, proxy, worker)
    qtbot.waitUntil(lambda: _status(main) == UP_TO_DATE, timeout=LONG_MS)
    assert "Last synced" in main.sync_status.last.text()
    before = _device(srv, worker)["changes"]

    # a record saved in the editor, as the worker does it
    code = _submit(ctrl, qtbot, lambda v: v.create_case().code)
    main.open_editor("evidence", code)
    ed = main.editor
    fill(ed.view, {"title": "보낸 기록", "kind": "chat_log", "found_date": "2026-03-02"})
    ed.finalise_record()
    qtbot.waitUntil(lambda: main.editor is None, timeout=LONG_MS)
    qtbot.waitUntil(lambda: _device(srv, worker)["changes"] > before
                    and _status(main) == UP_TO_DATE, timeout=LONG_MS)
    st = _submit(ctrl, qtbot, lambda v: v.sync_status())
    assert st["pending_changes"] == 0 and _device(srv, worker)["seq"] == st["acked"]
    assert device["state"] == "active"

    # the history lists the rounds, newest first
    page = main.show_sync_history()
    qtbot.waitUntil(lambda: page.table.rowCount() >= 2, timeout=LONG_MS)
    assert page.table.item(0, 4).text() == "Done"


def test_server_down_the_app_keeps_working_and_catches_up(make_ctrl, vault_home, qtbot, srv,
                                                           proxy):
    ctrl, main = _start(make_ctrl, qtbot)
    worker = WORKER  # a code enrolls only its own worker's vault
    _enroll(ctrl, main, qtbot, srv, proxy, worker, qr=False)
    qtbot.waitUntil(lambda: _status(main) == UP_TO_DATE, timeout=LONG_MS)

    stop_last(srv)
    try:
        _put_evidence(ctrl, qtbot, "while the server is down")
        qtbot.waitUntil(lambda: _status(main).startswith(OFFLINE), timeout=LONG_MS)
        assert _status(main).endswith(" · 2 change(s) waiting")  # the case and the record
        # the GUI answers: another page opens, a save completes, the history says why
        main.show_page("drafts")
        qtbot.waitUntil(lambda: main.stack.currentWidget() is main.page("drafts"),
                        timeout=LONG_MS)
        _put_evidence(ctrl, qtbot, "second while down")
        page = main.show_sync_history()
        qtbot.waitUntil(lambda: page.table.rowCount() > 0 and page.table.item(0, 4).text()
                        .startswith("No connection"), timeout=LONG_MS)
        main.sync_runner.request()  # Sync now while down: still no connection, no error box
        qtbot.waitUntil(lambda: not main.sync_runner.running, timeout=LONG_MS)
        assert _status(main).startswith(OFFLINE)
        st = _submit(ctrl, qtbot, lambda v: v.sync_status())
        assert st["pending_changes"] >= 4  # two cases, two records: all kept
    finally:
        url = srv.start()
        proxy.target_port = urlsplit(url).port or 0

    # back: the retry (or Ctrl+Shift+S) sends everything
    qtbot.keyClick(main, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: _status(main) == UP_TO_DATE, timeout=LONG_MS)
    st = _submit(ctrl, qtbot, lambda v: v.sync_status())
    assert st["pending_changes"] == 0
    assert _device(srv, worker)["seq"] == st["acked"] == st["last_seq"]


def test_a_revoked_laptop_is_told_to_ask_the_center(make_ctrl, vault_home, qtbot, srv,
                                                     proxy, lang):
    ctrl, main = _start(make_ctrl, qtbot)
    worker = WORKER  # a code enrolls only its own worker's vault
    device = _enroll(ctrl, main, qtbot, srv, proxy, worker)
    qtbot.waitUntil(lambda: _status(main) == UP_TO_DATE, timeout=LONG_MS)
    proc = cli("revoke", "--data", str(srv.data), "--device", device["id"], "--mode", "lost",
               "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    _put_evidence(ctrl, qtbot, "after the revocation")
    qtbot.waitUntil(lambda: _status(main) == REFUSED, timeout=LONG_MS)
    assert "ask the center" in main.sync_status.label.toolTip()
    ctrl.set_language("ko")
    qtbot.waitUntil(lambda: _status(main) == "서버가 이 노트북을 거부했습니다: 센터에 문의하세요",
                    timeout=LONG_MS)
    ctrl.set_language("en")
    # nothing was deleted: the record is still here, waiting
    st = _submit(ctrl, qtbot, lambda v: v.sync_status())
    assert st["pending_changes"] > 0


def test_a_save_completes_while_a_large_file_uploads(make_ctrl, vault_home, qtbot, srv,
                                                     proxy):
    ctrl, main = _start(make_ctrl, qtbot)
    worker = WORKER  # a code enrolls only its own worker's vault
    _enroll(ctrl, main, qtbot, srv, proxy, worker)
    qtbot.waitUntil(lambda: _status(main) == UP_TO_DATE, timeout=LONG_MS)
    files_before = server_status(srv)["files"]
    # the 300 MB; the link is slow only until the saves are done inside the
    # upload (300 MB at 4 MB/s would take 75 s), then at loopback speed
    proxy.up.bandwidth = 4 * 1024 * 1024
    _big_evidence(ctrl, qtbot, 300 * 1024 * 1024)
    state = lambda: main.sync_runner.state  # noqa: E731
    qtbot.waitUntil(lambda: state().running and (state().sent_bytes or 0) > 0,
                    timeout=LONG_MS)
    assert _status(main).startswith("Sending ") and main.sync_status.bar.isVisible()
    assert (state().total_bytes or 0) > 300 * 1024 * 1024
    first = state().sent_bytes or 0
    # the worker enters a record in the editor and saves it, and another one after
    code = _submit(ctrl, qtbot, lambda v: v.create_case().code)
    main.open_editor("evidence", code)
    fill(main.editor.view, {"title": "업로드 중 입력", "kind": "chat_log",
                            "found_date": "2026-03-02"})
    main.editor.finalise_record()
    qtbot.waitUntil(lambda: main.editor is None, timeout=LONG_MS)
    _put_evidence(ctrl, qtbot, "saved during the upload")
    # the saves came back while the upload was still going
    assert state().running and (state().sent_bytes or 0) < (state().total_bytes or 0)
    qtbot.waitUntil(lambda: (state().sent_bytes or 0) > first, timeout=LONG_MS)
    assert main.sync_status.bar.value() > first >> 10  # the bar moves with it
    proxy.up.bandwidth = None
    qtbot.waitUntil(lambda: _status(main) == UP_TO_DATE, timeout=LONG_MS)
    assert server_status(srv)["files"] == files_before + 1
    st = _submit(ctrl, qtbot, lambda v: v.sync_status())
    assert st["pending_changes"] == 0 and st["pending_files"] == 0


class _RandomFile(io.RawIOBase):
    """`size` random bytes read in chunks, made as they are read: a large file without
    holding it in memory (nor on disk outside the vault)."""

    def __init__(self, size: int):
        self.left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        n = min(len(buf), self.left, 1 << 20)
        buf[:n] = os.urandom(n)
        self.left -= n
        return n


def _big_evidence(ctrl, qtbot, size: int) -> str:
    session = ctrl.session

    def op(vault):
        from desktop.vault import NewFile

        code = vault.create_case().code
        svc = session.records(vault)
        saved = svc.create("evidence", {"title": "큰 파일", "kind": "video",
                                        "found_date": "2026-03-02"}, case=code)
        svc.attach(saved.id, NewFile(_RandomFile(size), "video.bin", None))
        return code
    return _submit(ctrl, qtbot, op)


def test_locking_during_an_upload_abandons_it_and_the_next_session_finishes_it(
        make_ctrl, vault_home, qtbot, srv, proxy):
    from ui import sync_runner

    ctrl, main = _start(make_ctrl, qtbot)
    worker = WORKER  # a code enrolls only its own worker's vault
    _enroll(ctrl, main, qtbot, srv, proxy, worker)
    qtbot.waitUntil(lambda: _status(main) == UP_TO_DATE, timeout=LONG_MS)
    files_before = server_status(srv)["files"]
    proxy.up.bandwidth = 2 * 1024 * 1024
    _big_evidence(ctrl, qtbot, 24 * 1024 * 1024)
    runner = main.sync_runner
    qtbot.waitUntil(lambda: (runner.state.sent_bytes or 0) > 0, timeout=LONG_MS)

    ctrl.lock("manual")
    assert ctrl.unlock_window.isVisible()
    qtbot.waitUntil(lambda: not ctrl.tasks.has_vault, timeout=LONG_MS)
    # the round gives up at its next step (a chunk's end); its thread ends by itself
    qtbot.waitUntil(lambda: not sync_runner._threads, timeout=LONG_MS)

    proxy.up.bandwidth = None
    main = unlock(ctrl, qtbot)
    qtbot.waitUntil(lambda: _status(main) == UP_TO_DATE, timeout=LONG_MS)
    assert server_status(srv)["files"] == files_before + 1
    st = _submit(ctrl, qtbot, lambda v: v.sync_status())
    assert st["pending_files"] == 0 and st["pending_changes"] == 0


def test_a_signed_wipe_order_wipes_the_vault_and_says_so(make_ctrl, vault_home, qtbot, srv,
                                                         proxy):
    from desktop.vault.layout import paths_for
    from tests.sync.conftest import PASSPHRASE as ORG_PASSPHRASE
    from ui import dialogs

    ctrl, main = _start(make_ctrl, qtbot)
    worker = WORKER  # a code enrolls only its own worker's vault
    device = _enroll(ctrl, main, qtbot, srv, proxy, worker)
    qtbot.waitUntil(lambda: _status(main) == UP_TO_DATE, timeout=LONG_MS)
    pw = srv.data.parent / "passphrase"
    assert pw.read_text(encoding="utf-8").strip() == ORG_PASSPHRASE
    proc = cli("revoke", "--data", str(srv.data), "--device", device["id"], "--mode", "lost",
               "--org-key", str(srv.keydir / "signing.key"), "--passphrase-file", str(pw),
               "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    folder = paths_for(ctrl.home, WORKER).folder
    assert folder.exists()
    dialogs.set_next_answer(None)  # the one sentence, acknowledged
    main.sync_runner.request()
    qtbot.waitUntil(lambda: ctrl.main_window is None, timeout=LONG_MS)
    assert ("inform", "Donghaeng", "this laptop's vault was wiped on the center's order") \
        in dialogs.history
    qtbot.waitUntil(lambda: not ctrl.tasks.has_vault, timeout=LONG_MS)
    assert not folder.exists() and WORKER not in ctrl.workers()
    # it was the laptop's only account: the first-run screen
    qtbot.waitUntil(lambda: ctrl.first_run_window is not None
                    and ctrl.first_run_window.isVisible(), timeout=LONG_MS)
