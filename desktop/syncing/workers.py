"""The center's desk: per worker, where their laptops stand (docs/sync.md, "The desk's
overview of workers"). The server's GET /v1/overview lists every device with its last
report (desktop/syncing/report.py); this folds it into one row per worker for
`donghaeng desk workers` and the app's Workers page; and keeps who is in which team in
the desk's vault (`remember_teams`, desktop/vault/teams.py) for its case list.

Figures per worker, over the laptops still syncing (active or retiring; a wiped, retired
or lost laptop is listed but not counted: what it last reported will not arrive):
- `last_sync`: the newest successful round its laptops reported, or, when none has
  reported (an app older than the report), the newest time the server heard from one;
- `pending_*`: the sums of the laptops' last reports (None when none has reported);
- `conflicts`: records conflicted on the server that have a head this worker wrote.
"""
from __future__ import annotations

from typing import Any

from desktop.errors import UserError
from sync.protocol import DeviceOverview, WorkersOverview

SYNCING = ("active", "retiring")
SUMMED = ("pending_changes", "pending_files", "pending_bytes", "inbox_waiting")


def fetch(vault) -> WorkersOverview:
    """The server's overview, asked as this desk (network: off the GUI thread)."""
    from desktop.syncing.device import DeviceKeys, transport_for

    enrollment = vault.sync_enrollment()
    if enrollment is None:
        raise UserError("이 금고는 서버에 등록되지 않았습니다 (donghaeng sync enroll)",
                        "this vault is not enrolled with a server (donghaeng sync enroll)")
    if enrollment["role"] != "desk":
        raise UserError("활동가별 현황은 센터 데스크에서만 볼 수 있습니다",
                        "the overview of workers is shown on the center's desk only")
    keys = DeviceKeys.from_enrollment(enrollment)
    with transport_for(enrollment, keys) as tr:
        overview = tr.overview()
    remember_teams(vault, overview)
    return overview


def teams_of(overview: WorkersOverview) -> dict[str, str]:
    """worker -> team as the server knows them (the team of a worker's newest device
    that has one, as `per_worker` shows it); workers enrolled without a team are left out."""
    teams: dict[str, str] = {}
    for d in overview.devices:  # newest last: a later enrollment's team wins
        if d.team:
            teams[d.worker] = d.team
    return teams


def remember_teams(vault, overview: WorkersOverview) -> bool:
    """Keep the overview's worker -> team map in the desk's vault, for its case list's
    Team column (desktop/vault/teams.py); True when it changed."""
    from desktop.vault import teams

    return teams.store(vault, teams_of(overview))


def refresh_teams(vault, tr) -> bool:
    """After a round on a desk (report.send): the overview asked on the round's transport,
    its team map kept. Nothing on a worker's laptop; a server that cannot answer now (or
    an older one without the overview) leaves the stored map for the next round. A
    refusal goes up, as the report's does."""
    enrollment = vault.sync_enrollment()
    if enrollment is None or enrollment["role"] != "desk":
        return False
    from sync.client.transport import NotAnAnswer, Offline, ServerError

    try:
        overview = tr.overview()
    except (Offline, ServerError, NotAnAnswer):
        return False
    return remember_teams(vault, overview)


def _device(d: DeviceOverview) -> dict[str, Any]:
    return {"id": d.device_id, "role": d.role, "state": d.state, "last_seen": d.last_seen,
            "changes": d.changes, "seq": d.high_water, "reported_at": d.reported_at,
            "report": None if d.report is None else {
                "pending_changes": d.report.pending_changes,
                "pending_files": d.report.pending_files,
                "pending_bytes": d.report.pending_bytes,
                "conflicts": d.report.conflicts,
                "inbox_waiting": d.report.inbox_waiting,
                "last_success": d.report.last_success,
                "app_version": d.report.app_version,
                "passphrase_recovered": d.report.passphrase_recovered}}


def _newest(times: list[str | None]) -> str | None:
    # protocol times are UTC ISO-8601 ending in Z: as text they order as times, once cut
    # to the second (reports carry seconds, server times microseconds)
    known = [t for t in times if t]
    return max(known, key=lambda t: t[:19]) if known else None


def per_worker(overview: WorkersOverview) -> list[dict[str, Any]]:
    """One row per worker (sorted by name), as `desk workers --json` prints them."""
    by_worker: dict[str, list[DeviceOverview]] = {}
    for d in overview.devices:
        by_worker.setdefault(d.worker, []).append(d)
    rows = []
    for worker in sorted(by_worker):
        devices = by_worker[worker]
        live = [d for d in devices if d.state in SYNCING]
        reports = [d.report for d in live if d.report is not None]
        success = _newest([r.last_success for r in reports])
        row: dict[str, Any] = {
            "worker": worker,
            "team": next((d.team for d in reversed(devices) if d.team), None),
            "role": "desk" if any(d.role == "desk" for d in devices) else "worker",
            "laptops": len(live),
            "last_sync": success or _newest([d.last_seen for d in live]),
            "last_success": success,
            "last_seen": _newest([d.last_seen for d in devices]),
            "conflicts": overview.conflicts.get(worker, 0),
            # a laptop's passphrase reset with the recovery key: the desk should know
            "passphrase_recovered": _newest([r.passphrase_recovered for r in reports]),
            "devices": [_device(d) for d in devices],
        }
        for name in SUMMED:
            row[name] = sum(getattr(r, name) for r in reports) if reports else None
        rows.append(row)
    return rows
