"""Turning parsed YAML into the model, reporting every structural problem as an Issue
(where, Korean, English) instead of raising."""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import NamedTuple

from .expr import ExprError, parse
from .field_types import TYPES
from .model import (
    CLASSIFICATIONS,
    Check,
    Choice,
    FieldDef,
    FormDef,
    Migration,
    MigrationStep,
    Section,
)

ID = re.compile(r"[a-z][a-z0-9_]*")
FORM_KEYS = {"id", "version", "title", "description", "case_bound", "sections", "checks",
             "migration"}
SECTION_KEYS = {"id", "title", "fields"}
FIELD_KEYS = {"id", "type", "label", "help", "classification", "required", "choices",
              "choices_from", "fields", "visible_if", "required_if", "min", "max",
              "min_length", "max_length", "min_items", "max_items", "pattern", "unique",
              "compute", "ref_form", "ref_same_case", "consent_covers", "consent_purposes",
              "example"}
CHECK_KEYS = {"id", "expr", "message", "at"}
STEP_OPS = {"rename", "map_choices", "set_default", "drop", "make_rows"}
COLUMN_SOURCES = {"from", "value", "item", "number"}


class Issue(NamedTuple):
    where: str
    ko: str
    en: str

    def line(self, lang: str = "ko") -> str:
        return f"{self.where}: {self.en if lang == 'en' else self.ko}"


class _Ctx:
    def __init__(self, source: str):
        self.source = source
        self.issues: list[Issue] = []

    def add(self, where: str, ko: str, en: str) -> None:
        self.issues.append(Issue(f"{self.source}: {where}" if where else self.source, ko, en))

    def optional_text(self, value: object, where: str) -> dict[str, str] | None:
        return None if value is None else self.text(value, where)

    def text(self, value: object, where: str) -> dict[str, str]:
        if not isinstance(value, dict):
            self.add(where, "한국어(ko)와 영어(en) 문구가 필요합니다",
                     "needs Korean (ko) and English (en) text")
            return {"ko": "", "en": ""}
        for lang in ("ko", "en"):
            v = value.get(lang)
            if not isinstance(v, str) or not v.strip():
                name = "한국어" if lang == "ko" else "영어"
                self.add(f"{where}.{lang}", f"{name} 문구가 없습니다",
                         f"{'Korean' if lang == 'ko' else 'English'} text is missing")
        for k in value:
            if k not in ("ko", "en"):
                self.add(f"{where}.{k}", "ko와 en 외의 언어 키는 쓸 수 없습니다",
                         "only ko and en keys are allowed")
        return {lang: str(value.get(lang) or "") for lang in ("ko", "en")}

    def ident(self, value: object, where: str, what_ko: str, what_en: str) -> str:
        if not isinstance(value, str) or not ID.fullmatch(value):
            self.add(where, f"{what_ko} id는 영문 소문자로 시작하고 소문자·숫자·_만 쓸 수 있습니다"
                     f" ({value!r})",
                     f"{what_en} id must start with a-z and use only a-z, 0-9 and _ ({value!r})")
            return str(value)
        return value

    def keys(self, data: dict, allowed: set[str], where: str) -> None:
        for k in data:
            if k not in allowed:
                self.add(f"{where}.{k}", f"알 수 없는 설정 '{k}'", f"unknown key '{k}'")

    def expr(self, source: object, where: str) -> str | None:
        if source is None:
            return None
        if not isinstance(source, str):
            self.add(where, "조건식은 문자열이어야 합니다", "expression must be a string")
            return None
        try:
            parse(source)
        except ExprError as e:
            self.add(where, f"조건식 오류: {e.message_ko}", f"expression error: {e.message_en}")
        return source


def _plain(value: object) -> object:
    """YAML turns 2024-01-01 into a date; the model keeps JSON-like values only."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _choices(data: object, where: str, c: _Ctx) -> list[Choice]:
    if not isinstance(data, list) or not data:
        c.add(where, "선택지 목록이 비어 있거나 목록이 아닙니다", "choices must be a non-empty list")
        return []
    out: list[Choice] = []
    seen: set[str] = set()
    for i, item in enumerate(data):
        at = f"{where}[{i}]"
        if not isinstance(item, dict):
            c.add(at, "선택지는 id와 label이 있어야 합니다", "a choice needs id and label")
            continue
        c.keys(item, {"id", "label"}, at)
        cid = c.ident(item.get("id"), f"{at}.id", "선택지", "choice")
        if cid in seen:
            c.add(at, f"선택지 id '{cid}'가 중복됩니다", f"duplicate choice id '{cid}'")
        seen.add(cid)
        out.append(Choice(cid, c.text(item.get("label"), f"{where}.{cid}.label")))
    return out


def parse_choice_lists(data: object, source: str) -> tuple[dict[str, list[Choice]], list[Issue]]:
    c = _Ctx(source)
    lists: dict[str, list[Choice]] = {}
    if not isinstance(data, dict):
        c.add("", "공유 선택지 파일은 '목록 이름: [선택지...]' 형식이어야 합니다",
              "shared choices must map list names to lists of choices")
        return lists, c.issues
    for name, items in data.items():
        name = c.ident(name, str(name), "선택지 목록", "choice list")
        lists[name] = _choices(items, name, c)
    return lists, c.issues


def _int(value: object, where: str, c: _Ctx, minimum: int = 0) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        c.add(where, f"{minimum} 이상의 정수여야 합니다", f"must be an integer >= {minimum}")
        return None
    return value


def _field(data: object, where: str, c: _Ctx, lists: dict[str, list[Choice]],
           in_group: bool) -> FieldDef | None:
    if not isinstance(data, dict):
        c.add(where, "항목 정의는 설정 묶음이어야 합니다", "a field must be a mapping")
        return None
    fid = c.ident(data.get("id"), f"{where}.id", "항목", "field")
    at = fid if not in_group else where
    c.keys(data, FIELD_KEYS, at)
    ftype = data.get("type")
    ft = TYPES.get(ftype) if isinstance(ftype, str) else None
    if ft is None or not isinstance(ftype, str):
        c.add(f"{at}.type", f"알 수 없는 항목 유형 {ftype!r}", f"unknown field type {ftype!r}")
        return None
    cls = data.get("classification", "sensitive")
    if cls not in CLASSIFICATIONS:
        c.add(f"{at}.classification", f"분류는 {', '.join(CLASSIFICATIONS)} 중 하나여야 합니다",
              f"classification must be one of {', '.join(CLASSIFICATIONS)}")
    f = FieldDef(id=fid, type=ftype, label=c.text(data.get("label"), f"{at}.label"),
                 help=c.optional_text(data.get("help"), f"{at}.help"),
                 classification=cls if cls in CLASSIFICATIONS else "sensitive")

    def allowed(key: str, ok: bool, ko: str, en: str) -> None:
        if data.get(key) is not None and not ok:
            c.add(f"{at}.{key}", ko, en)

    for flag in ("required", "unique", "ref_same_case"):
        v = data.get(flag, False)
        if not isinstance(v, bool):
            c.add(f"{at}.{flag}", "true 또는 false여야 합니다", "must be true or false")
        setattr(f, flag, v is True)
    allowed("unique", in_group, "unique는 반복 그룹 안의 항목에만 쓸 수 있습니다",
            "unique is only for fields inside a repeat group")
    if data.get("required") and ft.stored == "computed":
        c.add(f"{at}.required", "계산 항목은 필수일 수 없습니다", "a computed field cannot be required")
    f.visible_if = c.expr(data.get("visible_if"), f"{at}.visible_if")
    f.required_if = c.expr(data.get("required_if"), f"{at}.required_if")
    f.compute = c.expr(data.get("compute"), f"{at}.compute")
    if "compute" in ft.settings and not f.compute:
        c.add(f"{at}.compute", "계산 항목에는 compute 식이 필요합니다", "computed field needs compute")
    allowed("compute", "compute" in ft.settings, "compute는 계산 항목에만 쓸 수 있습니다",
            "compute is only for computed fields")
    # Choices: inline, from a shared list, or implicit for ageband/district.
    takes_choices = ft.choices != "none"
    list_name = data.get("choices_from") or ft.shared_list
    if ft.shared_list is not None and data.get("choices") is not None:
        c.add(f"{at}.choices", "이 유형은 공유 선택지를 쓰므로 choices를 쓸 수 없습니다",
              "this type uses its shared choice list; choices are not allowed")
    if data.get("choices") is not None and data.get("choices_from") is not None:
        c.add(at, "choices와 choices_from 중 하나만 쓸 수 있습니다",
              "use either choices or choices_from, not both")
    if not takes_choices:
        allowed("choices", False, "이 유형에는 선택지가 없습니다", "this type has no choices")
        allowed("choices_from", False, "이 유형에는 선택지가 없습니다", "this type has no choices")
    elif data.get("choices") is not None:
        f.choices = _choices(data["choices"], f"{at}.choices", c)
    elif list_name is not None:
        f.choices_from = list_name
        if list_name not in lists:
            c.add(f"{at}.choices_from", f"공유 선택지 목록 '{list_name}'이(가) 없습니다",
                  f"no shared choice list '{list_name}'")
        else:
            f.choices = list(lists[list_name])
    elif ft.choices != "labels":  # a computed field's labels are optional
        c.add(at, "선택 항목에는 choices 또는 choices_from이 필요합니다",
              "a choice field needs choices or choices_from")
    # Limits.
    numeric = ft.limits == "number"
    for key in ("min", "max"):
        v = _plain(data.get(key))
        if v is None:
            continue
        if numeric and (isinstance(v, bool) or not isinstance(v, (int, float))):
            c.add(f"{at}.{key}", "숫자여야 합니다", "must be a number")
        elif ft.limits == "date" and not (v == "today" or _is_iso_date(v)):
            c.add(f"{at}.{key}", "'today' 또는 YYYY-MM-DD 날짜여야 합니다",
                  "must be 'today' or a YYYY-MM-DD date")
        elif ft.limits is None:
            c.add(f"{at}.{key}", "min/max는 숫자·날짜 항목에만 쓸 수 있습니다",
                  "min/max are only for number and date fields")
        setattr(f, key, v)
    text = "min_length" in ft.settings
    f.min_length = _int(data.get("min_length"), f"{at}.min_length", c)
    f.max_length = _int(data.get("max_length"), f"{at}.max_length", c, 1)
    allowed("min_length", text, "글자 수 제한은 글 항목에만 쓸 수 있습니다",
            "length limits are only for text fields")
    allowed("max_length", text, "글자 수 제한은 글 항목에만 쓸 수 있습니다",
            "length limits are only for text fields")
    f.min_items = _int(data.get("min_items"), f"{at}.min_items", c)
    f.max_items = _int(data.get("max_items"), f"{at}.max_items", c, 1)
    counted = "min_items" in ft.settings
    allowed("min_items", counted, "개수 제한은 반복 그룹과 다중 선택에만 쓸 수 있습니다",
            "item limits are only for groups and multiple choice")
    allowed("max_items", counted, "개수 제한은 반복 그룹과 다중 선택에만 쓸 수 있습니다",
            "item limits are only for groups and multiple choice")
    for lo, hi in (("min", "max"), ("min_length", "max_length"), ("min_items", "max_items")):
        a, b = getattr(f, lo), getattr(f, hi)
        if isinstance(a, (int, float)) and isinstance(b, (int, float)) and a > b:
            c.add(at, f"{lo}가 {hi}보다 큽니다", f"{lo} is greater than {hi}")
    pattern = data.get("pattern")
    if pattern is not None:
        allowed("pattern", text, "pattern은 글 항목에만 쓸 수 있습니다",
                "pattern is only for text fields")
        try:
            re.compile(pattern)
            f.pattern = pattern
        except (re.error, TypeError) as e:
            c.add(f"{at}.pattern", f"정규식 오류: {e}", f"invalid regular expression: {e}")
    # References.
    f.ref_form = data.get("ref_form")
    if "ref_form" in ft.settings:
        if not isinstance(f.ref_form, str):
            c.add(f"{at}.ref_form", "참조 항목에는 ref_form(서식 id)이 필요합니다",
                  "a reference needs ref_form (a form id)")
    for key in ("ref_form", "ref_same_case", "consent_covers", "consent_purposes"):
        allowed(key, key in ft.settings, f"{key}는 참조 항목에만 쓸 수 있습니다",
                f"{key} is only for reference fields")
    f.consent_covers = data.get("consent_covers")
    purposes = data.get("consent_purposes") or []
    if not isinstance(purposes, list) or not all(isinstance(p, str) for p in purposes):
        c.add(f"{at}.consent_purposes", "목적 id의 목록이어야 합니다",
              "must be a list of purpose ids")
        purposes = []
    f.consent_purposes = purposes
    # Groups.
    if in_group and not ft.in_groups:
        c.add(at, f"'{ftype}' 항목은 반복 그룹 안에 둘 수 없습니다",
              f"a '{ftype}' field cannot be inside a repeat group")
    if "fields" in ft.settings:
        children, seen = data.get("fields"), set()
        if not isinstance(children, list) or not children:
            c.add(f"{at}.fields", "반복 그룹에는 항목 목록이 필요합니다", "a group needs fields")
            children = []
        for i, child in enumerate(children):
            cf = _field(child, f"{fid}[].{_child_id(child, i)}", c, lists, True)
            if cf is None:
                continue
            if cf.id in seen:
                c.add(f"{fid}[].{cf.id}", "그룹 안에서 항목 id가 중복됩니다",
                      "duplicate field id in the group")
            seen.add(cf.id)
            f.fields.append(cf)
    elif data.get("fields") is not None:
        c.add(f"{at}.fields", "하위 항목은 반복 그룹에만 쓸 수 있습니다",
              "sub-fields are only for groups")
    if ft.stored == "file" and data.get("example") is not None:
        c.add(f"{at}.example", "첨부·서명 항목에는 예시 값을 둘 수 없습니다",
              "attachment and signature fields have no example value")
    f.example = _plain(data.get("example"))
    return f


def _child_id(child: object, i: int) -> str:
    return str(child.get("id", f"#{i}")) if isinstance(child, dict) else f"#{i}"


def _is_iso_date(v: object) -> bool:
    try:
        return isinstance(v, str) and len(v) == 10 and date.fromisoformat(v) is not None
    except ValueError:
        return False


def _migration(data: object, version: int, c: _Ctx) -> Migration | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        c.add("migration", "migration은 설정 묶음이어야 합니다", "migration must be a mapping")
        return None
    c.keys(data, {"from_version", "steps"}, "migration")
    if data.get("from_version") != version - 1:
        c.add("migration.from_version", f"이전 버전({version - 1})이어야 합니다",
              f"must be the previous version ({version - 1})")
    steps: list[MigrationStep] = []
    for i, item in enumerate(data.get("steps") or []):
        at = f"migration.steps[{i}]"
        if not isinstance(item, dict) or len(item) != 1 or next(iter(item)) not in STEP_OPS:
            c.add(at, f"단계는 {', '.join(sorted(STEP_OPS))} 중 하나여야 합니다",
                  f"a step must be one of {', '.join(sorted(STEP_OPS))}")
            continue
        op, arg = next(iter(item.items()))
        arg = _plain(arg)
        if op == "drop" and isinstance(arg, str):
            steps.append(MigrationStep("drop", arg))
        elif op == "rename" and isinstance(arg, dict) and {"from", "to"} == set(arg):
            steps.append(MigrationStep("rename", str(arg["from"]), to=str(arg["to"])))
        elif op == "map_choices" and isinstance(arg, dict) and {"field", "map"} == set(arg) \
                and isinstance(arg["map"], dict):
            steps.append(MigrationStep("map_choices", str(arg["field"]),
                                       mapping={str(k): str(v) for k, v in arg["map"].items()}))
        elif op == "set_default" and isinstance(arg, dict) and {"field", "value"} == set(arg):
            steps.append(MigrationStep("set_default", str(arg["field"]), value=arg["value"]))
        elif op == "make_rows" and (step := _make_rows(arg)) is not None:
            steps.append(step)
        else:
            c.add(at, f"'{op}' 단계의 설정이 올바르지 않습니다", f"malformed '{op}' step")
    return Migration(from_version=version - 1, steps=steps)


def _make_rows(arg: object) -> MigrationStep | None:
    """`make_rows: {group, for_each?, if_present?, columns: {column: source}}`: None when
    malformed. A source is one of {from: field}, {value: literal}, {item: true} (the
    `for_each` item), {number: true} (its position, from 1)."""
    if not isinstance(arg, dict) or not {"group", "columns"} <= set(arg) \
            or not set(arg) <= {"group", "for_each", "if_present", "columns"}:
        return None
    columns = arg["columns"]
    if not isinstance(columns, dict) or not columns:
        return None
    for src in columns.values():
        if not isinstance(src, dict) or len(src) != 1 or next(iter(src)) not in COLUMN_SOURCES:
            return None
        if ("item" in src or "number" in src) and not arg.get("for_each"):
            return None
    return MigrationStep("make_rows", str(arg["group"]),
                         for_each=str(arg["for_each"]) if arg.get("for_each") else None,
                         if_present=str(arg["if_present"]) if arg.get("if_present") else None,
                         columns={str(k): v for k, v in columns.items()})


def parse_form(data: object, source: str,
               lists: dict[str, list[Choice]]) -> tuple[FormDef | None, list[Issue]]:
    c = _Ctx(source)
    if not isinstance(data, dict):
        c.add("", "서식 파일은 설정 묶음이어야 합니다", "a form file must be a mapping")
        return None, c.issues
    c.keys(data, FORM_KEYS, "form")
    fid = c.ident(data.get("id"), "id", "서식", "form")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        c.add("version", "버전은 1 이상의 정수여야 합니다", "version must be an integer >= 1")
        version = 0
    case_bound = data.get("case_bound")
    if not isinstance(case_bound, bool):
        c.add("case_bound", "case_bound(사례 연결 여부)는 true 또는 false여야 합니다",
              "case_bound must be true or false")
    form = FormDef(id=fid, version=version, title=c.text(data.get("title"), "title"),
                   description=c.text(data.get("description"), "description"),
                   case_bound=case_bound is not False, sections=[], source=source)
    seen_sections: set[str] = set()
    seen_fields: set[str] = set()
    sections = data.get("sections")
    if not isinstance(sections, list) or not sections:
        c.add("sections", "섹션 목록이 필요합니다", "needs a list of sections")
        sections = []
    for i, sdata in enumerate(sections):
        if not isinstance(sdata, dict):
            c.add(f"sections[{i}]", "섹션은 설정 묶음이어야 합니다", "a section must be a mapping")
            continue
        sid = c.ident(sdata.get("id"), f"sections[{i}].id", "섹션", "section")
        c.keys(sdata, SECTION_KEYS, f"section {sid}")
        if sid in seen_sections:
            c.add(f"section {sid}", "섹션 id가 중복됩니다", "duplicate section id")
        seen_sections.add(sid)
        section = Section(sid, c.text(sdata.get("title"), f"section {sid}.title"))
        fields = sdata.get("fields")
        if not isinstance(fields, list) or not fields:
            c.add(f"section {sid}.fields", "섹션에 항목이 없습니다", "the section has no fields")
            fields = []
        for j, fdata in enumerate(fields):
            f = _field(fdata, f"section {sid}.fields[{j}]", c, lists, False)
            if f is None:
                continue
            if f.id in seen_fields:
                c.add(f.id, "항목 id가 서식 안에서 중복됩니다", "duplicate field id in the form")
            seen_fields.add(f.id)
            section.fields.append(f)
        form.sections.append(section)
    seen_checks: set[str] = set()
    for i, cdata in enumerate(data.get("checks") or []):
        at = f"checks[{i}]"
        if not isinstance(cdata, dict):
            c.add(at, "검사는 설정 묶음이어야 합니다", "a check must be a mapping")
            continue
        c.keys(cdata, CHECK_KEYS, at)
        cid = c.ident(cdata.get("id"), f"{at}.id", "검사", "check")
        if cid in seen_checks:
            c.add(at, f"검사 id '{cid}'가 중복됩니다", f"duplicate check id '{cid}'")
        seen_checks.add(cid)
        if not isinstance(cdata.get("expr"), str):
            c.add(f"{at}.expr", "검사에는 expr 식이 필요합니다", "a check needs an expr")
        form.checks.append(Check(cid, c.expr(cdata.get("expr"), f"{at}.expr") or "",
                                 c.text(cdata.get("message"), f"check {cid}.message"),
                                 str(cdata.get("at") or "")))
    form.migration = _migration(data.get("migration"), version, c)
    return form, c.issues
