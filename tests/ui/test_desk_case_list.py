"""The center's desk's case list (issue 14, `desk.case_list_full_ms`'s feature): the Worker
(the case's author) and Team columns, sortable, filterable, on real widgets with a real
`server run` over HTTPS on 127.0.0.1 and real vaults.

- The desk (the app's vault: the organisation key imported, enrolled as a desk) syncs the
  cases of three workers enrolled in two teams and one without a team: the columns appear
  after the code, the team map the round learnt from the server's overview is in the
  vault and in the Team column, sorting by worker and by team orders every row, and the
  filters keep one worker's or one team's cases.
- A worker's laptop (enrolled as a worker, holding a teammate's case as well as its own,
  and even a team map) shows neither column nor filter.

Other laptops are driven through the real `donghaeng` command (tests/sync/laptops.py);
the server runs on SQLite (the overview is tested on both backends in tests/sync)."""
from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt

from tests.sync.conftest import PASSPHRASE as KEY_PASSPHRASE
from tests.sync.conftest import served
from tests.sync.laptops import enroll, new_laptop
from tests.sync.test_round import _session
from tests.ui.helpers import WORKER, unlock, wait_idle
from tests.ui.test_desk_app import LONG_MS, _call, _enroll_app, _start, _until
from tests.unit.stats_vaults import new_vault
from ui.case_index import TEAM_COL, WORKER_COL


@pytest.fixture(scope="module", params=["sqlite"])
def srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "uideskcases") as s:
        yield s


def _column(cases, col: int) -> list[str]:
    m = cases.model
    m.expose_all()
    return [m.data(m.index(r, col)) for r in range(m.rowCount())]


def _codes(cases) -> list[str]:
    m = cases.model
    m.expose_all()
    return [m.code_at(r) for r in range(m.rowCount())]


def _as_pulled(vault, outs, author: str) -> dict:
    """A teammate's changes applied as a pull applies them (the vault's own apply_pulled;
    the opener stands in for the decryption), leaving the pull cursor where it is."""
    by_id = {o.change.change_id: o for o in outs}

    def opener(body: bytes, _held):
        o = by_id[body.decode()]
        return ({"change_id": o.change.change_id, "device_id": o.change.device_id,
                 "device_seq": o.change.device_seq, "op": o.op}, o.content, "", None)
    return vault.apply_pulled([(0, o.change.change_id.encode(), author) for o in outs],
                              None, opener)


def _sorted_by(qtbot, cases, col: int, order=Qt.SortOrder.AscendingOrder) -> None:
    """A click on the column's header, as a person sorts (the indicator is what a click
    sets), waited until the list shows that order."""
    done: list[str] = []
    cases.search_done.connect(done.append)
    cases.table.horizontalHeader().setSortIndicator(col, order)
    qtbot.waitUntil(lambda: bool(done), timeout=LONG_MS)
    cases.search_done.disconnect(done.append)


def test_the_desk_lists_every_workers_cases_with_worker_and_team(
        make_ctrl, vault_home, qtbot, srv, tmp_path):
    from desktop.syncing.desk import import_key
    from desktop.vault import teams

    uid = uuid.uuid4().hex[:6]
    # names chosen so that the order by worker differs from the order by team
    a = new_laptop(tmp_path, "a", f"나은별-{uid}")   # team 2
    b = new_laptop(tmp_path, "b", f"가람-{uid}")     # team 1
    c = new_laptop(tmp_path, "c", f"다솜-{uid}")     # team 2
    d = new_laptop(tmp_path, "d", f"라온-{uid}")     # no team
    for lap, code, team in ((a, "DA", "2팀"), (b, "DB", "1팀"), (c, "DC", "2팀"),
                            (d, "DD", None)):
        for n in (1, 2):
            lap.put(tmp_path, "companion_session", _session("법원", f"{code} 사례의 동행 기록 {n}번째"),
                    case=f"{code}-2026-000{n}")
        enroll(srv, lap, team=team)
        lap.json("sync")

    ctrl, main = _start(make_ctrl, qtbot)
    cases = main.cases
    head = cases.table.horizontalHeader()
    assert head.isSectionHidden(WORKER_COL) and head.isSectionHidden(TEAM_COL)
    _call(ctrl, lambda v: import_key(v, srv.keydir / "sealing.key", KEY_PASSPHRASE))
    _enroll_app(ctrl, srv, f"데스크-{uid}", role="desk")
    _until(ctrl, qtbot, main, lambda v: len(v.case_rows()) == 8)
    expected = {a.worker: "2팀", b.worker: "1팀", c.worker: "2팀"}
    # the round's report step (after the pull) asks the overview and keeps its team map
    _until(ctrl, qtbot, main, lambda v: a.worker in teams.load(v))
    stored = _call(ctrl, teams.load)
    assert {w: t for w, t in stored.items() if w in expected or w == d.worker} == expected

    # the columns, right after the code, once the list knows it is on a desk
    qtbot.waitUntil(lambda: not head.isSectionHidden(WORKER_COL), timeout=LONG_MS)
    qtbot.waitUntil(lambda: len(_codes(cases)) == 8 and cases.model.teams == stored,
                    timeout=LONG_MS)
    m = cases.model
    assert [m.headerData(head.logicalIndex(v), Qt.Orientation.Horizontal)
            for v in range(3)] == ["Case", "Worker", "Team"]
    assert not head.isSectionHidden(TEAM_COL)
    assert cases.worker.isVisibleTo(cases) and cases.team.isVisibleTo(cases)
    row = {code: (w, t) for code, w, t in zip(_codes(cases), _column(cases, WORKER_COL),
                                              _column(cases, TEAM_COL), strict=True)}
    assert row["DA-2026-0001"] == (a.worker, "2팀")
    assert row["DB-2026-0002"] == (b.worker, "1팀")
    assert row["DD-2026-0001"] == (d.worker, "")  # enrolled without a team

    # sort by worker: names in order; descending reverses them
    _sorted_by(qtbot, cases, WORKER_COL)
    assert _column(cases, WORKER_COL) == [b.worker] * 2 + [a.worker] * 2 + \
        [c.worker] * 2 + [d.worker] * 2
    _sorted_by(qtbot, cases, WORKER_COL, Qt.SortOrder.DescendingOrder)
    assert _column(cases, WORKER_COL)[:2] == [d.worker] * 2
    # sort by team: 1팀, then 2팀 (its workers by name), a worker without a team last
    _sorted_by(qtbot, cases, TEAM_COL)
    assert _column(cases, TEAM_COL) == ["1팀"] * 2 + ["2팀"] * 4 + [""] * 2
    assert _column(cases, WORKER_COL) == [b.worker] * 2 + [a.worker] * 2 + \
        [c.worker] * 2 + [d.worker] * 2

    # the filters: one team's cases, then one worker's
    assert [cases.team.itemData(i) for i in range(cases.team.count())] == [None, "1팀", "2팀"]
    cases.team.setCurrentIndex(cases.team.findData("2팀"))
    qtbot.waitUntil(lambda: sorted(set(_column(cases, WORKER_COL))) ==
                    sorted([a.worker, c.worker]), timeout=LONG_MS)
    assert "4" in cases.count.text()
    cases.team.setCurrentIndex(0)
    cases.worker.setCurrentIndex(cases.worker.findData(d.worker))
    qtbot.waitUntil(lambda: _codes(cases) == ["DD-2026-0001", "DD-2026-0002"],
                    timeout=LONG_MS)
    cases.clear_filters.click()
    qtbot.waitUntil(lambda: len(_codes(cases)) == 8, timeout=LONG_MS)


def test_a_workers_laptop_shows_no_worker_or_team_column(
        make_ctrl, vault_home, qtbot, srv, tmp_path):
    from desktop.vault import teams

    uid = uuid.uuid4().hex[:6]
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    main.sync_runner.debounce.setInterval(300)
    _enroll_app(ctrl, srv, WORKER, role="worker")  # a worker's code names its vault
    # its own case, a teammate's case brought in as a pull brings it, and a team map
    # (which only a desk keeps; here it must change nothing)
    _call(ctrl, lambda v: v.put_record("companion_session", 1, _session("법원", "내가 쓴 동행 기록입니다"),
                                       case_code="MY-2026-0001"))
    mate = new_vault(tmp_path / "mate", f"동료-{uid}")
    mate.put_record("companion_session", 1, _session("법원", "동료가 쓴 동행 기록입니다"),
                    case_code="MATE-2026-0001")
    outs = mate.unfrozen_changes(100)
    mate.lock()
    _call(ctrl, lambda v: _as_pulled(v, outs, f"동료-{uid}"))
    _call(ctrl, lambda v: teams.store(v, {f"동료-{uid}": "1팀"}))
    cases = main.cases
    cases.reload()
    qtbot.waitUntil(lambda: sorted(_codes(cases)) == ["MATE-2026-0001", "MY-2026-0001"],
                    timeout=LONG_MS)
    qtbot.waitUntil(lambda: not main.sync_runner.running, timeout=LONG_MS)
    head = cases.table.horizontalHeader()
    assert head.isSectionHidden(WORKER_COL) and head.isSectionHidden(TEAM_COL)
    assert not cases.worker.isVisibleTo(cases) and not cases.team.isVisibleTo(cases)
    assert not cases.desk_cols.desk
    assert [len(r) for r in cases.model.rows] == [4, 4]  # no author read on a laptop
    m = cases.model
    assert [m.headerData(head.logicalIndex(v), Qt.Orientation.Horizontal)
            for v in range(2)] == ["Case", "Alias"]
