"""The form registry a vault works with: the shipped definitions plus the form releases
this vault accepted (signed by the organisation, checked when they arrived:
desktop/syncing/releases.py). New records use each form's newest version; a draft or a
record keeps the version it was made with, which the registry still holds.

Loading added versions builds a definitions folder (form text only, never record
content), so the result is kept per set of accepted releases.
"""
from __future__ import annotations

from threading import Lock
from typing import Any

from forms import FormDefinitionError, load_registry, released

_cache: dict[tuple[str, ...], Any] = {}
_lock = Lock()


def for_vault(vault) -> Any:
    """The registry for `vault` (an open Vault): shipped, or shipped + accepted releases.
    A release that no longer loads (a newer app that changed a shipped file) is left out
    rather than making the vault unusable."""
    accepted = vault.form_releases() if vault.sync_enrollment() is not None else []
    if not accepted:
        return load_registry()
    key = tuple(r["release_id"] for r in accepted)
    with _lock:
        if key in _cache:
            return _cache[key]
    added = {released.file_name(f["form"], f["form_version"]): f["yaml"]
             for r in accepted for f in r["forms"]}
    try:
        registry = released.load_with(added)
    except FormDefinitionError:
        registry = load_registry()
    with _lock:
        _cache.clear()   # one vault at a time in a process: keep only the newest
        _cache[key] = registry
    return registry
