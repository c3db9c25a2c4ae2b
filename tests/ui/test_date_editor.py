"""Issue 12, dates as a worker meets them: a date can be cleared (button, Delete or
Backspace), the wheel changes nothing unless the field has focus (one notch over an empty
date set 1801-01-01), the calendar opens at today or, for a birth date, about 15 years ago
(never January 1800), typed `2011-03-04`, `2011.3.4` and `20110304` are kept (an invalid
date is kept too and says so at the field), and Tab always moves on."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from forms import load_registry
from tests.ui.helpers import type_text
from ui.form_view import FormView

REGISTRY = load_registry()


@pytest.fixture
def consent(qtbot, qapp):
    view = FormView(REGISTRY.latest("consent"))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def _wheel(widget, up: bool = True) -> None:
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    ev = QWheelEvent(pos, widget.mapToGlobal(pos), QPoint(0, 0), QPoint(0, 120 if up else -120),
                     Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                     Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, ev)


def _type(qtbot, editor, text: str) -> None:
    target = editor.focus_target()
    target.setFocus()
    if isinstance(target, QLineEdit):
        target.selectAll()
    type_text(qtbot, target, text)
    qtbot.keyClick(target, Qt.Key.Key_Tab)


def test_a_set_date_can_be_cleared_by_button_and_by_keys(consent, qtbot):
    ed = consent.rows["consent_date"].editor
    ed.set_value("2026-03-04")
    qtbot.mouseClick(ed.clear_button, Qt.MouseButton.LeftButton)
    assert ed.value() is None
    for key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
        ed.set_value("2026-03-04")
        ed.focus_target().setFocus()
        qtbot.keyClick(ed.focus_target(), key)
        assert ed.value() is None, key


def test_the_wheel_changes_nothing_unless_focused(consent, qtbot):
    ed = consent.rows["birth_date"].editor
    consent.rows["consent_date"].editor.focus_target().setFocus()
    _wheel(ed.focus_target())
    assert ed.value() is None  # was 1801-01-01
    ed.set_value("2011-03-04")
    _wheel(ed.focus_target())
    assert ed.value() == "2011-03-04"
    ed.focus_target().setFocus()
    _wheel(ed.focus_target(), up=True)
    assert ed.value() == "2011-03-05"


def test_the_calendar_opens_at_a_sensible_date(consent, qtbot):
    today = date.today()
    plain = consent.rows["valid_from"].editor
    plain.open_calendar()
    cal = plain.calendar()
    assert (cal.yearShown(), cal.monthShown()) == (today.year, today.month)
    plain.close_calendar()
    birth = consent.rows["birth_date"].editor
    birth.open_calendar()
    assert birth.calendar().yearShown() == today.year - 15
    birth.close_calendar()
    birth.set_value("2011-03-04")
    birth.open_calendar()
    assert (birth.calendar().yearShown(), birth.calendar().monthShown()) == (2011, 3)
    birth.close_calendar()


def test_a_date_picked_in_the_calendar_is_the_value(consent, qtbot):
    ed = consent.rows["valid_until"].editor
    ed.open_calendar()
    cal = ed.calendar()
    picked = cal.selectedDate().addDays(3)
    cal.setSelectedDate(picked)
    cal.activated.emit(picked)
    assert ed.value() == picked.toString("yyyy-MM-dd")
    assert not cal.isVisible()


@pytest.mark.parametrize("typed", ["2011-03-04", "2011.3.4", "20110304", "2011. 3. 4.",
                                   "2011/03/04"])
def test_typed_dates_are_kept(consent, qtbot, typed):
    ed = consent.rows["birth_date"].editor
    _type(qtbot, ed, typed)
    assert ed.value() == "2011-03-04"
    assert not consent.rows["birth_date"].notice.isVisibleTo(consent)


def test_a_date_in_the_english_locale_order_is_kept(consent, qtbot, lang):
    lang("en")
    ed = consent.rows["consent_date"].editor
    _type(qtbot, ed, "3/4/2011")
    assert ed.value() == "2011-03-04"


def test_an_invalid_typed_date_is_kept_and_explained(consent, qtbot, lang):
    lang("en")
    ed = consent.rows["birth_date"].editor
    _type(qtbot, ed, "2011-13-45")
    assert ed.value() == "2011-13-45"  # never silently dropped: validation refuses it too
    row = consent.rows["birth_date"]
    assert row.notice.isVisibleTo(consent)
    assert "2011-13-45" in row.notice.text() and "2011-03-04" in row.notice.text()
    _type(qtbot, ed, "2011-03-04")
    assert not row.notice.isVisibleTo(consent)


def test_tab_moves_on_from_an_empty_birth_date(consent, qtbot):
    target = consent.rows["birth_date"].editor.focus_target()
    target.setFocus()
    qtbot.waitUntil(target.hasFocus)
    qtbot.keyClick(target, Qt.Key.Key_Tab)
    focus = QApplication.focusWidget()
    assert focus is not None and focus is not target
    assert not consent.rows["birth_date"].editor.isAncestorOf(focus)
