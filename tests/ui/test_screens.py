"""The screens of issue 4 not covered by the whole-flow test, on real widgets and a real
vault: case-list filters and sort, editing makes a new version with the earlier one still
viewable, conditional fields and required markers, autosave (timer and focus change), the
dashboard's charts, the privacy-mode default from the settings."""
from __future__ import annotations

from PySide6.QtCore import QDate, Qt

from tests.ui.helpers import WAIT_MS, WORKER, fill, type_into, unlock, wait_idle
from ui.record_editor import AUTOSAVE_MS


def _submit(ctrl, qtbot, op):
    out = []
    ctrl.session.submit(op, out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=WAIT_MS)
    return out[0]


def _three_cases(vault):
    """A: open, investigation support, illegal filming; B: closed, legal support,
    sextortion; C: open, no intake or incident."""
    codes = []
    for status, area, crime in (("open", "investigation", "illegal_filming"),
                                ("closed", "legal", "sextortion"), ("open", None, None)):
        code = vault.create_case().code
        if area:
            vault.put_record("intake", 1, {"client_name": "가명", "support_areas": [area]},
                             case_code=code)
            vault.put_record("incident", 1, {"crime_types": [crime]}, case_code=code)
        if status == "closed":
            vault.set_case_status(code, "closed")
        codes.append(code)
    return codes


def _shown(cases) -> list[str]:
    m = cases.model
    return [m.code_at(r) for r in range(m.total())]


def test_case_list_filters_and_sort(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    a, b, c = _submit(ctrl, qtbot, _three_cases)
    main.cases.reload()
    wait_idle(ctrl, qtbot)
    cases = main.cases
    assert sorted(_shown(cases)) == sorted([a, b, c])

    def choose(combo, data):
        combo.setCurrentIndex(combo.findData(data))
        wait_idle(ctrl, qtbot)

    choose(cases.status, "closed")
    assert _shown(cases) == [b]
    assert cases.count.text() == "1 cases"
    choose(cases.status, None)
    choose(cases.area, "investigation")
    assert _shown(cases) == [a]
    choose(cases.area, None)
    choose(cases.crime, "sextortion")
    assert _shown(cases) == [b]
    choose(cases.crime, None)

    today = QDate.currentDate()
    cases.date_from.setDate(today.addDays(1))  # opened from tomorrow: none yet
    wait_idle(ctrl, qtbot)
    assert _shown(cases) == []
    cases.date_from.setDate(today.addDays(-1))
    cases.date_to.setDate(today.addDays(1))
    wait_idle(ctrl, qtbot)
    assert sorted(_shown(cases)) == sorted([a, b, c])
    qtbot.mouseClick(cases.clear_filters, Qt.MouseButton.LeftButton)
    wait_idle(ctrl, qtbot)
    assert cases.filter.is_empty()

    # Sort by the case code column, both ways (the header's indicator drives it).
    cases.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    wait_idle(ctrl, qtbot)
    assert _shown(cases) == sorted([a, b, c])
    cases.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    wait_idle(ctrl, qtbot)
    assert _shown(cases) == sorted([a, b, c], reverse=True)


def test_edit_makes_a_new_version_and_the_earlier_one_stays_viewable(make_ctrl, vault_home,
                                                                     qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)

    def op(vault):
        code = vault.create_case().code
        vault.put_record("evidence", 1, {"title": "first title", "kind": "chat_log",
                                         "found_date": "2026-03-02",
                                         "deletion_status": "not_requested"}, case_code=code)
        return code
    code = _submit(ctrl, qtbot, op)
    main.open_case(code)
    wait_idle(ctrl, qtbot)
    cv = main.case_view
    assert cv.current is not None and cv.current.form == "evidence"
    qtbot.mouseClick(cv.edit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main.editor is not None, timeout=WAIT_MS)
    type_into(qtbot, main.editor.view.rows["title"].editor, "second title")
    ed = main.editor
    ed.finalise_record()
    qtbot.waitUntil(lambda: not ed.finalising, timeout=WAIT_MS)
    assert main.editor is None, [p.path for p in ed.last_problems]
    # The case view reloads, then loads the selected record's versions: two steps.
    qtbot.waitUntil(lambda: main.case_view is not None and main.case_view.version.count() == 2,
                    timeout=WAIT_MS)
    cv = main.case_view
    assert "Version 2 of 2" in cv.version.currentText()
    assert cv.current.values["title"] == "second title"
    cv.version.setCurrentIndex(0)  # the earlier version, as the worker picks it
    assert cv.current.version == 1 and cv.current.values["title"] == "first title"
    assert len(cv.timeline.records) == 1  # one record, two versions


def test_conditional_field_and_required_marker_follow_the_values(make_ctrl, vault_home,
                                                                 qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    qtbot.mouseClick(main.cases.new_case, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main.editor is not None, timeout=WAIT_MS)
    view = main.editor.view
    band = view.rows["age_band_reported"]  # visible and required while the birth date is empty
    assert band.is_visible() and band.label.text().endswith(" *")
    fill(view, {"birth_date": "2010-03-04"})
    assert not band.is_visible() and not band.label.isVisibleTo(view)
    computed = view.rows["age_band"].editor.label.text()
    assert computed not in ("", "—")  # the age band is now computed from the birth date
    fill(view, {"birth_date": None})
    assert band.is_visible() and band.label.isVisibleTo(view)
    assert view.rows["age_band"].editor.label.text() == "—"
    main.editor.dirty = False


def _draft_values(ctrl, qtbot):
    drafts = _submit(ctrl, qtbot, lambda v: v.list_drafts())
    return [d.payload["values"] for d in drafts]


def test_autosave_every_few_seconds_and_on_focus_change(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    code = _submit(ctrl, qtbot, lambda v: v.create_case().code)
    main.open_editor("evidence", code)
    ed = main.editor
    title = ed.view.rows["title"].editor
    type_into(qtbot, title, "typed, then left alone")
    assert ed.dirty
    qtbot.wait(AUTOSAVE_MS + 500)  # no key, no focus change: the timer saves it
    wait_idle(ctrl, qtbot)
    assert not ed.dirty
    assert [v.get("title") for v in _draft_values(ctrl, qtbot)] == ["typed, then left alone"]

    ed._autosave.stop()  # now only the focus change may save
    type_into(qtbot, title, "moved on")
    assert ed.dirty
    ed.view.rows["description"].editor.focus_target().setFocus()
    qtbot.waitUntil(lambda: not ed.dirty, timeout=WAIT_MS)
    wait_idle(ctrl, qtbot)
    assert [v.get("title") for v in _draft_values(ctrl, qtbot)] == ["moved on"]
    ed.dirty = False


def test_dashboard_draws_the_workers_own_figures(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    month = QDate.currentDate().toString("yyyy-MM-dd")

    def op(vault):
        _three_cases(vault)
        code = vault.create_case().code
        vault.put_record("companion_session", 1, {"date": month}, case_code=code)
        vault.put_record("outreach_contact", 1, {"district": "mapo"})
        vault.put_record("outreach_contact", 1, {"district": "mapo"})
    _submit(ctrl, qtbot, op)
    main.show_page("dashboard")
    wait_idle(ctrl, qtbot)
    dash = main.page("dashboard")
    assert dash.summary.text() == "4 cases, 3 open"
    assert dict(dash.crime.items) == {"Illegal filming": 1, "Threats to distribute "
                                      "(sextortion)": 1}
    assert dict(dash.area.items) == {"Investigation support": 1, "Legal support": 1}
    assert len(dash.sessions.items) == 12 and dash.sessions.items[-1][1] == 1
    assert dash.districts.items == [("Mapo-gu", 2)]
    # Drawn, not just counted: the chart paints bars in the palette's highlight colour.
    dash.resize(1000, 700)
    image = dash.districts.grab().toImage()
    bar = dash.districts.palette().color(dash.districts.palette().ColorRole.Highlight).rgb()
    assert any(image.pixel(x, y) == bar for x in range(0, image.width(), 3)
               for y in range(0, image.height(), 3))
    assert "Mapo-gu: 2" in dash.districts.accessibleDescription()


def test_privacy_default_from_settings_masks_new_forms(make_ctrl, vault_home, qtbot):
    ctrl = make_ctrl("en")
    main = unlock(ctrl, qtbot)
    wait_idle(ctrl, qtbot)
    # The outreach flow starts masked whatever the default is.
    main.quick_log()
    assert main.editor.privacy.isChecked()
    main.editor.dirty = False
    main._close_editor_widget()

    main.show_page("settings")
    settings = main.page("settings")
    assert not settings.privacy.isChecked()
    settings.privacy.setChecked(True)
    qtbot.mouseClick(settings.apply, Qt.MouseButton.LeftButton)
    wait_idle(ctrl, qtbot)
    ctrl.lock("manual")
    main = unlock(ctrl, qtbot)  # read back from the vault
    wait_idle(ctrl, qtbot)
    assert main.privacy_on
    code = _submit(ctrl, qtbot, lambda v: v.create_case().code)
    main.open_editor("intake", code)
    row = main.editor.view.rows["client_name"]
    type_into(qtbot, row.editor, "이수아")
    main.editor.view.rows["contact_phone"].editor.focus_target().setFocus()
    qtbot.waitUntil(row.is_masked, timeout=WAIT_MS)
    assert WORKER not in row.cover.text() and "이수아" not in row.cover.text()
    main.editor.dirty = False
