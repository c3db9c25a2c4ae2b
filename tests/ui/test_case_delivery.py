"""Per-record delivery state in the case view (issue 14): real widgets, a real vault, a real
`server run` on 127.0.0.1 behind the fault proxy. Not enrolled: no delivery column, no
line. Enrolled while the server cannot be reached: "on this laptop"; once a round gets
through, "delivered" with the receipt's time and server number, read again when the round
finishes (a receipt changes no record, so the change feed alone would not); a file
attached while the server is down: "files 0/1"; after the next round, "all files there"."""
from __future__ import annotations

import io
import json
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import Qt

from desktop.records_service import RecordsService
from desktop.vault import Vault
from forms.examples import example
from tests.e2e.cli_helpers import run_cli
from tests.sync.conftest import cli, served
from tests.sync.faultproxy import FaultProxy
from tests.ui.helpers import PASSPHRASE, WAIT_MS, WORKER, unlock, wait_idle

CODE = "DLV-2026-0007"
LONG_MS = 120_000


@pytest.fixture(scope="module", params=["sqlite"])
def srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "uidelivery") as s:
        yield s


def _record(home) -> str:
    v = Vault.open(home, WORKER, PASSPHRASE)
    try:
        return RecordsService(v).create("companion_session", example("companion_session"),
                                        case=CODE).id
    finally:
        v.lock()


def _enroll(srv, home, url: str) -> None:
    proc = cli("enroll", "--data", str(srv.data), "--worker", WORKER, "--json")
    assert proc.returncode == 0, proc.stderr
    sheet = json.loads(proc.stdout)
    r = run_cli("sync", "enroll", "--server", url, "--code", sheet["code"], "--fingerprint",
                sheet["fingerprint"], home=home, passphrase=PASSPHRASE)
    assert r.code == 0, r.err


def _open(ctrl, qtbot, main):
    main.open_case(CODE)
    wait_idle(ctrl, qtbot)
    cv = main.case_view
    qtbot.waitUntil(lambda: cv.current is not None, timeout=WAIT_MS)
    wait_idle(ctrl, qtbot)
    return cv


def _cell(cv) -> str:
    tl = cv.timeline
    return tl.data(tl.index(0, 4)) if tl.columnCount() > 4 else ""


def test_not_enrolled_shows_no_delivery(make_ctrl, vault_home, qtbot):
    _record(vault_home)
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    cv = _open(ctrl, qtbot, main)
    assert cv.timeline.columnCount() == 4
    assert not cv.delivery_line.isVisible() and cv.delivery_line.text() == ""


def test_local_delivered_files_in_the_case_view(srv, make_ctrl, vault_home, qtbot):
    rid = _record(vault_home)
    with FaultProxy("127.0.0.1", urlsplit(srv.url).port or 0) as proxy:
        _enroll(srv, vault_home, proxy.url_for())
        proxy.refuse = True  # the server is out of reach when the app starts
        ctrl = make_ctrl("en")
        main = unlock(ctrl, qtbot)
        wait_idle(ctrl, qtbot)
        main.sync_runner.debounce.setInterval(300)
        cv = _open(ctrl, qtbot, main)
        assert cv.timeline.columnCount() == 5
        assert cv.timeline.headerData(4, Qt.Orientation.Horizontal) == "Delivery"
        assert _cell(cv) == "on this laptop"
        assert cv.delivery_line.isVisible()
        assert cv.delivery_line.text() == \
            "Saved on this laptop — not yet delivered to the server"

        proxy.refuse = False
        main.sync_runner.request()
        qtbot.waitUntil(lambda: _cell(cv) == "delivered", timeout=LONG_MS)
        d = ctrl.tasks.call(lambda v: v.delivery_of_record(rid))
        assert d.state == "delivered" and d.server_seq
        line = cv.delivery_line.text()
        assert line.startswith("Delivered to the server ")
        assert f"(server no. {d.server_seq})" in line

        # a file attached while the server is down: delivered, its file not yet there
        proxy.refuse = True
        ctrl.session.submit(lambda v: v.import_attachment(
            rid, io.BytesIO(b"\x89PNG" + bytes(4000)), "photo.png"))
        qtbot.waitUntil(lambda: _cell(cv) == "delivered · files 0/1", timeout=LONG_MS)
        assert cv.delivery_line.text().endswith(" · files 0/1")

        proxy.refuse = False
        main.sync_runner.request()
        qtbot.waitUntil(lambda: _cell(cv) == "delivered · all files there", timeout=LONG_MS)
        assert cv.delivery_line.text().endswith(" · all files there")
        assert cv.timeline.data(cv.timeline.index(0, 4), Qt.ItemDataRole.ToolTipRole) == \
            cv.delivery_line.text()
