"""Versions: a record keeps validating against its own version after a new one exists,
and the declared migration carries it forward when a worker edits it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from forms import MigrationError, load_registry, validate
from forms.examples import example_values
from forms.lint import check_dir
from forms.migrate import migrate

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def v2_registry(defs_copy):
    shutil.copy(FIXTURES / "intake.v2.yaml", defs_copy / "intake.v2.yaml")
    return load_registry(defs_copy)


def old_record(registry, today):
    values = example_values(registry.get("intake", 1), today)
    values.update(channel="outreach_bus", school_status="high")
    return values


def test_the_shipped_definitions_hold_no_test_version(registry):
    assert registry.versions("intake") == [1]


def test_v1_record_still_validates_after_v2_exists(v2_registry, today):
    assert v2_registry.versions("intake") == [1, 2]
    assert v2_registry.latest("intake").version == 2
    v1 = v2_registry.get("intake", 1)
    record = old_record(v2_registry, today)
    assert validate(v1, record) == []
    # Against v2 the same values are not valid: that is why records keep their version.
    codes = {(p.path, p.code) for p in validate(v2_registry.latest("intake"), record)}
    assert ("client_name", "unknown_field") in codes
    assert ("channel", "unknown_choice") in codes


def test_v1_still_renders_its_own_labels(v2_registry):
    v1 = v2_registry.get("intake", 1)
    assert v1.field("client_name").label["ko"] == "이름(가명 가능)"
    assert v1.field("channel").choice("outreach_bus").label["en"] == "Outreach bus"
    assert v1.field("school_status") is not None


def test_migration_applies_on_edit(v2_registry, today):
    v1, v2 = v2_registry.get("intake", 1), v2_registry.get("intake", 2)
    record = old_record(v2_registry, today)
    moved = migrate(record, v1, v2)
    assert moved["client_alias"] == record["client_name"] and "client_name" not in moved
    assert moved["channel"] == "outreach"
    assert "school_status" not in moved
    assert moved["interpreter_needed"] is False
    assert validate(v2, moved) == []
    assert record["channel"] == "outreach_bus"  # the stored version is untouched


def test_migration_keeps_answers_it_has_no_step_for(v2_registry, today):
    v1, v2 = v2_registry.get("intake", 1), v2_registry.get("intake", 2)
    record = old_record(v2_registry, today) | {"channel": "phone"}
    assert migrate(record, v1, v2)["channel"] == "phone"


def test_migration_refuses_wrong_directions(v2_registry):
    v1, v2 = v2_registry.get("intake", 1), v2_registry.get("intake", 2)
    with pytest.raises(MigrationError):
        migrate({}, v2, v1)
    with pytest.raises(MigrationError) as err:
        migrate({}, v1, v2_registry.get("consent", 1))
    assert err.value.lines("en") and err.value.lines("ko")
    assert migrate({"a": 1}, v1, v1) == {"a": 1}


def test_a_folder_with_both_versions_passes_the_linter(v2_registry):
    assert check_dir(v2_registry.path) == []


def test_migration_steps_reach_into_group_rows():
    from forms.model import FieldDef, FormDef, Migration, MigrationStep, Section

    def form(version, migration=None):
        return FormDef(id="t", version=version, title={}, description={}, case_bound=False,
                       sections=[Section("s", {}, [FieldDef("g", "group", {})])],
                       migration=migration)

    steps = [MigrationStep("rename", "g[].a", to="b"),
             MigrationStep("map_choices", "g[].kind", mapping={"old": "new"}),
             MigrationStep("set_default", "g[].flag", value=False),
             MigrationStep("drop", "g[].gone")]
    values = {"g": [{"a": 1, "kind": ["old", "new", "x"], "gone": 2}, {"flag": True}, "junk"]}
    moved = migrate(values, form(1), form(2, Migration(1, steps)))
    assert moved["g"] == [{"b": 1, "kind": ["new", "x"], "flag": False}, {"flag": True},
                          "junk"]
    with pytest.raises(MigrationError):  # v1 -> v3 needs v2 from a registry
        migrate(values, form(1), form(3, Migration(2, [])))
