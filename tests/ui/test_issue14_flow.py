"""Issue 14's end-to-end scenario in the app, on real widgets, real vaults and a real `server
run` over HTTPS on 127.0.0.1 (SQLite: the engine and server are tested on both backends in
tests/sync):

1. two workers (A, B) and a desk, each a laptop of its own (own home, own app controller),
   make their account in the first-run window and connect through Settings' dialogs with
   codes from `server enroll`; the desk first imports the organisation key through Settings;
2. A, offline, creates a case with its intake record (New case), then syncs; the desk syncs
   and reads the case and the record (read-only);
3. the desk shares the case with B through the share dialog; B syncs and has it;
4. A and B, both offline, edit the record: the same field to different values and one
   other field each; both sync;
5. both laptops and the desk show the conflict (the case list's badge, the case view's
   mark);
6. B merges in the merge screen (the field changed on both sides chosen, the one-side
   changes taken), saves and syncs; A pulls the merge (no conflict any more); the desk too;
7. every version is in the record's history on all three;
8. the canary: after that day, no record text anywhere outside the vault files — the
   homes, the temp folder the test gives the app (TMPDIR), HOME and the XDG config, cache,
   data and state folders, Qt's settings file, the captured output and log records, the
   server's folder and logs — and none in the vault files either (SQLCipher, sealed files).

The three controllers run in one process and stay unlocked side by side, as three laptops
would: AppController holds no process-wide state but the UI language (`i18n`), which is
what a screenshot switches. Each laptop reaches the server through a fault proxy of its
own, so "offline" is that laptop's proxy refusing connections while the others sync.

Screenshots of each step (`30-flow-NN-…-ko.png` / `-en.png`): taken in Korean, then the
language is switched live through the app's own setting (`AppController.set_language`,
what Settings does), the same state grabbed in English, and switched back. They go to
DONGHAENG_FLOW_SHOTS when set (`DONGHAENG_FLOW_SHOTS=docs/screenshots`), else into the
test's temporary folder: `make test` must not rewrite committed images."""
from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import QPoint, Qt

from crypto.kdf import CHEAP
from tests.sync.conftest import PASSPHRASE as KEY_PASSPHRASE
from tests.sync.conftest import cli, served
from tests.sync.faultproxy import FaultProxy
from tests.ui.helpers import fill, type_into, type_text, wait_idle

LONG_MS = 120_000
SIZE = (1280, 820)
ACCOUNT_PASSPHRASE = "현장 노트북 금고 암호 2026!"

# What the records hold: each one a canary the last step looks for everywhere.
CLIENT = "도카린"
PHONE = "010-7357-1414"
SUMMARY = "단체방 qz7kx 유포 확인, 삭제 지원과 고소 상담을 원함."
A_SUMMARY = "가해자 계정 aq41zm 추가 확인, 고소장 초안 준비."
B_SUMMARY = "플랫폼 삭제 요청 bq83yn 접수, 재유포 모니터링 중."
A_HOURS = "평일 저녁 7시 이후 wx52"
B_CAUTIONS = "가족과 같이 살아 문자만 ct61"
CONFLICT_SHOTS = {"b": "11-b-conflict-case", "a": "12-a-conflict-case",
                  "desk": "13-desk-conflict-case"}
CANARIES = [CLIENT, PHONE, SUMMARY, A_SUMMARY, B_SUMMARY, A_HOURS, B_CAUTIONS,
            "qz7kx", "aq41zm", "bq83yn", "wx52", "ct61"]


@dataclass
class Laptop:
    label: str          # "a", "b", "desk": the screenshot names use it
    worker: str
    home: Path
    proxy: FaultProxy
    ctrl: object = None

    @property
    def main(self):
        return self.ctrl.main_window

    @property
    def runner(self):
        return self.main.sync_runner

    def call(self, op):
        """An operation on this laptop's vault worker, waited for."""
        return self.ctrl.tasks.call(op, timeout=60)


@pytest.fixture
def srv(tmp_path_factory):
    class One:  # served() reads the backend from request.param
        param = "sqlite"
    with served(One, tmp_path_factory, "flow14") as s:
        yield s


@pytest.fixture
def places(tmp_path, monkeypatch):
    """Where the app may write besides its home: a temp folder, HOME and the XDG folders
    of the test's own (the canary step scans them)."""
    dirs = {n: tmp_path / n for n in ("tmp", "userhome", "config", "cache", "data", "state")}
    for d in dirs.values():
        d.mkdir()
    monkeypatch.setenv("TMPDIR", str(dirs["tmp"]))
    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() reads TMPDIR again
    monkeypatch.setenv("HOME", str(dirs["userhome"]))
    for name in ("config", "cache", "data", "state"):
        monkeypatch.setenv(f"XDG_{name.upper()}_HOME", str(dirs[name]))
    assert tempfile.gettempdir() == str(dirs["tmp"])
    return dirs


@pytest.fixture
def shots(tmp_path) -> Path:
    out = Path(os.environ.get("DONGHAENG_FLOW_SHOTS") or tmp_path / "shots")
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture
def laptops(qapp, srv, tmp_path, clock, places):
    from ui.app import make_application

    make_application()
    made: list[Laptop] = []
    port = urlsplit(srv.url).port or 0
    # the server is this test's own: the names need not be unique across tests
    for label, worker in (("a", "강다온"), ("b", "윤서하"), ("desk", "센터 데스크")):
        made.append(Laptop(label, worker, tmp_path / f"home-{label}",
                           FaultProxy("127.0.0.1", port)))
    yield made
    for lap in made:
        ctrl = lap.ctrl
        if ctrl is not None:
            ctrl.shutdown()
            for w in (ctrl.main_window, ctrl.unlock_window, ctrl.first_run_window):
                if w is not None:
                    w.close()
                    w.deleteLater()
        lap.proxy.close()


# -- driving the app ----------------------------------------------------------------------

def _first_run(lap: Laptop, qtbot, clock) -> None:
    """The app on an empty home: the account made in the first-run window."""
    from ui.app_controller import AppController

    lap.home.mkdir(mode=0o700)
    lap.ctrl = ctrl = AppController(lap.home, lang="ko", kdf=CHEAP, clock=clock)
    ctrl.start()
    w = ctrl.first_run_window
    assert w is not None
    type_text(qtbot, w.name, lap.worker)
    type_text(qtbot, w.passphrase, ACCOUNT_PASSPHRASE)
    type_text(qtbot, w.repeat, ACCOUNT_PASSPHRASE)
    qtbot.mouseClick(w.create, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctrl.main_window is not None and ctrl.main_window.isVisible(),
                    timeout=LONG_MS)
    wait_idle(ctrl, qtbot)
    lap.main.resize(*SIZE)
    # rounds come when the test asks (and after saves, quickly); a failed one is not
    # retried behind the test's back within the scenario
    lap.runner.debounce.setInterval(300)
    lap.runner.retry_ms = 10 * 60_000


def _sheet(srv, worker: str, role: str = "worker") -> dict:
    proc = cli("enroll", "--data", str(srv.data), "--worker", worker, "--role", role,
               "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _enroll(lap: Laptop, qtbot, srv, role: str = "worker", *, qr: bool = True):
    """Settings → Connect to the center's server…: the QR's text pasted (its address the
    laptop's proxy: a sheet made with --url) or the three fields typed; Connect."""
    sheet = _sheet(srv, lap.worker, role)
    main = lap.main
    main.show_page("settings")
    settings = main.page("settings")
    wait_idle(lap.ctrl, qtbot)
    dlg = settings.open_enroll()
    qtbot.waitUntil(dlg.isVisible, timeout=LONG_MS)
    if qr:
        dlg.qr.setText(sheet["qr"].replace(
            "donghaeng-enroll:v1?", f"donghaeng-enroll:v1?server={lap.proxy.url_for()}&"))
    else:
        type_text(qtbot, dlg.server, lap.proxy.url_for())
        type_text(qtbot, dlg.code, sheet["code"])
        type_text(qtbot, dlg.fingerprint, sheet["fingerprint"])
    assert dlg.code.text() == sheet["code"] and dlg.server.text() == lap.proxy.url_for()
    qtbot.mouseClick(dlg.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.result_value is not None or dlg.job is None, timeout=LONG_MS)
    assert dlg.result_value is not None, dlg.message_text()
    assert lap.worker in dlg.message_text()
    qtbot.waitUntil(lambda: lap.runner.state.enrolled, timeout=LONG_MS)
    return dlg


def _round(lap: Laptop, qtbot) -> BaseException | None:
    """One sync round asked for (Sync now) and waited for; its error or None."""
    runner = lap.runner
    qtbot.waitUntil(lambda: runner.state.enrolled and not runner.running, timeout=LONG_MS)
    got: list = []

    def finished(error) -> None:
        got.append(error)
    runner.round_finished.connect(finished)
    try:
        qtbot.mouseClick(lap.main.sync_status.now, Qt.MouseButton.LeftButton)
        assert runner.running  # started now: the next round to finish is this one
        qtbot.waitUntil(lambda: bool(got), timeout=LONG_MS)
    finally:
        runner.round_finished.disconnect(finished)
    wait_idle(lap.ctrl, qtbot)
    return got[0]


def _sync(lap: Laptop, qtbot, until=None, rounds: int = 4) -> None:
    """Rounds, each one successful, until `until(vault)` holds (what another laptop sent
    has arrived) — one round when nothing is awaited."""
    for _ in range(rounds):
        error = _round(lap, qtbot)
        assert error is None, f"{lap.label}: {error!r}"
        if until is None or lap.call(until):
            qtbot.waitUntil(lambda: not lap.runner.running, timeout=LONG_MS)
            wait_idle(lap.ctrl, qtbot)
            return
    raise AssertionError(f"{lap.label}: not there after {rounds} rounds")


def _open_case(lap: Laptop, qtbot, code: str):
    lap.main.open_case(code)
    cv = lap.main.case_view
    qtbot.waitUntil(lambda: cv.current is not None and bool(cv.versions), timeout=LONG_MS)
    wait_idle(lap.ctrl, qtbot)
    return cv


def _badge(lap: Laptop, code: str) -> str:
    model = lap.main.cases.model
    row = model.row_of(code)
    return model.data(model.index(row, 0)) if row >= 0 else ""


def _conflict_shown(lap: Laptop, qtbot, code: str) -> None:
    """The case list's badge and the case view's mark (the record's version column, the
    red line and Resolve…)."""
    lap.main.back_to_cases()
    qtbot.waitUntil(lambda: "⚠" in _badge(lap, code), timeout=LONG_MS)
    cv = _open_case(lap, qtbot, code)
    qtbot.waitUntil(lambda: cv.current.conflict and cv.resolve.isVisible(), timeout=LONG_MS)
    assert cv.conflict_note.isVisible() and "2" in cv.conflict_note.text()
    assert "⚠" in cv.timeline.data(cv.timeline.index(0, 2))


def _no_conflict(lap: Laptop, qtbot, code: str) -> None:
    cv = lap.main.case_view
    qtbot.waitUntil(lambda: cv.current is not None and not cv.current.conflict
                    and not cv.resolve.isVisible(), timeout=LONG_MS)
    assert not cv.conflict_note.isVisible()
    assert "⚠" not in (cv.timeline.data(cv.timeline.index(0, 2)) or "")
    lap.main.back_to_cases()
    qtbot.waitUntil(lambda: bool(_badge(lap, code)) and "⚠" not in _badge(lap, code),
                    timeout=LONG_MS)


def _edit(lap: Laptop, qtbot, values: dict[str, str]):
    """Edit on the case view, the fields typed over, Save: a new version."""
    cv = lap.main.case_view
    qtbot.mouseClick(cv.edit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lap.main.editor is not None and lap.main.editor.record
                    is not None, timeout=LONG_MS)
    ed = lap.main.editor
    for path, text in values.items():
        target = ed.view.rows[path].editor.focus_target()
        target.setFocus()
        target.selectAll()
        type_text(qtbot, target, text)
    return ed


def _finalise(lap: Laptop, qtbot, ed) -> None:
    qtbot.mouseClick(ed.finalise, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lap.main.editor is None, timeout=LONG_MS)
    qtbot.waitUntil(lambda: lap.main.case_view is not None
                    and lap.main.stack.currentWidget() is lap.main.case_view, timeout=LONG_MS)
    wait_idle(lap.ctrl, qtbot)


# -- screenshots --------------------------------------------------------------------------

class Shots:
    """Each step grabbed in Korean and in English (the app's own language switch)."""

    def __init__(self, out: Path, qtbot):
        self.out, self.qtbot = out, qtbot
        self.saved: list[Path] = []

    def _settle(self, lap: Laptop) -> None:
        # a round running in one grab and done in the other would show two states
        self.qtbot.waitUntil(lambda: not lap.runner.running, timeout=LONG_MS)
        wait_idle(lap.ctrl, self.qtbot)
        self.qtbot.wait(150)  # layouts and repaints after the last results

    def take(self, lap: Laptop, name: str, dialog=None) -> None:
        # ui/screenshots.py's writers: the same small PNGs, a dialog drawn over its window
        from ui import screenshots

        for lang in ("ko", "en"):
            lap.ctrl.set_language(lang)
            self._settle(lap)
            if dialog is None:
                path = screenshots._save(lap.main, self.out, f"30-flow-{name}", lang)
            else:
                path = screenshots._save_with_dialog(lap.main, dialog, self.out,
                                                     f"30-flow-{name}", lang)
            assert path.stat().st_size > 10_000, path
            self.saved.append(path)
        lap.ctrl.set_language("ko")
        self._settle(lap)


# -- the scenario -------------------------------------------------------------------------

def _intake(lap: Laptop, qtbot) -> tuple[str, str]:
    """New case: the intake form, filled and saved; the case view it lands on."""
    main = lap.main
    main.back_to_cases()
    qtbot.mouseClick(main.cases.new_case, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main.editor is not None and main.editor.form.id == "intake",
                    timeout=LONG_MS)
    view = main.editor.view
    type_into(qtbot, view.rows["client_name"].editor, CLIENT)
    type_into(qtbot, view.rows["contact_phone"].editor, PHONE)
    fill(view, {"channel": "phone", "reporter": "victim", "safe_contact_method": "phone_call",
                "immediate_danger": False, "support_areas": ["investigation", "deletion"],
                "urgency": "high", "age_band_reported": "age_19_29"})
    type_into(qtbot, view.rows["summary"].editor, SUMMARY)
    _finalise(lap, qtbot, main.editor)
    cv = main.case_view
    qtbot.waitUntil(lambda: cv.current is not None, timeout=LONG_MS)
    wait_idle(lap.ctrl, qtbot)
    return cv.code, cv.current.id


def _pick(qtbot, radio) -> None:
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(6, radio.height() // 2))
    assert radio.isChecked()


def test_issue14_day_two_workers_and_the_desk(laptops, srv, qtbot, clock, shots, places,
                                              capfd, caplog):
    caplog.set_level(logging.DEBUG)
    a, b, desk = laptops
    pics = Shots(shots, qtbot)

    # 1. accounts, then enrollment through Settings' dialogs -----------------------------
    for lap in laptops:
        _first_run(lap, qtbot, clock)
    dlg = _enroll(a, qtbot, srv)
    pics.take(a, "01-a-enrolled", dlg)
    dlg.close()
    _enroll(b, qtbot, srv, qr=False).close()

    # the desk: the organisation key through Settings, then a desk code
    desk.main.show_page("settings")
    settings = desk.main.page("settings")
    qtbot.waitUntil(lambda: settings.import_key.isVisible(), timeout=LONG_MS)
    key = settings.open_import_key()
    qtbot.waitUntil(key.isVisible, timeout=LONG_MS)
    key.path.setText(str(srv.keydir / "sealing.key"))
    type_text(qtbot, key.passphrase, KEY_PASSPHRASE)
    qtbot.mouseClick(key.go, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not key.busy, timeout=LONG_MS)
    assert key.done_value is not None, key.message.text()
    assert desk.call(lambda v: v.desk_key())["key_id"] == key.done_value
    pics.take(desk, "02-desk-key", key)
    key.close()
    dlg = _enroll(desk, qtbot, srv, role="desk")
    pics.take(desk, "03-desk-enrolled", dlg)
    dlg.close()
    assert desk.call(lambda v: v.sync_enrollment()["role"]) == "desk"
    for lap in laptops:
        _sync(lap, qtbot)

    # 2. A, offline, creates a case with its record; then syncs; the desk reads it -------
    a.proxy.refuse = True
    code, rid = _intake(a, qtbot)
    qtbot.waitUntil(lambda: a.runner.state.problem == "offline" and not a.runner.running,
                    timeout=LONG_MS)  # the round after the save found no server
    assert a.call(lambda v: v.sync_status()["pending_changes"]) >= 2  # the case, the record
    assert a.main.sync_status.label.text().startswith("연결 없음")
    pics.take(a, "04-a-offline-case")
    a.proxy.refuse = False
    _sync(a, qtbot)
    assert a.call(lambda v: v.sync_status()["pending_changes"]) == 0
    assert a.runner.state.problem is None
    pics.take(a, "05-a-synced")

    _sync(desk, qtbot, lambda v: v.get_case(code) is not None
          and any(r.id == rid for r in v.list_records(case_code=code)))
    cv = _open_case(desk, qtbot, code)
    assert cv.current.id == rid and cv.center.desk
    assert cv.edit.isHidden() and cv.new_record.isHidden()  # read-only on the desk
    assert a.worker in cv.center.owner.text()
    assert CLIENT in " ".join(w.text() for w in cv.record_view.findChildren(type(cv.title)))
    pics.take(desk, "06-desk-reads")

    # 3. the desk shares the case with B; B syncs and has it -----------------------------
    share = cv.center.open_share()
    qtbot.waitUntil(share.isVisible, timeout=LONG_MS)
    type_text(qtbot, share.worker, b.worker)
    qtbot.mouseClick(share.go, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not share.busy, timeout=LONG_MS)
    assert share.done_value, share.message.text()
    pics.take(desk, "07-desk-shared", share)
    share.close()
    _sync(desk, qtbot)
    _sync(b, qtbot, lambda v: v.get_case(code) is not None
          and any(r.id == rid for r in v.list_records(case_code=code)))
    b.main.back_to_cases()
    qtbot.waitUntil(lambda: b.main.cases.model.row_of(code) >= 0, timeout=LONG_MS)
    cv = _open_case(b, qtbot, code)
    assert cv.current.id == rid and cv.current.values["summary"] == SUMMARY
    assert not cv.edit.isHidden() and cv.edit.isEnabled()  # a teammate edits the case
    pics.take(b, "08-b-shared-case")

    # 4. A and B edit the record offline: the summary both, one other field each ---------
    first = a.call(lambda v: v.get_record(rid)).version_id
    a.proxy.refuse = b.proxy.refuse = True
    _open_case(a, qtbot, code)
    ed = _edit(a, qtbot, {"summary": A_SUMMARY, "safe_contact_hours": A_HOURS})
    pics.take(a, "09-a-edits-offline")
    _finalise(a, qtbot, ed)
    ed = _edit(b, qtbot, {"summary": B_SUMMARY, "contact_cautions": B_CAUTIONS})
    _finalise(b, qtbot, ed)
    for lap in (a, b):
        qtbot.waitUntil(lambda lap=lap: lap.runner.state.problem == "offline"
                        and not lap.runner.running, timeout=LONG_MS)
    a_version = a.call(lambda v: v.get_record(rid)).version_id
    b_version = b.call(lambda v: v.get_record(rid)).version_id
    assert len({first, a_version, b_version}) == 3
    a.proxy.refuse = b.proxy.refuse = False
    _sync(a, qtbot)
    _sync(b, qtbot, lambda v: len(v.record_heads(rid)) == 2)
    _sync(a, qtbot, lambda v: len(v.record_heads(rid)) == 2)
    _sync(desk, qtbot, lambda v: len(v.record_heads(rid)) == 2)

    # 5. the conflict on both laptops and the desk ----------------------------------------
    heads = sorted(b.call(lambda v: v.record_heads(rid)))
    assert heads == sorted([a_version, b_version])
    for lap in (b, a, desk):
        assert sorted(lap.call(lambda v: v.record_heads(rid))) == heads
        _conflict_shown(lap, qtbot, code)
        lap.main.back_to_cases()
        if lap is b:
            pics.take(b, "10-b-conflict-list")
        _open_case(lap, qtbot, code)
        pics.take(lap, CONFLICT_SHOTS[lap.label])

    # 6. B merges; B syncs; A and the desk pull the merge ---------------------------------
    cv = b.main.case_view
    qtbot.mouseClick(cv.resolve, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cv.merge_view is not None and cv.merge_view.merge is not None,
                    timeout=LONG_MS)
    wait_idle(b.ctrl, qtbot)
    mv = cv.merge_view
    assert [f.key for f in mv.merge.questions] == ["summary"]
    assert not mv.save.isEnabled()
    letters = {mv.rows["safe_contact_hours"].result.text(),
               mv.rows["contact_cautions"].result.text()}
    assert letters == {"A 값을 씀", "B 값을 씀"}  # one-side changes: taken, and said so
    row = mv.rows["summary"]
    texts = [c.text for c in row.cells]
    assert texts[0] == SUMMARY and sorted(texts[1:]) == sorted([A_SUMMARY, B_SUMMARY])
    side_b = texts[1:].index(B_SUMMARY)
    grid = mv.scroll.widget().layout()  # the heads' columns name who wrote each side
    heads_shown = [grid.itemAtPosition(0, 2 + i).widget().text() for i in (0, 1)]
    assert b.worker in heads_shown[side_b] and a.worker in heads_shown[1 - side_b]
    _pick(qtbot, row.group.button(side_b))
    assert mv.save.isEnabled()
    pics.take(b, "14-b-merge")
    qtbot.mouseClick(mv.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cv.merge_view is None, timeout=LONG_MS)
    wait_idle(b.ctrl, qtbot)
    merged = b.call(lambda v: v.get_record(rid))
    assert sorted(merged.parents) == heads and not merged.conflict
    assert merged.values["summary"] == B_SUMMARY
    assert merged.values["safe_contact_hours"] == A_HOURS
    assert merged.values["contact_cautions"] == B_CAUTIONS
    _sync(b, qtbot)
    assert not _open_case(b, qtbot, code).resolve.isVisible()
    pics.take(b, "15-b-merged")

    for lap, shot in ((a, "16-a-pulled-merge"), (desk, "17-desk-merged")):
        _sync(lap, qtbot, lambda v: v.record_heads(rid) == [merged.version_id])
        _open_case(lap, qtbot, code)
        _no_conflict(lap, qtbot, code)
        cv = _open_case(lap, qtbot, code)
        assert cv.current.version_id == merged.version_id
        assert cv.current.values["summary"] == B_SUMMARY
        assert cv.current.values["contact_cautions"] == B_CAUTIONS
        pics.take(lap, shot)

    # 7. every version in the history of all three ----------------------------------------
    wanted = {first, a_version, b_version, merged.version_id}
    for lap in (a, b, desk):
        versions = lap.call(lambda v: v.record_versions(rid))
        assert {x.version_id for x in versions} == wanted, lap.label
        by_id = {x.version_id: x.values for x in versions}
        assert by_id[first]["summary"] == SUMMARY
        assert by_id[a_version]["summary"] == A_SUMMARY
        assert by_id[b_version]["summary"] == B_SUMMARY
        cv = _open_case(lap, qtbot, code)
        assert cv.version.count() == 4 and cv.version.isEnabled()  # on screen too

    # 8. the canary: nowhere outside the vault, and not readable inside it ----------------
    for lap in laptops:
        lap.ctrl.lock("manual")
        qtbot.waitUntil(lambda lap=lap: not lap.ctrl.tasks.has_vault, timeout=LONG_MS)
    _no_canary_anywhere(laptops, places, srv, capfd, caplog)
    assert len(pics.saved) == 2 * 17


def _forms(text: str) -> list[bytes]:
    """The ways a string can sit in a file: UTF-8, UTF-16 both ways, JSON-escaped."""
    return sorted({text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be"),
                   json.dumps(text)[1:-1].encode()})


def _hits(roots: list[Path], needles: list[bytes]) -> list[str]:
    found = []
    for root in roots:
        files = [root] if root.is_file() else root.rglob("*") if root.is_dir() else []
        for p in files:
            if p.is_file() and not p.is_symlink():
                try:
                    blob = p.read_bytes()
                except OSError:
                    continue
                found += [f"{p}: {n!r}" for n in needles if n in blob]
    return found


def _no_canary_anywhere(laptops: list[Laptop], places: dict[str, Path], srv, capfd,
                        caplog) -> None:
    from PySide6.QtCore import QSettings

    needles = [form for c in CANARIES for form in _forms(c)]
    qt_settings = Path(QSettings(QSettings.Scope.UserScope, "QtProject").fileName())
    roots = [lap.home for lap in laptops] + list(places.values()) + [qt_settings,
                                                                     srv.data.parent]
    from desktop.vault.layout import paths_for

    # the vault files are there, so a clean scan of them means they hold no plaintext
    for lap in laptops:
        assert paths_for(lap.home, lap.worker).db.stat().st_size > 0, lap.label
    # the scanner finds a planted copy: a clean result means something
    planted = places["tmp"] / "planted"
    planted.write_bytes(b"..." + CLIENT.encode("utf-16-le") + b"...")
    assert _hits([places["tmp"]], needles)
    planted.unlink()
    assert _hits(roots, needles) == []
    out, err = capfd.readouterr()
    logged = caplog.text
    for c in CANARIES:
        assert c not in out and c not in err and c not in logged, c
