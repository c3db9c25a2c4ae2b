"""Property tests: validation never raises on any JSON against any form, and every record
it accepts survives a JSON round trip unchanged and is accepted again."""
from __future__ import annotations

import copy
import json
import random
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms import (
    RefRecord,
    ValidationContext,
    compute_values,
    consent_status,
    load_registry,
    prune_hidden,
    validate,
    visible_paths,
)
from forms.examples import example, fake_values

REGISTRY = load_registry()
FORMS = REGISTRY.all_latest()
TODAY = date.today()
SETTINGS = settings(max_examples=150, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

scalars = (st.none() | st.booleans() | st.integers(-10**20, 10**20)
           | st.floats(allow_nan=False, allow_infinity=False)
           | st.text(max_size=30)
           | st.sampled_from(["2026-01-01", "2026-02-30", "12:30", "010-0000-0000", "legal",
                              "today", "900101-1234568", "https://sns.example/x", "", " "]))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                           max_leaves=12)


def keys_of(form):
    return [f.id for f in form.top_fields]


@st.composite
def records(draw):
    """Mostly form-shaped dicts (known keys, sometimes group rows), with arbitrary values."""
    form = draw(st.sampled_from(FORMS))
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return form, draw(json_values)
    base = example(form.id, today=TODAY) if kind == 1 else {}
    for key in draw(st.lists(st.sampled_from(keys_of(form)), max_size=6)):
        field = form.field(key)
        if field.type == "group" and draw(st.booleans()):
            child_keys = [c.id for c in field.fields]
            base[key] = draw(st.lists(st.dictionaries(st.sampled_from(child_keys), json_values,
                                                      max_size=4), max_size=4))
        else:
            base[key] = draw(json_values)
    if kind == 3:
        base[draw(st.text(max_size=8))] = draw(json_values)
    return form, base


def lookup(record_id):
    if record_id == "consent:example":
        return RefRecord(record_id, "consent", "C-1", example("consent", today=TODAY), True)
    return None


CTX = ValidationContext(today=TODAY, lookup_record=lookup, case="C-1")


@SETTINGS
@given(records())
def test_validation_never_raises(record):
    form, values = record
    before = copy.deepcopy(values)
    found = validate(form, values, CTX)
    assert isinstance(found, list)
    for p in found:
        assert isinstance(p.path, str) and p.code and p.message_ko and p.message_en
    assert values == before
    # The helpers the UI calls on half-typed data must not raise either.
    compute_values(form, values, TODAY)
    prune_hidden(form, values, TODAY)
    visible_paths(form, values, TODAY)
    consent_status(values, signed=True, today=TODAY)


def assert_round_trips(form, values):
    assert validate(form, values, CTX) == []
    copied = json.loads(json.dumps(values, ensure_ascii=False))
    assert copied == values
    assert validate(form, copied, CTX) == []


@SETTINGS
@given(records())
def test_accepted_records_round_trip(record):
    form, values = record
    if validate(form, values, CTX) == []:
        assert_round_trips(form, values)


@settings(max_examples=60, deadline=None, database=None)
@given(st.sampled_from(FORMS), st.integers(0, 2**32))
def test_generated_records_are_accepted_and_round_trip(form, seed):
    values = fake_values(form, random.Random(seed), today=TODAY)
    assert_round_trips(form, values)
    assert prune_hidden(form, values, TODAY) == values
