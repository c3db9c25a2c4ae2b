"""Revocation and wipe orders in the app (issue 14, "Wipe"), on real widgets, a real vault
and a real `server run` over HTTPS on 127.0.0.1 behind the fault proxy: a `retire` order
given while the laptop still holds unsent work waits for the next round to send it all,
then wipes and the app goes back to the first-run screen; a `lost` order leaves the other
accounts of the laptop to unlock; a wipe order the organisation did not sign, and a plain
refusal, wipe nothing, the status line says to ask the center, and the GUI keeps working.

The engine's side (both server backends, the receipts) is tested in tests/sync/test_revoke.py;
the server runs on SQLite only here."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.sync.conftest import cli, served
from tests.sync.faultproxy import FaultProxy
from tests.sync.servers import db, set_state
from tests.sync.test_revoke import _forge
from tests.ui.helpers import PASSPHRASE, WORKER
from tests.ui.test_sync_app import (
    LONG_MS,
    OFFLINE,
    REFUSED,
    UP_TO_DATE,
    _device,
    _enroll,
    _put_evidence,
    _start,
    _status,
    _submit,
)

WIPED = "this laptop's vault was wiped on the center's order"
NOT_ALLOWED = "this laptop is not allowed to sync; ask the center"
# the server's own refusal of a blocked device (sync/server/auth.py)
BLOCKED = "not allowed to sync; ask the center"
OTHER = "박서연"  # another worker's account on the same laptop


@pytest.fixture(scope="module", params=["sqlite"])
def srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "uirevoke") as s:
        yield s


@pytest.fixture
def proxy(srv):
    with FaultProxy("127.0.0.1", urlsplit(srv.urls[-1]).port or 0) as p:
        yield p


def _revoke(srv, device_id: str, mode: str, *, org_key: bool) -> str:
    args = ["revoke", "--data", str(srv.data), "--device", device_id, "--mode", mode,
            "--lang", "en"]
    if org_key:
        args += ["--org-key", str(srv.keydir / "signing.key"), "--passphrase-file",
                 str(srv.data.parent / "passphrase")]
    proc = cli(*args)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _records(ctrl, qtbot) -> int:
    return len(_submit(ctrl, qtbot, lambda v: v.list_records()))


def _one_round(main, qtbot) -> None:
    """Sync now, once nothing else is running or due, and wait for that round's end."""
    runner = main.sync_runner
    qtbot.waitUntil(lambda: not runner.running and not runner.debounce.isActive(),
                    timeout=LONG_MS)
    with qtbot.waitSignal(runner.round_finished, timeout=LONG_MS):
        runner.request()


def _wiped_by_the_next_round(ctrl, main, qtbot) -> None:
    from ui import dialogs

    dialogs.set_next_answer(None)  # the one sentence, acknowledged
    main.sync_runner.request()
    qtbot.waitUntil(lambda: ctrl.main_window is None, timeout=LONG_MS)
    assert ("inform", "Donghaeng", WIPED) in dialogs.history
    qtbot.waitUntil(lambda: not ctrl.tasks.has_vault, timeout=LONG_MS)


def test_retire_sends_the_unsent_work_then_wipes_and_shows_the_first_run_screen(
        make_ctrl, vault_home, qtbot, srv, proxy):
    from desktop.vault.layout import paths_for

    ctrl, main = _start(make_ctrl, qtbot)
    device = _enroll(ctrl, main, qtbot, srv, proxy, WORKER)
    qtbot.waitUntil(lambda: _status(main) == UP_TO_DATE, timeout=LONG_MS)
    sent_before = _device(srv, WORKER)["changes"]

    # the hotspot drops while the worker saves: the record waits on the laptop
    proxy.refuse = True
    _put_evidence(ctrl, qtbot, "saved with no connection")
    qtbot.waitUntil(lambda: _status(main).startswith(OFFLINE), timeout=LONG_MS)
    waiting = _submit(ctrl, qtbot, lambda v: v.sync_status())["pending_changes"]
    assert waiting >= 2  # the case and the record

    # the center retires the laptop, with the organisation's key: a wipe order queued
    out = _revoke(srv, device["id"], "retire", org_key=True)
    assert "state: retiring" in out and "wipe-order: " in out
    assert _device(srv, WORKER)["wipe"] == "queued"  # not handed out while work waits
    folder = paths_for(ctrl.home, WORKER).folder
    assert folder.exists()

    proxy.refuse = False
    _wiped_by_the_next_round(ctrl, main, qtbot)
    # everything went first: the server holds the record's change
    d = _device(srv, WORKER)
    assert d["changes"] == sent_before + waiting and d["changes"] == d["seq"]
    assert d["state"] == "wiped" and d["wipe"] == "confirmed"
    assert not folder.exists() and ctrl.workers() == []
    # no account left: the first-run screen, not an unlock window with an empty list
    qtbot.waitUntil(lambda: ctrl.first_run_window is not None
                    and ctrl.first_run_window.isVisible(), timeout=LONG_MS)
    assert ctrl.unlock_window is None or not ctrl.unlock_window.isVisible()


def test_lost_wipes_this_account_and_leaves_the_others_to_unlock(
        make_ctrl, vault_home, qtbot, srv, proxy):
    from crypto.kdf import CHEAP
    from desktop.vault import Vault
    from desktop.vault.layout import paths_for

    Vault.create(vault_home, OTHER, PASSPHRASE, kdf=CHEAP).lock()
    ctrl, main = _start(make_ctrl, qtbot)
    device = _enroll(ctrl, main, qtbot, srv, proxy, WORKER)
    qtbot.waitUntil(lambda: _status(main) == UP_TO_DATE, timeout=LONG_MS)
    assert "wipe-order: " in _revoke(srv, device["id"], "lost", org_key=True)

    _wiped_by_the_next_round(ctrl, main, qtbot)
    assert not paths_for(ctrl.home, WORKER).folder.exists()
    assert paths_for(ctrl.home, OTHER).keyslots.is_file()
    assert _device(srv, WORKER)["state"] == "wiped"
    # the other account is still there to unlock
    w = ctrl.unlock_window
    qtbot.waitUntil(lambda: w is not None and w.isVisible(), timeout=LONG_MS)
    assert [w.account.itemData(i) for i in range(w.account.count())] == [OTHER]
    assert ctrl.first_run_window is None


def test_a_forged_wipe_order_or_a_plain_refusal_wipes_nothing(
        make_ctrl, vault_home, qtbot, srv, proxy):
    from desktop.vault.layout import paths_for
    from sync.protocol import utc_text, wipe_order_text
    from sync.server import identity
    from ui import dialogs

    ctrl, main = _start(make_ctrl, qtbot)
    device = _enroll(ctrl, main, qtbot, srv, proxy, WORKER)
    qtbot.waitUntil(lambda: _status(main) == UP_TO_DATE, timeout=LONG_MS)
    code = _put_evidence(ctrl, qtbot, "kept whatever the server says")
    qtbot.waitUntil(lambda: _device(srv, WORKER)["changes"] > device["changes"]
                    and _status(main) == UP_TO_DATE, timeout=LONG_MS)
    records = _records(ctrl, qtbot)
    paths = paths_for(ctrl.home, WORKER)

    def refused_and_intact(detail: str) -> None:
        _one_round(main, qtbot)
        # a round queued behind ours (a save's) may be running: its end is the state
        qtbot.waitUntil(lambda: not main.sync_runner.running, timeout=LONG_MS)
        assert main.sync_runner.state.problem == "refused"
        # the line says to ask the center; its tooltip, the reason in one line
        assert _status(main) == REFUSED
        tip = main.sync_status.label.toolTip()
        assert detail in tip and "\n" not in tip and "Traceback" not in tip
        assert ctrl.main_window is main and main.isVisible()
        assert paths.folder.is_dir() and paths.keyslots.is_file()
        assert _records(ctrl, qtbot) == records
        assert not [h for h in dialogs.history if WIPED in h[2]]

    # a breached server blocks the laptop and sends a wipe order signed by another key
    _revoke(srv, device["id"], "lost", org_key=False)
    with db(srv) as s:
        epoch = identity.load(s).epoch
    text = wipe_order_text(epoch, device["id"], "lost", str(uuid.uuid4()),
                           utc_text(datetime.now(UTC)))
    _forge(srv, device["id"], text, Ed25519PrivateKey.generate().sign)
    refused_and_intact(NOT_ALLOWED)
    assert "nothing was deleted" in main.sync_status.label.toolTip()

    # the GUI keeps answering: another page, a save, the case still opens
    main.show_page("drafts")
    qtbot.waitUntil(lambda: main.stack.currentWidget() is main.page("drafts"),
                    timeout=LONG_MS)
    _put_evidence(ctrl, qtbot, "saved while refused")
    records += 1
    main.open_case(code)
    qtbot.waitUntil(lambda: main.case_view is not None
                    and main.stack.currentWidget() is main.case_view, timeout=LONG_MS)

    # a plain refusal (the device wiped on the server's side, no order): nothing either
    set_state(srv, device["id"], "wiped")
    refused_and_intact(BLOCKED)
    assert _submit(ctrl, qtbot, lambda v: v.sync_status())["pending_changes"] > 0
