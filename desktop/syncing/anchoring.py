"""Evidence anchoring at sync (issue 15; docs/security.md 3.11, docs/sync.md "Evidence
anchoring"): the Merkle root over the audit head and the salted leaves of the attachments
imported since the last anchor (desktop/vault/anchors.py) is timestamped by the center's
TSA over the pinned connection (sync/client/timestamps.fetch_token: an RFC 3161 request
over SHA-256(root), nothing else), and the token, root and proofs are kept in the vault.

The server receives the 32-byte SHA-256(root) inside the timestamp request and nothing
more: no leaf, no salted hash, no plaintext hash of any file.

Offline, nothing happens: the round fails before this step, and everything stays pending
for the next online round. A TSA that refuses or does not answer (a server without a CA,
an external TSA down) is a progress line, never a failed round.
"""
from __future__ import annotations

import hashlib
from datetime import UTC
from typing import Any

from desktop.syncing.progress import Progress


def token_time(reply_der: bytes) -> str:
    """The genTime of a TimeStampResp, as UTC ISO 8601 (`2026-12-06T23:10:04Z`)."""
    from asn1crypto import tsp

    token = tsp.TimeStampResp.load(reply_der)["time_stamp_token"]
    info = token["content"]["encap_content_info"]["content"].parsed
    return info["gen_time"].native.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def run(vault: Any, tr: Any, progress: Progress) -> int:
    """Anchor what is pending; returns the number of evidence leaves anchored (0 when
    nothing was new, or the TSA could not be reached: then they stay pending)."""
    from sync.client.timestamps import fetch_token
    from sync.client.transport import SyncError

    batch = vault.anchor_batch()
    if batch is None:
        return 0
    try:
        reply = fetch_token(tr, hashlib.sha256(batch.root).digest())
    except SyncError as exc:
        progress(f"증거 고정 타임스탬프를 받지 못했습니다 (다음 동기화에서 다시): {exc.ko}",
                 f"evidence not anchored this round (tried again next sync): {exc.en}")
        return 0
    vault.store_anchor(batch, reply, token_time(reply))
    n = len(batch.attachments)
    progress(f"증거 {n}건과 감사 기록 끝을 타임스탬프로 고정했습니다",
             f"anchored {n} evidence file(s) and the audit head")
    return n
