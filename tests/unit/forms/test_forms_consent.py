"""Consent in effect (signed, not withdrawn, within its period, guardian for under 14) and
the referral's consent gate."""
from __future__ import annotations

from datetime import timedelta

import pytest

from forms import consent_covers, consent_status, validate
from forms.examples import example


def status_codes(values, today, **kw):
    kw.setdefault("signed", True)
    return [p.code for p in consent_status(values, today=today, **kw).reasons]


def test_signed_adult_example_is_in_effect_and_covers_everything(today):
    status = consent_status(example("consent", today=today), signed=True, today=today)
    assert status.in_effect and status.reasons == []
    assert status.needs_guardian is False
    for recipient in ("police", "prosecution", "court", "hospital", "deletion",
                      "youth_safety_net"):
        assert consent_covers(status, recipient)
    assert not consent_covers(status, "newspaper")


def test_unsigned_withdrawn_expired_not_yet_valid(today):
    values = example("consent", today=today)
    assert status_codes(values, today, signed=False) == ["consent_unsigned"]
    assert status_codes(values | {"withdrawn": True, "withdrawn_date": today.isoformat()},
                        today) == ["consent_withdrawn"]
    assert status_codes(values, today + timedelta(days=366)) == ["consent_expired"]
    assert status_codes(values, today - timedelta(days=1)) == ["consent_not_yet_valid"]
    assert status_codes(values | {"valid_until": None}, today) == ["consent_no_period"]
    # The last day of the period still counts.
    assert status_codes(values, today + timedelta(days=365)) == []


def test_consent_covers_needs_the_recipient_and_the_purposes(today):
    values = example("consent", today=today) | {"recipients": ["police"],
                                               "purposes": ["collection_use",
                                                            "third_party_provision"]}
    status = consent_status(values, signed=True, today=today)
    assert status.in_effect
    assert not consent_covers(status, "court")
    assert not consent_covers(status, "police")  # sensitive information not consented
    assert consent_covers(status, "police", purposes=["third_party_provision"])


def under14_values(today):
    values = example("consent", today=today)
    values["birth_date"] = (today - timedelta(days=365 * 10)).isoformat()
    return values


def test_under_14_without_guardian_is_refused(registry, today):
    values = under14_values(today)
    found = {(p.path, p.code) for p in validate(registry.latest("consent"), values)}
    assert found == {("guardian_name", "required"), ("guardian_relationship", "required")}
    assert set(status_codes(values, today)) == {"consent_guardian_missing",
                                                 "consent_guardian_unsigned"}


def test_under_14_with_guardian_needs_the_guardians_signature_too(registry, ctx, today):
    values = under14_values(today) | {"guardian_name": "김보호",
                                      "guardian_relationship": "mother"}
    form = registry.latest("consent")
    assert validate(form, values) == []
    only_child = validate(form, values, ctx(attached={"signature"}))
    assert [(p.path, p.code) for p in only_child] == [("guardian_signature", "required")]
    assert validate(form, values, ctx(attached={"signature", "guardian_signature"})) == []
    assert status_codes(values, today) == ["consent_guardian_unsigned"]
    assert status_codes(values, today, signed_fields={"guardian_signature"}) == []


def test_age_known_only_as_under14_answer(registry, today):
    form = registry.latest("consent")
    values = example("consent", today=today)
    del values["birth_date"]
    assert [(p.path, p.code) for p in validate(form, values)] == [("under14", "required")]
    assert status_codes(values, today) == ["consent_age_unknown"]
    assert status_codes(values | {"under14": False}, today) == []
    child = values | {"under14": True}
    assert {p.path for p in validate(form, child)} == {"guardian_name", "guardian_relationship"}


def test_age_is_taken_on_the_consent_date(today):
    values = example("consent", today=today)
    values["consent_date"] = values["valid_from"] = "2020-03-01"
    values["birth_date"] = "2006-03-02"  # 13 on the day of consent, adult today
    assert consent_status(values, signed=True, today=today).needs_guardian is True


def test_guardian_fields_for_an_adult_are_refused(registry, today):
    values = example("consent", today=today) | {"guardian_name": "김보호"}
    [p] = validate(registry.latest("consent"), values)
    assert (p.path, p.code) == ("guardian_name", "hidden_value")


@pytest.mark.parametrize("values", [None, [], {"withdrawn": "yes"}, {"valid_from": 3}])
def test_consent_status_never_raises(values, today):
    assert consent_status(values, signed=True, today=today).in_effect is False


# --- the referral gate -------------------------------------------------------------------

def referral_problems(registry, ctx, *records, case="TEST-2026-0001", **changes):
    values = example("referral") | changes
    return [(p.path, p.code) for p in validate(registry.latest("referral"), values,
                                               ctx(*records, case=case))]


def test_referral_with_a_covering_consent_is_accepted(registry, ctx, consent_record):
    assert referral_problems(registry, ctx, consent_record()) == []


def test_referral_whose_consent_does_not_cover_the_recipient(registry, ctx, consent_record,
                                                             today):
    values = example("consent", today=today) | {"recipients": ["hospital"]}
    assert referral_problems(registry, ctx, consent_record(values)) == [
        ("consent_record", "consent_not_covering")]


def test_referral_whose_consent_lacks_a_purpose(registry, ctx, consent_record, today):
    values = example("consent", today=today) | {"purposes": ["collection_use",
                                                             "third_party_provision"]}
    assert referral_problems(registry, ctx, consent_record(values)) == [
        ("consent_record", "consent_purpose_missing")]


def test_referral_whose_consent_is_unsigned(registry, ctx, consent_record):
    found = referral_problems(registry, ctx, consent_record(signed=False))
    assert found == [("consent_record", "consent_unsigned")]


def test_referral_whose_consent_is_withdrawn(registry, ctx, consent_record, today):
    values = example("consent", today=today) | {"withdrawn": True,
                                               "withdrawn_date": today.isoformat()}
    found = referral_problems(registry, ctx, consent_record(values))
    assert found == [("consent_record", "consent_withdrawn")]


def test_referral_whose_consent_is_of_another_case_or_not_a_consent(registry, ctx,
                                                                    consent_record):
    assert referral_problems(registry, ctx, consent_record(case="OTHER-1")) == [
        ("consent_record", "ref_other_case")]
    assert referral_problems(registry, ctx, consent_record(form="intake")) == [
        ("consent_record", "ref_wrong_form")]
    assert referral_problems(registry, ctx) == [("consent_record", "ref_missing")]


def test_referral_of_an_under14_consent_without_guardian_signature(registry, ctx,
                                                                   consent_record, today):
    values = under14_values(today) | {"guardian_name": "김보호",
                                      "guardian_relationship": "father"}
    assert referral_problems(registry, ctx, consent_record(values)) == [
        ("consent_record", "consent_guardian_unsigned")]
    ok = consent_record(values, signed_fields={"signature", "guardian_signature"})
    assert referral_problems(registry, ctx, ok) == []


def test_referral_messages_explain_the_consent(registry, ctx, consent_record):
    values = example("referral")
    [p] = validate(registry.latest("referral"), values, ctx(consent_record(signed=False)))
    assert "동의서" in p.message_ko and "서명" in p.message_ko
    assert "signature" in p.message_en
