"""The field-type registry (forms/field_types.py) is complete and is the one place a type's
behaviour is decided: every type has a sample that parses, validates and displays as
expected in both languages, the demo drawer and the docs know every type, and no code of
the forms package compares type names outside the registry."""
from __future__ import annotations

import ast
import random
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from forms import load_registry
from forms.display import ShownGroup, display_sections, shown_fields
from forms.display_text import DisplayContext, format_datetime
from forms.fake_draw import DRAWERS
from forms.field_types import TYPES, display_value, field_type
from forms.model import FieldDef

ROOT = Path(__file__).resolve().parents[3]
TODAY = date(2026, 3, 10)


def _choice(f: FieldDef) -> tuple:
    c = f.choices[0]
    return c.id, c.label["ko"], c.label["en"], "no_such_choice"


# type -> field -> (a valid stored value, ko text, en text, a value the type refuses or None)
SAMPLES: dict[str, Callable[[FieldDef], tuple]] = {
    "text": lambda f: ("가명 메모", "가명 메모", "가명 메모", 12),
    "longtext": lambda f: ("긴 글\n둘째 줄", "긴 글\n둘째 줄", "긴 글\n둘째 줄", ["x"]),
    "integer": lambda f: (3, "3", "3", 1.5),
    "decimal": lambda f: (4.25, "4.25", "4.25", "4.25"),
    "date": lambda f: ("2026-03-04", "2026년 3월 4일", "4 March 2026", "2026-02-30"),
    "time": lambda f: ("14:30", "14:30", "14:30", "25:00"),
    "datetime": lambda f: ("2026-03-04T09:05", "2026년 3월 4일 09:05", "4 March 2026, 09:05",
                           "2026-03-04 09:05"),
    "choice": _choice,
    "multichoice": lambda f: ([f.choices[0].id, f.choices[1].id],
                              f"{f.choices[0].label['ko']}, {f.choices[1].label['ko']}",
                              f"{f.choices[0].label['en']}, {f.choices[1].label['en']}",
                              [f.choices[0].id, f.choices[0].id]),
    "yesno": lambda f: (True, "예", "Yes", "yes"),
    "phone": lambda f: ("010-0000-1234", "010-0000-1234", "010-0000-1234", "12345"),
    "email": lambda f: ("gamyeong@example.org", "gamyeong@example.org",
                        "gamyeong@example.org", "not an address"),
    "birthdate": lambda f: ("2010-05-17", "2010년 5월 17일", "17 May 2010", "2099-01-01"),
    "ageband": lambda f: ("age_14_16", "만 14~16세", "14-16", "age_200"),
    "district": lambda f: ("gwanak", "관악구", "Gwanak-gu", "atlantis"),
    # Files are not record values: their display is the caller's list of files.
    "attachment": lambda f: (None, "", "", None),
    "signature": lambda f: (None, "", "", None),
    "group": lambda f: ([{}], "1건", "1 row", None),
    # A computed value's text follows its shape (here yes/no of "minor", "guardian").
    "computed": lambda f: (True, "예", "Yes", None),
    "reference": lambda f: ("consent:example", "consent:example", "consent:example",
                            "not an id!"),
}


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def a_field_of(registry, type_name: str) -> FieldDef:
    for form in registry.all_latest():
        for _path, f in form.fields():
            if f.type == type_name and (type_name != "computed" or not f.choices):
                return f
    raise AssertionError(f"no shipped form has a {type_name!r} field")


def test_every_type_has_a_sample_here():
    assert set(SAMPLES) == set(TYPES)


def test_every_type_is_used_by_the_shipped_forms(registry):
    """The export test renders every shipped form: that covers every type only if each
    type is used somewhere."""
    used = {f.type for form in registry.all_latest() for _p, f in form.fields()}
    assert used == set(TYPES)


@pytest.mark.parametrize("type_name", sorted(TYPES))
def test_sample_parses_validates_and_displays(registry, type_name):
    f = a_field_of(registry, type_name)
    ft = field_type(f)
    value, ko, en, bad = SAMPLES[type_name](f)
    assert display_value(f, value, DisplayContext("ko")) == ko
    assert display_value(f, value, DisplayContext("en")) == en
    assert display_value(f, None, DisplayContext("ko")) == ""
    if ft.stored == "value":
        assert ft.parse(value) is not None
        assert ft.check(f, value, TODAY) == []
        assert ft.check(f, bad, TODAY), f"{type_name} accepted {bad!r}"
        quick = ft.quick(f)
        assert quick is None or (quick(value) and not quick(bad))


def test_odd_values_are_shown_as_they_are(registry):
    """A stored value without its type's shape (an old or hand-edited record) is shown,
    not hidden and not an error."""
    for type_name in TYPES:
        f = a_field_of(registry, type_name)
        for odd in ("not a date", 7, {"a": 1}):
            assert isinstance(display_value(f, odd, DisplayContext("en")), str)
    assert display_value(a_field_of(registry, "date"), "3/4/2026", DisplayContext()) == \
        "3/4/2026"


def test_reference_shows_its_label_when_known(registry):
    f = a_field_of(registry, "reference")
    ctx = DisplayContext("ko", {"rec-1": "2. 동의서 (2026년 3월 1일)"})
    assert display_value(f, "rec-1", ctx) == "2. 동의서 (2026년 3월 1일)"


def test_datetimes_name_an_offset_other_than_koreas():
    kst = datetime(2026, 3, 4, 9, 5, tzinfo=timezone(timedelta(hours=9)))
    assert format_datetime(kst, "ko") == "2026년 3월 4일 09:05"
    utc = datetime(2026, 3, 4, 0, 5, 30, tzinfo=UTC)
    assert format_datetime(utc, "en") == "4 March 2026, 00:05:30 (UTC+00:00)"


def test_the_demo_drawer_draws_every_type_a_record_holds(registry):
    assert set(DRAWERS) == {name for name, t in TYPES.items() if t.in_record}
    rng = random.Random(7)
    for type_name in DRAWERS:
        from forms.fake_draw import _Draw

        f = a_field_of(registry, type_name)
        d = _Draw(registry.latest("intake"), rng, TODAY, {}, {})
        assert d.value(f) is not None or f.pattern


def test_docs_list_every_type():
    docs = (ROOT / "docs" / "forms.md").read_text(encoding="utf-8")
    table = docs.split("### Field types and how values are stored", 1)[1].split("##", 1)[0]
    listed = set(re.findall(r"`([a-z]+)`", table.split("\n|", 2)[2]))
    assert set(TYPES) <= listed


# -- the display of a whole record ---------------------------------------------------------
INTAKE = {"intake_date": "2026-03-01", "client_name": "홍길순", "birth_date": "2010-05-17",
          "contact_phone": "010-0000-9876", "immediate_danger": False}


def test_display_shows_computed_fields_with_their_labels(registry):
    form = registry.latest("intake")
    ko = {s.label: s.text for s in shown_fields(display_sections(form, INTAKE, "ko"))}
    assert ko["연령대"] == "만 14~16세"                 # age_band(birth_date, intake_date)
    assert ko["아동·청소년(만 19세 미만)"] == "예"
    assert ko["상담일"] == "2026년 3월 1일" and ko["생년월일"] == "2010년 5월 17일"
    en = {s.label: s.text for s in shown_fields(display_sections(form, INTAKE, "en"))}
    assert en["Age band"] == "14-16" and en["Minor (under 19)"] == "Yes"
    assert en["Intake date"] == "1 March 2026"


def test_display_leaves_out_empty_fields_and_sections_and_keeps_order(registry):
    form = registry.latest("intake")
    sections = display_sections(form, {"client_name": "홍길순"}, "ko")
    assert [s.id for s in sections] == ["client"]
    assert [f.label for f in shown_fields(sections)] == ["이름(가명 가능)"]
    assert shown_fields(sections)[0].identifying and shown_fields(sections)[0].copyable


def test_display_of_groups_and_files(registry):
    incident = registry.latest("incident")
    values = {"offenders": [{"alias": "닉네임", "platform": "telegram"}, {"notes": "메모"}]}
    (group,) = [i for s in display_sections(incident, values, "ko") for i in s.items]
    assert isinstance(group, ShownGroup)
    assert [r.index for r in group.rows] == [0, 1]
    assert [(c.path, c.text) for c in group.rows[0].cells] == [
        ("offenders[0].alias", "닉네임"), ("offenders[0].platform", "텔레그램")]
    evidence = registry.latest("evidence")
    none = display_sections(evidence, {}, "ko", has_files=lambda path: False)
    assert none == []
    (files,) = shown_fields(display_sections(evidence, {}, "ko",
                                             has_files=lambda path: path == "attachment"))
    assert (files.path, files.layout, files.text) == ("attachment", "files", "")


# -- no type names compared outside the registry ---------------------------------------------
def _type_comparisons(path: Path) -> list[str]:
    """`x.type == "date"` / `f.type in (...)`: a decision about one type made elsewhere."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(s, ast.Attribute) and s.attr == "type" for s in sides):
                out.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return out


@pytest.mark.parametrize("path", sorted(
    [*(ROOT / "forms").glob("*.py"), ROOT / "desktop/export/records.py",
     ROOT / "desktop/export/activity.py", ROOT / "desktop/export/redaction.py"]
    + [ROOT / "ui" / n for n in ("field_editors.py", "date_editors.py", "file_field_editors.py",
                                 "group_editor.py", "field_row.py", "form_view.py",
                                 "record_view.py", "editor_table.py")]),
    ids=lambda p: p.name)
def test_no_type_name_comparisons_outside_the_registry(path):
    assert _type_comparisons(path) == []
