"""What the screens need to mark conflicts: the cases holding a record with several heads,
and the versions pulled for a case that wait for a parent version not yet arrived.

A waiting version is kept sealed in `sync_inbox` (sync_part.py) until its parent comes;
its record is only known once opened, but the key it was opened with is kept with its
case (`sync_keys.case_id`), so the count per case costs one indexed query and no
decryption. A version this laptop cannot open yet ('unreadable') has no known case and is
counted by `sync status`, not here.
"""
from __future__ import annotations

from desktop.vault import case_listing
from desktop.vault.guard import open_only
from desktop.vault.opened import VaultPart


def waiting_in_case(conn, case_id: str) -> int:
    (n,) = conn.execute(
        "SELECT count(*) FROM sync_inbox i JOIN sync_keys k ON k.change_id = i.change_id"
        " WHERE i.state = 'waiting' AND k.case_id = ?", (case_id,)).fetchone()
    return int(n)


class ConflictsMixin(VaultPart):
    @open_only
    def conflicted_case_labels(self) -> list[str]:
        """Labels of the cases with a record in conflict (two or more heads)."""
        return case_listing.conflicted_case_labels(self._store.conn)

    @open_only
    def waiting_versions(self, case_id: str) -> int:
        """How many pulled versions of this case wait for a parent version."""
        return waiting_in_case(self._store.conn, case_id)
