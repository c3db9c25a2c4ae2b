"""Screenshots of the notes and the center's desk (called by ui/screenshots.py): the notes
inbox and a case with a note from the center on the worker's demo session; then a demo
vault made a desk — its read-only case view, the note dialog, the purge requests.

No server runs here. The notes are stored as a pull stores them (`notes.received`), the
purge requests as a desk's pull keeps them (`purge.requested`), and the desk's enrollment
is a stored row whose server does not answer (its runner is stopped and the status line
shown up to date): what is pictured is the app's screens, not the exchange."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

DESK = {"ko": "센터 데스크", "en": "center desk"}
NOTES = {
    "ko": ["다음 주 재판 전에 진술서 사본과 채증 자료 목록을 챙겨 주세요. 법률지원단 변호사님이 "
           "목요일 오후에 연락드린다고 합니다.",
           "삭제 지원 요청 3건이 처리되었습니다. 결과 보고서를 사례에 첨부해 주세요."],
    "en": ["Before next week's hearing, please bring a copy of the statement and the list of "
           "collected evidence. The legal aid lawyer will call on Thursday afternoon.",
           "Three deletion requests were completed. Please attach the report to the case."],
}
REQUESTS = {
    "ko": [("DEMO-004", "피해자 본인이 기록 삭제를 요청함 (개인정보보호법 제21조)"),
           ("DEMO-007", "보존 기간 만료")],
    "en": [("DEMO-004", "the victim asked for the records to be deleted (PIPA art. 21)"),
           ("DEMO-007", "retention period over")],
}


def _ago(hours: float) -> str:
    return (datetime.now(UTC) - timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _receive_notes(vault, lang: str) -> None:
    """Two notes about DEMO-001 as a pull from the center leaves them; the older one read."""
    from desktop.vault import notes

    case = vault.get_case("DEMO-001")
    made = []

    def store(conn, _w):
        for hours, text in ((3, NOTES[lang][0]), (50, NOTES[lang][1])):
            note_id = str(uuid.uuid4())
            content = {"note": {"id": note_id, "text": text, "to": vault.worker,
                                "at": _ago(hours)},
                       "case": {"id": case.id, "code": case.code}}
            notes.received(conn, str(uuid.uuid4()), content, DESK[lang])
            made.append(note_id)
    vault._store.write(store, audited=False)  # demo data: what a pull would have stored
    vault.mark_notes_read(made[1:])


def shoot_notes(app, ctrl, main, out: Path, lang: str, *, settle, save) -> list[Path]:
    saved = []
    ctrl.tasks.call(lambda v: _receive_notes(v, lang))
    main.desk_nav.recount()
    main.show_page("notes")
    settle(app, ctrl, 0.5)
    saved.append(save(main, out, "25-notes-inbox", lang))
    main.page("notes").open_row(0)
    settle(app, ctrl, 0.6)
    saved.append(save(main, out, "26-case-note", lang))
    return saved


def _make_desk(vault, lang: str) -> None:
    """The demo vault as a desk: an enrollment row (role desk, a server that does not
    answer) and two workers' purge requests waiting."""
    import hashlib
    import json

    from desktop.vault import purge

    fake = hashlib.sha256(b"demo").hexdigest()
    vault.save_enrollment({
        "server_url": "https://127.0.0.1:9", "tls_sha256": fake, "server_epoch": "demo",
        "device_id": str(uuid.uuid4()), "worker": DESK[lang], "team": None, "role": "desk",
        "fingerprint": fake, "signing_key": b"\0" * 32, "sealing_key": b"\0" * 32,
        "routing_key": b"\0" * 32, "receipt_key": b"\0" * 32, "org_keys": json.dumps({}),
        "enrolled_at": _ago(24 * 30)})

    def store(conn, _w):
        for hours, (code, reason) in zip((30, 2), REQUESTS[lang], strict=True):
            case = vault.get_case(code)
            purge.requested(conn, case.id, {"code": code, "reason": reason,
                                            "by": "demo", "at": _ago(hours)})
    vault._store.write(store, audited=False)  # demo data: what a desk's pull keeps


def shoot_desk(app, tmp: Path, out: Path, lang: str, *, settle, pump, save,
               save_with_dialog, window, passphrase: str) -> list[Path]:
    """A demo vault of its own, made a desk; unlocked in a controller of its own."""
    from crypto.kdf import CHEAP
    from desktop.demo import DEMO_WORKER, build_demo
    from desktop.vault import Vault
    from ui import dialogs
    from ui.app_controller import AppController
    from ui.sync_runner import SyncState

    home = tmp / f"desk-{lang}"
    build_demo(home, passphrase, kdf=CHEAP)
    vault = Vault.open(home, DEMO_WORKER, passphrase)
    try:
        _make_desk(vault, lang)
    finally:
        vault.lock()
    ctrl = AppController(home, lang=lang, kdf=CHEAP, worker=DEMO_WORKER)
    ctrl.start()
    uw = ctrl.unlock_window
    assert uw is not None
    uw.passphrase.setText(passphrase)
    dialogs.set_next_answer(False)  # "open your drafts?" — none, but never block
    uw._submit()
    while ctrl.main_window is None:
        pump(app, 0.05)
    main = ctrl.main_window
    window(main)
    settle(app, ctrl, 0.6)
    main.sync_runner.stop()  # the demo server does not answer: the line shown up to date
    main.sync_status.set_state(SyncState(known=True, enrolled=True,
                                         last_success=_ago(0.2)))
    saved = []
    main.open_case("DEMO-001")
    settle(app, ctrl, 0.8)
    saved.append(save(main, out, "27-desk-case", lang))
    dlg = main.case_view.center.open_note()
    dlg.text.setPlainText(NOTES[lang][0])
    settle(app, ctrl, 0.3)
    saved.append(save_with_dialog(main, dlg, out, "28-desk-note", lang))
    dlg.close()
    main.show_page("purges")
    settle(app, ctrl, 0.5)
    page = main.page("purges")
    page.table.selectRow(0)
    settle(app, ctrl, 0.2)
    saved.append(save(main, out, "29-purge-requests", lang))
    saved.append(shoot_desk_cases(app, ctrl, main, out, lang, settle=settle, save=save))
    dialogs.clear()
    ctrl.lock("manual")
    settle(app, ctrl)
    ctrl.shutdown()
    if ctrl.unlock_window is not None:
        ctrl.unlock_window.close()
    pump(app, 0.2)
    return saved


# The desk's case list: the demo worker's cases and two more workers' as pulled, in teams.
# Sorted by team, the first screen holds all three workers and both teams.
MATES = {"ko": (("강다온", "1팀"), ("윤서하", "1팀")),
         "en": (("Kang Daon", "Team 1"), ("Yoon Seoha", "Team 1"))}
DEMO_TEAM = {"ko": "2팀", "en": "Team 2"}


def _pull_mates_cases(vault, tmp: Path, lang: str) -> None:
    """Each teammate's cases written in a vault of theirs, then applied on the desk as a
    pull applies them (the opener stands in for the decryption), and the team map a
    round keeps (desktop/vault/teams.py)."""
    import random
    from datetime import date

    from crypto.kdf import CHEAP
    from desktop.vault import Vault, teams
    from forms import load_registry
    from forms.examples import fake_values

    registry, today = load_registry(), date.today()
    seq = 0
    for k, (name, _team) in enumerate(MATES[lang]):
        lap = Vault.create(tmp / f"mate-{lang}-{k}", name, "screenshot mate 2026", kdf=CHEAP)
        rng = random.Random(k + 7)
        try:
            for n in range(1, 5):
                code = f"{'KDO' if k == 0 else 'YSH'}-2026-{n:03d}"
                for form_id in ("intake", "incident"):
                    lap.put_records([(form_id, registry.latest(form_id).version, fake_values(
                        registry.latest(form_id), rng, today=today), code)])
            outs = lap.unfrozen_changes(1000)
        finally:
            lap.lock()
        by_id = {o.change.change_id: o for o in outs}

        def opener(body: bytes, _held, by_id=by_id):
            o = by_id[body.decode()]
            return ({"change_id": o.change.change_id, "device_id": o.change.device_id,
                     "device_seq": o.change.device_seq, "op": o.op}, o.content, "", None)
        items = [(seq + i + 1, o.change.change_id.encode(), name) for i, o in enumerate(outs)]
        seq += len(items)
        vault.apply_pulled(items, None, opener)
    teams.store(vault, {**{name: team for name, team in MATES[lang]},
                        vault.worker: DEMO_TEAM[lang]})


def shoot_desk_cases(app, ctrl, main, out: Path, lang: str, *, settle, save) -> Path:
    """31: the desk's case list with its Worker and Team columns, sorted by team."""
    import tempfile

    from PySide6.QtCore import Qt

    from ui.case_index import TEAM_COL

    with tempfile.TemporaryDirectory(prefix="dh-shot-mates-") as tmp:
        ctrl.tasks.call(lambda v: _pull_mates_cases(v, Path(tmp), lang))
    main.show_page("cases")
    cases = main.cases
    cases.reload()
    settle(app, ctrl, 0.8)
    cases.table.horizontalHeader().setSortIndicator(TEAM_COL, Qt.SortOrder.AscendingOrder)
    settle(app, ctrl, 0.5)
    return save(main, out, "31-desk-cases", lang)
