"""Form releases end to end (SQLite and PostgreSQL), through the real commands: `server
forms publish` signs a release with the organisation's key while `server run` serves the
folder; laptops take it at their next `donghaeng sync`, verify it and keep it. A release
that loosens a field's classification, or whose stored text was altered in the server's
database, is refused with one line (sync exits 1) while the rest of the round stands.
Publishing bad YAML, with a wrong passphrase or without the key file stores nothing."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from forms.loader import DEFINITIONS_DIR
from sync.server.models import FormReleaseForm, FormReleaseRow
from tests.sync.conftest import BACKENDS, cli, served
from tests.sync.laptops import Laptop, enroll, new_laptop, server_status
from tests.sync.servers import db

NEW_FIELD = """      - id: release_note
        type: text
        label: {ko: 배포 메모, en: Release note}
        example: 새 항목
"""


@pytest.fixture(scope="module", params=BACKENDS)
def srv(request, tmp_path_factory):
    with served(request, tmp_path_factory, "forms") as s:
        yield s


def _v2(form: str, *, loosen: bool = False) -> str:
    """A copy of a packaged form as version 2 with a new optional field; `loosen`: its
    first identifying field made statistic."""
    text = (DEFINITIONS_DIR / f"{form}.v1.yaml").read_text(encoding="utf-8")
    assert text.count("\nversion: 1\n") == 1
    text = text.replace("\nversion: 1\n", "\nversion: 2\n")
    head, sep, rest = text.partition("    fields:\n")
    text = head + sep + NEW_FIELD + rest
    if loosen:
        assert "classification: identifying" in text
        text = text.replace("classification: identifying", "classification: statistic", 1)
    return text


def _folder(tmp: Path, name: str, files: dict[str, str]) -> Path:
    folder = tmp / name
    folder.mkdir()
    for file, text in files.items():
        (folder / file).write_text(text, encoding="utf-8")
    return folder


def _publish(srv, folder: Path, *, key: Path | None = None, passphrase: Path | None = None):
    return cli("forms", "publish", "--lang", "en", "--data", str(srv.data), "--org-key",
               str(key or srv.keydir / "signing.key"), "--passphrase-file",
               str(passphrase or srv.data.parent / "passphrase"), str(folder))


def _published(srv, folder: Path) -> str:
    proc = _publish(srv, folder)
    assert proc.returncode == 0, proc.stderr
    line = [x for x in proc.stdout.splitlines() if x.startswith("form-release: ")]
    return line[0].split(": ", 1)[1]


def _releases(srv) -> int:
    with db(srv) as session:
        return session.execute(select(func.count()).select_from(FormReleaseRow)).scalar_one()


def _record(lap: Laptop, tmp: Path, n: int) -> None:
    lap.put(tmp, "companion_session", {
        "date": "2026-12-06", "start_time": "14:00", "end_time": "16:30",
        "place_type": "police", "place": f"경찰서 {n}", "purpose": ["victim_interview"],
        "workers": [{"name": "활동가 이예시", "role": "lead"}],
        "what_happened": f"동행 기록 {n}번입니다", "victim_condition": "anxious",
        "outcome": "completed"}, case=f"FRM-2026-{n:04d}")


def _laptop(srv, tmp: Path, name: str) -> Laptop:
    lap = new_laptop(tmp, name, f"{name} 활동가")
    enroll(srv, lap)
    return lap


def _release_lines(err: str) -> list[str]:
    """The refusals among the round's stderr lines (progress says "accepted")."""
    return [x for x in err.splitlines()
            if x.startswith("form release ") and " refused: " in x]


def test_a_release_is_accepted_then_a_second_one(srv, tmp_path):
    lap = _laptop(srv, tmp_path, "accept")
    assert lap.json("sync", "status")["form_releases"] == 0
    first = _published(srv, _folder(tmp_path, "r1", {
        "companion_session.v2.yaml": _v2("companion_session")}))
    r = lap.run("sync", "--lang", "en")
    assert r.code == 0, r.err
    assert not _release_lines(r.err)
    assert lap.json("sync", "status")["form_releases"] == 1
    # the same folder again: nothing new to publish, nothing stored
    again = _publish(srv, tmp_path / "r1")
    assert again.returncode == 1 and "no new form version" in again.stderr
    second = _published(srv, _folder(tmp_path, "r2", {"referral.v2.yaml": _v2("referral")}))
    assert second != first
    r = lap.run("sync", "--lang", "en")
    assert r.code == 0, r.err
    assert lap.json("sync", "status")["form_releases"] == 2


def test_a_loosening_release_is_refused_the_rest_of_the_round_stands(srv, tmp_path):
    lap = _laptop(srv, tmp_path, "loosen")
    before = server_status(srv)["changes"]
    _record(lap, tmp_path, 1)
    bad = _published(srv, _folder(tmp_path, "loose", {
        "intake.v2.yaml": _v2("intake", loosen=True)}))
    r = lap.run("sync", "--lang", "en")
    assert r.code == 1
    (line,) = [x for x in _release_lines(r.err) if bad in x]
    assert "refused" in line and "loosens" in line and "identifying → statistic" in line
    # the record went out all the same; releases published before are kept
    assert lap.json("sync", "status")["pending_changes"] == 0
    assert server_status(srv)["changes"] > before
    assert lap.json("sync", "status")["form_releases"] == _releases(srv) - 1
    # reported once: the next round has nothing to say about it
    r = lap.run("sync", "--lang", "en")
    assert r.code == 0, r.err


def test_a_release_altered_in_the_database_is_refused(srv, tmp_path):
    release = _published(srv, _folder(tmp_path, "alter", {
        "incident.v2.yaml": _v2("incident")}))
    with db(srv, write=True) as session:
        seq = session.execute(select(FormReleaseRow.seq).where(
            FormReleaseRow.release_id == release)).scalar_one()
        session.execute(update(FormReleaseForm).where(FormReleaseForm.release_seq == seq)
                        .values(yaml=FormReleaseForm.yaml + "\n# changed on the server\n"))
    lap = _laptop(srv, tmp_path, "altered")
    r = lap.run("sync", "--lang", "en")
    assert r.code == 1
    (line,) = [x for x in _release_lines(r.err) if release in x]
    assert "incident v2: its text is not the one signed" in line
    kept = lap.json("sync", "status")["form_releases"]
    # every release but this one and the loosening one (when that test ran first)
    assert kept in (_releases(srv) - 1, _releases(srv) - 2)


def test_publish_errors_store_nothing(srv, tmp_path):
    before = _releases(srv)
    bad = _folder(tmp_path, "bad", {"outreach_contact.v2.yaml": "id: [outreach\n",
                                    "support_plan.v2.yaml": "id: support_plan\n"})
    proc = _publish(srv, bad)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) >= 2 and any("YAML syntax error" in x for x in lines), lines
    assert all(x.startswith(("outreach_contact.v2.yaml", "support_plan.v2.yaml"))
               for x in lines), lines
    good = _folder(tmp_path, "good", {"prevention_class.v2.yaml": _v2("prevention_class")})
    wrong = tmp_path / "wrong"
    wrong.write_text("not the organisation passphrase\n", encoding="utf-8")
    proc = _publish(srv, good, passphrase=wrong)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        f"{srv.keydir / 'signing.key'}: wrong passphrase or damaged file"]
    proc = _publish(srv, good, key=tmp_path / "nowhere" / "signing.key")
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        f"{tmp_path / 'nowhere' / 'signing.key'}: no such file"]
    assert _releases(srv) == before


def test_new_records_use_the_released_version_and_old_ones_keep_theirs(srv, tmp_path):
    lap = _laptop(srv, tmp_path, "newver")
    _record(lap, tmp_path, 901)
    (old,) = lap.json("record", "list")
    mine = _published(srv, _folder(tmp_path, "r-new", {
        "prevention_class.v2.yaml": _v2("prevention_class")}))
    r = lap.run("sync", "--lang", "en")  # exit 1: this module's earlier bad releases too
    assert f"form release {mine[:8]} accepted" in r.err, r.err
    values = lap.json("forms", "example", "prevention_class")
    values["release_note"] = "배포된 새 항목"
    rid = lap.put(tmp_path, "prevention_class", values)
    shown = lap.json("record", "show", rid)
    assert shown["version"] == 2 and shown["values"]["release_note"] == "배포된 새 항목"
    assert lap.json("record", "show", old["id"])["version"] == 1
    # and it travels: the round seals it with the released version
    r = lap.run("sync", "--lang", "en")
    assert r.code == 0, r.err
    assert lap.json("sync", "status")["pending_changes"] == 0


def test_a_laptop_long_offline_syncs_across_a_release_and_a_server_upgrade(srv, tmp_path):
    """Version skew: the laptop kept working offline (its changes sealed under what it
    knew), meanwhile the center published a release and upgraded the server (stopped,
    migrated, started again). Its next sync delivers everything once and takes the
    release; nothing it wrote is refused for its form version."""
    from urllib.parse import urlsplit

    from tests.sync.faultproxy import FaultProxy
    from tests.sync.laptops import stop_last

    target = urlsplit(srv.url)
    with FaultProxy(target.hostname or "", target.port or 0, max_lifetime=600) as proxy:
        lap = new_laptop(tmp_path, "skew", "장기오프라인")
        _record(lap, tmp_path, 201)
        enroll(srv, lap, url=proxy.url_for())   # one address across the server's restart
        lap.run("sync")  # (exit 1 if this module's bad releases are reported: once)
        assert lap.json("sync", "status")["pending_changes"] == 0
        for n in (202, 203, 204):               # the weeks offline
            _record(lap, tmp_path, n)
        _published(srv, _folder(tmp_path, "skew-release",
                                {"support_plan.v2.yaml": _v2("support_plan")}))
        stop_last(srv)                          # the upgrade
        done = cli("migrate", "--data", str(srv.data))
        assert done.returncode == 0, done.stderr
        proxy.target_port = urlsplit(srv.start()).port or 0
        r = lap.run("sync", "--json")
        assert r.code == 0, r.err
    st = lap.json("sync", "status")
    assert st["pending_changes"] == 0 and st["acked"] == st["last_seq"]
    assert st["form_releases"] >= 1
    mine = [d for d in server_status(srv)["devices"] if d["worker"] == "장기오프라인"][0]
    assert mine["changes"] == mine["seq"] == st["last_seq"]
