"""The center's desk inside a vault: the organisation's sealing private key, imported from
`KEYDIR/sealing.key` (`desk import-key`) and kept only here, in the encrypted database.

With it the desk opens every sealed change of the organisation (each is sealed to that
key as well as to the devices that may open its case). A worker's laptop must never hold
it: import refuses a vault enrolled as a worker, and enrolling as a worker refuses a vault
holding it (desktop/syncing/desk.py). The key leaves the vault only by a wipe, which
destroys it with the rest.
"""
from __future__ import annotations

import base64
import json

from desktop.vault import audit, grants, outgoing
from desktop.vault.guard import open_only
from desktop.vault.ids import now_iso
from desktop.vault.sync_part import Opener, SyncMixin

STATE_KEY = "desk_sealing_key"
RETRY_KEY = "desk_retry_inbox"   # set at import: what was pulled before opens next round


class DeskMixin(SyncMixin):
    @open_only
    def desk_key(self) -> dict | None:
        """{"key_id", "private" (32 raw bytes), "organisation", "imported_at"} or None."""
        text = outgoing.get_state(self._store.conn, STATE_KEY)
        if text is None:
            return None
        doc = json.loads(text)
        doc["private"] = base64.b64decode(doc["private"])
        return doc

    @open_only
    def store_desk_key(self, key_id: str, private: bytes, organisation: str) -> None:
        doc = {"key_id": key_id, "private": base64.b64encode(private).decode("ascii"),
               "organisation": organisation, "imported_at": now_iso()}

        def store(c, w):
            outgoing.set_state(c, STATE_KEY, json.dumps(doc))
            outgoing.set_state(c, RETRY_KEY, "1")
            # the audit names the key by its id only, never its bytes
            audit.append(c, w.actor, "desk_key_import", "vault", f"sealing key {key_id}")
        self._store.write(store, settings=True)

    @open_only
    def retry_unreadable(self, opener: Opener) -> dict[str, int]:
        """After an import: the changes pulled before the key was here (kept in the inbox
        as unreadable) are opened and applied, in one transaction."""
        counts: dict[str, int] = {}

        def run(c, w) -> None:
            def held(change_id: str) -> bytes | None:
                return grants.key_for(c, change_id)

            self._retry_inbox(c, opener, held, counts, unreadable=True)
            outgoing.set_state(c, RETRY_KEY, "")
        self._store.write(run, audited=True)
        return counts
