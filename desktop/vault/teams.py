"""The center's desk's map of worker -> team, for its case list's Worker and Team columns.

A case's worker is its author (`cases.author`, the name its laptop's vault was created
with); which team a worker belongs to is not in any record: the server knows it from the
worker's enrollment (`server enroll --team`) and tells the desk in its overview of
workers (GET /v1/overview, desktop/syncing/workers.py). The desk keeps the last map it
was told in its vault's `sync_state` (inside the encrypted database, as the rest of the
sync state), so the list shows teams offline and at once after unlock. It is replaced
whole each time the overview is read: after every sync round on a desk
(desktop/syncing/report.py) and by `donghaeng desk workers` and the Workers page.

A worker's laptop keeps no map: its list shows no worker or team column.
"""
from __future__ import annotations

import json

STATE_KEY = "desk_teams"
_MAX_NAME = 200  # a worker or team name longer than this is not a name: not kept


def load(vault) -> dict[str, str]:
    """worker -> team as last stored ({} when none: a worker's laptop, a desk that has
    not yet synced, or a damaged value, which the next round replaces)."""
    text = vault.sync_state(STATE_KEY)
    if not text:
        return {}
    try:
        doc = json.loads(text)
    except ValueError:
        return {}
    return _clean(doc) if isinstance(doc, dict) else {}


def store(vault, teams: dict[str, str]) -> bool:
    """Keep `teams` (worker -> team) in place of the stored map; written only when it
    differs, so a round that learns nothing new writes nothing. True when it changed."""
    clean = _clean(teams)
    if clean == load(vault):
        return False
    vault.set_sync_state({STATE_KEY: json.dumps(clean, ensure_ascii=False, sort_keys=True)})
    return True


def _clean(doc: dict) -> dict[str, str]:
    return {k: v for k, v in doc.items()
            if isinstance(k, str) and isinstance(v, str) and k and v
            and len(k) <= _MAX_NAME and len(v) <= _MAX_NAME}
