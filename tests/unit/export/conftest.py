"""Fixtures for the export tests; the helpers live in export_kit.py."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def identity():
    from crypto.identity import create_identity

    return create_identity("활동가김", "디지털성범죄 안심지원센터")


@pytest.fixture
def signer(identity):
    from crypto.pades import PadesSigner

    return PadesSigner(identity)


