"""The merge of a record in conflict: its heads compared field by field with the version
they share, and the worker's choices turned into one new version whose parents are every
head (no Qt here: the merge screen, the tests and a script all use these functions).

- **The common version** is the nearest common ancestor of the heads in the parents graph:
  of the versions every head descends from (a head counts as descending from itself), the
  ones no other common ancestor descends from. After criss-cross merges there can be more
  than one; the newest in this vault's local order is taken, so the comparison is the
  smallest one. Heads with no common ancestor (not possible for one record today) compare
  against an empty record.
- **More than two heads** are shown all at once, side A, B, C…: a field is decided when at
  most one distinct new value appears among the sides, and a question otherwise. Merging
  two at a time would ask the worker to rule on half-merged values they never wrote.
- **Fields** are the top-level fields of the record's latest form version that a record
  stores (file and computed fields are not values: a record's files stay attached whoever
  merges, and computed values follow from the rest). A repeat group is one field: both
  sides adding rows to the same group is a question, answered with one side's rows or an
  edit. Keys the form does not define are compared too, so that nothing is dropped. Each
  version is first carried to the latest form version, as an edit would be.
- **Empty** (absent, null, "", []) counts as one value: clearing a field on one side and
  leaving it empty on the other is no change. Values are otherwise compared as JSON, so
  `1` and `true` differ.
- **A tombstone head** (a deletion that met an edit made elsewhere) is joined as a parent
  but has no side: merging keeps the record, with the live sides' values.
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.errors import UserError

UNCHANGED = "unchanged"     # no side changed it: the common version's value
ONE_SIDE = "one_side"       # one side changed it: that side's value is taken
SAME = "same"               # several sides changed it, all to the same value: taken
DIFFERENT = "different"     # sides changed it to different values: the worker chooses


class _Missing:
    """A key absent from a version's values (kept absent in the merge)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


def is_empty(value: object) -> bool:
    return value is MISSING or value is None or value == "" or value == [] or value == {}


def canonical(value: object) -> str:
    """One spelling per value for comparisons (every empty value spells the same)."""
    if is_empty(value):
        return ""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Edited:
    """A value the worker typed for a field instead of taking one side's."""

    value: object


Choice = int | Edited  # a side's index, or an edited value


@dataclass(frozen=True)
class FieldMerge:
    """One field: the common version's value, each side's, what the comparison found,
    and (unless it is a question) the side whose value is taken (-1: the common one)."""

    key: str
    field: Any                    # forms.FieldDef, or None for a key the form lacks
    base: object
    sides: tuple[object, ...]
    kind: str
    taken: int

    @property
    def question(self) -> bool:
        return self.kind == DIFFERENT

    @property
    def changed_by(self) -> tuple[int, ...]:
        """The sides whose value differs from the common version's."""
        b = canonical(self.base)
        return tuple(i for i, v in enumerate(self.sides) if canonical(v) != b)

    def value(self, choice: Choice | None = None) -> object:
        """The merged value: the taken one, or for a question the chosen side's or the
        edited value (UserError if no choice is given)."""
        if choice is None:
            if self.question:
                raise UserError(f"{self.key}: 어느 쪽 값을 쓸지 골라야 합니다",
                                f"{self.key}: choose which value to keep")
            return self.base if self.taken < 0 else self.sides[self.taken]
        if isinstance(choice, Edited):
            return choice.value
        if isinstance(choice, bool) or not isinstance(choice, int) \
                or not 0 <= choice < len(self.sides):
            raise UserError(f"{self.key}: 없는 쪽입니다: {choice!r}",
                            f"{self.key}: no such side: {choice!r}")
        return self.sides[choice]


def classify(key: str, fdef: Any, base: object, sides: Sequence[object]) -> FieldMerge:
    b = canonical(base)
    new = {canonical(v) for v in sides} - {b}
    changed = [i for i, v in enumerate(sides) if canonical(v) != b]
    if not changed:
        return FieldMerge(key, fdef, base, tuple(sides), UNCHANGED, -1)
    if len(new) > 1:
        return FieldMerge(key, fdef, base, tuple(sides), DIFFERENT, -1)
    kind = ONE_SIDE if len(changed) == 1 else SAME
    return FieldMerge(key, fdef, base, tuple(sides), kind, changed[0])


@dataclass(frozen=True)
class Merge:
    """A conflicted record's merge: `heads` (every head, the new version's parents),
    `sides` (the live heads compared, side A first: oldest in local order), `base` (the
    common version's id, None if there is none) and the fields in form order."""

    record_id: str
    form: Any                     # forms.FormDef: the latest version of the record's form
    case_code: str | None
    heads: tuple[str, ...]
    base: str | None
    sides: tuple[str, ...]
    fields: list[FieldMerge] = field(default_factory=list)

    @property
    def questions(self) -> list[FieldMerge]:
        return [f for f in self.fields if f.question]

    def by_key(self, key: str) -> FieldMerge:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    def unanswered(self, choices: Mapping[str, Choice]) -> list[str]:
        return [f.key for f in self.questions if f.key not in choices]

    def values(self, choices: Mapping[str, Choice] | None = None) -> dict:
        """The merged record's values: every decided field as decided, every question as
        chosen (UserError naming the first question without a choice). A choice may also
        overrule a decided field (an edit of a taken value)."""
        choices = choices or {}
        unknown = [k for k in choices if k not in {f.key for f in self.fields}]
        if unknown:
            raise UserError(f"이 기록에 없는 항목입니다: {', '.join(unknown)}",
                            f"not a field of this record: {', '.join(unknown)}")
        out: dict = {}
        for f in self.fields:
            value = f.value(choices.get(f.key))
            if value is not MISSING:
                out[f.key] = value
        return out


# -- the common version ----------------------------------------------------------------

def ancestors(parents: Mapping[str, Sequence[str]], start: str) -> set[str]:
    """`start` and every version it descends from (parents not known here are skipped)."""
    seen, stack = set(), [start]
    while stack:
        v = stack.pop()
        if v in seen:
            continue
        seen.add(v)
        stack.extend(p for p in parents.get(v, ()) if p in parents)
    return seen


def common_ancestor(parents: Mapping[str, Sequence[str]], heads: Sequence[str],
                    order: Mapping[str, int]) -> str | None:
    """The nearest common ancestor of `heads` (see the module's note); `order` ranks
    versions (this vault's local numbers) to choose among several."""
    if not heads:
        return None
    common = set.intersection(*(ancestors(parents, h) for h in heads))
    # the lowest ones: not an ancestor of another common ancestor
    lowest = [c for c in common
              if not any(c != o and c in ancestors(parents, o) for o in common)]
    return max(lowest, key=lambda v: order.get(v, 0)) if lowest else None


# -- reading a merge from the vault ----------------------------------------------------

def _compared_keys(form: Any, versions: Sequence[dict]) -> list[tuple[str, Any]]:
    """(key, field) to compare: the form's stored top-level fields in order, then keys
    of the versions the form does not define (None), sorted."""
    from forms.field_types import field_type

    out = [(f.id, f) for f in form.top_fields if field_type(f).in_record]
    known = {f.id for f in form.top_fields}
    extra = sorted({k for vals in versions for k in vals} - known)
    return out + [(k, None) for k in extra]


def build(record_id: str, form: Any, case_code: str | None, heads: Sequence[str],
          base: str | None, side_ids: Sequence[str], values: Mapping[str, dict]) -> Merge:
    """A Merge from version ids and their values (already carried to `form`)."""
    base_vals = values.get(base, {}) if base is not None else {}
    sides = [values[s] for s in side_ids]
    fields = [classify(key, fdef, base_vals.get(key, MISSING),
                       [s.get(key, MISSING) for s in sides])
              for key, fdef in _compared_keys(form, [base_vals, *sides])]
    return Merge(record_id, form, case_code, tuple(heads), base, tuple(side_ids), fields)


def _carried(registry: Any, rec: Any, latest: Any) -> dict:
    """A version's values carried to the latest form version (as an edit opens them)."""
    if rec.form_version == latest.version:
        return dict(rec.values)
    from forms.migrate import migrate

    return migrate(dict(rec.values), registry.get(rec.form, rec.form_version), latest,
                   registry)


def load(vault: Any, registry: Any, record_id: str) -> Merge:
    """The merge of `record_id` as the vault holds it now. UserError if the record has
    a single head (nothing to merge) or its form is unknown."""
    versions = vault.record_versions(record_id)
    if not versions:
        raise UserError(f"기록이 없습니다: {record_id}", f"no such record: {record_id}")
    heads = list(versions[-1].heads)
    by_id = {v.version_id: v for v in versions}
    live = [h for h in heads if h in by_id and not by_id[h].deleted]
    if len(heads) < 2 or not live:
        raise UserError("이 기록에는 합칠 버전이 없습니다",
                        "this record has no versions to merge")
    rec = versions[-1]
    try:
        latest = registry.latest(rec.form)
    except KeyError:
        raise UserError(f"알 수 없는 양식: {rec.form}", f"unknown form: {rec.form}") from None
    parents = {v.version_id: list(v.parents) for v in versions}
    order = {v.version_id: v.version for v in versions}
    base = common_ancestor(parents, heads, order)
    wanted = set(live) | ({base} if base else set())
    values = {vid: _carried(registry, by_id[vid], latest) for vid in wanted}
    return build(record_id, latest, rec.case_code, heads, base, live, values)


def still_current(vault: Any, merge: Merge) -> bool:
    """Whether the record's heads are still the ones the merge compared."""
    return set(vault.record_heads(merge.record_id)) == set(merge.heads)


def save(service: Any, merge: Merge, choices: Mapping[str, Choice] | None = None, *,
         op_id: str | None = None, discard_draft: str | None = None) -> Any:
    """Save the merged values through the one door (`RecordsService.edit`, validated
    like any edit) as a new version whose parents are all the merge's heads. Refused if
    the heads changed meanwhile (a version arrived by sync): the worker reopens the merge
    and sees it. Returns the service's `Saved`."""
    values = merge.values(choices)
    if not still_current(service.vault, merge):
        raise UserError("합치는 동안 이 기록에 새 버전이 생겼습니다: 다시 열어 합치세요",
                        "a new version of this record arrived while merging: open the"
                        " merge again")
    return service.edit(merge.record_id, values, base=list(merge.heads), op_id=op_id,
                        discard_draft=discard_draft)


# -- partial choices kept as a draft ---------------------------------------------------

def draft_key(record_id: str) -> str:
    return f"merge:{record_id}"


def choices_to_json(merge: Merge, choices: Mapping[str, Choice]) -> dict:
    """A draft payload: the heads it was made for and the choices so far. It has no
    "form" key, so the drafts list (record drafts) does not show it."""
    out: dict[str, dict] = {}
    for key, c in choices.items():
        out[key] = {"edit": c.value} if isinstance(c, Edited) else {"side": int(c)}
    return {"merge": {"heads": sorted(merge.heads), "choices": out}}


def choices_from_json(merge: Merge, payload: Mapping | None) -> dict[str, Choice]:
    """The choices of a draft made for the same heads; {} for any other draft (heads
    that changed make old choices meaningless)."""
    body = (payload or {}).get("merge")
    if not isinstance(body, dict) or body.get("heads") != sorted(merge.heads):
        return {}
    keys = {f.key for f in merge.fields}
    out: dict[str, Choice] = {}
    for key, c in (body.get("choices") or {}).items():
        if key not in keys or not isinstance(c, dict):
            continue
        if "edit" in c:
            out[key] = Edited(c["edit"])
        elif isinstance(c.get("side"), int) and 0 <= c["side"] < len(merge.sides):
            out[key] = int(c["side"])
    return out
