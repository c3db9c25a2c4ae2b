"""Takedown tracking on screen (offscreen, real vault): the case view lists each deletion
request and each status change under the timeline, dated, newest first — an evidence v1
record's single status read as one request per recipient — and choosing one selects its
evidence; the dashboard charts requests by status, recipient and platform with the median
days to removal. Screenshots into DONGHAENG_FLOW_SHOTS when set
(`DONGHAENG_FLOW_SHOTS=docs/screenshots`), else into the test's temporary folder."""
from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.ui.helpers import WAIT_MS, unlock, wait_idle
from ui import i18n

DAY0 = date.today() - timedelta(days=30)


def _d(n: int) -> str:
    return (DAY0 + timedelta(days=n)).isoformat()


V1 = {"kind": "image", "title": "유포 이미지 원본", "platform": "telegram", "found_date": _d(0),
      "deletion_status": "removed", "requested_date": _d(1), "requested_to": ["kocsc"],
      "removed_date": _d(4)}
V2 = {"kind": "url", "title": "게시물 주소 목록", "found_date": _d(2),
      "urls": [{"url": "https://board.example/view/0000002"}],
      "deletion_requests": [
          {"request_no": 1, "recipient": "d4u", "requested_date": _d(3),
           "reference_no": "D4U-0000-0001", "urls": "https://board.example/view/0000002"},
          {"request_no": 2, "recipient": "platform", "platform": "x_twitter",
           "requested_date": _d(5), "reference_no": "X-EXAMPLE-2"}],
      "deletion_updates": [
          {"request_no": 1, "status": "removed", "date": _d(9)},
          {"request_no": 2, "status": "refused", "date": _d(10), "note": "약관 위반 아님 회신"},
          {"request_no": 2, "status": "requested", "date": _d(12)}]}


def _shots(tmp_path: Path) -> Path:
    out = Path(os.environ.get("DONGHAENG_FLOW_SHOTS") or tmp_path / "shots")
    out.mkdir(parents=True, exist_ok=True)
    return out


def _submit(ctrl, qtbot, op):
    out = []
    ctrl.session.submit(op, out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=WAIT_MS)
    return out[0]


def _case(vault) -> tuple[str, str, str]:
    code = vault.create_case().code
    old = vault.put_record("evidence", 1, dict(V1), case_code=code).id
    new = vault.put_record("evidence", 2, dict(V2), case_code=code).id
    vault.put_record("incident", 1, {"occurred_date": _d(0)}, case_code=code)
    return code, old, new


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_case_view_lists_requests_and_status_changes(make_ctrl, vault_home, qtbot, tmp_path,
                                                     lang):
    ctrl = make_ctrl(lang)
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    code, old, new = _submit(ctrl, qtbot, _case)
    main.open_case(code)
    wait_idle(ctrl, qtbot)
    cv = main.case_view
    panel = cv.takedown
    qtbot.waitUntil(lambda: panel.model.rowCount() == 7, timeout=WAIT_MS)
    assert not panel.isHidden()
    rows = [[panel.model.text(r, c) for c in range(6)] for r in range(7)]
    dates = [_d(12), _d(10), _d(9), _d(5), _d(4), _d(3), _d(1)]
    assert [r[0] for r in rows] == [i18n.fmt_date(d) for d in dates]
    if lang == "en":
        assert [r[1] for r in rows] == [
            "Requested again", "Refused · 약관 위반 아님 회신", "Removed", "Requested",
            "Removed", "Requested", "Requested"]
        assert rows[3][2:5] == ["2. Platform operator", "X (Twitter)", "X-EXAMPLE-2"]
        assert rows[6][2:4] == ["1. Korea Communications Standards Commission", "Telegram"]
        assert panel.summary.text() == \
            "3 requests, 2 removed · 1 still to follow up (requested or re-uploaded)"
    else:
        assert [r[1] for r in rows][:3] == ["다시 요청", "거부·불가 · 약관 위반 아님 회신",
                                            "삭제 확인"]
        assert rows[3][2:4] == ["2. 플랫폼 사업자", "X(트위터)"]
        assert panel.summary.text().startswith("요청 3건, 삭제 확인 2건")
    assert rows[6][5] == "유포 이미지 원본" and rows[0][5] == "게시물 주소 목록"
    # choosing the v1 record's request selects that evidence in the timeline
    qtbot.mouseClick(panel.table.viewport(), _left(),
                     pos=panel.table.visualRect(panel.model.index(6, 1)).center())
    qtbot.waitUntil(lambda: cv.current is not None and cv.current.id == old, timeout=WAIT_MS)
    qtbot.mouseClick(panel.table.viewport(), _left(),
                     pos=panel.table.visualRect(panel.model.index(0, 1)).center())
    qtbot.waitUntil(lambda: cv.current is not None and cv.current.id == new, timeout=WAIT_MS)
    main.resize(1400, 900)
    wait_idle(ctrl, qtbot)
    assert main.grab().save(str(_shots(tmp_path) / f"40-takedown-case-{lang}.png"))


def _left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_dashboard_charts_requests(make_ctrl, vault_home, qtbot, tmp_path):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    _submit(ctrl, qtbot, _case)
    main.show_page("dashboard")
    wait_idle(ctrl, qtbot)
    dash = main.page("dashboard")
    qtbot.waitUntil(lambda: bool(dash.td_status.items), timeout=WAIT_MS)
    assert dict(dash.td_status.items) == {"Requested, no answer yet": 1, "Removed": 2}
    assert dict(dash.td_recipient.items) == {
        "Korea Communications Standards Commission": 1,
        "Digital sex crime victim support center (national)": 1, "Platform operator": 1}
    assert dict(dash.td_platform.items) == {"Telegram": 1, "X (Twitter)": 1,
                                            "platform not named": 1}
    # removals after 3 days (v1: day 1 -> 4) and 6 days (day 3 -> 9): median 4.5
    assert dash.takedown_note.text() == ("Deletion requests: 3. Median time from request to "
                                         "removal: 4.5 days (over 2 removed).")
    main.resize(1400, 1000)
    wait_idle(ctrl, qtbot)
    assert dash.grab().save(str(_shots(tmp_path) / "40-takedown-dashboard-en.png"))
