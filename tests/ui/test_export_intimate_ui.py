"""Issue 16, the app's choice to draw intimate images in a court export (offscreen, real
vault, real worker thread): the export dialog shows "Show intimate images on the pages" only
for a profile that hides them and a case holding one kept in full; by default the image is
embedded but not drawn and the manifest holds no reason; ticked, the export waits for a
reason, which then reaches the manifest and the audit (as the CLI's --show-intimate).
Screenshots into DONGHAENG_FLOW_SHOTS when set (`DONGHAENG_FLOW_SHOTS=docs/screenshots`),
else into the test's temporary folder."""
from __future__ import annotations

import io
import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.ui.helpers import WAIT_MS, type_text, unlock, wait_idle
from tests.unit.crypto.pdq_images import jpeg_bytes, photo

CASE = "INTCASE-42"
REASON = "재판부가 문서에서 직접 확인하도록 요청"


def _shots(tmp_path: Path) -> Path:
    out = Path(os.environ.get("DONGHAENG_FLOW_SHOTS") or tmp_path / "shots")
    out.mkdir(parents=True, exist_ok=True)
    return out


def _submit(ctrl, qtbot, op):
    out = []
    ctrl.session.submit(op, out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=WAIT_MS)
    return out[0]


def _make_case(session, image: bytes, intimate: bool):
    """An evidence item with one image (intimate or not) and a signed consent covering
    the court."""
    from desktop.vault import NewFile
    from forms.examples import example

    def op(vault):
        svc = session.records(vault)
        ev = dict(example("evidence"), kind="image", intimate=intimate)
        svc.create("evidence", ev, case=CASE, files=[
            NewFile(io.BytesIO(image), "photo.jpg", "attachment")])
        svc.create("consent", example("consent"), case=CASE, files=[
            NewFile(io.BytesIO(jpeg_bytes(photo(6, 64, 32))), "sig.jpg", "signature")])
        return CASE

    return op


def _open_dialog(ctrl, qtbot, image: bytes, intimate: bool = True):
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    _submit(ctrl, qtbot, _make_case(ctrl.session, image, intimate))
    main.open_case(CASE)
    wait_idle(ctrl, qtbot)
    main.case_view.export.click()
    from ui.export_dialog import ExportDialog

    dlg = main.findChild(ExportDialog)
    assert dlg is not None and dlg.isVisible()
    wait_idle(ctrl, qtbot)
    dlg.profile.setCurrentIndex(dlg.profile.findData("court"))
    return main, dlg


def _export(ctrl, qtbot, dlg, out: Path) -> None:
    dlg.target.setText(str(out))
    dlg.export.click()
    wait_idle(ctrl, qtbot)
    qtbot.waitUntil(lambda: not dlg.busy.running, timeout=WAIT_MS * 4)
    assert out.exists(), dlg.message.text()


def _manifest(pdf: Path, tmp: Path) -> dict:
    tmp.mkdir()
    subprocess.run(["pdfdetach", "-saveall", "-o", str(tmp), str(pdf)], check=True,
                   capture_output=True, timeout=60)
    return json.loads((tmp / "donghaeng-manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_intimate_image_drawn_only_with_a_reason(make_ctrl, vault_home, qtbot, tmp_path,
                                                 lang):
    image = jpeg_bytes(photo(7, 800, 600))
    ctrl = make_ctrl(lang)
    main, dlg = _open_dialog(ctrl, qtbot, image)
    qtbot.waitUntil(lambda: dlg.has_intimate, timeout=WAIT_MS)
    choice = dlg.intimate
    assert choice.isVisible() and not choice.check.isChecked()
    assert choice.check.text() == ("Show intimate images on the pages" if lang == "en"
                                   else "성적 이미지를 페이지에 표시")
    # the deletion profile draws them anyway: nothing to choose there
    dlg.profile.setCurrentIndex(dlg.profile.findData("deletion"))
    assert not choice.isVisible()
    dlg.profile.setCurrentIndex(dlg.profile.findData("court"))
    assert choice.isVisible()

    # ticked without a reason: the export waits, with its one-line hint
    choice.check.setChecked(True)
    assert not dlg.export.isEnabled()
    assert choice.hint.isVisible() and len(choice.hint.text().splitlines()) == 1
    dlg.grab().save(str(_shots(tmp_path) / f"42-export-intimate-{lang}.png"))
    type_text(qtbot, choice.reason_edit, "   ")
    assert not dlg.export.isEnabled()
    choice.reason_edit.clear()
    choice.check.setChecked(False)
    assert dlg.export.isEnabled()

    # default: embedded once, not drawn; no reason in the manifest
    plain = tmp_path / "plain.pdf"
    _export(ctrl, qtbot, dlg, plain)
    assert plain.read_bytes().count(image) == 1
    manifest = _manifest(plain, tmp_path / "m1")
    assert manifest["intimate_shown_reason"] is None
    assert [f["intimate"] for f in manifest["files"] if f["name"] == "photo.jpg"] == [True]

    # ticked with a reason: drawn, and the reason is in the manifest and the audit
    choice.check.setChecked(True)
    assert not dlg.export.isEnabled()
    type_text(qtbot, choice.reason_edit, REASON)
    assert dlg.export.isEnabled() and not choice.hint.isVisible()
    shown = tmp_path / "shown.pdf"
    _export(ctrl, qtbot, dlg, shown)
    assert shown.read_bytes().count(image) == 2  # embedded and drawn
    assert _manifest(shown, tmp_path / "m2")["intimate_shown_reason"] == REASON

    def audit(vault):
        return [json.loads(e.reason) for e in vault.audit_entries() if e.action == "export"]

    entries = _submit(ctrl, qtbot, audit)
    assert [e["show_intimate_reason"] for e in entries] == [None, REASON]
    dlg.close()


def test_no_choice_without_an_intimate_image(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main, dlg = _open_dialog(ctrl, qtbot, jpeg_bytes(photo(8, 320, 240)), intimate=False)
    wait_idle(ctrl, qtbot)
    assert dlg.has_intimate is False and not dlg.intimate.isVisible()
    assert dlg.export.isEnabled()
    dlg.close()
