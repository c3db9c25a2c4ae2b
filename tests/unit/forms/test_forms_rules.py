"""Each kind of rule, violated once, is reported with its code at the right path — and the
same record without the violation is accepted."""
from __future__ import annotations

import copy

import pytest

from forms import validate
from forms.examples import example


def problems(registry, form_id, change, ctx=None, today=None):
    values = example(form_id, today=today)
    change(values)
    return [(p.path, p.code) for p in validate(registry.latest(form_id), values, ctx)]


def setter(**kv):
    return lambda v: v.update(kv)


def remover(*keys):
    def change(v):
        for k in keys:
            v.pop(k, None)
    return change


def row(group, i, **kv):
    def change(v):
        v[group][i].update(kv)
    return change


CASES = [
    # (form, change, expected (path, code))
    ("intake", remover("summary"), ("summary", "required")),
    ("intake", setter(summary="   "), ("summary", "required")),
    ("intake", remover("birth_date"), ("age_band_reported", "required")),  # required_if
    ("intake", setter(channel="referral"), ("referred_by", "required")),
    ("intake", setter(referred_by="예시구 가족센터"), ("referred_by", "hidden_value")),
    ("intake", setter(summary="짧음"), ("summary", "too_short")),
    ("intake", setter(worker="가" * 51), ("worker", "too_long")),
    ("intake", setter(intake_date="2026-02-30"), ("intake_date", "invalid_date")),
    ("intake", setter(intake_date="2999-01-01"), ("intake_date", "future_date")),
    ("intake", setter(birth_date="1899-12-31"), ("birth_date", "too_early")),
    ("intake", setter(birth_date="2999-01-01"), ("birth_date", "future_date")),
    ("intake", setter(contact_phone="010-123-45"), ("contact_phone", "invalid_phone")),
    ("intake", setter(safe_contact_method="email", contact_email="not-an-email"),
     ("contact_email", "invalid_email")),
    ("intake", setter(channel="fax"), ("channel", "unknown_choice")),
    ("intake", setter(district="busan"), ("district", "unknown_choice")),
    ("intake", setter(support_areas=["legal", "legal"]), ("support_areas", "duplicate_choice")),
    ("intake", setter(support_areas=[]), ("support_areas", "required")),
    ("intake", setter(support_areas="legal"), ("support_areas", "type_list")),
    ("intake", setter(immediate_danger="no"), ("immediate_danger", "type_yesno")),
    ("intake", setter(worker=7), ("worker", "type_text")),
    ("intake", setter(age_band="age_19_29"), ("age_band", "computed_input")),
    ("intake", setter(nickname="x"), ("nickname", "unknown_field")),
    ("intake", setter(next_contact_date="2000-01-01"),
     ("next_contact_date", "check.next_contact_after_intake")),
    ("consent", setter(signature="data:image/png;base64,AAAA"), ("signature", "file_in_values")),
    ("consent", setter(valid_until="2000-01-01"), ("valid_until", "check.period_in_order")),
    ("incident", setter(occurred_date="2000-01-01", discovered_date="1999-01-01"),
     ("discovered_date", "check.discovered_after_occurred")),
    ("incident", row("offenders", 0, account_url="sns.example/x"),
     ("offenders[0].account_url", "pattern")),
    ("incident", row("offenders", 0, platform="myspace"),
     ("offenders[0].platform", "unknown_choice")),
    ("incident", row("offenders", 0, alias=""), ("offenders[0].alias", "required")),
    ("incident", row("offenders", 0, age=30), ("offenders[0].age", "unknown_field")),
    ("incident", row("offenders", 0, alias="   "), ("offenders[0].alias", "required")),
    ("incident", row("offenders", 0, notes="가" * 501), ("offenders[0].notes", "too_long")),
    ("incident", row("offenders", 0, identified="yes"), ("offenders[0].identified",
                                                         "type_yesno")),
    ("prevention_class", row("participants", 0, students=True),
     ("participants[0].students", "type_integer")),
    ("prevention_class", row("participants", 1, grade="middle_1"),
     ("participants[1].grade", "not_unique")),
    ("incident", setter(offenders=[{"alias": "a"}, "b"]), ("offenders[1]", "type_row")),
    ("incident", setter(offenders={"alias": "a"}), ("offenders", "type_list")),
    ("incident", setter(offenders_known=False), ("offenders", "hidden_value")),
    ("incident", setter(offenders=[{"alias": f"a{i}"} for i in range(101)]),
     ("offenders", "too_many")),
    ("support_plan", setter(areas=[]), ("areas", "required")),
    ("support_plan", row("areas", 1, area="deletion"), ("areas[1].area", "not_unique")),
    ("support_plan", row("areas", 2, next_review_date="2026-13-01"),
     ("areas[2].next_review_date", "invalid_date")),
    ("companion_session", setter(start_time="25:00"), ("start_time", "invalid_time")),
    ("companion_session", setter(start_time="17:00"), ("end_time", "check.end_after_start")),
    ("companion_session", setter(victim_condition="crisis", victim_state=None),
     ("victim_state", "required")),
    ("companion_session", setter(workers=[]), ("workers", "required")),
    ("outreach_contact", setter(contact_time="2026-01-01 10:00"),
     ("contact_time", "invalid_datetime")),
    ("outreach_contact", setter(group_size=0), ("group_size", "too_small")),
    ("outreach_contact", setter(group_size=31), ("group_size", "too_large")),
    ("outreach_contact", setter(group_size=2.5), ("group_size", "type_integer")),
    ("outreach_contact", setter(group_size=True), ("group_size", "type_integer")),
    ("outreach_contact", setter(age_band="age_200"), ("age_band", "unknown_choice")),
    ("prevention_class", setter(satisfaction=5.5), ("satisfaction", "too_large")),
    ("prevention_class", setter(satisfaction="4.5"), ("satisfaction", "type_number")),
    ("prevention_class", row("participants", 0, students=0),
     ("participants[0].students", "too_small")),
    ("prevention_class", setter(total_participants=10), ("total_participants",
                                                         "computed_input")),
    ("referral", setter(agency_kind="court"), ("agency_kind", "check.agency_matches_recipient")),
    ("referral", setter(consent_record="../../etc/passwd"), ("consent_record", "ref_invalid")),
    ("case_closure", setter(outcomes=[{"area": "legal", "outcome": "resolved"}] * 6),
     ("outcomes", "too_many")),
    ("evidence", setter(kind="url", urls=[]), ("urls", "required")),
    ("evidence", row("deletion_requests", 1, recipient="search_engine", platform=None),
     ("deletion_requests[1].platform", "required")),
    ("evidence", row("deletion_updates", 0, request_no=7),
     ("deletion_updates[0].request_no", "check.update_names_a_request")),
    ("evidence", row("deletion_updates", 0, status="gone"),
     ("deletion_updates[0].status", "unknown_choice")),
]


@pytest.mark.parametrize("form_id,change,expected", CASES,
                         ids=[f"{c[0]}-{c[2][0]}-{c[2][1]}" for c in CASES])
def test_rule_violation_is_reported_at_its_path(registry, form_id, change, expected):
    found = problems(registry, form_id, change)
    assert expected in found, found


def test_messages_are_korean_and_english_and_name_the_row_from_one(registry):
    values = example("incident")
    values["offenders"].append({"alias": "b", "platform": "myspace"})
    [p] = validate(registry.latest("incident"), values)
    assert p.path == "offenders[1].platform"
    assert p.message_ko.startswith("가해자 정보(2번째) › 플랫폼:")
    assert p.message_en.startswith("Offenders (#2) › Platform:")
    assert p.message("en") == p.message_en and p.message() == p.message_ko


def test_every_problem_is_reported_not_just_the_first(registry):
    values = example("intake")
    values.update(summary=None, channel="fax", extra=1)
    codes = {(p.path, p.code) for p in validate(registry.latest("intake"), values)}
    assert {("summary", "required"), ("channel", "unknown_choice"),
            ("extra", "unknown_field")} <= codes


@pytest.mark.parametrize("text", [
    "주민번호는 900101-1234568 입니다",      # valid check digit, hyphen
    "9001011234568",                           # valid check digit, no hyphen
    "0101014234560 적어둠",                    # born 2001 (sex digit 4)
    "９００１０１－１２３４５６８",              # full-width digits and dash
    "주민번호 211215-3123456",                 # post-2020 style: no checksum, hyphenated
])
def test_resident_registration_number_is_refused(registry, text):
    values = example("intake")
    values["summary"] = "상담 내용 기록: " + text
    found = validate(registry.latest("intake"), values)
    [p] = [p for p in found if p.path == "summary"]
    assert p.code in ("rrn", "rrn_shape")
    assert "24조의2" in p.message_ko and "24-2" in p.message_en
    assert text not in p.message_ko and "1234" not in p.message_en


@pytest.mark.parametrize("text", [
    "9001011234567",            # check digit wrong, no hyphen: could be anything
    "사건번호 2026-000123",
    "연락처 010-0000-1234",
    "901301-1234567",           # month 13: not a birth date
    "계좌 123456-78-901234",
])
def test_numbers_that_are_not_resident_numbers_pass(registry, text):
    values = example("intake")
    values["summary"] = "상담 내용 기록: " + text
    assert validate(registry.latest("intake"), values) == []


def test_rrn_is_refused_in_group_rows_too(registry):
    values = example("incident")
    values["offenders"][0]["notes"] = "가해자 주민번호 900101-1234568"
    [p] = validate(registry.latest("incident"), values)
    assert (p.path, p.code) == ("offenders[0].notes", "rrn")


def test_hidden_fields_values_are_refused_and_empty_ones_tolerated(registry):
    form = registry.latest("incident")
    values = example("incident")
    values.update(police_reported=False, police_station=None, police_case_number="",
                  report_date=None)
    assert validate(form, values) == []


def test_attachments_are_checked_only_when_the_caller_says_which_exist(registry, ctx):
    form = registry.latest("consent")
    values = example("consent")
    assert validate(form, values) == []
    missing = validate(form, values, ctx(attached=set()))
    assert [(p.path, p.code) for p in missing] == [("signature", "required")]
    assert validate(form, values, ctx(attached={"signature"})) == []


def test_validate_does_not_change_its_input(registry):
    values = example("incident")
    values["offenders"][0]["platform"] = "nope"
    before = copy.deepcopy(values)
    validate(registry.latest("incident"), values)
    assert values == before


@pytest.mark.parametrize("values", [None, [], "text", 3, True])
def test_non_object_values(registry, values):
    [p] = validate(registry.latest("intake"), values)
    assert (p.path, p.code) == ("", "not_object")


def test_env_has_typed_rows_for_every_group_unless_validation_skips_them(registry, today):
    # The UI's renderer walks env.rows of every group to set required markers.
    from forms.evaluation import build_env

    form = registry.latest("incident")
    values = example("incident", today=today)
    assert len(build_env(form, values, today).rows["offenders"]) == 1
    assert "offenders" not in build_env(form, values, today, skip_static_groups=True).rows
