"""Issue 12: a new consent in a case starts from the case's intake (the person's name, birth
date, or the under-14 answer from the age band) and from the guardian named in the case's
last consent; "guardian consent needed" reads "not known yet" until an age is known."""
from __future__ import annotations

from datetime import date

from forms import load_registry
from forms.examples import example
from tests.ui.helpers import WAIT_MS, unlock, wait_idle
from ui import i18n
from ui.form_view import FormView

REGISTRY = load_registry()


def _years_ago(n: int) -> str:
    t = date.today()
    return t.replace(year=t.year - n, day=min(t.day, 28)).isoformat()


def test_guardian_need_is_not_known_before_any_age(qtbot):
    i18n.install("en")
    view = FormView(REGISTRY.latest("consent"))
    qtbot.addWidget(view)
    view.rows["consent_date"].editor.set_value(date.today().isoformat())
    view.refresh()
    shown = view.rows["needs_guardian"].editor.label.text()
    assert shown == "not known yet"
    view.rows["birth_date"].editor.set_value(_years_ago(10))
    view.refresh()
    assert view.rows["needs_guardian"].editor.label.text() == "Yes"
    view.rows["birth_date"].editor.set_value(_years_ago(30))
    view.refresh()
    assert view.rows["needs_guardian"].editor.label.text() == "No"


def _save(ctrl, qtbot, form_id, values, case):
    session, done = ctrl.session, []
    session.submit(lambda v: session.records(v).create(form_id, values, case=case),
                   done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT_MS)


def test_a_new_consent_starts_from_the_intake(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    intake = {**example("intake"), "client_name": "김아동", "birth_date": _years_ago(11)}
    _save(ctrl, qtbot, "intake", intake, "CASE-A")
    main.open_editor("consent", "CASE-A")
    view = main.editor.view
    qtbot.waitUntil(lambda: view.rows["subject_name"].editor.value() == "김아동",
                    timeout=WAIT_MS)
    assert view.rows["birth_date"].editor.value() == intake["birth_date"]
    assert view.rows["needs_guardian"].editor.label.text() == "Yes"
    assert view.rows["guardian_name"].is_visible()
    assert "from the case's intake" in view.rows["subject_name"].note.text().lower()
    assert "intake" in view.rows["birth_date"].note.text()
    assert not main.editor.dirty


def test_an_age_band_under_14_answers_the_under_14_question(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    intake = {**example("intake"), "age_band_reported": "age_10_13"}
    del intake["birth_date"]
    _save(ctrl, qtbot, "intake", intake, "CASE-B")
    main.open_editor("consent", "CASE-B")
    view = main.editor.view
    qtbot.waitUntil(lambda: view.rows["under14"].editor.value() is True, timeout=WAIT_MS)
    assert view.rows["needs_guardian"].editor.label.text() == "Yes"


def test_the_guardian_comes_from_the_cases_last_consent(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    intake = {**example("intake"), "birth_date": _years_ago(11)}
    _save(ctrl, qtbot, "intake", intake, "CASE-C")
    earlier = {"consent_date": _years_ago(1), "subject_name": "김가명",
               "birth_date": intake["birth_date"], "purposes": ["collection_use"],
               "valid_from": _years_ago(1), "valid_until": date.today().isoformat(),
               "refusal_notice_given": True, "consent_method": "paper_form",
               "guardian_name": "김보호", "guardian_relationship": "mother",
               "guardian_phone": "010-0000-0001"}
    done = []
    # The earlier consent written as stored (its signatures do not matter here).
    ctrl.session.submit(lambda v: v.put_record("consent", 1, earlier, case_code="CASE-C"),
                        done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT_MS)
    main.open_editor("consent", "CASE-C")
    view = main.editor.view
    qtbot.waitUntil(lambda: view.rows["guardian_name"].editor.value() == "김보호",
                    timeout=WAIT_MS)
    assert view.rows["guardian_relationship"].editor.value() == "mother"
    assert view.rows["guardian_phone"].editor.value() == "010-0000-0001"
