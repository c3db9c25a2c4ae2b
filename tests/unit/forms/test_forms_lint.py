"""`forms check`: the shipped definitions are clean, and each lint fires on a deliberately
broken copy of them."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from forms import FormDefinitionError, load_registry
from forms.lint import check_dir
from forms.loader import DEFINITIONS_DIR

FIXTURES = Path(__file__).parent / "fixtures"


def edit(folder: Path, name: str, change) -> None:
    path = folder / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def field(data, field_id):
    for section in data["sections"]:
        for f in section["fields"]:
            if f["id"] == field_id:
                return f
    raise KeyError(field_id)


def lint(folder, lang="en", yaml_parity=False):
    # The pure-Python YAML re-read costs ~1 s; only the tests about it pay for it.
    return check_dir(folder, lang=lang, yaml_parity=yaml_parity)


def only(lines, *needles):
    """Exactly one line, containing every needle."""
    assert len(lines) == 1, lines
    for n in needles:
        assert n in lines[0], lines
    return lines[0]


def test_definitions_read_the_same_with_libyaml_and_pure_python():
    # libyaml accepts some unquoted flow scalars (e.g. a '?') that PyYAML refuses; the
    # definitions must not depend on which one a build happens to have.
    files = sorted(DEFINITIONS_DIR.glob("*.yaml")) + sorted(FIXTURES.glob("*.yaml"))
    assert len(files) >= 12
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=yaml.SafeLoader) == yaml.load(
            text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), path.name


def test_shipped_definitions_are_clean():
    assert check_dir(DEFINITIONS_DIR) == []


def test_copy_is_clean_before_breaking_it(defs_copy):
    assert lint(defs_copy) == []


def test_duplicate_form_id_and_version(defs_copy):
    shutil.copy(defs_copy / "intake.v1.yaml", defs_copy / "intake2.v1.yaml")
    lines = lint(defs_copy)
    assert any("intake2.v1.yaml" in x and "does not match" in x for x in lines), lines
    assert any("also defined in intake.v1.yaml" in x for x in lines), lines


def test_file_name_must_match_id_and_version(defs_copy):
    (defs_copy / "consent.v1.yaml").rename(defs_copy / "consent.v3.yaml")
    lines = lint(defs_copy)
    assert any(x.startswith("consent.v3.yaml") and "does not match" in x for x in lines)


def test_badly_named_file(defs_copy):
    shutil.copy(defs_copy / "intake.v1.yaml", defs_copy / "Intake-1.yaml")
    only(lint(defs_copy), "Intake-1.yaml", "<form id>.v<version>.yaml")


def test_duplicate_section_id(defs_copy):
    edit(defs_copy, "intake.v1.yaml",
         lambda d: d["sections"][1].__setitem__("id", d["sections"][0]["id"]))
    only(lint(defs_copy), "intake.v1.yaml", "section contact", "duplicate section id")


def test_duplicate_field_id(defs_copy):
    edit(defs_copy, "intake.v1.yaml",
         lambda d: field(d, "gender").__setitem__("id", "district"))
    assert any("district" in x and "duplicate field id" in x for x in lint(defs_copy))


def test_duplicate_choice_id_inline(defs_copy):
    def change(d):
        choices = field(d, "channel")["choices"]
        choices[1]["id"] = choices[0]["id"]
    edit(defs_copy, "intake.v1.yaml", change)
    only(lint(defs_copy), "intake.v1.yaml", "duplicate choice id 'phone'")


def test_duplicate_choice_id_in_a_shared_list(defs_copy):
    edit(defs_copy, "_choices.yaml",
         lambda d: d["districts"].append(dict(d["districts"][0])))
    only(lint(defs_copy), "_choices.yaml", "duplicate choice id 'jongno'")


def test_missing_english_text(defs_copy):
    edit(defs_copy, "consent.v1.yaml", lambda d: field(d, "withdrawn")["label"].pop("en"))
    only(lint(defs_copy), "consent.v1.yaml", "withdrawn.label.en", "English text is missing")
    only(lint(defs_copy, "ko"), "consent.v1.yaml", "영어 문구가 없습니다")


def test_missing_korean_text_on_a_choice(defs_copy):
    edit(defs_copy, "evidence.v1.yaml",
         lambda d: field(d, "kind")["choices"][0]["label"].__setitem__("ko", " "))
    only(lint(defs_copy), "evidence.v1.yaml", "label.ko", "Korean text is missing")


def test_condition_does_not_parse(defs_copy):
    edit(defs_copy, "incident.v1.yaml",
         lambda d: field(d, "police_station").__setitem__("visible_if", "police_reported =="))
    only(lint(defs_copy), "incident.v1.yaml", "police_station.visible_if", "expression error")


def test_condition_refers_to_unknown_field(defs_copy):
    edit(defs_copy, "incident.v1.yaml",
         lambda d: field(d, "police_station").__setitem__("visible_if", "police == true"))
    only(lint(defs_copy), "police_station.visible_if", "unknown field 'police'")


def test_condition_in_a_row_must_name_its_group(defs_copy):
    def change(d):
        field(d, "offenders")["fields"][1]["visible_if"] = "identified == true"
    edit(defs_copy, "incident.v1.yaml", change)
    only(lint(defs_copy), "offenders[].platform.visible_if", "use offenders[].identified")


def test_check_refers_to_unknown_field(defs_copy):
    edit(defs_copy, "referral.v1.yaml",
         lambda d: d["checks"][0].__setitem__("expr", "status_day >= referral_date"))
    only(lint(defs_copy), "checks.status_after_referral", "unknown field 'status_day'")


def test_computed_cycle(defs_copy):
    def change(d):
        field(d, "age_band")["compute"] = "coalesce(is_minor, age_band_reported)"
    edit(defs_copy, "intake.v1.yaml", change)
    only(lint(defs_copy), "computed fields form a cycle", "age_band -> is_minor -> age_band")


def test_reference_to_unknown_form(defs_copy):
    edit(defs_copy, "referral.v1.yaml",
         lambda d: field(d, "consent_record").__setitem__("ref_form", "consents"))
    lines = lint(defs_copy)
    assert any("consent_record.ref_form" in x and "unknown form 'consents'" in x
               for x in lines), lines


def v2_of(defs_copy, change):
    shutil.copy(FIXTURES / "intake.v2.yaml", defs_copy / "intake.v2.yaml")
    edit(defs_copy, "intake.v2.yaml", change)


def test_choice_id_removed_in_a_new_version(defs_copy):
    def change(d):
        field(d, "urgency")["choices"].pop()  # drops "low"
    v2_of(defs_copy, change)
    only(lint(defs_copy), "intake.v2.yaml", "choice 'low' of v1 was removed")


def test_choice_relabeled_with_a_different_id(defs_copy):
    def change(d):
        field(d, "urgency")["choices"][3]["id"] = "minor"  # same labels as "low"
    v2_of(defs_copy, change)
    only(lint(defs_copy), "intake.v2.yaml", "choice 'low' was given a new id 'minor'")


def test_field_removed_without_a_migration_step(defs_copy):
    def change(d):
        d["migration"]["steps"] = [s for s in d["migration"]["steps"] if "drop" not in s]
    v2_of(defs_copy, change)
    only(lint(defs_copy), "intake.v2.yaml", "field 'school_status' of v1 is gone")


def test_migration_naming_a_missing_field(defs_copy):
    v2_of(defs_copy, lambda d: d["migration"]["steps"].append({"drop": "no_such_field"}))
    only(lint(defs_copy), "migration.drop no_such_field", "missing from the old or the new")


def test_version_gap(defs_copy):
    shutil.copy(FIXTURES / "intake.v2.yaml", defs_copy / "intake.v3.yaml")
    edit(defs_copy, "intake.v3.yaml", lambda d: (d.__setitem__("version", 3),
                                                d["migration"].__setitem__("from_version", 2)))
    lines = lint(defs_copy)
    assert any("intake.v3.yaml" in x and "version 2 is missing" in x for x in lines), lines


def test_unknown_key_and_unknown_type(defs_copy):
    def change(d):
        field(d, "summary")["requird"] = True
        field(d, "urgency")["type"] = "dropdown"
    edit(defs_copy, "intake.v1.yaml", change)
    lines = lint(defs_copy)
    assert any("summary.requird" in x and "unknown key" in x for x in lines), lines
    assert any("urgency.type" in x and "unknown field type 'dropdown'" in x for x in lines)


def test_example_must_validate(defs_copy):
    edit(defs_copy, "case_closure.v1.yaml", lambda d: field(d, "worker").pop("example"))
    only(lint(defs_copy), "case_closure.v1.yaml", "example worker", "required")


def test_yaml_syntax_error(defs_copy):
    (defs_copy / "incident.v1.yaml").write_text("id: incident\n  version: [1\n",
                                                encoding="utf-8")
    only(lint(defs_copy), "incident.v1.yaml", "YAML syntax error")


def test_missing_folder(tmp_path):
    only(lint(tmp_path / "nope"), "no such folder")


def test_loading_a_broken_folder_raises_with_every_problem(defs_copy):
    edit(defs_copy, "consent.v1.yaml", lambda d: field(d, "withdrawn")["label"].pop("en"))
    with pytest.raises(FormDefinitionError) as err:
        load_registry(defs_copy)
    assert any("withdrawn.label.en" in x for x in err.value.lines("en"))
    assert any("영어 문구" in x for x in err.value.lines("ko"))


def test_computed_field_must_not_depend_on_today(defs_copy):
    edit(defs_copy, "incident.v1.yaml", lambda d: field(d, "days_to_report").__setitem__(
        "compute", "days_between(occurred_date, today())"))
    only(lint(defs_copy), "days_to_report.compute", "today()")


def test_text_that_only_libyaml_accepts(defs_copy):
    path = defs_copy / "consent.v1.yaml"
    text = path.read_text(encoding="utf-8")
    quoted = '{ko: "만 14세 미만입니까?", en: "Is the person under 14?"}'
    assert quoted in text
    path.write_text(text.replace(quoted, "{ko: 만 14세 미만입니까?, en: Is the person under 14?}"),
                    encoding="utf-8")
    only(lint(defs_copy, yaml_parity=True), "consent.v1.yaml", "quote text")
