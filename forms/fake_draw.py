"""One random draw of field values for a form, for demo data. Texts come from the
vocabulary file (keys `form.field`, `form.group[].child`, then `field`); dates follow one
timeline per record so that "occurred <= discovered <= reported" style checks usually hold.
Callers validate the draw and retry (see examples.fake_values)."""
from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from .field_types import field_type
from .model import FieldDef, FormDef


class _Draw:
    def __init__(self, form: FormDef, rng: random.Random, today: date, vocab: dict, refs: dict):
        self.form, self.rng, self.today, self.vocab, self.refs = form, rng, today, vocab, refs
        # Every record starts its timeline some days ago and moves forward field by field.
        self.cursor = today - timedelta(days=rng.randint(3, 240))
        self.clock = datetime.combine(today, datetime.min.time()).replace(
            hour=rng.randint(9, 16), minute=rng.choice((0, 10, 20, 30, 40, 50)))
        self.values: dict = {}

    def key(self, f: FieldDef, group: FieldDef | None) -> list[str]:
        path = f"{group.id}[].{f.id}" if group is not None else f.id
        return [f"{self.form.id}.{path}", path, f.id]

    def lookup(self, section: str, keys: list[str]) -> Any:
        table = self.vocab.get(section) or {}
        for k in keys:
            if k in table:
                return table[k]
        return None

    def pick_text(self, f: FieldDef, keys: list[str], row: dict) -> str | None:
        entry = self.by_value(self.lookup("texts", keys), row)
        if isinstance(entry, list) and entry:
            return self.rng.choice(entry)
        if "name" in f.id and f.classification == "identifying":
            return self.name()
        if f.pattern:
            return None  # cannot invent text for a pattern without vocabulary
        generic = self.vocab.get("generic_text") or ["메모 없음"]
        return self.rng.choice(generic)

    def name(self) -> str:
        families = self.vocab.get("family_names") or ["김"]
        givens = self.vocab.get("given_names") or ["가명"]
        return self.rng.choice(families) + self.rng.choice(givens)

    def next_date(self, f: FieldDef, keys: list[str]) -> str:
        offset = self.lookup("date_offsets", keys)
        if isinstance(offset, list) and len(offset) == 2:
            return (self.today + timedelta(days=self.rng.randint(*offset))).isoformat()
        self.cursor = min(self.today, self.cursor + timedelta(days=self.rng.randint(0, 12)))
        return self.cursor.isoformat()

    def birth_date(self, keys: list[str]) -> str:
        lo, hi = self.lookup("birth_ages", keys) or self.vocab.get("birth_age_default") or [8, 45]
        years = self.rng.randint(lo, hi)
        born = self.today - timedelta(days=int(years * 365.25) + self.rng.randint(1, 360))
        return born.isoformat()

    def by_value(self, entry: Any, row: dict) -> Any:
        """A {by: field, values: {...}} entry resolved against the row or the record."""
        if isinstance(entry, dict) and "by" in entry:
            basis = row.get(entry["by"], self.values.get(entry["by"]))
            options = entry.get("values") or {}
            return options.get(basis) if isinstance(basis, str) else None
        return entry

    def value(self, f: FieldDef, group: FieldDef | None = None,
              row: dict | None = None) -> object:
        keys, row = self.key(f, group), row if row is not None else {}
        dependent = self.by_value(self.lookup("dependent", keys), row)
        if isinstance(dependent, list) and dependent:
            if field_type(f).choices == "many":
                return self.rng.sample(dependent, self.rng.randint(1, min(2, len(dependent))))
            return self.rng.choice(dependent)
        return DRAWERS[f.type](self, f, keys, row)

    def number_range(self, f: FieldDef, keys: list[str]) -> list:
        return self.lookup("number_ranges", keys) or [
            f.min if f.min is not None else 0, f.max if f.max is not None else 20]

    def draw_integer(self, f: FieldDef, keys: list[str], row: dict) -> object:
        lo, hi = self.number_range(f, keys)
        return self.rng.randint(int(lo), int(hi))

    def draw_decimal(self, f: FieldDef, keys: list[str], row: dict) -> object:
        lo, hi = self.number_range(f, keys)
        return round(self.rng.uniform(lo, hi), 1)

    def draw_time(self, f: FieldDef, keys: list[str], row: dict) -> object:
        self.clock += timedelta(minutes=self.rng.choice((30, 45, 60, 90, 120)))
        return self.clock.strftime("%H:%M")

    def draw_datetime(self, f: FieldDef, keys: list[str], row: dict) -> object:
        hour, minute = self.rng.randint(9, 19), self.rng.choice((0, 15, 30, 45))
        return f"{self.next_date(f, keys)}T{hour:02d}:{minute:02d}"

    def draw_yesno(self, f: FieldDef, keys: list[str], row: dict) -> object:
        rate = self.lookup("yes_rates", keys)
        return self.rng.random() < (rate if isinstance(rate, (int, float)) else 0.5)

    def draw_choice(self, f: FieldDef, keys: list[str], row: dict) -> object:
        weights = self.lookup("choice_weights", keys) or {}
        ids = [c.id for c in f.choices]
        return self.rng.choices(ids, weights=[weights.get(i, 1) for i in ids])[0] if ids else None

    def draw_choices(self, f: FieldDef, keys: list[str], row: dict) -> object:
        ids = [c.id for c in f.choices]
        most = min(len(ids), f.max_items or 3, max(3, f.min_items or 1))
        return self.rng.sample(ids, self.rng.randint(max(1, f.min_items or 1), max(1, most)))

    def draw_reference(self, f: FieldDef, keys: list[str], row: dict) -> object:
        return self.refs.get(f.ref_form, f"{f.ref_form}:example")

    def rows(self, g: FieldDef) -> list:
        lo = max(g.min_items or 0, 1 if g.required else 0)
        hi = max(lo, min(g.max_items or 3, 3))
        count = self.rng.randint(lo, hi)
        unique_pools = {c.id: list(self.pool(c, g)) for c in g.fields if c.unique}
        for pool in unique_pools.values():
            self.rng.shuffle(pool)
            count = min(count, len(pool))
        out = []
        for _ in range(count):
            row: dict = {}
            for c in g.fields:
                if not field_type(c).in_record or not self.wanted(c, [g.id]):
                    continue
                if c.id in unique_pools:
                    row[c.id] = unique_pools[c.id].pop()
                else:
                    v = self.value(c, g, row)
                    if v is not None:
                        row[c.id] = v
            out.append(row)
        return out

    def pool(self, c: FieldDef, g: FieldDef) -> list:
        """Distinct candidate values for a `unique` column (choices or vocabulary texts)."""
        if c.choices:
            return [x.id for x in c.choices]
        if field_type(c).limits == "number":  # a row number (a request's): its range
            lo, hi = self.number_range(c, self.key(c, g))
            return list(range(int(lo), int(hi) + 1))
        entry = self.lookup("texts", self.key(c, g))
        if isinstance(entry, list) and entry:
            return list(dict.fromkeys(entry))
        return [self.name() + f" {i}" for i in range(1, 6)]

    def wanted(self, f: FieldDef, prefix: list[str]) -> bool:
        if f.required or f.required_if:
            return True
        rate = self.lookup("fill_rates", self.key(f, None)) if not prefix else None
        return self.rng.random() < (rate if isinstance(rate, (int, float)) else 0.7)


_Drawer = Callable[[_Draw, FieldDef, list[str], dict], object]
# How to invent a value of each type stored in a record (files and computed values are
# never drawn); tests check that every such type of forms.field_types has an entry.
DRAWERS: dict[str, _Drawer] = {
    "text": lambda d, f, keys, row: d.pick_text(f, keys, row),
    "longtext": lambda d, f, keys, row: d.pick_text(f, keys, row),
    "integer": _Draw.draw_integer,
    "decimal": _Draw.draw_decimal,
    "date": lambda d, f, keys, row: d.next_date(f, keys),
    "birthdate": lambda d, f, keys, row: d.birth_date(keys),
    "time": _Draw.draw_time,
    "datetime": _Draw.draw_datetime,
    "yesno": _Draw.draw_yesno,
    "choice": _Draw.draw_choice,
    "ageband": _Draw.draw_choice,
    "district": _Draw.draw_choice,
    "multichoice": _Draw.draw_choices,
    "phone": lambda d, f, keys, row: f"010-0000-{d.rng.randint(0, 9999):04d}",
    "email": lambda d, f, keys, row: f"gamyeong{d.rng.randint(1, 999)}@example.com",
    "reference": _Draw.draw_reference,
    "group": lambda d, f, keys, row: d.rows(f),
}


def draw(form: FormDef, rng: random.Random, today: date, vocab: dict, refs: dict,
         overrides: dict | None = None) -> dict:
    """Overrides are placed as the draw reaches them, so later fields can depend on them."""
    d = _Draw(form, rng, today, vocab, refs)
    overrides = overrides or {}
    for f in form.top_fields:
        if f.id in overrides:
            d.values[f.id] = overrides[f.id]
            continue
        if not field_type(f).in_record or not d.wanted(f, []):
            continue
        v = d.value(f)
        if v is not None and v != []:
            d.values[f.id] = v
    return d.values
