"""Example and fake field values, both built from the definitions.

`example(form_id)`: the `example:` values written in the definition, dates relative to
today (`today`, `today-3`, `today+365`, `today-1T14:30`), hidden fields dropped, a required
reference as the placeholder "<form id>:example".

`fake_values(form, rng)`: varied valid values for demo data, drawn from the definition and
the small vocabulary in `definitions/_fake_vocabulary.yaml`.
"""
from __future__ import annotations

import random
import re
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from .evaluation import prune_hidden
from .field_types import field_type, stored
from .loader import DEFINITIONS_DIR, Registry, load_registry, read_yaml
from .model import FieldDef, FormDef

VOCABULARY_FILE = "_fake_vocabulary.yaml"
_TODAY = re.compile(r"today(?:([+-])(\d{1,5}))?(T\d{2}:\d{2}(?::\d{2})?)?")


def resolve_example(f: FieldDef, value: object, today: date) -> object:
    """An `example:` value with its `today±N` tokens turned into dates."""
    relative = field_type(f).today_example
    if relative is not None and isinstance(value, str):
        m = _TODAY.fullmatch(value)
        if m:
            days = int(m.group(2) or 0) * (-1 if m.group(1) == "-" else 1)
            day = (today + timedelta(days=days)).isoformat()
            if relative == "datetime":
                return day + (m.group(3) or "T10:00")
            return day
    if stored(f) == "rows" and isinstance(value, list):
        return [{c.id: resolve_example(c, row[c.id], today) for c in f.fields if c.id in row}
                for row in value if isinstance(row, dict)]
    return value


def placeholder(form_id: str) -> str:
    return f"{form_id}:example"


def example_values(form: FormDef, today: date | None = None) -> dict:
    today = today or date.today()
    values = {}
    for f in form.top_fields:
        if not field_type(f).in_record:
            continue
        if f.example is not None:
            values[f.id] = resolve_example(f, f.example, today)
        elif field_type(f).refers and f.required and f.ref_form:
            values[f.id] = placeholder(f.ref_form)
    return prune_hidden(form, values, today)


def example(form_id: str, registry: Registry | None = None, today: date | None = None) -> dict:
    """Values of the latest version of `form_id` that validate (KeyError if unknown)."""
    registry = registry if registry is not None else load_registry()
    return example_values(registry.latest(form_id), today)


@lru_cache(maxsize=4)
def load_vocabulary(path: str | None = None) -> dict:
    data, issue = read_yaml(DEFINITIONS_DIR / VOCABULARY_FILE if path is None else Path(path))
    return data if issue is None and isinstance(data, dict) else {}


def fake_values(form: FormDef, rng: random.Random, *, today: date | None = None,
                refs: dict | None = None, overrides: dict | None = None,
                attempts: int = 60) -> dict:
    """Valid, varied values for `form`. `refs` maps a form id to the record id a reference
    field should point at (default: the "<form id>:example" placeholder); `overrides` fixes
    some field values. Falls back to the definition's example after `attempts` draws."""
    from .fake_draw import draw  # the drawing rules live beside their vocabulary handling
    from .validate import ValidationContext, validate

    today = today or date.today()
    ctx = ValidationContext(today=today)
    vocab = load_vocabulary()
    for _ in range(attempts):
        values = draw(form, rng, today, vocab, refs or {}, overrides)
        values.update(overrides or {})
        values = prune_hidden(form, values, today)
        if not validate(form, values, ctx):
            return values
    values = example_values(form, today)
    for f in form.top_fields:
        if field_type(f).refers and f.id in values and refs and f.ref_form in refs:
            values[f.id] = refs[f.ref_form]
    values.update(overrides or {})
    return prune_hidden(form, values, today)
