"""Hash-only from the case view (issue 16): "Hashes only…" takes files and a note, imports
them on the worker without keeping a byte, and the file list marks them and shows PDQ in
the tooltip; preview says there is nothing to show. Screenshot: hash-only-files.png."""
from __future__ import annotations

import hashlib

import numpy as np
from PIL import Image
from PySide6.QtCore import Qt

from crypto.pdq import pdq_hash
from tests.ui.helpers import WAIT_MS, unlock, wait_idle
from ui import dialogs


def test_hashes_only_button(make_ctrl, vault_home, qtbot, tmp_path):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)

    def op(vault):
        case = vault.create_case()
        vault.put_record("intake", 1, {"client_name": "이수아"}, case_code=case.code)
        return case.code
    codes = []
    ctrl.session.submit(op, codes.append)
    qtbot.waitUntil(lambda: bool(codes), timeout=WAIT_MS)
    main.open_case(codes[0])
    wait_idle(ctrl, qtbot)
    files = main.case_view.files
    assert files.add_hashes.isEnabled()
    pixels = np.random.default_rng(3).integers(0, 256, (90, 120, 3), dtype=np.uint8)
    img = tmp_path / "canary.png"
    Image.fromarray(pixels).save(img)
    raw = img.read_bytes()
    dialogs.set_next_answer([img])           # the file dialog
    dialogs.set_next_answer("원본은 피해자 휴대전화에만")  # the note
    dialogs.set_next_answer(False)           # keep the original
    files.add_hashes.click()
    qtbot.waitUntil(lambda: files.model.rowCount() == 1, timeout=WAIT_MS)
    model = files.model
    name = model.data(model.index(0, 0))
    assert name == "canary.png · hash only"
    assert model.data(model.index(0, 2)) == hashlib.sha256(raw).hexdigest()
    tip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert f"PDQ {pdq_hash(pixels).hex}" in tip and "원본은 피해자 휴대전화에만" in tip
    assert img.exists()
    assert not list(vault_home.rglob("*.dhae"))
    files.table.selectRow(0)
    dialogs.set_next_answer(True)  # the notice's OK
    files._preview_selected()
    assert "nothing to show" in dialogs.history[-1][2]
    files.window().grab().save(str(tmp_path / "hash-only-files.png"))
