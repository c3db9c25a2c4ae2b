"""`donghaeng forms check [DIR]`: every problem of a definitions folder, one line each.

Beyond what the loader reports (YAML, file names, ids, ko + en texts, expressions that do
not parse), it checks what needs the whole folder: expressions refer to existing fields,
computed fields form no cycle, references name existing forms, choice ids stay stable
from one version of a form to the next, migrations name real fields, and each form's
`example:` values validate.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from .consent import PURPOSES
from .examples import example_values
from .expr import try_parse
from .field_types import field_type, stored
from .loader import CHOICES_FILE, scan_dir
from .model import FieldDef, FormDef
from .parse_defs import Issue
from .validate import RefRecord, ValidationContext, validate


def check_dir(path: Path | str, lang: str = "ko", *, yaml_parity: bool = True) -> list[str]:
    """One line per problem ("<file>: <where>: <message>"); [] when the folder is clean.
    yaml_parity re-reads every file with the (slow, ~1 s) pure-Python YAML reader."""
    scan = scan_dir(path)
    issues = list(scan.issues) + (_yaml_parity(Path(path)) if yaml_parity else [])
    forms = scan.forms
    form_ids = {f.id for f in forms}
    for form in forms:
        issues += _expressions(form)
        issues += _cycles(form)
        issues += _references(form, form_ids, scan.choice_lists)
    by_id: dict[str, dict[int, FormDef]] = {}
    for form in forms:
        by_id.setdefault(form.id, {})[form.version] = form
    for versions in by_id.values():
        numbers = sorted(versions)
        for v in numbers:
            if v > 1 and v - 1 not in versions:
                issues.append(_at(versions[v], "version", f"v{v - 1} 파일이 없습니다",
                                  f"version {v - 1} is missing"))
            elif v > 1:
                issues += _stability(versions[v - 1], versions[v])
    if not scan.issues:  # examples are only meaningful for a folder that loads
        issues += _examples(forms, by_id)
    return [i.line(lang) for i in issues]


def _yaml_parity(folder: Path) -> list[Issue]:
    """libyaml accepts some unquoted text (e.g. a '?' inside {ko: ..., en: ...}) that the
    pure-Python reader refuses; a definition must read the same with both."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is None or not folder.is_dir():
        return []
    out = []
    for file in sorted(folder.glob("*.yaml")):
        try:
            text = file.read_text(encoding="utf-8")
            fast_data = yaml.load(text, Loader=fast)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue  # reported by the loader
        try:
            same = yaml.load(text, Loader=yaml.SafeLoader) == fast_data
        except yaml.YAMLError:
            same = False
        if not same:
            out.append(Issue(file.name, "YAML 읽기 결과가 판독기에 따라 다릅니다: "
                             "쉼표·콜론·물음표가 든 문구는 큰따옴표로 감싸세요",
                             "YAML reads differently with libyaml and pure Python: quote "
                             "text containing , : ? in double quotes"))
    return out


def _at(form: FormDef, where: str, ko: str, en: str) -> Issue:
    return Issue(f"{form.source}: {where}", ko, en)


def _field_exists(form: FormDef, ref: str) -> bool:
    if "[]." in ref:
        group, child = ref.split("[].", 1)
        g = form.field(group)
        return g is not None and stored(g) == "rows" and g.child(child) is not None
    return form.field(ref) is not None


def _expressions(form: FormDef) -> list[Issue]:
    out = []
    items = []
    for path, f in form.fields():
        group = path.split("[].")[0] if "[]." in path else None
        for key in ("visible_if", "required_if", "compute"):
            if getattr(f, key):
                items.append((f"{path}.{key}", getattr(f, key), group))
    items += [(f"checks.{c.id}", c.expr, None) for c in form.checks]
    for where, source, group in items:
        expr = try_parse(source)
        if expr is None:
            continue  # already reported by the loader
        for ref in sorted(expr.refs):
            if _field_exists(form, ref):
                continue
            hint_ko = hint_en = ""
            owner = form.field(group) if group else None
            if owner is not None and "[]." not in ref and owner.child(ref) is not None:
                hint_ko, hint_en = f" (같은 행의 항목은 {group}[].{ref})", f" (use {group}[].{ref})"
            out.append(_at(form, where, f"없는 항목 '{ref}'을(를) 참조합니다{hint_ko}",
                           f"refers to an unknown field '{ref}'{hint_en}"))
    for path, f in form.fields():
        expr = try_parse(f.compute) if f.compute else None
        if expr is not None and "today" in expr.functions:
            out.append(_at(form, f"{path}.compute", "계산 항목에 today()를 쓰면 값이 날마다 "
                           "바뀝니다: 기록의 날짜 항목을 기준으로 계산하세요",
                           "a computed field using today() changes every day: compute from "
                           "a date field of the record instead"))
    for c in form.checks:
        if c.at and form.field_at(c.at) is None:
            out.append(_at(form, f"checks.{c.id}.at", f"없는 항목 '{c.at}'",
                           f"unknown field '{c.at}'"))
    return out


def _computed_graph(fields: list[FieldDef], group: str | None) -> dict[str, set[str]]:
    computed = {f.id for f in fields if stored(f) == "computed"}
    graph = {}
    for f in fields:
        if stored(f) != "computed":
            continue
        expr = try_parse(f.compute) if f.compute else None
        deps = set()
        for ref in (expr.refs if expr else ()):
            name = ref.split("[].", 1)[1] if "[]." in ref else ref
            owner = ref.split("[].", 1)[0] if "[]." in ref else None
            if name in computed and owner == group:
                deps.add(name)
        graph[f.id] = deps
    return graph


def _find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each cycle found by a depth-first walk, as the list of its nodes (first repeated)."""
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(trail[trail.index(nxt):] + [nxt])
            elif state.get(nxt) is None:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if state.get(node) is None:
            visit(node, [node])
    return cycles


def _cycles(form: FormDef) -> list[Issue]:
    out = []
    scopes = [(form.top_fields, None)] + [(g.fields, g.id) for g in form.top_fields
                                          if stored(g) == "rows"]
    for fields, group in scopes:
        prefix = f"{group}[]." if group else ""
        for cycle in _find_cycles(_computed_graph(fields, group)):
            names = " -> ".join(prefix + n for n in cycle)
            out.append(_at(form, prefix + cycle[0], f"계산 항목이 순환 참조합니다: {names}",
                           f"computed fields form a cycle: {names}"))
    return out


def _references(form: FormDef, form_ids: set, lists: dict) -> list[Issue]:
    out = []
    for path, f in form.fields():
        if not field_type(f).refers:
            continue
        if f.ref_form and f.ref_form not in form_ids:
            out.append(_at(form, f"{path}.ref_form", f"없는 서식 '{f.ref_form}'을(를) 참조합니다",
                           f"refers to an unknown form '{f.ref_form}'"))
        if f.consent_covers:
            target = form.field(f.consent_covers)
            if target is None or not target.choices:
                out.append(_at(form, f"{path}.consent_covers",
                               f"'{f.consent_covers}'은(는) 이 서식의 선택 항목이 아닙니다",
                               f"'{f.consent_covers}' is not a choice field of this form"))
        known = {c.id for c in lists.get("consent_purposes", ())} or set(PURPOSES)
        for p in f.consent_purposes:
            if p not in known:
                out.append(_at(form, f"{path}.consent_purposes", f"없는 동의 목적 '{p}'",
                               f"unknown consent purpose '{p}'"))
    return out


def _stability(old: FormDef, new: FormDef) -> list[Issue]:
    """Stored records keep their choice ids and fields: flag what a new version loses."""
    out: list[Issue] = []
    steps = new.migration.steps if new.migration else []
    renamed = {s.field: s.to for s in steps if s.op == "rename" and s.to}
    dropped = {s.field for s in steps if s.op == "drop"}
    mapped: dict[str, dict] = {}
    for s in steps:
        if s.op == "map_choices":
            mapped.setdefault(s.field, {}).update(s.mapping or {})
    new_paths = {p for p, _ in new.fields()}
    for s in steps:
        if s.op == "make_rows":
            group = new.field(s.field)
            source_ok = all(old.field(src) is not None for src in s.sources())
            target_ok = group is not None and stored(group) == "rows" and all(
                group.child(c) is not None for c in (s.columns or {}))
        else:
            source_ok = s.op in ("set_default",) or old.field_at(s.field) is not None
            target = s.to if s.op == "rename" else s.field
            if s.op == "rename" and target and "[]." not in target and "[]." in s.field:
                target = s.field.split("[].")[0] + "[]." + target
            target_ok = s.op == "drop" or (target in new_paths)
        if not source_ok or not target_ok:
            out.append(_at(new, f"migration.{s.op} {s.field}",
                           "이전 버전이나 새 버전에 없는 항목을 가리킵니다",
                           "names a field missing from the old or the new version"))
    for path, f in old.fields():
        if path in dropped or path.split("[].")[0] in dropped:
            continue
        new_path = renamed.get(path, path)
        if "[]." in path and path.split("[].")[0] in renamed:
            new_path = renamed[path.split("[].")[0]] + "[]." + path.split("[].")[1]
        nf = new.field_at(new_path)
        if nf is None:
            out.append(_at(new, path, f"v{old.version}의 항목 '{path}'이(가) 없어졌습니다 "
                           "(migration에 drop 또는 rename을 적으세요)",
                           f"field '{path}' of v{old.version} is gone (declare a drop or "
                           "rename step in the migration)"))
            continue
        if not f.choices:
            continue
        new_ids = {c.id: c for c in nf.choices}
        mapping = mapped.get(new_path, {}) | mapped.get(path, {})
        for c in f.choices:
            if c.id in new_ids:
                continue
            if c.id in mapping and mapping[c.id] in new_ids:
                continue
            same_label = [n.id for n in nf.choices if n.id not in {x.id for x in f.choices}
                          and (n.label.get("ko") == c.label.get("ko")
                               or n.label.get("en") == c.label.get("en"))]
            if same_label:
                out.append(_at(new, new_path, f"선택지 '{c.id}'의 id가 '{same_label[0]}'(으)로 "
                               "바뀌었습니다: id는 바꾸지 말고 문구만 바꾸세요",
                               f"choice '{c.id}' was given a new id '{same_label[0]}': keep "
                               "ids, change only labels"))
            else:
                out.append(_at(new, new_path, f"v{old.version}의 선택지 '{c.id}'이(가) "
                               "없어졌습니다 (migration에 map_choices를 적으세요)",
                               f"choice '{c.id}' of v{old.version} was removed (declare a "
                               "map_choices step in the migration)"))
    return out


def _examples(forms: list[FormDef], by_id: dict) -> list[Issue]:
    today = date.today()
    ref_records = {}
    for form_id, versions in by_id.items():
        latest = versions[max(versions)]
        ref_records[f"{form_id}:example"] = RefRecord(
            id=f"{form_id}:example", form=form_id, case="EXAMPLE",
            values=example_values(latest, today), signed=True,
            # every file field of an example counts as attached (a signature included)
            signed_fields=frozenset(p for p, f in latest.fields() if stored(f) == "file"))
    ctx = ValidationContext(today=today, lookup_record=ref_records.get, case="EXAMPLE")
    out = []
    for form in forms:
        for p in validate(form, example_values(form, today), ctx):
            out.append(_at(form, f"example {p.path}" if p.path else "example",
                           f"예시 값이 검사를 통과하지 못합니다: {p.message_ko}",
                           f"the example values do not validate: {p.message_en}"))
    return out


__all__ = ["check_dir", "CHOICES_FILE"]
