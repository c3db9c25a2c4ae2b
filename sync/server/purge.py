"""Purge across sync (PIPA art. 21; docs/sync.md, "Purge across sync").

A worker's `record purge` of a synced case destroys it on that laptop and sends a `purge`
change: a *request*, which the center's desk sees with its reason. The desk confirms by
purging the case itself; its change travels as `purge_order` (only a desk may send one:
the server refuses it from any other device). When an order is stored the server, in the
same transaction, empties every other stored change of the case (`body` cleared,
`purged` set: the routing header, hash and receipt stay, so a replay still gets its
receipt and the audit of what arrived keeps only ids and hashes), forgets the case's
record heads and drops its files; the blobs are unlinked after the commit (a crash in
between leaves ciphertext whose keys were in the emptied changes: noise). Every device
that may open the case pulls the order and purges its copy. A change of the case that
arrives later (a laptop offline at the time) is stored emptied at once.
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from sync.server.db import Prepared
from sync.server.models import Change, RecordHead, StoredFile, Upload

ORDER = "purge_order"
NOT_A_DESK = "only the center's desk orders a purge (this laptop sends purge requests)"


_ORDERED = Prepared(lambda among: select(Change.case_token).where(
    Change.op == ORDER, among(Change.case_token, "tokens")))


def apply(session: Session, tokens: set[str]) -> tuple[list[str], list[str]]:
    """Inside the push transaction, after the batch's changes are inserted: empties the
    changes of every case among `tokens` that has an order stored. Returns the blobs
    (cipher SHA-256) and partial uploads (tokens) to unlink after the commit."""
    if not tokens:
        return [], []
    ordered = set(_ORDERED.execute(session, {"tokens": list(tokens)}).scalars())
    if not ordered:
        return [], []
    of_case = Change.case_token.in_(ordered)
    attachments = select(Change.attachment_id).where(of_case,
                                                     Change.attachment_id.is_not(None))
    records = select(Change.record_id).where(of_case, Change.record_id.is_not(None))
    blobs = list(session.execute(select(StoredFile.cipher_sha256).where(
        StoredFile.attachment_id.in_(attachments))).scalars())
    partial = list(session.execute(select(Upload.token).where(
        Upload.attachment_id.in_(attachments))).scalars())
    session.execute(delete(StoredFile).where(StoredFile.attachment_id.in_(attachments)))
    # content-addressed: a blob another attachment still names stays
    kept = set(session.execute(select(StoredFile.cipher_sha256).where(
        StoredFile.cipher_sha256.in_(blobs))).scalars()) if blobs else set()
    blobs = [b for b in blobs if b not in kept]
    session.execute(delete(Upload).where(Upload.attachment_id.in_(attachments)))
    session.execute(delete(RecordHead).where(RecordHead.record_id.in_(records)))
    session.execute(update(Change).where(of_case, Change.op != ORDER,
                                         Change.purged.is_(False))
                    .values(body=b"", purged=True, waiting=False))
    return blobs, partial


def unlink(data: Path, blobs: list[str], partial: list[str]) -> None:
    """After the commit: the purged case's files leave the store."""
    from sync.server.uploads import partial_path, stored_path

    for sha in blobs:
        stored_path(data, sha).unlink(missing_ok=True)
    for token in partial:
        partial_path(data, token).unlink(missing_ok=True)
