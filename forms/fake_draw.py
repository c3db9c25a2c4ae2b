"""One random draw of field values for a form, for demo data. Texts come from the
vocabulary file (keys `form.field`, `form.group[].child`, then `field`); dates follow one
timeline per record so that "occurred <= discovered <= reported" style checks usually hold.
Callers validate the draw and retry (see examples.fake_values)."""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from .model import CHOICE_TYPES, FILE_TYPES, FieldDef, FormDef


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

    def lookup(self, section: str, keys: list[str]):
        table = self.vocab.get(section) or {}
        for k in keys:
            if k in table:
                return table[k]
        return None

    def pick_text(self, f: FieldDef, keys: list[str], row: dict):
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

    def by_value(self, entry, row: dict):
        """A {by: field, values: {...}} entry resolved against the row or the record."""
        if isinstance(entry, dict) and "by" in entry:
            basis = row.get(entry["by"], self.values.get(entry["by"]))
            options = entry.get("values") or {}
            return options.get(basis) if isinstance(basis, str) else None
        return entry

    def value(self, f: FieldDef, group: FieldDef | None = None, row: dict | None = None):
        rng, keys, row = self.rng, self.key(f, group), row if row is not None else {}
        dependent = self.by_value(self.lookup("dependent", keys), row)
        if isinstance(dependent, list) and dependent:
            if f.type == "multichoice":
                return rng.sample(dependent, rng.randint(1, min(2, len(dependent))))
            return rng.choice(dependent)
        t = f.type
        if t in ("text", "longtext"):
            return self.pick_text(f, keys, row)
        if t == "integer" or t == "decimal":
            lo, hi = self.lookup("number_ranges", keys) or [
                f.min if f.min is not None else 0, f.max if f.max is not None else 20]
            return rng.randint(int(lo), int(hi)) if t == "integer" else round(
                rng.uniform(lo, hi), 1)
        if t == "date":
            return self.next_date(f, keys)
        if t == "birthdate":
            return self.birth_date(keys)
        if t == "time":
            self.clock += timedelta(minutes=rng.choice((30, 45, 60, 90, 120)))
            return self.clock.strftime("%H:%M")
        if t == "datetime":
            return f"{self.next_date(f, keys)}T{rng.randint(9, 19):02d}:{rng.choice((0, 15, 30, 45)):02d}"
        if t == "yesno":
            rate = self.lookup("yes_rates", keys)
            return rng.random() < (rate if isinstance(rate, (int, float)) else 0.5)
        if t in CHOICE_TYPES:
            weights = self.lookup("choice_weights", keys) or {}
            ids = [c.id for c in f.choices]
            return rng.choices(ids, weights=[weights.get(i, 1) for i in ids])[0] if ids else None
        if t == "multichoice":
            ids = [c.id for c in f.choices]
            most = min(len(ids), f.max_items or 3, max(3, f.min_items or 1))
            return rng.sample(ids, rng.randint(max(1, f.min_items or 1), max(1, most)))
        if t == "phone":
            return f"010-0000-{rng.randint(0, 9999):04d}"
        if t == "email":
            return f"gamyeong{rng.randint(1, 999)}@example.com"
        if t == "reference":
            return self.refs.get(f.ref_form, f"{f.ref_form}:example")
        if t == "group":
            return self.rows(f)
        return None

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
                if c.type in FILE_TYPES or c.type == "computed" or not self.wanted(c, [g.id]):
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
        entry = self.lookup("texts", self.key(c, g))
        if isinstance(entry, list) and entry:
            return list(dict.fromkeys(entry))
        return [self.name() + f" {i}" for i in range(1, 6)]

    def wanted(self, f: FieldDef, prefix: list[str]) -> bool:
        if f.required or f.required_if:
            return True
        rate = self.lookup("fill_rates", self.key(f, None)) if not prefix else None
        return self.rng.random() < (rate if isinstance(rate, (int, float)) else 0.7)


def draw(form: FormDef, rng: random.Random, today: date, vocab: dict, refs: dict,
         overrides: dict | None = None) -> dict:
    """Overrides are placed as the draw reaches them, so later fields can depend on them."""
    d = _Draw(form, rng, today, vocab, refs)
    overrides = overrides or {}
    for f in form.top_fields:
        if f.id in overrides:
            d.values[f.id] = overrides[f.id]
            continue
        if f.type in FILE_TYPES or f.type == "computed" or not d.wanted(f, []):
            continue
        v = d.value(f)
        if v is not None and v != []:
            d.values[f.id] = v
    return d.values
