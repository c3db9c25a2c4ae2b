"""Pushing: the outbox sent in device order, each batch's receipts checked and stored
(docs/sync.md, "The laptop").

Sealing and pushing overlap. While the server takes one batch, this laptop seals the next
and stores the receipts of the one before: a round costs about the larger of the two
sides' work, not their sum. Still one request in flight at a time, so the server sees
this device's sequence in order; the background thread only talks HTTP (the vault is
touched on the round's own thread alone). Anything the pipeline does not finish — a
refused change, a server that wants another sequence number — is left pending in the
outbox for the plain loop after it, which is also what a round with nothing new to seal
runs. Nothing here deletes or rolls back an unsent change.
"""
from __future__ import annotations

import hashlib
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from desktop.syncing import lease
from desktop.syncing.device import DeviceKeys, SyncRefused
from desktop.syncing.progress import Progress
from sync.protocol import MAX_CHANGES, PushResponse, receipt_proofs, to_json

PUSH_BYTES = 2 * 1024 * 1024   # a batch stays well under the server's 8 MiB


@dataclass
class PushState:
    """What one round's pushing carries from batch to batch."""

    limit: int                                           # changes per request
    batched: bool = False            # the server takes batched envelopes
    resend: dict[str, int] = field(default_factory=dict)  # device -> seq to send from
    skip: set[str] = field(default_factory=set)   # refused this round: not retried in a loop


def same_server(epoch: str, keys: DeviceKeys) -> None:
    """The server still has the epoch of enrollment (a restore keeps it); another epoch is
    another server, whose answers must not be mixed with this one's receipts."""
    if epoch != keys.server_epoch:
        raise SyncRefused("다른 서버입니다 (epoch가 다릅니다); 센터에 문의하세요",
                          "this is a different server (another epoch); ask the center")


def start(vault, tr, keys: DeviceKeys, progress: Progress) -> PushState:
    """Asks the server where this device stands before anything is sealed or sent."""
    here = tr.device()
    same_server(here.server_epoch, keys)
    lease.record(vault, here)  # the center's offline lease and this contact
    # an older server takes 100 changes per request and does not say so
    state = PushState(limit=max(1, min(MAX_CHANGES, here.max_changes)),
                      batched=here.batched_envelopes)
    if here.high_water < int(vault.sync_status()["acked"]):
        # the server was restored from a backup older than our receipts: what it lost is
        # sent again (it answers the original receipts for what it still has)
        progress(f"서버가 접수증보다 뒤에 있습니다 ({here.high_water}): 다시 보냅니다",
                 f"the server is behind our receipts (at {here.high_water}): re-sending")
        state.resend[keys.device_id] = here.high_water + 1
    if vault.files_lost(here.files_missing):
        progress("서버에 확인된 파일이 없습니다: 다시 보냅니다",
                 "the server lacks files it had confirmed: sending them again")
    return state


def batches(rows: list[tuple], limit: int) -> list[list[tuple]]:
    """Rows (change_id, device_id, device_seq, body, …) cut into requests."""
    out: list[list[tuple]] = [[]]
    size = 0
    for row in rows:
        if out[-1] and (len(out[-1]) >= limit or size + len(row[3]) > PUSH_BYTES):
            out.append([])
            size = 0
        out[-1].append(row)
        size += len(row[3])
    return [b for b in out if b]


def _take(vault, keys: DeviceKeys, batch: list[tuple], resp: PushResponse, result,
          progress: Progress, state: PushState) -> tuple[bool, bool]:
    """Checks and stores one answer's receipts. Returns (progress made, the batches
    after this one must not follow it: a refusal or another sequence wanted)."""
    by_id = {r[0]: r for r in batch}
    # one signature over the answer's receipts; each is stored with its proof
    # (receipt_proofs), which alone shows the server stored that change
    proven = receipt_proofs.prove(resp.receipts, resp.batch_signature, keys.server_epoch,
                                  keys.receipt_key) if resp.receipts else []
    if proven is None:
        raise SyncRefused("서버의 접수증을 확인할 수 없습니다",
                          "the server's receipt does not verify")
    stored = []
    for rc in proven:
        row = by_id.get(rc.change_id)
        if row is None or rc.server_epoch != keys.server_epoch or \
                rc.sha256 != hashlib.sha256(bytes(row[3])).hexdigest():
            raise SyncRefused("서버의 접수증을 확인할 수 없습니다",
                              "the server's receipt does not verify")
        stored.append((rc.change_id, rc.server_seq, rc.server_epoch,
                       to_json(rc).decode("utf-8")))
    refused = [(r.change_id, f"{r.error}: {r.message}") for r in resp.refused]
    vault.store_receipts(stored, refused)
    result.pushed += len(stored)
    for (cid, why), r in zip(refused, resp.refused, strict=True):
        state.skip.add(cid)
        result.refuse(f"변경 {r.device_seq}: 서버가 받지 않고 격리했습니다 (같은 번호에 다른 "
                      f"내용); 이 노트북에 그대로 있습니다; 센터에 문의하세요", why)
    progress(f"변경 {result.pushed}건 보냄", f"sent {result.pushed} changes")
    return bool(stored or refused), bool(refused) or resp.expected_seq is not None


def push_pending(vault, tr, keys: DeviceKeys, result, progress: Progress,
                 state: PushState) -> None:
    """Sends what the outbox holds without a receipt, batch after batch, until nothing is
    left that this round may send."""
    stalled = 0
    while True:
        rows = [r for r in vault.outbox_pending(state.limit * 5, state.resend or None)
                if r[0] not in state.skip]
        if not rows:
            return
        progress_made = False
        for batch in batches(rows, state.limit):
            resp = tr.push_sealed([bytes(r[3]) for r in batch])
            made, _ = _take(vault, keys, batch, resp, result, progress, state)
            progress_made = progress_made or made
            if resp.expected_seq is not None:
                device = batch[0][1]
                if state.resend.get(device) == resp.expected_seq and not resp.receipts:
                    stalled += 1
                state.resend[device] = resp.expected_seq
                break  # re-read from the sequence the server wants
            if resp.receipts and batch[0][1] in state.resend:
                # resending delivered ones: go on after this batch, not from the start
                state.resend[batch[0][1]] = max(r[2] for r in batch) + 1
        if not progress_made:
            stalled += 1
        if stalled > 3:
            raise SyncRefused("서버가 보낸 변경을 받지 않습니다 (순서 불일치)",
                              "the server does not take the changes sent (sequence"
                              " mismatch)")


def seal_and_push(vault, tr, keys: DeviceKeys, result, progress: Progress, state: PushState,
                  seal_next: Callable[[], list[tuple] | None]) -> None:
    """`seal_next` seals and stores the next changes and returns their outbox rows (None
    when none are left); each batch is sent while the next is sealed. What the pipeline
    stops short of stays pending for `push_pending`."""
    if state.resend:
        # resending after a restore goes by the server's numbers, batch by batch
        while seal_next() is not None:
            pass
        return
    with _Sender(tr) as sender:
        while (rows := seal_next()) is not None:
            for batch in batches(rows, state.limit):
                sender.submit(batch)
            for batch, resp in sender.answers(block=False):
                _, stop = _take(vault, keys, batch, resp, result, progress, state)
                if stop:
                    sender.stop()
        sender.finish()
        for batch, resp in sender.answers(block=True):
            _, stop = _take(vault, keys, batch, resp, result, progress, state)
            if stop:
                sender.stop()


class _Sender:
    """One thread sending batches in the order given, one request at a time. After
    `stop()` (or a failed request) it sends nothing more; the failure is raised on the
    caller's thread by `answers`."""

    _DONE = object()

    def __init__(self, tr) -> None:
        self._tr = tr
        self._todo: queue.Queue = queue.Queue()
        self._done: queue.Queue = queue.Queue()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sync-push", daemon=True)

    def __enter__(self) -> _Sender:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
        self._todo.put(self._DONE)
        self._thread.join()

    def submit(self, batch: list[tuple]) -> None:
        if not self._stopped.is_set():
            self._todo.put(batch)

    def stop(self) -> None:
        self._stopped.set()

    def finish(self) -> None:
        """No more batches: `answers(block=True)` ends once the thread has sent them."""
        self._todo.put(self._DONE)

    def answers(self, *, block: bool) -> Iterator[tuple[list[tuple], PushResponse]]:
        while True:
            try:
                item = self._done.get(block=block)
            except queue.Empty:
                return
            if item is self._DONE:
                return
            batch, resp, error = item
            if error is not None:
                self.stop()
                raise error
            yield batch, resp

    def _run(self) -> None:
        while True:
            batch = self._todo.get()
            if batch is self._DONE:
                self._done.put(self._DONE)
                return
            if self._stopped.is_set():
                continue  # left pending in the outbox
            try:
                resp = self._tr.push_sealed([bytes(r[3]) for r in batch])
            except BaseException as exc:  # noqa: BLE001 - raised on the round's thread
                self._stopped.set()
                self._done.put((batch, None, exc))
                continue
            if resp.expected_seq is not None:
                self._stopped.set()  # what follows would be refused the same way
            self._done.put((batch, resp, None))
