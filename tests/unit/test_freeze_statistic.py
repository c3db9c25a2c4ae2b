"""The statistic envelope a sealed change carries (desktop/syncing/freeze.statistic_of):
what the server may count. Multichoice statistic fields (crime types, platforms, support
areas) travel as their choices; dates as months; nothing identifying or sensitive."""
from __future__ import annotations

from datetime import date

from desktop.syncing.freeze import statistic_of
from desktop.vault.changelog import Change
from desktop.vault.outgoing import Outgoing
from forms import load_registry
from forms.examples import example_values

TODAY = date(2026, 12, 6)


def _out(form_id: str, values: dict) -> Outgoing:
    reg = load_registry()
    form = reg.latest(form_id)
    change = Change(1, "c1", "d1", 1, "create", "r1", "k1", None, "v1", "2026-12-06T10:00:00Z")
    return Outgoing(change, "create", "r1", "v1", [], form.id, form.version, "k1", None,
                    {"version": {"vals": values}})


def test_multichoice_statistic_fields_travel_as_their_choices():
    reg = load_registry()
    form = reg.latest("incident")
    values = example_values(form, TODAY)
    assert values.get("crime_types"), "the example fills the multichoice"
    stats = statistic_of(reg, _out("incident", values), TODAY)
    assert stats["crime_types"] == ",".join(values["crime_types"])
    if values.get("platforms"):
        assert stats["platforms"] == ",".join(values["platforms"])


def test_no_identifying_or_sensitive_field_and_dates_by_month():
    reg = load_registry()
    for form in reg.all_latest():
        values = example_values(form, TODAY)
        stats = statistic_of(reg, _out(form.id, values), TODAY)
        allowed = {f.id for f in form.top_fields if f.classification == "statistic"}
        allowed |= {f.id for f in form.top_fields for c in getattr(f, "fields", []) or []
                    if c.classification == "statistic"}
        for key, value in stats.items():
            assert key.split(".")[0] in allowed, (form.id, key)
            assert not (isinstance(value, str) and len(value) == 10 and value[4] == "-"
                        and value[7] == "-"), (form.id, key, value)  # no exact dates
