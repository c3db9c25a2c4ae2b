"""`OpenStore`: the one explicit object an open vault's parts work on.

The vault's parts (records, attachments, drafts, purge, maintenance, record operations)
hold no state of their own: each reaches the connection, the writer, the files, the keys
and the change feed only through this object's public members, never through another
part's private attributes. `VaultPart` is their common base, typed so that `mypy` checks
every access.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from crypto.secret import SecretBytes
from desktop.vault import audit, changelog, feed, layout
from desktop.vault import operations as ops
from desktop.vault.errors import Issue
from desktop.vault.names import default_prefix
from desktop.vault.store import transaction


class OpenStore:
    def __init__(self, home: Path, worker: str, paths: layout.VaultPaths, conn: Any,
                 data_key: SecretBytes, vault_id: str):
        self.home = Path(home)
        self.worker = worker
        self.paths = paths
        self.vault_id = vault_id
        self.conn: Any = conn          # None once locked
        self.key = data_key
        self.head_key = audit.head_key(data_key)
        self.mutex = threading.RLock()
        info = dict(conn.execute("SELECT key, value FROM info").fetchall())
        self.device_id: str = info["device_id"]
        self.prefix: str = info.get("case_prefix") or default_prefix(worker, self.device_id)
        self.writer = changelog.Writer(worker, self.device_id)
        self.feed = feed.Feed(cursor=changelog.last_seq(conn), data_version=self.data_version(),
                              fingerprint=feed.fingerprint(conn))
        self.viewed: dict[str, float] = {}

    # -- writing ----------------------------------------------------------------------------

    def write(self, fn: Callable[..., Any], *args: Any, audited: bool = True,
              drafts: bool = False, settings: bool = False, **kwargs: Any) -> Any:
        """Run `fn(conn, writer, ...)` in one write transaction, then advance the head
        (`audited=False` for writes that add no audit entry, such as autosaved drafts) and
        tell the change feed's subscribers what changed."""
        with transaction(self.conn):
            result = fn(self.conn, self.writer, *args, **kwargs)
        if audited:
            self.sync_head()
        self.publish(drafts=drafts, settings=settings)
        return result

    def write_op(self, op_id: str | None, kind: str, fn: Callable[..., dict], *args: Any,
                 **kwargs: Any) -> tuple[dict, bool]:
        """`write` for an operation a person or a retry may repeat: `fn` returns a JSON
        object, stored under `op_id` in the same transaction. Repeating the id returns the
        stored result without doing anything: (result, replayed). The check is made inside
        the write transaction, where no other process can be doing the same operation
        (callers with costly preparation, such as staging files, look first on their own)."""
        if op_id is None:
            return self.write(fn, *args, **kwargs), False
        op_id = ops.check_id(op_id)
        replayed = False

        def run(conn: Any, w: changelog.Writer) -> dict:
            nonlocal replayed
            again = ops.lookup(conn, op_id, kind)  # another process may have done it
            if again is not None:
                replayed = True
                return again
            result = fn(conn, w, *args)
            ops.store(conn, op_id, kind, result)
            return result
        return self.write(run, **kwargs), replayed

    def set_device(self, device_id: str) -> None:
        self.device_id = device_id
        self.writer = changelog.Writer(self.worker, device_id)

    # -- the audit head ---------------------------------------------------------------------

    def sync_head(self) -> None:
        """Advance the audit head file to the table's last entry (`audit.advance_head` says
        when it is left alone)."""
        count, h = audit.last(self.conn)

        def hash_at(seq: int) -> str | None:
            row = self.conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
            return row[0] if row else None
        try:
            audit.advance_head(self.paths.audit_head, self.head_key, self.vault_id, count, h,
                               hash_at)
        except OSError:
            pass  # the head then lags, which verification tolerates

    def verify_audit(self) -> list[Issue]:
        """The audit chain checked against the head file: empty when all is well."""
        head = audit.read_head(self.paths.audit_head, self.head_key, self.vault_id)
        return audit.verify(self.conn, head)

    # -- the change feed --------------------------------------------------------------------

    def data_version(self) -> int:
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def publish(self, *, drafts: bool = False, settings: bool = False,
                external: bool = False) -> feed.Changes:
        f = self.feed
        f.cursor, changes = feed.read_since(self.conn, f.cursor)
        if drafts or settings or external:
            fp = feed.fingerprint(self.conn)
            if external:
                drafts = drafts or fp[:2] != f.fingerprint[:2]
                settings = settings or fp[2:] != f.fingerprint[2:]
            f.fingerprint = fp
        changes = replace(changes, drafts=drafts, settings=settings, external=external)
        f.publish(changes)
        return changes

    # -- closing ----------------------------------------------------------------------------

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            self.conn = None
            self.key.wipe()
            self.head_key.wipe()


class VaultPart:
    """Base of the vault's parts: everything they touch is on `self._store`."""

    _store: OpenStore

    @property
    def paths(self) -> layout.VaultPaths:
        return self._store.paths
