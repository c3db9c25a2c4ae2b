"""Shared fixtures of the forms tests: the shipped registry and validation contexts whose
`lookup_record` answers from a small in-memory set of referenced records."""
from __future__ import annotations

import shutil
from datetime import date

import pytest

from forms import RefRecord, ValidationContext, load_registry
from forms.examples import example
from forms.loader import DEFINITIONS_DIR

CASE = "TEST-2026-0001"


@pytest.fixture(scope="session")
def registry():
    return load_registry()


@pytest.fixture
def today():
    return date.today()  # examples are relative to the day they are made


@pytest.fixture
def consent_record(today):
    """A RefRecord for a signed, adult consent of CASE granting everything."""
    def make(values=None, *, signed=True, signed_fields=(), case=CASE, form="consent",
             rid="consent:example"):
        return RefRecord(id=rid, form=form, case=case,
                         values=example("consent", today=today) if values is None else values,
                         signed=signed, signed_fields=frozenset(signed_fields))
    return make


@pytest.fixture
def ctx(today):
    """ctx(*records, case=CASE): a context whose lookup knows exactly those records."""
    def make(*records, case=CASE, attached=None):
        known = {r.id: r for r in records}
        return ValidationContext(today=today, lookup_record=known.get, case=case,
                                 attached=attached)
    return make


@pytest.fixture
def defs_copy(tmp_path):
    """A private copy of the shipped definitions folder."""
    target = tmp_path / "definitions"
    shutil.copytree(DEFINITIONS_DIR, target)
    return target
