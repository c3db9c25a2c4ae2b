"""The unlock window's "passphrase forgotten? (supervisor recovery)" with real widgets,
offscreen: the supervisor gives the recovery key file and its passphrase, the worker a new
passphrase; the worker then unlocks with it and every record is there. A sealing key is
refused in the dialog with nothing changed. Screenshots 32-recovery-{en,ko}.png go to
DONGHAENG_FLOW_SHOTS when set (`DONGHAENG_FLOW_SHOTS=docs/screenshots`), else into the
test's temporary folder."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from crypto.kdf import CHEAP
from tests.e2e.cli_helpers import snapshot
from tests.ui.helpers import PASSPHRASE, WAIT_MS, WORKER, type_text, unlock, wait_idle

KEY_PASS = "센터 복구 키 암호 2026"
NEW = "새로 정한 암호로 다시 봄 2026"


@pytest.fixture
def keydir(tmp_path):
    """A recovery key file and a sealing key file as `server init` writes them (cheap KDF)."""
    from sync.server import orgkeys
    from sync.server.files import write_new

    out = tmp_path / "orgkeys"
    out.mkdir()
    pairs = {p: orgkeys.generate(p) for p in ("recovery", "sealing")}
    for purpose, pair in pairs.items():
        write_new(out / f"{purpose}.key",
                  orgkeys.key_file_bytes(pair, KEY_PASS, CHEAP, "동행 테스트 센터"))
    return out, pairs["recovery"].public_raw


@pytest.fixture
def enrolled_home(vault_home, keydir):
    """The worker's vault with records and the recovery slot enrollment would add."""
    from desktop.vault import Vault
    from desktop.vault.recovery import add_recovery_slot

    with Vault.open(vault_home, WORKER, PASSPHRASE) as v:
        ids = [v.put_record("intake", 1, {"memo": f"기록 {i}"}, case_code=f"UI-{i}").id
               for i in range(3)]
        add_recovery_slot(v, keydir[1])
    return vault_home, ids


def _shots(tmp_path: Path) -> Path:
    out = Path(os.environ.get("DONGHAENG_FLOW_SHOTS") or tmp_path / "shots")
    out.mkdir(parents=True, exist_ok=True)
    return out


def _open_dialog(ctrl, qtbot):
    w = ctrl.unlock_window
    qtbot.waitUntil(lambda: w.account.findData(WORKER) >= 0, timeout=WAIT_MS)
    w.account.setCurrentIndex(w.account.findData(WORKER))
    assert w.forgot.isVisible() and w.forgot.isEnabled()
    qtbot.mouseClick(w.forgot, Qt.MouseButton.LeftButton)
    dlg = ctrl.recovery_dialog
    qtbot.waitUntil(dlg.isVisible, timeout=WAIT_MS)
    return dlg


def _fill(qtbot, dlg, key: Path, key_pass: str, new: str) -> None:
    dlg.key_file.setText(str(key))  # what "Choose…" puts there (Qt's own file dialog)
    for edit, text in ((dlg.key_passphrase, key_pass), (dlg.new, new), (dlg.again, new)):
        edit.clear()
        type_text(qtbot, edit, text)


def _ok(dlg) -> None:
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


@pytest.mark.parametrize("ui_lang", ["en", "ko"])
def test_supervisor_recovery_from_the_unlock_window(make_ctrl, enrolled_home, keydir, qtbot,
                                                    tmp_path, ui_lang):
    home, ids = enrolled_home
    ctrl = make_ctrl(ui_lang)
    dlg = _open_dialog(ctrl, qtbot)
    assert any(WORKER in lab.text() for lab in dlg.findChildren(QLabel))

    # a sealing key is refused in the dialog, and nothing on disk changes
    before = snapshot(home)
    _fill(qtbot, dlg, keydir[0] / "sealing.key", KEY_PASS, NEW)
    _ok(dlg)
    qtbot.waitUntil(lambda: not dlg.running and "sealing" in dlg.message.text(),
                    timeout=WAIT_MS)
    wait_idle(ctrl, qtbot)
    assert snapshot(home) == before
    # the new passphrase must follow the rules of changing it
    _fill(qtbot, dlg, keydir[0] / "recovery.key", KEY_PASS, "short")
    _ok(dlg)
    assert not dlg.running and dlg.message.text()
    assert snapshot(home) == before

    _fill(qtbot, dlg, keydir[0] / "recovery.key", KEY_PASS, NEW)
    dlg.message.setText("")
    dlg.adjustSize()
    dlg.grab().save(str(_shots(tmp_path) / f"32-recovery-{ui_lang}.png"))
    _ok(dlg)
    qtbot.waitUntil(lambda: dlg.succeeded, timeout=WAIT_MS)
    assert dlg.key_passphrase.text() == dlg.new.text() == ""  # no secret left in a widget
    _ok(dlg)  # "Close"
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=WAIT_MS)
    w = ctrl.unlock_window
    assert w.error.text() and w.error.text() != dlg.result_text  # the window's own note
    assert w.error.height() >= w.error.heightForWidth(w.error.width())  # not clipped
    w.grab().save(str(_shots(tmp_path) / f"32-recovery-done-{ui_lang}.png"))

    main = unlock(ctrl, qtbot, passphrase=NEW)
    wait_idle(ctrl, qtbot)
    assert main.isVisible()
    from desktop.vault import Vault
    from desktop.vault.errors import WrongPassphrase

    with Vault.open(home, WORKER, NEW) as v:  # a second handle beside the app's
        assert [v.get_record(i).values for i in ids] == [{"memo": f"기록 {i}"} for i in
                                                          range(3)]
    with pytest.raises(WrongPassphrase):
        Vault.open(home, WORKER, PASSPHRASE)
