"""Fixtures for the vault tests; helpers live in vault_kit.py."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from vault_kit import PASS, WORKER  # noqa: E402


@pytest.fixture
def vault(home):
    """An open vault made with cheap Argon2 parameters; locked after the test."""
    from crypto.kdf import CHEAP
    from desktop.vault import Vault

    v = Vault.create(home, WORKER, PASS, kdf=CHEAP)
    yield v
    v.lock()
