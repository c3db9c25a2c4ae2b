"""The cases list opens in two steps: the newest cases from an index at once (first paint),
then every case for filters, sort and scrolling — the same order, the selection kept, and a
search typed in between applied when everything is there."""
from __future__ import annotations

from tests.ui.helpers import WAIT_MS, unlock, wait_idle
from ui.case_index import FIRST_PAGE


def _make_cases(ctrl, n: int) -> None:
    def op(vault):
        for i in range(n):
            vault.create_case(f"L-{i:04d}")
        vault.put_record("intake", 1, {"client_name": "가나다"}, case_code="L-0007")
    ctrl.tasks.call(op)


def test_first_page_then_all_cases_in_the_same_order(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl()
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    n = FIRST_PAGE + 60
    _make_cases(ctrl, n)
    cases = main.cases
    cases.model.set_rows([], [], {})        # as a freshly opened list
    seen = []

    def on_loaded():
        m = cases.model
        seen.append((m.partial, m.total(), m.rowCount(),
                     [m.code_at(r) for r in range(m.rowCount())]))
    cases.loaded.connect(on_loaded)
    cases.reload()
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    partial, total, shown, first_codes = seen[0]
    assert partial and total == n and shown == FIRST_PAGE
    cases.table.selectRow(3)
    picked = first_codes[3]
    qtbot.waitUntil(lambda: not cases.model.partial, timeout=WAIT_MS)
    wait_idle(ctrl, qtbot)
    m = cases.model
    assert len(seen) == 1                   # `loaded` once per reload
    assert m.total() == n
    assert [m.code_at(r) for r in range(FIRST_PAGE)] == first_codes
    assert cases.current_code() == picked   # the selection survives the swap
    m.expose_all()
    assert len({m.code_at(r) for r in range(m.total())}) == n


def test_search_typed_during_the_first_page_applies_after_the_full_load(make_ctrl,
                                                                        vault_home, qtbot):
    ctrl = make_ctrl()
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    _make_cases(ctrl, FIRST_PAGE + 10)
    cases = main.cases
    cases.model.set_rows([], [], {})
    done = []
    cases.search_done.connect(done.append)
    cases.loaded.connect(lambda: cases.search.setText("가나다"))
    cases.reload()
    qtbot.waitUntil(lambda: "가나다" in done, timeout=WAIT_MS)
    wait_idle(ctrl, qtbot)
    assert not cases.model.partial
    assert [cases.model.code_at(r) for r in range(cases.model.total())] == ["L-0007"]
