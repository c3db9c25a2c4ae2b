"""The desk's worker -> team map (desktop/vault/teams.py, desktop/syncing/workers.py) and the
case rows with their author (the desk's Worker column), on real vaults."""
from __future__ import annotations

import json

from vault_kit import PASS

from crypto.kdf import CHEAP
from desktop.syncing import workers
from desktop.vault import Vault, teams
from sync.protocol import DeviceOverview, WorkersOverview


def _device(worker: str, team: str | None, n: int) -> DeviceOverview:
    return DeviceOverview(device_id=f"dev-{n}", worker=worker, team=team, role="worker",
                          state="active", last_seen=None, changes=0, high_water=0)


def test_the_map_is_kept_in_the_vault_and_survives_a_lock(vault, home):
    assert teams.load(vault) == {}  # nothing stored: no team known
    assert teams.store(vault, {"강다온": "1팀", "윤서하": "2팀"}) is True
    assert teams.load(vault) == {"강다온": "1팀", "윤서하": "2팀"}
    vault.lock()
    again = Vault.open(home, vault.worker, PASS)
    try:
        assert teams.load(again) == {"강다온": "1팀", "윤서하": "2팀"}
        # the same map again writes nothing; another one replaces it whole
        assert teams.store(again, {"윤서하": "2팀", "강다온": "1팀"}) is False
        assert teams.store(again, {"윤서하": "3팀"}) is True
        assert teams.load(again) == {"윤서하": "3팀"}
    finally:
        again.lock()


def test_what_is_not_a_name_is_not_kept_and_damage_reads_as_no_map(vault):
    assert teams.store(vault, {"강다온": "1팀", "": "2팀", "윤서하": "", "x" * 201: "1팀",
                               "김": 3}) is True  # type: ignore[dict-item]
    assert teams.load(vault) == {"강다온": "1팀"}
    vault.set_sync_state({teams.STATE_KEY: "{not json"})
    assert teams.load(vault) == {}
    vault.set_sync_state({teams.STATE_KEY: json.dumps(["1팀"])})
    assert teams.load(vault) == {}


def test_the_overview_gives_each_worker_the_team_of_its_newest_device(vault):
    overview = WorkersOverview(devices=[
        _device("강다온", "1팀", 1), _device("윤서하", None, 2), _device("강다온", "2팀", 3),
        _device("이예시", None, 4)], conflicts={}, server_seq=0)
    assert workers.teams_of(overview) == {"강다온": "2팀"}
    assert workers.remember_teams(vault, overview) is True
    assert teams.load(vault) == {"강다온": "2팀"}
    assert workers.remember_teams(vault, overview) is False  # nothing new


def test_a_workers_laptop_asks_no_overview_after_a_round(vault):
    # not a desk: refresh_teams returns before touching the transport (None would fail)
    assert workers.refresh_teams(vault, None) is False
    assert teams.load(vault) == {}


def test_case_rows_carry_the_author_when_asked(vault, tmp_path):
    from tests.unit.stats_vaults import deliver

    vault.put_record("intake", 1, {"client_name": "다명"}, case_code="SAME-1")
    other = Vault.create(tmp_path / "other", "윤서하", PASS, kdf=CHEAP)
    try:
        other.put_record("intake", 1, {"client_name": "가명"}, case_code="SAME-1")
        other.put_record("intake", 1, {"client_name": "나명"}, case_code="OTHER-1")
        deliver(other, vault, "윤서하")
    finally:
        other.lock()
    plain = vault.case_rows()
    rows = vault.case_rows(authors=True)
    assert [r[:4] for r in rows] == plain and all(len(r) == 4 for r in plain)
    assert {r[0]: r[4] for r in rows} == {"OTHER-1": "윤서하",
                                          f"SAME-1·{vault.worker}": vault.worker,
                                          "SAME-1·윤서하": "윤서하"}
    total, recent = vault.recent_case_rows(2, authors=True)
    assert total == 3 and all(len(r) == 5 for r in recent)


def _as_desk(vault) -> None:
    """An enrollment row saying desk, whose server does not answer (nothing listens on
    127.0.0.1:9): what a desk's vault holds while its server is down."""
    vault.save_enrollment({
        "server_url": "https://127.0.0.1:9", "tls_sha256": "0" * 64, "server_epoch": "t",
        "device_id": "dev-desk", "worker": "데스크", "team": None, "role": "desk",
        "fingerprint": "T", "signing_key": b"\0" * 32, "sealing_key": b"\0" * 32,
        "routing_key": b"\0" * 32, "receipt_key": b"\0" * 32, "org_keys": "{}",
        "enrolled_at": "2026-12-06T00:00:00Z"})


def test_a_desk_whose_server_is_down_keeps_the_map_it_had(vault):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from sync.client.transport import SyncTransport

    _as_desk(vault)
    teams.store(vault, {"강다온": "1팀"})
    with SyncTransport("https://127.0.0.1:9", "0" * 64, device_id="dev-desk",
                       signing_key=Ed25519PrivateKey.generate(), timeout=5.0) as tr:
        assert workers.refresh_teams(vault, tr) is False  # Offline: left for next round
    assert teams.load(vault) == {"강다온": "1팀"}
