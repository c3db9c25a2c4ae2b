"""The Exports screen on real widgets and a real vault (issue 14, "Exports"): an export made
through the export dialog is listed (case, profile, recipient, state "not yet
timestamped"), "Save again…" writes the same bytes (SHA-256) to the file the worker picks,
"Open case" opens its case; Korean texts; an empty vault says how exports are made."""
from __future__ import annotations

import hashlib

from PySide6.QtCore import Qt

from desktop.vault import Vault
from tests.e2e.test_export_vault import CASE, build_case
from tests.ui.helpers import PASSPHRASE, WAIT_MS, WORKER, unlock, wait_idle
from ui import dialogs


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _with_case(home) -> None:
    from forms import load_registry

    v = Vault.open(home, WORKER, PASSPHRASE)
    try:
        build_case(v, load_registry())
    finally:
        v.lock()


def _export(ctrl, qtbot, main, target):
    dlg = main.export_case(CASE)
    qtbot.waitUntil(dlg.isVisible, timeout=WAIT_MS)
    dlg.target.setText(str(target))
    dlg.recipient.setText("서울중앙지방법원")
    dlg.start_export()
    qtbot.waitUntil(lambda: dlg.result is not None, timeout=120_000)
    wait_idle(ctrl, qtbot)
    result = dlg.result
    dlg.close()
    return result


def _exports_page(ctrl, qtbot, main):
    main.show_page("exports")
    view = main.page("exports")
    wait_idle(ctrl, qtbot)
    return view


def test_listed_saved_again_identical_and_opens_its_case(make_ctrl, vault_home, qtbot,
                                                         tmp_path):
    _with_case(vault_home)
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    result = _export(ctrl, qtbot, main, tmp_path / "given.pdf")
    assert result.export_id

    view = _exports_page(ctrl, qtbot, main)
    assert main.stack.currentWidget() is view
    m = view.model
    assert m.rowCount() == 1 and view.table.isVisible() and not view.empty.isVisible()
    cells = [m.data(m.index(0, c)) for c in range(m.columnCount())]
    assert cells[1:] == [CASE, "for the court", "서울중앙지방법원", "given.pdf",
                         "not yet timestamped"]
    assert m.headerData(5, Qt.Orientation.Horizontal) == "State"
    assert view.save.isEnabled() and view.open_case.isEnabled()

    # the file given out is lost: Save again writes the same bytes where the worker says
    (tmp_path / "given.pdf").unlink()
    again = tmp_path / "again.pdf"
    dialogs.set_next_answer(str(again))
    qtbot.mouseClick(view.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.saved is not None, timeout=WAIT_MS)
    assert _sha(again) == result.sha256
    assert "Saved again" in view.message.text() and str(again) in view.message.text()
    assert dialogs.history[-1][0] == "save_file"

    # cancelled: nothing written, nothing said
    dialogs.set_next_answer(None)
    view.saved = None
    qtbot.mouseClick(view.save, Qt.MouseButton.LeftButton)
    wait_idle(ctrl, qtbot)
    assert view.saved is None

    # a folder that is gone: one line, no file
    dialogs.set_next_answer(str(tmp_path / "gone" / "x.pdf"))
    qtbot.mouseClick(view.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "no such folder" in view.message.text(), timeout=WAIT_MS)
    assert "\n" not in view.message.text()

    qtbot.mouseClick(view.open_case, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main.case_view is not None and main.case_view.case is not None,
                    timeout=WAIT_MS)
    assert main.stack.currentWidget() is main.case_view and main.case_view.code == CASE


def test_korean_and_empty(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("ko")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    labels = [main.nav.item(i).text() for i in range(main.nav.count())]
    assert "내보내기 기록" in labels
    view = _exports_page(ctrl, qtbot, main)
    assert view.model.rowCount() == 0
    assert view.empty.isVisible() and not view.table.isVisible()
    assert not view.save.isEnabled() and not view.open_case.isEnabled()
    assert "PDF 내보내기" in view.empty.text()
    assert view.title.text() == "내보내기 기록"
