"""The guard every vault operation passes: one thread at a time, and only while unlocked."""
from __future__ import annotations

import functools

from desktop.vault.errors import VaultLocked


def open_only(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._store.mutex:
            if self._store.conn is None:
                raise VaultLocked()
            return method(self, *args, **kwargs)
    return wrapper
