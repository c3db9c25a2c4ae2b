"""One sync round: freeze, push, upload files, pull (docs/sync.md, "The laptop").

The vault is touched only through short operations (desktop/vault/sync_part.py); the
network calls run between them. What makes a round safe to kill anywhere:
- a change is sealed once and its bytes stored before it is first sent;
- a change is delivered only when the server's **signed receipt** is stored (a 200 that
  is not a receipt — a captive portal — counts for nothing);
- nothing unsent is ever deleted or rolled back, whatever the server answers;
- a pulled page and the cursor after it are stored in one transaction.
A server restored from an older backup answers `expected_seq` below what this laptop
holds receipts for: the round re-sends from there (the server deduplicates by change id).
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from desktop.errors import UserError
from desktop.syncing import (
    certificate,
    desk,
    downloads,
    freeze,
    grants,
    pushing,
    releases,
    report,
)
from desktop.syncing.device import DeviceKeys, transport_for
from desktop.syncing.progress import Progress, quiet
from desktop.vault import desk_part, incoming
from desktop.vault.ids import now_iso
from sync.client import sealing
from sync.client.transport import ServerError
from sync.protocol import (
    PULL_LIMIT,
    FileRef,
    to_json,
)

LOCK_WAIT_S = 30.0


@dataclass
class RoundResult:
    pushed: int = 0
    pulled: int = 0
    files: int = 0
    refused: list[str] = field(default_factory=list)     # English, for scripts (--json)
    # the same, as (ko, en) lines for people (the CLI prints them in the UI language)
    refused_lines: list[tuple[str, str]] = field(default_factory=list)
    inbox: dict[str, int] = field(default_factory=dict)
    timestamped: int = 0    # kept exports upgraded to B-LT this round (ltv_upgrade)

    def as_dict(self) -> dict:
        out = asdict(self)
        del out["refused_lines"]
        return out

    def refuse(self, ko: str, en: str) -> None:
        self.refused.append(en)
        self.refused_lines.append((ko, en))




def _sync_lock(vault) -> Path:
    return vault.paths.folder / "sync.lock"


def run_round(vault, *, registry=None, progress: Progress = quiet,
              today: date | None = None, max_file_bytes: int | None = None) -> RoundResult:
    """One round, holding the vault's sync lock (a second sync waits up to 30 s).
    `max_file_bytes`: files larger than this are not uploaded this round (a metered
    network); they stay pending, the round does not fail for them."""
    import fcntl
    import os

    lock_path = _sync_lock(vault)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + LOCK_WAIT_S
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise UserError("이 금고의 다른 동기화가 30초 넘게 진행 중입니다",
                                    "another sync of this vault has been running for over"
                                    " 30 s") from None
                time.sleep(0.2)
        return _round(vault, registry, progress, today or date.today(), max_file_bytes)
    finally:
        os.close(fd)


def _round(vault, registry, progress: Progress, today: date,
           max_file_bytes: int | None = None) -> RoundResult:
    enrollment = vault.sync_enrollment()
    if enrollment is None:
        raise UserError("이 금고는 서버에 등록되지 않았습니다 (donghaeng sync enroll)",
                        "this vault is not enrolled with a server (donghaeng sync enroll)")
    keys = DeviceKeys.from_enrollment(enrollment)
    if keys.device_id != vault.device_id:
        # a vault restored from a backup is a new device: its old key may be on a lost
        # laptop, so it enrolls afresh (its unreceipted changes are re-sent then)
        raise UserError("이 금고는 복원되어 새 기기가 되었습니다: 다시 등록하세요 (donghaeng "
                        "sync enroll)", "this vault was restored and is a new device: enroll"
                        " it again (donghaeng sync enroll)")
    if registry is None:
        from desktop import form_registry

        registry = form_registry.for_vault(vault)
    result = RoundResult()
    started = now_iso()
    error: str | None = None
    from desktop.syncing import anchoring, ltv_upgrade, wipe  # retiring, revocation, wipe orders

    try:
        with transport_for(enrollment, keys) as tr, wipe.watch(vault, tr, keys, progress):
            grants.grant_new_devices(vault, tr, keys, enrollment["worker"], progress)
            _push(vault, tr, keys, registry, today, result, progress)
            _upload(vault, tr, result, progress, max_file_bytes)
            _pull(vault, tr, keys, result, progress, enrollment["worker"])
            downloads.fetch(vault, tr, result, progress)  # pulled files' bytes
            releases.receive(vault, tr, keys, result, progress)  # form releases
            report.send(vault, tr, progress)  # this laptop's counts, for the desk
            anchoring.run(vault, tr, progress)  # evidence + audit head, TSA-stamped
            # exports made offline: a document timestamp and validation data (B-LT)
            result.timestamped = ltv_upgrade.run(vault, tr, progress)
            # the organisation signing certificate: renewed when < 30 days remain
            certificate.renew_if_due(vault, tr, enrollment["worker"], progress)
        vault.set_sync_state({"last_success": datetime.now(UTC).strftime(
            "%Y-%m-%dT%H:%M:%SZ")})
    except Exception as exc:
        error = type(exc).__name__
        raise
    finally:
        try:
            vault.record_round(started, result.pushed, result.pulled, result.files, error)
        except Exception:  # noqa: BLE001 - history must never hide the round's own error
            pass
    return result


def _sealer(vault, tr, keys: DeviceKeys, registry, today: date, progress: Progress,
            batched: bool) -> Callable[[], list[tuple] | None]:
    """Seals and stores the next unfrozen changes; returns their outbox rows, or None
    when every change is frozen."""
    book = freeze.RecipientBook(tr)
    book.ask([sealing.case_token(keys.routing_key, c) for c in vault.unfrozen_case_ids()])

    def seal_next() -> list[tuple] | None:
        outs = vault.unfrozen_changes(freeze.BATCH)
        if not outs:
            return None
        recipients = book.for_batch(freeze.case_tokens(outs, keys.routing_key),
                                    freeze.grantees(outs))
        rows, files, content_keys = freeze.seal_batch(outs, routing_key=keys.routing_key,
                                                      org_sealing=keys.org_sealing,
                                                      recipients=recipients,
                                                      file_path=vault.attachment_file,
                                                      registry=registry, today=today,
                                                      batched=batched)
        vault.store_frozen(rows, files, content_keys)
        progress(f"변경 {len(rows)}건을 봉인했습니다", f"sealed {len(rows)} changes")
        return rows
    return seal_next


def _push(vault, tr, keys: DeviceKeys, registry, today: date, result: RoundResult,
          progress: Progress) -> None:
    """Leftovers of an earlier round first (device order), then the new changes sealed
    and sent in a pipeline, then whatever the pipeline left pending."""
    state = pushing.start(vault, tr, keys, progress)
    pushing.push_pending(vault, tr, keys, result, progress, state)
    pushing.seal_and_push(vault, tr, keys, result, progress, state,
                          _sealer(vault, tr, keys, registry, today, progress,
                                  state.batched))
    pushing.push_pending(vault, tr, keys, result, progress, state)


def _upload(vault, tr, result: RoundResult, progress: Progress,
            max_file_bytes: int | None = None) -> None:
    """Each attachment whose attach change has a receipt: its ciphertext as stored, over
    tus, the confirmed offset recorded after every chunk (a kill resumes from there).
    Files over `max_file_bytes` are left for a later round (still pending, nothing
    marked)."""
    from sync.client import tus

    for att_id, size, sha, _confirmed in vault.files_to_send():
        if max_file_bytes is not None and size > max_file_bytes:
            progress(f"파일 {att_id[:8]}: 종량제 네트워크라 다음에 보냅니다",
                     f"file {att_id[:8]}: waits for an unmetered network")
            continue
        ref = FileRef(attachment_id=att_id, cipher_size=size, cipher_sha256=sha)

        def on_progress(offset: int, att_id: str = att_id, size: int = size) -> None:
            vault.file_progress(att_id, offset, False)
            progress(f"파일 {att_id[:8]}: {offset} / {size} 바이트",
                     f"file {att_id[:8]}: {offset} of {size} bytes")

        try:
            tus.upload(tr, ref, vault.attachment_file(att_id), on_progress=on_progress)
        except ServerError as e:
            if e.status != 410:
                raise
            # the center purged its case: this round's pull brings the order that
            # removes the file here; nothing to send
            progress(f"파일 {att_id[:8]}: 센터가 이 사례를 파기했습니다",
                     f"file {att_id[:8]}: the center purged its case")
            continue
        vault.file_progress(att_id, size, True)
        result.files += 1


def _pull(vault, tr, keys: DeviceKeys, result: RoundResult, progress: Progress,
          worker: str) -> None:
    cursor = int(vault.sync_state("pull_cursor") or 0)
    opener = grants.Opener(keys.sealing_private, worker,
                           desk.desk_private(vault, keys.org_sealing))
    if opener.privates[1:] and vault.sync_state(desk_part.RETRY_KEY):
        # the organisation key arrived since the last round: what was pulled before opens
        counts = vault.retry_unreadable(opener)
        if counts.get("from_inbox"):
            progress(f"기관 키로 {counts['from_inbox']}건을 열었습니다",
                     f"opened {counts['from_inbox']} earlier changes with the organisation"
                     " key")
    _pull_pages(vault, tr, keys, result, progress, opener, cursor, None)
    # cases shared with this worker: their earlier changes, which this laptop's cursor
    # passed before it could see them
    for token in grants.to_backfill(vault, opener.shared_cases):
        _pull_pages(vault, tr, keys, result, progress, opener, 0, token)
        grants.backfilled(vault, token)
    if result.inbox.get(incoming.PURGED):
        vault.remove_orphan_files()   # the files of cases purged by the center's orders


def _pull_pages(vault, tr, keys: DeviceKeys, result: RoundResult, progress: Progress,
                opener, cursor: int, case: str | None) -> None:
    while True:
        page = tr.pull(cursor, PULL_LIMIT, case=case)
        pushing.same_server(page.server_epoch, keys)
        items = [(pc.server_seq, to_json(pc.change), pc.author) for pc in page.changes]
        opener.decoded = {body: pc.change for (_s, body, _a), pc in zip(items, page.changes,
                                                                          strict=True)}
        counts = vault.apply_pulled(items, page.next_after if case is None else None,
                                    opener)
        for k, v in counts.items():
            result.inbox[k] = result.inbox.get(k, 0) + v
        result.pulled += len(items)
        cursor = page.next_after
        if items:
            progress(f"변경 {result.pulled}건 받음", f"received {result.pulled} changes")
        if not page.more:
            return
