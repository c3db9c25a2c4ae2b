"""The change feed: after each operation, whoever made it, subscribers learn what changed.

Screens refresh from it (Anki's OpChanges): the UI never reloads by hand after its own
save, so a CLI process writing the same vault, or a background sync pull, refreshes every
open screen the same way. Records, files and cases are read from the change log (one
source for own and other processes' writes); drafts and settings, which are not in the
outbox, are flagged by the operation that wrote them, or by a cheap fingerprint when
another process did.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.vault import changelog

CASE_LIST_OPS = frozenset({"case_create", "case_open", "case_closed", "case_delete", "purge",
                           "create", "delete"})


@dataclass(frozen=True)
class Changes:
    records: frozenset[str] = frozenset()     # record ids (versions, files, tombstones)
    cases: frozenset[str] = frozenset()       # case ids whose content or status changed
    case_list: bool = False                   # cases created, closed, purged; records added
    drafts: bool = False
    settings: bool = False
    external: bool = False                    # written by another process
    ops: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.records or self.cases or self.case_list or self.drafts
                    or self.settings)

    def touches_case(self, case_id: str | None) -> bool:
        return case_id is not None and case_id in self.cases


@dataclass
class Feed:
    """Per open vault: the cursor into the change log and the subscribers."""
    cursor: int = 0
    data_version: int = -1
    fingerprint: tuple = ()
    subscribers: list[Callable[[Changes], None]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def subscribe(self, callback: Callable[[Changes], None]) -> Callable[[], None]:
        with self.lock:
            self.subscribers.append(callback)

        def unsubscribe() -> None:
            with self.lock:
                if callback in self.subscribers:
                    self.subscribers.remove(callback)
        return unsubscribe

    def publish(self, changes: Changes) -> None:
        if not changes:
            return
        with self.lock:
            targets = list(self.subscribers)
        for cb in targets:
            try:
                cb(changes)
            except Exception:  # noqa: BLE001 — a screen's failure must not fail the write
                pass


def read_since(conn, cursor: int) -> tuple[int, Changes]:
    """What the change log says changed after `cursor`; returns the new cursor."""
    recs: set[str] = set()
    case_ids: set[str] = set()
    ops: set[str] = set()
    new_cursor = cursor
    for ch in changelog.changes_after(conn, cursor):
        new_cursor = ch.seq
        ops.add(ch.op)
        if ch.record_id:
            recs.add(ch.record_id)
        if ch.case_id:
            case_ids.add(ch.case_id)
    return new_cursor, Changes(records=frozenset(recs), cases=frozenset(case_ids),
                               case_list=bool(ops & CASE_LIST_OPS), ops=frozenset(ops))


def fingerprint(conn) -> tuple:
    """Drafts and settings as (count, last change): they live outside the change log."""
    drafts = conn.execute("SELECT count(*), max(updated) FROM drafts").fetchone()
    meta = conn.execute("SELECT count(*), max(updated) FROM meta").fetchone()
    return tuple(drafts) + tuple(meta)
