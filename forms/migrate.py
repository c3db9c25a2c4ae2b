"""Moving a record's values from one version of its form to a later one, by the
declarative steps each version N+1 declares for N -> N+1. Applied only when a worker
edits an old record; a stored record always validates against its own version."""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from .expr_functions import is_empty
from .model import FormDef, MigrationError, MigrationStep

if TYPE_CHECKING:
    from .loader import Registry


def _err(ko: str, en: str) -> MigrationError:
    return MigrationError([ko], [en])


def _split(path: str) -> tuple[str | None, str]:
    if "[]." in path:
        group, child = path.split("[].", 1)
        return group, child
    return None, path


def _targets(values: dict, path: str) -> list[tuple[dict, str]]:
    """(container, key) pairs the step addresses: the record itself or every group row."""
    group, key = _split(path)
    if group is None:
        return [(values, key)]
    rows = values.get(group)
    return [(row, key) for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


def _map_value(value: object, mapping: dict) -> object:
    if isinstance(value, str):
        return mapping.get(value, value)
    if isinstance(value, list):
        out: list = []
        for item in value:
            item = mapping.get(item, item) if isinstance(item, str) else item
            if item not in out:
                out.append(item)
        return out
    return value


def _make_rows(values: dict, step: MigrationStep) -> None:
    """Rows appended to a group from top-level values (a value kept once per recipient
    becomes one row per recipient). Empty cells are left out, as a screen would."""
    if step.if_present and is_empty(values.get(step.if_present)):
        return
    items: list = [None]
    if step.for_each:
        each = values.get(step.for_each)
        items = [v for v in (each if isinstance(each, list) else [each]) if not is_empty(v)]
    if not items:
        return
    rows = values.get(step.field)
    if not isinstance(rows, list):
        rows = values[step.field] = []
    for number, item in enumerate(items, 1):
        row = {}
        for column, src in (step.columns or {}).items():
            if "from" in src:
                value = values.get(str(src["from"]))
            elif "value" in src:
                value = src["value"]
            else:
                value = item if "item" in src else number
            if not is_empty(value):
                row[column] = copy.deepcopy(value)
        rows.append(row)


def apply_step(values: dict, step: MigrationStep) -> None:
    if step.op == "make_rows":
        _make_rows(values, step)
        return
    for container, key in _targets(values, step.field):
        if step.op == "rename":
            new_key = _split(step.to or "")[1]
            if key in container and new_key:
                container[new_key] = container.pop(key)
        elif step.op == "map_choices":
            if key in container:
                container[key] = _map_value(container[key], step.mapping or {})
        elif step.op == "set_default":
            if is_empty(container.get(key)):
                container[key] = copy.deepcopy(step.value)
        elif step.op == "drop":
            container.pop(key, None)


def migrate(values: dict, from_form: FormDef, to_form: FormDef,
            registry: Registry | None = None) -> dict:
    """A new dict: `values` (a `from_form` record) carried to `to_form`. Versions between
    the two are fetched from `registry` (needed only when skipping versions)."""
    if from_form.id != to_form.id:
        raise _err(f"서로 다른 서식입니다: {from_form.id} → {to_form.id}",
                   f"different forms: {from_form.id} -> {to_form.id}")
    if to_form.version < from_form.version:
        raise _err("이전 버전으로는 옮길 수 없습니다", "cannot migrate to an older version")
    out = copy.deepcopy(values) if isinstance(values, dict) else {}
    for version in range(from_form.version + 1, to_form.version + 1):
        step_form: FormDef | None
        if version == to_form.version:
            step_form = to_form
        elif registry is not None:
            try:
                step_form = registry.get(to_form.id, version)
            except KeyError:
                step_form = None
        else:
            step_form = None
        if step_form is None:
            raise _err(f"{to_form.id} v{version} 서식을 찾을 수 없습니다",
                       f"form {to_form.id} v{version} is not available")
        migration = step_form.migration
        if migration is None or migration.from_version != version - 1:
            raise _err(f"{to_form.id} v{version}에 v{version - 1}에서 옮기는 방법이 없습니다",
                       f"{to_form.id} v{version} declares no migration from v{version - 1}")
        for step in migration.steps:
            apply_step(out, step)
    return out
