"""The dashboard's "Export figures (CSV/XLSX)" button and its "Show:" chooser, on real
widgets and a real vault holding this worker's records and a teammate's (pulled)."""
from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from tests.ui.helpers import WAIT_MS, WORKER, unlock, wait_idle
from tests.unit.stats_vaults import CANARY, apply_as_pulled, changes_of, intake, new_vault
from ui import dialogs

OTHER = "이수진"


def _submit(ctrl, qtbot, op):
    out = []
    ctrl.session.submit(op, out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=WAIT_MS)
    return out[0]


def _dashboard(make_ctrl, vault_home, tmp_path, qtbot):
    other = new_vault(tmp_path / "other", OTHER)
    for _ in range(2):
        intake(other, "female", areas=("medical",))
    theirs = changes_of(other)
    other.lock()
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)

    def op(vault):
        for _ in range(5):
            intake(vault, "female")
        apply_as_pulled(theirs, vault, OTHER)
    _submit(ctrl, qtbot, op)
    main.show_page("dashboard")
    wait_idle(ctrl, qtbot)
    return ctrl, main.page("dashboard")


def test_export_button_writes_the_figures(make_ctrl, vault_home, tmp_path, qtbot):
    ctrl, dash = _dashboard(make_ctrl, vault_home, tmp_path, qtbot)
    target = tmp_path / "figures.xlsx"
    dialogs.set_next_answer(str(target))
    qtbot.mouseClick(dash.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dash.exported == target, timeout=WAIT_MS)
    assert dialogs.history[-1][0] == "save_file"
    assert str(target) in dash.message.text() and dash.message.isVisible()
    wb = load_workbook(target)
    assert wb.sheetnames[0] == "About"
    ws = wb[next(n for n in wb.sheetnames if "Gender" in n)]
    assert [c.value for c in ws[3]] == ["Value", "Count"]  # not split: the default
    assert ("Female", 7) in list(ws.iter_rows(min_row=4, values_only=True))

    # the dialog-free door, split by worker, as CSV
    dash.group_by.setCurrentIndex(dash.group_by.findData("worker"))
    csv_path = tmp_path / "figures.csv"
    dash.export_to(csv_path)
    qtbot.waitUntil(lambda: dash.exported == csv_path, timeout=WAIT_MS)
    text = csv_path.read_text(encoding="utf-8-sig")
    first, second = sorted([WORKER, OTHER])  # the columns in name order
    assert text.splitlines()[0] == f"Form,Field,Counted,Value,{first},{second},Total"
    cells = {WORKER: "5", OTHER: "<5"}
    assert f"Intake,Gender,cases,Female,{cells[first]},{cells[second]},x" in text
    assert CANARY not in text

    # a bad name: one line, in the error colour, nothing written
    dash.export_to(tmp_path / "figures.txt")
    qtbot.waitUntil(lambda: ".csv or .xlsx" in dash.message.text(), timeout=WAIT_MS)
    assert "color" in dash.message.styleSheet() and "\n" not in dash.message.text()
    assert not (tmp_path / "figures.txt").exists()
    wait_idle(ctrl, qtbot)


def test_show_chooser_counts_everyone_or_one_worker(make_ctrl, vault_home, tmp_path, qtbot):
    ctrl, dash = _dashboard(make_ctrl, vault_home, tmp_path, qtbot)
    texts = [dash.scope.itemText(i) for i in range(dash.scope.count())]
    assert texts == ["My records", "Everyone", OTHER]
    assert dict(dash.area.items) == {"Legal support": 5}  # the worker's own, by default
    dash.scope.activated.emit(texts.index("Everyone"))
    wait_idle(ctrl, qtbot)
    assert dict(dash.area.items) == {"Legal support": 5, "Medical support": 2}
    dash.scope.activated.emit(texts.index(OTHER))
    wait_idle(ctrl, qtbot)
    assert dict(dash.area.items) == {"Medical support": 2}
    assert dash.scope.currentText() == OTHER
