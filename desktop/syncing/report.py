"""The laptop's report of its own state to the server after each round that succeeded,
for the center's desk (docs/sync.md, "The desk's overview of workers").

Counts only — pending changes, files and bytes, conflicts, the inbox — with the time of
this round, the app's version and when the passphrase was last reset with the recovery
key (if ever): never a case code, a name or anything of a record,
so the server learns nothing new about the people in the records.

The report is a courtesy to the desk, sent after everything the round carries has gone
and come: a server older than the report (404), one that is unreachable now or answers
an error leaves the round as it was (the next round reports again). Only a refusal
(401/403) goes up, so that the round's wipe watch asks for a wipe order as after any
refusal.
"""
from __future__ import annotations

from datetime import UTC, datetime

from desktop.syncing import workers
from desktop.syncing.progress import Progress, quiet
from desktop.vault.recovery import last_recovered
from sync.client.transport import NotAnAnswer, Offline, ServerError
from sync.protocol import DeviceReport


def app_version() -> str:
    from desktop.version import version

    return version()


def build(vault, now: datetime | None = None) -> DeviceReport:
    """This vault's counts now; `last_success` is this round's (the vault records it
    right after the report goes)."""
    st = vault.sync_status()
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return DeviceReport(pending_changes=int(st["pending_changes"]),
                        pending_files=int(st["pending_files"]),
                        pending_bytes=int(st["pending_bytes"]),
                        conflicts=int(st["conflicts"]),
                        inbox_waiting=int(st["inbox_waiting"]),
                        last_success=moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
                        app_version=app_version(),
                        passphrase_recovered=last_recovered(vault))


def send(vault, tr, progress: Progress = quiet) -> bool:
    """Sends the report; whether the server stored it (False: an older server, or it
    could not be sent now)."""
    report = build(vault)
    try:
        stored = tr.report(report)
    except (Offline, ServerError, NotAnAnswer):
        progress("센터에 보내는 상태 보고는 다음 동기화 때 보냅니다",
                 "the status report for the center goes with the next sync")
        return False
    workers.refresh_teams(vault, tr)  # on a desk: who is in which team, for its case list
    return stored is not None
