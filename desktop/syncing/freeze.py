"""Freezing: this vault's changes sealed once into the outbox.

A change is sealed the first time it is offered to a server and its exact bytes are
stored with it; every retry sends those bytes (HPKE is randomised: sealing again would
make another change, which the server refuses as a sequence reuse). Before enrollment
there is nobody to seal to, so freezing waits for the first sync.

Who a change is sealed to: the organisation's sealing key (the center's desk) and the
active devices of the workers who may open its case, as the server lists them now (the
author's own devices included). A device enrolled later is given the content key by a
grant (`sync share`, or a desk re-wrapping), never by re-sealing the content.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from desktop.vault.outgoing import Outgoing
from sync.client import sealing
from sync.protocol import FileRef, PublicKey, RecipientsResponse, to_json

BATCH = 500   # one push request (the server takes 500); fewer vault commits


def _file_ref(path: Path, att_id: str) -> FileRef | None:
    """The attachment's ciphertext as stored: its size and SHA-256 (what the server checks
    the uploaded bytes against)."""
    h = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
                size += len(chunk)
    except FileNotFoundError:
        return None
    return FileRef(attachment_id=att_id, cipher_size=size, cipher_sha256=h.hexdigest())


def statistic_of(registry, out: Outgoing, today: date) -> dict[str, str]:
    """The form's `statistic` fields of a record version, dates reduced to the month,
    a multichoice's choices joined by commas, group rows as `group.cell` with the row
    values joined; {} for anything else."""
    if out.op not in ("create", "edit") or out.form is None or out.form_version is None:
        return {}
    vals = (out.content.get("version") or {}).get("vals")
    if not isinstance(vals, dict):
        return {}
    try:
        from forms import statistic_values

        form = registry.get(out.form, out.form_version)
        stats = statistic_values(form, vals, today)
    except Exception:  # noqa: BLE001 - an unknown form version still travels, uncounted
        return {}
    flat: dict[str, str | int | None] = {}
    for key, value in stats.items():
        if isinstance(value, list) and not any(isinstance(r, dict) for r in value):
            # a multichoice answer (crime types, support areas…): its choices, joined
            chosen = [sealing.reduce_statistic({"v": v}).get("v") for v in value]
            flat[key] = ",".join(str(c) for c in chosen if c not in (None, ""))
        elif isinstance(value, list):
            cells: dict[str, list[str]] = {}
            for row in value:
                for cell, v in (row.items() if isinstance(row, dict) else ()):
                    reduced = sealing.reduce_statistic({"v": v}).get("v")
                    if reduced:
                        cells.setdefault(cell, []).append(reduced)
            for cell, vs in cells.items():
                flat[f"{key}.{cell}"] = ",".join(vs)
        elif isinstance(value, (str, int)) and not isinstance(value, bool):
            flat[key] = value
        elif isinstance(value, bool):
            flat[key] = "true" if value else "false"
    return sealing.reduce_statistic(flat)


def seal_batch(outs: list[Outgoing], *, routing_key: bytes, org_sealing: PublicKey,
               recipients: RecipientsResponse, file_path, registry,
               today: date, batched: bool = False) -> tuple[list[tuple[str, str, int, bytes, str, str]],
                                     list[tuple[str, int, str]],
                                     list[tuple[str, str | None, bytes]]]:
    """Outbox rows (change_id, device_id, device_seq, body, sha256, frozen_at), file
    rows (attachment_id, cipher_size, cipher_sha256) and content keys (change_id,
    case_id, key) for `outs`. `batched`: envelopes with one HPKE operation per recipient
    for the whole batch (a server that takes them)."""
    import json

    from desktop.vault.ids import now_iso

    org = sealing.Recipient.from_public_key(org_sealing)
    rows, files, keys = [], [], []
    at = now_iso()
    batch = sealing.KeyBatch() if batched else None
    for out in outs:
        ch = out.change
        token = sealing.case_token(routing_key, out.case_id) if out.case_id else None
        devices = recipients.recipients.get(token, recipients.own) if token else \
            recipients.own
        if out.op == "note" and out.grantee is not None:
            # a note from the center is for its worker alone (and the organisation)
            devices = list(recipients.workers.get(out.grantee, []))
        elif out.grantee is not None:
            # a share goes to the grantee's laptops (and, through the case, its authors)
            devices = list(devices) + list(recipients.workers.get(out.grantee, []))
        to = [org] + [sealing.Recipient.from_recipient_key(k) for k in devices]
        file = None
        if out.op == "attach" and out.attachment is not None \
                and not out.attachment.get("hash_only"):  # hash-only: no bytes to send
            file = _file_ref(file_path(out.attachment["id"]), out.attachment["id"])
        sealed, key = sealing.seal_keyed(
            # the server learns a share's grantee (it routes the case to them), not a
            # note's
            grantee=out.grantee if out.op == "share" else None,
            change_id=ch.change_id, device_id=ch.device_id, device_seq=ch.device_seq,
            op=out.op, record_id=out.record_id, version_id=out.version_id,
            parents=out.parents, form=out.form, form_version=out.form_version,
            case_token=token, month=sealing.month_of(ch.at), file=file,
            statistic=statistic_of(registry, out, today),
            content=json.dumps(out.content, ensure_ascii=False, sort_keys=True,
                               separators=(",", ":")).encode("utf-8"),
            recipients=to, batch=batch)
        body = to_json(sealed)
        keys.append((ch.change_id, out.case_id, key))
        rows.append((ch.change_id, ch.device_id, ch.device_seq, body,
                     hashlib.sha256(body).hexdigest(), at))
        if file is not None:
            files.append((file.attachment_id, file.cipher_size, file.cipher_sha256))
    return rows, files, keys


class RecipientBook:
    """Who each case is sealed to, asked once per round for every case waiting to be
    sealed, then only for cases and grantees not asked yet. Asking per batch stalled
    sealing: the server answers after the push it is working on."""

    TOKENS = 500   # per question (RecipientsRequest's limit)

    def __init__(self, tr) -> None:
        self._tr = tr
        self._by_token: dict[str, list] = {}
        self._workers: dict[str, list] = {}
        self._own: list | None = None

    def ask(self, tokens: list[str], grantees: Sequence[str] = (),
            *, always: bool = False) -> None:
        """Asks for `tokens` and `grantees`; nothing to ask asks nothing unless `always`
        (the worker's own devices are in every answer)."""
        tokens = sorted(set(tokens))
        if not (tokens or grantees or always):
            return
        for i in range(0, max(len(tokens), 1), self.TOKENS):
            answer = self._tr.recipients(tokens[i:i + self.TOKENS],
                                         list(grantees) if i == 0 else [])
            self._by_token.update(answer.recipients)
            self._workers.update(answer.workers)
            self._own = answer.own

    def for_batch(self, tokens: list[str], grantees: list[str]) -> RecipientsResponse:
        missing = [t for t in tokens if t not in self._by_token]
        wanted = [g for g in grantees if g not in self._workers]
        if missing or wanted or self._own is None:
            self.ask(missing, wanted, always=True)
        assert self._own is not None
        return RecipientsResponse(
            recipients={t: self._by_token[t] for t in tokens if t in self._by_token},
            own=self._own, workers={g: self._workers.get(g, []) for g in grantees})


def case_tokens(outs: list[Outgoing], routing_key: bytes) -> list[str]:
    return sorted({sealing.case_token(routing_key, o.case_id) for o in outs if o.case_id})


def grantees(outs: list[Outgoing]) -> list[str]:
    return sorted({o.grantee for o in outs if o.grantee})
