"""Conflicts in the app (issue 14): a record with two heads is marked in the case list and
the case view, "Resolve…" opens the merge screen (one-side changes taken and said so,
both-side changes asked), closing halfway changes nothing and keeps the choices, and
"Save merge" writes one version whose parents are both heads. Real vault, real widgets,
a real conflict made by two edits from the same version."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from desktop.records_service import RecordsService
from desktop.vault import Vault
from forms.examples import example
from tests.ui.helpers import PASSPHRASE, WAIT_MS, WORKER, type_text, unlock, wait_idle
from ui.merge_view import EDIT

SESSION = example("companion_session")
CODE = "MRG-2026-0001"
A = {"place": "서울관악경찰서 2층 진술녹화실", "what_happened": "노트북 A에서 고친 동행 기록입니다."}
B = {"what_happened": "노트북 B에서 고친 동행 기록입니다.", "next_steps": "다음 주 법원 동행 예정."}


def _make_conflict(home) -> tuple[str, str, list[str]]:
    """A companion session edited twice from its first version: two heads."""
    v = Vault.open(home, WORKER, PASSPHRASE)
    try:
        service = RecordsService(v)
        first = service.create("companion_session", SESSION, case=CODE)
        service.edit(first.id, {**SESSION, **A}, base=first.version_id)
        service.edit(first.id, {**SESSION, **B}, base=first.version_id)
        heads = v.record_heads(first.id)
        assert len(heads) == 2
        return first.id, first.version_id, heads
    finally:
        v.lock()


def _open_case(ctrl, qtbot, main):
    main.open_case(CODE)
    wait_idle(ctrl, qtbot)
    cv = main.case_view
    qtbot.waitUntil(lambda: cv.current is not None, timeout=WAIT_MS)
    wait_idle(ctrl, qtbot)
    return cv


def _open_merge(ctrl, qtbot, cv):
    assert cv.resolve.isVisible() and cv.conflict_note.isVisible()
    qtbot.mouseClick(cv.resolve, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cv.merge_view is not None and cv.merge_view.merge is not None,
                    timeout=WAIT_MS)
    wait_idle(ctrl, qtbot)
    assert cv.stack.currentWidget() is cv.merge_view
    return cv.merge_view


def _pick(qtbot, radio) -> None:
    """Click a radio button on its circle (a click right of its text does not count)."""
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(6, radio.height() // 2))
    assert radio.isChecked()


def _badge(main) -> str:
    model = main.cases.model
    row = model.row_of(CODE)
    assert row >= 0
    return model.data(model.index(row, 0))


def test_marks_merge_screen_close_halfway_and_save(make_ctrl, vault_home, qtbot):
    rid, root, heads = _make_conflict(vault_home)
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    qtbot.waitUntil(lambda: main.cases.model.row_of(CODE) >= 0, timeout=WAIT_MS)
    assert "conflict" in _badge(main)

    cv = _open_case(ctrl, qtbot, main)
    tl = cv.timeline
    assert "conflict: 2 versions" in tl.data(tl.index(0, 2))
    mv = _open_merge(ctrl, qtbot, cv)
    assert mv.merge.base == root and list(mv.merge.sides) == heads
    # changed on one side only: taken, and the screen says from which side
    assert mv.rows["place"].result.text() == "taken from A"
    assert mv.rows["next_steps"].result.text() == "taken from B"
    # changed on both sides: asked; nothing can be saved before the answer
    assert [f.key for f in mv.merge.questions] == ["what_happened"]
    assert not mv.save.isEnabled()
    # the common version and both sides are on screen, worded by the form
    cells = [c.text for c in mv.rows["what_happened"].cells]
    assert cells == [SESSION["what_happened"], A["what_happened"], B["what_happened"]]
    assert not mv.rows["date"].widgets[0].isVisible()  # unchanged: hidden by default
    mv.show_unchanged.setChecked(True)
    assert mv.rows["date"].widgets[0].isVisible()

    # choose B, then close halfway: the record keeps both heads, the choice is kept
    _pick(qtbot, mv.rows["what_happened"].group.button(1))
    assert mv.save.isEnabled()
    qtbot.mouseClick(mv.close_btn, Qt.MouseButton.LeftButton)
    wait_idle(ctrl, qtbot)
    assert cv.merge_view is None and cv.stack.currentWidget() is cv.case_page
    assert ctrl.tasks.call(lambda v: v.record_heads(rid)) == heads
    assert ctrl.tasks.call(lambda v: v.get_draft(f"merge:{rid}")) is not None

    mv = _open_merge(ctrl, qtbot, cv)
    assert mv.choices == {"what_happened": 1}
    assert mv.rows["what_happened"].group.button(1).isChecked() and mv.save.isEnabled()
    qtbot.mouseClick(mv.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cv.merge_view is None, timeout=WAIT_MS)
    wait_idle(ctrl, qtbot)

    rec = ctrl.tasks.call(lambda v: v.get_record(rid))
    assert set(rec.parents) == set(heads) and not rec.conflict
    assert rec.values["place"] == A["place"] and rec.values["next_steps"] == B["next_steps"]
    assert rec.values["what_happened"] == B["what_happened"]
    kept = {x.version_id for x in ctrl.tasks.call(lambda v: v.record_versions(rid))}
    assert {root, *heads, rec.version_id} <= kept
    assert ctrl.tasks.call(lambda v: v.get_draft(f"merge:{rid}")) is None
    # the marks are gone
    qtbot.waitUntil(lambda: not cv.resolve.isVisible(), timeout=WAIT_MS)
    assert "conflict" not in (tl.data(tl.index(0, 2)) or "")
    qtbot.waitUntil(lambda: "conflict" not in _badge(main), timeout=WAIT_MS)


def test_an_edited_value_is_saved_and_a_refused_one_is_said(make_ctrl, vault_home, qtbot):
    rid, _root, heads = _make_conflict(vault_home)
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    cv = _open_case(ctrl, qtbot, main)
    mv = _open_merge(ctrl, qtbot, cv)
    row = mv.rows["what_happened"]
    _pick(qtbot, row.group.button(EDIT))
    assert row.editor is not None and row.editor_host.isVisible()
    assert row.editor.value() == A["what_happened"]  # starts from side A
    target = row.editor.focus_target()
    target.selectAll()
    type_text(qtbot, target, "짧음")  # under the field's 10-character minimum
    qtbot.mouseClick(mv.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: mv.error.isVisible(), timeout=WAIT_MS)
    assert "What happened" in mv.error.text()
    assert ctrl.tasks.call(lambda v: v.record_heads(rid)) == heads  # nothing written
    target.selectAll()
    type_text(qtbot, target, "두 노트북의 기록을 합쳐 다시 적은 동행 기록입니다.")
    assert not mv.error.isVisible()
    qtbot.mouseClick(mv.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cv.merge_view is None, timeout=WAIT_MS)
    wait_idle(ctrl, qtbot)
    rec = ctrl.tasks.call(lambda v: v.get_record(rid))
    assert rec.values["what_happened"] == "두 노트북의 기록을 합쳐 다시 적은 동행 기록입니다."
    assert set(rec.parents) == set(heads)


def test_korean_marks_and_merge_screen(make_ctrl, vault_home, qtbot):
    _make_conflict(vault_home)
    ctrl = make_ctrl("ko")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    qtbot.waitUntil(lambda: main.cases.model.row_of(CODE) >= 0, timeout=WAIT_MS)
    assert "충돌" in _badge(main)
    cv = _open_case(ctrl, qtbot, main)
    assert cv.resolve.text().startswith("합치기")
    mv = _open_merge(ctrl, qtbot, cv)
    assert mv.rows["place"].result.text() == "A 값을 씀"
    assert mv.save.text().startswith("합친 기록 저장")
    assert mv.rows["what_happened"].result.text() == "골라 주세요:"
