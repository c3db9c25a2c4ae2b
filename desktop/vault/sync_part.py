"""The vault's side of sync: short operations the sync engine (desktop/syncing) calls.

Each is one transaction on the vault's connection, so a sync running beside the app
never holds the database for a transfer: the engine seals, sends and receives between
these calls. What must be atomic is: a frozen change and its sealed bytes; a batch of
receipts; a pulled page and the cursor after it (a kill between two calls repeats work,
never loses or doubles it).
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.vault import attachments, audit, downloads, grants, incoming, outgoing
from desktop.vault.downloads import DownloadsMixin
from desktop.vault.guard import open_only
from desktop.vault.ids import now_iso

ENROLLMENT_COLS = ("server_url", "tls_sha256", "server_epoch", "device_id", "worker", "team",
                   "role", "fingerprint", "signing_key", "sealing_key", "routing_key",
                   "receipt_key", "org_keys", "enrolled_at")

# opener(body, held_key) -> (header, content | None, why, content key | None): None
# content when it cannot be opened; `held_key(change_id)` is a key this vault holds (a
# grant) for a change not sealed to this device. header: change_id, device_id,
# device_seq, op.
KeyLookup = Callable[[str], "bytes | None"]
# changes sealed to named workers' laptops (and the organisation), not to every device
# of the case: a share (its grantee) and a note from the center (its addressee)
ADDRESSED = ("share", "note")
Opener = Callable[[bytes, KeyLookup], tuple[dict, "dict | None", str, "bytes | None"]]


class SyncMixin(DownloadsMixin):  # downloads: pulled files whose bytes come later
    @open_only
    def sync_enrollment(self) -> dict | None:
        row = self._store.conn.execute(
            f"SELECT {', '.join(ENROLLMENT_COLS)} FROM sync_enrollment").fetchone()
        return dict(zip(ENROLLMENT_COLS, row, strict=True)) if row else None

    @open_only
    def save_enrollment(self, values: dict) -> None:
        """Store the enrollment (replacing an earlier one: re-enrolling after a restore)."""
        row = tuple(values[c] for c in ENROLLMENT_COLS)

        def store(c, w):
            c.execute("DELETE FROM sync_enrollment")
            c.execute(f"INSERT INTO sync_enrollment(id, {', '.join(ENROLLMENT_COLS)})"
                      f" VALUES (1, {', '.join('?' * len(ENROLLMENT_COLS))})", row)
            audit.append(c, w.actor, "sync_enroll", "vault",
                         f"{values['server_url']} device {values['fingerprint']}")
        self._store.write(store, settings=True)

    # -- push ---------------------------------------------------------------------------

    @open_only
    def unfrozen_case_ids(self) -> list[str]:
        return outgoing.unfrozen_case_ids(self._store.conn)

    @open_only
    def unfrozen_changes(self, limit: int) -> list[outgoing.Outgoing]:
        conn = self._store.conn
        return [outgoing.read(conn, ch) for ch in outgoing.unfrozen(conn, limit)]

    def attachment_file(self, att_id: str) -> Path:
        """Where an attachment's ciphertext is stored (what is uploaded, as it is)."""
        return attachments.final_path(self.paths.attachments, att_id)

    @open_only
    def store_frozen(self, rows: list[tuple[str, str, int, bytes, str, str]],
                     files: list[tuple[str, int, str]],
                     keys: list[tuple[str, str | None, bytes]] | None = None) -> None:
        """Sealed changes, their files and their content keys, at once."""
        def store(c, w):
            outgoing.store_frozen(c, rows)
            grants.keep(c, keys or [], "own")
            for att_id, size, sha in files:
                outgoing.add_file(c, att_id, size, sha)
        self._store.write(store, audited=False)

    @open_only
    def outbox_pending(self, limit: int,
                       from_seq: dict[str, int] | None = None) -> list[tuple]:
        return outgoing.pending(self._store.conn, limit, from_seq)

    @open_only
    def store_receipts(self, receipts: list[tuple[str, int, str, str]],
                       refused: list[tuple[str, str]]) -> None:
        """(change_id, server_seq, epoch, receipt JSON) and (change_id, why), at once."""
        at = now_iso()

        def store(c, w):
            for change_id, server_seq, epoch, text in receipts:
                outgoing.store_receipt(c, change_id, server_seq, epoch, text, at)
            for change_id, why in refused:
                outgoing.mark_refused(c, change_id, why)
        self._store.write(store, audited=False)

    @open_only
    def files_to_send(self) -> list[tuple[str, int, str, int]]:
        return outgoing.files_to_send(self._store.conn)

    @open_only
    def files_lost(self, att_ids: list[str]) -> int:
        if not att_ids:
            return 0
        return self._store.write(lambda c, w: outgoing.files_lost(c, att_ids), audited=False)

    @open_only
    def file_progress(self, att_id: str, confirmed: int, done: bool) -> None:
        self._store.write(lambda c, w: outgoing.set_file_offset(
            c, att_id, confirmed, now_iso() if done else None), audited=False)

    # -- pull ---------------------------------------------------------------------------

    @open_only
    def apply_pulled(self, items: list[tuple[int, bytes, str]], next_after: int | None,
                     opener: Opener) -> dict[str, int]:
        """Apply a page of pulled changes, (server_seq, sealed body, author) each, and
        store the cursor after it, in one transaction. Changes that cannot be applied yet
        (a parent missing, not sealed to this device) go to the inbox; each applied change
        retries the waiting ones. Returns counts by outcome. `next_after` None: a backfill
        of a shared case, which leaves the cursor where it is."""
        counts: dict[str, int] = {}

        def run(c, w) -> None:
            def held(change_id: str) -> bytes | None:
                return grants.key_for(c, change_id)

            kept = []
            for server_seq, body, author in items:
                header, content, why, key = opener(body, held)
                if key is not None and content is not None:
                    kept.append((header["change_id"], _case_id(content), key))
                self._one(c, server_seq, body, author, header, content, why, counts)
            grants.keep(c, kept, "pulled")   # one statement per page, not per change
            if counts.get(incoming.APPLIED) or counts.get("granted"):
                self._retry_inbox(c, opener, held, counts,
                                  unreadable=bool(counts.get("granted")))
            if next_after is not None:
                outgoing.set_state(c, "pull_cursor", str(next_after))
        self._store.write(run, audited=bool(items))
        return counts

    @staticmethod
    def _one(c: Any, server_seq: int, body: bytes, author: str, header: dict,
             content: dict | None, why: str, counts: dict[str, int]) -> str:
        if content is None and header.get("op") in ADDRESSED:
            # sealed to some workers' laptops only, and not to this one: nothing waits
            outcome, state = "not_for_this_laptop", ""
        elif content is None:
            outcome, state = "unreadable", "unreadable"
        elif header.get("op") == "share":
            # not a record change: its keys are kept (then what waited for them opens)
            grants.granted(c, content, _case_id(content))
            outcome, state = "granted", ""
        else:
            outcome = incoming.apply(c, _with_file(header, body), content, author)
            state = "waiting" if outcome in (incoming.WAITING, incoming.UNSUPPORTED) else ""
            why = "a parent version has not arrived" if outcome == incoming.WAITING else \
                "not applied by this version of Donghaeng" if state else ""
        if state:
            c.execute("INSERT OR REPLACE INTO sync_inbox(change_id, server_seq, body, author,"
                      " state, note, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                      (header["change_id"], server_seq, body, author, state, why, now_iso()))
        else:
            c.execute("DELETE FROM sync_inbox WHERE change_id = ?", (header["change_id"],))
        counts[outcome] = counts.get(outcome, 0) + 1
        return outcome

    def _retry_inbox(self, c: Any, opener: Opener, held: KeyLookup, counts: dict[str, int],
                     *, unreadable: bool = False) -> None:
        states = ("waiting", "unreadable") if unreadable else ("waiting",)
        progress = True
        while progress:
            progress = False
            rows = c.execute("SELECT server_seq, body, author FROM sync_inbox WHERE state IN"
                             f" ({', '.join('?' * len(states))}) ORDER BY server_seq",
                             states).fetchall()
            for _seq, body, author in rows:
                header, content, _why, key = opener(bytes(body), held)
                if content is None:
                    continue
                if key is not None:
                    grants.keep(c, [(header["change_id"], _case_id(content), key)],
                                "pulled")
                if incoming.apply(c, _with_file(header, bytes(body)), content,
                                  author) in (incoming.APPLIED,
                                                                  incoming.DUPLICATE):
                    c.execute("DELETE FROM sync_inbox WHERE change_id = ?",
                              (header["change_id"],))
                    counts["from_inbox"] = counts.get("from_inbox", 0) + 1
                    progress = True

    # -- grants -------------------------------------------------------------------------

    @open_only
    def held_keys(self, case_id: str | None) -> dict[str, str]:
        return grants.case_keys(self._store.conn, case_id)

    @open_only
    def cases_with_keys(self) -> list[str | None]:
        return grants.cases_with_keys(self._store.conn)

    @open_only
    def new_shares(self, case_id: str | None, worker: str, keys: dict[str, str]) -> list[str]:
        """Outbox changes granting these content keys to `worker` (sent at the next
        round)."""
        def run(c, w) -> list[str]:
            made = grants.new_shares(c, w, case_id, worker, keys)
            audit.append(c, w.actor, "sync_share", f"case:{case_id}" if case_id else "vault",
                         f"{worker}: {len(keys)} keys")
            return made
        return self._store.write(run)

    # -- form releases ------------------------------------------------------------------

    @open_only
    def form_releases(self) -> list[dict]:
        """Accepted form releases in server order; `forms` as the release carried them."""
        rows = self._store.conn.execute(
            "SELECT release_id, seq, published_at, forms, accepted_at FROM"
            " sync_form_releases ORDER BY seq").fetchall()
        return [{"release_id": r[0], "seq": r[1], "published_at": r[2],
                 "forms": json.loads(r[3]), "accepted_at": r[4]} for r in rows]

    @open_only
    def store_form_release(self, release: dict, accepted: bool, why: str = "") -> None:
        """A release looked at: kept if `accepted`, and the release cursor moved past its
        `seq` either way, in one transaction (audited both ways: a refused release is
        what the center must hear of)."""
        def store(c, w):
            if accepted:
                c.execute("INSERT OR IGNORE INTO sync_form_releases(release_id, seq,"
                          " published_at, forms, accepted_at) VALUES (?, ?, ?, ?, ?)",
                          (release["release_id"], release["seq"], release["published_at"],
                           json.dumps(release["forms"], ensure_ascii=False), now_iso()))
            audit.append(c, w.actor, "form_release" if accepted else "form_release_refused",
                         "vault", f"{release['release_id']}{': ' + why if why else ''}"[:500])
            outgoing.set_state(c, "form_release_after", str(release["seq"]))
        self._store.write(store)

    # -- state --------------------------------------------------------------------------

    @open_only
    def sync_state(self, key: str) -> str | None:
        return outgoing.get_state(self._store.conn, key)

    @open_only
    def set_sync_state(self, values: dict[str, str]) -> None:
        def store(c, w):
            for k, v in values.items():
                outgoing.set_state(c, k, v)
        self._store.write(store, audited=False)

    @open_only
    def sync_status(self) -> dict:
        st = outgoing.status(self._store.conn)
        for att_id in st.pop("unfrozen_files"):
            try:
                size = self.attachment_file(att_id).stat().st_size
            except OSError:
                continue  # a missing file is `vault check`'s to report
            st["pending_files"] += 1
            st["pending_bytes"] += size
        st["pending_downloads"], st["pending_download_bytes"] = \
            downloads.counts(self._store.conn)
        return st

    @open_only
    def record_round(self, started: str, pushed: int, pulled: int, files: int,
                     error: str | None) -> None:
        self._store.write(lambda c, w: c.execute(
            "INSERT INTO sync_rounds(started, ended, pushed, pulled, files, error)"
            " VALUES (?, ?, ?, ?, ?, ?)", (started, now_iso(), pushed, pulled, files, error)),
            audited=False)

    @open_only
    def sync_rounds(self, limit: int = 50) -> list[dict]:
        rows = self._store.conn.execute(
            "SELECT started, ended, pushed, pulled, files, error FROM sync_rounds"
            " ORDER BY n DESC LIMIT ?", (limit,)).fetchall()
        return [dict(zip(("started", "ended", "pushed", "pulled", "files", "error"), r,
                         strict=True)) for r in rows]


def _with_file(header: dict, body: bytes) -> dict:
    """An attach change's header with its FileRef (the sealed change's routing header,
    which the opened content's AEAD authenticates): what the file's ciphertext must be."""
    if header.get("op") != "attach" or "file" in header:
        return header
    try:
        file = json.loads(body).get("file")
    except (ValueError, AttributeError):
        file = None
    return {**header, "file": file if isinstance(file, dict) else None}


def _case_id(content: dict) -> str | None:
    case = content.get("case")
    return case.get("id") if isinstance(case, dict) else None
