"""Background sync on a metered network and the center's offline lease at unlock (issue 14),
on real widgets, a real vault and a real `server run` (SQLite) behind the fault proxy.

Metered: the runner is told the network is metered through its setting (the network
watch's `force`, what DONGHAENG_NETWORK=metered says at start); the size comes from
Settings. Large files wait ("1 file(s) (3.0 MB) wait for Wi-Fi"), are still pending, and
"Send now" sends them; Wi-Fi coming back sends the next one by itself.

Lease: `server policy --offline-lease-days 10`, delivered by the app's rounds; the clock is
moved by storing an older last contact in the vault (its API). Two days before the end the
worker is told (once, at unlock) and the status bar says it; past the end the vault does
not open, the unlock window offers the online check, which fails while the server is out of
reach and opens the app once it answers."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import Qt

from tests.sync.conftest import cli, served
from tests.sync.faultproxy import FaultProxy
from tests.sync.laptops import server_status
from tests.ui.helpers import PASSPHRASE, WORKER, type_text, unlock, wait_idle
from tests.ui.test_sync_app import (
    LONG_MS,
    UP_TO_DATE,
    _big_evidence,
    _enroll,
    _start,
    _status,
    _submit,
)

MiB = 1024 * 1024


@pytest.fixture(params=["sqlite"])
def srv(request, tmp_path_factory):
    # a server of each test's own: its lease policy reaches no other test's laptops, and
    # each test's laptop is the one device of the vault's worker (enrollment codes name
    # the worker)
    with served(request, tmp_path_factory, "uimetered") as s:
        yield s


@pytest.fixture
def proxy(srv):
    with FaultProxy("127.0.0.1", urlsplit(srv.urls[-1]).port or 0) as p:
        yield p


def _files(srv) -> int:
    return server_status(srv)["files"]


def test_large_files_wait_for_wifi_on_a_metered_network_and_send_now_sends_them(
        make_ctrl, vault_home, qtbot, srv, proxy):
    ctrl, main = _start(make_ctrl, qtbot)
    runner, status = main.sync_runner, main.sync_status
    runner.network.force(True)  # this network is metered (a phone hotspot)
    # Settings: files over 1 MB wait for Wi-Fi
    main.show_page("settings")
    settings = main.page("settings")
    wait_idle(ctrl, qtbot)
    assert settings.metered.value() == 20  # the default
    settings.metered.setValue(1)
    qtbot.mouseClick(settings.apply, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: settings.saved.text() == "Saved.", timeout=LONG_MS)
    _enroll(ctrl, main, qtbot, srv, proxy, WORKER)
    qtbot.waitUntil(lambda: _status(main) == UP_TO_DATE, timeout=LONG_MS)
    before = _files(srv)

    _big_evidence(ctrl, qtbot, 3 * MiB)
    qtbot.waitUntil(lambda: _status(main) == "1 file(s) (3.0 MB) wait for Wi-Fi",
                    timeout=LONG_MS)
    assert status.send_held.isVisible() and status.send_held.text() == "Send now"
    assert _files(srv) == before
    st = _submit(ctrl, qtbot, lambda v: v.sync_status())
    assert st["pending_changes"] == 0 and st["pending_files"] == 1  # still pending
    runner.request()  # another round on the same network: still waiting
    qtbot.waitUntil(lambda: not runner.running, timeout=LONG_MS)
    qtbot.waitUntil(lambda: _status(main) == "1 file(s) (3.0 MB) wait for Wi-Fi",
                    timeout=LONG_MS)
    assert _files(srv) == before

    qtbot.mouseClick(status.send_held, Qt.MouseButton.LeftButton)  # the worker says go
    qtbot.waitUntil(lambda: _status(main) == UP_TO_DATE and not runner.running,
                    timeout=LONG_MS)
    assert _files(srv) == before + 1 and not status.send_held.isVisible()
    assert _submit(ctrl, qtbot, lambda v: v.sync_status())["pending_files"] == 0

    # the next large file waits again (Send now was for one round) … until Wi-Fi
    _big_evidence(ctrl, qtbot, 2 * MiB)
    qtbot.waitUntil(lambda: _status(main) == "1 file(s) (2.0 MB) wait for Wi-Fi",
                    timeout=LONG_MS)
    ctrl.set_language("ko")
    qtbot.waitUntil(lambda: _status(main) == "파일 1개 (2.0 MB)가 Wi-Fi를 기다립니다",
                    timeout=LONG_MS)
    assert status.send_held.text() == "지금 보내기"
    ctrl.set_language("en")
    runner.network.force(False)
    qtbot.waitUntil(lambda: _status(main) == UP_TO_DATE and not runner.running,
                    timeout=LONG_MS)
    assert _files(srv) == before + 2


def _age(ctrl, qtbot, days: float) -> None:
    from desktop.syncing import lease

    when = datetime.now(UTC) - timedelta(days=days)
    _submit(ctrl, qtbot, lambda v: lease.set_last_contact(v, when))


def _lock(ctrl, qtbot) -> None:
    ctrl.lock("manual")
    qtbot.waitUntil(lambda: not ctrl.tasks.has_vault, timeout=LONG_MS)


def _try_unlock(ctrl, qtbot, button: str = "unlock") -> None:
    w = ctrl.unlock_window
    qtbot.waitUntil(lambda: w.account.findData(WORKER) >= 0 and w.unlock.isEnabled(),
                    timeout=LONG_MS)
    if button == "unlock":
        w.passphrase.clear()
        type_text(qtbot, w.passphrase, PASSPHRASE)
    qtbot.mouseClick(getattr(w, button), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctrl.main_window is not None or
                    (not w.busy.running and bool(w.error.text())), timeout=LONG_MS)


def test_past_the_lease_the_app_opens_only_after_an_online_check(
        make_ctrl, vault_home, qtbot, srv, proxy):
    from desktop.syncing import lease
    from ui import dialogs

    proc = cli("policy", "--data", str(srv.data), "--offline-lease-days", "10")
    assert proc.returncode == 0, proc.stderr
    try:
        ctrl, main = _start(make_ctrl, qtbot)
        _enroll(ctrl, main, qtbot, srv, proxy, WORKER)
        qtbot.waitUntil(lambda: _status(main) == UP_TO_DATE, timeout=LONG_MS)
        held = _submit(ctrl, qtbot, lease.read)
        assert held.days == 10 and held.state() == "ok"
        assert not main.sync_status.lease.isVisible()

        # eight days without contact, the server out of reach: told at unlock, once
        _age(ctrl, qtbot, 8)
        proxy.refuse = True
        _lock(ctrl, qtbot)
        dialogs.clear()
        dialogs.set_next_answer(None)
        main = unlock(ctrl, qtbot)
        warning = ("The center's policy: connect within 2 day(s) or this laptop will need "
                   "an online check to open")
        qtbot.waitUntil(lambda: ("inform", "Donghaeng", warning + ".") in dialogs.history,
                        timeout=LONG_MS)
        qtbot.waitUntil(lambda: main.sync_status.lease.text() == warning, timeout=LONG_MS)
        assert main.sync_status.lease.isVisible()
        _lock(ctrl, qtbot)
        dialogs.clear()
        main = unlock(ctrl, qtbot)  # the same contact: no second notice
        qtbot.waitUntil(lambda: main.sync_status.lease.text() == warning, timeout=LONG_MS)
        wait_idle(ctrl, qtbot)
        assert not [h for h in dialogs.history if h[0] == "inform"]

        # past the lease: the vault does not open, the online check is offered
        _age(ctrl, qtbot, 11)
        _lock(ctrl, qtbot)
        _try_unlock(ctrl, qtbot)
        w = ctrl.unlock_window
        assert ctrl.main_window is None and w.check.isVisible()
        assert w.error.text().startswith("The center's policy: this laptop has not reached "
                                         "the center's server for over 10 day(s)")
        assert "a supervisor's recovery does not exist yet" in w.error.text()
        qtbot.waitUntil(lambda: not ctrl.tasks.has_vault, timeout=LONG_MS)

        _try_unlock(ctrl, qtbot, "check")  # still out of reach
        assert ctrl.main_window is None and w.check.isVisible()
        assert w.error.text().startswith("The online check did not succeed: ")
        qtbot.waitUntil(lambda: not ctrl.tasks.has_vault, timeout=LONG_MS)

        proxy.refuse = False
        _try_unlock(ctrl, qtbot, "check")
        qtbot.waitUntil(lambda: ctrl.main_window is not None
                        and ctrl.main_window.isVisible(), timeout=LONG_MS)
        after = _submit(ctrl, qtbot, lease.read)
        assert after.state() == "ok"
        assert not w.check.isVisible() or not w.isVisible()
    finally:
        cli("policy", "--data", str(srv.data), "--offline-lease-days", "off")
