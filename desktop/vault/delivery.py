"""Where each record stands on its way to the server (issue 14, "Per-record delivery
state"): the last version of the record saved on this laptop and not yet receipted
("local"), receipted by the server ("delivered", with the receipt's server number and
time), or written on another device and pulled ("received", with its author); and the
record's files: those this laptop uploads (done once the server confirmed the whole
ciphertext, `sync_files.done_at`) and those pulled whose bytes have not arrived yet
(`sync_downloads`).

A case is read with two queries whatever its size (the records, then their files), never
one per record: a case view shows hundreds. A vault that is not enrolled has no delivery
state at all (sync is off): the reads return None.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from desktop.vault.guard import open_only
from desktop.vault.opened import VaultPart

LOCAL, DELIVERED, RECEIVED = "local", "delivered", "received"

# The newest version of each record (the last thing that happened to it: with two heads,
# the later one), the change that carried it and, for a change of this laptop's, its
# outbox row. `changes_version` (schema v11) makes the change lookup an index probe.
_RECORDS = (
    "SELECT r.id, v.author, c.origin, o.server_seq, o.receipt, o.delivered_at"
    " FROM records r JOIN record_versions v ON v.record_id = r.id AND v.version ="
    " (SELECT max(x.version) FROM record_versions x WHERE x.record_id = r.id)"
    " LEFT JOIN changes c ON c.version_id = v.version_id"
    " LEFT JOIN sync_outbox o ON o.change_id = c.change_id AND c.origin = 'local'"
    " WHERE {where}")

# Per record: live files this laptop uploads (not pulled), how many of them the server
# holds whole, and pulled files whose bytes are still to come. Hash-only items have no
# bytes to send or fetch: not counted.
_FILES = (
    "SELECT a.record_id, sum(d.attachment_id IS NULL),"
    " sum(d.attachment_id IS NULL AND f.done_at IS NOT NULL),"
    " sum(d.attachment_id IS NOT NULL AND d.done_at IS NULL AND d.cipher_sha256 IS NOT NULL)"
    " FROM attachments a JOIN records r ON r.id = a.record_id"
    " LEFT JOIN sync_files f ON f.attachment_id = a.id"
    " LEFT JOIN sync_downloads d ON d.attachment_id = a.id"
    " WHERE a.removed = 0 AND a.hash_only = 0 AND {where} GROUP BY a.record_id")


@dataclass(frozen=True)
class Delivery:
    state: str                  # LOCAL, DELIVERED or RECEIVED
    server_seq: int | None      # the receipt's server number (delivered)
    received_at: str | None     # the receipt's time, the server's clock (delivered)
    files_total: int            # live files this laptop uploads
    files_done: int             # of those, complete on the server
    author: str | None          # who saved the newest version (received: the teammate)
    to_download: int = 0        # pulled files whose bytes have not arrived yet

    @property
    def all_files_there(self) -> bool:
        return self.files_done >= self.files_total

    def as_json(self) -> dict:
        return {"state": self.state, "server_seq": self.server_seq,
                "received_at": self.received_at, "files_total": self.files_total,
                "files_done": self.files_done, "files_to_download": self.to_download,
                "author": self.author}


def _receipt_time(receipt: str | None, fallback: str | None) -> str | None:
    """The server's `received_at` from the stored signed receipt (sync.protocol.Receipt);
    the laptop's time of storing it if the text cannot be read."""
    try:
        at = json.loads(receipt or "").get("received_at")
    except (ValueError, AttributeError):
        at = None
    return at if isinstance(at, str) and at else fallback


def enrolled(conn) -> bool:
    return conn.execute("SELECT 1 FROM sync_enrollment").fetchone() is not None


def read(conn, where: str, args: tuple) -> dict[str, Delivery]:
    """Record id -> Delivery for the records matching `where` (over `records r`)."""
    files = {rid: (int(total or 0), int(done or 0), int(down or 0)) for rid, total, done, down
             in conn.execute(_FILES.format(where=where), args)}
    out: dict[str, Delivery] = {}
    for rid, author, origin, seq, receipt, delivered_at in conn.execute(
            _RECORDS.format(where=where), args):
        total, done, down = files.get(rid, (0, 0, 0))
        if origin == "remote":
            out[rid] = Delivery(RECEIVED, None, None, total, done, author, down)
        elif receipt is not None:
            out[rid] = Delivery(DELIVERED, seq, _receipt_time(receipt, delivered_at), total,
                                done, author, down)
        else:
            out[rid] = Delivery(LOCAL, None, None, total, done, author, down)
    return out


class DeliveryMixin(VaultPart):
    @open_only
    def delivery_of_case(self, case_id: str) -> dict[str, Delivery] | None:
        """Record id -> Delivery for every record of the case; None when the vault is not
        enrolled (sync is off: there is nothing to say)."""
        conn = self._store.conn
        if not enrolled(conn):
            return None
        return read(conn, "r.case_id = ?", (case_id,))

    @open_only
    def delivery_of_record(self, record_id: str) -> Delivery | None:
        conn = self._store.conn
        if not enrolled(conn):
            return None
        return read(conn, "r.id = ?", (record_id,)).get(record_id)
