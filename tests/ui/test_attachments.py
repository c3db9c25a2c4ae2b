"""Attachments from the UI: files dropped on the case's file panel (a real QDropEvent with
file URLs) are imported on the worker, listed with size and SHA-256, the original is
deleted when the worker agrees; files dropped on an evidence form are stored when the
record is finalised; images preview from memory; remove is a tombstone."""
from __future__ import annotations

import hashlib

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import WAIT_MS, type_into, unlock, wait_idle
from ui import dialogs


def _drop(widget, paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPoint(widget.width() // 2, widget.height() // 2)
    enter = QDragEnterEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    assert drop.isAccepted()


def _case_with_intake(ctrl, qtbot, main):
    def op(vault):
        case = vault.create_case()
        vault.put_record("intake", 1, {"client_name": "이수아"}, case_code=case.code)
        return case.code
    codes = []
    ctrl.session.submit(op, codes.append)
    qtbot.waitUntil(lambda: bool(codes), timeout=WAIT_MS)
    main.open_case(codes[0])
    wait_idle(ctrl, qtbot)
    return codes[0]


def test_drop_files_on_the_case_imports_them(make_ctrl, vault_home, qtbot, tmp_path):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    _case_with_intake(ctrl, qtbot, main)
    cv = main.case_view
    assert cv.files.target is not None  # the intake record, selected in the timeline
    img = tmp_path / "screenshot.png"
    q = QImage(64, 48, QImage.Format.Format_RGB32)
    q.fill(0x3366AA)
    assert q.save(str(img))
    txt = tmp_path / "chat.txt"
    txt.write_bytes("대화 내용\n".encode() * 1000)
    sha = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (img, txt)}
    dialogs.set_next_answer(True)  # yes: delete the originals
    _drop(cv.files, [img, txt])
    qtbot.waitUntil(lambda: cv.files.model.rowCount() == 2, timeout=WAIT_MS)
    model = cv.files.model
    rows = {model.data(model.index(r, 0)): r for r in range(2)}
    for name, digest in sha.items():
        r = rows[name]
        assert model.data(model.index(r, 2)) == digest
        assert model.data(model.index(r, 1))  # size shown
    kinds = [k for k, _t, text in dialogs.history if k == "confirm"]
    assert kinds and "SSD" in dialogs.history[-1][2]
    qtbot.waitUntil(lambda: not img.exists() and not txt.exists(), timeout=WAIT_MS)

    # The image previews from memory; a remove is a tombstone.
    atts = {a.name: a for a in model.items}
    from ui.image_preview import decode_image, load_attachment_bytes

    name, data = ctrl.tasks.call(lambda v: load_attachment_bytes(v, atts[img.name].id,
                                                                  img.name))
    assert not decode_image(data).isNull()
    cv.files.table.selectRow(rows[txt.name])
    dialogs.set_next_answer(True)
    cv.files._remove_selected()
    qtbot.waitUntil(lambda: cv.files.model.rowCount() == 1, timeout=WAIT_MS)
    stored = ctrl.tasks.call(lambda v: v.list_attachments(
        record_id=atts[txt.name].record_id, include_removed=True))
    assert [a.removed for a in stored if a.name == txt.name] == [True]


def test_keep_originals_when_the_worker_says_no(make_ctrl, vault_home, qtbot, tmp_path):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    _case_with_intake(ctrl, qtbot, main)
    src = tmp_path / "note.txt"
    src.write_text("keep me")
    dialogs.set_next_answer(False)
    _drop(main.case_view.files, [src])
    qtbot.waitUntil(lambda: main.case_view.files.model.rowCount() == 1, timeout=WAIT_MS)
    wait_idle(ctrl, qtbot)
    assert src.exists()


def test_drop_on_evidence_form_attaches_when_finalised(make_ctrl, vault_home, qtbot,
                                                       tmp_path):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    code = _case_with_intake(ctrl, qtbot, main)
    main.case_view.new_record_requested.emit("evidence", code)
    qtbot.waitUntil(lambda: main.editor is not None, timeout=WAIT_MS)
    ed = main.editor
    src = tmp_path / "capture.txt"
    src.write_text("evidence bytes")
    att_editor = ed.view.rows["attachment"].editor
    _drop(att_editor, [src])
    assert att_editor.pending_files() == [src]
    type_into(qtbot, ed.view.rows["title"].editor, "Captured chat")
    ed.view.rows["kind"].editor.set_value("chat_log")
    ed.view.rows["kind"].editor.changed.emit()
    ed.finalise_record()
    qtbot.waitUntil(lambda: main.editor is None, timeout=WAIT_MS)
    wait_idle(ctrl, qtbot)
    rec = [r for r in main.case_view.timeline.records if r.form == "evidence"][0]
    atts = ctrl.tasks.call(lambda v: v.list_attachments(record_id=rec.id))
    assert [(a.field, a.name, a.sha256) for a in atts] == [
        ("attachment", "capture.txt", hashlib.sha256(b"evidence bytes").hexdigest())]
