"""The desk's Workers page (issue 14, "The center's desk"), on real widgets, a real vault
enrolled as the center's desk and a real `server run` over HTTPS on 127.0.0.1 (SQLite: the
server's side is tested on both backends in tests/sync/test_overview.py): the entry shows
only on a desk, the page lists each worker with team, laptops, last sync, what waits and
conflicts, when a laptop's passphrase was reset with the recovery key (as `desk workers`
shows it), fetched off the GUI thread, and refreshes after a sync round."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from tests.e2e.cli_helpers import run_cli
from tests.sync.conftest import PASSPHRASE as KEY_PASSPHRASE
from tests.sync.conftest import cli, served
from tests.sync.laptops import enroll, new_laptop
from tests.sync.test_round import _session
from tests.ui.helpers import PASSPHRASE, WORKER, unlock, wait_idle

LONG_MS = 120_000


@pytest.fixture(scope="module", params=["sqlite"])
def srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "uiworkers") as s:
        yield s


def _enroll_app_vault(srv, home, role: str) -> None:
    """The app's vault enrolled through the CLI, as a center sets up its desk PC."""
    proc = cli("enroll", "--data", str(srv.data), "--worker", WORKER, "--role", role,
               "--json")
    assert proc.returncode == 0, proc.stderr
    sheet = json.loads(proc.stdout)
    r = run_cli("--worker", WORKER, "sync", "enroll", "--server", srv.url, "--code",
                sheet["code"], "--fingerprint", sheet["fingerprint"], home=home,
                passphrase=PASSPHRASE)
    assert r.code == 0, r.err


def _worker(srv, tmp_path, name: str, worker: str, team: str, case: str):
    lap = new_laptop(tmp_path, name, worker)
    lap.put(tmp_path, "companion_session", _session("경찰서", f"{worker}이 작성한 동행 기록입니다"),
            case=case)
    enroll(srv, lap, team=team)
    lap.json("sync")
    return lap


def _nav_item(main):
    nav = main.nav
    return next(nav.item(i) for i in range(nav.count())
                if nav.item(i).data(Qt.ItemDataRole.UserRole) == "workers")


def _cells(view) -> dict[str, list[str]]:
    t = view.table
    return {t.item(r, 0).text(): [t.item(r, c).text() for c in range(t.columnCount())]
            for r in range(t.rowCount())}


def test_the_desk_sees_its_workers_and_the_page_follows_sync_rounds(
        srv, tmp_path, vault_home, make_ctrl, qtbot):
    hanbyeol = _worker(srv, tmp_path, "w1", "한별", "서부팀", "HB-2026-0001")
    _enroll_app_vault(srv, vault_home, "desk")
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    item = _nav_item(main)
    qtbot.waitUntil(lambda: not item.isHidden(), timeout=LONG_MS)
    assert item.text() == "Workers"
    main.nav.setCurrentItem(item)            # as a click on the entry does
    view = main.page("workers")
    assert main.stack.currentWidget() is view
    qtbot.waitUntil(lambda: "한별" in _cells(view), timeout=LONG_MS)
    name, team, laptops, last, changes, files, conflicts, recovered = _cells(view)["한별"]
    assert (team, laptops, changes, files, conflicts) == ("서부팀", "1", "0", "0", "0")
    assert recovered == ""                   # never reset with the recovery key
    assert last and last != "never"
    assert WORKER not in _cells(view)        # the desk itself is not one of the workers
    assert "As of" in view.note.text()

    # another worker syncs; the desk's next round refreshes the shown page
    _worker(srv, tmp_path, "w2", "이솔", "동부팀", "IS-2026-0001")
    assert "이솔" not in _cells(view)
    main.sync_runner.request()
    qtbot.waitUntil(lambda: "이솔" in _cells(view), timeout=LONG_MS)
    assert _cells(view)["이솔"][1] == "동부팀"

    # 한별 forgot her passphrase: a supervisor resets it with the recovery key, her laptop
    # reports it at its next sync, and the desk's page shows when (desk workers does too)
    key_pw = tmp_path / "key-passphrase"
    key_pw.write_text(KEY_PASSPHRASE + "\n", encoding="utf-8")
    new = "새 암호를 정했습니다 2026 서쪽바다!"
    r = run_cli("vault", "recover", "--recovery-key", srv.keydir / "recovery.key",
                "--key-passphrase-file", key_pw, "--worker", hanbyeol.worker,
                home=hanbyeol.home, env={"DONGHAENG_NEW_PASSPHRASE": new}, timeout=180)
    assert r.code == 0, r.err
    r = run_cli("sync", home=hanbyeol.home, passphrase=new, timeout=180)
    assert r.code == 0, r.err
    main.sync_runner.request()
    qtbot.waitUntil(lambda: _cells(view)["한별"][7] != "", timeout=LONG_MS)
    t = view.table
    row = next(i for i in range(t.rowCount()) if t.item(i, 0).text() == "한별")
    assert t.horizontalHeaderItem(7).text() == "Passphrase recovered"
    assert "recovery key" in t.item(row, 7).toolTip()
    assert _cells(view)["이솔"][7] == ""
    wait_idle(ctrl, qtbot)


def test_a_workers_laptop_has_no_workers_page(srv, vault_home, make_ctrl, qtbot):
    _enroll_app_vault(srv, vault_home, "worker")
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    qtbot.waitUntil(lambda: main.sync_runner.state.known, timeout=LONG_MS)
    wait_idle(ctrl, qtbot)
    assert _nav_item(main).isHidden()
    # asked anyway (a stale entry), the page says so in one line, no table rows
    view = main.page("workers")
    view.reload()
    qtbot.waitUntil(lambda: view.job is None and view.error is not None, timeout=LONG_MS)
    assert view.note.text() == "the overview of workers is shown on the center's desk only"
    assert view.table.rowCount() == 0
