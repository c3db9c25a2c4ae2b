"""Issue 11 in the app: the editor saves through the one door (one transaction, files
included, an operation id per save), an edit names its base and a stale one is kept beside
the newer version, screens refresh from the change feed (a CLI on the same vault included),
and opening a record or a case's files is logged."""
from __future__ import annotations

from forms.examples import example
from tests.ui.helpers import PASSPHRASE, WAIT_MS, WORKER, unlock, wait_idle
from tests.ui.test_attachments import _case_with_intake, _drop


def _evidence_editor(ctrl, qtbot, main, tmp_path, name="capture.txt"):
    code = _case_with_intake(ctrl, qtbot, main)
    main.case_view.new_record_requested.emit("evidence", code)
    qtbot.waitUntil(lambda: main.editor is not None, timeout=WAIT_MS)
    ed = main.editor
    ed.view.set_values(example("evidence"))
    ed.view.refresh()
    src = tmp_path / name
    src.write_text("evidence bytes")
    _drop(ed.view.rows["attachment"].editor, [src])
    return code, ed, src


def _records(ctrl, code, form="evidence"):
    return ctrl.tasks.call(lambda v: v.list_records(code, form=form))


def test_finalise_twice_after_the_file_went_away_saves_nothing(make_ctrl, vault_home,
                                                                qtbot, tmp_path):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    code, ed, src = _evidence_editor(ctrl, qtbot, main, tmp_path)
    errors = []
    ctrl._show_error = errors.append
    src.unlink()  # the file is removed on disk after it was attached
    ed.finalise_record()
    qtbot.waitUntil(lambda: len(errors) == 1 and not ed.finalising, timeout=WAIT_MS)
    ed.finalise_record()
    qtbot.waitUntil(lambda: len(errors) == 2 and not ed.finalising, timeout=WAIT_MS)
    wait_idle(ctrl, qtbot)
    assert main.editor is ed  # still open: nothing was saved
    assert _records(ctrl, code) == []
    assert all(str(src) in e.message("en") for e in errors)
    assert ctrl.tasks.call(lambda v: v.list_attachments(case_code=code)) == []


def test_double_finalise_makes_one_record_with_its_file(make_ctrl, vault_home, qtbot,
                                                        tmp_path):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    code, ed, _src = _evidence_editor(ctrl, qtbot, main, tmp_path)
    ed.finalise_record()
    ed.finalising = False  # as if the second click got past the guard (a queued press)
    ed._closed = False
    ed.finalise_record()
    wait_idle(ctrl, qtbot)
    [rec] = _records(ctrl, code)
    [att] = ctrl.tasks.call(lambda v: v.list_attachments(record_id=rec.id))
    assert att.name == "capture.txt"
    assert ctrl.tasks.call(lambda v: v.list_drafts()) == []  # dropped in the same transaction


def test_stale_edit_in_the_app_keeps_both_versions(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    code = _case_with_intake(ctrl, qtbot, main)
    [rec] = _records(ctrl, code, "intake")
    main.edit_record(rec)
    qtbot.waitUntil(lambda: main.editor is not None, timeout=WAIT_MS)
    ed = main.editor
    assert ed.bases == [rec.version_id]
    ed.view.set_values(example("intake"))
    ed.view.refresh()
    # Meanwhile the same record is edited from the command line (another connection).
    from desktop.vault import Vault
    with Vault.open(vault_home, WORKER, PASSPHRASE) as other:
        newer = other.update_record(rec.id, {"client_name": "다른 손"})
    ed.finalise_record()
    qtbot.waitUntil(lambda: main.editor is None, timeout=WAIT_MS)
    wait_idle(ctrl, qtbot)
    now = ctrl.tasks.call(lambda v: v.get_record(rec.id))
    assert now.conflict and newer.version_id in now.heads and len(now.heads) == 2
    values = {v.version_id: v.values for v in ctrl.tasks.call(
        lambda v: v.record_versions(rec.id))}
    assert values[newer.version_id] == {"client_name": "다른 손"}


def test_screens_refresh_from_the_feed_after_a_cli_write(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    code = _case_with_intake(ctrl, qtbot, main)
    qtbot.waitUntil(lambda: main.cases.model.rowCount() == 1, timeout=WAIT_MS)
    shown = len(main.case_view.timeline.records)
    from desktop.vault import Vault
    with Vault.open(vault_home, WORKER, PASSPHRASE) as other:  # a CLI process
        other.put_record("intake", 1, {"client_name": "새 사례"}, case_code="CLI-1")
        other.put_record("consent", 1, {}, case_code=code)
    ctrl.tasks.submit(lambda v: v.poll_changes())  # what the upkeep timer does every 2 s
    qtbot.waitUntil(lambda: main.cases.model.rowCount() == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(main.case_view.timeline.records) == shown + 1,
                    timeout=WAIT_MS)


def test_viewing_a_record_and_case_files_is_audited(make_ctrl, vault_home, qtbot, tmp_path):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    code = _case_with_intake(ctrl, qtbot, main)
    [rec] = _records(ctrl, code, "intake")
    src = tmp_path / "a.txt"
    src.write_text("x")
    ctrl.tasks.call(lambda v: v.import_attachment(rec.id, src, "a.txt"))
    main.open_case(code)
    wait_idle(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    entries = ctrl.tasks.call(lambda v: v.audit_entries())
    views = {e.subject for e in entries if e.action == "view"}
    case_id = ctrl.tasks.call(lambda v: v.get_case(code).id)
    assert f"record:{rec.id}" in views and f"case-files:{case_id}" in views


def test_case_prefix_is_set_in_the_app(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    main.show_page("settings")
    page = main.page("settings")
    qtbot.waitUntil(lambda: page.prefix.text().startswith("KMJ"), timeout=WAIT_MS)
    page.prefix.setText("a")
    page._apply()
    qtbot.waitUntil(lambda: "2-8" in page.saved.text(), timeout=WAIT_MS)
    page.prefix.setText("minji")
    page._apply()
    qtbot.waitUntil(lambda: page.saved.text() == "Saved.", timeout=WAIT_MS)
    assert page.prefix.text() == "MINJI" and ctrl.tasks.call(lambda v: v.case_prefix) == "MINJI"
