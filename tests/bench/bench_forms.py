"""forms.validate_p99_ms: the largest form, filled with 50 entries in each repeat group."""
from __future__ import annotations

import copy
import time
from datetime import date

from bench_common import metric, percentile


def _largest_with_repeats():
    from forms import load_registry
    from forms.examples import example

    registry = load_registry()
    best = None
    for form in registry.all_latest():
        size = sum(1 for _ in form.fields())
        if best is None or size > best[0]:
            best = (size, form)
    form = best[1]
    values = example(form.id)
    for section in form.sections:
        for field in section.fields:
            if field.type == "group":
                rows = values.get(field.id) or []
                row = rows[0] if rows else {}
                values[field.id] = [copy.deepcopy(row) for _ in range(50)]
    return form, values


def run() -> list[dict]:
    from forms import RefRecord, ValidationContext, validate

    form, values = _largest_with_repeats()

    def lookup(_id):
        return RefRecord(id=_id, form="consent", case="B-1", values={}, signed=True)

    ctx = ValidationContext(today=date.today(), lookup_record=lookup)
    for _ in range(50):
        validate(form, values, ctx)
    times = []
    for _ in range(1000):
        t0 = time.perf_counter()
        validate(form, values, ctx)
        times.append((time.perf_counter() - t0) * 1000)
    return [metric("forms.validate_p99_ms", percentile(times, 99), "ms", "<=", 5,
                   f"validate() of the largest form ({form.id}) with 50 entries in each "
                   "repeat group: wall p99 of 1000 calls after 50 warm-up calls")]
