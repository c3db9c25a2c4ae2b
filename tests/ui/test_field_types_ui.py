"""The UI side of the field-type registry: every type has an editor in the one table, each
editor gives back the value it was given, and the read-only view shows computed fields
(age band, minor) with their labels and dates written out, as the PDF does."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFormLayout

from forms import load_registry
from forms.field_types import TYPES, field_type
from ui.editor_table import EDITORS, make_editor

REGISTRY = load_registry()


def a_field_of(type_name: str):
    return next(f for form in REGISTRY.all_latest() for _p, f in form.fields()
                if f.type == type_name)


def sample(f):
    """A stored value of the field's type, as the editor should give it back."""
    choices = [c.id for c in f.choices]
    return {
        "text": "가명 메모", "longtext": "긴 글\n둘째 줄", "integer": 3, "decimal": 4.25,
        "date": "2026-03-04", "time": "14:30", "datetime": "2026-03-04T09:05",
        "choice": choices[:1] and choices[0], "multichoice": choices[:2], "yesno": False,
        "phone": "010-0000-1234", "email": "gamyeong@example.org",
        "birthdate": "2010-05-17", "ageband": "age_14_16", "district": "gwanak",
        "reference": "rec-consent-1",
        "group": [{c.id: "가명" for c in f.fields if c.type == "text"}],
    }[f.type]


def test_every_registry_type_has_an_editor():
    assert set(EDITORS) == set(TYPES)


@pytest.mark.parametrize("type_name", sorted(TYPES))
def test_each_type_gets_an_editor_that_round_trips(qtbot, type_name):
    f = a_field_of(type_name)
    editor = make_editor(f)
    qtbot.addWidget(editor)
    if not field_type(f).in_record:
        assert editor.value() is None          # files and computed values are never input
        return
    value = sample(f)
    editor.set_value(value)
    assert editor.value() == value
    editor.set_value(None)
    assert editor.value() in (None, [])


INTAKE = {"intake_date": "2026-03-01", "channel": "phone", "client_name": "홍길순",
          "birth_date": "2010-05-17", "contact_phone": "010-0000-9876",
          "immediate_danger": False}


class _Record:
    values = INTAKE


def _shown(view) -> dict[str, str]:
    """Label -> value text of every row of the view."""
    out = {}
    for form in view.findChildren(QFormLayout):
        for i in range(form.rowCount()):
            label = form.itemAt(i, QFormLayout.ItemRole.LabelRole)
            value = form.itemAt(i, QFormLayout.ItemRole.FieldRole)
            if label is not None and value is not None and hasattr(value.widget(), "text"):
                out[label.widget().text()] = value.widget().text
    return out


@pytest.mark.parametrize("ui_lang, expected", [
    ("ko", {"연령대": "만 14~16세", "아동·청소년(만 19세 미만)": "예",
            "상담일": "2026년 3월 1일", "생년월일": "2010년 5월 17일"}),
    ("en", {"Age band": "14-16", "Minor (under 19)": "Yes", "Intake date": "1 March 2026",
            "Date of birth": "17 May 2010"}),
])
def test_record_view_shows_computed_fields_and_written_out_dates(qtbot, lang, tmp_path,
                                                                ui_lang, expected):
    from ui.record_view import RecordView

    lang(ui_lang)
    view = RecordView(REGISTRY.latest("intake"), _Record(), [], privacy=False)
    qtbot.addWidget(view)
    view.resize(640, 900)
    shown = _shown(view)
    for label, text in expected.items():
        assert shown.get(label) == text, (label, shown)
    assert view.grab().save(str(tmp_path / f"record-view-{ui_lang}.png"))


def test_form_view_shows_computed_values_as_the_record_view_does(qtbot, lang):
    from ui.form_view import FormView

    lang("ko")
    view = FormView(REGISTRY.latest("intake"))
    qtbot.addWidget(view)
    view.set_values(INTAKE)
    assert view.rows["age_band"].editor.label.text() == "만 14~16세"
    assert view.rows["is_minor"].editor.label.text() == "예"
    assert "age_band" not in view.values() and "is_minor" not in view.values()
