"""Issue 16, the app path for a takedown packet (offscreen, real vault, real worker thread):
the case view's "Takedown packet…" opens the dialog; a platform the signed consent covers
makes the packet (files there, no case code in them); a platform it does not cover shows the
consent's reasons and needs an override reason, which the audit log then holds.
Screenshots into DONGHAENG_FLOW_SHOTS when set (`DONGHAENG_FLOW_SHOTS=docs/screenshots`),
else into the test's temporary folder."""
from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from tests.ui.helpers import WAIT_MS, type_text, unlock, wait_idle
from tests.unit.crypto.pdq_images import jpeg_bytes, photo
from ui import dialogs

CASE = "PKTCASE-41"


def _shots(tmp_path: Path) -> Path:
    out = Path(os.environ.get("DONGHAENG_FLOW_SHOTS") or tmp_path / "shots")
    out.mkdir(parents=True, exist_ok=True)
    return out


def _submit(ctrl, qtbot, op):
    out = []
    ctrl.session.submit(op, out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=WAIT_MS)
    return out[0]


def _make_case(session):
    """An evidence item on telegram with an image, and a signed consent sharing hash
    values with telegram only (like tests/e2e/test_takedown_packet_cli.py)."""
    from desktop.vault import NewFile
    from forms.examples import example

    def op(vault):
        svc = session.records(vault)
        ev = dict(example("evidence"), kind="image", title="증거 제목 QXTITLE",
                  platform="telegram")
        svc.create("evidence", ev, case=CASE, files=[
            NewFile(io.BytesIO(jpeg_bytes(photo(5, 800, 600))), "qxfile.jpg", "attachment")])
        consent = dict(example("consent"), hash_sharing_platforms=["telegram"])
        svc.create("consent", consent, case=CASE, files=[
            NewFile(io.BytesIO(jpeg_bytes(photo(6, 64, 32))), "sig.jpg", "signature")])
        return CASE

    return op


def _open_dialog(ctrl, qtbot, lang):
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    _submit(ctrl, qtbot, _make_case(ctrl.session))
    main.open_case(CASE)
    wait_idle(ctrl, qtbot)
    cv = main.case_view
    assert cv.packet.text() == ("Takedown packet…" if lang == "en" else "삭제 요청 패킷…")
    cv.packet.click()
    from ui.takedown_dialog import TakedownPacketDialog

    dlg = cv.findChild(TakedownPacketDialog)
    assert dlg is not None and dlg.isVisible()
    return main, dlg


def _choose(ctrl, qtbot, dlg, platform: str, parent: Path) -> None:
    dlg.platform.setCurrentIndex(dlg.platform.findData(platform))
    wait_idle(ctrl, qtbot)
    qtbot.waitUntil(lambda: dlg.covered is not None, timeout=WAIT_MS)
    dialogs.set_next_answer(str(parent))
    dlg.browse.click()
    assert dlg.parent_dir.text() == str(parent)


def _make(ctrl, qtbot, dlg) -> None:
    dlg.make.click()
    wait_idle(ctrl, qtbot)
    qtbot.waitUntil(lambda: not dlg.busy.running, timeout=WAIT_MS)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_covered_platform_makes_the_packet(make_ctrl, vault_home, qtbot, tmp_path, lang):
    ctrl = make_ctrl(lang)
    main, dlg = _open_dialog(ctrl, qtbot, lang)
    labels = [dlg.platform.itemText(i) for i in range(dlg.platform.count())]
    assert {"Telegram", "Instagram"} <= set(labels) if lang == "en" \
        else {"텔레그램", "인스타그램"} <= set(labels)
    _choose(ctrl, qtbot, dlg, "telegram", tmp_path)
    assert dlg.covered is True and dlg.override.isHidden() and dlg.consent_note.isHidden()
    assert CASE not in dlg.folder.text()
    _make(ctrl, qtbot, dlg)
    assert dlg.result is not None, dlg.message.text()
    out = dlg.target()
    assert out.parent == tmp_path
    assert sorted(p.name for p in out.iterdir()) == ["hashes.csv", "hashes.json", "summary.pdf"]
    for p in out.iterdir():
        assert CASE.encode() not in p.read_bytes() and b"QXTITLE" not in p.read_bytes()
    assert str(out) in dlg.message.text()
    assert ("1 item(s), 1 file(s) hashed" if lang == "en" else "항목 1개, 해시한 파일 1개") \
        in dlg.message.text()
    dlg.grab().save(str(_shots(tmp_path) / f"41-takedown-packet-{lang}.png"))
    # the folder exists now: a second run is refused with one line, nothing written
    _make(ctrl, qtbot, dlg)
    assert len(dlg.message.text().splitlines()) == 1
    assert ("already exists" if lang == "en" else "이미 있습니다") in dlg.message.text()
    dlg.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_uncovered_platform_needs_a_reason_which_is_audited(make_ctrl, vault_home, qtbot,
                                                            tmp_path, lang):
    ctrl = make_ctrl(lang)
    main, dlg = _open_dialog(ctrl, qtbot, lang)
    _choose(ctrl, qtbot, dlg, "instagram", tmp_path)
    assert dlg.covered is False
    assert not dlg.override.isHidden() and not dlg.consent_note.isHidden()
    assert ("Instagram" if lang == "en" else "인스타그램") in dlg.consent_note.text()
    dlg.grab().save(str(_shots(tmp_path) / f"41-takedown-packet-consent-{lang}.png"))
    _make(ctrl, qtbot, dlg)
    assert dlg.result is None and not dlg.target().exists()
    assert ("Write why" if lang == "en" else "사유") in dlg.message.text()
    reason = "피해자가 구두로 요청, 서면 동의 예정"
    type_text(qtbot, dlg.override, reason)
    _make(ctrl, qtbot, dlg)
    assert dlg.result is not None, dlg.message.text()
    assert dlg.result.override_reason == reason and dlg.result.consent is None
    assert (dlg.target() / "hashes.json").exists()

    def audit(vault):
        return [json.loads(e.reason) for e in vault.audit_entries()
                if e.action == "takedown_packet"]

    [entry] = _submit(ctrl, qtbot, audit)
    assert entry["platform"] == "instagram" and entry["override_reason"] == reason
    assert entry["packet"] == dlg.result.packet_id
    dlg.close()
