"""Every shipped form: its example is accepted, follows the example rules of the design
brief, and the demo generator produces valid, varied, clearly fake values."""
from __future__ import annotations

import json
import random
import re
from datetime import timedelta

import pytest

from forms import FORM_ORDER, compute_values, validate
from forms.examples import example, fake_values
from forms.field_types import field_type

FORM_IDS = list(FORM_ORDER)


def test_the_ten_forms_exist_in_order(registry):
    assert [f.id for f in registry.all_latest()] == FORM_IDS
    # consent v2 (hash sharing per platform), evidence v2 (takedown requests per recipient)
    assert {f.id: f.version for f in registry.all_latest() if f.version != 1} == {
        "consent": 2, "evidence": 2}
    assert [f.id for f in registry.all_latest() if not f.case_bound] == [
        "outreach_contact", "prevention_class"]


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_example_is_accepted(registry, form_id, ctx, consent_record, today):
    form = registry.latest(form_id)
    values = example(form_id, today=today)
    assert validate(form, values, ctx(consent_record())) == []
    # It is plain JSON: what `forms example ID --json` prints and `record put` reads.
    assert json.loads(json.dumps(values, ensure_ascii=False)) == values


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_example_has_no_files_no_computed_and_only_the_consent_reference(registry, form_id):
    form = registry.latest(form_id)
    values = example(form_id)
    for key, value in values.items():
        field = form.field(key)
        assert field_type(field).in_record       # neither a file nor computed
        if field.type == "reference":
            assert (form_id, key, value) == ("referral", "consent_record", "consent:example")


def test_consent_example_is_an_adult_granting_everything_for_a_year(registry, today):
    values = example("consent", today=today)
    assert set(values["purposes"]) == {"collection_use", "third_party_provision",
                                       "sensitive_info", "hash_sharing"}
    assert set(values["hash_sharing_platforms"]) == {
        c.id for c in registry.choice_list("platforms")}
    assert set(values["recipients"]) == {"police", "prosecution", "court", "hospital",
                                         "deletion", "youth_safety_net"}
    assert values["valid_from"] == today.isoformat()
    assert values["valid_until"] == (today + timedelta(days=365)).isoformat()
    computed = compute_values(registry.latest("consent"), values, today)
    assert computed["needs_guardian"] is False
    assert not any(k.startswith("guardian") for k in values)


def test_fixed_field_ids_others_depend_on(registry):
    consent = registry.latest("consent")
    assert consent.field("signature").type == "signature"
    assert consent.field("guardian_signature").type == "signature"
    assert consent.field("recipients").choice_ids == {
        "police", "prosecution", "court", "hospital", "deletion", "youth_safety_net"}
    assert consent.field("purposes").choice_ids == {
        "collection_use", "third_party_provision", "sensitive_info", "hash_sharing"}
    assert consent.field("hash_sharing_platforms").choices_from == "platforms"
    for fid, ftype in [("valid_from", "date"), ("valid_until", "date"), ("withdrawn", "yesno"),
                       ("withdrawn_date", "date"), ("birth_date", "birthdate"),
                       ("under14", "yesno"), ("guardian_name", "text"),
                       ("guardian_relationship", "choice")]:
        assert consent.field(fid).type == ftype, fid
    referral = registry.latest("referral")
    assert referral.field("consent_record").type == "reference"
    assert referral.field("consent_record").ref_form == "consent"
    assert referral.field("consent_record").required
    assert referral.field("recipient").choice_ids == consent.field("recipients").choice_ids
    assert referral.field("status").choice_ids == {"requested", "accepted", "rejected", "done"}
    session = registry.latest("companion_session")
    for fid in ("date", "start_time", "end_time", "place_type", "place", "workers", "outcome"):
        assert session.field(fid) is not None, fid
    evidence = registry.latest("evidence")
    assert evidence.field("attachment").type == "attachment"
    assert evidence.field("sha256") is None and evidence.field("md5") is None
    assert evidence.field("platform").choices_from == "platforms"
    assert evidence.field("intimate").type == "yesno"
    requests, updates = evidence.field("deletion_requests"), evidence.field("deletion_updates")
    assert requests.child_ids >= {"request_no", "recipient", "platform", "requested_date",
                                  "reference_no", "urls"}
    assert updates.child_ids >= {"request_no", "status", "date"}
    assert updates.child("status").choice_ids == {"removed", "refused", "reuploaded",
                                                  "requested"}
    assert registry.latest("intake").field("support_areas").choice_ids == {
        "investigation", "legal", "medical", "psychological", "deletion"}
    assert registry.latest("incident").field("crime_types").choice_ids == {
        "illegal_filming", "nonconsensual_distribution", "sextortion", "deepfake",
        "online_grooming", "exploitation_material", "conditional_meeting",
        "cyber_harassment", "other"}
    outreach = registry.latest("outreach_contact")
    assert not any(f.classification == "identifying" and not f.visible_if
                   for f in outreach.top_fields), "identifying only when following up"


def test_every_seoul_district_once(registry):
    district = registry.latest("outreach_contact").field("district")
    assert len(district.choices) == 25 == len(district.choice_ids)
    assert all(c.label["ko"].endswith("구") and c.label["en"].endswith("-gu")
               for c in district.choices)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_fake_values_are_valid_and_varied(registry, form_id, ctx, consent_record, today):
    form = registry.latest(form_id)
    rng = random.Random(f"fake-{form_id}")
    drawn = [fake_values(form, rng, today=today) for _ in range(8)]
    for values in drawn:
        assert validate(form, values, ctx(consent_record())) == []
    assert len({json.dumps(v, sort_keys=True) for v in drawn}) >= 6


def test_fake_values_are_reproducible_and_take_overrides_and_refs(registry, today):
    form = registry.latest("referral")
    a = fake_values(form, random.Random(42), today=today, refs={"consent": "r-1"},
                    overrides={"recipient": "hospital"})
    b = fake_values(form, random.Random(42), today=today, refs={"consent": "r-1"},
                    overrides={"recipient": "hospital"})
    assert a == b
    assert a["consent_record"] == "r-1" and a["recipient"] == "hospital"
    assert a["agency_kind"] in ("hospital", "sunflower_center")


def test_fake_data_is_clearly_fake(registry, today):
    rng = random.Random(7)
    text = json.dumps([fake_values(f, rng, today=today) for f in registry.all_latest()
                       for _ in range(5)], ensure_ascii=False)
    for phone in re.findall(r"0\d{1,2}-\d{3,4}-\d{4}", text):
        assert re.fullmatch(r"0\d{1,2}-0000-\d{4}", phone), phone
    for url in re.findall(r"https?://[^\"\s]+", text):
        assert re.match(r"https?://[a-z]+\.example/", url), url
    for email in re.findall(r"[\w.]+@[\w.]+", text):
        assert email.endswith("@example.com"), email


def test_forms_list_summary(registry):
    summary = registry.summary()
    assert [s["id"] for s in summary] == FORM_IDS
    assert summary[0] == {"id": "intake", "version": 1,
                          "title": {"ko": "초기상담", "en": "Intake"}}


def test_statistic_values_hold_only_countable_fields(registry, today):
    from forms import statistic_values
    form = registry.latest("intake")
    stats = statistic_values(form, example("intake", today=today), today)
    assert stats["age_band"] == "age_19_29" and stats["is_minor"] is False
    assert "client_name" not in stats and "summary" not in stats
    assert all(form.field(k).classification == "statistic" for k in stats)
    plan = statistic_values(registry.latest("support_plan"), example("support_plan"), today)
    assert plan["areas"][0] == {"area": "deletion", "status": "in_progress"}
